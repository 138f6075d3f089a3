"""The order of ``plugins:`` does not change the site: with ``[kb, search]`` the staged
build used to swap the site in before the search plugin wrote its index (into the abandoned
staging folder), and ``mkdocs build --strict`` still exited 0 with no ``search/``."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builtsite import ROOT

pytestmark = pytest.mark.slow

PROJECT = ("docs", "catalog", "definitions", "overrides")
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def _with_plugins(config: str, order: list[str]) -> str:
    """mkdocs.yml with its ``plugins:`` block listed in ``order`` (names as written)."""
    block = re.search(r"^plugins:\n((?:  .*\n)+)", config, re.M)
    assert block is not None
    items = re.split(r"(?m)^(?=  - )", block.group(1))
    by_name = {re.findall(r"  - (\w+)", item)[0]: item for item in items if item}
    assert sorted(by_name) == sorted(order)
    return config.replace(block.group(1), "".join(by_name[name] for name in order))


def _build(tmp: Path, order: list[str]) -> Path:
    project = tmp / "-".join(order)
    project.mkdir()
    for name in PROJECT:
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = _with_plugins((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), order)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764460800"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site")]
    assert leftovers == []  # no staging folder left behind
    return project / "site"


def _tree(site: Path) -> dict[str, bytes]:
    """Every file of the site by path; the sitemap's dates (the build day) left out."""
    files = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.name == "sitemap.xml.gz":
            data = LASTMOD.sub(b"", gzip.decompress(data))
        elif path.name == "sitemap.xml":
            data = LASTMOD.sub(b"", data)
        files[path.relative_to(site).as_posix()] = data
    return files


def test_plugin_order_gives_the_same_site(tmp_path: Path) -> None:
    kb_first = _tree(_build(tmp_path, ["kb", "search"]))
    kb_last = _tree(_build(tmp_path, ["search", "kb"]))
    assert "search/search_index.json" in kb_first
    assert sorted(kb_first) == sorted(kb_last)
    different = [path for path in kb_first if kb_first[path] != kb_last[path]]
    assert different == []
