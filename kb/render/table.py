"""A catalog's comparison table as a value: which entries, which columns, in what order, and
its HTML. Catalog pages, embedded tables, counts and lists all start from
``CatalogTable.from_catalog(kb, name)`` and narrow it down, so a filter or a facet's values
are computed in one place."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace
from typing import Any, Literal

from markupsafe import Markup

from kb.data.catalog import KnowledgeBase
from kb.data.definitions import wording
from kb.data.introspect import FieldSpec, Kind, field_specs, specs_by_name
from kb.data.models import CATALOGS, Entry
from kb.render.cells import Cell, cell, retired
from kb.render.entrycache import ENTRIES
from kb.render.tablepages import FIRST_ROWS, data_path, is_large, more_path, pager
from kb.render.templating import attribute_json, macro, render
from kb.render.urls import Linker

# A fixed filter: (field, accepted raw values) pairs; OR within a field, AND across fields.
Rules = tuple[tuple[str, tuple[str, ...]], ...]
# "url": the catalog page's main table keeps its state in the address; "local": embedded;
# "static": a page of a large catalog's table for readers without JavaScript (no script).
State = Literal["url", "local", "static"]


def default_columns(catalog: str) -> tuple[str, ...]:
    """The columns a catalog's table shows unless told otherwise: the name, then the fields
    the model marks as default columns."""
    return (
        "name",
        *(s.name for s in field_specs(catalog) if s.default_column and s.name != "name"),
    )


def offered_columns(catalog: str) -> tuple[str, ...]:
    """Every column a reader can show (the model's Column marks), in model order."""
    return tuple(s.name for s in field_specs(catalog) if s.column and not s.under_name)


def under_name(catalog: str) -> tuple[FieldSpec, ...]:
    """The fields shown beneath each entry's name (the summary) instead of as columns."""
    return tuple(s for s in field_specs(catalog) if s.under_name)


def scale_legend(spec: FieldSpec) -> dict[str, Any]:
    """How a ranked column reads: its levels from lowest to highest and what it rates."""
    levels = sorted((m for m in spec.vocab or () if m.rank), key=lambda m: m.rank or 0)
    return {
        "field": spec.name,
        "label": spec.label,
        "description": spec.description,
        # pips: more is better on every scale, so "cheap" fills all three
        "levels": [
            {"label": m.label, "rank": m.rank, "pips": spec.goodness(m.rank or 0)} for m in levels
        ],
        "lower_better": spec.lower_better,
        "top": max((m.rank or 0 for m in levels), default=0),
        "rated": spec.rated,
    }


def facets(catalog: str) -> list[FieldSpec]:
    """The fields a reader can filter a catalog's table by."""
    return [s for s in field_specs(catalog) if s.facet]


def allowed_values(kb: KnowledgeBase, spec: FieldSpec) -> list[str]:
    """Every raw value a facet field can take (vocabulary order; ids for references)."""
    if spec.vocab is not None:
        return [m.code for m in spec.vocab]
    if spec.kind is Kind.BOOL:
        return ["true", "false"]
    return sorted(kb.entries[spec.ref]) if spec.ref else []


def _label(kb: KnowledgeBase, spec: FieldSpec, value: str) -> str:
    if spec.vocab is not None:
        return spec.vocab[value].label
    if spec.kind is Kind.BOOL:
        return "Yes" if value == "true" else "No"
    target = kb.get(spec.ref or "", value)
    return target.name if target else value


def _sort_key(spec: FieldSpec, entry: Entry) -> tuple[int, float | str]:
    values = spec.values(entry)
    if not values:
        return (1, "")  # empty cells sort last (flipped back below for descending order)
    first = values[0]
    rank = getattr(first, "rank", None)
    if rank is not None:
        return (0, float(rank))
    if isinstance(first, bool | int | float):
        return (0, float(first))
    return (0, " ".join(str(v) for v in values).lower())


def _method_href(catalog: str, linker: Linker) -> str | None:
    """Where the page explaining how this catalog's entries are rated is, from here."""
    method = CATALOGS[catalog].rating_method
    return f"{linker.page(method[0])}#{method[1]}" if method else None


@dataclass(frozen=True)
class CatalogTable:
    """Entries of one catalog as rows (in order) and fields as columns."""

    kb: KnowledgeBase
    catalog: str
    entries: tuple[Entry, ...]
    columns: tuple[str, ...]
    sort: str = ""  # the field sorted by, "-field" for descending; "" for by name

    @classmethod
    def from_catalog(cls, kb: KnowledgeBase, catalog: str) -> CatalogTable:
        """Every entry, by name, with the default columns."""
        # Current tools first, retired ones after them (the script keeps that for any sort
        # unless the reader asks otherwise), each group by name.
        entries = sorted(
            kb.entries[catalog].values(), key=lambda e: (retired(e) is not None, e.name.lower())
        )
        return cls(kb, catalog, tuple(entries), default_columns(catalog))

    @property
    def specs(self) -> dict[str, FieldSpec]:
        """The catalog's fields by name."""
        return specs_by_name(self.catalog)

    def with_columns(self, names: tuple[str, ...]) -> CatalogTable:
        """The same rows with the given columns (the name always comes first; a field shown
        beneath the name is never a column of its own)."""
        chosen = names or default_columns(self.catalog)
        beneath = {s.name for s in under_name(self.catalog)}
        rest = (c for c in chosen if c != "name" and c not in beneath)
        return replace(self, columns=("name", *rest))

    def filtered(self, rules: Rules) -> CatalogTable:
        """Only the rows that pass every rule."""
        specs = self.specs

        def passes(entry: Entry) -> bool:
            return all(set(specs[f].raw(entry)) & set(values) for f, values in rules)

        return replace(self, entries=tuple(e for e in self.entries if passes(e)))

    def sorted(self, key: str) -> CatalogTable:
        """Rows ordered by a field (``-field`` descending), empty values last either way."""
        spec = self.specs.get(key.lstrip("-"))
        if spec is None:
            return self
        descending = key.startswith("-")
        keyed = [(_sort_key(spec, e), e) for e in self.entries]
        filled = sorted(
            (k for k in keyed if k[0][0] == 0), key=lambda k: k[0][1], reverse=descending
        )
        empty = [k for k in keyed if k[0][0] == 1]
        return replace(self, entries=tuple(e for _, e in [*filled, *empty]), sort=key)

    @property
    def count(self) -> int:
        """How many rows the table has."""
        return len(self.entries)

    def facet_values(self, spec: FieldSpec) -> list[dict[str, str]]:
        """The values of a facet that some row uses, in vocabulary order, with labels."""
        used = {value for e in self.entries for value in spec.raw(e)}
        ordered = [v for v in allowed_values(self.kb, spec) if v in used]
        if spec.ref:
            ordered.sort(key=lambda v: _label(self.kb, spec, v).lower())
        return [{"value": v, "label": _label(self.kb, spec, v)} for v in ordered]

    def narrows(self, spec: FieldSpec) -> bool:
        """True when filtering by ``spec`` helps: two or more values in use (one choice
        filters nothing) and some value shared by two or more rows (a facet whose every
        value fits one entry only names the rows: the search does that)."""
        counts: dict[str, int] = {}
        for e in self.entries:
            for value in spec.raw(e):
                counts[value] = counts.get(value, 0) + 1
        return len(counts) > 1 and max(counts.values()) >= 2

    def facet_data(self) -> dict[str, Any]:
        """What the script needs to build the filters: the facets that narrow the table."""
        found = []
        for spec in facets(self.catalog):
            values = self.facet_values(spec)
            if self.narrows(spec):
                ordinal = spec.kind is Kind.ORDINAL
                found.append(
                    {"field": spec.name, "label": spec.label, "ordinal": ordinal, "values": values}
                )
        return {"total": self.count, "facets": found}

    def cells(self, entry: Entry, linker: Linker) -> list[Cell]:
        """One row's cells, in column order."""
        specs = self.specs
        return [cell(self.kb, self.catalog, entry, specs[c], linker) for c in self.columns]

    def as_html(self, linker: Linker, state: State = "local") -> Markup:
        """The table as the table script expects it (complete without JavaScript).

        The catalog page's own table (``state="url"``) also carries every other column the
        model offers, hidden, so the reader can show them without a request (a large
        catalog's other rows fetch theirs: see :mod:`kb.render.tablepages`); embedded tables
        carry only the columns their page chose.
        """
        table = self.with_columns(self.columns)
        shown = set(table.columns)
        if state == "url":
            extra = [c for c in offered_columns(self.catalog) if c not in shown]
            table = replace(table, columns=(*table.columns, *extra))
        specs = table.specs
        columns = [specs[c] for c in table.columns]
        facet_specs = facets(self.catalog)
        beneath = under_name(self.catalog)  # once for the table, not once per row
        total = len(self.kb.entries[self.catalog])
        # A large catalog's own table lists its first rows; the script reads the others from
        # the table's data file, and readers without it follow the pages of the table.
        large = state == "url" and is_large(table.count)
        shown_rows = table.entries[:FIRST_ROWS] if large else table.entries
        # what every row's HTML depends on besides its entry (the key rows are kept under)
        layout = (
            linker,
            tuple(c.name for c in columns),
            tuple(sorted(shown)),
            tuple(f.name for f in facet_specs),
            tuple(s.name for s in beneath),
            repr(wording()),  # the seed mark beside a name
        )
        return render(
            "table.html",
            catalog=self.catalog,
            title=CATALOGS[self.catalog].title,
            state=state,
            compare_href=linker.catalog(self.catalog, "compare"),
            sort=self.sort,
            facets_json=attribute_json(table.facet_data()),
            caption=caption(CATALOGS[self.catalog].title, self.count, total),
            columns=columns,
            shown=shown,
            defaults=default_columns(self.catalog),
            legend=[scale_legend(c) for c in columns if c.kind is Kind.ORDINAL and c.vocab],
            method_href=_method_href(self.catalog, linker),
            rows=[
                table._row_html(e, linker, columns, facet_specs, beneath, shown, layout)
                for e in shown_rows
            ],
            rows_href=linker.file(data_path(self.catalog)) if large else None,
            more_href=linker.file(more_path(self.catalog)) if large else None,
            total=total,
            pager=pager(self.catalog, table.count, 1, linker) if large else None,
        )

    def _row_html(
        self,
        entry: Entry,
        linker: Linker,
        columns: list[FieldSpec],
        facet_specs: list[FieldSpec],
        beneath_specs: tuple[FieldSpec, ...],
        shown: set[str],
        layout: Hashable,
    ) -> Markup:
        """One row's HTML; kept from the last build of a preview when nothing it is made
        from changed (its entry, ``layout``: see :mod:`kb.render.entrycache`)."""

        def render_row() -> Markup:
            row = self._row(entry, linker, facet_specs, beneath_specs, shown)
            return Markup(macro("table_row")(row, columns, shown))

        return ENTRIES.kept(self.kb, self.catalog, entry.id, layout, render_row)

    def _row(
        self,
        entry: Entry,
        linker: Linker,
        facet_specs: list[FieldSpec],
        beneath_specs: tuple[FieldSpec, ...],
        shown: set[str],
    ) -> dict[str, Any]:
        cells = self.cells(entry, linker)
        values = {f.name: f.raw(entry) for f in facet_specs}
        beneath = [str(getattr(entry, s.name)) for s in beneath_specs if getattr(entry, s.name)]
        # dict.fromkeys: each text once, in order (the name is often a column too)
        # the search reads what is shown by default, not the hidden extra columns
        texts = (i.text for c in cells if c.field in shown for i in c.items)
        found = dict.fromkeys([entry.name, *beneath, *texts])
        return {
            "id": entry.id,
            "retired": retired(entry),
            "values_json": attribute_json(values),
            "text": " ".join(found).lower(),
            "cells": cells,
            "beneath": beneath,
        }


def caption(title: str, shown: int, total: int) -> str:
    """The table's caption; the script writes the same words as rows are filtered."""
    return f"{title}: showing {shown} of {total}"
