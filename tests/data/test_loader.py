"""The loader: catalog folders in, validated entries, references and every problem out."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from kb.data.loader import load
from kb.data.problems import display_path

TASK = "catalog/vision-tasks/image-classification.yml"


def _texts(kb: Any) -> list[str]:
    return [p.text() for p in kb.problems]


def test_valid_tree_loads_every_entry(tree: Any) -> None:
    kb = load(Path("catalog"))
    assert kb.ok
    assert {c: sorted(e) for c, e in kb.entries.items() if e} == {
        "annotation-techniques": ["bounding-box", "polygon"],
        "sourcing-modes": ["in-house"],
        "annotation-vendors": ["label-tool"],
        "vision-tasks": ["image-classification"],
        "case-studies": ["churn-ann"],
        "image-generators": ["pic-maker"],
        "image-optimizers": ["squeeze"],
    }
    vendor = kb.get("annotation-vendors", "label-tool")
    assert vendor is not None and vendor.name == "Label Tool"
    assert (
        kb.path_of("annotation-vendors", "label-tool")
        == tree.root.relative_to(tree.base) / "annotation-vendors" / "label-tool.yml"
    )


def test_reference_index(tree: Any) -> None:
    kb = load(Path("catalog"))
    users = kb.referrers("annotation-techniques", "polygon")
    assert [(r.source, r.field) for r in users] == [
        (("annotation-vendors", "label-tool"), "techniques")
    ]
    (study,) = kb.referrers("vision-tasks", "image-classification")
    assert study.source == ("case-studies", "churn-ann")
    assert kb.referrers("sourcing-modes", "nobody") == []


def test_broken_target_does_not_cascade(tree: Any) -> None:
    # The technique is invalid, but its file exists: the vendor naming it is not blamed.
    text = tree.valid("annotation-techniques", "polygon").replace("geometry: polygon", "geometry:")
    tree.write("annotation-techniques", "polygon", text)
    kb = load(Path("catalog"))
    assert [p.path for p in kb.problems] == ["catalog/annotation-techniques/polygon.yml"]
    assert "polygon" not in kb.entries["annotation-techniques"]
    assert "label-tool" in kb.entries["annotation-vendors"]


def test_invalid_entries_are_left_out(tree: Any) -> None:
    tree.write("vision-tasks", "image-classification", "id: image-classification\n")
    kb = load(Path("catalog"))
    assert not kb.ok
    assert kb.entries["vision-tasks"] == {}
    missing = [t for t in _texts(kb) if t.startswith(TASK)]
    assert len(missing) == 11  # every required field but id, each named
    assert all(": missing required field '" in t for t in missing)


def test_display_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "catalog" / "x.yml") == os.path.join("catalog", "x.yml")
    outside = tmp_path.parent / "elsewhere.yml"
    assert display_path(outside) == str(outside)


def test_missing_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    kb = load(Path("nowhere"))
    assert _texts(kb) == ["nowhere:1:1: is not a folder of catalogs"]


def test_strays_in_the_tree(tree: Any) -> None:
    (tree.root / "README.md").write_text("about the catalog\n", encoding="utf-8")
    (tree.root / "notes.txt").write_text("x\n", encoding="utf-8")
    tree.write("vision-tasks", ".hidden.yml", "not: read\n")
    tree.write("vision-tasks", "README.md", "about tasks\n")
    tree.write("vision-tasks", "draft.yaml", "id: draft\n")
    (tree.root / "vision-tasks" / "folder.yml").mkdir()
    (tree.root / "vision-tasks" / "link.yml").symlink_to(tree.root / "vision-tasks" / "draft.yaml")
    assert _texts(load(Path("catalog"))) == [
        "catalog/notes.txt:1:1: is not inside a catalog folder",
        "catalog/vision-tasks/draft.yaml:1:1: is not an entry: entries are files named <id>.yml",
        "catalog/vision-tasks/folder.yml:1:1: is not an entry: entries are files named <id>.yml",
        "catalog/vision-tasks/link.yml:1:1: is a symbolic link; entries must be regular files",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "use_cases: [photo organisation]",
            "use_cases: [photo organisation, photo organisation]",
            "10:12: use_cases: lists 'photo organisation' twice",
        ),
        ("use_cases: [photo organisation]", "use_cases: []", "10:12: use_cases: needs at least 1"),
        (
            "    accessed: 2024-05-01",
            "    accessed: 2024-05-01\n    pages: 3",
            "15:5: unknown field 'pages'",
        ),
        ("localizes: false", "localizes: 1", "7:12: localizes: expected true or false, got the"),
        ("complexity: {rating: low", "complexity: {rating: [low]", "8:22: complexity.rating: "),
        ("last_verified: 2024-05-02", "last_verified: 2999-01-01", "16:16: last_verified: is a"),
        (
            "last_verified: 2024-05-02",
            "last_verified: '2024-5-2'",
            "16:16: last_verified: expected",
        ),
        ("name: Image classification", "name: ' Image'", "2:7: name: starts or ends with white"),
        ("name: Image classification", "name:", "2:6: name: expected text, got nothing"),
        ("name: Image classification", f"name: {'n' * 81}", "2:7: name: text is 81 characters"),
    ],
)
def test_value_problems_are_pinned(tree: Any, old: str, new: str, expected: str) -> None:
    text = tree.valid("vision-tasks", "image-classification")
    assert old in text
    tree.write("vision-tasks", "image-classification", text.replace(old, new))
    texts = _texts(load(Path("catalog")))
    assert any(t.startswith(f"{TASK}:{expected}") for t in texts), texts


def test_numbers_in_quotes_get_a_hint(tree: Any) -> None:
    text = tree.valid("case-studies", "churn-ann").replace("result: 0.86", 'result: "0.86"')
    tree.write("case-studies", "churn-ann", text)
    assert _texts(load(Path("catalog"))) == [
        "catalog/case-studies/churn-ann.yml:8:9: result: expected a number, got '0.86'; "
        "remove the quotes so it reads as a number"
    ]


def test_block_scalar_markdown_is_valid(tree: Any) -> None:
    text = tree.valid("vision-tasks", "image-classification").replace(
        "modality: image",
        "description: |\n  Some *Markdown*.\n\n  - a list item\nmodality: image",
    )
    tree.write("vision-tasks", "image-classification", text)
    kb = load(Path("catalog"))
    assert kb.ok, _texts(kb)
    entry = kb.get("vision-tasks", "image-classification")
    assert entry is not None and entry.description == "Some *Markdown*.\n\n- a list item"


def _vendor_naming(tree: Any, techniques: str) -> None:
    text = tree.valid("annotation-vendors", "label-tool")
    tree.write(
        "annotation-vendors", "label-tool", text.replace("[bounding-box, polygon]", techniques)
    )


def test_dangling_reference_suggests_the_closest_id(tree: Any) -> None:
    _vendor_naming(tree, "[bounding-box, polygn]")
    assert _texts(load(Path("catalog"))) == [
        "catalog/annotation-vendors/label-tool.yml:7:28: techniques: 'polygn' is not an entry "
        "of annotation-techniques (known: bounding-box, polygon); did you mean 'polygon'?"
    ]


def test_dangling_reference_in_a_big_catalog_does_not_list_every_id(tree: Any) -> None:
    for n in range(20):
        text = tree.valid("annotation-techniques", "polygon").replace("polygon", f"shape-{n}", 1)
        tree.write("annotation-techniques", f"shape-{n}", text)
    _vendor_naming(tree, "[zzz]")
    assert _texts(load(Path("catalog"))) == [
        "catalog/annotation-vendors/label-tool.yml:7:14: techniques: 'zzz' is not an entry "
        "of annotation-techniques (22 ids)"
    ]


def test_dangling_reference_to_an_empty_catalog(tree: Any) -> None:
    (tree.root / "sourcing-modes" / "in-house.yml").unlink()
    assert _texts(load(Path("catalog"))) == [
        "catalog/annotation-vendors/label-tool.yml:10:18: sourcing_modes: 'in-house' is not an "
        "entry of sourcing-modes (none yet)"
    ]


def test_a_long_value_is_shortened_in_messages(tree: Any) -> None:
    text = tree.valid("case-studies", "churn-ann")
    long_id = "x" * 3000
    tree.write("case-studies", "churn-ann", text.replace("image-classification", long_id))
    (problem,) = load(Path("catalog")).problems
    assert (problem.line, problem.col) == (4, 7)
    assert problem.message.startswith("task: 'xxxxxxxx")
    assert problem.message.endswith(
        "…' is not an entry of vision-tasks (known: image-classification)"
    )
    assert len(problem.message) < 200


def test_messages_are_capped() -> None:
    from kb.data.problems import Problem

    assert len(Problem("a.yml", 1, 1, "y" * 5000).message) == 500


def test_verified_before_read_is_listed_with_the_other_problems(tree: Any) -> None:
    """A last_verified earlier than a source's accessed date used to be reported only once
    the sources were valid, one run after the others: now in the same run."""
    text = (
        tree.valid("annotation-techniques", "polygon")
        .replace("    kind: vendor\n", "    kind: vendr\n")
        .replace("last_verified: 2024-05-02", "last_verified: 2024-04-02")
    )
    path = tree.write("annotation-techniques", "polygon", text)
    lines = text.splitlines()
    kind = next(n for n, line in enumerate(lines, 1) if "kind: vendr" in line)
    verified = next(n for n, line in enumerate(lines, 1) if line.startswith("last_verified:"))
    problems = sorted((p.line, p.message) for p in load(Path("catalog")).problems)
    assert [line for line, _ in problems] == [kind, verified]
    assert problems[0][1].startswith("sources.kind: 'vendr' is not allowed")
    assert problems[1][1] == (
        "last_verified: 2024-04-02 is before 2024-05-01, when a cited source was read; "
        "nothing can be verified before its source was read"
    )
    # once the source is fixed, the model reports the same line (no duplicate either way)
    path.write_text(text.replace("kind: vendr", "kind: vendor"), encoding="utf-8")
    (alone,) = load(Path("catalog")).problems
    assert (alone.line, alone.message) == problems[1]
