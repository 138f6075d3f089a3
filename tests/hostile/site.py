"""A throw-away MkDocs project in a temporary folder, built with the real ``mkdocs build``,
and a local HTTP server for the built site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import SITE_DEFINITIONS, VALID, entry_text
from localweb import serve  # noqa: F401 -- re-exported for the browser tests

MKDOCS_YML = f"""\
site_name: Hostile input test site
site_url: http://127.0.0.1/
docs_dir: docs
theme:
  name: material
  font: false
  features:
    - navigation.instant
plugins:
  - search
  - kb:
      catalog_dir: catalog
      definitions: {SITE_DEFINITIONS}
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
"""

# A site published under a sub-path with edit links and the sourcing-modes table in its
# nav: what test_plugin and test_generate build. ``nav`` adds entries to the navigation.
PUBLISHED_YML = """\
site_name: {name}
site_url: https://example.org/kb/
repo_url: https://github.com/example/kb
edit_uri: edit/main/docs/
theme:
  name: material
  font: false
nav:
  - Home: index.md
  - Sourcing: sourcing-modes/index.md
{nav}plugins:
  - search
  - kb:
      definitions: {definitions}
"""


def published_yml(name: str, nav: str = "") -> str:
    """The mkdocs.yml of a published test site called ``name``."""
    return PUBLISHED_YML.format(name=name, nav=nav, definitions=SITE_DEFINITIONS)


INDEX_MD = "# Hostile input test site\n\nEvery entry of this site was written by an attacker.\n"


def make_project(
    base: Path,
    entries: dict[tuple[str, str], str] | None = None,
    *,
    mkdocs_yml: str = MKDOCS_YML,
    index: str = INDEX_MD,
) -> Path:
    """A project folder: mkdocs.yml, docs/index.md, and the valid catalog of the tests plus
    ``entries`` ((catalog, id) -> YAML text). The one project builder of the test suite."""
    base.mkdir(parents=True, exist_ok=True)
    (base / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    (base / "docs").mkdir(exist_ok=True)
    (base / "docs" / "index.md").write_text(index, encoding="utf-8")
    files = {key: entry_text(*key) for key in VALID}
    files.update(entries or {})
    for (catalog, entry_id), text in files.items():
        path = base / "catalog" / catalog / f"{entry_id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return base


def mkdocs_command(*extra: str) -> list[str]:
    """``mkdocs build --strict`` as a command line for the current interpreter."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict", *extra]


def mkdocs_env() -> dict[str, str]:
    """The environment for a build: no deprecation banner."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(project: Path, *extra: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` in ``project``; the result, whatever it is."""
    return subprocess.run(
        mkdocs_command(*extra),
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
