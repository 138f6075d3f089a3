"""What a serve session keeps between rebuilds (the themed pages, the search entries, the
compiled templates) never shows in the site: after each kind of edit, the site rebuilt by
the session (one process, the plugin kept, as under ``mkdocs serve``) is the same, file by
file and byte by byte, as a cold ``mkdocs build`` of the edited project in a new process."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile.site import mkdocs_command, published_yml

from engines.test_plugin import make

pytestmark = pytest.mark.slow

SESSION = Path(__file__).with_name("servesession.py")
# The feed and API carry the build time; pinned, two builds of the same project are equal.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
NAV = "  - guide.md\n"  # a page titled by its heading: editing it changes every page's nav
# With tables of its own: their rows are kept too, laid out otherwise than the catalog's.
GUIDE = (
    "# A guide\n\nHow to read the tables.\n\n"
    '{{< kb-table catalog="annotation-vendors" columns="name,sourcing_modes" >}}\n\n'
    '{{< kb-table catalog="sourcing-modes" >}}\n'
)
ENTRY = Path("catalog/sourcing-modes/in-house.yml")


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def _differences(session: Path, cold: Path) -> list[str]:
    """The files that are not the same in both sites (missing on one side included)."""
    ours, theirs = _files(session), _files(cold)
    wrong = sorted(set(ours) ^ set(theirs))
    for name in sorted(set(ours) & set(theirs)):
        if not filecmp.cmp(ours[name], theirs[name], shallow=False):
            wrong.append(name)
    return wrong


def _replace(project: Path, path: Path | str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def _add_entry(project: Path) -> None:
    text = (project / ENTRY).read_text(encoding="utf-8")
    copy = text.replace("id: in-house", "id: in-house-copy").replace("In-house", "In-house copy")
    (project / ENTRY).with_name("in-house-copy.yml").write_text(copy, encoding="utf-8")


def _configure(project: Path) -> None:
    """mkdocs.yml changes: another site name, and a template folder of the project's own."""
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}<meta name="kb-test" content="1">'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    _replace(project, "mkdocs.yml", "site_name: Serve cache test", "site_name: Renamed site")
    _replace(project, "mkdocs.yml", "  font: false\n", "  font: false\n  custom_dir: overrides\n")


# Each edit, applied in turn; the session rebuilds after each, and so does a cold build.
EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("nothing (the first build)", lambda p: None),
    (
        "one line of an entry",
        lambda p: _replace(p, ENTRY, "Your own staff label the data.", "Employees label it."),
    ),
    # the vendors' rows name the sourcing mode: they change too
    ("an entry's name", lambda p: _replace(p, ENTRY, "name: In-house", "name: Own staff")),
    ("a hand-written page", lambda p: _replace(p, "docs/guide.md", "How to read", "Reading")),
    ("a nav page's title", lambda p: _replace(p, "docs/guide.md", "# A guide", "# The guide")),
    ("an entry added", _add_entry),
    ("mkdocs.yml", _configure),
    (
        "a template of the project",
        lambda p: _replace(p, "overrides/main.html", 'content="1"', 'content="2"'),
    ),
    ("an entry removed", lambda p: (p / ENTRY).with_name("in-house-copy.yml").unlink()),
    ("nothing (a rebuild without edit)", lambda p: None),
]


def test_a_rebuilt_site_is_the_same_as_a_cold_build_after_every_kind_of_edit(
    tmp_path: Path,
) -> None:
    project = make(tmp_path / "project")
    (project / "mkdocs.yml").write_text(published_yml("Serve cache test", NAV), encoding="utf-8")
    (project / "docs" / "guide.md").write_text(GUIDE, encoding="utf-8")
    session = subprocess.Popen(
        [sys.executable, str(SESSION), str(project)],
        cwd=project,
        env=ENV,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=(tmp_path / "session.log").open("w", encoding="utf-8"),
        text=True,
    )
    assert session.stdin is not None and session.stdout is not None
    counts: dict[str, tuple[int, ...]] = {}
    try:
        for step, (what, edit) in enumerate(EDITS):
            edit(project)
            rebuilt = tmp_path / f"rebuilt-{step}"
            session.stdin.write(f"{rebuilt}\n")
            session.stdin.flush()
            answer = session.stdout.readline().split()
            log = (tmp_path / "session.log").read_text(encoding="utf-8")
            assert answer[:1] == ["built"], f"after {what}: {log[-3000:]}"
            counts[what] = tuple(int(n) for n in answer[1:])
            cold = tmp_path / f"cold-{step}"
            result = subprocess.run(
                mkdocs_command("-d", str(cold)),
                cwd=project,
                env=ENV,
                capture_output=True,
                text=True,
                check=False,
            )
            assert result.returncode == 0, result.stderr
            assert _differences(rebuilt, cold) == [], f"after {what}"
    finally:
        session.stdin.close()
        session.wait(timeout=60)
    # The guide's vendor table showed the renamed sourcing mode (a row made from another
    # entry's file changed with it).
    guide = (tmp_path / "rebuilt-2" / "guide" / "index.html").read_text(encoding="utf-8")
    assert 'data-kb-catalog="annotation-vendors"' in guide and "Own staff" in guide
    # The caches were used (else the equality above proves nothing): without an edit every
    # page comes from them; after a one-line edit most pages do.
    kept, rendered, searched = counts["nothing (a rebuild without edit)"]
    assert kept > 20 and rendered == 0 and searched == kept
    kept, rendered, searched = counts["one line of an entry"]
    assert kept > rendered > 0 and searched > 0
