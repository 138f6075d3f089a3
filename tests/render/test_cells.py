"""kb.render.cells: values as readers see them (labels, links, ratings with their basis, numbers
with the unit and format their model field declares)."""

from __future__ import annotations

from typing import Any

from kb.data.catalog import KnowledgeBase
from kb.data.introspect import specs_by_name
from kb.data.loader import load
from kb.render.cells import cell, format_number
from kb.render.urls import Linker

HERE = Linker("image-generators/")
NBSP = "\u00a0"


def test_a_rating_links_to_its_basis_and_an_unrated_one_says_so(loaded: KnowledgeBase) -> None:
    entry = loaded.entries["image-generators"]["pic-maker"]
    specs = specs_by_name("image-generators")
    ease = cell(loaded, "image-generators", entry, specs["ease_of_use"], HERE)
    assert ease.rating is not None and ease.rating.label == "High"
    assert ease.rating.href == "pic-maker/#rating-ease_of_use"
    assert ease.sort == "3" and not ease.empty
    cost = cell(loaded, "image-generators", entry, specs["cost"], HERE)
    assert cost.rating is not None and cost.rating.label is None
    # derived: it says which facts would decide it, and where the rule is published
    assert "plan_price_min" in cost.rating.basis and "api_price_min" in cost.rating.basis
    assert cost.rating.rule_href is not None and cost.rating.rule_href.endswith("#rating-method")
    assert cost.sort == ""  # unrated sorts with the empty cells, last


def test_references_show_names_and_link(loaded: KnowledgeBase) -> None:
    vendor = loaded.entries["annotation-vendors"]["label-tool"]
    techniques = specs_by_name("annotation-vendors")["techniques"]
    shown = cell(loaded, "annotation-vendors", vendor, techniques, Linker("annotation-vendors/"))
    assert [(i.text, i.href) for i in shown.items] == [
        ("Bounding box", "../annotation-techniques/bounding-box/"),
        ("Polygon", "../annotation-techniques/polygon/"),
    ]
    assert shown.chips


def test_fractions_read_as_percentages_as_precise_as_reported() -> None:
    assert format_number(0.8659, "percent") == f"86.59{NBSP}%"
    assert format_number(0.2, "percent") == f"20{NBSP}%"
    assert format_number(0.6133, "percent") == f"61.33{NBSP}%"


def test_counts_get_thousands_separators_and_sizes_their_unit() -> None:
    assert format_number(100000, "count") == "100,000"
    assert format_number(7, "count") == "7"
    assert format_number(5.0, "megabytes") == f"5{NBSP}MB"
    assert format_number(0.5, "megabytes") == f"0.5{NBSP}MB"
    assert format_number(1500.0, None) == "1,500"


def test_the_models_declare_the_display_of_their_numbers() -> None:
    studies = specs_by_name("case-studies")
    assert studies["result"].display == "percent"
    assert studies["test_share"].display == "percent"
    assert studies["majority_baseline"].display == "percent"
    assert studies["samples"].display == "count"
    assert specs_by_name("image-optimizers")["max_file_size_mb"].display == "megabytes"


def test_an_unrated_basis_does_not_say_not_rated_twice(tree: Any) -> None:
    text = tree.valid("image-generators", "pic-maker").replace(
        'ease_of_use: {rating: high, basis: Rated easy., source: "https://example.com/article"}',
        "ease_of_use: {basis: 'Not rated: the sources disagree on it.'}",
    )
    tree.write("image-generators", "pic-maker", text)
    kb = load(tree.root)
    entry = kb.entries["image-generators"]["pic-maker"]
    specs = specs_by_name("image-generators")
    ease = cell(kb, "image-generators", entry, specs["ease_of_use"], HERE)
    assert ease.rating is not None and ease.rating.label is None  # shown as "not rated"
    assert ease.rating.basis == "The sources disagree on it."
    # A rule that lacks its facts says so once too.
    cost = cell(kb, "image-generators", entry, specs["cost"], HERE)
    assert cost.rating is not None and cost.rating.basis.startswith("Needs the cheapest paid")


def test_every_rating_scale_fills_more_pips_for_better(loaded: KnowledgeBase) -> None:
    # "Better" is always the full end: high ease of use and *low* complexity or cost both
    # fill every pip; the wording of the level stays as the scale has it.
    specs = specs_by_name("image-generators")
    pic = loaded.entries["image-generators"]["pic-maker"]
    ease = cell(loaded, "image-generators", pic, specs["ease_of_use"], HERE).rating
    assert ease is not None and (ease.label, ease.pips, ease.top) == ("High", 3, 3)
    task_specs = specs_by_name("vision-tasks")
    task = loaded.entries["vision-tasks"]["image-classification"]
    low = cell(loaded, "vision-tasks", task, task_specs["complexity"], HERE).rating
    assert low is not None and (low.label, low.pips) == ("Low", 3)
    mode_specs = specs_by_name("sourcing-modes")
    mode = loaded.entries["sourcing-modes"]["in-house"]
    price = cell(loaded, "sourcing-modes", mode, mode_specs["price"], HERE).rating
    assert price is not None and (price.label, price.pips) == ("Expensive", 1)
    quality = cell(loaded, "sourcing-modes", mode, mode_specs["labeling_quality"], HERE).rating
    assert quality is not None and (quality.label, quality.pips) == ("High", 3)
