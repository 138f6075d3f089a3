"""``mkdocs serve`` and ``properdocs serve`` rebuild when a catalog file changes (a real
server, a real edit)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from engines.test_plugin import make

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and text in body:
            return True
        time.sleep(0.3)
    return False


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_serve_rebuilds_when_an_entry_changes(tmp_path: Path, engine: str) -> None:
    project = make(tmp_path)
    port = _free_port()
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
        assert _wait_for(url, "Your own staff label the data.", 120), "the server never came up"
        entry = project / "catalog" / "sourcing-modes" / "in-house.yml"
        entry.write_text(
            entry.read_text(encoding="utf-8").replace(
                "Your own staff label the data.", "Employees label the data themselves."
            ),
            encoding="utf-8",
        )
        assert _wait_for(url, "Employees label the data themselves.", 60), "no rebuild"
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
