"""Hostile files against the validator: how fast each is refused and how much memory it takes.

Usage: python benchmarks/bench_hostile.py [--repeat R]

For every hostile file (a billion-laughs bomb, a 50 MB entry, 10,000 levels of nesting, ...)
and, side by side in the same run, for a small valid catalog as the control:

- the median time of the library call behind ``kb validate`` (``kb.data.loader.load``);
- the median wall time of a whole ``kb validate`` process (start-up included);
- that process's peak resident memory (``ru_maxrss`` of the child, from ``os.wait4``).

Goals (issue "hostile input"): every refusal under 1 s, validator peak memory under 200 MB.
Prints a Markdown table; exits 1 if a goal is missed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kb.data.loader import load

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import VALID, entry_text  # noqa: E402  (hand-written valid entries)
from hostile.cases import (  # noqa: E402  (the corpus' own hostile files)
    BILLION_LAUGHS,
    deep_flow,
    fifty_megabytes,
    many_aliases,
    task,
)

GOAL_SECONDS = 1.0
GOAL_MB = 200.0


def _one_line_50mb() -> bytes:
    return task().encode() + b"description: " + b"x" * (50 * 2**20) + b"\n"


def _invisible_64k() -> bytes:
    # Just under the size limit, every character a zero-width space: the slow path of the
    # invisible-character scan, for every character of the file.
    body = task().encode() + b"# "
    return body + "\u200b".encode() * ((64 * 1024 - len(body)) // 3)


def _unknown_keys_64k() -> bytes:
    # As many problems as one file under the size limit can produce.
    lines = b"".join(f"k{i}: v\n".encode() for i in range(7000))
    return task().encode() + lines[: 64 * 1024 - len(task()) - 1]


HOSTILE: dict[str, Callable[[], bytes]] = {
    "billion laughs (9 anchors, 72 aliases)": lambda: BILLION_LAUGHS.encode(),
    "50 MB entry, 50 MB of lines": fifty_megabytes,
    "50 MB entry, one line": _one_line_50mb,
    "10,000 nested lists": deep_flow,
    "3,000 aliases": lambda: many_aliases().encode(),
    "64 KiB of zero-width spaces": _invisible_64k,
    "64 KiB of unknown fields": _unknown_keys_64k,
}


def _tree(base: Path, hostile: bytes | None) -> Path:
    """The valid catalog of the tests, plus one hostile file (none for the control), in a
    site whose mkdocs.yml names this repository's definitions (as ``kb validate`` needs)."""
    base.mkdir(parents=True, exist_ok=True)
    (base / "mkdocs.yml").write_text(
        f"site_name: Hostile\nplugins:\n  - kb:\n      definitions: {ROOT / 'definitions'}\n",
        encoding="utf-8",
    )
    for catalog, entry_id in VALID:
        path = base / "catalog" / catalog / f"{entry_id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(entry_text(catalog, entry_id), encoding="utf-8")
    if hostile is not None:
        (base / "catalog" / "vision-tasks" / "hostile.yml").write_bytes(hostile)
    return base / "catalog"


def _median_load(root: Path, repeat: int, valid: bool) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        kb = load(root)
        times.append(time.perf_counter() - start)
        assert kb.ok == valid, kb.problems[:3]  # refused (or, for the control, accepted)
    return statistics.median(times)


# Run by a fresh, small launcher process: a child forked straight from this (large)
# process would report this process's memory as its own peak (Linux keeps the high-water
# mark of the memory it started from across exec).
_LAUNCHER = """\
import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "validate"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - start
print(wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def _process(cwd: Path) -> tuple[float, float, int]:
    """One ``kb validate`` process: (wall seconds, peak RSS in MB, exit code)."""
    out = subprocess.run(
        [sys.executable, "-c", _LAUNCHER], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2])  # ru_maxrss is KiB on Linux


def _median_process(cwd: Path, repeat: int, valid: bool) -> tuple[float, float]:
    runs = [_process(cwd) for _ in range(repeat)]
    assert all(code == (0 if valid else 1) for _, _, code in runs), runs
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main() -> int:
    """Measure every hostile file and the control side by side; print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases: dict[str, bytes | None] = {"control: 8 valid entries": None}
        cases.update({name: make() for name, make in HOSTILE.items()})
        for n, (name, data) in enumerate(cases.items()):
            base = Path(tmp) / f"case{n}"
            root = _tree(base, data)
            valid = data is None
            size = len(data) if data is not None else 0
            lib = _median_load(root, args.repeat, valid)
            wall, rss = _median_process(base, args.repeat, valid)
            rows.append((name, size, lib, wall, rss))
    print(f"median of {args.repeat} runs; peak RSS is the largest of those runs\n")
    print("| file | size | `load()` | `kb validate` process | peak RSS |")
    print("|---|---:|---:|---:|---:|")
    for name, size, lib, wall, rss in rows:
        shown = f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 1024:.1f} KiB"
        print(f"| {name} | {shown} | {lib * 1000:.1f} ms | {wall * 1000:.0f} ms | {rss:.0f} MB |")
    control = rows[0][3]
    worst = max(rows[1:], key=lambda r: r[3])
    print(
        f"\nslowest refusal: {worst[0]}, {worst[3] * 1000:.0f} ms for the whole process "
        f"({worst[3] / control:.2f}x the control's start-up and run)"
    )
    missed = [r[0] for r in rows if r[3] >= GOAL_SECONDS or r[4] >= GOAL_MB]
    if missed:
        print(f"goal missed (< {GOAL_SECONDS} s, < {GOAL_MB} MB): {', '.join(missed)}")
        return 1
    print(f"goals met: every refusal < {GOAL_SECONDS} s, peak memory < {GOAL_MB:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
