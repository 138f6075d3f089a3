"""``kb generate [--out DIR] [--config FILE]``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from kb.commands.common import err
from kb.data.loader import load
from kb.data.problems import format_problems
from kb.engines.generate import Refused, Settings, plan, write
from kb.engines.outdir import UnsafePath
from kb.engines.siteconfig import ConfigError, read_settings
from kb.render.embeds import EmbedError

DEFAULT_OUT = Path("build/docs")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the command."""
    p = sub.add_parser(
        "generate",
        help="write the generated pages, downloads and assets as files (for Zensical)",
        description="Write a copy of the hand-written docs plus every generated page, "
        "download, schema and asset into DIR, for a site engine that runs no MkDocs plugin "
        "(zensical.yml reads build/docs). Replaces or removes only files an earlier run wrote "
        "and nobody changed since; refuses otherwise.",
    )
    p.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help=f"default: {DEFAULT_OUT}/"
    )
    p.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="FILE",
        help="the MkDocs configuration to read settings from (default: mkdocs.yml)",
    )
    p.set_defaults(run=run)


def _overlap(settings: Settings) -> str | None:
    """Why the output folder cannot be used (it holds or is held by a source folder)."""
    out = settings.out_dir.resolve()
    for name, folder in (("docs", settings.docs_dir), ("catalog", settings.catalog_dir)):
        src = folder.resolve()
        if out == src or out.is_relative_to(src) or src.is_relative_to(out):
            return f"--out {settings.out_dir} overlaps the {name} folder {folder}; choose another"
    return None


def run(args: argparse.Namespace) -> int:
    """Generate, or exit 1 naming what is wrong (2 for a usage error)."""
    start = time.perf_counter()
    try:
        settings = read_settings(args.config, args.out)
    except ConfigError as exc:
        err(str(exc))
        return 2
    if (why := _overlap(settings)) is not None:
        err(why)
        return 2
    kb = load(settings.catalog_dir)
    if not kb.ok:
        print(format_problems(kb.problems), file=sys.stderr)
        err("nothing generated: fix the problems above first")
        return 1
    base = args.config.parent
    try:
        planned = plan(kb, settings, lambda path: Path(os.path.relpath(path, base)).as_posix())
        outcome = write(args.out, planned)
    except (EmbedError, Refused) as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        err("nothing generated" if isinstance(exc, EmbedError) else "nothing changed")
        return 1
    except UnsafePath as exc:  # something changed under the output folder during the run
        err(f"{exc}; stopped")
        return 1
    except OSError as exc:
        err(f"cannot write {exc.filename or args.out}: {exc.strerror or exc}")
        return 1
    for note in outcome.notes:
        err(f"warning: {note}")
    for asset in settings.unlisted_assets(planned.files):
        kind = "extra_css" if asset.endswith(".css") else "extra_javascript"
        err(f"warning: {args.config} does not list {asset} under {kind}; Zensical will not load it")
    seconds = time.perf_counter() - start
    print(
        f"kb generate: {len(planned.files)} files in {args.out}: {len(outcome.written)} written, "
        f"{len(outcome.removed)} removed, {outcome.unchanged} unchanged ({seconds:.2f} s)"
    )
    return 0
