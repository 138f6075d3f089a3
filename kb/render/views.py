"""The pages generated from the catalogs, as HTML fragments: a catalog's page (table,
counts, downloads), an entry's page (facts, status, sources, referrers) and the compare
page. Engine-neutral: any static-site engine can place these fragments in its pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup

from kb.data.age import DEFAULT_STALE_DAYS, age_days, is_stale
from kb.data.catalog import KnowledgeBase
from kb.data.citations import citations
from kb.data.definitions import wording
from kb.data.introspect import FieldSpec, specs_by_name
from kb.data.models import ACTIVE, CATALOGS, Entry
from kb.render.cells import Item, cell, retired
from kb.render.contract import CONTRACT
from kb.render.diagrams import for_entry
from kb.render.sharedtable import catalog_table
from kb.render.templating import attribute_json, render
from kb.render.urls import Linker, download_path, page_src, schema_path

# Shown on the entry page around the facts table (heading, banners, sources), not in it.
ABOVE_FACTS = frozenset(
    {
        "id",
        "name",
        "summary",
        "description",
        "sources",
        "last_verified",
        "added",
        "status",
        "status_date",
        "status_note",
        "successor",
        "acquired_by",
        "acquired_on",
    }
)


def fact_specs(catalog: str) -> list[FieldSpec]:
    """The fields an entry page lists in its facts table, in model order."""
    return [s for s in specs_by_name(catalog).values() if s.name not in ABOVE_FACTS]


def verified_count(kb: KnowledgeBase, catalog: str) -> int:
    """How many entries of a catalog someone has compared with their sources (an entry
    resting only on seed sources does not count, as its page says)."""
    return sum(
        1 for e in kb.entries[catalog].values() if e.last_verified is not None and not e.seed_only
    )


def last_verified(kb: KnowledgeBase, catalog: str) -> str | None:
    """The most recent ``last_verified`` date of a catalog, ISO formatted."""
    dates = [e.last_verified for e in kb.entries[catalog].values() if e.last_verified]
    return max(dates).isoformat() if dates else None


def catalog_page(
    kb: KnowledgeBase, catalog: str, linker: Linker, contributing: str | None
) -> Markup:
    """A catalog's page: title, counts, downloads and its interactive table."""
    spec = CATALOGS[catalog]
    return render(
        "catalog.html",
        catalog=catalog,
        spec=spec,
        count=len(kb.entries[catalog]),
        verified=verified_count(kb, catalog),
        updated=last_verified(kb, catalog),
        csv_href=linker.file(download_path(catalog, "csv")),
        json_href=linker.file(download_path(catalog, "json")),
        schema_href=linker.file(schema_path(catalog)),
        contributing_href=linker.page(contributing) if contributing else None,
        table=catalog_table(kb, catalog, linker),
        embed_href=linker.embed(catalog),
    )


def _status(kb: KnowledgeBase, catalog: str, entry: Entry, linker: Linker) -> Any:
    """What the entry page says about a discontinued or superseded product."""
    if entry.status is ACTIVE:
        return None
    successor = kb.get(catalog, entry.successor) if entry.successor else None
    return {
        "label": entry.status.label,
        "code": entry.status.code,
        "since": entry.status_date.isoformat() if entry.status_date else None,
        "note": entry.status_note,
        "successor": Item(successor.name, linker.entry(catalog, successor.id))
        if successor
        else None,
        "successor_id": successor.id if successor else None,
    }


def _owner(entry: Entry) -> Any:
    """Who bought the product or its maker, and when, where the sources say so."""
    if entry.acquired_by is None:
        return None
    return {
        "by": entry.acquired_by,
        "on": entry.acquired_on.isoformat() if entry.acquired_on else None,
    }


def _referrers(
    kb: KnowledgeBase, catalog: str, entry: Entry, linker: Linker
) -> list[dict[str, Any]]:
    """The entries that refer to this one, grouped by their catalog and the field that holds
    the reference ("Annotation vendors listing it under Techniques"), by name."""
    groups: dict[tuple[str, str], list[Item]] = {}
    for ref in kb.referrers(catalog, entry.id):
        source = kb.get(*ref.source)
        if source is not None:
            # A retired product says so wherever it is named (as kb-link and kb-list do).
            item = Item(source.name, linker.entry(*ref.source), note=retired(source))
            groups.setdefault((ref.source[0], ref.field), []).append(item)
    return [
        {
            "title": CATALOGS[source_catalog].title,
            "field": specs_by_name(source_catalog)[field].label,
            "entries": sorted(items, key=lambda i: i.text.lower()),
        }
        for (source_catalog, field), items in groups.items()
    ]


def entry_page(
    kb: KnowledgeBase,
    catalog: str,
    entry: Entry,
    linker: Linker,
    edit_url: str | None,
    today: date | None = None,
) -> Markup:
    """Everything about one entry: status, facts, description, sources, referrers, edit link."""
    spec = CATALOGS[catalog]
    description = cell(kb, catalog, entry, specs_by_name(catalog)["description"], linker)
    # Empty fields are named under the table rather than shown as rows of dashes.
    facts = [(cell(kb, catalog, entry, s, linker), s) for s in fact_specs(catalog)]
    # Citation links must work where the compare page copies the facts too: it is a sibling
    # of the entry page, so link to the entry page by name, not by "#source-1" alone.
    here = linker.at(page_src(catalog, "compare")).entry(catalog, entry.id)
    cited = citations(entry)
    labels = {s.name: s.label for s in fact_specs(catalog)}
    cites = {
        name: [(n, f"{here}#source-{n}", entry.sources[n - 1].title) for n in numbers]
        for name, numbers in cited.items()
    }
    sources = [
        (n, s, [labels.get(f, f) for f in s.supports]) for n, s in enumerate(entry.sources, 1)
    ]
    return render(
        "entry.html",
        wording=wording(),
        catalog=catalog,
        spec=spec,
        entry=entry,
        stale=is_stale(entry, DEFAULT_STALE_DAYS, today),
        age=age_days(entry.last_verified, today) if entry.last_verified else None,
        status=_status(kb, catalog, entry, linker),
        owner=_owner(entry),
        description=None if description.empty else description,
        diagram=for_entry(catalog, entry),
        facts=[(c, s) for c, s in facts if not c.empty],
        cites=cites,
        sources=sources,
        not_given=[(s, c) for c, s in facts if c.missing == "not given"],
        not_applicable=[(s, c) for c, s in facts if c.missing == "n/a"],
        referrers=_referrers(kb, catalog, entry, linker),
        edit_url=edit_url,
        catalog_href=linker.catalog(catalog),
        compare_href=linker.catalog(catalog, "compare"),
    )


def compare_page(kb: KnowledgeBase, catalog: str, linker: Linker) -> Markup:
    """The compare page: the chosen entries (``?id=a&id=b``) side by side, one row per field.

    The page carries the field list and, for the picker that adds an entry, each entry's id
    and name (and status where it is not active); the script reads each chosen entry's facts
    and status from its own page. Rendering every entry's facts here would make the page
    (and the build) grow with the catalog, for a view that shows two or three of them.
    """
    specs = specs_by_name(catalog)
    entries = sorted(kb.entries[catalog].values(), key=lambda e: e.name.lower())
    rows = [specs["summary"], *fact_specs(catalog), specs["last_verified"]]
    return render(
        "compare.html",
        catalog=catalog,
        spec=CATALOGS[catalog],
        catalog_href=linker.catalog(catalog),
        fields_json=attribute_json([{"name": s.name, "label": s.label} for s in rows]),
        entry_href=linker.entry(catalog, CONTRACT["idSlot"]),
        entries_json=attribute_json([_pick(e) for e in entries]),
    )


def _pick(entry: Entry) -> dict[str, str]:
    """What the compare page's picker lists of an entry: id, name, and a retired status."""
    item = {"id": entry.id, "name": entry.name}
    if entry.status is not ACTIVE:
        item["status"] = entry.status.label
    return item
