"""The published JSON Schemas state the validator's rules: an independent validator
(check-jsonschema, from PyPI) accepts every real entry and rejects wrong ones; the editor
settings map every catalog to its schema."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import entry_text

from kb.data.models import CATALOGS

ROOT = Path(__file__).resolve().parents[2]


def check_jsonschema(catalog: str, *files: Path) -> subprocess.CompletedProcess[str]:
    """Run the real check-jsonschema CLI (YAML dates read as strings, as editors do)."""
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    return subprocess.run(
        [exe, "--schemafile", str(ROOT / "schema" / f"{catalog}.schema.json"), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("catalog", list(CATALOGS))
def test_every_entry_passes_the_published_schema(catalog: str) -> None:
    files = sorted((ROOT / "catalog" / catalog).glob("*.yml"))
    assert files, f"catalog/{catalog} has no entries"
    result = check_jsonschema(catalog, *files)
    assert result.returncode == 0, result.stdout + result.stderr


# The hand-written valid entry of the test catalog.
GOOD = entry_text("sourcing-modes", "in-house")

WRONG = {
    "unknown field": GOOD + "colour: blue\n",
    "javascript URL": GOOD.replace("https://example.com/article", "javascript:alert(1)"),
    "data URL": GOOD.replace("https://example.com/article", "data:text/html,x"),
    "wrong enum value": GOOD.replace("{rating: expensive", "{rating: pricey"),
    "missing required field": re.sub(r"^security: .*\n", "", GOOD, flags=re.MULTILINE),
    "bad id": GOOD.replace("id: in-house", "id: In_House"),
    "name too long": GOOD.replace("name: In-house", "name: " + "x" * 81),
}


def test_a_correct_entry_passes(tmp_path: Path) -> None:
    path = tmp_path / "in-house.yml"
    path.write_text(GOOD, "utf-8")
    assert check_jsonschema("sourcing-modes", path).returncode == 0


@pytest.mark.parametrize("case", list(WRONG))
def test_wrong_entries_are_rejected(tmp_path: Path, case: str) -> None:
    path = tmp_path / "in-house.yml"
    path.write_text(WRONG[case], "utf-8")
    result = check_jsonschema("sourcing-modes", path)
    assert result.returncode == 1, f"{case}: {result.stdout}"


def test_editor_settings_map_every_catalog_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    expected = {f"./schema/{c}.schema.json": f"catalog/{c}/*.yml" for c in CATALOGS}
    assert settings["yaml.schemas"] == expected
    for catalog in CATALOGS:
        line = f"# yaml-language-server: $schema=../../schema/{catalog}.schema.json\n"
        for entry in (ROOT / "catalog" / catalog).glob("*.yml"):
            assert entry.read_text("utf-8").startswith(line), entry


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        (".github/workflows/ci.yml", "vendor.github-workflows"),
        (".github/workflows/ci.yml", "custom.github-workflows-require-timeout"),
    ],
)
def test_workflow_files_are_valid(path: str, schema: str) -> None:
    """The CI workflow against check-jsonschema's own copy of GitHub's workflow schema (no
    network), and with a timeout on every job."""
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    result = subprocess.run(
        [exe, "--builtin-schema", schema, str(ROOT / path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
