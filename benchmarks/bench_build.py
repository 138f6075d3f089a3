"""Site build cost: the kb plugin against a plain-Markdown site of the same pages.

Generates N image-optimizer entries and builds them with the plugin; builds, in the same
run and alternating with it, a plain MkDocs site with the same theme whose N pages carry
the same facts as Markdown tables (plus one index page listing them all, like the catalog
page). Then builds the plugin site with 4N entries to check that cost grows linearly (no
navigation listing every entry). Reports medians of several runs and the ratios.

    python benchmarks/bench_build.py [--entries 1000] [--repeat 3]

Targets (issue 3): plugin build <= 1.25x plain; 4x entries <= 4.4x time and bytes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# This repository's catalog definitions (the seven catalogs), named by absolute path.
DEFINITIONS = Path(__file__).resolve().parents[1] / "definitions"

THEME = """\
theme:
  name: material
  font: false
  features: [navigation.instant]
"""

ENTRY = """\
id: {id}
name: Optimizer {n}
summary: Compresses JPEG and PNG images in the browser; entry {n} of a generated catalog.
kind: online
compression: [lossy, lossless]
input_formats: [jpeg, png, gif]
output_formats: [jpeg, png]
max_file_size_mb: {mb}
max_batch: 20
pricing: [free, subscription]
features: []
website: https://example.com/{id}
added: 2024-04-01
sources:
  - url: https://example.com/{id}/about
    title: About optimizer {n}
    kind: vendor
    supports: [kind, compression, input_formats, output_formats, max_file_size_mb, max_batch,
      pricing]
    accessed: 2026-01-05
last_verified: 2026-01-06
"""

PLAIN_PAGE = """\
# Optimizer {n}

Compresses JPEG and PNG images in the browser; entry {n} of a generated catalog.

## Facts

| Field | Value |
|---|---|
| Website | [example.com/{id}](https://example.com/{id}) |
| Kind | Online |
| Compression | Lossy, Lossless |
| Input formats | JPEG, PNG, GIF |
| Output formats | JPEG, PNG |
| Max file size (MB) | {mb} |
| Files per batch | 20 |
| Pricing | Free, Subscription |

## Sources

- [About optimizer {n}](https://example.com/{id}/about) (accessed 2026-01-05)

Last verified: 2026-01-06
"""


def write_entries(base: Path, count: int) -> None:
    """``count`` generated image-optimizer entries under ``base/catalog``."""
    folder = base / "catalog" / "image-optimizers"
    folder.mkdir(parents=True)
    for n in range(count):
        entry_id = f"optimizer-{n:05d}"
        text = ENTRY.format(id=entry_id, n=n, mb=5 + n % 20)
        (folder / f"{entry_id}.yml").write_text(text, encoding="utf-8")


def kb_project(base: Path, count: int) -> Path:
    """A site built by the plugin from ``count`` generated entries."""
    (base / "docs").mkdir(parents=True)
    (base / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (base / "mkdocs.yml").write_text(
        f"site_name: Bench\n{THEME}nav:\n  - Home: index.md\n"
        "  - Optimizers: image-optimizers/index.md\nplugins:\n  - search\n"
        f"  - kb:\n      definitions: {DEFINITIONS}\n",
        encoding="utf-8",
    )
    write_entries(base, count)
    return base


def plain_project(base: Path, count: int) -> Path:
    """The same pages written as plain Markdown, with the same theme and nav."""
    docs = base / "docs" / "image-optimizers"
    docs.mkdir(parents=True)
    (base / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (base / "mkdocs.yml").write_text(
        f"site_name: Bench\n{THEME}nav:\n  - Home: index.md\n"
        "  - Optimizers: image-optimizers/index.md\nplugins:\n  - search\n"
        "validation:\n  nav:\n    omitted_files: info\n",
        encoding="utf-8",
    )
    rows = [
        "| Name | Kind | Compression | Reads | Writes | Max MB | Batch | Pricing |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n in range(count):
        entry_id = f"optimizer-{n:05d}"
        page = PLAIN_PAGE.format(id=entry_id, n=n, mb=5 + n % 20)
        (docs / f"{entry_id}.md").write_text(page, encoding="utf-8")
        rows.append(
            f"| [Optimizer {n}]({entry_id}.md) | Online | Lossy, Lossless | JPEG, PNG, GIF "
            f"| JPEG, PNG | {5 + n % 20} | 20 | Free, Subscription |"
        )
    (docs / "index.md").write_text("# Image optimizers\n\n" + "\n".join(rows) + "\n", "utf-8")
    return base


def build(project: Path) -> tuple[float, int]:
    """Seconds for one ``mkdocs build`` and the bytes of the site it wrote."""
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=project,
        env=env,
        check=True,
    )
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return seconds, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = args.entries
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        kb1 = kb_project(base / "kb1", n)
        plain = plain_project(base / "plain", n)
        kb4 = kb_project(base / "kb4", 4 * n)
        times: dict[str, list[float]] = {"kb": [], "plain": [], "kb4": []}
        sizes: dict[str, int] = {}
        for _ in range(args.repeat):  # alternate so that machine noise hits all alike
            for name, project in (("kb", kb1), ("plain", plain), ("kb4", kb4)):
                seconds, sizes[name] = build(project)
                times[name].append(seconds)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"entries: {n} (and {4 * n}), runs each: {args.repeat}")
    for name in ("plain", "kb", "kb4"):
        print(f"  {name:>5}: median {med[name]:6.2f} s, site {sizes[name] / 1e6:7.1f} MB")
    time_ratio = med["kb"] / med["plain"]
    grow_t, grow_b = med["kb4"] / med["kb"], sizes["kb4"] / sizes["kb"]
    print(f"plugin / plain build time: {time_ratio:.2f}x (target <= 1.25x)")
    print(f"4x entries: time {grow_t:.2f}x, bytes {grow_b:.2f}x (target <= 4.4x)")
    ok = time_ratio <= 1.25 and grow_t <= 4.4 and grow_b <= 4.4
    print("verdict:", "meets the targets" if ok else "MISSES a target")


if __name__ == "__main__":
    main()
