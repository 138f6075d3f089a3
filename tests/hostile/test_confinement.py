"""What a pull request cannot do to files outside the repository through ``kb generate`` or
a site build: symbolic links committed into the output folder (a fresh clone has them
before the first run), a committed manifest naming paths outside it, and links under
``docs/`` pointing at a secret. Every attack below worked before the fix: the victim file
was overwritten, deleted or published."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

from hostile.site import build, make_project, mkdocs_env

OUT = Path("build/docs")
SECRET = b"TOP-SECRET-TOKEN-7d1f\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project (the working directory) beside a folder ``outside`` holding a secret."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.txt").write_bytes(SECRET)
    (outside / "folder" / "secret.txt").write_bytes(SECRET)
    (outside / "notes.md").write_bytes(b"# Notes\n\n" + SECRET)
    root = make_project(tmp_path / "project")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")
    return root


def _outside(project: Path) -> dict[str, bytes]:
    """Every file outside the project, with its bytes."""
    base = project.parent / "outside"
    return {str(p.relative_to(base)): p.read_bytes() for p in base.rglob("*") if p.is_file()}


def _errors(run: Run) -> list[str]:
    """stderr without the warnings about unlisted assets (this mkdocs.yml lists none)."""
    return [line for line in run.err.splitlines() if "does not list assets/kb/" not in line]


# --- links in the output folder ------------------------------------------------------------


def test_a_link_at_an_old_temporary_name_is_not_written_through(
    project: Path, cli: Callable[..., Run]
) -> None:
    """The reported attack: ``build/docs/.feed.xml.kb-tmp`` committed as a link to a file
    outside. Temporary files now get a new, random name (O_EXCL|O_NOFOLLOW)."""
    before = _outside(project)
    OUT.mkdir(parents=True)
    planted = sorted(f".{name}.kb-tmp" for name in ("feed.xml", "index.md", ".kb-generate.json"))
    for name in planted:  # the names the old code wrote through
        (OUT / name).symlink_to(project.parent / "outside" / "secret.txt")
    run = cli("generate")
    assert run.code == 0, run.err
    assert _outside(project) == before
    assert (OUT / "feed.xml").is_file() and not (OUT / "feed.xml").is_symlink()
    assert SECRET not in (OUT / "feed.xml").read_bytes()
    left = sorted(p.name for p in OUT.iterdir() if p.name.endswith(".kb-tmp"))
    assert left == planted  # left alone: hidden files kb generate did not write


@pytest.mark.parametrize(
    ("link", "target", "named"),
    [
        ("build/docs/index.md", "secret.txt", "build/docs/index.md"),  # a planned file
        ("build/docs/assets", "folder", "build/docs/assets"),  # a folder on the way
        ("build/docs/.kb-generate.json", "secret.txt", "build/docs/.kb-generate.json"),
        ("build", "folder", "build"),  # above the output folder
    ],
)
def test_a_link_in_the_output_folder_is_refused_not_followed(
    project: Path, cli: Callable[..., Run], link: str, target: str, named: str
) -> None:
    before = _outside(project)
    Path(link).parent.mkdir(parents=True, exist_ok=True)
    Path(link).symlink_to(project.parent / "outside" / target)
    run = cli("generate")
    assert run.code == 1
    errors = _errors(run)
    assert errors[-1] == "kb: nothing changed"
    assert any(line.startswith(f"{named}: a symbolic link;") for line in errors), run.err
    assert "Traceback" not in run.err
    assert _outside(project) == before
    assert not os.path.lexists(OUT / "feed.xml")  # refused before writing anything


# --- a hostile manifest ----------------------------------------------------------------


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_manifest_entries_outside_the_folder_are_ignored(
    project: Path, cli: Callable[..., Run]
) -> None:
    """Keys such as ``../../x`` or an absolute path, with the victim's digest so the old
    code took them for its own files and deleted them (and their emptied folders)."""
    outside = project.parent / "outside"
    keys = {
        "../../../outside/secret.txt": SECRET,
        str(outside / "folder" / "secret.txt"): SECRET,
        "assets/../../../../outside/notes.md": b"# Notes\n\n" + SECRET,
        "": SECRET,
        "a//b": SECRET,
    }
    before = _outside(project)
    OUT.mkdir(parents=True)
    manifest = {"files": {key: _digest(data) for key, data in keys.items()}}
    (OUT / ".kb-generate.json").write_text(json.dumps(manifest), encoding="utf-8")
    run = cli("generate")
    assert run.code == 0, run.err
    assert _outside(project) == before  # nothing deleted, no folder pruned
    warnings = [line for line in _errors(run) if "ignored the entry" in line]
    assert len(warnings) == len(keys)
    assert (
        "kb: warning: build/docs/.kb-generate.json: ignored the entry "
        "'../../../outside/secret.txt': not a path inside build/docs"
    ) in warnings
    recorded = json.loads((OUT / ".kb-generate.json").read_text(encoding="utf-8"))["files"]
    assert all(not key.startswith(("/", "..")) for key in recorded)


def test_a_manifest_entry_through_a_linked_folder_is_refused(
    project: Path, cli: Callable[..., Run]
) -> None:
    before = _outside(project)
    OUT.mkdir(parents=True)
    (OUT / "old").symlink_to(project.parent / "outside" / "folder")
    manifest = {"files": {"old/secret.txt": _digest(SECRET)}}
    (OUT / ".kb-generate.json").write_text(json.dumps(manifest), encoding="utf-8")
    run = cli("generate")
    assert run.code == 1
    assert "build/docs/old: a symbolic link; kb generate never follows one" in run.err
    assert _outside(project) == before


def test_a_name_with_a_line_break_is_reported_on_one_line(
    project: Path, cli: Callable[..., Run]
) -> None:
    OUT.mkdir(parents=True)
    manifest = {"files": {"../x\n::error::forged": _digest(b"")}}
    (OUT / ".kb-generate.json").write_text(json.dumps(manifest), encoding="utf-8")
    run = cli("generate")
    assert run.code == 0, run.err
    assert "ignored the entry '../x\\n::error::forged'" in run.err
    assert not any(line.startswith("::error") for line in run.err.splitlines())


# --- links under docs/ ----------------------------------------------------------------


def _link_docs(project: Path) -> None:
    outside = project.parent / "outside"
    (project / "docs" / "secret.txt").symlink_to(outside / "secret.txt")
    (project / "docs" / "notes.md").symlink_to(outside / "notes.md")
    (project / "docs" / "linked").symlink_to(outside / "folder")


def _published(folder: Path) -> list[str]:
    """Files under ``folder`` that hold the secret."""
    token = SECRET.strip()
    return sorted(str(p) for p in folder.rglob("*") if p.is_file() and token in p.read_bytes())


def test_generate_publishes_no_linked_docs(project: Path, cli: Callable[..., Run]) -> None:
    _link_docs(project)
    run = cli("generate")
    assert run.code == 1
    why = "a symbolic link; kb generate publishes no linked file or folder (commit the file itself)"
    assert _errors(run) == [
        f"docs/linked: {why}",
        f"docs/notes.md: {why}",
        f"docs/secret.txt: {why}",
        "kb: nothing changed",
    ]
    assert not Path("build").exists()


def test_mkdocs_itself_publishes_linked_docs(project: Path) -> None:
    """Why the plugin must act: without it MkDocs copies and renders what a link points at
    (it walks docs_dir with followlinks=True)."""
    _link_docs(project)
    config = project / "plain.yml"
    config.write_text("site_name: Plain\ndocs_dir: docs\nsite_dir: plain-site\n", "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert len(_published(project / "plain-site")) >= 3


@pytest.mark.slow
def test_strict_build_fails_on_linked_docs_and_publishes_nothing(project: Path) -> None:
    _link_docs(project)
    run = build(project)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    for line in (
        "kb: docs/notes.md: a symbolic link; not published (commit the file, not a link)",
        "kb: docs/secret.txt: a symbolic link; not published (commit the file, not a link)",
        "kb: docs/linked/secret.txt: in a linked folder (docs/linked); not published "
        "(commit the file, not a link)",
    ):
        assert line in run.stderr, run.stderr[-3000:]
    assert not (project / "site").exists()
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == []


@pytest.mark.slow
def test_a_lenient_build_drops_linked_docs(project: Path) -> None:
    _link_docs(project)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stderr.count("not published (commit the file, not a link)") == 3
    assert (project / "site" / "index.html").is_file()
    assert _published(project / "site") == []
    assert not (project / "site" / "secret.txt").exists()
    assert not os.path.lexists(project / "site" / "linked")
