"""Table rows kept across the builds of one preview session.

A catalog's table lists every entry, so any edit renders it again; for 1,000 entries that
was a third of a ``mkdocs serve`` rebuild, though only the edited entry's row (and the
rows naming it) changed. An engine adapter that keeps its state across rebuilds (the MkDocs
plugin, see ``kb.engines.plugin.incremental``) hands this cache, for one knowledge base, a
function giving each entry a key of every input its row is made from (the same key its
entry page is kept under: its file, the files of the entries it names or that name it, the
site's settings, the models). A row is rendered again only when that key or the table's
layout changed. Without a key (a plain build, another knowledge base) every row is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from markupsafe import Markup

from kb.data.catalog import KnowledgeBase

RowKey = Callable[[str, str], Hashable | None]


class RowCache:
    """Rendered rows under (catalog, entry id, table layout) -> (entry's key, HTML)."""

    def __init__(self) -> None:
        self._kb: KnowledgeBase | None = None
        self._key: RowKey | None = None
        self._rows: dict[tuple[str, str, Hashable], tuple[Hashable, Markup]] = {}

    def use(self, kb: KnowledgeBase | None, key: RowKey | None) -> None:
        """Key the rows of ``kb``'s tables with ``key`` (None: keep nothing)."""
        self._kb, self._key = kb, key
        if key is None:
            self._rows.clear()

    def row(
        self,
        kb: KnowledgeBase,
        catalog: str,
        entry_id: str,
        layout: Hashable,
        render: Callable[[], Markup],
    ) -> Markup:
        """The row of ``entry_id`` in a table laid out as ``layout``: kept or rendered."""
        key = self._key(catalog, entry_id) if self._key and kb is self._kb else None
        if key is None:
            return render()
        where = (catalog, entry_id, layout)
        kept = self._rows.get(where)
        if kept is not None and kept[0] == key:
            return kept[1]
        html = render()
        self._rows[where] = (key, html)
        return html


ROWS = RowCache()
