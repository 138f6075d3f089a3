"""What every catalog entry is: the base model a site's catalog models subclass (sources,
lifecycle, ratings), the list and price types they use, and the registry of the site's
catalogs (``CATALOGS``, filled from the site's definitions by ``kb.data.definitions``).

A site's models are the single source of truth for validation, the JSON Schema, the
contributing guide's field reference, and the comparison tables' columns and facets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar, Generic, TypeVar
from weakref import WeakKeyDictionary

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from kb.data import rules
from kb.data import vocab as v
from kb.data.fields import (
    MAX_LIST,
    MAX_SOURCES,
    Column,
    Date,
    Derived,
    Fact,
    Float,
    Id,
    Markdown,
    Name,
    NotFaceted,
    Ref,
    RefTo,
    Text,
    Url,
    unique_items,
)

T = TypeVar("T")
V = TypeVar("V", bound=v.Term)
E = TypeVar("E", bound="Entry")

# A list of distinct values, at most MAX_LIST long; Some[...] also needs one item.
Many = Annotated[
    list[T],
    Field(max_length=MAX_LIST, json_schema_extra={"uniqueItems": True}),
    AfterValidator(unique_items),
]
Some = Annotated[Many[T], Field(min_length=1)]

SameCatalogId = Annotated[Ref, RefTo(None)]

# A price in US dollars: never negative, never absurd (a typo of 1e9 is refused).
Usd = Annotated[Float, Field(ge=0, le=100_000)]


# Terms the code branches on; looked up at import, so a mistyped code fails at once.
ACTIVE = v.vocab("status")["active"]
SUPERSEDED = v.vocab("status")["superseded"]
SEED = v.vocab("source-kind")["seed"]


# A field of the entry, named the way the YAML writes it (checked against the model later).
FieldName = Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]


def verified_before_read(value: Any, accessed: list[Any]) -> PydanticCustomError | None:
    """The error for a ``last_verified`` date earlier than the newest ``accessed`` date (the
    dates among ``accessed``; anything else is ignored), or None."""
    newest = max((d for d in accessed if isinstance(d, date)), default=None)
    if not isinstance(value, date) or newest is None or value >= newest:
        return None
    return PydanticCustomError(
        "verified_before_read",
        "{value} is before {newest}, when a cited source was read; nothing can be "
        "verified before its source was read",
        {"value": value.isoformat(), "newest": newest.isoformat()},
    )


class Source(BaseModel):
    """Where a fact in the entry comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: Url = Field(title="URL", description="Web address of the source (http or https).")
    title: Text = Field(title="Title", description="Title of the page or article cited.")
    kind: Annotated[v.Term, v.vocab("source-kind")] = Field(
        title="Kind",
        description="seed (one of the articles the catalog started from), vendor (the "
        "maker's own page, docs or repository) or third-party (anyone else).",
    )
    accessed: Date = Field(title="Accessed", description="Date you read the source, as YYYY-MM-DD.")
    published: Date | None = Field(
        default=None,
        title="Published",
        description="The page's own date (published or updated), where it states one.",
    )
    supports: Many[FieldName] = Field(
        default_factory=list,
        title="Supports",
        description="The entry's fields (YAML keys) this source states, e.g. [pricing, "
        "plan_price_min]. Every comparable fact the entry fills must be named by a source.",
    )


class Rating(BaseModel, Generic[V]):
    """A judgement on an ordinal scale and what it rests on: a reader can see why an entry
    is rated high or cheap, and an entry the sources do not support says why it is not."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rating: V | None = Field(
        default=None,
        title="Rating",
        description="The level; leave it out when no source supports one.",
    )
    basis: Text = Field(
        title="Basis",
        description="One sentence: what the rating rests on, or why there is none.",
    )
    source: Url | None = Field(
        default=None,
        title="Source",
        description="URL of the entry's source the rating rests on (one of its sources); "
        "required with a rating.",
    )

    # Set only by a published rule (kb.data.rules) on a derived criterion; never written in YAML.
    # Both appear in the downloads and the API of a derived rating (model_dump keeps what
    # was set), never in a contributor's schema.
    rule: SkipJsonSchema[str | None] = Field(default=None)
    derived_from: SkipJsonSchema[tuple[str, ...]] = Field(default=())

    @field_validator("rule", "derived_from")
    @classmethod
    def _not_by_hand(cls, value: Any) -> Any:
        if value:
            raise PydanticCustomError(
                "derived_by_hand", "is set by the rule that derives a rating; remove it", {}
            )
        return value

    @property
    def derived(self) -> bool:
        """True when a published rule set this level from the entry's facts."""
        return self.rule is not None

    @model_validator(mode="after")
    def _source_with_rating(self) -> Rating[V]:
        if self.rating is not None and self.source is None:
            raise PydanticCustomError(
                "rating_source", "a rating needs the source it rests on (source: url)", {}
            )
        return self


class LevelRating(Rating[Annotated[v.Term, v.vocab("level")]]):
    """A rating on the scale low < average < high."""


class CostRating(Rating[Annotated[v.Term, v.vocab("cost-level")]]):
    """A rating on the scale cheap < average < expensive."""


@dataclass(frozen=True)
class Remark:
    """A note derived from an entry's figures ("below the majority baseline (61.77 %)"),
    with the sentence that explains it."""

    text: str
    why: str


class Entry(BaseModel):
    """Fields every catalog entry has."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id = Field(
        title="Id",
        description="Lowercase-kebab identifier; must equal the file name without .yml.",
    )
    name: Annotated[Name, Column()] = Field(
        title="Name", description="The name readers know it by, as its makers write it."
    )
    summary: Annotated[Text, Column(under_name=True)] = Field(
        title="Summary", description="One neutral sentence saying what it is. No marketing."
    )
    description: Markdown | None = Field(
        default=None,
        title="Description",
        description="Optional longer notes in Markdown (links, lists, emphasis; no raw HTML).",
    )
    website: Annotated[Url | None, Column(default=False)] = Field(
        default=None, title="Website", description="The official website (http or https)."
    )
    added: Annotated[Date, Column(default=False)] = Field(
        title="Added", description="Date the entry entered the catalog (YYYY-MM-DD)."
    )
    status: Annotated[v.Term, v.vocab("status"), Column(default=False)] = Field(
        default=ACTIVE,
        title="Status",
        description="active (default), closed to new customers, discontinued, or superseded "
        "(by the successor).",
    )
    status_date: Date | None = Field(
        default=None,
        validate_default=True,
        title="Status since",
        description="When it was discontinued or superseded; required unless active.",
    )
    status_note: Text | None = Field(
        default=None,
        validate_default=True,
        title="Status note",
        description="What happened, in a sentence, per the sources; required unless active.",
    )
    acquired_by: Annotated[Name | None, Column(short="Owned by", default=False), Fact()] = Field(
        default=None,
        title="Acquired by",
        description="The company that bought the maker or the product, where one did.",
    )
    acquired_on: Date | None = Field(
        default=None,
        title="Acquired on",
        description="When the acquisition was completed (YYYY-MM-DD); with acquired_by.",
    )
    successor: Annotated[SameCatalogId | None, NotFaceted()] = Field(
        default=None,
        title="Successor",
        description="Id of the entry (same catalog) that replaces it; only when superseded.",
    )
    sources: Annotated[list[Source], Field(min_length=1, max_length=MAX_SOURCES)] = Field(
        title="Sources",
        description="Where the facts come from: at least one, each with url, title, kind, "
        "accessed.",
    )
    last_verified: Annotated[Date | None, Column(short="Verified", default=False)] = Field(
        default=None,
        title="Last verified",
        description="Date a person compared every fact of the entry with the cited sources "
        "(YYYY-MM-DD). Leave it out until someone has; never earlier than a source's accessed "
        "date.",
    )

    @field_validator("status_date", "status_note")
    @classmethod
    def _needed_unless_active(cls, value: object, info: ValidationInfo) -> object:
        status = info.data.get("status")
        if value is None and status not in (None, ACTIVE):
            raise PydanticCustomError(
                "status_detail", "is required when status is {status}", {"status": str(status)}
            )
        return value

    @field_validator("successor")
    @classmethod
    def _only_when_superseded(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.data.get("status") is not SUPERSEDED:
            raise PydanticCustomError(
                "successor_status", "is only for a superseded entry; add status: superseded", {}
            )
        if value is not None and value == info.data.get("id"):
            raise PydanticCustomError("successor_self", "names the entry itself", {})
        return value

    @field_validator("acquired_on")
    @classmethod
    def _with_buyer(cls, value: date | None, info: ValidationInfo) -> date | None:
        if (
            value is not None
            and info.data.get("acquired_by") is None
            and "acquired_by" in info.data
        ):
            raise PydanticCustomError(
                "acquired_without_buyer", "needs acquired_by: who bought it", {}
            )
        return value

    @field_validator("last_verified")
    @classmethod
    def _after_sources_read(cls, value: date | None, info: ValidationInfo) -> date | None:
        # Only when every source is valid; otherwise kb.data.loader checks the raw dates, so that
        # this problem is listed in the same run as the sources' own.
        sources: list[Source] = info.data.get("sources") or []
        error = verified_before_read(value, [s.accessed for s in sources])
        if error is not None:
            raise error
        return value

    @field_validator("*")
    @classmethod
    def _rating_cites_a_source(cls, value: Any, info: ValidationInfo) -> Any:
        # When the sources themselves are invalid they are reported; no knock-on problem here.
        if isinstance(value, Rating) and value.source is not None and "sources" in info.data:
            urls = {s.url for s in info.data["sources"]}
            if value.source not in urls:
                raise PydanticCustomError(
                    "rating_source_unknown",
                    "source '{url}' is not one of the entry's sources; cite it there too",
                    {"url": value.source},
                )
        return value

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._derived_fields = frozenset(
            name
            for name, info in cls.model_fields.items()
            if any(isinstance(m, Derived) for m in info.metadata)
        )

    _derived_fields: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _derived_not_written(cls, value: Any, info: ValidationInfo) -> Any:
        if value is not None and info.field_name in cls._derived_fields:
            raise PydanticCustomError(
                "derived_written",
                "is derived from the entry's facts by the published rule; remove it and "
                "fill the facts the rule reads",
                {},
            )
        return value

    @model_validator(mode="after")
    def _derive(self) -> Entry:
        # Every rating marked Derived gets its level from the site's published rule.
        return derive_ratings(self)

    @property
    def seed_only(self) -> bool:
        """True when every source is a seed source (what the catalog started from)."""
        return all(s.kind is SEED for s in self.sources)

    def remarks(self) -> dict[str, Remark]:
        """What the core reads from an entry's own figures, by the field it qualifies: shown
        beside that field's value in tables and on the entry page. None by default."""
        return {}


# Filled in only when a product is discontinued or superseded; `kb new` leaves them out.
LIFECYCLE_FIELDS = (
    "status",
    "status_date",
    "status_note",
    "acquired_by",
    "acquired_on",
    "successor",
)


# Per model class: looking through every field's metadata for each entry took a quarter of
# validating it (the models' fields are fixed once the class is built).
_MARKERS: WeakKeyDictionary[type[Entry], tuple[tuple[str, Derived], ...]] = WeakKeyDictionary()


def _derived_markers(model: type[Entry]) -> tuple[tuple[str, Derived], ...]:
    """(field name, Derived mark) of every derived rating of ``model``, in field order."""
    found = _MARKERS.get(model)
    if found is None:
        found = tuple(
            (name, marker)
            for name, info in model.model_fields.items()
            for marker in [next((m for m in info.metadata if isinstance(m, Derived)), None)]
            if marker is not None
        )
        _MARKERS[model] = found
    return found


def derive_ratings(entry: E) -> E:
    """Fill every rating marked Derived with the level its published rule gives."""
    for name, marker in _derived_markers(type(entry)):
        rule = rules.RULES[marker.rule]
        outcome = rule.apply(entry)
        scale = CostRating if rule.scale == "cost-level" else LevelRating
        rating = scale.model_construct(
            rating=v.vocab(rule.scale)[outcome.level] if outcome.level else None,
            basis=outcome.basis,
            source=None,
            rule=marker.rule,
            derived_from=outcome.facts,
        )
        object.__setattr__(entry, name, rating)  # frozen models: set once, while validating
        entry.__pydantic_fields_set__.add(name)  # downloads and the API carry it
    return entry


@dataclass(frozen=True)
class CatalogSpec:
    """A catalog: its folder name, model and how readers see it."""

    name: str
    model: type[Entry]
    title: str  # as a heading: "AI image generators"
    singular: str  # inside a sentence: "AI image generator", "image optimizer"
    blurb: str
    # Where the catalog's ratings are explained: a docs page and its section.
    rating_method: tuple[str, str] | None = None

    @property
    def plural(self) -> str:
        """The title inside a sentence: lower case except words written in capitals (AI)."""
        return " ".join(w if w.isupper() else w.lower() for w in self.title.split())

    @property
    def a_singular(self) -> str:
        """The singular with its article: "an AI image generator", "a sourcing mode"."""
        return f"{'an' if self.singular[:1].lower() in 'aeiou' else 'a'} {self.singular}"


# The catalogs of the site in use, by folder name: empty until kb.data.definitions.use() reads
# a site's definitions (every tool calls it first), then filled in the site's order.
CATALOGS: dict[str, CatalogSpec] = {}
