"""AI image generators: how they are reached and paid for, what they can do, and the four
selection criteria (two derived from facts by the published rules in ``definitions.rules``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from kb.data import vocab as v
from kb.data.fields import (
    Applies,
    Column,
    Derived,
    Display,
    Fact,
    Int,
    Name,
    Text,
)
from kb.data.models import CostRating, Entry, LevelRating, Many, Some, Usd


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
        return self  # Entry derives the ratings marked Derived
