"""kb.engines.sitebuild: the previous site stays whole until a new one is complete."""

from __future__ import annotations

import os
from pathlib import Path

from kb.engines.sitebuild import StagedBuild, sweep


def _site(path: Path, text: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    (path / "index.html").write_text(text)


def test_a_finished_build_replaces_the_site_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    final = tmp_path / "site"
    _site(final, "old")
    build = StagedBuild.begin(final)
    assert build.staging.parent == tmp_path and build.staging.name.startswith(".site.building-")
    assert (final / "index.html").read_text() == "old"  # readers still see the old site
    _site(build.staging, "new")
    build.finish(True)
    assert (final / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    final = tmp_path / "site"
    _site(final, "old")
    build = StagedBuild.begin(final)
    _site(build.staging, "half")
    build.finish(False)
    assert (final / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_first_build_creates_the_site(tmp_path: Path) -> None:
    final = tmp_path / "out" / "site"
    build = StagedBuild.begin(final)
    _site(build.staging, "first")
    build.finish(True)
    assert (final / "index.html").read_text() == "first"


def test_the_new_site_is_readable_like_any_folder(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        build = StagedBuild.begin(tmp_path / "site")
        build.finish(True)
    finally:
        os.umask(old)
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o755  # not mkdtemp's private 0700


def test_leftovers_of_killed_builds_are_swept(tmp_path: Path) -> None:
    final = tmp_path / "site"
    _site(final, "live")
    for leftover in (".site.building-abc", ".site.old-123"):
        _site(tmp_path / leftover, "stale")
    (tmp_path / ".other.building-x").mkdir()  # another site's folder is not ours
    sweep(final)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.building-x", "site"]
