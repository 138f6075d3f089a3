"""Large catalogs: a catalog page that stays light at any size.

Up to :data:`LARGE_TABLE` entries the catalog page carries its whole table (every row
server-rendered, as always). Above it the page lists the first :data:`FIRST_ROWS` rows and
points the table script at the table's data file (``<catalog>/table-data.json``): each
column's distinct cells, rendered once by the same macro as the table (a thousand rows that
say "Online" share one cell) with their sort keys and search texts, and per row the index of
its cell in every column and of its facet values. The script keeps the rows as data and puts
only the rows a reader looks at in the document. Readers without JavaScript follow the pages
of the table, ``/<catalog>/page/N/``, each a server-rendered table of :data:`FIRST_ROWS`
rows.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from typing import Any

from markupsafe import Markup

from kb.data.catalog import KnowledgeBase
from kb.render.templating import macro, render
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
    return f"{catalog}/table-data.json"


def more_path(catalog: str) -> str:
    """Site path of the markup and sort keys of a large catalog's hidden columns, which the
    script fetches only when a reader may show one (the column chooser opens, or the
    address asks for one)."""
    return f"{catalog}/table-columns.json"


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


def table_data(kb: KnowledgeBase, catalog: str, directory_urls: bool = True) -> dict[str, str]:
    """The data files of a large catalog's table, by site path, as JSON (links relative to
    the catalog page's folder). Per column, each distinct cell's markup (what the table macro
    writes for it, so a row the script lists is the row the server renders) and its sort key
    (its ``data-kb-sort``); per searched column, its search texts: the script answers search,
    sort and facets from the keys, texts and indices alone, and parses a cell's markup (in an
    inert template) only when a row with it is first listed. JSON rather than an HTML
    document: at 10,000 rows parsing the whole document took about a second.

    What the script can rebuild exactly is left out (checked here, cell by cell): a cell's
    ``data-kb-sort`` value when it is its sort key, its search text when it is the text of
    its markup (:func:`markup_text`), a column's row-to-cell index when every row has a cell
    of its own. The columns hidden at first go to a second file (:func:`more_path`)."""
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
    table_cell = macro("table_cell")
    cells: dict[str, list[str]] = {c: [] for c in columns}
    keys: dict[str, list[str]] = {c: [] for c in columns}
    searched: dict[str, list[str | None]] = {c: [] for c in columns}
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
                at = known[name][key] = len(cells[name])
                sort = str(value.sort)
                markup = _without_sort(str(table_cell(value, specs[name], beneath, False)), sort)
                cells[name].append(markup)
                keys[name].append(sort)
                if name in shown:
                    texts = [i.text for i in value.items]
                    if name == "name":
                        texts = [entry.name, *beneath, *texts]
                    # each text once, as the server-rendered row has it; the script joins a
                    # row's texts (U+001F between them: control characters never reach the
                    # data)
                    text = "\x1f".join(dict.fromkeys(texts)).lower()
                    searched[name].append(None if markup_text(markup) == text else text)
            index[name].append(at)
        for f in facet_specs:
            codes = tuple(f.raw(entry))
            got = list_index[f.name].get(codes)
            if got is None:
                got = list_index[f.name][codes] = len(lists[f.name])
                lists[f.name].append(list(codes))
            facet_rows[f.name].append(got)

    def column(name: str) -> dict[str, Any]:
        out: dict[str, Any] = {"html": cells[name], "keys": keys[name]}
        # search reads the columns shown at first (as the server's rows' texts do)
        if any(t is not None for t in searched[name]):
            out["texts"] = searched[name]
        return out

    rows = range(len(table.entries))
    data: dict[str, Any] = {
        "ids": [e.id for e in table.entries],
        "retired": retired,
        # null: row n has cell n (a column whose every cell differs, e.g. the names)
        "cells": {name: None if index[name] == list(rows) else index[name] for name in columns},
        "values": {name: {"lists": lists[name], "rows": facet_rows[name]} for name in lists},
        "columns": {name: column(name) for name in columns if name in shown},
    }
    more = {"columns": {name: column(name) for name in columns if name not in shown}}
    return {
        data_path(catalog): _json(data),
        more_path(catalog): _json(more),
    }


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# The cell's own data-kb-sort attribute: the first attribute of that name in its markup.
_SORT_ATTR = re.compile(r' data-kb-sort="([^"]*)"')
# A text node of the markup; the entities markupsafe and the templates write.
_TEXT = re.compile(r">([^<]+)<")
_ENTITY = re.compile(r"&(amp|lt|gt|quot|#[0-9]+|#[xX][0-9a-fA-F]+);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"'}


def _without_sort(markup: str, sort: str) -> str:
    """``markup`` with its ``data-kb-sort`` value emptied when that value is ``sort`` (the
    script sets it again from the key it has anyway)."""
    found = _SORT_ATTR.search(markup)
    if found is None or _unescape(found[1]) != sort:
        return markup
    return markup[: found.start(1)] + markup[found.end(1) :]


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        name = m[1]
        if name in _NAMED:
            return _NAMED[name]
        return chr(int(name[2:], 16) if name[1] in "xX" else int(name[1:]))

    return _ENTITY.sub(one, text)


def markup_text(markup: str) -> str:
    """The search text the table script derives from a cell's markup: its text nodes,
    unescaped, each once, joined by U+001F and lower-cased (``cellText`` in table.js does
    the same; the data file carries a text only where this would not give it)."""
    pieces = [_unescape(t) for t in _TEXT.findall(markup)]
    return "\x1f".join(dict.fromkeys(pieces)).lower()
