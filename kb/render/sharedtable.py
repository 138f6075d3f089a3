"""A catalog page's main table, rendered once per build: the catalog's embeddable view shows
the same table (with its links moved, see :func:`kb.render.embedview.relocate`), and a large
catalog's table is one of the costliest renders of the build."""

from __future__ import annotations

from markupsafe import Markup

from kb.data.catalog import KnowledgeBase
from kb.render.table import CatalogTable
from kb.render.urls import Linker

# Tables rendered for one knowledge base at a time (a rebuild loads a new one).
_rendered: dict[tuple[int, str, Linker], tuple[KnowledgeBase, Markup]] = {}


def catalog_table(kb: KnowledgeBase, catalog: str, linker: Linker) -> Markup:
    """Every entry of ``catalog``, its state in the URL, links relative to ``linker``."""
    key = (id(kb), catalog, linker)
    hit = _rendered.get(key)
    if hit is not None and hit[0] is kb:
        return hit[1]
    if any(known is not kb for known, _ in _rendered.values()):
        _rendered.clear()
    markup = CatalogTable.from_catalog(kb, catalog).as_html(linker, state="url")
    _rendered[key] = (kb, markup)
    return markup
