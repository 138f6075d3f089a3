"""Smaller fragments hand-written pages embed: links, lists, counts, the ranking widget,
the format matrix, the catalog overview, the field reference and the limits."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from kb import fields as f
from kb.catalog import KnowledgeBase
from kb.models import CATALOGS, Entry
from kb.render import TableOptions, attribute_json, last_verified, matches, render
from kb.tables import FieldSpec, raw_values, specs_by_name
from kb.urls import Linker, download_path, schema_path
from kb.yamlread import MAX_DEPTH, MAX_FILE_BYTES


def link(kb: KnowledgeBase, catalog: str, entry_id: str, linker: Linker, text: str) -> Markup:
    """An inline link to an entry page, its text the entry's name unless given."""
    entry = kb.entries[catalog][entry_id]
    return render("link.html", href=linker.entry(catalog, entry_id), text=text or entry.name)


def entry_list(kb: KnowledgeBase, catalog: str, linker: Linker, opts: TableOptions) -> Markup:
    """A bullet list of links to the entries that pass a fixed filter."""
    specs = specs_by_name(catalog)
    chosen = [e for e in kb.entries[catalog].values() if matches(e, specs, opts)]
    items = [
        {"href": linker.entry(catalog, e.id), "text": e.name, "note": None}
        for e in sorted(chosen, key=lambda e: e.name.lower())
    ]
    return render("links.html", items=items)


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
            "updated": last_verified(kb, name),
            "href": linker.catalog(name),
            "csv_href": linker.file(download_path(name, "csv")),
            "json_href": linker.file(download_path(name, "json")),
            "schema_href": linker.file(schema_path(name)),
        }
        for name, spec in CATALOGS.items()
    ]
    return render("catalogs.html", catalogs=rows)


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
            value = getattr(e, field)
            vocab = specs[field].vocab
            if value is not None and vocab is not None:
                ranks[field] = value.rank
                maxima[field] = max(m.rank or 0 for m in vocab)
                labels[field] = value.label
        href = linker.entry(catalog, e.id)
        data_entries.append(
            {"id": e.id, "name": e.name, "href": href, "ranks": ranks, "max": maxima}
        )
        shown.append({"name": e.name, "href": href, "labels": labels})
    data = {
        "criteria": [{"field": c, "label": label, "better": b} for c, b, label in criteria],
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


def matrix(kb: KnowledgeBase, catalog: str, names: list[str], linker: Linker) -> Markup:
    """Which entry has which value in the given list fields (e.g. reads/writes a format)."""
    specs = [specs_by_name(catalog)[n] for n in names]
    vocab = specs[0].vocab
    values = [{"value": m.value, "label": m.label} for m in vocab] if vocab else []
    rows = []
    for e in sorted(kb.entries[catalog].values(), key=lambda e: e.name.lower()):
        sets = [(s, set(raw_values(e, s))) for s in specs]
        marks = [[_verb(s) for s, have in sets if v["value"] in have] for v in values]
        rows.append(
            {"id": e.id, "name": e.name, "href": linker.entry(catalog, e.id), "marks": marks}
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


def _verb(spec: FieldSpec) -> str:
    return {"input_formats": "reads", "output_formats": "writes"}.get(spec.name, spec.short.lower())


def _type_label(spec: FieldSpec) -> str:
    kinds = {
        "text": "text",
        "markdown": "Markdown text",
        "url": "URL (http/https)",
        "number": "number",
        "ordinal": "level",
        "enum": "one of the values",
        "bool": "true or false",
        "date": "date (YYYY-MM-DD)",
        "ref": "entry id",
        "object": "mapping",
    }
    name = kinds[spec.kind]
    if spec.name == "sources":
        name = "list of {url, title, accessed}"
    elif spec.name == "applications":
        name = "list of {area, role}"
    elif spec.many:
        name = f"list of {name}"
    return name + (f" from {spec.ref}" if spec.ref else "")


def field_reference(kb: KnowledgeBase, catalog: str) -> Markup:
    """The generated field reference of one catalog (from the model, nothing hand-kept)."""
    rows = []
    for spec in specs_by_name(catalog).values():
        allowed = [m.value for m in spec.vocab] if spec.vocab else []
        if spec.ref:
            allowed = sorted(kb.entries[spec.ref])
        if spec.kind == "bool":
            allowed = ["true", "false"]
        rows.append(
            {
                "name": spec.name,
                "type": _type_label(spec),
                "required": spec.required,
                "allowed": allowed,
                "description": spec.description,
            }
        )
    return render("fields.html", catalog=catalog, singular=CATALOGS[catalog].singular, fields=rows)


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
