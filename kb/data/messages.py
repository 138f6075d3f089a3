"""Turn pydantic's validation errors into one plain-language sentence each."""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

from pydantic_core import ErrorDetails

from kb.data.fields import ID_PATTERN, URL_PATTERN


def suggest(word: str, choices: list[str]) -> str:
    """ "; did you mean 'x'?" for the closest choice when one looks like a typo, else "".

    The cut-off is a little below difflib's default: one swapped pair of letters in a short
    name ("lisence" for "license") scores 0.57."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.55)
    return f"; did you mean '{close[0]}'?" if close else ""


def describe(value: Any) -> str:
    """How a YAML value reads to a contributor: its kind and a short rendering."""
    if value is None:
        return "nothing (empty)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int) and value.bit_length() > 128:
        return "a number far too large"  # str() of a huge int is slow or refused
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _quote_hint(value: Any) -> str:
    if isinstance(value, bool | int | float | date):
        return "; put the value in quotes to make it text"
    return ""


def _type_message(kind: str, value: Any) -> str:
    wanted = {
        "string_type": "text",
        "int_type": "a whole number",
        "float_type": "a number",
        "bool_type": "true or false",
        "date_type": "a date written YYYY-MM-DD",
        "list_type": "a list",
        "model_type": "a mapping of field: value",
        "dict_type": "a mapping of field: value",
        "model_attributes_type": "a mapping of field: value",
    }[kind]
    hint = _quote_hint(value) if kind == "string_type" else ""
    if kind == "list_type":
        hint = f"; write [{value}] or put each item on its own line after '- '"
    if kind == "bool_type" and isinstance(value, str):
        hint = "; YAML 1.2 reads yes/no/on/off as text"
    if kind in ("int_type", "float_type") and isinstance(value, str) and _numeric(value):
        hint = "; remove the quotes so it reads as a number"
    return f"expected {wanted}, got {describe(value)}{hint}"


def _pattern_message(error: ErrorDetails) -> str:
    pattern = (error.get("ctx") or {}).get("pattern")
    if pattern == ID_PATTERN:
        return (
            f"{describe(error['input'])} is not a valid id: use lowercase letters, digits and "
            "single hyphens, e.g. 'label-studio'"
        )
    if pattern == URL_PATTERN:
        return f"{describe(error['input'])} must be a web address starting with http:// or https://"
    return f"{describe(error['input'])} does not have the expected form"


def message_for(error: ErrorDetails, allowed_fields: list[str]) -> str:
    """One sentence for one pydantic error, naming the field and what to do."""
    kind = error["type"]
    field = ".".join(str(p) for p in error["loc"] if not isinstance(p, int)) or "entry"
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"missing required field '{error['loc'][-1]}'"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        hint = suggest(name, allowed_fields) or f"; allowed: {', '.join(allowed_fields)}"
        return f"unknown field '{name}'{hint}"
    if kind in {"enum", "literal_error"}:  # a vocabulary term
        return f"{field}: {describe(value)} is not allowed; use one of {ctx.get('expected', '')}"
    if kind.endswith("_type") and kind in {
        "string_type",
        "int_type",
        "float_type",
        "bool_type",
        "date_type",
        "list_type",
        "model_type",
        "dict_type",
        "model_attributes_type",
    }:
        return f"{field}: {_type_message(kind, value)}"
    if kind == "string_pattern_mismatch":
        return f"{field}: {_pattern_message(error)}"
    if kind == "string_too_long":
        return f"{field}: text is {len(str(value))} characters; the limit is {ctx['max_length']}"
    if kind == "string_too_short":
        return f"{field}: must not be empty"
    if kind == "too_long":
        return (
            f"{field}: has {ctx.get('actual_length')} items; the limit is {ctx.get('max_length')}"
        )
    if kind == "too_short":
        return f"{field}: needs at least {ctx.get('min_length')} item(s)"
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        return f"{field}: {describe(value)} is out of range ({error['msg'].lower()})"
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_from_datetime_inexact"}:
        return f"{field}: expected a date written YYYY-MM-DD, got {describe(value)}"
    if kind in {"finite_number"}:
        return f"{field}: must be a finite number"
    return f"{field}: {error['msg']}"
