"""Image optimizers: how they are run, what they compress and read, their limits and price."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from kb.data import vocab as v
from kb.data.fields import (
    Applies,
    Column,
    Display,
    Fact,
    Float,
    Int,
)
from kb.data.models import Entry, Many, Some, Usd


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
