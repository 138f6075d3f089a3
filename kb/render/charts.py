"""Horizontal bar charts as inline SVG, with the same numbers as a table folded under each.

Rendered at build time from a package template: no chart script, no request anywhere.
Colours come from CSS custom properties (see ``assets/stats.css``), so the charts follow
Material's light and dark palettes.

A bar's length is its count out of the series' total (the catalog's entries), drawn over a
track of the full width: every chart of a catalog is on one scale, so a bar of 5 entries is
as long in one chart as in another.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from kb.render.stats import Series
from kb.render.templating import render

WIDTH = 450  # viewBox units; the SVG scales to its box (on a phone, to about 0.8)
LABEL_WIDTH = 215  # room for the value labels, left of the bars
COUNT_ROOM = 36  # room right of the longest bar for its number
ROW = 22  # height of one bar's row
BAR = 14  # height of one bar
MAX_LABEL = 30  # characters shown in the SVG; the table and the link name carry the rest


@dataclass(frozen=True)
class DrawnBar:
    """One bar with its geometry and link, ready for the template."""

    label: str
    short: str
    count: int
    href: str | None
    y: int
    width: float
    track: float  # the full width: the whole catalog
    name: str  # the link's accessible name, e.g. "Open source: 4 of 15 entries"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def layout(series: Series, base_href: str) -> list[DrawnBar]:
    """Place every bar; lengths are the count out of the series' total, which fills the room
    (the same total, the same scale: bars compare across a catalog's charts).

    ``base_href`` is the catalog page's URL relative to the page the chart is on; each bar
    links there with its URL state.
    """
    scale = max(series.total, *(b.count for b in series.bars), 1)
    room = WIDTH - LABEL_WIDTH - COUNT_ROOM
    return [
        DrawnBar(
            label=b.label,
            short=_short(b.label),
            count=b.count,
            href=f"{base_href}?{b.query}" if b.query is not None else None,
            y=i * ROW,
            width=round(room * b.count / scale, 1),
            track=room,
            name=f"{b.label}: {b.count} of {series.total} "
            + ("entry" if series.total == 1 else "entries"),
        )
        for i, b in enumerate(series.bars)
    ]


def bar_chart(series: Series, base_href: str) -> Markup:
    """A figure: heading, SVG chart (title, description, one link per bar) and its table,
    folded under the chart."""
    bars = layout(series, base_href)
    return render(
        "chart.html",
        series=series,
        bars=bars,
        width=WIDTH,
        height=max(len(bars), 1) * ROW,
        label_width=LABEL_WIDTH,
        bar_height=BAR,
        row=ROW,
    )
