"""What the browser tests and the benchmarks share to look at a built site: a static server
on loopback and the system Chromium with the flags this sandbox needs. No pytest import, so
the benchmarks can use it too (they put this folder on ``sys.path``)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Without the background-networking flags Chromium keeps calling hosts this machine cannot
# reach; as root it needs --no-sandbox.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """The system Chromium: $KB_CHROMIUM, /usr/bin/chromium, or one on the PATH."""
    for candidate in (os.environ.get("KB_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No access log on the output."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) for the duration; yields the base URL
    (an http origin: history.pushState and fetch need one)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on (for a server another process starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    """The body of ``url`` as text, or None while it cannot be fetched."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float, step: float = 0.02) -> float | None:
    """Seconds until ``url`` serves a body holding ``text`` (None if it never does)."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(step)
    return None
