"""A copy of the real project with thousands of generated image-optimizer entries, built
with ``mkdocs build``: what the large-catalog benchmarks and browser tests look at (the
real theme, header, sidebar, filters and column chooser around a table of 10,000 rows).
No pytest import, so the benchmarks can use it too (they put this folder on ``sys.path``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOG = "image-optimizers"
PROJECT_FILES = ("mkdocs.yml", "definitions", "docs", "catalog", "overrides")
KINDS = ["online", "desktop", "plugin", "api"]
COMPRESSION = ["[lossy]", "[lossless]", "[lossy, lossless]", "[]"]
PRICING = ["[free]", "[free-tier, subscription]", "[one-time]", "[pay-per-use, quote]"]

ENTRY = """\
id: {id}
name: {name}
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


def generated_id(n: int) -> str:
    """The id of the n-th generated entry."""
    return f"optimizer-{n:05d}"


def generated_name(n: int) -> str:
    """The name of the n-th generated entry, as YAML: one in a thousand has characters
    that HTML escapes and letters outside ASCII (the table's search must still find it)."""
    if n % 1000 == 500:
        return f"'Optimizer {n} «Ünïcode» & <Co> \"Q\" ''S'''"
    return f"Optimizer {n}"


def write_entries(folder: Path, count: int) -> None:
    """``count`` valid image-optimizer entries with varied facets, sizes and empty sizes."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        entry_id = generated_id(n)
        has_size = n % 7 != 0
        size = f"max_file_size_mb: {(n * 37) % 500 / 4 + 0.5}\n" if has_size else ""
        compression = COMPRESSION[n % 3]
        supports = ["kind", "max_batch", "input_formats", "output_formats", "pricing"]
        if has_size:
            supports.append("max_file_size_mb")
        if compression != "[]":
            supports.append("compression")
        text = ENTRY.format(
            id=entry_id,
            name=generated_name(n),
            n=n,
            count=count,
            kind=KINDS[n % 4],
            compression=compression,
            size=size,
            batch=1 + n % 50,
            pricing=PRICING[n % 4],
            supports="[" + ", ".join(supports) + "]",
        )
        (folder / f"{entry_id}.yml").write_text(text, encoding="utf-8")


def write_project(dest: Path, count: int) -> Path:
    """The real project (config, docs, catalogs, overrides) in ``dest`` with ``count``
    generated entries added to the image-optimizers catalog; returns ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy2(source, dest / name)
    write_entries(dest / "catalog" / CATALOG, count)
    return dest


def build(project: Path, site: Path, timeout: float = 1800) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``project`` into ``site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)]
    return subprocess.run(
        cmd, cwd=project, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
