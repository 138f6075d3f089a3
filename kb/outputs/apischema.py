"""JSON Schemas of the static API's responses (published beside them under api/v1/schemas/).

An entry's ``data`` is checked against the catalog's own model schema, copied in: the
model's ``$defs`` sit beside ours, so its ``#/$defs/...`` references still resolve.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from kb.data.models import CATALOGS, Rating
from kb.outputs.schema import DIALECT, catalog_schema

_STRING = {"type": "string"}
_URL = {"type": "string", "description": "Relative to the URL of the response."}


def _object(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [k for k in properties if k not in optional],
        "properties": properties,
    }


_DERIVED = {
    "rule": {"type": "string", "description": "The published rule that set this level."},
    "derived_from": {
        "type": "array",
        "items": {"type": "string"},
        "description": "The entry's fields the rule read.",
    },
}
LINK = _object({"catalog": _STRING, "id": _STRING, "name": _STRING, "url": _URL, "api": _URL})


@cache  # read-only: the two schemas of a catalog share it
def _item_defs(catalog: str) -> dict[str, Any]:
    """``$defs`` for one catalog: the model's own, the entry model, a link, an item."""
    model = catalog_schema(catalog)
    defs = dict(model.get("$defs", {}))
    # A derived rating carries the rule and the facts it read: response-only keys that a
    # contributor's schema leaves out (nobody writes them).
    for name, shape in defs.items():
        if set(Rating.model_fields) - set(_DERIVED) == set(shape.get("properties", {})):
            defs[name] = {**shape, "properties": {**shape["properties"], **_DERIVED}}
    defs["kb_entry"] = {
        k: v for k, v in model.items() if k not in ("$defs", "$schema", "$id", "title")
    }
    defs["kb_link"] = LINK
    defs["kb_item"] = _item(catalog)
    return defs


def _item(catalog: str) -> dict[str, Any]:
    links = {"type": "array", "items": {"$ref": "#/$defs/kb_link"}}
    return _object(
        {
            "catalog": {"const": catalog},
            "id": _STRING,
            "url": _URL,
            "api": _URL,
            "data": {"$ref": "#/$defs/kb_entry"},
            "links": {"type": "object", "additionalProperties": links},
            "referenced_by": links,
        }
    )


def _root(title: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": DIALECT, "title": title, **body}


def entry_response_schema(catalog: str) -> dict[str, Any]:
    """Schema of ``api/v1/<catalog>/<id>.json``."""
    item = _item(catalog)
    body = _object({"version": {"const": 1}, "schema": _URL, **item["properties"]})
    return _root(f"One {CATALOGS[catalog].singular}", {**body, "$defs": _item_defs(catalog)})


def catalog_response_schema(catalog: str) -> dict[str, Any]:
    """Schema of ``api/v1/<catalog>.json``."""
    body = _object(
        {
            "version": {"const": 1},
            "schema": _URL,
            "catalog": {"const": catalog},
            "title": _STRING,
            "url": _URL,
            "count": {"type": "integer", "minimum": 0},
            "entries": {"type": "array", "items": {"$ref": "#/$defs/kb_item"}},
        }
    )
    return _root(f"All {CATALOGS[catalog].title.lower()}", {**body, "$defs": _item_defs(catalog)})


def index_schema() -> dict[str, Any]:
    """Schema of ``api/v1/index.json``."""
    date = {"type": ["string", "null"], "format": "date"}
    entry = _object(
        {
            "catalog": {"enum": list(CATALOGS)},
            "title": _STRING,
            "count": {"type": "integer", "minimum": 0},
            "last_verified": date,
            **{
                k: _URL
                for k in (
                    "url",
                    "api",
                    "api_schema",
                    "entry_schema",
                    "entry_api",
                    "yaml_schema",
                    "csv",
                    "json",
                )
            },
        }
    )
    body = _object(
        {
            "version": {"const": 1},
            "schema": _URL,
            "built": {"type": "string", "format": "date-time"},
            "feed": _URL,
            "catalogs": {"type": "array", "items": entry},
        }
    )
    return _root("The catalogs of the knowledge base", body)
