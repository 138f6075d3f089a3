"""What is made from one entry (a table row, its API response), kept across the builds of
one preview session.

A catalog's table lists every entry and the API answers for each, so any edit made them
all again; for 1,000 entries the table alone was a third of a ``mkdocs serve`` rebuild,
though only the edited entry (and the entries naming it) changed. An engine adapter that
keeps its state across rebuilds (the MkDocs plugin, see ``kb.engines.plugin.incremental``)
hands this cache, for one knowledge base, a function giving each entry a key of every input
its pieces are made from (the key its entry page is kept under: its file, the files of the
entries it names or that name it, the site's settings, the models). A piece is made again
only when that key or its layout (which table, which links) changed. Without a key (a
plain build, another knowledge base) everything is made anew.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from kb.data.catalog import KnowledgeBase

EntryKey = Callable[[str, str], Hashable | None]
T = TypeVar("T")


class EntryCache:
    """Pieces under (catalog, entry id, layout) -> (entry's key, piece)."""

    def __init__(self) -> None:
        self._kb: KnowledgeBase | None = None
        self._key: EntryKey | None = None
        self._kept: dict[tuple[str, str, Hashable], tuple[Hashable, Any]] = {}

    def use(self, kb: KnowledgeBase | None, key: EntryKey | None) -> None:
        """Key the pieces made from ``kb``'s entries with ``key`` (None: keep nothing)."""
        self._kb, self._key = kb, key
        if key is None:
            self._kept.clear()

    def kept(
        self,
        kb: KnowledgeBase,
        catalog: str,
        entry_id: str,
        layout: Hashable,
        make: Callable[[], T],
    ) -> T:
        """The piece of ``entry_id`` laid out as ``layout``: kept, or made by ``make``.
        Pieces are shared between builds: strings, or values nobody changes."""
        key = self._key(catalog, entry_id) if self._key and kb is self._kb else None
        if key is None:
            return make()
        where = (catalog, entry_id, layout)
        found = self._kept.get(where)
        if found is not None and found[0] == key:
            return cast(T, found[1])
        piece = make()
        self._kept[where] = (key, piece)
        return piece


ENTRIES = EntryCache()
