"""The embeddable view: a standalone page with the catalog's table alone."""

from __future__ import annotations

from kb.catalog import KnowledgeBase
from kb.embedview import embed_page
from kb.pages import SCRIPTS, STYLES


def test_a_standalone_page_with_the_table_and_no_site_chrome(loaded: KnowledgeBase) -> None:
    assets = tuple(f"assets/kb/{a}" for a in (*STYLES, *SCRIPTS))
    html = embed_page(loaded, "annotation-vendors", "Test <KB>", assets)
    assert html.startswith("<!doctype html>")
    assert "<title>Annotation vendors · Test &lt;KB&gt;</title>" in html
    assert '<table data-kb-catalog="annotation-vendors">' in html
    assert '<tr data-kb-id="label-tool"' in html
    assert 'data-kb-state="url"' in html  # reads q, facets and sort from its own address
    assert 'href="../../annotation-vendors/label-tool/"' in html
    assert '<script src="../../assets/kb/embed.js"></script>' in html
    assert '<link rel="stylesheet" href="../../assets/kb/table.css">' in html
    assert "<base" not in html
    assert "md-header" not in html and "md-nav" not in html
