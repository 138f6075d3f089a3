"""``kb new CATALOG ID``: a valid starting entry that editors link to its schema."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

CATALOG_NAMES = [
    "image-generators",
    "image-optimizers",
    "annotation-vendors",
    "sourcing-modes",
    "annotation-techniques",
    "vision-tasks",
    "case-studies",
]


@pytest.mark.parametrize("catalog", CATALOG_NAMES)
def test_new_writes_a_valid_entry(tree: Any, kb: Any, catalog: str) -> None:
    r = kb("new", catalog, "brand-new")
    assert (r.code, r.err) == (0, "")
    assert r.out.strip() == f"catalog/{catalog}/brand-new.yml"
    path = tree.root / catalog / "brand-new.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# yaml-language-server: $schema=../../schema/{catalog}.schema.json"
    # the relative link points where `kb schema` writes, from the file's own folder
    schema = (path.parent / "../../schema" / f"{catalog}.schema.json").resolve()
    assert schema == (tree.base / "schema" / f"{catalog}.schema.json").resolve()
    assert "id: brand-new" in lines
    v = kb("validate")
    assert (v.code, v.err) == (0, "")
    assert v.out.strip() == "ok: 9 entries valid"


@pytest.mark.parametrize("catalog", CATALOG_NAMES)
def test_uncommented_optional_fields_are_valid_too(tree: Any, kb: Any, catalog: str) -> None:
    assert kb("new", catalog, "brand-new").code == 0
    path = tree.root / catalog / "brand-new.yml"
    text = path.read_text(encoding="utf-8")
    opened = re.sub(r"^# ([a-z_]+:)", r"\1", text, flags=re.MULTILINE)
    assert opened.count("\n# ") < text.count("\n# ")  # optional fields were there
    path.write_text(opened, encoding="utf-8")
    v = kb("validate")
    assert (v.code, v.err) == (0, "")


def test_references_name_an_existing_entry(tree: Any, kb: Any) -> None:
    assert kb("new", "annotation-vendors", "another-tool").code == 0
    text = (tree.root / "annotation-vendors" / "another-tool.yml").read_text(encoding="utf-8")
    assert 'techniques: ["bounding-box"]' in text


def test_new_never_overwrites(tree: Any, kb: Any) -> None:
    path = tree.root / "vision-tasks" / "image-classification.yml"
    before = path.read_bytes()
    r = kb("new", "vision-tasks", "image-classification")
    assert r.code == 1
    assert r.err.strip() == (
        "kb: catalog/vision-tasks/image-classification.yml already exists; not overwritten"
    )
    assert path.read_bytes() == before


def test_new_twice(tree: Any, kb: Any) -> None:
    assert kb("new", "sourcing-modes", "crowd").code == 0
    path = tree.root / "sourcing-modes" / "crowd.yml"
    path.write_text("edited by hand\n", encoding="utf-8")
    assert kb("new", "sourcing-modes", "crowd").code == 1
    assert path.read_text(encoding="utf-8") == "edited by hand\n"
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("bad", ["Bad_Id", "-lead", "trail-", "two--hyphens", "é", "a b", ""])
def test_new_refuses_an_invalid_id(tree: Any, kb: Any, bad: str) -> None:
    r = kb("new", "--", "sourcing-modes", bad)  # "--": "-lead" is an id, not an option
    assert r.code == 2
    assert "is not a valid id" in r.err
    assert sorted(p.name for p in (tree.root / "sourcing-modes").iterdir()) == ["in-house.yml"]


def test_new_in_an_empty_folder(tmp_path: Path, kb: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = kb("new", "annotation-techniques", "polyline")
    assert r.code == 0
    assert (tmp_path / "catalog" / "annotation-techniques" / "polyline.yml").is_file()
    assert kb("validate").code == 0


def test_catalog_dir_is_a_file(tree: Any, kb: Any) -> None:
    (tree.base / "taken").write_text("not a folder\n", encoding="utf-8")
    r = kb("new", "vision-tasks", "x", "--catalog-dir", "taken")
    assert r.code == 1
    assert r.err.strip() == "kb: cannot write taken/vision-tasks/x.yml: Not a directory"
