"""``kb generate`` on a small project, and one broken directive under every engine."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from builtsite import BIN
from conftest import SITE_DEFINITIONS, VALID, Run, entry_text
from hostile.site import published_yml

MKDOCS_YML = (
    published_yml("Engines test", nav="  - Notes: notes.md\n")
    + f"""\
# Zensical loads only what is listed
extra_css: [assets/kb/table.css, assets/kb/stats.css, assets/kb/embed.css, assets/kb/diagram.css]
extra_javascript: [assets/kb/contract.js, assets/kb/table.js, assets/kb/embed.js]
markdown_extensions:
  - kb.engines.markdown:
      definitions: {SITE_DEFINITIONS}
  - tables
"""
)

ZENSICAL_YML = "INHERIT: mkdocs.yml\ndocs_dir: build/docs\nsite_dir: site\n"

NOTES_OK = """\
---
title: Notes
---

# Notes

There are {{< kb-count catalog="sourcing-modes" >}} sourcing modes.
"""

# Line 9 of the file (front matter included) names a catalog that does not exist.
NOTES_BROKEN = (
    NOTES_OK
    + """
{{< kb-table catalog="sourcing-mode" >}}
"""
)
MESSAGE = "docs/notes.md:9: unknown catalog 'sourcing-mode'; did you mean 'sourcing-modes'?"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with every engine's configuration; the working directory."""
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "zensical.yml").write_text(ZENSICAL_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "notes.md").write_text(NOTES_OK, encoding="utf-8")
    for catalog, entry_id in VALID:
        path = tmp_path / "catalog" / catalog / f"{entry_id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(entry_text(catalog, entry_id), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # A pinned build time: two runs a second apart would otherwise date the API index and
    # the feed differently, and rewrite them (the test would fail at a second's boundary).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")
    return tmp_path


OUT = Path("build/docs")


def test_generate_writes_pages_then_only_what_changed(
    project: Path, cli: Callable[..., Run]
) -> None:
    first = cli("generate")
    assert first.code == 0, first.err
    page = OUT / "image-generators" / "pic-maker" / "index.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Pic Maker"\nhide: ["toc"]\n---\n')
    assert 'data-kb-id="pic-maker"' in text
    assert (OUT / "notes.md").read_text(encoding="utf-8") == NOTES_OK  # the hand-written copy
    assert 'search: {"exclude": true}' in (OUT / "sourcing-modes/compare/index.md").read_text()
    for path in (
        "downloads/sourcing-modes.csv",
        "schema/case-studies.schema.json",
        "assets/kb/table.js",
        "assets/kb/table.css",
    ):
        assert (OUT / path).is_file(), path
    stamp = page.stat().st_mtime_ns

    again = cli("generate")
    assert again.code == 0
    assert " 0 written, 0 removed" in again.out
    assert page.stat().st_mtime_ns == stamp  # untouched: the engine's cache stays valid


def test_generate_removes_the_page_of_a_deleted_entry(
    project: Path, cli: Callable[..., Run]
) -> None:
    assert cli("generate").code == 0
    page = OUT / "image-generators" / "pic-maker" / "index.md"
    assert page.is_file()
    (project / "catalog" / "image-generators" / "pic-maker.yml").unlink()
    result = cli("generate")
    assert result.code == 0, result.err
    assert " 2 removed" in result.out  # its page and its API response
    assert not page.exists() and not page.parent.exists()
    assert not (OUT / "api" / "v1" / "image-generators" / "pic-maker.json").exists()
    assert "pic-maker" not in (OUT / "image-generators" / "index.md").read_text()


def test_generate_refuses_to_overwrite_a_hand_written_page(
    project: Path, cli: Callable[..., Run]
) -> None:
    mine = OUT / "sourcing-modes" / "in-house" / "index.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# My own notes on in-house labeling\n", encoding="utf-8")
    result = cli("generate")
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{mine}: not written by kb generate, which never overwrites such a file",
        "kb: nothing changed",
    ]
    assert mine.read_text(encoding="utf-8") == "# My own notes on in-house labeling\n"
    assert not (OUT / "index.md").exists()  # refused before writing anything


def test_generate_never_deletes_a_page_changed_by_hand(
    project: Path, cli: Callable[..., Run]
) -> None:
    assert cli("generate").code == 0
    page = OUT / "image-generators" / "pic-maker" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA note of mine.\n", encoding="utf-8")
    (project / "catalog" / "image-generators" / "pic-maker.yml").unlink()
    result = cli("generate")
    assert result.code == 1
    assert f"{page}: changed since kb generate wrote it" in result.err
    assert page.read_text(encoding="utf-8").endswith("A note of mine.\n")
    assert "Traceback" not in result.err


def test_generate_warns_when_the_configuration_does_not_load_the_table_script(
    project: Path, cli: Callable[..., Run]
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(", assets/kb/table.js,", ","),
        encoding="utf-8",
    )
    result = cli("generate")
    assert result.code == 0
    assert result.err == (
        "kb: warning: mkdocs.yml does not list assets/kb/table.js under extra_javascript; "
        "Zensical will not load it\n"
    )


def test_generate_will_not_write_into_the_docs_folder(
    project: Path, cli: Callable[..., Run]
) -> None:
    result = cli("generate", "--out", "docs/generated")
    assert result.code == 2
    assert "overlaps the docs folder" in result.err
    assert not (project / "docs" / "generated").exists()


# --- one broken directive, every engine ----------------------------------------------------


def tool(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / name), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.mark.slow
def test_a_broken_directive_fails_every_engine_with_the_same_message(project: Path) -> None:
    (project / "docs" / "notes.md").write_text(NOTES_BROKEN, encoding="utf-8")
    runs = {
        "mkdocs": tool("mkdocs", "build", "--strict", cwd=project),
        "properdocs": tool("properdocs", "build", "--strict", "-f", "mkdocs.yml", cwd=project),
        "kb generate": tool("kb", "generate", cwd=project),
        # Zensical on the hand-written docs: the Markdown extension itself reports it.
        "zensical": tool("zensical", "build", "-f", "mkdocs.yml", cwd=project),
    }
    for name, proc in runs.items():
        assert proc.returncode != 0, name
        assert MESSAGE in proc.stdout + proc.stderr, f"{name}: {proc.stderr[-2000:]}"
    for name in ("mkdocs", "properdocs", "kb generate"):
        assert "Traceback" not in runs[name].stderr, name
    assert not (project / "build" / "docs").exists()  # kb generate wrote nothing


@pytest.mark.slow
def test_zensical_builds_the_generated_pages_and_the_directives(project: Path) -> None:
    generated = tool("kb", "generate", cwd=project)
    assert generated.returncode == 0, generated.stderr
    built = tool("zensical", "build", "-f", "zensical.yml", cwd=project)
    assert built.returncode == 0, built.stderr[-3000:]
    notes = (project / "site" / "notes" / "index.html").read_text(encoding="utf-8")
    assert "There are 1 sourcing modes." in notes
    entry = (project / "site" / "sourcing-modes" / "in-house" / "index.html").read_text("utf-8")
    assert 'data-kb-id="in-house"' in entry
    checked = tool("kb", "check-site", "site", cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.slow
def test_properdocs_builds_without_the_end_of_life_banner(project: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    banner = "reaches end of life"
    runs = {
        name: subprocess.run(
            [str(BIN / name), "build", "-f", "mkdocs.yml", "-d", f"site-{name}"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env=env,
        )
        for name in ("mkdocs", "properdocs")
    }
    assert runs["mkdocs"].returncode == 0 and runs["properdocs"].returncode == 0
    assert banner in runs["mkdocs"].stderr  # what the MkDocs command prints
    assert banner not in runs["properdocs"].stderr
    assert (project / "site-properdocs" / "sourcing-modes" / "in-house" / "index.html").is_file()


def test_generate_writes_nothing_from_invalid_catalogs(
    project: Path, cli: Callable[..., Run]
) -> None:
    entry = project / "catalog" / "sourcing-modes" / "in-house.yml"
    entry.write_text(entry.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    result = cli("generate")
    assert result.code == 1
    assert "catalog/sourcing-modes/in-house.yml:" in result.both
    assert "kb: nothing generated: fix the problems above first" in result.err
    assert not (project / "build").exists()


def test_check_site_needs_a_built_site(project: Path, cli: Callable[..., Run]) -> None:
    result = cli("check-site", "site")
    assert result.code == 2
    assert result.err == "kb: site: no such folder (build the site first)\n"
