"""Table script speed: one filter keystroke and one sort on a 2,000-row comparison table.

Generates N image-optimizer entries, loads them with the package's loader and renders the
catalog page's table (URL state, as on the real catalog page) with the package's renderer,
next to the shipped table.js and table.css. Serves that page on 127.0.0.1 and opens it in
headless Chromium. Each sample is timed inside the page with performance.now() around the
event dispatch and a layout forced by reading offsetHeight, so the figure includes the
script's work and the browser's restyle/reflow, not the test driver's round trips.

    python benchmarks/bench_table_js.py [--rows 2000] [--samples 30]

Target (issue 3): median <= 16 ms for a keystroke and for a sort.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import kb

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from localweb import CHROMIUM_ARGS, chromium_path, serve

from kb.data.loader import load
from kb.render.contract import CONTRACT_JS, contract_js
from kb.render.table import CatalogTable
from kb.render.urls import Linker

TARGET_MS = 16.0
CATALOG = "image-optimizers"
KINDS = ["online", "desktop", "plugin", "api"]
COMPRESSION = ["[lossy]", "[lossless]", "[lossy, lossless]", "[]"]
PRICING = ["[free]", "[free-tier, subscription]", "[one-time]", "[pay-per-use, quote]"]

ENTRY = """\
id: {id}
name: Optimizer {n}
summary: Shrinks images for the web; generated entry {n} of {count}.
kind: {kind}
compression: {compression}
input_formats: [jpeg, png, gif]
output_formats: [jpeg, png]
{size}max_batch: {batch}
pricing: {pricing}
website: https://example.com/{id}
added: 2024-04-01
sources:
  - url: https://example.com/{id}/about
    title: About optimizer {n}
    kind: vendor
    accessed: 2026-11-24
    supports: {supports}
last_verified: 2026-11-24
"""

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Table benchmark</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="table.css"></head>
<body><main><h1>Table benchmark</h1>
{table}
</main><script src="contract.js"></script><script src="table.js"></script></body></html>
"""

# Runs in the page: times `samples` calls of `act(i)`, each followed by a forced layout.
MEASURE = """([kind, samples]) => {
  const box = document.querySelector("[data-kb-table]");
  const input = box.querySelector("input[type=search]");
  const sortButton = box.querySelector("th[data-kb-field=max_file_size_mb] button");
  const queries = ["optimizer 1", "optimizer 12"];  // each keystroke changes the rows shown
  const act = kind === "filter"
    ? (i) => {
        input.value = queries[i % 2];
        input.dispatchEvent(new Event("input", {bubbles: true}));
      }
    : () => { sortButton.click(); };  // toggles ascending/descending: a full re-order each time
  const times = [];
  for (let i = 0; i < samples + 3; i++) {
    const start = performance.now();
    act(i);
    void document.body.offsetHeight;
    const took = performance.now() - start;
    if (i >= 3) times.push(took);  // the first calls warm up the JIT
  }
  return {times, status: box.querySelector("[aria-live]").textContent,
          listed: box.querySelectorAll("tbody tr:not([hidden])").length};
}"""


def write_catalog(root: Path, count: int) -> None:
    """``count`` valid image-optimizer entries with varied facets, sizes and an empty size."""
    folder = root / CATALOG
    folder.mkdir(parents=True)
    for n in range(count):
        entry_id = f"optimizer-{n:05d}"
        size = "" if n % 7 == 0 else f"max_file_size_mb: {(n * 37) % 500 / 4 + 0.5}\n"
        text = ENTRY.format(
            id=entry_id,
            n=n,
            count=count,
            kind=KINDS[n % 4],
            compression=COMPRESSION[n % 3],
            size=size,
            batch=1 + n % 50,
            pricing=PRICING[n % 4],
        )
        (folder / f"{entry_id}.yml").write_text(text, encoding="utf-8")


def write_page(folder: Path, count: int) -> int:
    """The benchmark page and the shipped assets in ``folder``; returns the page's bytes."""
    write_catalog(folder / "catalog", count)
    base = load(folder / "catalog")
    if base.problems:
        sys.exit(f"generated catalog is invalid: {base.problems[0]}")
    linker = Linker(f"{CATALOG}/")  # links as seen from the catalog page
    html = CatalogTable.from_catalog(base, CATALOG).as_html(linker, state="url")
    page = PAGE.format(table=html)
    (folder / "index.html").write_text(page, encoding="utf-8")
    assets = Path(kb.__file__).parent / "assets"
    for name in ("table.js", "table.css"):
        shutil.copy(assets / name, folder / name)
    (folder / CONTRACT_JS).write_text(contract_js(), encoding="utf-8")
    return len(page.encode("utf-8"))


def chromium() -> str:
    """The system Chromium the tests use, or exit with how to point at one."""
    return chromium_path() or sys.exit("no Chromium found (set KB_CHROMIUM)")


def measure(url: str, samples: int) -> dict[str, dict[str, object]]:
    """Per kind ("filter", "sort"): the timings (ms) and what the table showed at the end."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            results = {}
            for kind in ("filter", "sort"):
                page.goto(url)
                page.wait_for_selector("[data-kb-table] input[type=search]")
                results[kind] = page.evaluate(MEASURE, [kind, samples])
            if errors:
                sys.exit(f"the page logged errors: {errors}")
            return results
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        size = write_page(Path(tmp), args.rows)
        with serve(Path(tmp)) as url:
            results = measure(url, args.samples)
    print(f"rows: {args.rows}, page {size / 1e6:.1f} MB, samples each: {args.samples}")
    ok = True
    for kind, label in (("filter", "filter keystroke"), ("sort", "sort click")):
        times = [float(t) for t in results[kind]["times"]]  # type: ignore[attr-defined]
        med = statistics.median(times)
        ok = ok and med <= TARGET_MS
        print(
            f"  {label:>16}: median {med:6.2f} ms, min {min(times):6.2f}, "
            f"max {max(times):6.2f} ({results[kind]['status']}, "
            f"{results[kind]['listed']} rows listed)"
        )
    print(f"verdict: {'meets' if ok else 'MISSES'} the {TARGET_MS:g} ms median target")


if __name__ == "__main__":
    main()
