"""Validate 2,000 generated entries and compare, in the same run, with a plain ruamel.yaml
round-trip parse of the same files (what a naive loader would do before any validation).

Usage: python benchmarks/bench_validate.py [--entries N] [--repeat R]

Prints a Markdown table: median wall time of each side (runs alternating, the machine's load
average beside them), the ratio (goal, issue 22: at least 10x), and the validator's peak
memory (measured in a fresh subprocess with tracemalloc, so earlier runs do not count).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

from kb.data.definitions import use
from kb.data.loader import load

# This repository's catalog definitions, as every kb tool reads them.
DEFINITIONS = str(Path(__file__).resolve().parents[1] / "definitions")

SOURCES = """\
added: 2024-04-01
sources:
  - url: https://example.com/{id}/overview
    title: Overview of {name}
    kind: vendor
    accessed: 2024-05-01
  - url: https://example.org/reviews/{id}
    title: An independent review of {name}
    kind: vendor
    accessed: 2024-05-03
last_verified: 2024-05-04
"""

DESCRIPTION = """\
description: |
  {name} is listed here for comparison. It is described with *neutral* wording and a
  [link](https://example.com/{id}) so that the Markdown field has realistic content.

  - one point about it
  - another point about it
"""

FIXED = {
    "annotation-techniques": """\
id: {id}
name: {name}
summary: A way of marking up images numbered {n}.
geometry: polygon
dimensions: [2d, 3d]
typical_uses: [object detection, segmentation of irregular shapes]
""",
    "sourcing-modes": """\
id: {id}
name: {name}
summary: One way of staffing labeling work, variant {n}.
time_required: {{rating: average, basis: Rated average., source: "https://example.org/reviews/{id}"}}
price: {{rating: cheap, basis: Rated cheap., source: "https://example.org/reviews/{id}"}}
labeling_quality: {{rating: average, basis: Rated average., source: "https://example.org/reviews/{id}"}}
security: {{rating: low, basis: Rated low., source: "https://example.org/reviews/{id}"}}
who_labels: Workers found through an open marketplace.
""",
    "vision-tasks": """\
id: {id}
name: {name}
summary: A computer-vision task used in the benchmark, number {n}.
modality: image
focus: Which objects an image shows
output: A list of labels
localizes: false
complexity: {{rating: average, basis: Rated average., source: "https://example.org/reviews/{id}"}}
processing_time: {{rating: low, basis: Rated low., source: "https://example.org/reviews/{id}"}}
use_cases: [photo search, quality inspection]
applications:
  - area: security
    role: Recognises faces at entrances.
""",
}

SPREAD = {
    "annotation-vendors": """\
id: {id}
name: {name}
summary: A labeling tool and service used in the benchmark, number {n}.
website: https://{id}.example.com/
offering: tool-and-service
license: open-core
techniques: [{tech}, {tech2}]
data_types: [image, video, point-cloud]
deployment: [cloud, self-hosted]
sourcing_modes: [{mode}]
pricing: [free-tier, quote]
repository: https://github.com/example/{id}
""",
    "image-generators": """\
id: {id}
name: {name}
summary: Turns text prompts into images; benchmark entry {n}.
maker: Example Labs
website: https://{id}.example.com/
access: [web, discord, api]
pricing: [free-tier, subscription]
features: [text-to-image, inpainting, outpainting, style-presets]
technology: A diffusion model
ownership: user
free_allowance: 25 images a day
ease_of_use: {{rating: high, basis: Rated high., source: "https://example.org/reviews/{id}"}}
plan_price_min: 8
""",
    "image-optimizers": """\
id: {id}
name: {name}
summary: Compresses images in the browser; benchmark entry {n}.
website: https://{id}.example.com/
kind: online
compression: [lossy, lossless]
input_formats: [jpeg, png, gif, webp]
output_formats: [jpeg, png, webp]
max_file_size_mb: 5.5
max_batch: 20
pricing: [free, subscription]
features: [quality-control, preview, batch, zip-download]
integrations: [wordpress, dropbox]
""",
    "case-studies": """\
id: {id}
name: {name}
summary: A reported classifier result used in the benchmark, number {n}.
task: {task}
model_type: Dense neural network with two hidden layers
dataset: Bank customer records
samples: 10000
test_share: 0.2
layers: [dense 6 relu, dense 6 relu, dense 1 sigmoid]
output_activation: sigmoid
loss: binary cross-entropy
optimizer: adam
epochs: 100
metric: test-accuracy
result: 0.8659
majority_baseline: 0.7963
""",
}


# The comparable facts each template fills, named by its first source (every fact is cited).
CITED = {
    "annotation-vendors": "offering, license, techniques, data_types, deployment, "
    "sourcing_modes, pricing",
    "image-generators": "access, pricing, features, ownership, plan_price_min",
    "image-optimizers": "kind, compression, input_formats, output_formats, max_file_size_mb, "
    "max_batch, pricing, features, integrations",
    "case-studies": "samples, test_share, result, majority_baseline",
}


def _sources(catalog: str) -> str:
    facts = CITED.get(catalog)
    if not facts:
        return SOURCES
    return SOURCES.replace(
        "    accessed: 2024-05-01\n", f"    accessed: 2024-05-01\n    supports: [{facts}]\n", 1
    )


def generate(root: Path, total: int) -> int:
    """Write ``total`` valid entries spread over every catalog; return the count written."""
    per_fixed = 20  # targets of references: techniques, sourcing modes, tasks
    count = 0

    def write(catalog: str, n: int, template: str) -> None:
        nonlocal count
        entry_id = f"{catalog[:-1]}-{n:05d}"
        values = {
            "id": entry_id,
            "name": f"{catalog.title()} {n}",
            "n": n,
            "tech": f"annotation-technique-{n % per_fixed:05d}",
            "tech2": f"annotation-technique-{(n + 1) % per_fixed:05d}",
            "mode": f"sourcing-mode-{n % per_fixed:05d}",
            "task": f"vision-task-{n % per_fixed:05d}",
        }
        body = template + (DESCRIPTION if n % 2 else "") + _sources(catalog)
        path = root / catalog / f"{entry_id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body.format(**values), encoding="utf-8")
        count += 1

    for catalog, template in FIXED.items():
        for n in range(per_fixed):
            write(catalog, n, template)
    spread = list(SPREAD.items())
    for i in range(total - count):
        catalog, template = spread[i % len(spread)]
        write(catalog, i // len(spread), template)
    return count


def validate(root: Path) -> int:
    """The library call behind ``kb validate``; fails loudly if the data is not valid."""
    kb = load(root)
    if not kb.ok:
        raise SystemExit("generated data is invalid:\n" + "\n".join(p.text() for p in kb.problems))
    return sum(len(v) for v in kb.entries.values())


def naive_parse(root: Path) -> int:
    """A plain ruamel.yaml round-trip parse of every file (no validation at all)."""
    yaml = YAML()  # typ="rt", the default
    n = 0
    for path in sorted(root.glob("*/*.yml")):
        with path.open("rb") as fh:
            yaml.load(fh)
        n += 1
    return n


def median_seconds(fn: Callable[[Path], int], root: Path, repeat: int) -> float:
    """Median wall time of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(root)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


_PEAK = """\
import sys, tracemalloc
from pathlib import Path
tracemalloc.start()
from kb.data.definitions import use
from kb.data.loader import load
use(sys.argv[2], Path.cwd())
kb = load(Path(sys.argv[1]))
assert kb.ok
print(tracemalloc.get_traced_memory()[1])
"""

_RSS = """\
import resource, sys
from pathlib import Path
from kb.data.definitions import use
from kb.data.loader import load
use(sys.argv[2], Path.cwd())
kb = load(Path(sys.argv[1]))
assert kb.ok
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_memory_mb(root: Path) -> tuple[float, float]:
    """(Python heap peak via tracemalloc, whole-process max RSS), in MB, in fresh processes."""
    heap = subprocess.run(
        [sys.executable, "-c", _PEAK, str(root), DEFINITIONS],
        capture_output=True,
        text=True,
        check=True,
    )
    rss = subprocess.run(
        [sys.executable, "-c", _RSS, str(root), DEFINITIONS],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(heap.stdout) / 2**20, int(rss.stdout) / 2**10  # ru_maxrss is KiB on Linux


# Nine levels of nine aliases: 9**9 strings if anything ever expanded it.
BILLION_LAUGHS = (
    "a: &a ["
    + ", ".join(["lol"] * 9)
    + "]\n"
    + "".join(
        f"{b}: &{b} [" + ", ".join([f"*{a}"] * 9) + "]\n"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
)


def laughs(root: Path) -> int:
    """Load a tree holding one billion-laughs file; it must be refused, not expanded."""
    kb = load(root)
    assert not kb.ok and any("aliases" in p.message for p in kb.problems)
    return len(kb.problems)


def alternating(fns: dict[str, Callable[[Path], int]], root: Path, repeat: int) -> dict[str, float]:
    """Median wall time of each function, the runs alternating (ABAB...) so that a change
    of machine load hits every side alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn(root)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> None:
    """Generate, measure side by side, print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--entries", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    use(DEFINITIONS, Path.cwd())
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "catalog"
        written = generate(root, args.entries)
        size = sum(p.stat().st_size for p in root.glob("*/*.yml"))
        assert validate(root) == written == naive_parse(root)  # warm-up and sanity check
        med = alternating({"ours": validate, "naive": naive_parse}, root, args.repeat)
        loads.append(os.getloadavg()[0])
        heap, rss = peak_memory_mb(root)
        bomb = Path(tmp) / "bomb"
        (bomb / "vision-tasks").mkdir(parents=True)
        (bomb / "vision-tasks" / "lol.yml").write_text(BILLION_LAUGHS, encoding="utf-8")
        refused = median_seconds(laughs, bomb, args.repeat)
    ours, naive = med["ours"], med["naive"]
    print(
        f"{written} entries, {size / written:.0f} bytes each on average, medians of "
        f"{args.repeat} alternating runs, load average (1 min) {min(loads):.1f}-{max(loads):.1f}\n"
    )
    print("| measure | value |")
    print("|---|---|")
    print(f"| `kb validate` (load + validate + references) | {ours:.3f} s |")
    print(f"| ruamel.yaml round-trip parse only | {naive:.3f} s |")
    verdict = "met" if naive / ours >= 10 else "MISSED"
    print(f"| speed-up (naive / ours; goal >= 10x) | {naive / ours:.1f}x ({verdict}) |")
    print(f"| validator peak Python heap (tracemalloc) | {heap:.1f} MB |")
    print(f"| validator process peak RSS (goal < 200 MB) | {rss:.1f} MB |")
    print(f"| billion-laughs file refused in (goal: well under 1 s) | {refused * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
