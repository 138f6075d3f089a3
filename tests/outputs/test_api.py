"""The static JSON API: raw YAML values, links resolved relative to each response, counts."""

from __future__ import annotations

import json
import posixpath
from datetime import UTC, datetime
from typing import Any

from kb.data.loader import load
from kb.outputs import api
from kb.outputs.pages import files

BUILT = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)


def _resolve(response_path: str, href: str) -> str:
    """The site path a relative URL in a response points at."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(response_path), href))
    return joined + ("/" if href.endswith("/") else "")


def test_entry_response_has_raw_values_page_and_resolved_references(tree: Any) -> None:
    kb = load(tree.root)
    vendor = kb.entries["annotation-vendors"]["label-tool"]
    got = api.entry_response(kb, "annotation-vendors", vendor)
    path = "api/v1/annotation-vendors/label-tool.json"
    assert got["version"] == 1 and got["id"] == "label-tool"
    assert got["data"]["license"] == "open-source"  # the code, not the label "Open source"
    assert got["data"]["techniques"] == ["bounding-box", "polygon"]
    assert got["data"]["last_verified"] == "2024-05-02"
    assert "description" not in got["data"]  # not in the YAML, not in the response
    assert _resolve(path, got["url"]) == "annotation-vendors/label-tool/"
    techniques = got["links"]["techniques"]
    assert [(t["id"], t["name"]) for t in techniques] == [
        ("bounding-box", "Bounding box"),
        ("polygon", "Polygon"),
    ]
    assert _resolve(path, techniques[0]["url"]) == "annotation-techniques/bounding-box/"
    assert _resolve(path, techniques[0]["api"]) == "api/v1/annotation-techniques/bounding-box.json"
    assert _resolve(path, got["schema"]) == "api/v1/schemas/annotation-vendors.entry.schema.json"


def test_referenced_entry_lists_who_points_at_it(tree: Any) -> None:
    kb = load(tree.root)
    polygon = kb.entries["annotation-techniques"]["polygon"]
    got = api.entry_response(kb, "annotation-techniques", polygon)
    assert [r["id"] for r in got["referenced_by"]] == ["label-tool"]


def test_index_and_catalog_counts_and_every_file_listed(tree: Any) -> None:
    kb = load(tree.root)
    out = api.files(kb, BUILT)
    index = json.loads(out["api/v1/index.json"])
    assert index["built"] == "2025-01-02T03:04:05Z"
    counts = {c["catalog"]: c["count"] for c in index["catalogs"]}
    assert counts["annotation-techniques"] == 2 and counts["annotation-vendors"] == 1
    for item in index["catalogs"]:
        for key in ("api", "api_schema", "entry_schema", "url", "yaml_schema", "csv"):
            target = _resolve("api/v1/index.json", item[key])
            assert (
                target.endswith("/")
                or target in out
                or target.startswith(("schema/", "downloads/"))
            ), (key, target)
        catalog = json.loads(out[_resolve("api/v1/index.json", item["api"])])
        assert catalog["count"] == len(catalog["entries"]) == item["count"]
        for entry in catalog["entries"]:
            assert _resolve(f"api/v1/{item['catalog']}.json", entry["api"]) in out


def test_site_files_include_api_feed_and_embeds(tree: Any) -> None:
    out = files(load(tree.root))
    assert "feed.xml" in out and "api/v1/index.json" in out
    assert "api/v1/sourcing-modes/in-house.json" in out
    assert "embed/annotation-vendors/index.html" in out


def _uri_checking() -> Any:
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker()
    # Self-check: without a URI checker installed, format: uri would pass anything.
    assert not checker.conforms('https://example.com/a"b', "uri"), "install rfc3986-validator"
    return lambda schema: Draft202012Validator(schema, format_checker=checker)


def test_every_response_validates_against_its_published_schema_with_uri_checks(
    tree: Any,
) -> None:
    # An entry whose URLs use every character a URI may hold, and escapes of those it may not.
    text = tree.valid("annotation-vendors", "label-tool").replace(
        "website: https://label-tool.example.org/",
        'website: "https://label-tool.example.org/a\'b(c)*d;e=f?q=%22%3C&x=%5B1%5D#frag/?"',
    )
    tree.write("annotation-vendors", "label-tool", text)
    kb = load(tree.root)
    assert kb.ok, [p.text() for p in kb.problems]
    out = api.files(kb, BUILT)
    validator = _uri_checking()
    checked = 0
    for path, body in out.items():
        if not path.endswith(".json") or "/schemas/" in path:
            continue
        response = json.loads(body)
        schema = json.loads(out[_resolve(path, response["schema"])])
        errors = [e.message for e in validator(schema).iter_errors(response)]
        assert errors == [], (path, errors)
        checked += 1
    assert checked >= 10
