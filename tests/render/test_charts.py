"""SVG bar charts with a title, a description, one link per bar and the same numbers as a
table folded under the chart; the stats page that holds them: no chart of one bar, one scale
for a catalog's charts, links a crawler follows."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest

from kb.data.catalog import KnowledgeBase
from kb.data.loader import load
from kb.render.charts import WIDTH, bar_chart
from kb.render.stats import Bar, Series
from kb.render.statspage import stats_page
from kb.render.urls import Linker


class _Svg(HTMLParser):
    """Reads charts as a crawler would: the plain href of every link, the bars' lengths
    (per chart), the tables' rows and whether each table sits in a details element."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[float] = []
        self.tracks: list[float] = []
        self.charts: list[list[tuple[int, float]]] = []  # per chart: (count, bar length)
        self.links: list[tuple[str, str]] = []
        self.table_links: list[str] = []
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self.tables_in_details: list[bool] = []
        self._open: list[str] = []
        self._cell: list[str] | None = None
        self._count = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "svg":
            self.charts.append([])
        if tag == "rect" and a.get("class") == "kb-chart-rect":
            self.rects.append(float(a["width"]))
        if tag == "rect" and a.get("class") == "kb-chart-track":
            self.tracks.append(float(a["width"]))
        if tag == "text" and a.get("class") == "kb-chart-count":
            self._count = True
        if tag == "a" and a.get("class") == "kb-chart-bar":
            # the plain href, the one a crawler follows; xlink:href, if any, says the same
            assert a.get("xlink:href", a["href"]) == a["href"]
            self.links.append((a["href"], a["aria-label"]))
        elif tag == "a" and "table" in self._open:
            self.table_links.append(a["href"])
        if tag == "table":
            self.tables_in_details.append("details" in self._open and "open" not in a)
        if tag in ("details", "table"):
            self._open.append(tag)
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th") and self.rows:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        if tag in ("details", "table") and self._open and self._open[-1] == tag:
            self._open.pop()
        if tag == "text":
            self._count = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._count and self.charts and len(self.rects) > sum(map(len, self.charts)):
            self.charts[-1].append((int(data), self.rects[-1]))


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
    # lengths are the count out of the total (6), not out of the longest bar: the track
    # (the full width) is all 6, so 4 of 6 fills two thirds of it; zero is zero
    track = parsed.tracks[0]
    assert parsed.tracks == [track] * 3 and track < WIDTH
    assert parsed.rects[0] == pytest.approx(track * 4 / 6, abs=0.1)
    assert parsed.rects[1] == pytest.approx(track * 2 / 6, abs=0.1) and parsed.rects[2] == 0
    assert parsed.links == [
        ("../things/?kind=a", "Alpha: 4 of 6 entries"),
        ("../things/?kind=b", "Beta <b>: 2 of 6 entries"),
    ]
    assert "<b>" not in html  # labels are escaped
    # the numbers: folded under the chart, in the document, linking where the bars link
    assert parsed.tables_in_details == [True]
    assert parsed.rows[1:] == [["Alpha", "4"], ["Beta <b>", "2"], ["Gamma", "0"]]
    assert parsed.table_links == [href for href, _ in parsed.links]


def test_a_bar_of_the_whole_catalog_fills_its_track() -> None:
    # a count above the total (a list field can't, but a bad series might) never overflows
    full = Series("x", "X", "X.", 3, (Bar("All", 3, None), Bar("Some", 1, None)))
    parsed = _Svg()
    parsed.feed(str(bar_chart(full, "../x/")))
    assert parsed.rects[0] == parsed.tracks[0]


def _page(kb: KnowledgeBase) -> tuple[str, _Svg]:
    html = str(stats_page(kb, Linker("stats/"), date(2024, 6, 1)))
    parsed = _Svg()
    parsed.feed(html)
    return html, parsed


def test_stats_page_links_every_bar_to_its_catalog(loaded: KnowledgeBase) -> None:
    html, parsed = _page(loaded)
    assert html.count("<svg") == html.count('<table class="kb-chart-table">') > 10
    # every bar links with a plain href (what a crawler follows), and its table row too
    hrefs = [href for href, _ in parsed.links]
    assert "../annotation-vendors/?cols=name%2Clast_verified&sort=last_verified" in hrefs
    # a filter the table offers (2d is shared by both techniques) is linked; one it does not
    # offer (each geometry fits one technique) is not
    assert 'href="../annotation-techniques/?dimensions=2d"' in html
    assert "?geometry=" not in html
    assert set(hrefs) <= set(parsed.table_links)
    assert html.count('<a class="kb-chart-bar" href=') == len(hrefs) > 10


def test_no_chart_has_fewer_than_two_bars_a_sentence_says_it(loaded: KnowledgeBase) -> None:
    html, parsed = _page(loaded)
    assert parsed.charts and all(len(bars) >= 2 for bars in parsed.charts)
    # the tree's one vendor is open source: no chart of one bar, a sentence
    assert "annotation-vendors-by-license" not in html and "?license=" not in html
    assert "The one annotation vendor has the license Open source." in html
    assert "The one case study is active." in html


def test_tables_are_folded_under_their_charts_but_present(loaded: KnowledgeBase) -> None:
    html, parsed = _page(loaded)
    assert len(parsed.tables_in_details) == html.count("<svg") and all(parsed.tables_in_details)
    assert html.count('<details class="kb-chart-numbers">') == html.count("<svg")
    assert html.count("<summary>Show the numbers") == html.count("<svg")


def test_a_catalogs_charts_share_one_scale(tree: Any) -> None:
    # Three image generators: a bar of N entries is as long in every chart of the catalog
    # (its facets, freshness and coverage), whatever the longest bar of each chart: the
    # longest is 2 for features, 3 for pricing, and 1 entry is one third of the width in both.
    pic_maker = tree.valid("image-generators", "pic-maker")
    for other, access, pricing, features in (
        ("other-maker", "[web, api]", "[credits]", "[text-to-image]"),
        ("third-maker", "[api]", "[credits]", "[inpainting]"),
    ):
        tree.write(
            "image-generators",
            other,
            pic_maker.replace("id: pic-maker", f"id: {other}")
            .replace("access: [web]", f"access: {access}")
            .replace("pricing: [free-tier, credits]", f"pricing: {pricing}")
            .replace("features: [text-to-image]", f"features: {features}"),
        )
    kb = load(tree.root)
    assert kb.ok, [p.text() for p in kb.problems]
    html, parsed = _page(kb)
    start = html.index('id="image-generators"')
    first = html[:start].count("<svg")
    charts = parsed.charts[first : first + html[start:].split("<h2", 1)[0].count("<svg")]
    widths: dict[int, set[float]] = {}
    for bars in charts:
        for count, width in bars:
            widths.setdefault(count, set()).add(width)
    assert len(charts) > 4 and {0, 1, 2, 3} <= set(widths)
    assert all(len(w) == 1 for w in widths.values()), widths
    assert widths[3] == {parsed.tracks[0]}  # the whole catalog: the full width
