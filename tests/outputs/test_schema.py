"""``kb schema``: the committed JSON Schemas match the models, and state the same rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import CATALOG_NAMES
from jsonschema import Draft202012Validator

from kb.data.yamlread import parse

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "schema"


def _schema(catalog: str) -> dict[str, Any]:
    return json.loads((COMMITTED / f"{catalog}.schema.json").read_text(encoding="utf-8"))


def test_committed_schema_matches_the_models(cli: Any) -> None:
    r = cli("schema", "--check", "--out", str(COMMITTED))
    assert (r.code, r.err) == (0, ""), "run `kb schema` and commit schema/"


def test_check_fails_after_tampering(tmp_path: Path, cli: Any) -> None:
    copy = tmp_path / "schema"
    shutil.copytree(COMMITTED, copy)
    path = copy / "sourcing-modes.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace("Security", "Safety"), "utf-8")
    (copy / "case-studies.schema.json").unlink()
    r = cli("schema", "--check", "--out", str(copy))
    assert r.code == 1
    assert "sourcing-modes.schema.json is out of date; run: kb schema" in r.both
    assert "case-studies.schema.json is out of date" in r.both
    assert "vision-tasks" not in r.both


def test_schema_writes_every_catalog(tmp_path: Path, cli: Any) -> None:
    r = cli("schema", "--out", str(tmp_path))
    assert r.code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{c}.schema.json" for c in CATALOG_NAMES
    )
    assert cli("schema", "--check", "--out", str(tmp_path)).code == 0


@pytest.mark.parametrize("catalog", CATALOG_NAMES)
def test_schema_is_a_valid_draft_2020_12_schema(catalog: str) -> None:
    schema = _schema(catalog)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert {"id", "name", "summary", "added", "sources"} <= set(schema["required"])


def _walk(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found += _walk(value)
    elif isinstance(node, list):
        for value in node:
            found += _walk(value)
    return found


def test_every_url_field_carries_the_http_pattern() -> None:
    urls = [
        node
        for catalog in CATALOG_NAMES
        for node in _walk(_schema(catalog))
        if node.get("format") == "uri"
    ]
    # sources.url in every catalog, plus website everywhere and the vendors' repository
    assert len(urls) >= 2 * len(CATALOG_NAMES) + 1
    for node in urls:
        assert node["pattern"].startswith("^https?://"), node


def _as_json(path: Path) -> Any:
    # An editor's YAML language server reads 2024-05-01 as a string: do the same.
    doc = parse(path.read_bytes(), str(path))
    assert doc.problems == []
    return json.loads(json.dumps(doc.data, default=str))


def test_valid_entries_satisfy_their_schema(tree: Any) -> None:
    paths = sorted(tree.root.glob("*/*.yml"))
    assert len(paths) == 8
    for path in paths:
        validator = Draft202012Validator(_schema(path.parent.name))
        assert list(validator.iter_errors(_as_json(path))) == [], path


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("url: https://example.com/article", "url: 'javascript:alert(1)'", "does not match"),
        ("url: https://example.com/article", "url: 'data:text/html,hi'", "does not match"),
        ("complexity: {rating: low", "complexity: {rating: medium", "is not valid under any"),
        ("localizes: false", "localizes: 'no'", "is not of type 'boolean'"),
        ("focus: What", "fokus: What", "Additional properties are not allowed"),
        ("id: image-classification", "id: Image_Classification", "does not match"),
    ],
)
def test_schema_refuses_what_the_validator_refuses(
    tree: Any, cli: Any, old: str, new: str, complaint: str
) -> None:
    path = tree.root / "vision-tasks" / "image-classification.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    errors = list(Draft202012Validator(_schema("vision-tasks")).iter_errors(_as_json(path)))
    assert any(complaint in e.message for e in errors), [e.message for e in errors]
    assert cli("validate").code == 1  # and the validator agrees


def test_out_is_a_file(tmp_path: Path, cli: Any) -> None:
    target = tmp_path / "taken"
    target.write_text("not a folder\n", encoding="utf-8")
    r = cli("schema", "--out", str(target))
    assert r.code == 1
    assert r.both.strip() == f"kb: cannot write to {target}: File exists"
    assert "internal error" not in r.both
