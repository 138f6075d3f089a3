"""``kb check-links`` against a local HTTP server: good, redirecting, slow, missing and
HEAD-refusing URLs, and the per-host pacing. Never touches the internet.

The command refuses every non-public address, loopback included (tests/hostile/
test_network.py), so these tests run it with the one opening the command line never gives:
``allow_private`` naming the test server's address and port."""

from __future__ import annotations

import http.server
import itertools
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import Run, Tree

from kb.cli import parser
from kb.commands import check_links


class Handler(http.server.BaseHTTPRequestHandler):
    """/ok 200, /moved 301 -> /ok, /slow sleeps 2 s, /gone 404, /no-head 405 on HEAD."""

    hits: list[tuple[float, str, str]] = []

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def _answer(self, with_body: bool) -> None:
        Handler.hits.append((time.monotonic(), self.command, self.path))
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        if self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
            self.end_headers()
            return
        code = 404 if self.path == "/gone" else 200
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self._answer(False)

    def do_GET(self) -> None:
        self._answer(True)


@pytest.fixture
def server() -> Iterator[str]:
    Handler.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def local_cli(server: str, capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``kb check-links ARGS`` parsed and run as the command line does, allowed to reach
    the test server (and nothing else that is not public)."""
    parts = urlsplit(server)
    allowed = {(str(parts.hostname), int(parts.port or 80))}

    def run(*argv: str) -> Run:
        args = parser().parse_args(["check-links", *argv])
        code = check_links.run(args, allow_private=allowed)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def _point(tree: Tree, catalog: str, entry_id: str, url: str) -> Path:
    text = tree.valid(catalog, entry_id).replace("https://example.com/article", url)
    return tree.write(catalog, entry_id, text)


def _rating_places(path: Path, url: str) -> list[str]:
    """line:col of each rating that cites ``url`` (the opening quote of the value)."""
    lines = path.read_text("utf-8").splitlines()
    needle = f'source: "{url}"'
    return [
        f"{n}:{text.index(needle) + len('source: ') + 1}"
        for n, text in enumerate(lines, 1)
        if needle in text
    ]


def _source_line(path: Path) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.startswith("  - url:"))


def test_reports_each_failure_at_its_line(
    tree: Tree, local_cli: Callable[..., Run], server: str
) -> None:
    for catalog, entry_id in [("annotation-techniques", "polygon"), ("case-studies", "churn-ann")]:
        _point(tree, catalog, entry_id, f"{server}/ok")
    gone = _point(tree, "sourcing-modes", "in-house", f"{server}/gone")
    slow = _point(tree, "annotation-techniques", "bounding-box", f"{server}/slow")
    _point(tree, "vision-tasks", "image-classification", f"{server}/moved")
    _point(tree, "annotation-vendors", "label-tool", f"{server}/no-head")
    # every other entry of the tree cites https://example.com/article: keep them local too
    for path in tree.root.rglob("*.yml"):
        path.write_text(
            path.read_text("utf-8").replace("https://example.com/article", f"{server}/ok"), "utf-8"
        )
    label_tool = tree.root / "annotation-vendors" / "label-tool.yml"
    label_tool.write_text(
        label_tool.read_text("utf-8").replace("https://label-tool.example.org/", f"{server}/ok"),
        "utf-8",
    )

    run = local_cli("--timeout", "0.5", "--retries", "1", "--per-host-delay", "0")
    assert run.code == 1
    assert sorted(run.out.splitlines()) == sorted(
        [
            f"catalog/sourcing-modes/in-house.yml:{_source_line(gone)}:10: {server}/gone: "
            "HTTP 404 Not Found",
            f"catalog/annotation-techniques/bounding-box.yml:{_source_line(slow)}:10: "
            f"{server}/slow: timed out",
            # the in-house ratings cite the same page: each place is listed
            *(
                f"catalog/sourcing-modes/in-house.yml:{place}: {server}/gone: HTTP 404 Not Found"
                for place in _rating_places(gone, f"{server}/gone")
            ),
        ]
    )
    assert f"redirects to {server}/ok" in run.err  # the moved link works, with a note
    assert "of 5 URLs answer" in run.err
    methods = [(m, p) for _, m, p in Handler.hits if p == "/no-head"]
    assert ("HEAD", "/no-head") in methods and ("GET", "/no-head") in methods
    assert sum(1 for _, _, p in Handler.hits if p == "/slow") == 2  # one retry


def test_all_good_exits_zero(tree: Tree, local_cli: Callable[..., Run], server: str) -> None:
    for path in tree.root.rglob("*.yml"):
        text = path.read_text("utf-8").replace("https://example.com/article", f"{server}/ok")
        path.write_text(text.replace("https://label-tool.example.org/", f"{server}/ok"), "utf-8")
    run = local_cli("--per-host-delay", "0")
    assert run.code == 0, run.out
    assert run.out == ""


def test_requests_to_one_host_are_paced(
    tree: Tree, local_cli: Callable[..., Run], server: str
) -> None:
    for n, path in enumerate(sorted(tree.root.rglob("*.yml"))):
        text = path.read_text("utf-8").replace("https://example.com/article", f"{server}/ok?{n}")
        path.write_text(text.replace("https://label-tool.example.org/", f"{server}/ok?w"), "utf-8")
    run = local_cli("--per-host-delay", "0.2", "--concurrency", "8")
    assert run.code == 0
    starts = sorted(t for t, _, _ in Handler.hits)
    assert len(starts) >= 8
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    # eight workers, one host: starts stay ~0.2 s apart (a little slack for the server clock)
    assert min(gaps) >= 0.15


def test_usage_errors(tree: Tree, cli: Callable[..., Run]) -> None:
    assert cli("check-links", "--timeout", "0").code == 2
    assert cli("check-links", "nowhere").code == 2
