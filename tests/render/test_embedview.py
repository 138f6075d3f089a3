"""The embeddable view: a standalone page with the catalog's table alone."""

from __future__ import annotations

import re

from markupsafe import Markup

from kb.data.catalog import KnowledgeBase
from kb.outputs.pages import SCRIPTS, STYLES
from kb.render.embedview import embed_page, relocate
from kb.render.urls import Linker
from kb.render.views import catalog_page


def test_a_standalone_page_with_the_table_and_no_site_chrome(loaded: KnowledgeBase) -> None:
    assets = tuple(f"assets/kb/{a}" for a in (*STYLES, *SCRIPTS))
    html = embed_page(loaded, "annotation-vendors", "Test <KB>", assets)
    assert html.startswith("<!doctype html>")
    assert "<title>Annotation vendors · Test &lt;KB&gt;</title>" in html
    assert '<table data-kb-catalog="annotation-vendors"' in html  # the contract attribute
    assert '<tr data-kb-id="label-tool"' in html
    assert 'data-kb-state="url"' in html  # reads q, facets and sort from its own address
    assert 'href="../../annotation-vendors/label-tool/"' in html
    assert '<script src="../../assets/kb/embed.js"></script>' in html
    assert '<link rel="stylesheet" href="../../assets/kb/table.css">' in html
    assert "<base" not in html
    assert "md-header" not in html and "md-nav" not in html


def test_relocate_moves_relative_urls_only() -> None:
    html = Markup(
        '<a href="label-tool/">L</a> <a href="../annotation-techniques/polygon/">P</a>'
        ' <a href="https://example.org/x">X</a> <a href="#top">T</a> <a href="/abs/">A</a>'
        ' <div data-kb-compare-href="compare/"></div> <a href="?license=commercial">C</a>'
        ' <p>href="not-an-attribute/"</p>'
    )
    assert str(relocate(html, "../../annotation-vendors/")) == (
        '<a href="../../annotation-vendors/label-tool/">L</a>'
        ' <a href="../../annotation-techniques/polygon/">P</a>'
        ' <a href="https://example.org/x">X</a> <a href="#top">T</a> <a href="/abs/">A</a>'
        ' <div data-kb-compare-href="../../annotation-vendors/compare/"></div>'
        ' <a href="../../annotation-vendors/?license=commercial">C</a>'
        ' <p>href="not-an-attribute/"</p>'
    )


def test_embed_shows_the_catalog_pages_table(loaded: KnowledgeBase) -> None:
    on_page = str(catalog_page(loaded, "annotation-vendors", Linker("annotation-vendors/"), "c.md"))
    embedded = embed_page(loaded, "annotation-vendors", "KB", ())
    rows = re.findall(r'<tr data-kb-id="[^"]+"', on_page)
    assert rows and rows == re.findall(r'<tr data-kb-id="[^"]+"', embedded)
    assert 'href="label-tool/"' in on_page  # the page's own links are left alone
