"""The static JSON API (``api/v1/``): response payloads and the JSON Schema of each shape.

Every URL inside a response is relative to the response's own URL (resolve it the way a
browser resolves a link), so the files work wherever the site is served from. Version 1
only grows: fields may be added, none is renamed, retyped or removed; a breaking change
gets ``api/v2/`` beside it.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import partial
from typing import Any

from kb.data.catalog import KnowledgeBase
from kb.data.models import CATALOGS, Entry
from kb.outputs.apischema import catalog_response_schema, entry_response_schema, index_schema
from kb.outputs.export import raw_values, records
from kb.render.entrycache import ENTRIES
from kb.render.urls import Linker, download_path, schema_path

VERSION = 1
ROOT = f"api/v{VERSION}"


# The index response: every catalog with its count, links and schema URLs.
INDEX_PATH = f"{ROOT}/index.json"


def api_path(catalog: str, entry_id: str | None = None) -> str:
    """Site path of a catalog's response (all its entries), or of one entry's."""
    return f"{ROOT}/{catalog}.json" if entry_id is None else f"{ROOT}/{catalog}/{entry_id}.json"


def response_schema_path(shape: str) -> str:
    """Site path of the schema of a response shape: ``index``, ``<catalog>`` (a catalog
    response) or ``<catalog>.entry`` (one entry of it)."""
    return f"{ROOT}/schemas/{shape}.schema.json"


def dumps(payload: dict[str, Any]) -> str:
    """A response as the site serves it: compact (Python's fast encoder only writes
    unindented JSON; ``jq .`` or any viewer indents it)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


def dumps_schema(schema: dict[str, Any]) -> str:
    """A schema, indented for people who read it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _links(kb: KnowledgeBase, ln: Linker, catalog: str, entry_id: str) -> list[dict[str, str]]:
    entry = kb.entries[catalog][entry_id]
    return [
        {
            "catalog": catalog,
            "id": entry_id,
            "name": entry.name,
            "url": ln.entry(catalog, entry_id),
            "api": ln.file(api_path(catalog, entry_id)),
        }
    ]


def item(kb: KnowledgeBase, catalog: str, entry: Entry, ln: Linker) -> dict[str, Any]:
    """One entry: raw YAML values under ``data``, its page, and its references as links."""
    data = raw_values(entry)
    links: dict[str, list[dict[str, str]]] = {}
    for ref in kb.references_from(catalog, entry.id):
        if ref.target[1] in kb.entries[ref.target[0]]:
            links.setdefault(ref.field, []).extend(_links(kb, ln, *ref.target))
    referrers = [
        link
        for ref in kb.referrers(catalog, entry.id)
        if ref.source[1] in kb.entries[ref.source[0]]
        for link in _links(kb, ln, *ref.source)
    ]
    return {
        "catalog": catalog,
        "id": entry.id,
        "url": ln.entry(catalog, entry.id),
        "api": ln.file(api_path(catalog, entry.id)),
        "data": data,
        "links": links,
        "referenced_by": referrers,
    }


def entry_response(
    kb: KnowledgeBase, catalog: str, entry: Entry, directory_urls: bool = True
) -> dict[str, Any]:
    """``api/v1/<catalog>/<id>.json``."""
    ln = Linker(api_path(catalog, entry.id), directory_urls)
    return {
        "version": VERSION,
        "schema": ln.file(response_schema_path(f"{catalog}.entry")),
        **item(kb, catalog, entry, ln),
    }


def catalog_response(
    kb: KnowledgeBase, catalog: str, directory_urls: bool = True
) -> dict[str, Any]:
    """``api/v1/<catalog>.json``: every entry of the catalog, by id."""
    ln = Linker(api_path(catalog), directory_urls)
    entries = [e for name, e in kb.all() if name == catalog]
    return {
        "version": VERSION,
        "schema": ln.file(response_schema_path(catalog)),
        "catalog": catalog,
        "title": CATALOGS[catalog].title,
        "url": ln.catalog(catalog),
        "count": len(entries),
        "entries": [item(kb, catalog, e, ln) for e in entries],
    }


def index_response(
    kb: KnowledgeBase, built: datetime, directory_urls: bool = True
) -> dict[str, Any]:
    """``api/v1/index.json``: every catalog with its count, links and schema URLs."""
    ln = Linker(INDEX_PATH, directory_urls)
    catalogs = []
    for name, spec in CATALOGS.items():
        dates = [r["last_verified"] for r in records(kb, name) if r.get("last_verified")]
        catalogs.append(
            {
                "catalog": name,
                "title": spec.title,
                "count": len(kb.entries[name]),
                "last_verified": max(dates) if dates else None,
                "url": ln.catalog(name),
                "api": ln.file(api_path(name)),
                "api_schema": ln.file(response_schema_path(name)),
                "entry_schema": ln.file(response_schema_path(f"{name}.entry")),
                "entry_api": ln.file(api_path(name, "{id}")),
                "yaml_schema": ln.file(schema_path(name)),
                "csv": ln.file(download_path(name, "csv")),
                "json": ln.file(download_path(name, "json")),
            }
        )
    return {
        "version": VERSION,
        "schema": ln.file(response_schema_path("index")),
        "built": built.isoformat().replace("+00:00", "Z"),
        "feed": ln.file("feed.xml"),
        "catalogs": catalogs,
    }


def _entry_json(kb: KnowledgeBase, catalog: str, entry: Entry, directory_urls: bool) -> str:
    return dumps(entry_response(kb, catalog, entry, directory_urls))


def files(kb: KnowledgeBase, built: datetime, directory_urls: bool = True) -> dict[str, str]:
    """Every API response and schema, by site path."""
    out = {INDEX_PATH: dumps(index_response(kb, built, directory_urls))}
    out[response_schema_path("index")] = dumps_schema(index_schema())
    for name in CATALOGS:
        out[api_path(name)] = dumps(catalog_response(kb, name, directory_urls))
        out[response_schema_path(name)] = dumps_schema(catalog_response_schema(name))
        out[response_schema_path(f"{name}.entry")] = dumps_schema(entry_response_schema(name))
        for entry_id, entry in sorted(kb.entries[name].items()):
            # made from what the entry's page is made from: kept while previewing
            out[api_path(name, entry_id)] = ENTRIES.kept(
                kb,
                name,
                entry_id,
                ("api", directory_urls),
                partial(_entry_json, kb, name, entry, directory_urls),
            )
    return out
