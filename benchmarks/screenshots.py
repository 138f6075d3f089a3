"""Full-page screenshots of the built site at a laptop, a wide laptop and a phone width.

Builds the site with ``mkdocs build --strict`` (or takes an already built one), serves it on
127.0.0.1 under its published path and writes one PNG per page and width into OUTDIR:
every catalog page, an entry page, a compare page and a concept page. Nothing is committed;
the pictures are for looking at the site without serving it.

    python benchmarks/screenshots.py OUTDIR [--site SITE_DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from localweb import CHROMIUM_ARGS, chromium_path, serve

from kb.data.models import CATALOGS

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "cv-kb"  # the path of site_url in mkdocs.yml
WIDTHS = {"1280": (1280, 800), "1440": (1440, 900), "390": (390, 844)}
OTHER_PAGES = {
    "entry-cvat": "annotation-vendors/cvat/",
    "compare-image-generators": "image-generators/compare/?id=dall-e-2&id=midjourney&id=canva",
    "concept-image-annotation": "concepts/image-annotation/",
    "concept-choosing-an-image-generator": "concepts/choosing-an-image-generator/",
    "home": "",
}


def build(dest: Path) -> None:
    """``mkdocs build --strict`` of this repository into ``dest``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if proc.returncode:
        sys.exit(f"mkdocs build failed:\n{proc.stderr[-3000:]}")


def chromium() -> str:
    """The system Chromium the tests use, or exit with how to point at one."""
    return chromium_path() or sys.exit("no Chromium found (set KB_CHROMIUM)")


def shoot(base: str, out: Path) -> list[Path]:
    """Every page at every width; returns the files written."""
    from playwright.sync_api import sync_playwright

    targets = {f"catalog-{name}": f"{name}/" for name in CATALOGS} | OTHER_PAGES
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            for label, (width, height) in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                for name, path in targets.items():
                    response = page.goto(base + path, wait_until="networkidle")
                    if response is None or not response.ok:  # never a picture of an error page
                        sys.exit(f"{base + path}: {response.status if response else 'no answer'}")
                    if "compare" in name:
                        page.locator(".kb-compare thead").wait_for()
                    target = out / f"{name}-{label}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                context.close()
        finally:
            browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.site:
            shutil.copytree(args.site, root / PREFIX)
        else:
            build(root / PREFIX)
        with serve(root) as base:
            written = shoot(f"{base}{PREFIX}/", args.outdir)
    print(f"{len(written)} screenshots in {args.outdir}")


if __name__ == "__main__":
    main()
