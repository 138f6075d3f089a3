"""The starting entry ``kb new`` writes, generated from the model: every required field,
the optional ones commented out, and placeholders that ``kb validate`` refuses until the
contributor replaces them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from kb.data.catalog import KnowledgeBase
from kb.data.fields import PLACEHOLDER, PLACEHOLDER_URL
from kb.data.introspect import FieldSpec, Kind, model_specs
from kb.data.models import CATALOGS, LIFECYCLE_FIELDS
from kb.outputs.schema import schema_name


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _mapping(model: type[BaseModel], entry_id: str) -> str:
    """A flow mapping with every required field of a nested model."""
    parts = [f"{s.name}: {_value(s, entry_id, [])}" for s in model_specs(model) if s.required]
    return "{" + ", ".join(parts) + "}"


def _value(spec: FieldSpec, entry_id: str, ref_ids: list[str]) -> str:
    """An example value: real where one can be (a first vocabulary value, an existing id),
    a placeholder ``kb validate`` refuses where only the contributor knows (texts, URLs)."""
    if ref_ids:
        item = _q(ref_ids[0])
    elif spec.vocab is not None and not spec.rated:
        item = _q(next(iter(spec.vocab)).code)
    elif spec.model is not None:
        item = _mapping(spec.model, entry_id)
    elif spec.kind is Kind.URL:
        item = PLACEHOLDER_URL
    elif spec.kind is Kind.NUMBER:
        # inside the field's range: at its lower bound where it has one above 1
        low = spec.minimum if spec.minimum is not None and spec.minimum > 1 else None
        item = str(int(low)) if low is not None else "1" if spec.base is int else "0.5"
    elif spec.kind is Kind.BOOL:
        item = "false"
    elif spec.kind is Kind.DATE:
        item = date.today().isoformat()
    elif spec.name == "name":
        item = _q(entry_id.replace("-", " ").title())
    else:
        item = _q(f"{PLACEHOLDER} {spec.description or spec.name}")
    return f"[{item}]" if spec.many else item


def skeleton(kb: KnowledgeBase, catalog: str, entry_id: str) -> str:
    """YAML text of a new entry: every required field, hints for the rest, and placeholders
    (``TODO:`` texts, an example.com source) to replace before it validates."""
    spec = CATALOGS[catalog]
    today = date.today().isoformat()
    lines = [
        f"# yaml-language-server: $schema=../../schema/{schema_name(catalog)}",
        f"# A new {spec.singular}. Replace every TODO; see CONTRIBUTING.md for each field.",
        f"id: {entry_id}",
    ]
    facts = []
    for field in model_specs(spec.model):
        if field.name in ("id", "added", "sources", "last_verified", *LIFECYCLE_FIELDS):
            continue
        if field.rule is not None:  # derived by a published rule, never written
            continue
        if field.fact and field.required:
            facts.append(field.name)
        hint = f"  # one of: {', '.join(m.code for m in field.vocab)}" if field.vocab else ""
        ref_ids = sorted(kb.entries[field.ref]) if field.ref else []
        if field.ref:
            hint = f"  # ids from catalog/{field.ref}/"
        value = _value(field, entry_id, ref_ids)
        lines.append(f"{'' if field.required else '# '}{field.name}: {value}{hint}")
    lines += [
        f"added: {today}",
        "sources:",
        f"  - url: {PLACEHOLDER_URL}",
        f'    title: "{PLACEHOLDER} title of the page you took the facts from"',
        "    kind: vendor  # seed, vendor (the maker's own page) or third-party",
        f"    accessed: {today}",
        f"    supports: [{', '.join(facts)}]  # every fact you fill, under the source stating it",
        "# Once you have compared every fact above with the sources:",
        f"# last_verified: {today}",
    ]
    return "\n".join(lines) + "\n"


def skeleton_path(root: Path, catalog: str, entry_id: str) -> Path:
    """Where ``kb new`` writes."""
    return root / catalog / f"{entry_id}.yml"
