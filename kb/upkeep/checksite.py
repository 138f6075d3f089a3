"""Whether a built site holds everything the catalogs call for, whichever engine built it.

An engine that skips the plugin (Zensical ignores MkDocs plugins without a word) or a
configuration that forgets the generated pages still exits 0; this check does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.data.catalog import KnowledgeBase
from kb.engines.generate import assets, page_assets
from kb.outputs import pages as site_pages

# A widget the table script drives; its page must load the script and the stylesheet.
_WIDGET = re.compile(r"<[a-z]+ [^>]*\bdata-kb-(?:table|compare|rank)\b")
# A directive left as text: the Markdown extension did not run on the page.
_DIRECTIVE = re.compile(r"\{\{(?:<|&lt;)\s*kb-[a-z]+")
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL)


@dataclass(frozen=True)
class Expected:
    """One file the site must contain, and what it is (for the report)."""

    path: str
    what: str


def _page_file(src: str) -> str:
    """The HTML file of a page (directory URLs: ``a/b.md`` is ``a/b/index.html``)."""
    stem = src.removesuffix(".md")
    return stem + ".html" if stem == "index" or stem.endswith("/index") else stem + "/index.html"


def expected(kb: KnowledgeBase) -> Iterator[Expected]:
    """Every page, download, schema and asset the catalogs call for."""
    for page in site_pages.pages(kb, None, lambda path: None):
        yield Expected(_page_file(page.src), f"page '{page.title}'")
    for path in site_pages.files(kb):
        kind = path.split("/")[0]
        yield Expected(path, {"downloads": "download", "schema": "schema"}.get(kind, "file"))
    for path in assets():
        yield Expected(path, "asset")


def _page_problems(site: Path, html_file: Path, loads: list[str]) -> Iterator[str]:
    text = html_file.read_text(encoding="utf-8", errors="replace")
    rel = html_file.relative_to(site).as_posix()
    if _WIDGET.search(text):
        for asset in loads:
            if f'{asset}"' not in text:
                yield f"{rel}: has a catalog table but does not load {asset}"
    if _DIRECTIVE.search(_CODE.sub("", text)):
        yield (
            f"{rel}: a kb directive was left unexpanded"
            " (is kb.engines.markdown in markdown_extensions?)"
        )


def check(kb: KnowledgeBase, site: Path) -> list[str]:
    """One line per missing file or broken page; empty when the site is complete."""
    items = list(expected(kb))
    missing = [f"{i.path}: missing ({i.what})" for i in items if not (site / i.path).is_file()]
    loads = page_assets(i.path for i in items)
    broken = [line for f in sorted(site.rglob("*.html")) for line in _page_problems(site, f, loads)]
    return missing + broken
