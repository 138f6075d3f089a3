"""The stats page: per catalog, charts of entries by facet value, freshness and coverage."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from kb.data.catalog import KnowledgeBase
from kb.data.models import CATALOGS
from kb.render.charts import bar_chart
from kb.render.stats import catalog_stats
from kb.render.templating import render
from kb.render.urls import Linker

STATS_SRC = "stats/index.md"


def stats_page(kb: KnowledgeBase, linker: Linker, today: date) -> Markup:
    """Every catalog's charts, each with its numbers in a folded table, bars linking to the
    table; a facet whose entries all have one value is a sentence, not a chart of one bar."""
    sections = []
    for name, spec in CATALOGS.items():
        href = linker.catalog(name)
        counted = catalog_stats(kb, name, today)
        sections.append(
            {
                "catalog": name,
                "title": spec.title,
                "plural": spec.plural,
                "href": href,
                "count": len(kb.entries[name]),
                "sentences": counted.sentences,
                "charts": [bar_chart(s, href) for s in counted.charts],
            }
        )
    return render("stats.html", sections=sections, today=today.isoformat())
