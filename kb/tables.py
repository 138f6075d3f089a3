"""What a catalog looks like as a table, derived from its pydantic model.

Columns, labels, facets and value kinds all come from the model (its field titles, the
``Column`` and ``RefTo`` markers, the enum types), never from a second hand-kept list.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kb.catalog import ref_fields
from kb.fields import URL_PATTERN, Column, MarkdownText, NotFaceted
from kb.models import CATALOGS, Entry
from kb.vocab import Vocab

# Kinds the table script understands (data-kb-type); "markdown", "url" and "object" are
# only shown on entry pages.
SORTABLE_KINDS = ("text", "number", "ordinal", "enum", "list", "bool", "date")


@dataclass(frozen=True)
class FieldSpec:
    """One model field as the site shows it."""

    name: str
    label: str
    short: str
    description: str
    required: bool
    kind: str  # text | markdown | url | number | ordinal | enum | bool | date | ref | object
    many: bool  # a list of values
    vocab: type[Vocab] | None
    ref: str | None  # the referenced catalog
    column: bool  # shown in the comparison table by default
    facetable: bool = True  # False for enumerated fields marked NotFaceted

    @property
    def facet(self) -> bool:
        """Every enumerated field (enum, reference, bool), single or list, is a facet unless
        the model marks it NotFaceted."""
        return self.facetable and self.kind in ("ordinal", "enum", "ref", "bool")

    @property
    def table_type(self) -> str:
        """The value of ``data-kb-type`` on this field's header."""
        if self.many:
            return "list"
        if self.kind == "ref":
            return "enum"
        return self.kind if self.kind in SORTABLE_KINDS else "text"


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _base(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """The type inside ``Annotated[...]`` and its metadata."""
    if get_origin(annotation) is Annotated:
        return get_args(annotation)[0], tuple(annotation.__metadata__)
    return annotation, ()


def _kind(base: Any, meta: tuple[Any, ...], is_ref: bool) -> str:
    if is_ref:
        return "ref"
    if isinstance(base, type) and issubclass(base, Vocab):
        return "ordinal" if base.is_ordinal() else "enum"
    if isinstance(base, type) and issubclass(base, BaseModel):
        return "object"
    if base is bool:
        return "bool"
    if base in (int, float):
        return "number"
    if base is date:
        return "date"
    if any(isinstance(m, MarkdownText) for m in meta):
        return "markdown"
    if any(getattr(m, "pattern", None) == URL_PATTERN for m in meta):
        return "url"
    return "text"


def _spec(model: type[Entry], name: str, info: FieldInfo) -> FieldSpec:
    annotation, _ = _strip_optional(info.annotation)
    base, meta = _base(annotation)
    many = get_origin(base) is list
    if many:
        base, meta = _base(get_args(base)[0])
    meta = (*meta, *info.metadata)
    column = next((m for m in info.metadata if isinstance(m, Column)), None)
    ref = ref_fields(model).get(name)
    label = info.title or name.replace("_", " ").capitalize()
    vocab = base if isinstance(base, type) and issubclass(base, Vocab) else None
    return FieldSpec(
        name=name,
        label=label,
        short=(column.short if column and column.short else label),
        description=info.description or "",
        required=info.is_required(),
        kind=_kind(base, meta, ref is not None),
        many=many,
        vocab=vocab,
        ref=ref,
        column=column is not None,
        facetable=not any(isinstance(m, NotFaceted) for m in meta),
    )


@cache
def field_specs(model: type[Entry]) -> tuple[FieldSpec, ...]:
    """Every field of ``model``, in model order."""
    return tuple(_spec(model, name, info) for name, info in model.model_fields.items())


def specs_by_name(catalog: str) -> dict[str, FieldSpec]:
    """The fields of a catalog by YAML key."""
    return {s.name: s for s in field_specs(CATALOGS[catalog].model)}


def default_columns(catalog: str) -> list[str]:
    """The columns a catalog's table shows unless told otherwise."""
    return [s.name for s in field_specs(CATALOGS[catalog].model) if s.column]


def facets(catalog: str) -> list[FieldSpec]:
    """The fields a reader can filter a catalog's table by."""
    return [s for s in field_specs(CATALOGS[catalog].model) if s.facet]


def raw_values(entry: Entry, spec: FieldSpec) -> list[str]:
    """The raw YAML values of a facet field as strings (a list; empty when missing)."""
    value = getattr(entry, spec.name)
    items = value if isinstance(value, list) else ([] if value is None else [value])
    return [str(v).lower() if isinstance(v, bool) else str(v) for v in items]


def facet_values(catalog: str, spec: FieldSpec, ref_names: dict[str, str]) -> list[dict[str, str]]:
    """Every value a facet can take, in rank/declaration order, with its label.

    ``ref_names`` maps ids of the referenced catalog to their names (for reference facets).
    """
    if spec.vocab is not None:
        return [{"value": m.value, "label": m.label} for m in spec.vocab]
    if spec.kind == "bool":
        return [{"value": "true", "label": "Yes"}, {"value": "false", "label": "No"}]
    return [{"value": k, "label": n} for k, n in sorted(ref_names.items(), key=lambda i: i[1])]
