"""What ``mkdocs serve`` keeps of the search between rebuilds: each page's light copy (see
:mod:`kb.engines.plugin.search`) and the index entries Material's search made of it.

Material's search parses every page's HTML again at every rebuild (for 1,000 entries, with
the light copies, about a seventh of a rebuild). Its entries for a page depend only on what
it reads: the page's HTML, title, URL, table of contents and metadata, and the search's
settings. The plugin wraps the index's ``add_entry_from_context``: a page whose inputs are
as they were gets copies of the entries made last time, in the same place of the index; any
other page is parsed as before.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from kb.engines.plugin.search import SearchView, search_view
from kb.engines.plugin.signature import Unkeyable, digest, page_key, plain

log = logging.getLogger("mkdocs.plugins.kb")
_INDEX_MODULE = "material.plugins.search.plugin"


class SearchCache:
    """Light copies and index entries of the pages, kept from the last build."""

    def __init__(self) -> None:
        self._views: dict[str, tuple[str, bool, SearchView | None]] = {}
        self._entries: dict[str, tuple[bytes, list[dict[str, Any]]]] = {}
        self.reused = 0

    def view(self, src: str, html: str, generated: bool) -> SearchView | None:
        """``search_view(html, generated)``, from the last build when ``html`` is the same."""
        kept = self._views.get(src)
        if kept is not None and kept[1] == generated and kept[0] == html:
            return _copy(kept[2])
        view = search_view(html, generated)
        self._views[src] = (html, generated, _copy(view))
        return view

    def attach(self, config: MkDocsConfig) -> None:
        """Wrap the index of Material's search plugin (made anew at every build)."""
        self.reused = 0
        for name, plugin in config.plugins.items():
            index: Any = getattr(plugin, "search_index", None)
            if type(index).__module__ != _INDEX_MODULE or not isinstance(index.entries, list):
                continue
            try:
                settings = digest((name, plain(plugin.config)))
            except Unkeyable:
                continue
            add = index.add_entry_from_context
            index.add_entry_from_context = self._wrap(index, add, settings)

    def _wrap(
        self, index: Any, add: Callable[[Page], None], settings: bytes
    ) -> Callable[[Page], None]:
        def cached(page: Page) -> None:
            try:
                key = digest((settings, page_key(page)))
            except Unkeyable:
                add(page)
                return
            src = page.file.src_uri
            kept = self._entries.get(src)
            if kept is not None and kept[0] == key:
                index.entries.extend(copy.deepcopy(kept[1]))
                self.reused += 1
                return
            before = len(index.entries)
            add(page)
            self._entries[src] = (key, copy.deepcopy(index.entries[before:]))

        return cached


def _copy(view: SearchView | None) -> SearchView | None:
    """A copy the caller may change (``cut`` is a dict)."""
    return None if view is None else SearchView(view.light, view.original, dict(view.cut))
