"""Preview speed: how long after saving an entry file ``mkdocs serve`` serves the changed
page, against a cold ``mkdocs build`` of the same site (issue 22: at most half).

Generates N image-optimizer entries (as ``bench_build.py``), starts ``mkdocs serve
--livereload`` on a free port, then alternates: a cold ``mkdocs build`` of the same project
(a new process, into another folder), and a one-line edit of an entry file followed by
polling its page until the server serves the new text. Reports medians, the ratio, the
server's own rebuild times (from its log) and the machine's load.

    python benchmarks/bench_serve.py [--entries 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from bench_build import build, kb_project
from localweb import free_port, wait_for

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        project = kb_project(Path(tmp) / "kb", args.entries)
        port = free_port()
        log = (Path(tmp) / "serve.log").open("w+", encoding="utf-8")
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        entry_id = "optimizer-00007"
        url = f"http://127.0.0.1:{port}/image-optimizers/{entry_id}/"
        path = project / "catalog" / "image-optimizers" / f"{entry_id}.yml"
        original = path.read_text(encoding="utf-8")
        try:
            if wait_for(url, "Optimizer 7", 600, 0.5) is None:
                raise SystemExit("the server never came up")
            colds, rebuilds = [], []
            for run in range(args.repeat):  # alternate, so that machine noise hits both
                colds.append(build(project, Path(tmp) / "cold")[0])
                loads.append(os.getloadavg()[0])
                marker = f"Edited summary number {run}."
                path.write_text(
                    original.replace("entry 7 of a generated catalog.", marker), encoding="utf-8"
                )
                seconds = wait_for(url, marker, 300)
                if seconds is None:
                    raise SystemExit("the edit never showed")
                rebuilds.append(seconds)
                loads.append(os.getloadavg()[0])
        finally:
            server.terminate()
            server.wait(timeout=60)
        log.seek(0)
        pattern = r"Documentation built in ([0-9.]+) seconds"
        built = [float(s) for s in re.findall(pattern, log.read())]
    cold, rebuild = statistics.median(colds), statistics.median(rebuilds)
    print(f"entries: {args.entries}, runs: {args.repeat} alternating")
    print(f"cold `mkdocs build` (new process): median {cold:.2f} s  {[round(c, 2) for c in colds]}")
    print(f"edit -> changed page served: median {rebuild:.2f} s  {[round(r, 2) for r in rebuilds]}")
    if built:
        later = statistics.median(built[1:]) if len(built) > 1 else float("nan")
        print(f"server's log: first build {built[0]:.2f} s, rebuilds median {later:.2f} s")
    print(f"edit-to-page / cold build: {rebuild / cold:.2f} (goal <= 0.50)")
    print(f"load average (1 min) during the runs: {min(loads):.1f}-{max(loads):.1f}")
    print("verdict:", "meets the goal" if rebuild / cold <= 0.5 else "MISSES the goal")


if __name__ == "__main__":
    main()
