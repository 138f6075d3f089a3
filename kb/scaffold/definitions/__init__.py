"""The catalogs of this site. kb reads this module because mkdocs.yml names it
(``plugins: - kb: definitions: definitions``); ``vocabularies.yml`` beside it is read first,
so the models below can name its vocabularies.

Each catalog is a pydantic model (a subclass of ``Entry``: id, name, summary, sources,
lifecycle come with it) and a ``CatalogSpec``; its entries are the YAML files in
``catalog/<name>/``. The marks in ``Annotated[...]`` say how a field is shown and checked:
``Column`` (a table column), ``Fact`` (a comparable fact that a source must support),
``Display`` (a number's unit), ``Derived`` (a rating set by a published rule).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from kb.data import vocab as v
from kb.data.fields import Column, Display, Fact, Text
from kb.data.models import CatalogSpec, Entry, Many, Some, Usd


class StaticSiteGenerator(Entry):
    """A program that turns Markdown (or templates) into a static website."""

    license: Annotated[v.Term, v.vocab("license"), Column(), Fact()] = Field(
        title="License", description="How its source code is licensed."
    )
    languages: Annotated[Some[v.Term], v.vocab("language"), Column(), Fact()] = Field(
        title="Written in", description="The programming languages it is written in."
    )
    hosting_price: Annotated[Usd | None, Column(default=False), Display("usd-month"), Fact()] = (
        Field(
            default=None,
            title="Hosted plan from",
            description="The cheapest paid hosted plan, in US dollars a month, if it sells one.",
        )
    )
    themes: Annotated[Many[Text], Column(default=False)] = Field(
        default_factory=list, title="Themes", description="Notable themes."
    )


CATALOGS = [
    CatalogSpec(
        "static-site-generators",
        StaticSiteGenerator,
        "Static site generators",
        "static site generator",
        "Programs that build a website from Markdown: licence, language, price.",
    ),
]
