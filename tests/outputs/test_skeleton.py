"""``kb new CATALOG ID``: a starting entry that editors link to its schema, and whose
placeholders ``kb validate`` refuses until the contributor has replaced them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import CATALOG_NAMES, fill


@pytest.mark.parametrize("catalog", CATALOG_NAMES)
def test_new_writes_an_entry_that_validates_once_filled_in(
    tree: Any, cli: Any, catalog: str
) -> None:
    r = cli("new", catalog, "brand-new")
    assert (r.code, r.err) == (0, "")
    assert r.out.strip() == f"catalog/{catalog}/brand-new.yml"
    path = tree.root / catalog / "brand-new.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# yaml-language-server: $schema=../../schema/{catalog}.schema.json"
    # the relative link points where `kb schema` writes, from the file's own folder
    schema = (path.parent / "../../schema" / f"{catalog}.schema.json").resolve()
    assert schema == (tree.base / "schema" / f"{catalog}.schema.json").resolve()
    assert "id: brand-new" in lines
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    v = cli("validate")
    assert (v.code, v.err) == (0, "")
    assert v.out.strip() == "ok: 9 entries valid"


def test_an_untouched_skeleton_is_refused_field_by_field(tree: Any, cli: Any) -> None:
    assert cli("new", "annotation-vendors", "brand-new").code == 0
    v = cli("validate")
    assert v.code == 1
    lines = [ln for ln in v.out.splitlines() if "brand-new.yml" in ln]
    # each placeholder is named by its field, at its line
    assert any(": summary: still holds the placeholder from kb new" in ln for ln in lines)
    assert any(": sources.title: still holds the placeholder" in ln for ln in lines)
    assert any(": sources.url: is the placeholder address from kb new" in ln for ln in lines)
    assert all(re.match(r"catalog/annotation-vendors/brand-new\.yml:\d+:\d+: ", ln) for ln in lines)


@pytest.mark.parametrize("catalog", CATALOG_NAMES)
def test_uncommented_optional_fields_are_valid_too(tree: Any, cli: Any, catalog: str) -> None:
    assert cli("new", catalog, "brand-new").code == 0
    path = tree.root / catalog / "brand-new.yml"
    text = path.read_text(encoding="utf-8")
    opened = re.sub(r"^# ([a-z_]+:)", r"\1", text, flags=re.MULTILINE)
    assert opened.count("\n# ") < text.count("\n# ")  # optional fields were there
    # A contributor who fills a fact cites it: the source names every field now filled.
    filled = re.findall(r"^# ([a-z_]+):", text, flags=re.MULTILINE)
    opened = re.sub(r"(    supports: \[)", r"\g<1>" + "".join(f + ", " for f in filled), opened)
    path.write_text(fill(opened), encoding="utf-8")
    v = cli("validate")
    assert (v.code, v.err) == (0, "")


def test_references_name_an_existing_entry(tree: Any, cli: Any) -> None:
    assert cli("new", "annotation-vendors", "another-tool").code == 0
    text = (tree.root / "annotation-vendors" / "another-tool.yml").read_text(encoding="utf-8")
    assert 'techniques: ["bounding-box"]' in text


def test_new_never_overwrites(tree: Any, cli: Any) -> None:
    path = tree.root / "vision-tasks" / "image-classification.yml"
    before = path.read_bytes()
    r = cli("new", "vision-tasks", "image-classification")
    assert r.code == 1
    assert r.err.strip() == (
        "kb: catalog/vision-tasks/image-classification.yml already exists; not overwritten"
    )
    assert path.read_bytes() == before


def test_new_twice(tree: Any, cli: Any) -> None:
    assert cli("new", "sourcing-modes", "crowd").code == 0
    path = tree.root / "sourcing-modes" / "crowd.yml"
    path.write_text("edited by hand\n", encoding="utf-8")
    assert cli("new", "sourcing-modes", "crowd").code == 1
    assert path.read_text(encoding="utf-8") == "edited by hand\n"
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("bad", ["Bad_Id", "-lead", "trail-", "two--hyphens", "é", "a b", ""])
def test_new_refuses_an_invalid_id(tree: Any, cli: Any, bad: str) -> None:
    r = cli("new", "--", "sourcing-modes", bad)  # "--": "-lead" is an id, not an option
    assert r.code == 2
    assert "is not a valid id" in r.err
    assert sorted(p.name for p in (tree.root / "sourcing-modes").iterdir()) == ["in-house.yml"]


def test_new_in_an_empty_folder(tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli("new", "annotation-techniques", "polyline")
    assert r.code == 0
    path = tmp_path / "catalog" / "annotation-techniques" / "polyline.yml"
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert cli("validate").code == 0


def test_new_files_get_the_usual_permissions(tree: Any, cli: Any) -> None:
    import os

    old = os.umask(0o022)
    try:
        assert cli("new", "sourcing-modes", "crowd").code == 0
    finally:
        os.umask(old)
    mode = (tree.root / "sourcing-modes" / "crowd.yml").stat().st_mode & 0o777
    assert mode == 0o644  # readable by the web server and the rest of the team


def test_catalog_dir_is_a_file(tree: Any, cli: Any) -> None:
    (tree.base / "taken").write_text("not a folder\n", encoding="utf-8")
    r = cli("new", "vision-tasks", "x", "--catalog-dir", "taken")
    assert r.code == 1
    assert r.err.strip() == "kb: cannot write taken/vision-tasks/x.yml: Not a directory"
