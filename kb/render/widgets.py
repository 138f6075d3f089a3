"""Smaller fragments hand-written pages embed: links, lists, an entry card, the ranking
widget, the format matrix, the catalog overview, the field reference and the limits."""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup

from kb.data import fields as f
from kb.data.catalog import KnowledgeBase
from kb.data.introspect import FieldSpec, Kind, model_specs, specs_by_name
from kb.data.models import CATALOGS, Entry
from kb.data.rules import RULES, CountRule
from kb.data.vocab import vocab
from kb.data.yamlread import MAX_DEPTH, MAX_FILE_BYTES
from kb.render.cells import cell, retired
from kb.render.table import CatalogTable, allowed_values
from kb.render.templating import attribute_json, render
from kb.render.urls import Linker, download_path, schema_path
from kb.render.views import fact_specs, last_verified, verified_count


def link(kb: KnowledgeBase, catalog: str, entry_id: str, linker: Linker, text: str) -> Markup:
    """An inline link to an entry page, its text the entry's name unless given; a
    discontinued or superseded product says so beside its name wherever it is mentioned."""
    entry = kb.entries[catalog][entry_id]
    return render(
        "link.html",
        href=linker.entry(catalog, entry_id),
        text=text or entry.name,
        status=retired(entry),
    )


def entry_list(kb: KnowledgeBase, table: CatalogTable, linker: Linker) -> Markup:
    """A bullet list of links to a table's entries (already filtered)."""
    items = [
        {"href": linker.entry(table.catalog, e.id), "text": e.name, "note": retired(e)}
        for e in table.entries
    ]
    return render("links.html", items=items)


def entry_card(kb: KnowledgeBase, catalog: str, entry: Entry, linker: Linker) -> Markup:
    """One entry's facts as a compact table, for embedding in a hand-written page."""
    facts = [(cell(kb, catalog, entry, s, linker), s) for s in fact_specs(catalog)]
    return render(
        "entry_card.html",
        catalog=catalog,
        entry=entry,
        status=retired(entry),
        href=linker.entry(catalog, entry.id),
        facts=[(c, s) for c, s in facts if not c.empty and s.kind is not Kind.MARKDOWN],
    )


def recent(kb: KnowledgeBase, count: int, linker: Linker) -> Markup:
    """The most recently added or verified entries across all catalogs, newest first."""
    ordered: list[tuple[date, str, Entry]] = sorted(
        ((max(e.added, e.last_verified or e.added), c, e) for c, e in kb.all()),
        key=lambda t: (t[0], t[2].name),
        reverse=True,
    )
    items = [
        {
            "href": linker.entry(c, e.id),
            "text": e.name,
            "note": f"{CATALOGS[c].singular}, "
            f"{'verified' if e.last_verified == d else 'added'} {d.isoformat()}",
        }
        for d, c, e in ordered[:count]
    ]
    return render("links.html", items=items)


def catalogs(kb: KnowledgeBase, linker: Linker) -> Markup:
    """Every catalog with what it holds, its size, its freshness and its downloads."""
    rows = [
        {
            "name": name,
            "title": spec.title,
            "blurb": spec.blurb,
            "count": len(kb.entries[name]),
            "verified": verified_count(kb, name),
            "updated": last_verified(kb, name),
            "href": linker.catalog(name),
            "csv_href": linker.file(download_path(name, "csv")),
            "json_href": linker.file(download_path(name, "json")),
            "schema_href": linker.file(schema_path(name)),
        }
        for name, spec in CATALOGS.items()
    ]
    dates = [r["updated"] for r in rows if r["updated"]]
    return render(
        "catalogs.html",
        catalogs=rows,
        reviewed=max(dates) if dates else None,
        verified=sum(r["verified"] for r in rows),
        total=sum(r["count"] for r in rows),
    )


def rank(
    kb: KnowledgeBase, catalog: str, criteria: list[tuple[str, str, str]], linker: Linker
) -> Markup:
    """The weighted-ranking widget: readers weight criteria (field, better end, label) and
    see the entries ordered by the same catalog data."""
    specs = specs_by_name(catalog)
    entries = sorted(kb.entries[catalog].values(), key=lambda e: e.name.lower())
    data_entries, shown = [], []
    for e in entries:
        ranks, maxima, labels = {}, {}, {}
        for field, _, _ in criteria:
            levels = specs[field].values(e)
            vocab = specs[field].vocab
            if levels and vocab is not None:
                ranks[field] = levels[0].rank
                maxima[field] = max(m.rank or 0 for m in vocab)
                labels[field] = levels[0].label
        href = linker.entry(catalog, e.id)
        status = retired(e)
        data_entries.append(
            {
                "id": e.id,
                "name": e.name,
                "href": href,
                "ranks": ranks,
                "max": maxima,
                "status": status,
            }
        )
        shown.append({"name": e.name, "href": href, "labels": labels, "status": status})
    data = {
        "criteria": [
            {"field": c, "label": label, "better": b, "hint": _best(specs[c], b, label)}
            for c, b, label in criteria
        ],
        "entries": data_entries,
    }
    return render(
        "rank.html",
        catalog=catalog,
        singular=CATALOGS[catalog].singular,
        data_json=attribute_json(data),
        criteria=data["criteria"],
        entries=shown,
    )


def _best(spec: FieldSpec, better: str, label: str) -> str:
    """What scores highest on a criterion, in the scale's own words, so a slider's label
    cannot contradict its field ("Speed — time required: low scores highest")."""
    levels = sorted((m for m in spec.vocab or () if m.rank), key=lambda m: m.rank or 0)
    best = (levels[0] if better == "low" else levels[-1]).label.lower() if levels else better
    named = "" if spec.label.lower() == label.lower() else f" — {spec.label.lower()}"
    return f"{label}{named}: {best} scores highest"


def matrix(kb: KnowledgeBase, catalog: str, names: list[str], linker: Linker) -> Markup:
    """Which entry has which value in the given list fields (e.g. reads/writes a format)."""
    specs = [specs_by_name(catalog)[n] for n in names]
    vocab = specs[0].vocab
    values = [{"value": m.code, "label": m.label} for m in vocab] if vocab else []
    rows: list[dict[str, Any]] = []
    for e in sorted(kb.entries[catalog].values(), key=lambda e: e.name.lower()):
        sets = [(s, set(s.raw(e))) for s in specs]
        marks = [[s.short.lower() for s, have in sets if v["value"] in have] for v in values]
        rows.append(
            {
                "id": e.id,
                "name": e.name,
                "href": linker.entry(catalog, e.id),
                "marks": marks,
                "status": retired(e),
            }
        )
    used = [i for i, _ in enumerate(values) if any(r["marks"][i] for r in rows)]
    for r in rows:
        r["marks"] = [r["marks"][i] for i in used]
    caption = " and ".join(s.label.lower() for s in specs)
    return render(
        "matrix.html",
        catalog=catalog,
        singular=CATALOGS[catalog].singular,
        caption=f"{CATALOGS[catalog].title}: {caption}",
        values=[values[i] for i in used],
        rows=rows,
    )


_KIND_WORDS = {
    Kind.TEXT: "text",
    Kind.MARKDOWN: "Markdown text",
    Kind.URL: "URL (http/https)",
    Kind.NUMBER: "number",
    Kind.ORDINAL: "level",
    Kind.ENUM: "one of the values",
    Kind.BOOL: "true or false",
    Kind.DATE: "date (YYYY-MM-DD)",
    Kind.REF: "entry id",
    Kind.OBJECT: "mapping",
}


def _type_label(spec: FieldSpec) -> str:
    """How the field reference names a field's type, nested keys included."""
    name = _KIND_WORDS[spec.kind]
    if spec.model is not None:
        keys = ", ".join(s.name for s in model_specs(spec.model) if not s.internal)
        name = f"{{{keys}}}" if not spec.rated else f"rating {{{keys}}}"
    if spec.many:
        name = f"list of {name}"
    return name + (f" from {spec.ref}" if spec.ref else "")


def field_reference(kb: KnowledgeBase, catalog: str) -> Markup:
    """The generated field reference of one catalog (from the model, nothing hand-kept)."""
    rows = []
    for spec in specs_by_name(catalog).values():
        allowed = allowed_values(kb, spec) if spec.facet or spec.vocab else []
        rows.append(
            {
                "name": spec.name,
                "type": _type_label(spec),
                "required": spec.required,
                "allowed": allowed,
                "description": spec.description,
            }
        )
    return render(
        "fields.html",
        catalog=catalog,
        singular=CATALOGS[catalog].singular,
        a_singular=CATALOGS[catalog].a_singular,
        fields=rows,
    )


def limits() -> Markup:
    """The validation limits, from the constants the validator enforces."""
    rows = [
        ("File size", f"{MAX_FILE_BYTES // 1024} KiB per entry file"),
        ("Id", f"lowercase-kebab, at most {f.MAX_ID} characters, equal to the file name"),
        ("Name", f"at most {f.MAX_NAME} characters"),
        ("Short texts (summary, list items, source titles)", f"at most {f.MAX_TEXT} characters"),
        ("Markdown description", f"at most {f.MAX_MARKDOWN} characters"),
        ("URL", f"http or https only, at most {f.MAX_URL} characters"),
        ("Lists", f"at most {f.MAX_LIST} items, no repeats"),
        ("Nesting", f"at most {MAX_DEPTH} levels of lists and mappings"),
        ("Sources", f"1 to {f.MAX_SOURCES} per entry"),
    ]
    return render("limits.html", limits=rows)


def rules(catalog: str) -> Markup:
    """Every published rule of a catalog as tables a reader can check an entry against."""
    specs = specs_by_name(catalog)
    published = []
    for spec in specs.values():
        if spec.rule is None:
            continue
        rule = RULES[spec.rule]
        levels = [t.label for t in vocab(rule.scale)]
        if isinstance(rule, CountRule):
            facts = [(specs[f].label, _counted(specs[f], code)) for f, code in rule.counted]
            how = (
                "Counts the capabilities below that the entry's sources confirm; "
                "an entry with no features given is not rated."
            )
        else:
            facts = [(specs[b.field].label, "") for b in rule.bands]
            how = (
                "Each price the entry gives sets a level; the cheapest level wins, since a "
                "reader can take the cheapest way in. An entry that is only free is cheap; "
                "one with no price given is not rated and says which price is missing."
            )
        published.append(
            {
                "field": spec.name,
                "label": spec.label,
                "how": how,
                "levels": levels,
                "rows": rule.table(),
                "facts": facts,
                "count": isinstance(rule, CountRule),
            }
        )
    return render("rules.html", catalog=catalog, rules=published)


def _counted(spec: FieldSpec, code: str) -> str:
    return spec.vocab[code].label if spec.vocab is not None else code
