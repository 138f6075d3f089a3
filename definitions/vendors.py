"""Annotation vendors: data-annotation tools and labeling services."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from kb.data import vocab as v
from kb.data.fields import (
    Column,
    Fact,
    Ref,
    RefTo,
    Url,
)
from kb.data.models import Entry, Many, Some, Usd

TechniqueId = Annotated[Ref, RefTo("annotation-techniques")]
SourcingModeId = Annotated[Ref, RefTo("sourcing-modes")]


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
