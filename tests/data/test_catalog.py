"""kb.data.catalog: the knowledge base, its reference index and dangling references."""

from __future__ import annotations

from pathlib import Path

from conftest import Tree

from kb.data.catalog import KnowledgeBase
from kb.data.loader import load


def test_references_are_indexed_both_ways(loaded: KnowledgeBase) -> None:
    referrers = loaded.referrers("annotation-techniques", "polygon")
    assert [(r.source, r.field) for r in referrers] == [
        (("annotation-vendors", "label-tool"), "techniques")
    ]
    assert loaded.get("annotation-techniques", "polygon") is not None
    assert loaded.get("annotation-techniques", "nope") is None


def test_a_dangling_successor_is_reported_with_a_suggestion(tree: Tree) -> None:
    tree.supersede("annotation-techniques", "polygon", "bounding-bx")
    kb = load(Path("catalog"))
    (problem,) = kb.problems
    assert problem.path == "catalog/annotation-techniques/polygon.yml"
    assert problem.message == (
        "successor: 'bounding-bx' is not an entry of annotation-techniques "
        "(known: bounding-box); did you mean 'bounding-box'?"
    )


def test_a_successor_is_never_offered_the_entry_itself(tree: Tree) -> None:
    """A typo close to the entry's own id used to get "did you mean" that id, which the
    model refuses next ("names the entry itself")."""
    tree.supersede("annotation-techniques", "polygon", "polygn")
    (problem,) = load(Path("catalog")).problems
    assert problem.message == (
        "successor: 'polygn' is not an entry of annotation-techniques (known: bounding-box)"
    )
