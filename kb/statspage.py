"""The stats page: per catalog, charts of entries by facet value, freshness and coverage."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from kb.catalog import KnowledgeBase
from kb.charts import bar_chart
from kb.models import CATALOGS
from kb.stats import catalog_series
from kb.templating import render
from kb.urls import Linker

STATS_SRC = "stats/index.md"


def stats_page(kb: KnowledgeBase, linker: Linker, today: date) -> Markup:
    """Every catalog's charts, each with its numbers as a table, bars linking to the table."""
    sections = []
    for name, spec in CATALOGS.items():
        href = linker.catalog(name)
        sections.append(
            {
                "catalog": name,
                "title": spec.title,
                "href": href,
                "count": len(kb.entries[name]),
                "charts": [bar_chart(s, href) for s in catalog_series(kb, name, today)],
            }
        )
    return render("stats.html", sections=sections, today=today.isoformat())
