"""Failure behaviour of the tools that write files: nothing is overwritten that should not be,
nothing is ever half-written, and a failed or interrupted site build leaves the previous site
exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import fill

from hostile.site import build, make_project, mkdocs_command, mkdocs_env
from kb.outputs.writefile import write_atomic

# --- kb new never overwrites ------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every path under ``folder`` with its bytes (or its link target)."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[key] = path.read_bytes()
    return found


def test_new_refuses_an_existing_entry(tree: Any, cli: Any) -> None:
    path = tree.root / "vision-tasks" / "image-classification.yml"
    before = path.read_bytes()
    stat = path.stat()
    run = cli("new", "vision-tasks", "image-classification")
    assert run.code == 1
    assert run.err.strip() == (
        "kb: catalog/vision-tasks/image-classification.yml already exists; not overwritten"
    )
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stat.st_mtime_ns and path.stat().st_ino == stat.st_ino


@pytest.mark.parametrize("target", ["outside.txt", "missing.txt"])
def test_new_does_not_write_through_a_symlink(tree: Any, cli: Any, target: str) -> None:
    """A link where the new entry would go (to an existing file, or dangling) is refused:
    following it would write outside the catalog."""
    outside = tree.base / target
    if target == "outside.txt":
        outside.write_text("precious\n", encoding="utf-8")
    link = tree.root / "vision-tasks" / "new-task.yml"
    link.symlink_to(outside)
    before = _snapshot(tree.base)
    run = cli("new", "vision-tasks", "new-task")
    assert run.code == 1 and "already exists; not overwritten" in run.err
    assert _snapshot(tree.base) == before


@pytest.mark.parametrize(
    "bad_id", ["../escape", "a/b", "..", "", "Upper", "x\ny", "-x", "/etc/passwd", "a" * 300]
)
def test_new_refuses_ids_that_are_not_file_names(tree: Any, cli: Any, bad_id: str) -> None:
    before = _snapshot(tree.base)
    run = cli("new", "vision-tasks", bad_id)
    assert run.code == 2, run.err
    assert len(run.err.strip().splitlines()) <= 2 and "Traceback" not in run.err
    assert _snapshot(tree.base) == before


def test_new_creates_a_valid_entry_and_nothing_else(tree: Any, cli: Any) -> None:
    before = set(_snapshot(tree.base))
    run = cli("new", "vision-tasks", "new-task")
    assert run.code == 0, run.err
    after = set(_snapshot(tree.base))
    assert after - before == {"catalog/vision-tasks/new-task.yml"}  # no temporary file left
    path = tree.base / "catalog/vision-tasks/new-task.yml"
    path.write_text(fill(path.read_text("utf-8")), "utf-8")
    assert cli("validate").code == 0


def test_exclusive_write_never_replaces(tmp_path: Path) -> None:
    """The last step of ``kb new`` when another process created the file meanwhile."""
    path = tmp_path / "entry.yml"
    path.write_text("theirs\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomic(path, "mine\n", overwrite=False)
    assert path.read_text(encoding="utf-8") == "theirs\n"
    assert os.listdir(tmp_path) == ["entry.yml"]


# --- every written file is replaced atomically -----------------------------------------


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["export", "--format", "json", "--out", "out"], "vision-tasks.json"),
        (["export", "--format", "csv", "--out", "out"], "vision-tasks.csv"),
        (["schema", "--out", "out"], "vision-tasks.schema.json"),
    ],
)
def test_outputs_are_replaced_not_rewritten_in_place(
    tree: Any, cli: Any, argv: list[str], name: str
) -> None:
    """The old file is replaced by a rename, never truncated and rewritten: a second hard
    link to the old file keeps the old bytes, and no temporary file is left behind."""
    out = tree.base / "out"
    out.mkdir()
    (out / name).write_text("OLD\n", encoding="utf-8")
    os.link(out / name, tree.base / "kept")
    run = cli(*argv)
    assert run.code == 0, run.err
    assert (tree.base / "kept").read_text(encoding="utf-8") == "OLD\n"
    assert (out / name).read_text(encoding="utf-8") not in ("", "OLD\n")
    assert not [p for p in os.listdir(out) if p.startswith(".")]


_WRITER = """\
import sys
from pathlib import Path
from kb.outputs.writefile import write_atomic
path, size = Path(sys.argv[1]), int(sys.argv[2])
print("ready", flush=True)
n = 0
while True:
    write_atomic(path, (b"AB"[n % 2:n % 2 + 1]) * size)
    n += 1
"""


def test_killed_writer_leaves_old_or_new_file_never_half(tmp_path: Path) -> None:
    """SIGKILL a process that keeps rewriting a 4 MB file: whenever it dies, the file holds
    one whole version, never a mix or a truncated one."""
    size = 4 * 2**20
    path = tmp_path / "data.bin"
    path.write_bytes(b"A" * size)
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31):
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), str(size)], stdout=subprocess.PIPE
        )
        assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = path.read_bytes()
        assert len(data) == size
        assert data in (b"A" * size, b"B" * size)


# --- a failed or interrupted site build leaves the previous site as it was ----------------


def _leftovers(project: Path) -> list[str]:
    """Hidden build folders left beside site/."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


def _invalid_data(project: Path) -> None:
    path = project / "catalog" / "vision-tasks" / "image-classification.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("low", "lowest"), encoding="utf-8")


def _strict_warning(project: Path) -> None:
    # A broken link is only a warning, reported after every page has been written; strict
    # mode then fails the build.
    (project / "docs" / "broken.md").write_text("# Broken\n\n[gone](missing.md)\n", "utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("breaker", [_invalid_data, _strict_warning], ids=lambda f: f.__name__)
def test_failed_build_keeps_the_previous_site(tmp_path: Path, breaker: Any) -> None:
    project = make_project(tmp_path / "project")
    first = build(project)
    assert first.returncode == 0, first.stderr[-3000:]
    before = _snapshot(project / "site")
    assert "index.html" in before and "vision-tasks/image-classification/index.html" in before
    breaker(project)
    failed = build(project)
    assert failed.returncode != 0
    assert "Traceback" not in failed.stderr
    assert _snapshot(project / "site") == before
    assert _leftovers(project) == []


@pytest.mark.slow
def test_successful_build_replaces_the_site_whole(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    assert build(project).returncode == 0
    (project / "site" / "stale.html").write_text("from an older build", encoding="utf-8")
    (project / "docs" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    again = build(project)
    assert again.returncode == 0, again.stderr[-3000:]
    after = _snapshot(project / "site")
    assert "extra/index.html" in after and "stale.html" not in after
    assert _leftovers(project) == []


def _many_entries(count: int) -> dict[tuple[str, str], str]:
    """``count`` valid image-optimizer entries: enough pages for a build that takes a while."""
    template = """\
id: {id}
name: Optimizer {n}
summary: Compresses images; entry {n} of a large catalog.
kind: online
compression: [lossy]
input_formats: [jpeg, png]
pricing: [free]
sources:
  - url: https://example.com/{id}
    title: Page {n}
    accessed: 2024-05-01
    kind: vendor
    supports: [kind, compression, input_formats, pricing]
last_verified: 2024-05-02
added: 2024-04-01
"""
    return {
        ("image-optimizers", f"optimizer-{n:04d}"): template.format(id=f"optimizer-{n:04d}", n=n)
        for n in range(count)
    }


def _interrupt_mid_write(project: Path) -> subprocess.CompletedProcess[str] | int:
    """Start a build, send SIGINT once it has written some pages into its staging folder,
    and return its exit code (or fail if it finished first)."""
    proc = subprocess.Popen(
        mkdocs_command(),
        cwd=project,
        env=mkdocs_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        staging = [p for p in project.glob(".site.building-*") if p.is_dir()]
        if staging and sum(1 for _ in staging[0].rglob("index.html")) >= 20:
            proc.send_signal(signal.SIGINT)
            break
        time.sleep(0.01)
    else:
        proc.kill()
        pytest.fail("the build finished (or hung) before it could be interrupted")
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err, err[-3000:]
    return proc.returncode


@pytest.mark.slow
@pytest.mark.parametrize("previous", [True, False], ids=["over-a-site", "first-build"])
def test_interrupted_build_leaves_no_half_written_output(tmp_path: Path, previous: bool) -> None:
    project = make_project(tmp_path / "project", _many_entries(400))
    before: dict[str, bytes | str] = {}
    if previous:
        assert build(project).returncode == 0
        before = _snapshot(project / "site")
    code = _interrupt_mid_write(project)
    assert code != 0
    if previous:
        assert _snapshot(project / "site") == before
    else:
        assert not (project / "site").exists()
    assert _leftovers(project) == []
