"""kb.data.definitions: a site's own catalog definitions, and the one-line error for each
mistake a team makes in them (a real ``kb`` process per case: one process holds one site)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CATALOG_NAMES

from kb.data.definitions import active, locate
from kb.data.models import CATALOGS

KB = [sys.executable, "-m", "kb.cli"]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

GOOD = '''\
from typing import Annotated

from pydantic import Field

from kb.data import vocab as v
from kb.data.fields import Column, Fact
from kb.data.models import CatalogSpec, Entry, Some


class Tool(Entry):
    """A tool."""

    kinds: Annotated[Some[v.Term], v.vocab("kind"), Column(), Fact()] = Field(
        title="Kinds", description="What it is."
    )


CATALOGS = [CatalogSpec("tools", Tool, "Tools", "tool", "Tools of the trade.")]
'''

VOCABULARIES = (
    "kind:\n  about: What a tool is.\n  terms:\n    cli: Command line\n    web: Web app\n"
)

ENTRY = """\
id: hammer
name: Hammer
summary: Hits things.
kinds: [cli]
added: 2026-01-01
sources:
  - url: https://example.com/hammer
    title: Hammer
    kind: vendor
    accessed: 2026-01-02
    supports: [kinds]
"""


def _site(tmp_path: Path, definitions: str = GOOD, vocabularies: str = VOCABULARIES) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - kb\n")
    (tmp_path / "definitions").mkdir()
    (tmp_path / "definitions" / "__init__.py").write_text(definitions)
    (tmp_path / "definitions" / "vocabularies.yml").write_text(vocabularies)
    (tmp_path / "catalog" / "tools").mkdir(parents=True)
    (tmp_path / "catalog" / "tools" / "hammer.yml").write_text(ENTRY)
    return tmp_path


def _validate(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KB, "validate"], cwd=site, env=ENV, capture_output=True, text=True, timeout=120
    )


def test_this_site_is_in_use_with_its_seven_catalogs() -> None:
    assert active().module == "definitions"
    assert list(CATALOGS) == CATALOG_NAMES


def test_the_option_names_a_module_or_a_path(tmp_path: Path) -> None:
    assert locate("definitions", tmp_path) == ("definitions", tmp_path.resolve())
    assert locate("../shared/defs", tmp_path / "site") == ("defs", (tmp_path / "shared"))
    assert locate("/srv/catalogs.py", tmp_path) == ("catalogs", Path("/srv"))


def test_a_site_with_its_own_catalog_validates(tmp_path: Path) -> None:
    proc = _validate(_site(tmp_path))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "ok: 1 entries valid\n", "")


def test_an_entry_is_checked_against_the_site_s_vocabulary(tmp_path: Path) -> None:
    site = _site(tmp_path)
    entry = site / "catalog" / "tools" / "hammer.yml"
    entry.write_text(entry.read_text().replace("kinds: [cli]", "kinds: [desktop]"))
    proc = _validate(site)
    assert proc.returncode == 1
    assert proc.stdout == (
        "catalog/tools/hammer.yml:4:9: kinds: 'desktop' is not allowed; use one of 'cli' or 'web'\n"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.replace("class Tool(Entry):", "class Tool(Entry)"),
            "kb: definitions/__init__.py:10:18: expected ':'",
        ),
        (
            lambda d: d.replace('v.vocab("kind")', 'v.vocab("kinds")'),
            "kb: definitions/__init__.py:13: KeyError: \"no vocabulary 'kinds'; known: level, "
            'cost-level, source-kind, status, kind"',
        ),
        (
            lambda d: d.replace("CATALOGS = [", "CATALOG = ["),
            "kb: definitions/__init__.py: CATALOGS must be a list of kb.data.models.CatalogSpec",
        ),
        (
            lambda d: d.replace('CatalogSpec("tools"', 'CatalogSpec("Tools"'),
            "kb: definitions/__init__.py: catalog 'Tools': a name is lowercase-kebab",
        ),
        (
            lambda d: d.replace(
                "\n\nCATALOGS",
                '    other: Annotated[Ref | None, RefTo("parts")] = Field(default=None, title="O")'
                "\n\n\nCATALOGS",
            ).replace(
                "from kb.data.fields import Column, Fact",
                "from kb.data.fields import Column, Fact, Ref, RefTo",
            ),
            "kb: definitions/__init__.py: Tool.other refers to catalog 'parts', which CATALOGS "
            "does not define",
        ),
    ],
    ids=["syntax", "unknown-vocabulary", "no-catalogs", "bad-name", "unknown-reference"],
)
def test_a_mistake_in_the_definitions_is_one_line_at_its_place(
    tmp_path: Path, change: object, message: str
) -> None:
    proc = _validate(_site(tmp_path, change(GOOD)))  # type: ignore[operator]
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith(message), proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_relabelling_a_package_vocabulary_keeps_its_codes(tmp_path: Path) -> None:
    relabel = "status:\n  about: Still sold?\n  terms:\n    active: On sale\n    gone: Gone\n"
    proc = _validate(_site(tmp_path, vocabularies=VOCABULARIES + relabel))
    assert proc.returncode == 1
    assert proc.stderr.strip() == (
        "kb: definitions/vocabularies.yml: 'status' is the package's: relabel it with the same "
        "codes in the same order (active, closed-to-new, discontinued, superseded), or name "
        "your own vocabulary"
    )


def test_no_definitions_module_says_what_to_write(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "definitions" / "__init__.py").unlink()
    (site / "definitions" / "vocabularies.yml").unlink()
    (site / "definitions").rmdir()
    proc = _validate(site)
    assert proc.returncode == 1
    assert "no definitions module 'definitions'" in proc.stderr
    assert "`kb init` writes one" in proc.stderr


def test_kb_needs_a_site_to_read(tmp_path: Path) -> None:
    proc = subprocess.run(
        [*KB, "validate"], cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert "no mkdocs.yml here or above" in proc.stderr
