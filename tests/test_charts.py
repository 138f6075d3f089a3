"""SVG bar charts with a title, a description, one link per bar and the same numbers as a
table; the stats page that holds them."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

from kb.catalog import KnowledgeBase
from kb.charts import bar_chart
from kb.stats import Bar, Series
from kb.statspage import stats_page
from kb.urls import Linker


class _Svg(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rects: list[float] = []
        self.links: list[tuple[str, str]] = []
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "rect":
            self.rects.append(float(a["width"]))
        if tag == "a" and "aria-label" in a:
            self.links.append((a["xlink:href"], a["aria-label"]))
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th") and self.rows:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_bar_chart_is_accessible_svg_with_linked_bars_and_a_table() -> None:
    series = Series(
        "x-by-kind",
        "Things by kind",
        "How many things of each kind.",
        6,
        (Bar("Alpha", 4, "kind=a"), Bar("Beta <b>", 2, "kind=b"), Bar("Gamma", 0, None)),
    )
    html = str(bar_chart(series, "../things/"))
    parsed = _Svg()
    parsed.feed(html)
    assert re.search(r'<svg[^>]* role="group"[^>]* aria-labelledby="x-by-kind-svg-title"', html)
    assert '<title id="x-by-kind-svg-title">Things by kind</title>' in html
    assert "<desc" in html and "How many things of each kind." in html
    # lengths proportional to the counts, the largest the longest, zero is zero
    assert parsed.rects[1] * 2 == parsed.rects[0] and parsed.rects[2] == 0
    assert parsed.links == [
        ("../things/?kind=a", "Alpha: 4 of 6 entries"),
        ("../things/?kind=b", "Beta <b>: 2 of 6 entries"),
    ]
    assert "<b>" not in html  # labels are escaped
    assert parsed.rows[1:] == [["Alpha", "4"], ["Beta <b>", "2"], ["Gamma", "0"]]


def test_stats_page_links_every_bar_to_its_catalog(loaded: KnowledgeBase) -> None:
    html = str(stats_page(loaded, Linker("stats/"), date(2024, 6, 1)))
    assert html.count("<svg") == html.count('<table class="kb-chart-table">') > 10
    assert 'xlink:href="../annotation-vendors/?techniques=polygon"' in html
    assert 'href="../annotation-techniques/?geometry=box"' in html
    # the tree's one vendor is open source: a bar, but the table has no licence filter
    assert "?license=" not in html and 'aria-label="Open source: 1 of 1 entry"' in html
