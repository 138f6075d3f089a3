"""Site build cost: the kb plugin against a plain-Markdown site of the same pages.

Generates N image-optimizer entries and builds them with the plugin (the real ``mkdocs
build``, Material theme, in a new process); builds, in the same run and alternating with
it, a plain MkDocs site with the same theme whose N pages carry the same facts as Markdown
tables (plus one index page listing them all, like the catalog page). Then builds the
plugin site with SCALE x N entries to check that cost grows linearly (no navigation listing
every entry). Reports medians of the alternating runs (wall time, and the CPU time of the
build process, which a busy machine disturbs less), the ratios and the machine's load.

    python benchmarks/bench_build.py [--entries 1000] [--scale 10] [--repeat 3]

Targets (issue 22): plugin build <= 1.25x plain; 10x entries <= 11x time and bytes.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def build(project: Path, site: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds and CPU seconds of one ``mkdocs build`` (into ``site``, by default the
    project's), and the bytes of its site."""
    site = site or project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=project,
        env=env,
        check=True,
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return seconds, cpu, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n, k = args.entries, args.scale
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        projects = {
            "kb": kb_project(base / "kb1", n),
            "plain": plain_project(base / "plain", n),
            "kbN": kb_project(base / "kbN", k * n),
        }
        times: dict[str, list[float]] = {name: [] for name in projects}
        cpus: dict[str, list[float]] = {name: [] for name in projects}
        sizes: dict[str, int] = {}
        for _ in range(args.repeat):  # alternate so that machine noise hits all alike
            for name, project in projects.items():
                seconds, cpu, sizes[name] = build(project)
                times[name].append(seconds)
                cpus[name].append(cpu)
                loads.append(os.getloadavg()[0])
    med = {name: statistics.median(v) for name, v in times.items()}
    cpu = {name: statistics.median(v) for name, v in cpus.items()}
    print(f"entries: {n} (and {k * n}), runs each: {args.repeat}, alternating")
    print(f"load average (1 min) during the runs: {min(loads):.1f}-{max(loads):.1f}")
    for name in ("plain", "kb", "kbN"):
        print(
            f"  {name:>5}: median {med[name]:6.2f} s wall, {cpu[name]:6.2f} s CPU, "
            f"site {sizes[name] / 1e6:7.1f} MB"
        )
    ratio, ratio_cpu = med["kb"] / med["plain"], cpu["kb"] / cpu["plain"]
    grow_t, grow_b = med["kbN"] / med["kb"], sizes["kbN"] / sizes["kb"]
    grow_c = cpu["kbN"] / cpu["kb"]
    print(f"plugin / plain build: {ratio:.2f}x wall, {ratio_cpu:.2f}x CPU (target <= 1.25x)")
    print(
        f"{k}x entries: time {grow_t:.2f}x wall, {grow_c:.2f}x CPU, bytes {grow_b:.2f}x "
        f"(target <= {1.1 * k:.1f}x)"
    )
    ok = ratio <= 1.25 and grow_t <= 1.1 * k and grow_b <= 1.1 * k
    print("verdict:", "meets the targets" if ok else "MISSES a target")


if __name__ == "__main__":
    main()
