"""The one walk over the catalog models: every field as a FieldSpec (kind, label, vocabulary,
reference, table marker), so tables, facets, checks, the skeleton and the link checker all
read the same description instead of unwrapping type annotations each in their own way."""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic.json_schema import SkipJsonSchema

from kb.data.fields import (
    URL_PATTERN,
    Applies,
    Column,
    Derived,
    Display,
    Fact,
    LowerIsBetter,
    MarkdownText,
    NotFaceted,
    NumberFormat,
    RefTo,
)
from kb.data.models import CATALOGS, Entry, Rating
from kb.data.vocab import Vocabulary


class Kind(StrEnum):
    """What a field holds, as far as showing, sorting and filtering it go."""

    TEXT = "text"
    MARKDOWN = "markdown"
    URL = "url"
    NUMBER = "number"
    ORDINAL = "ordinal"  # a ranked vocabulary (low < average < high), or a rating on one
    ENUM = "enum"
    BOOL = "bool"
    DATE = "date"
    REF = "ref"  # the id of another entry
    OBJECT = "object"  # a nested mapping (a source, an application ...)


# The kinds a reader can filter by; every such field is a facet unless marked NotFaceted.
FACET_KINDS = frozenset({Kind.ORDINAL, Kind.ENUM, Kind.REF, Kind.BOOL})


@dataclass(frozen=True)
class FieldSpec:
    """One model field as the site, the checks and the skeleton see it."""

    name: str
    label: str
    short: str  # the column header: a narrower label where the model gives one
    description: str
    required: bool
    kind: Kind
    many: bool  # a list of values
    vocab: Vocabulary | None  # for enum and ordinal fields (a rating: its scale)
    ref: str | None  # the referenced catalog
    column: bool  # offered as a column of the comparison table (the Column marker)
    facetable: bool = True
    default_column: bool = False  # shown unless the reader chooses other columns
    under_name: bool = False  # shown beneath the name rather than as a column
    display: NumberFormat | None = None  # how a number reads (percent, count, megabytes)
    rated: bool = False  # the value is a Rating: a level with its basis
    model: type[BaseModel] | None = None  # the nested model of an object field or rating
    base: Any = None  # the bare Python type (str, int, float, date, Term, a model ...)
    fact: bool = False  # a comparable fact: a source must name it under ``supports``
    rule: str | None = None  # a rating derived by this published rule (kb.data.rules)
    minimum: float | None = None  # the lowest value a number may take (ge or gt), if bounded
    internal: bool = False  # set by the code (a rule's trail), never written in YAML
    applies: Applies | None = None  # only meaningful for some entries (else "n/a")
    lower_better: bool = False  # a rating whose low end is the good one

    def applicable(self, entry: BaseModel) -> bool:
        """False when the field does not apply to ``entry`` (its empty value means n/a)."""
        if self.applies is None:
            return True
        held = getattr(entry, self.applies.field)
        held = held if isinstance(held, list) else [held]
        return any(str(v) in self.applies.codes for v in held)

    def goodness(self, rank: int) -> int:
        """How many pips a level fills: more is always better, whatever the scale's wording."""
        top = max((m.rank or 0) for m in self.vocab or ())
        return top - rank + 1 if self.lower_better else rank

    @property
    def facet(self) -> bool:
        """True when readers can filter the table by this field."""
        return self.facetable and self.kind in FACET_KINDS

    @property
    def table_type(self) -> str:
        """The value of ``data-kb-type`` on this field's header (how the script sorts)."""
        if self.many:
            return "list"
        if self.kind is Kind.REF:
            return Kind.ENUM
        if self.kind in (Kind.MARKDOWN, Kind.URL, Kind.OBJECT):
            return Kind.TEXT
        return self.kind

    def values(self, entry: BaseModel) -> list[Any]:
        """The field's value(s) in ``entry`` as a list (empty when missing); a rating
        gives its level, or nothing when unrated."""
        value = getattr(entry, self.name)
        if isinstance(value, Rating):
            value = value.rating
        if isinstance(value, list):
            return value
        return [] if value is None else [value]

    def raw(self, entry: BaseModel) -> list[str]:
        """The values as the YAML writes them (enum codes, ids, true/false)."""
        return [str(v).lower() if isinstance(v, bool) else str(v) for v in self.values(entry)]


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _unwrap(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """The bare type inside Optional/Annotated layers, with every metadata object met."""
    meta: list[Any] = []
    while True:
        annotation = _strip_optional(annotation)
        if get_origin(annotation) is not Annotated:
            return annotation, tuple(meta)
        meta.extend(annotation.__metadata__)
        annotation = get_args(annotation)[0]


def _kind(base: Any, meta: tuple[Any, ...]) -> Kind:
    if any(isinstance(m, RefTo) for m in meta):
        return Kind.REF
    vocab = _vocabulary(meta)
    if vocab is not None:
        return Kind.ORDINAL if vocab.ordinal else Kind.ENUM
    if isinstance(base, type) and issubclass(base, BaseModel):
        return Kind.OBJECT
    simple = {bool: Kind.BOOL, int: Kind.NUMBER, float: Kind.NUMBER, date: Kind.DATE}
    if base in simple:
        return simple[base]
    if any(isinstance(m, MarkdownText) for m in meta):
        return Kind.MARKDOWN
    if any(getattr(m, "pattern", None) == URL_PATTERN for m in meta):
        return Kind.URL
    return Kind.TEXT


def _vocabulary(meta: tuple[Any, ...]) -> Vocabulary | None:
    return next((m for m in meta if isinstance(m, Vocabulary)), None)


def _scale(rating: type[Rating[Any]]) -> Vocabulary:
    """The vocabulary a Rating model rates on (the marker on its ``rating`` field)."""
    _, meta = _unwrap(rating.model_fields["rating"].annotation)
    scale = _vocabulary(meta)
    assert scale is not None, f"{rating.__name__}.rating has no vocabulary"
    return scale


def spec_of(name: str, info: FieldInfo, own_catalog: str | None = None) -> FieldSpec:
    """Describe one pydantic field; ``own_catalog`` resolves same-catalog references."""
    base, meta = _unwrap(info.annotation)
    many = get_origin(base) is list
    if many:
        base, inner = _unwrap(get_args(base)[0])
        meta = (*meta, *inner)
    meta = (*meta, *info.metadata)
    rated = isinstance(base, type) and issubclass(base, Rating)
    vocab = _scale(base) if rated else _vocabulary(meta)
    column = next((m for m in meta if isinstance(m, Column)), None)
    ref = next((m for m in meta if isinstance(m, RefTo)), None)
    display = next((m.format for m in meta if isinstance(m, Display)), None)
    label = info.title or name.replace("_", " ").capitalize()
    return FieldSpec(
        name=name,
        label=label,
        short=column.short if column and column.short else label,
        description=info.description or "",
        required=info.is_required(),
        kind=Kind.ORDINAL if rated else _kind(base, meta),
        many=many,
        vocab=vocab,
        ref=(ref.catalog or own_catalog) if ref else None,
        column=column is not None,
        facetable=not any(isinstance(m, NotFaceted) for m in meta),
        default_column=column is not None and column.default and not column.under_name,
        under_name=column is not None and column.under_name,
        display=display,
        rated=rated,
        model=base if isinstance(base, type) and issubclass(base, BaseModel) else None,
        base=base,
        fact=any(isinstance(m, Fact) for m in meta),
        rule=next((m.rule for m in meta if isinstance(m, Derived)), None),
        internal=any(type(m) is SkipJsonSchema for m in meta),
        applies=next((m for m in meta if isinstance(m, Applies)), None),
        # a price scale (cheap < expensive) is better low wherever it is used
        lower_better=any(isinstance(m, LowerIsBetter) for m in meta)
        or (vocab is not None and vocab.key == "cost-level"),
        minimum=next(
            (
                b
                for m in meta
                for b in (getattr(m, "ge", None), getattr(m, "gt", None))
                if isinstance(b, int | float)
            ),
            None,
        ),
    )


def _catalog_of(model: type[BaseModel]) -> str | None:
    return next((c.name for c in CATALOGS.values() if c.model is model), None)


@cache
def model_specs(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """Every field of ``model`` (a catalog's entry model or a nested one), in model order."""
    own = _catalog_of(model)
    return tuple(spec_of(name, info, own) for name, info in model.model_fields.items())


def field_specs(catalog: str) -> tuple[FieldSpec, ...]:
    """Every field of a catalog's entries, in model order."""
    return model_specs(CATALOGS[catalog].model)


@cache
def specs_by_name(catalog: str) -> dict[str, FieldSpec]:
    """The fields of a catalog by YAML key."""
    return {s.name: s for s in field_specs(catalog)}


def ref_fields(model: type[Entry]) -> dict[str, str]:
    """Field name -> referenced catalog, for every reference field of ``model``."""
    return {s.name: s.ref for s in model_specs(model) if s.ref}


def url_paths(model: type[BaseModel]) -> list[tuple[str, ...]]:
    """Where URLs sit in an entry of ``model``: ``("website",)``, ``("sources", "url")`` ...
    (a list field's items share one path; nested models and ratings are walked)."""
    found: list[tuple[str, ...]] = []
    for spec in model_specs(model):
        if spec.kind is Kind.URL:
            found.append((spec.name,))
        elif spec.model is not None:
            found += [(spec.name, *path) for path in url_paths(spec.model)]
    return found
