"""Render catalog data to HTML with the package's Jinja templates (autoescaped).

Engine-neutral: any static-site engine can place these fragments in its pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from kb.catalog import KnowledgeBase
from kb.cells import Cell, Item, cell
from kb.models import CATALOGS, Entry
from kb.stale import DEFAULT_STALE_DAYS, age_days, is_stale
from kb.tables import (
    FieldSpec,
    default_columns,
    facet_values,
    facets,
    raw_values,
    specs_by_name,
)
from kb.urls import Linker, download_path, schema_path
from kb.vocab import Status

# Stands for an entry id in a URL pattern the script fills in (ids never contain "_").
ENTRY_ID_SLOT = "__id__"
# Shown on the entry page above the facts table, not as rows of it.
_ABOVE_FACTS = (
    "id", "name", "summary", "description", "sources", "last_verified",
    "status", "status_date", "status_note", "successor", "added",
)


@cache
def environment() -> Environment:
    """The Jinja environment: package templates, autoescaping on, undefined is an error."""
    return Environment(
        loader=PackageLoader("kb", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        auto_reload=False,  # templates ship in the package; no stat() per page
    )


def render(template: str, **context: Any) -> Markup:
    """Render a package template to safe HTML."""
    return Markup(environment().get_template(template).render(**context))


def attribute_json(data: Any) -> Markup:
    """JSON for a single-quoted HTML attribute: only the characters that matter there are
    escaped, so the many double quotes of JSON stay as they are (a third of the bytes).

    Data goes in attributes, not in ``<script type="application/json">``: Material's instant
    navigation re-creates every script of a new page without its attributes and runs it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "&amp;"), ("'", "&#39;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(char, escape)
    return Markup(text)  # escaped for a single-quoted attribute just above


@dataclass(frozen=True)
class TableOptions:
    """How one table is shown: its columns, fixed filter, initial sort and state home."""

    columns: tuple[str, ...] = ()
    filter: tuple[tuple[str, tuple[str, ...]], ...] = ()
    sort: str = ""
    state: str = "local"  # "url" only for the catalog page's main table


def matches(entry: Entry, specs: dict[str, FieldSpec], rules: TableOptions) -> bool:
    """True when ``entry`` passes the fixed filter (OR within a field, AND across fields)."""
    return all(set(raw_values(entry, specs[f])) & set(values) for f, values in rules.filter)


def _sorted(rows: list[tuple[Entry, list[Cell]]], columns: list[str], sort: str) -> None:
    if not sort:
        return
    field = sort.lstrip("-")
    index = columns.index(field) if field in columns else None
    if index is None:
        return

    def key(row: tuple[Entry, list[Cell]]) -> tuple[bool, float | str]:
        value = row[1][index].sort
        try:
            return (False, float(value))
        except ValueError:
            return (False, value)

    filled = [r for r in rows if r[1][index].sort]
    empty = [r for r in rows if not r[1][index].sort]
    filled.sort(key=key, reverse=sort.startswith("-"))
    rows[:] = filled + empty


def _ref_names(kb: KnowledgeBase, spec: FieldSpec) -> dict[str, str]:
    return {k: e.name for k, e in kb.entries[spec.ref].items()} if spec.ref else {}


def table(kb: KnowledgeBase, catalog: str, linker: Linker, opts: TableOptions) -> Markup:
    """The comparison table of ``catalog`` as the table script expects it."""
    specs = specs_by_name(catalog)
    columns = list(opts.columns) or default_columns(catalog)
    if "name" not in columns:
        columns.insert(0, "name")
    facet_specs = facets(catalog)
    rows: list[tuple[Entry, list[Cell]]] = []
    for entry in sorted(kb.entries[catalog].values(), key=lambda e: e.name.lower()):
        if matches(entry, specs, opts):
            rows.append((entry, [cell(kb, catalog, entry, specs[c], linker) for c in columns]))
    _sorted(rows, columns, opts.sort)
    facet_data = {
        "total": len(rows),
        "facets": [
            {
                "field": f.name,
                "label": f.label,
                "ordinal": f.kind == "ordinal",
                "values": facet_values(catalog, f, _ref_names(kb, f)),
            }
            for f in facet_specs
        ],
    }
    return render(
        "table.html",
        catalog=catalog,
        state=opts.state,
        compare_href=linker.compare(catalog),
        sort=opts.sort,
        facets_json=attribute_json(facet_data),
        caption=f"{CATALOGS[catalog].title}: {len(rows)} of {len(kb.entries[catalog])}",
        columns=[specs[c] for c in columns],
        rows=[_row(kb, entry, cells, facet_specs) for entry, cells in rows],
    )


# The tables last rendered, for one knowledge base at a time (a rebuild loads a new one).
_shared: dict[tuple[int, str, Linker, TableOptions], tuple[KnowledgeBase, Markup]] = {}


def shared_table(kb: KnowledgeBase, catalog: str, linker: Linker, opts: TableOptions) -> Markup:
    """:func:`table`, rendered once: a catalog page and its embeddable view show the same
    table (a large catalog's table is a noticeable part of the build)."""
    key = (id(kb), catalog, linker, opts)
    hit = _shared.get(key)
    if hit is not None and hit[0] is kb:
        return hit[1]
    if any(known is not kb for known, _ in _shared.values()):
        _shared.clear()
    markup = table(kb, catalog, linker, opts)
    _shared[key] = (kb, markup)
    return markup


def _row(kb: KnowledgeBase, entry: Entry, cells: list[Cell], facet_specs: list[FieldSpec]) -> Any:
    values = {f.name: raw_values(entry, f) for f in facet_specs}
    # dict.fromkeys: each text once, in order (name and summary are often columns too)
    shown = dict.fromkeys([entry.name, entry.summary, *(i.text for c in cells for i in c.items)])
    return {
        "id": entry.id,
        "values_json": attribute_json(values),
        "text": " ".join(shown).lower(),
        "cells": cells,
    }


def entry_page(
    kb: KnowledgeBase,
    catalog: str,
    entry: Entry,
    linker: Linker,
    edit_url: str | None,
    today: date | None = None,
) -> Markup:
    """Everything about one entry: facts, description, sources, referrers, edit link."""
    spec = CATALOGS[catalog]
    specs = specs_by_name(catalog)
    facts = [
        (cell(kb, catalog, entry, s, linker), s)
        for s in specs.values()
        if s.name not in _ABOVE_FACTS
    ]
    referrers = [
        Item(
            f"{kb.entries[r.source[0]][r.source[1]].name} ({CATALOGS[r.source[0]].singular})",
            linker.entry(*r.source),
        )
        for r in kb.referrers(catalog, entry.id)
        if r.source[1] in kb.entries[r.source[0]]
    ]
    sources = cell(kb, catalog, entry, specs["sources"], linker).items
    description = cell(kb, catalog, entry, specs["description"], linker)
    return render(
        "entry.html",
        catalog=catalog,
        title=spec.title,
        entry=entry,
        stale=is_stale(entry, DEFAULT_STALE_DAYS, today),
        age=age_days(entry.last_verified, today) if entry.last_verified else None,
        status=_status(kb, catalog, entry, linker),
        description=None if description.empty else description,
        facts=facts,
        sources=sources,
        referrers=referrers,
        edit_url=edit_url,
        catalog_href=linker.catalog(catalog),
        compare_href=linker.compare(catalog),
    )


def _status(kb: KnowledgeBase, catalog: str, entry: Entry, linker: Linker) -> Any:
    """What the entry page says about a discontinued or superseded product."""
    if entry.status is Status.ACTIVE:
        return None
    successor = kb.get(catalog, entry.successor) if entry.successor else None
    return {
        "label": entry.status.label,
        "code": entry.status.value,
        "since": entry.status_date.isoformat() if entry.status_date else None,
        "note": entry.status_note,
        "successor": Item(successor.name, linker.entry(catalog, successor.id))
        if successor
        else None,
    }


def compare_page(kb: KnowledgeBase, catalog: str, linker: Linker) -> Markup:
    """The compare page: the chosen entries (``?id=a&id=b``) side by side, one row per field.

    The page carries only the field list; the script reads each chosen entry's facts from
    its own page. Rendering every entry here would make the page (and the build) grow with
    the catalog, for a view that shows two or three of them.
    """
    specs = specs_by_name(catalog)
    facts = [s for s in specs.values() if s.name not in _ABOVE_FACTS]
    rows = [specs["summary"], *facts, specs["last_verified"]]
    fields = [{"name": s.name, "label": s.label} for s in rows]
    return render(
        "compare.html",
        catalog=catalog,
        title=CATALOGS[catalog].title,
        catalog_href=linker.catalog(catalog),
        fields_json=attribute_json(fields),
        entry_href=linker.entry(catalog, ENTRY_ID_SLOT),
    )


def last_verified(kb: KnowledgeBase, catalog: str) -> str | None:
    """The most recent ``last_verified`` date of a catalog, ISO formatted."""
    dates = [e.last_verified for e in kb.entries[catalog].values() if e.last_verified]
    return max(dates).isoformat() if dates else None


def catalog_page(kb: KnowledgeBase, catalog: str, linker: Linker, contributing: str) -> Markup:
    """A catalog's page: title, counts, downloads and its interactive table."""
    spec = CATALOGS[catalog]
    return render(
        "catalog.html",
        catalog=catalog,
        title=spec.title,
        blurb=spec.blurb,
        singular=spec.singular,
        count=len(kb.entries[catalog]),
        updated=last_verified(kb, catalog),
        csv_href=linker.file(download_path(catalog, "csv")),
        json_href=linker.file(download_path(catalog, "json")),
        schema_href=linker.file(schema_path(catalog)),
        contributing_href=linker.page(contributing),
        table=shared_table(kb, catalog, linker, TableOptions(state="url")),
        embed_href=linker.embed(catalog),
    )


def entry_card(kb: KnowledgeBase, catalog: str, entry: Entry, linker: Linker) -> Markup:
    """One entry's facts as a compact table, for embedding in a hand-written page."""
    specs = specs_by_name(catalog)
    facts = [
        (cell(kb, catalog, entry, s, linker), s)
        for s in specs.values()
        if s.name not in _ABOVE_FACTS and s.kind != "markdown"
    ]
    return render(
        "entry_card.html",
        catalog=catalog,
        entry=entry,
        href=linker.entry(catalog, entry.id),
        facts=[(c, s) for c, s in facts if not c.empty],
    )
