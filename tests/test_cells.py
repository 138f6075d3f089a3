"""kb.cells: values as readers see them (labels, links, ratings with their basis)."""

from __future__ import annotations

from kb.catalog import KnowledgeBase
from kb.cells import cell
from kb.introspect import specs_by_name
from kb.urls import Linker

HERE = Linker("image-generators/")


def test_a_rating_links_to_its_basis_and_an_unrated_one_says_so(loaded: KnowledgeBase) -> None:
    entry = loaded.entries["image-generators"]["pic-maker"]
    specs = specs_by_name("image-generators")
    ease = cell(loaded, "image-generators", entry, specs["ease_of_use"], HERE)
    assert ease.rating is not None and ease.rating.label == "High"
    assert ease.rating.href == "pic-maker/#rating-ease_of_use"
    assert ease.sort == "3" and not ease.empty
    cost = cell(loaded, "image-generators", entry, specs["cost"], HERE)
    assert cost.rating is not None and cost.rating.label is None
    assert cost.rating.basis == "No source compares it."
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
