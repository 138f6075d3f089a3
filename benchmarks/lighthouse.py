"""Lighthouse scores of the built site, as a reader's browser would get them.

Builds the site with ``mkdocs build --strict`` (or takes a built one), serves it on
127.0.0.1 under its published path with gzip (as any real host would), and runs Lighthouse
on the home, a catalog, an entry, the compare, the stats and a concept page, with the
desktop and the mobile presets. Prints accessibility, best practices and SEO (the goal is
100 each) and performance beside the machine's load average: performance on a shared
2-core machine is reported, never asserted.

    npm install -g lighthouse        # or set LIGHTHOUSE to its path
    CHROME_PATH=/usr/bin/chromium python benchmarks/lighthouse.py [--site SITE_DIR]

Exits 1 when any page scores under 100 on accessibility, best practices or SEO.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from screenshots import PREFIX, build  # the same strict build and published path

PAGES = {
    "home": "",
    "catalog": "image-generators/",
    "entry": "image-generators/midjourney/",
    "compare": "image-generators/compare/?id=midjourney&id=flux&id=dall-e-3",
    "stats": "stats/",
    "concept": "concepts/image-annotation/",
}
ASSERTED = ("accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed when the browser accepts it, like a real host."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free port of 127.0.0.1; yields the base URL."""

    def handler(*args: object, **kwargs: object) -> _Gzip:
        return _Gzip(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def lighthouse() -> str:
    """The Lighthouse command, or exit saying how to install it."""
    found = os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    return found or sys.exit("Lighthouse not found: npm install -g lighthouse (or set LIGHTHOUSE)")


def run(url: str, preset: str, out: Path) -> dict[str, float]:
    """One Lighthouse run; the category scores out of 100."""
    cmd = [
        lighthouse(),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
        "--disable-background-networking --disable-component-update --no-first-run",
    ]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    report = json.loads(out.read_text("utf-8"))
    return {k: round(v["score"] * 100) for k, v in report["categories"].items()}


def main() -> int:
    """Score every page with both presets; 1 when a page misses 100 where it must not."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site")
    args = parser.parse_args()
    os.environ.setdefault("CHROME_PATH", shutil.which("chromium") or "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as tmp:
        served = Path(tmp) / "served"
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site)
        shutil.copytree(site, served / PREFIX)
        failed = []
        print(f"{'page':10} {'preset':8} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}  load")
        with serve(served) as base:
            for name, path in PAGES.items():
                for preset in ("desktop", "mobile"):
                    load = os.getloadavg()[0]
                    scores = run(f"{base}{PREFIX}/{path}", preset, Path(tmp) / "report.json")
                    print(
                        f"{name:10} {preset:8} {scores['performance']:5} "
                        f"{scores['accessibility']:5} {scores['best-practices']:5} "
                        f"{scores['seo']:5}  {load:.2f}"
                    )
                    failed += [(name, preset, k) for k in ASSERTED if scores[k] < 100]
        for name, preset, key in failed:
            print(f"under 100: {name} ({preset}) {key}", file=sys.stderr)
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
