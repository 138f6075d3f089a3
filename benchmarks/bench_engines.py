"""Three engines, one catalog: build time and site size of MkDocs, ProperDocs and Zensical.

Generates N image-optimizer entries (as bench_build.py does) in one project with both
configurations, then builds it, alternating engines so machine noise hits all alike:

- ``mkdocs build`` (the kb plugin),
- ``properdocs build -f mkdocs.yml`` (the same plugin),
- ``kb generate`` followed by ``zensical build --clean`` (no cache: a full build),

and times ``zensical build`` alone and ``kb generate`` alone, writing everything into an
empty folder and again with nothing to change. Reports medians and ratios to MkDocs.

    python benchmarks/bench_engines.py [--entries 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_build import THEME, write_entries

BIN = Path(sys.executable).parent

MKDOCS_YML = f"""\
site_name: Bench
{THEME}nav:
  - Home: index.md
  - Optimizers: image-optimizers/index.md
plugins:
  - search
  - kb
extra_css: [assets/kb/table.css]
extra_javascript: [assets/kb/contract.js, assets/kb/table.js]
markdown_extensions:
  - kb.engines.markdown
  - tables
"""

ZENSICAL_YML = "INHERIT: mkdocs.yml\ndocs_dir: build/docs\nsite_dir: site-zensical\n"
HOME = '# Home\n\n{{< kb-table catalog="image-optimizers" columns="name,kind" >}}\n'


def project(base: Path, count: int) -> Path:
    """A project with ``count`` generated entries and both engines' configurations."""
    (base / "docs").mkdir(parents=True)
    (base / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    (base / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (base / "zensical.yml").write_text(ZENSICAL_YML, encoding="utf-8")
    write_entries(base, count)
    return base


def timed(*commands: list[str], cwd: Path) -> float:
    """Seconds for the commands, one after the other (each must succeed)."""
    start = time.perf_counter()
    for command in commands:
        subprocess.run(
            command,
            cwd=cwd,
            check=True,
            capture_output=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    return time.perf_counter() - start


def size(folder: Path) -> int:
    """Bytes of every file under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def runs(base: Path) -> dict[str, tuple[Callable[[], float], Path | None]]:
    """Each measured step, and the site it writes (None: it writes no site)."""
    kb, generate = str(BIN / "kb"), [str(BIN / "kb"), "generate"]

    def fresh_generate() -> float:
        shutil.rmtree(base / "build", ignore_errors=True)
        return timed(generate, cwd=base)

    return {
        "mkdocs": (
            lambda: timed([str(BIN / "mkdocs"), "build", "-q", "-d", "site-mkdocs"], cwd=base),
            base / "site-mkdocs",
        ),
        "properdocs": (
            lambda: timed(
                [
                    str(BIN / "properdocs"),
                    "build",
                    "-q",
                    "-f",
                    "mkdocs.yml",
                    "-d",
                    "site-properdocs",
                ],
                cwd=base,
            ),
            base / "site-properdocs",
        ),
        "generate+zensical": (
            lambda: timed(
                generate,
                [str(BIN / "zensical"), "build", "--clean", "-f", "zensical.yml"],
                cwd=base,
            ),
            base / "site-zensical",
        ),
        "zensical alone": (
            lambda: timed(
                [str(BIN / "zensical"), "build", "--clean", "-f", "zensical.yml"], cwd=base
            ),
            None,
        ),
        "generate (empty folder)": (fresh_generate, None),
        "generate (no change)": (lambda: timed([kb, "generate"], cwd=base), None),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = project(Path(tmp), args.entries)
        steps = runs(base)
        times: dict[str, list[float]] = {name: [] for name in steps}
        for _ in range(args.repeat):  # alternate, so that noise hits every engine alike
            for name, (step, _site) in steps.items():
                times[name].append(step())
        sizes = {name: size(site) for name, (_step, site) in steps.items() if site}
        check = [
            subprocess.run(
                [str(BIN / "kb"), "check-site", str(site)],
                cwd=base,
                capture_output=True,
                check=False,
            ).returncode
            for _step, site in steps.values()
            if site
        ]
    med = {name: statistics.median(values) for name, values in times.items()}
    print(f"entries: {args.entries}, runs each: {args.repeat} (alternating), medians")
    for name, seconds in med.items():
        ratio = f"{seconds / med['mkdocs']:5.2f}x mkdocs" if name in sizes else ""
        site = f"site {sizes[name] / 1e6:6.1f} MB" if name in sizes else ""
        print(f"  {name:>24}: {seconds:6.2f} s  {ratio:>14}  {site}")
    print("kb check-site on each site:", "all complete" if not any(check) else f"exit {check}")


if __name__ == "__main__":
    main()
