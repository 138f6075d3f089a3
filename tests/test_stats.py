"""Stats page data and charts: counts by facet value, freshness, coverage; SVG bar charts
with a title, a description, one link per bar and the same numbers as a table."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

from kb.charts import bar_chart
from kb.loader import load
from kb.stats import Bar, Series, coverage_series, facet_series, freshness_series
from kb.statspage import stats_page
from kb.urls import Linker

OTHER_VENDOR = """\
id: other-tool
name: Other Tool
summary: A commercial labeling service.
offering: service
license: commercial
techniques: [polygon]
data_types: [image]
deployment: [cloud, self-hosted]
sourcing_modes: [in-house]
added: 2024-01-10
sources:
  - url: https://example.com/other
    title: Another article
    kind: third-party
    accessed: 2023-01-01
"""


def _series(kb: Any, name: str) -> Series:
    return next(s for s in facet_series(kb, "annotation-vendors") if s.key.endswith(name))


def _counts(series: Series) -> dict[str, int]:
    return {b.label: b.count for b in series.bars}


def test_facet_counts_cover_every_value_in_vocabulary_order(tree: Any) -> None:
    tree.write("annotation-vendors", "other-tool", OTHER_VENDOR)
    kb = load(tree.root)
    license_ = _series(kb, "-license")
    assert _counts(license_) == {"Open source": 1, "Open core": 0, "Commercial": 1}
    assert [b.query for b in license_.bars] == [
        "license=open-source", "license=open-core", "license=commercial"
    ]
    # a list field counts an entry under each of its values
    deployment = _counts(_series(kb, "-deployment"))
    assert deployment["Self-hosted"] == 2 and deployment["Cloud (SaaS)"] == 1
    # reference facets count by the referenced entry, labelled by its name
    techniques = _counts(_series(kb, "-techniques"))
    assert techniques == {"Bounding box": 1, "Polygon": 2}
    assert license_.total == 2


def test_freshness_buckets_by_age_and_counts_never_checked(tree: Any) -> None:
    tree.write("annotation-vendors", "other-tool", OTHER_VENDOR)  # no last_verified
    kb = load(tree.root)
    # label-tool was last verified on 2024-05-02: 200 days before this "today"
    series = freshness_series(kb, "annotation-vendors", date(2024, 11, 18))
    assert _counts(series) == {
        "Under 3 months": 0,
        "3 to 6 months": 0,
        "6 to 12 months": 1,
        "Over a year": 0,
        "Never re-checked": 1,
    }
    later = _counts(freshness_series(kb, "annotation-vendors", date(2025, 6, 1)))
    assert later["Over a year"] == 1 and later["6 to 12 months"] == 0


def test_coverage_counts_filled_optional_fields_only(tree: Any) -> None:
    tree.write("annotation-vendors", "other-tool", OTHER_VENDOR)
    kb = load(tree.root)
    counts = _counts(coverage_series(kb, "annotation-vendors"))
    assert counts["Website"] == 1  # label-tool has one, other-tool not
    assert counts["Description"] == 0
    assert counts["Sourcing modes"] == 2
    # required fields and the entry's own dates are not "coverage"
    assert not {"Name", "Summary", "License", "Last verified", "Added"} & set(counts)


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
        "x-by-kind", "Things by kind", "How many things of each kind.", 6,
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


def test_stats_page_links_every_bar_to_its_catalog(tree: Any) -> None:
    kb = load(tree.root)
    html = str(stats_page(kb, Linker("stats/"), date(2024, 6, 1)))
    assert html.count("<svg") == html.count('<table class="kb-chart-table">') > 10
    assert 'href="../annotation-vendors/?license=open-source"' in html
    assert 'href="../sourcing-modes/?price=expensive"' in html
