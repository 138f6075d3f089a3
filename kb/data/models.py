"""One pydantic model per catalog: the single source of truth for validation, the JSON Schema,
the contributing guide's field reference, and the comparison tables' columns and facets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Generic, TypeVar

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
    Applies,
    Bool,
    Column,
    Date,
    Derived,
    Display,
    Fact,
    Float,
    Id,
    Int,
    LowerIsBetter,
    Markdown,
    Name,
    NotFaceted,
    Ref,
    RefTo,
    Text,
    Url,
    unique_items,
)
from kb.data.numbers import format_number

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

TechniqueId = Annotated[Ref, RefTo("annotation-techniques")]
SourcingModeId = Annotated[Ref, RefTo("sourcing-modes")]
TaskId = Annotated[Ref, RefTo("vision-tasks")]
SameCatalogId = Annotated[Ref, RefTo(None)]

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
        description="seed (one of the 2023 articles the catalog started from), vendor (the "
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

    @property
    def seed_only(self) -> bool:
        """True when every source is one of the 2023 seed articles."""
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


def derive_ratings(entry: E) -> E:
    """Fill every rating marked Derived with the level its published rule gives."""
    for name, info in type(entry).model_fields.items():
        marker = next((m for m in info.metadata if isinstance(m, Derived)), None)
        if marker is None:
            continue
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


class FreeQuota(BaseModel):
    """A free allowance as an amount per period: 25 credits a month, 10 images a day."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: Int = Field(ge=1, le=1_000_000, title="Amount", description="How many, e.g. 25.")
    unit: Annotated[v.Term, v.vocab("quota-unit")] = Field(
        title="Unit", description="What the allowance is counted in."
    )
    period: Annotated[v.Term, v.vocab("quota-period")] = Field(
        title="Period", description="How often it renews, or once for a trial."
    )

    def __str__(self) -> str:
        return f"{self.amount:,} {self.unit.label.lower()} {self.period.label}"


# A price in US dollars: never negative, never absurd (a typo of 1e9 is refused).
Usd = Annotated[Float, Field(ge=0, le=100_000)]


class ImageGenerator(Entry):
    """An AI image generator: turns a text prompt (and sometimes an image) into images."""

    maker: Annotated[Name | None, Column(default=False)] = Field(
        default=None, title="Maker", description="Company or group that makes it."
    )
    access: Annotated[Some[v.Term], v.vocab("access-channel"), Column(), Fact()] = Field(
        title="Access",
        description="Every way it can be used, e.g. a web app, an API, or open weights "
        "(the maker publishes the model to download and run yourself).",
    )
    pricing: Annotated[Some[v.Term], v.vocab("pricing-model"), Column(default=False), Fact()] = (
        Field(title="Pricing", description="Every way it can be paid for (free-tier, credits...).")
    )
    api_price_min: Annotated[
        Usd | None,
        Column(short="API from"),
        Display("usd-image"),
        Fact(),
        Applies("access", ("api",), "only for generators with an API"),
    ] = Field(
        default=None,
        title="Lowest API price per image",
        description="The cheapest published API price for one image, in US dollars; say in "
        "api_price_basis which model, size and quality it is for.",
    )
    api_price_max: Annotated[
        Usd | None,
        Column(short="API up to", default=False),
        Display("usd-image"),
        Fact(),
        Applies("access", ("api",), "only for generators with an API"),
    ] = Field(
        default=None,
        title="Highest API price per image",
        description="The dearest published API price for one image (largest size, best "
        "quality), in US dollars.",
    )
    api_price_basis: Annotated[
        Text | None,
        Column(short="API price for", default=False),
        Applies("access", ("api",), "only for generators with an API"),
    ] = Field(
        default=None,
        title="API prices apply to",
        description="The model, resolution and quality the API prices are for.",
    )
    plan_price_min: Annotated[
        Usd | None, Column(short="Plan from"), Display("usd-month"), Fact()
    ] = Field(
        default=None,
        title="Cheapest paid plan",
        description="The monthly price of the cheapest paid plan, billed monthly, in US dollars.",
    )
    free_quota: Annotated[FreeQuota | None, Column(short="Free", default=False), Fact()] = Field(
        default=None,
        title="Free allowance",
        description="What the free tier gives as an amount, a unit and a period.",
    )
    free_allowance: Annotated[Text | None, Column(short="Free use", default=False)] = Field(
        default=None,
        title="Free allowance (details)",
        description="The free tier or trial in a sentence, with its conditions.",
    )
    max_resolution_px: Annotated[
        Int | None, Column(short="Max size", default=False), Display("pixels"), Fact()
    ] = Field(
        default=None,
        ge=64,
        le=100_000,
        title="Largest output (longest side)",
        description="The longest side of the largest image it generates without upscaling.",
    )
    commercial_use: Annotated[
        v.Term | None, v.vocab("commercial-use"), Column(short="Commercial", default=False), Fact()
    ] = Field(
        default=None,
        title="Commercial use",
        description="Whether its terms let you use generated images commercially.",
    )
    current_model: Annotated[Name | None, Column(short="Model", default=False), Fact()] = Field(
        default=None,
        title="Current model",
        description="The model or version it runs today, as its maker names it.",
    )
    weights_license: Annotated[
        v.Term | None,
        v.vocab("model-license"),
        Column(short="Weights licence", default=False),
        Fact(),
        Applies("access", ("open-weights",), "only for models with open weights"),
    ] = Field(
        default=None,
        title="Licence of the open weights",
        description="The licence of the downloadable weights, where there are any.",
    )
    features: Annotated[
        Many[v.Term], v.vocab("generator-feature"), Column(default=False), Fact()
    ] = Field(
        default_factory=list, title="Features", description="Capabilities the sources confirm."
    )
    technology: Annotated[Text | None, Column(default=False)] = Field(
        default=None,
        title="Technology",
        description="Model or method it is built on, as the sources report it.",
    )
    ownership: Annotated[
        v.Term | None, v.vocab("ownership"), Column(short="Ownership", default=False), Fact()
    ] = Field(default=None, title="Image ownership", description="Who owns generated images.")
    ease_of_use: Annotated[LevelRating, Column()] = Field(
        title="Ease of use",
        description="Selection criterion, a reviewer's judgement: low, average or high, with "
        "its basis and the source that judges it.",
    )
    customizability: Annotated[
        LevelRating | None, Column(), Derived("generator-customizability")
    ] = Field(
        default=None,
        title="Customizability",
        description="Selection criterion: how far output can be steered. Derived from the "
        "features by the published rule; do not write it.",
    )
    cost: Annotated[CostRating | None, Column(), Derived("generator-cost")] = Field(
        default=None,
        title="Cost",
        description="Selection criterion: cheap, average or expensive. Derived from the "
        "prices by the published rule; do not write it.",
    )
    versatility: Annotated[LevelRating | None, Column(), Derived("generator-versatility")] = Field(
        default=None,
        title="Versatility",
        description="Selection criterion: range of outputs. Derived from the features by "
        "the published rule; do not write it.",
    )

    @field_validator("customizability", "cost", "versatility", mode="before")
    @classmethod
    def _derived_not_written(cls, value: Any) -> Any:
        if value is not None:
            raise PydanticCustomError(
                "derived_written",
                "is derived from the entry's facts by the published rule; remove it and "
                "fill the facts the rule reads",
                {},
            )
        return value

    @model_validator(mode="after")
    def _api_prices(self) -> ImageGenerator:
        low, high = self.api_price_min, self.api_price_max
        if low is not None and high is not None and high < low:
            raise PydanticCustomError(
                "price_order", "api_price_max is below api_price_min; swap them", {}
            )
        if (low is not None or high is not None) and self.api_price_basis is None:
            raise PydanticCustomError(
                "price_basis",
                "api prices need api_price_basis: the model, size and quality they are for",
                {},
            )
        return derive_ratings(self)


class ImageOptimizer(Entry):
    """A tool that compresses or optimizes images, online or on the desktop."""

    kind: Annotated[v.Term, v.vocab("tool-kind"), Column(), Fact()] = Field(
        title="Kind",
        description="How it is run, e.g. online in a browser or as a command-line program.",
    )
    compression: Annotated[Many[v.Term], v.vocab("compression-mode"), Column(), Fact()] = Field(
        default_factory=list,
        title="Compression",
        description="Lossless, lossy, or both when it offers each.",
    )
    input_formats: Annotated[
        Many[v.Term], v.vocab("image-format"), Column(short="Reads", default=False), Fact()
    ] = Field(default_factory=list, title="Input formats", description="Formats it can open.")
    output_formats: Annotated[
        Many[v.Term], v.vocab("image-format"), Column(short="Writes"), Fact()
    ] = Field(default_factory=list, title="Output formats", description="Formats it can save.")
    max_file_size_mb: Annotated[
        Float | None,
        Column(short="Max size"),
        Display("megabytes"),
        Fact(),
        Applies(
            "kind", ("online", "api", "plugin"), "no upload limit: it runs on your own machine"
        ),
    ] = Field(
        default=None,
        gt=0,
        le=10**6,
        title="Max file size",
        description="Largest file accepted, in megabytes, for the free version.",
    )
    max_batch: Annotated[
        Int | None,
        Column(short="Batch", default=False),
        Display("count"),
        Fact(),
        Applies(
            "kind", ("online", "api", "plugin"), "no upload limit: it runs on your own machine"
        ),
    ] = Field(
        default=None,
        ge=1,
        le=10**6,
        title="Files per batch",
        description="How many files one run accepts (1 when it takes one at a time).",
    )
    pricing: Annotated[Some[v.Term], v.vocab("pricing-model"), Column(), Fact()] = Field(
        title="Pricing", description="Every way it can be paid for."
    )
    features: Annotated[
        Many[v.Term], v.vocab("optimizer-feature"), Column(default=False), Fact()
    ] = Field(
        default_factory=list, title="Features", description="Capabilities the sources confirm."
    )
    integrations: Annotated[Many[v.Term], v.vocab("integration"), Column(default=False), Fact()] = (
        Field(
            default_factory=list,
            title="Integrations",
            description="Products it plugs into or imports from.",
        )
    )
    license: Annotated[v.Term | None, v.vocab("license"), Column(short="Licence"), Fact()] = Field(
        default=None, title="Licence", description="How its software is licensed."
    )
    platforms: Annotated[Many[v.Term], v.vocab("platform"), Column(default=False), Fact()] = Field(
        default_factory=list,
        title="Platforms",
        description="Operating systems and runtimes it runs on (a web app: web).",
    )
    interfaces: Annotated[Many[v.Term], v.vocab("interface"), Column(short="Use as"), Fact()] = (
        Field(
            default_factory=list,
            title="Interfaces",
            description="How it is used: an app, a web page, the command line, a library, an API.",
        )
    )
    plan_price_min: Annotated[
        Usd | None, Column(short="Plan from", default=False), Display("usd-month"), Fact()
    ] = Field(
        default=None,
        title="Cheapest paid plan",
        description="The monthly price of the cheapest paid plan, billed monthly, in US dollars.",
    )
    one_time_price: Annotated[
        Usd | None, Column(short="Price", default=False), Display("usd"), Fact()
    ] = Field(
        default=None,
        title="One-time price",
        description="The price of a perpetual licence, in US dollars.",
    )


class StartingPrice(BaseModel):
    """The lowest published price: an amount in US dollars and what it is charged per."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: Usd = Field(title="Amount (US$)", description="The price in US dollars.")
    per: Annotated[v.Term, v.vocab("price-unit")] = Field(
        title="Per", description="What it is charged per: a month, a user a month, an hour ..."
    )

    def __str__(self) -> str:
        return f"US${self.amount:,.2f}".removesuffix(".00") + f" {self.per.label}"


class AnnotationVendor(Entry):
    """A data-annotation tool or managed labeling service."""

    offering: Annotated[v.Term, v.vocab("offering"), Column(), Fact()] = Field(
        title="Offering",
        description="Whether it sells software, a managed labeling service, or both.",
    )
    license: Annotated[v.Term, v.vocab("license"), Column(), Fact()] = Field(
        title="License", description="How its software is licensed."
    )
    techniques: Annotated[Some[TechniqueId], Column(), Fact()] = Field(
        title="Techniques", description="Ids of annotation techniques it supports."
    )
    data_types: Annotated[Some[v.Term], v.vocab("data-type"), Column(short="Data"), Fact()] = Field(
        title="Data types", description="Kinds of data it can label."
    )
    deployment: Annotated[Many[v.Term], v.vocab("deployment"), Column(default=False), Fact()] = (
        Field(default_factory=list, title="Deployment", description="Where the software runs.")
    )
    sourcing_modes: Annotated[
        Many[SourcingModeId], Column(short="Sourcing", default=False), Fact()
    ] = Field(
        default_factory=list,
        title="Sourcing modes",
        description="Ids of the ways of staffing the work it supports (in-house, ...).",
    )
    pricing: Annotated[Many[v.Term], v.vocab("pricing-model"), Column(default=False), Fact()] = (
        Field(default_factory=list, title="Pricing", description="How it is paid for.")
    )
    repository: Annotated[Url | None, Column(short="Code", default=False)] = Field(
        default=None, title="Source code", description="Public source repository, if any."
    )
    export_formats: Annotated[
        Many[v.Term], v.vocab("annotation-format"), Column(short="Exports"), Fact()
    ] = Field(
        default_factory=list,
        title="Export formats",
        description="Label formats it exports (COCO, YOLO, Pascal VOC ...).",
    )
    model_assist: Annotated[
        Many[v.Term], v.vocab("model-assist"), Column(short="Model assist"), Fact()
    ] = Field(
        default_factory=list,
        title="Model-assisted labeling",
        description="How models help labelers: pre-labels, click-to-segment, tracking ...",
    )
    review_workflow: Annotated[
        Many[v.Term],
        v.vocab("review-workflow"),
        Column(short="Quality checks", default=False),
        Fact(),
    ] = Field(
        default_factory=list,
        title="Quality workflow",
        description="How label quality is checked: review stages, consensus, benchmarks ...",
    )
    certifications: Annotated[
        Many[v.Term], v.vocab("certification"), Column(short="Certified", default=False), Fact()
    ] = Field(
        default_factory=list,
        title="Certifications and regulations",
        description="Security certifications it holds and regulations it states it meets.",
    )
    storage: Annotated[
        Many[v.Term], v.vocab("storage"), Column(short="Cloud storage", default=False), Fact()
    ] = Field(
        default_factory=list,
        title="Storage integrations",
        description="Cloud storage it reads data from directly.",
    )
    api: Annotated[
        Many[v.Term], v.vocab("api-kind"), Column(short="API/SDK", default=False), Fact()
    ] = Field(
        default_factory=list,
        title="API and SDKs",
        description="How programs drive it: a REST or GraphQL API, SDKs, a CLI.",
    )
    starting_price: Annotated[StartingPrice | None, Column(short="From", default=False), Fact()] = (
        Field(
            default=None,
            title="Published starting price",
            description="The lowest published paid price, in US dollars, and what it is per.",
        )
    )


class SourcingMode(Entry):
    """A way of staffing annotation work."""

    time_required: Annotated[LevelRating, Column(), LowerIsBetter()] = Field(
        title="Time required", description="How long labeling takes: low, average, high."
    )
    price: Annotated[CostRating, Column()] = Field(
        title="Price", description="What it costs: cheap, average, expensive."
    )
    labeling_quality: Annotated[LevelRating, Column(short="Quality")] = Field(
        title="Quality of labeling", description="Quality of the labels: low, average, high."
    )
    security: Annotated[LevelRating, Column()] = Field(
        title="Security", description="How well the data is protected: low, average, high."
    )
    who_labels: Annotated[Text, Column(default=False)] = Field(
        title="Who labels", description="Who does the labeling work."
    )


class AnnotationTechnique(Entry):
    """A way of marking up images for supervised learning."""

    geometry: Annotated[v.Term, v.vocab("geometry"), Column()] = Field(
        title="Geometry", description="The shape it draws on the image."
    )
    dimensions: Annotated[Some[v.Term], v.vocab("dimension"), Column()] = Field(
        title="Dimensions", description="2d, 3d, or both."
    )
    typical_uses: Annotated[Some[Text], Column(short="Used for")] = Field(
        title="Typical uses", description="What it is typically used to teach a model."
    )


class Application(BaseModel):
    """What a task does in one application area."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    area: Annotated[v.Term, v.vocab("application-area")] = Field(
        title="Area", description="The application area."
    )
    role: Text = Field(title="Role", description="What the task does in that area.")


class VisionTask(Entry):
    """A machine-learning task, chiefly in computer vision."""

    modality: Annotated[v.Term, v.vocab("modality"), Column()] = Field(
        title="Input", description="The kind of data the task works on."
    )
    focus: Annotated[Text, Column()] = Field(
        title="Focus", description="What the task is about, in a phrase."
    )
    output: Annotated[Text, Column()] = Field(title="Output", description="What the model returns.")
    localizes: Annotated[Bool, Column()] = Field(
        title="Locates objects", description="true when it says where objects are."
    )
    complexity: Annotated[LevelRating, Column(), LowerIsBetter()] = Field(
        title="Complexity", description="Relative complexity: low, average, high."
    )
    processing_time: Annotated[LevelRating, Column(short="Processing"), LowerIsBetter()] = Field(
        title="Processing time", description="Relative compute time: low, average, high."
    )
    use_cases: Annotated[Some[Text], Column()] = Field(
        title="Use cases", description="Typical uses."
    )
    applications: Many[Application] = Field(
        default_factory=list,
        title="Applications",
        description="What it does in each application area (area, role).",
    )
    part_of: Annotated[TaskId | None, Column(default=False)] = Field(
        default=None, title="Part of", description="Id of the broader task this one belongs to."
    )


class CaseStudy(Entry):
    """A reported classification result from a published walkthrough."""

    task: Annotated[TaskId, Column()] = Field(
        title="Task", description="Id of the task in vision-tasks."
    )
    model_type: Annotated[Text, Column(short="Model")] = Field(
        title="Model", description="Architecture in a phrase, e.g. 'LSTM with word embeddings'."
    )
    dataset: Annotated[Text, Column(default=False)] = Field(
        title="Dataset", description="The data set used."
    )
    samples: Annotated[Int | None, Column(), Display("count"), Fact()] = Field(
        default=None,
        ge=1,
        le=10**10,
        title="Samples",
        description="Number of records, as reported.",
    )
    test_share: Annotated[Float | None, Column(short="Held out"), Display("percent"), Fact()] = (
        Field(
            default=None, gt=0, lt=1, title="Test share", description="Fraction held out, e.g. 0.2."
        )
    )
    # Not Many[...]: a network often repeats a layer (the seed's churn ANN has two identical
    # hidden layers), so layers may repeat.
    layers: Annotated[list[Text], Field(max_length=MAX_LIST)] = Field(
        default_factory=list, title="Layers", description="The layers, input to output."
    )
    output_activation: Annotated[
        v.Term | None, v.vocab("activation"), Column(short="Activation", default=False)
    ] = Field(default=None, title="Output activation", description="sigmoid or softmax.")
    loss: Annotated[Text | None, Column(default=False)] = Field(
        default=None, title="Loss", description="Loss function."
    )
    optimizer: Annotated[Text | None, Column(default=False)] = Field(
        default=None, title="Optimizer", description="Optimizer."
    )
    epochs: Annotated[Int | None, Column(default=False), Display("count")] = Field(
        default=None, ge=1, le=10**6, title="Epochs", description="Epochs trained."
    )
    metric: Annotated[v.Term, v.vocab("metric"), Column()] = Field(
        title="Metric", description="How the result was measured."
    )
    result: Annotated[Float, Column(), Display("percent"), Fact()] = Field(
        ge=0, le=1, title="Result", description="Reported figure as a fraction (0.8659)."
    )
    majority_baseline: Annotated[
        Float | None, Column(short="Baseline"), Display("percent"), Fact()
    ] = Field(
        default=None,
        ge=0,
        le=1,
        title="Majority-class baseline",
        description="Accuracy of always predicting the most common class, when known.",
    )

    def remarks(self) -> dict[str, Remark]:
        """A held-out accuracy at or below the majority-class baseline says so: always
        answering the most common class would have scored as well, so the figure is no
        evidence that the model learned anything. A training-data figure is not compared."""
        base = self.majority_baseline
        if base is None or self.metric != "test-accuracy" or self.result > base:
            return {}
        shown = format_number(base, "percent")
        lower = self.result < base
        return {
            "result": Remark(
                f"{'below' if lower else 'no better than'} the majority baseline ({shown})",
                f"Always answering the most common class scores {shown} on the same data; "
                f"this result is {'lower' if lower else 'the same'}.",
            )
        }


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


CATALOGS: dict[str, CatalogSpec] = {
    spec.name: spec
    for spec in (
        CatalogSpec(
            "image-generators",
            ImageGenerator,
            "AI image generators",
            "AI image generator",
            "Text-to-image tools: access, pricing, features and the four selection criteria.",
            ("concepts/choosing-an-image-generator.md", "rating-method"),
        ),
        CatalogSpec(
            "image-optimizers",
            ImageOptimizer,
            "Image optimizers",
            "image optimizer",
            "Online and desktop image compressors: modes, formats and limits.",
        ),
        CatalogSpec(
            "annotation-vendors",
            AnnotationVendor,
            "Annotation vendors",
            "annotation vendor",
            "Data-annotation tools and services: techniques, data types, deployment.",
        ),
        CatalogSpec(
            "sourcing-modes",
            SourcingMode,
            "Sourcing modes",
            "sourcing mode",
            "Who does the labeling: in-house, outsource, crowdsource.",
            ("concepts/image-annotation.md", "sourcing"),
        ),
        CatalogSpec(
            "annotation-techniques",
            AnnotationTechnique,
            "Annotation techniques",
            "annotation technique",
            "The five ways of marking up images for training.",
        ),
        CatalogSpec(
            "vision-tasks",
            VisionTask,
            "Vision tasks",
            "task",
            "Recognition, classification and related tasks, and how they differ.",
            ("concepts/recognition-vs-classification.md", "differences"),
        ),
        CatalogSpec(
            "case-studies",
            CaseStudy,
            "Case studies",
            "case study",
            "Reported results of neural-network classifiers, with their caveats.",
        ),
    )
}
