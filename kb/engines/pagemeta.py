"""The page settings (front matter) of a generated page, the same under every engine."""

from __future__ import annotations

import html
from typing import Any

from kb.outputs.pages import GeneratedPage


def page_meta(page: GeneratedPage) -> dict[str, Any]:
    """Title, hidden table of contents and search exclusion of a generated page."""
    # Material's and Zensical's templates print the title unescaped: escape it here.
    meta: dict[str, Any] = {"title": html.escape(page.title), "hide": ["toc"]}
    if page.src.endswith("/compare.md"):
        # Every entry again, side by side: search results would only repeat them.
        meta["search"] = {"exclude": True}
    return meta
