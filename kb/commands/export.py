"""``kb export --format csv|json --out DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb.commands import common
from kb.commands.common import err
from kb.data.loader import load
from kb.data.problems import format_problems


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the command."""
    p = sub.add_parser(
        "export",
        help="write every catalog as CSV or JSON",
        description="Write <catalog>.csv or <catalog>.json for every catalog into DIR. "
        "Refuses to export invalid data.",
    )
    p.add_argument("--format", choices=("csv", "json"), required=True)
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument(
        "--catalog-dir", type=Path, default=common.DEFAULT_ROOT, help="default: catalog/"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Export, or exit 1 listing the problems."""
    kb = load(args.catalog_dir)
    if not kb.ok:
        print(format_problems(kb.problems), file=sys.stderr)
        err("not exported: fix the problems above first")
        return 1
    # Imported here: only this command writes the downloads to files.
    from kb.outputs.export import write_exports

    try:
        written = write_exports(kb, args.out, args.format)
    except OSError as exc:  # a contributor's mistake (bad --out), not a crash to report
        err(f"cannot write to {exc.filename or args.out}: {exc.strerror or exc}")
        return 1
    for path in written:
        print(path)
    return 0
