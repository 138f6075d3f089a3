"""``mkdocs serve`` and ``properdocs serve`` rebuild when a catalog file changes (a real
server, a real edit)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from localweb import fetch, free_port, wait_for

from engines.test_plugin import make

pytestmark = pytest.mark.slow


def _shows(url: str, text: str, seconds: float) -> bool:
    return wait_for(url, text, seconds, step=0.3) is not None


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_serve_rebuilds_when_an_entry_changes(tmp_path: Path, engine: str) -> None:
    project = make(tmp_path)
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            engine,
            "serve",
            "--livereload",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            "mkdocs.yml",
        ],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/kb/sourcing-modes/in-house/"
    try:
        assert _shows(url, "Your own staff label the data.", 120), "the server never came up"
        entry = project / "catalog" / "sourcing-modes" / "in-house.yml"
        entry.write_text(
            entry.read_text(encoding="utf-8").replace(
                "Your own staff label the data.", "Employees label the data themselves."
            ),
            encoding="utf-8",
        )
        assert _shows(url, "Employees label the data themselves.", 60), "no rebuild"
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def _serve(project: Path, log: Path) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=log.open("w", encoding="utf-8"),  # a file: a full pipe would stall the server
        text=True,
    )
    return proc, port


def _wait_for_log(log: Path, text: str, seconds: float, times: int = 1) -> bool:
    """Wait until ``text`` is in the server's output ``times`` times."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if log.read_text(encoding="utf-8").count(text) >= times:
            return True
        time.sleep(0.3)
    return False


def test_an_invalid_edit_is_reported_and_the_last_good_site_stays_served(tmp_path: Path) -> None:
    project = make(tmp_path / "site")
    log = tmp_path / "serve.log"
    proc, port = _serve(project, log)
    url = f"http://127.0.0.1:{port}/kb/sourcing-modes/in-house/"
    entry = project / "catalog" / "sourcing-modes" / "in-house.yml"
    good = entry.read_text(encoding="utf-8")
    try:
        assert _shows(url, "Your own staff label the data.", 120), "the server never came up"
        edited = good.replace("Your own staff label the data.", "Employees label the data.")
        entry.write_text(edited, encoding="utf-8")
        assert _shows(url, "Employees label the data.", 60), "no rebuild after a valid edit"

        # An unknown field on a new last line: the problem is at that line, column 1.
        line = edited.count("\n") + 1
        reloads = log.read_text(encoding="utf-8").count("Reloading browsers")
        entry.write_text(edited + "bogus_field: 1\n", encoding="utf-8")
        where = f"catalog/sourcing-modes/in-house.yml:{line}:1:"
        assert _wait_for_log(log, where, 60), log.read_text(encoding="utf-8")[-3000:]
        # The rebuild finished (a failed one never reloads the browsers).
        assert _wait_for_log(log, "Reloading browsers", 60, reloads + 1), log.read_text("utf-8")
        body = fetch(url)
        assert body is not None and "Employees label the data." in body  # still served
        assert "bogus_field" not in body

        # Fixed: the next edit shows again.
        entry.write_text(edited.replace("Employees", "Staff members"), encoding="utf-8")
        assert _shows(url, "Staff members label the data.", 60), "no rebuild after the fix"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
