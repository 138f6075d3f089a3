"""kb.render.table: one CatalogTable value filters, sorts, counts and lists a facet's values."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Tree

from kb.data.catalog import KnowledgeBase
from kb.data.loader import load
from kb.render.table import CatalogTable, default_columns, facets, offered_columns
from kb.render.urls import Linker

TOOL = """\
id: {id}
name: {name}
summary: A labeling tool.
offering: {offering}
license: {license}
techniques: [bounding-box]
data_types: [image]
sources:
  - url: https://example.com/article
    title: An article about the subject
    accessed: 2024-05-01
    kind: vendor
    supports: [offering, license, techniques, data_types]
added: 2024-04-01
"""


@pytest.fixture
def vendors(tree: Tree) -> KnowledgeBase:
    """The hand-written tree plus three vendors of different offerings and licences."""
    for entry_id, name, offering, license in (
        ("alpha", "Alpha", "service", "commercial"),
        ("beta", "beta", "tool", "commercial"),
        ("gamma", "Gamma", "tool", "open-source"),
    ):
        text = TOOL.format(id=entry_id, name=name, offering=offering, license=license)
        tree.write("annotation-vendors", entry_id, text)
    kb = load(Path("catalog"))
    assert kb.ok, [p.text() for p in kb.problems]
    return kb


def test_columns_follow_the_column_markers() -> None:
    # the summary is shown beneath the name, not as a column of its own
    assert default_columns("sourcing-modes") == (
        "name",
        "time_required",
        "price",
        "labeling_quality",
        "security",
    )
    # fields marked Column(default=False) are offered in the chooser, not shown at first
    assert "who_labels" in offered_columns("sourcing-modes")
    assert "who_labels" not in default_columns("sourcing-modes")
    assert "summary" not in offered_columns("sourcing-modes")


def test_every_enumerated_field_is_a_facet() -> None:
    names = [f.name for f in facets("annotation-vendors")]
    assert names == [
        "status",
        "offering",
        "license",
        "techniques",
        "data_types",
        "deployment",
        "sourcing_modes",
        "pricing",
        "export_formats",
        "model_assist",
        "review_workflow",
        "certifications",
        "storage",
        "api",
    ]
    task = [f.name for f in facets("vision-tasks")]
    assert "localizes" in task and "modality" in task and "part_of" in task
    assert "summary" not in task and "use_cases" not in task  # free text is searched


def test_rows_come_by_name_whatever_the_case(vendors: KnowledgeBase) -> None:
    table = CatalogTable.from_catalog(vendors, "annotation-vendors")
    assert [e.id for e in table.entries] == ["alpha", "beta", "gamma", "label-tool"]


def test_filter_or_within_a_field_and_across_fields(vendors: KnowledgeBase) -> None:
    table = CatalogTable.from_catalog(vendors, "annotation-vendors")
    tools = table.filtered((("offering", ("tool",)),))
    assert [e.id for e in tools.entries] == ["beta", "gamma", "label-tool"]
    either = table.filtered((("license", ("commercial", "open-source")),))
    assert either.count == 4
    both = table.filtered((("offering", ("tool",)), ("license", ("commercial",))))
    assert [e.id for e in both.entries] == ["beta"]


def test_sort_keeps_ties_in_name_order(vendors: KnowledgeBase) -> None:
    table = CatalogTable.from_catalog(vendors, "annotation-vendors")
    assert [e.id for e in table.sorted("offering").entries] == [
        "alpha",
        "beta",
        "gamma",
        "label-tool",
    ]
    assert [e.id for e in table.sorted("-offering").entries][-1] == "alpha"
    assert table.sorted("no-such-field") == table


MODE = """id: {id}
name: {id}
summary: A way of staffing.
time_required: {{rating: low, basis: Rated low., source: "https://example.com/article"}}
price: {price}
labeling_quality: {{basis: Not rated.}}
security: {{basis: Not rated.}}
who_labels: Someone.
sources:
  - url: https://example.com/article
    title: An article
    accessed: 2024-05-01
    kind: vendor
added: 2024-04-01
"""


def test_ratings_sort_by_rank_and_unrated_last(tree: Tree) -> None:
    prices = {
        "a-cheap": '{rating: cheap, basis: Cheap., source: "https://example.com/article"}',
        "b-unrated": "{basis: No source compares it.}",
        "c-average": '{rating: average, basis: Mid., source: "https://example.com/article"}',
    }
    for entry_id, price in prices.items():
        tree.write("sourcing-modes", entry_id, MODE.format(id=entry_id, price=price))
    kb = load(Path("catalog"))
    assert kb.ok, [p.text() for p in kb.problems]
    table = CatalogTable.from_catalog(kb, "sourcing-modes")
    # expensive (in-house) > average > cheap by rank, not alphabetically; unrated always last
    assert [e.id for e in table.sorted("price").entries] == [
        "a-cheap",
        "c-average",
        "in-house",
        "b-unrated",
    ]
    assert [e.id for e in table.sorted("-price").entries] == [
        "in-house",
        "c-average",
        "a-cheap",
        "b-unrated",
    ]
    html = str(table.as_html(Linker("sourcing-modes/")))
    assert "not rated" in html


def test_a_facet_offers_only_values_in_use(vendors: KnowledgeBase) -> None:
    table = CatalogTable.from_catalog(vendors, "annotation-vendors")
    offering = next(f for f in facets("annotation-vendors") if f.name == "offering")
    assert table.facet_values(offering) == [
        {"value": "tool", "label": "Software tool"},
        {"value": "service", "label": "Managed labeling service"},
    ]
    data = table.facet_data()
    # every vendor is active: a status filter with one choice would filter nothing
    assert "status" not in [f["field"] for f in data["facets"]]
    assert data["total"] == 4


def test_html_caption_counts_the_rows_shown(vendors: KnowledgeBase) -> None:
    table = CatalogTable.from_catalog(vendors, "annotation-vendors")
    html = str(table.filtered((("offering", ("tool",)),)).as_html(Linker("x/")))
    assert "<caption>Annotation vendors: showing 3 of 4</caption>" in html
    assert html.count('<tr data-kb-id="') == 3


def test_a_facet_is_offered_only_where_it_narrows(loaded: KnowledgeBase) -> None:
    # One sourcing mode in the tree: nothing to narrow. Three with distinct ratings: each
    # value fits one entry, so no rating is a filter; a shared value makes it one.
    table = CatalogTable.from_catalog(loaded, "sourcing-modes")
    assert table.facet_data()["facets"] == []
    vendors = CatalogTable.from_catalog(loaded, "annotation-vendors")
    assert [f["field"] for f in vendors.facet_data()["facets"]] == []  # one vendor only


def test_shared_values_make_a_facet(vendors: KnowledgeBase) -> None:
    table = CatalogTable.from_catalog(vendors, "annotation-vendors")
    offered = [f["field"] for f in table.facet_data()["facets"]]
    assert "offering" in offered and "license" in offered  # tool x3, commercial x2
    assert "deployment" not in offered  # only label-tool gives one
