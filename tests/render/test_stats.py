"""The numbers behind the stats page: counts by facet value, freshness, coverage."""

from __future__ import annotations

from datetime import date
from typing import Any

from kb.data.loader import load
from kb.render.stats import Series, catalog_stats, coverage_series, facet_series, freshness_series

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
    supports: [offering, license, techniques, data_types, deployment, sourcing_modes]
    accessed: 2023-01-01
"""


def _series(kb: Any, name: str) -> Series:
    return next(s for s in facet_series(kb, "annotation-vendors") if s.key.endswith(name))


def _counts(series: Series) -> dict[str, int]:
    return {b.label: b.count for b in series.bars}


def test_facet_counts_follow_the_filters_values_in_vocabulary_order(tree: Any) -> None:
    tree.write("annotation-vendors", "other-tool", OTHER_VENDOR)
    kb = load(tree.root)
    license_ = _series(kb, "-license")
    # "open-core" comes between them in the vocabulary, but no entry has it: the table
    # offers no such filter, so there is no bar to link to one
    assert _counts(license_) == {"Open source": 1, "Commercial": 1}
    # each licence fits one vendor only: the table offers no licence filter, so no bar links
    assert [b.query for b in license_.bars] == [None, None]
    # a list field counts an entry under each of its values
    deployment = _counts(_series(kb, "-deployment"))
    assert deployment["Self-hosted"] == 2 and deployment["Cloud (SaaS)"] == 1
    # reference facets count by the referenced entry, labelled by its name
    techniques_series = _series(kb, "-techniques")
    assert _counts(techniques_series) == {"Bounding box": 1, "Polygon": 2}
    # polygon is shared by two vendors: a real filter, so its bars link to it
    assert [b.query for b in techniques_series.bars] == [
        "techniques=bounding-box",
        "techniques=polygon",
    ]
    assert license_.total == 2
    # one value in use: a bar, but no link (the table has no filter with a single choice),
    # and on the page no chart of one bar but a sentence
    sourcing = _series(kb, "-sourcing_modes")
    assert _counts(sourcing) == {"In-house": 2} and sourcing.bars[0].query is None
    assert sourcing.sentence == "All 2 annotation vendors have the sourcing modes In-house."
    counted = catalog_stats(kb, "annotation-vendors", date(2024, 11, 18))
    assert sourcing.key not in {s.key for s in counted.charts}
    assert sourcing.sentence in counted.sentences
    assert all(len(s.bars) > 1 for s in counted.charts)
    assert license_.sentence is None and license_ in counted.charts


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


def test_coverage_counts_a_rating_only_when_rated(loaded: Any) -> None:
    # pic-maker rates ease of use; its cost is derived from prices it does not give
    counts = _counts(coverage_series(loaded, "image-generators"))
    assert counts["Ease of use"] == 1 and counts["Cost"] == 0


def test_entries_without_a_value_get_a_bar_of_their_own(tree: Any) -> None:
    # So that the bars add up to every entry: a second generator that no source rates on
    # ease of use, and a vendor that says nothing of where it runs.
    pic_maker = tree.valid("image-generators", "pic-maker")
    unrated = pic_maker.replace("id: pic-maker", "id: other-maker").replace(
        "{rating: high, basis: Rated easy.,", "{basis: No source compares it.,"
    )
    tree.write("image-generators", "other-maker", unrated)
    tree.write(
        "annotation-vendors",
        "other-tool",
        OTHER_VENDOR.replace("deployment: [cloud, self-hosted]\n", "").replace("deployment, ", ""),
    )
    kb = load(tree.root)
    assert kb.ok, [p.text() for p in kb.problems]
    ease = next(s for s in facet_series(kb, "image-generators") if s.key.endswith("ease_of_use"))
    assert _counts(ease) == {"High": 1, "Not rated": 1}
    deployment = _series(kb, "-deployment")
    assert _counts(deployment) == {"Self-hosted": 1, "Not given": 1}
    assert deployment.bars[-1].query is None  # no view lists exactly the rows without one
