"""Large catalogs: a catalog page that stays light at any size.

Up to :data:`LARGE_TABLE` entries the catalog page carries its whole table (every row
server-rendered, as always). Above it the page lists the first :data:`FIRST_ROWS` rows and
points the table script at the table's data file (``<catalog>/table-data.html``): each
column's distinct cells, rendered once by the same macro as the table (a thousand rows
that say "Online" share one cell), and per row the index of its cell in every column and of
its facet values. The script keeps the rows as data and puts only the rows a reader looks at
in the document. Readers without JavaScript follow the pages of the table,
``/<catalog>/page/N/``, each a server-rendered table of :data:`FIRST_ROWS` rows.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from markupsafe import Markup

from kb.data.catalog import KnowledgeBase
from kb.render.templating import attribute_json, environment, render
from kb.render.urls import Linker, page_src

# Above this many entries a catalog page lists its first rows and loads the rest as data.
# This site's catalogs (tens of entries) are far below it and keep their full tables.
LARGE_TABLE = 1000
# Rows on the first screen of a large table and on each page of it without JavaScript.
FIRST_ROWS = 100


def is_large(count: int) -> bool:
    """True when a catalog of ``count`` entries gets the light page and the table pages."""
    return count > LARGE_TABLE


def data_path(catalog: str) -> str:
    """Site path of a large catalog's table data (beside its catalog page)."""
    return f"{catalog}/table-data.html"


def page_count(count: int) -> int:
    """How many pages of :data:`FIRST_ROWS` rows a table of ``count`` rows has."""
    return max(1, math.ceil(count / FIRST_ROWS))


def page_src_of(catalog: str, number: int) -> str:
    """Source path of page ``number`` of a catalog's table (page 1 is the catalog page)."""
    return page_src(catalog) if number == 1 else page_src(catalog, f"page/{number}")


def pager(catalog: str, count: int, current: int, linker: Linker) -> Markup:
    """Links to every page of the table; the current page is marked, not linked."""
    pages = [
        {
            "number": n,
            "href": linker.page(page_src_of(catalog, n)),
            "first": (n - 1) * FIRST_ROWS + 1,
            "last": min(n * FIRST_ROWS, count),
        }
        for n in range(1, page_count(count) + 1)
    ]
    return render("pager.html", pages=pages, current=current, count=count)


def table_page(kb: KnowledgeBase, catalog: str, number: int, linker: Linker) -> Markup:
    """Page ``number`` (2 or more) of a large catalog's table, for readers without
    JavaScript: its rows in the catalog page's order, and the links to every other page."""
    from kb.data.models import CATALOGS
    from kb.render.table import CatalogTable

    table = CatalogTable.from_catalog(kb, catalog)
    start = (number - 1) * FIRST_ROWS
    part = replace(table, entries=table.entries[start : start + FIRST_ROWS])
    return render(
        "tablepage.html",
        spec=CATALOGS[catalog],
        first=start + 1,
        last=start + part.count,
        count=table.count,
        catalog_href=linker.catalog(catalog),
        pager=pager(catalog, table.count, number, linker),
        table=part.as_html(linker, state="static"),
    )


def large_catalogs(kb: KnowledgeBase) -> list[str]:
    """The catalogs whose pages list only their first rows."""
    return [name for name, entries in kb.entries.items() if is_large(len(entries))]


def table_data(kb: KnowledgeBase, catalog: str, directory_urls: bool = True) -> str:
    """The data file of a large catalog's table: an HTML document (links relative to the
    catalog page's folder) that the table script reads with DOMParser; nothing in it runs."""
    from kb.data.models import CATALOGS
    from kb.render.cells import Cell, cell
    from kb.render.cells import retired as retired_label
    from kb.render.table import CatalogTable, facets, offered_columns, under_name

    linker = Linker(Linker("", directory_urls).catalog(catalog), directory_urls)
    table = CatalogTable.from_catalog(kb, catalog)
    shown = set(table.with_columns(table.columns).columns)
    columns = [*table.with_columns(table.columns).columns]
    columns += [c for c in offered_columns(catalog) if c not in shown]
    specs = table.specs
    beneath_specs = under_name(catalog)
    macro = environment().get_template("_macros.html").module.table_cell  # type: ignore[attr-defined]
    cells: dict[str, list[Markup]] = {c: [] for c in columns}
    known: dict[str, dict[str, int]] = {c: {} for c in columns}
    index: dict[str, list[int]] = {c: [] for c in columns}
    facet_specs = facets(catalog)
    lists: dict[str, list[list[str]]] = {f.name: [] for f in facet_specs}
    list_index: dict[str, dict[tuple[str, ...], int]] = {f.name: {} for f in facet_specs}
    facet_rows: dict[str, list[int]] = {f.name: [] for f in facet_specs}
    retired: dict[int, str] = {}
    for row, entry in enumerate(table.entries):
        beneath = [str(getattr(entry, s.name)) for s in beneath_specs if getattr(entry, s.name)]
        status = retired_label(entry)
        if status:
            retired[row] = status
        for name in columns:
            value: Cell = cell(kb, catalog, entry, specs[name], linker)
            key = repr((value, beneath)) if name == "name" else repr(value)
            at = known[name].get(key)
            if at is None:
                texts = [i.text for i in value.items]
                if name == "name":
                    texts = [entry.name, *beneath, *texts]
                # each text once, as the server-rendered row has it; the script joins a
                # row's texts (U+001F between them: control characters never reach the data)
                text = "\x1f".join(dict.fromkeys(texts)).lower()
                at = known[name][key] = len(cells[name])
                cells[name].append(macro(value, specs[name], beneath, False, text))
            index[name].append(at)
        for f in facet_specs:
            codes = tuple(f.raw(entry))
            got = list_index[f.name].get(codes)
            if got is None:
                got = list_index[f.name][codes] = len(lists[f.name])
                lists[f.name].append(list(codes))
            facet_rows[f.name].append(got)
    data: dict[str, Any] = {
        "ids": [e.id for e in table.entries],
        "retired": retired,
        "cells": index,
        "values": {name: {"lists": lists[name], "rows": facet_rows[name]} for name in lists},
    }
    return str(
        render(
            "tabledata.html",
            title=CATALOGS[catalog].title,
            data=attribute_json(data),
            cells=cells,
        )
    )
