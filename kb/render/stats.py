"""Counts behind the stats page: entries by facet value, by freshness, and field coverage.

Every count of a catalog is out of its entries, and so is every chart's scale: a full-width
bar is the whole catalog. A facet whose entries all have the same value is no chart (one bar
says nothing a sentence cannot); it is said in a sentence.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from kb.data.catalog import KnowledgeBase
from kb.data.introspect import FieldSpec, Kind, specs_by_name
from kb.data.models import CATALOGS
from kb.render.table import CatalogTable, facets

# Freshness buckets: (label, upper bound in days, exclusive). Quarters, then a year.
AGE_BUCKETS: tuple[tuple[str, int], ...] = (
    ("Under 3 months", 91),
    ("3 to 6 months", 183),
    ("6 to 12 months", 366),
    ("Over a year", 10**9),
)
NEVER = "Never re-checked"
# The bar of entries without a value for a facet: a rating no source supports, or a field
# left out. No URL state shows exactly those rows, so the bar links nowhere.
NOT_RATED = "Not rated"
NOT_GIVEN = "Not given"
# Not counted as coverage: the entry itself, the dates (charted as freshness) and the
# lifecycle fields, which only a discontinued or superseded entry needs.
_NOT_COVERAGE = (
    "id",
    "name",
    "summary",
    "sources",
    "added",
    "last_verified",
    "status",
    "status_date",
    "status_note",
    "successor",
)


@dataclass(frozen=True)
class Bar:
    """One bar: what it counts, how many, and the catalog URL state that shows those rows."""

    label: str
    count: int
    query: str | None  # e.g. "license=open-source"; None when no view shows exactly these


@dataclass(frozen=True)
class Series:
    """One chart's data: an id fit for HTML, a title, a sentence saying what it shows."""

    key: str
    title: str
    description: str
    total: int  # the catalog's entries: the scale, a full-width bar
    bars: tuple[Bar, ...]
    # What to say instead of a chart of one bar: "All 3 case studies are active."
    sentence: str | None = None
    # The visible heading under the catalog's own: "By access (an entry may have several)"
    caption: str = ""


@dataclass(frozen=True)
class CatalogStats:
    """One catalog's charts (two bars or more each) and the facts said in a sentence."""

    charts: list[Series]
    sentences: list[str]


def _pairs(kb: KnowledgeBase, catalog: str, spec: FieldSpec) -> list[tuple[str, Any]]:
    """One (entry id, value) pair per value of a facet field."""
    return [(e.id, v) for e in kb.entries[catalog].values() for v in spec.raw(e)]


def facet_series(kb: KnowledgeBase, catalog: str) -> list[Series]:
    """Entries by every value of every facet that some entry uses, in the order and with
    the labels of the table's filters (a value no entry has is no filter there either)."""
    entries = kb.entries[catalog]
    table = CatalogTable.from_catalog(kb, catalog)
    out = []
    for spec in facets(catalog):
        pairs = _pairs(kb, catalog, spec)
        counts = Counter(value for _, value in pairs if value is not None)
        values = table.facet_values(spec)
        if not values:
            continue
        # A bar links to the filtered table only where the table offers that filter (two
        # values or more in use, one shared by several entries: CatalogTable.narrows).
        linked = table.narrows(spec)
        bars = tuple(
            Bar(
                v["label"],
                int(counts.get(v["value"], 0)),
                urlencode({spec.name: v["value"]}) if linked else None,
            )
            for v in values
        )
        unset = len(entries) - len({entry_id for entry_id, _ in pairs})
        if unset:  # so that the bars add up to every entry, not only the valued ones
            bars += (Bar(NOT_RATED if spec.rated else NOT_GIVEN, unset, None),)
        many = "each entry may count under several values" if spec.many else "one value each"
        out.append(
            Series(
                f"{catalog}-by-{spec.name}",
                f"{CATALOGS[catalog].title} by {spec.label.lower()}",
                f"How many of the {len(entries)} entries have each {spec.label.lower()} "
                f"value ({many}).",
                len(entries),
                bars,
                _all_alike(catalog, spec, bars[0].label, len(entries)) if len(bars) == 1 else None,
                f"By {spec.label.lower()}" + (" (an entry may have several)" if spec.many else ""),
            )
        )
    return out


def _all_alike(catalog: str, spec: FieldSpec, label: str, count: int) -> str:
    """The sentence for a facet whose every entry has the one value: "All 3 case studies
    are active.", "All 3 case studies have the output activation Softmax."."""
    spec_ = CATALOGS[catalog]
    who = f"The one {spec_.singular}" if count == 1 else f"All {count} {spec_.plural}"
    verb = ("is" if count == 1 else "are") if spec.name == "status" else None
    if verb:  # a lifecycle status reads as an adjective
        return f"{who} {verb} {label.lower()}."
    has = "has" if count == 1 else "have"
    return f"{who} {has} the {spec.label.lower()} {label}."


def _age_label(verified: date | None, today: date) -> str:
    if verified is None:
        return NEVER
    age = (today - verified).days
    return next(label for label, limit in AGE_BUCKETS if age < limit)


def freshness_series(kb: KnowledgeBase, catalog: str, today: date) -> Series:
    """Entries by the age of their ``last_verified`` date, and those never re-checked."""
    entries = list(kb.entries[catalog].values())
    counts = Counter(_age_label(e.last_verified, today) for e in entries)
    labels = [label for label, _ in AGE_BUCKETS] + [NEVER]
    # No URL state filters by age: the closest view shows the dates, oldest first.
    query = urlencode({"cols": "name,last_verified", "sort": "last_verified"})
    return Series(
        f"{catalog}-freshness",
        f"{CATALOGS[catalog].title}: time since last verified",
        f"Age of each entry's last check against its sources on {today.isoformat()}, "
        f"out of {len(entries)} entries.",
        len(entries),
        tuple(Bar(label, int(counts.get(label, 0)), query) for label in labels),
        caption="Time since last verified",
    )


def coverage_series(kb: KnowledgeBase, catalog: str) -> Series:
    """How many entries fill each field that is not always there."""
    entries = list(kb.entries[catalog].values())
    specs = [
        s
        for s in specs_by_name(catalog).values()
        # a rating is always written (with its basis) but not always rated
        if s.name not in _NOT_COVERAGE and (not s.required or s.rated)
    ]
    # A value counts when the site shows one: an unrated rating or an empty list does not.
    rows = [{s.name: bool(s.values(e)) for s in specs} for e in entries]
    filled = {s.name: sum(row[s.name] for row in rows) for s in specs}
    bars = tuple(Bar(s.label, int(filled.get(s.name, 0)), _coverage_query(s)) for s in specs)
    return Series(
        f"{catalog}-coverage",
        f"{CATALOGS[catalog].title}: optional fields filled in",
        f"For each optional field and rating, how many of the {len(entries)} entries give "
        "a value (a rating counts once it is rated).",
        len(entries),
        bars,
        caption="Optional fields filled in",
    )


def _coverage_query(spec: FieldSpec) -> str | None:
    """The field beside the names, sorted: filled rows first (empty cells sort last)."""
    if spec.kind in (Kind.MARKDOWN, Kind.URL, Kind.OBJECT):
        return None
    return urlencode({"cols": f"name,{spec.name}", "sort": f"-{spec.name}"})


def catalog_series(kb: KnowledgeBase, catalog: str, today: date) -> list[Series]:
    """Every count of one catalog: its facets, then freshness, then coverage."""
    return [
        *facet_series(kb, catalog),
        freshness_series(kb, catalog, today),
        coverage_series(kb, catalog),
    ]


def catalog_stats(kb: KnowledgeBase, catalog: str, today: date) -> CatalogStats:
    """One catalog's charts, each of two bars or more, and the sentences said instead of a
    chart of one bar."""
    every = catalog_series(kb, catalog, today)
    charts = [s for s in every if len(s.bars) > 1]
    sentences = [s.sentence or _one_bar(s) for s in every if len(s.bars) <= 1]
    return CatalogStats(charts, sentences)


def _one_bar(series: Series) -> str:
    """A count with one bar or none that no facet sentence covers (e.g. coverage of a
    catalog with a single optional field)."""
    counts = "; ".join(f"{b.label}: {b.count}" for b in series.bars) or "nothing to count"
    return f"{series.title}: {counts}."
