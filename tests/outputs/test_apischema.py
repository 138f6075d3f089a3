"""kb.outputs.apischema: the published response schemas hold every real response and refuse
one that drifts from the documented shape (a client generated from them would break)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from kb.data.loader import load
from kb.outputs import api
from kb.outputs.apischema import catalog_response_schema, entry_response_schema, index_schema

ROOT = Path(__file__).resolve().parents[2]
BUILT = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def kb() -> Any:
    loaded = load(ROOT / "catalog")
    assert loaded.ok
    return loaded


def _errors(schema: dict[str, Any], payload: dict[str, Any]) -> list[str]:
    Draft202012Validator.check_schema(schema)
    return [e.message for e in Draft202012Validator(schema).iter_errors(payload)]


def test_real_responses_fit_their_schemas(kb: Any) -> None:
    assert _errors(index_schema(), api.index_response(kb, BUILT)) == []
    for catalog in kb.entries:
        assert _errors(catalog_response_schema(catalog), api.catalog_response(kb, catalog)) == []
        entry = next(iter(kb.entries[catalog].values()))
        response = api.entry_response(kb, catalog, entry)
        assert _errors(entry_response_schema(catalog), response) == []


def test_drifted_responses_are_refused(kb: Any) -> None:
    entry = kb.entries["annotation-vendors"]["cvat"]
    good = api.entry_response(kb, "annotation-vendors", entry)
    schema = entry_response_schema("annotation-vendors")
    for change in (
        lambda r: r.pop("url"),  # a documented key went missing
        lambda r: r.update(extra=1),  # an undocumented key appeared
        lambda r: r.update(version=2),  # v1 never changes shape
        lambda r: r.update(catalog="image-generators"),  # an entry of another catalog
        lambda r: r["data"].update(license="shareware"),  # a value outside the vocabulary
    ):
        bad = copy.deepcopy(good)
        change(bad)
        assert _errors(schema, bad), bad


def test_the_index_lists_only_known_catalogs(kb: Any) -> None:
    index = api.index_response(kb, BUILT)
    index["catalogs"][0]["catalog"] = "gpu-clouds"
    assert any("gpu-clouds" in e for e in _errors(index_schema(), index))
