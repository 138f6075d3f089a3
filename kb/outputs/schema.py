"""JSON Schema of every catalog, derived from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kb.data.models import CATALOGS
from kb.outputs.writefile import write_atomic

SCHEMA_DIR = "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_name(catalog: str) -> str:
    """File name of a catalog's schema."""
    return f"{catalog}.schema.json"


def catalog_schema(catalog: str) -> dict[str, Any]:
    """The JSON Schema for one entry file of ``catalog``."""
    spec = CATALOGS[catalog]
    schema = spec.model.model_json_schema()
    return {
        "$schema": DIALECT,
        "$id": schema_name(catalog),
        "title": f"{spec.singular[:1].upper()}{spec.singular[1:]} ({catalog})",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text(catalog: str) -> str:
    """Serialised schema, stable across runs (sorted keys are *not* used: field order matters)."""
    return json.dumps(catalog_schema(catalog), indent=2, ensure_ascii=False) + "\n"


def write_schemas(out: Path) -> list[Path]:
    """Write every catalog's schema into ``out``; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for catalog in CATALOGS:
        path = out / schema_name(catalog)
        write_atomic(path, schema_text(catalog))
        written.append(path)
    return written
