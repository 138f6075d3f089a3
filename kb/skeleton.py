"""A valid starting entry for ``kb new``, generated from the model."""

from __future__ import annotations

import json
import types
import typing
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from kb.catalog import KnowledgeBase, ref_fields
from kb.fields import URL_PATTERN
from kb.models import CATALOGS, LIFECYCLE_FIELDS
from kb.schema import schema_name
from kb.vocab import Vocab


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _inner(annotation: Any) -> Any:
    """Strip Optional and Annotated layers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _enum_of(info: FieldInfo) -> type[Vocab] | None:
    inner = _inner(info.annotation)
    if typing.get_origin(inner) is list:
        inner = _inner(typing.get_args(inner)[0])
    return inner if isinstance(inner, type) and issubclass(inner, Enum) else None  # type: ignore[return-value]


def _is_url(annotation: Any) -> bool:
    """True when a URL_PATTERN constraint appears anywhere inside ``annotation``."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, StringConstraints) and meta.pattern == URL_PATTERN:
            return True
    return any(_is_url(arg) for arg in getattr(annotation, "__args__", ()) or ())


def _mapping(model: type[BaseModel], entry_id: str) -> str:
    """A flow mapping with every required field of a nested model."""
    parts = [
        f"{name}: {_value(name, info, entry_id, [])}"
        for name, info in model.model_fields.items()
        if info.is_required()
    ]
    return "{" + ", ".join(parts) + "}"


def _value(name: str, info: FieldInfo, entry_id: str, ref_ids: list[str]) -> str:
    inner = _inner(info.annotation)
    is_list = typing.get_origin(inner) is list
    enum = _enum_of(info)
    base = _inner(typing.get_args(inner)[0] if is_list else inner)
    if ref_ids:
        item = _q(ref_ids[0])
    elif enum is not None:
        item = _q(next(iter(enum)).value)
    elif isinstance(base, type) and issubclass(base, BaseModel):
        item = _mapping(base, entry_id)
    elif _is_url(info.annotation):
        item = "https://example.com/"  # valid as it stands once uncommented
    elif base is int:
        item = "1"
    elif base is float:
        item = "0.5"  # inside every range the models use (fractions, sizes)
    elif base is bool:
        item = "false"
    elif name == "name":
        item = _q(entry_id.replace("-", " ").title())
    else:
        item = _q(f"TODO: {info.description or name}")
    return f"[{item}]" if is_list else item


def skeleton(kb: KnowledgeBase, catalog: str, entry_id: str) -> str:
    """YAML text of a new, valid entry with every required field and hints for the rest."""
    spec = CATALOGS[catalog]
    today = date.today().isoformat()
    refs = ref_fields(spec.model)
    lines = [
        f"# yaml-language-server: $schema=../../schema/{schema_name(catalog)}",
        f"# A new {spec.singular}. Replace every TODO; see CONTRIBUTING.md for each field.",
        f"id: {entry_id}",
    ]
    for name, info in spec.model.model_fields.items():
        if name in ("id", "added", "sources", "last_verified", *LIFECYCLE_FIELDS):
            continue
        enum = _enum_of(info)
        hint = f"  # one of: {', '.join(m.value for m in enum)}" if enum else ""
        target = refs.get(name)
        ref_ids = sorted(kb.entries[target]) if target else []
        if target:
            hint = f"  # ids from catalog/{target}/"
        value = _value(name, info, entry_id, ref_ids)
        if info.is_required():
            lines.append(f"{name}: {value}{hint}")
        else:
            lines.append(f"# {name}: {value}{hint}")
    lines += [
        f"added: {today}",
        "sources:",
        "  - url: https://example.com/",
        '    title: "TODO: title of the page you took the facts from"',
        "    kind: vendor  # seed, vendor (the maker's own page) or third-party",
        f"    accessed: {today}",
        "# Once you have compared every fact above with the sources:",
        f"# last_verified: {today}",
    ]
    return "\n".join(lines) + "\n"


def skeleton_path(root: Path, catalog: str, entry_id: str) -> Path:
    """Where ``kb new`` writes."""
    return root / catalog / f"{entry_id}.yml"
