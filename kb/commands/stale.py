"""``kb stale [--days N] [--format text|json] [PATH]``: entries due for re-verification."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kb.commands import common
from kb.commands.common import err
from kb.data.age import DEFAULT_STALE_DAYS
from kb.data.loader import load
from kb.upkeep.stale import stale_entries


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the command."""
    p = sub.add_parser(
        "stale",
        help="list entries whose last_verified is older than N days",
        description="List entries whose facts were last checked more than N days ago, oldest "
        "first. Exit 0 when none is stale, 1 when some are, 2 on a usage error.",
    )
    p.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=common.DEFAULT_ROOT,
        metavar="PATH",
        help="the catalog folder (default: catalog/)",
    )
    p.add_argument(
        "--days",
        type=int,
        default=DEFAULT_STALE_DAYS,
        help=f"age in days that makes an entry stale (default: {DEFAULT_STALE_DAYS})",
    )
    p.add_argument(
        "--by",
        choices=("verified", "source"),
        default="verified",
        help="age of last_verified (default) or of the newest source's accessed date",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the stale entries; 1 when there is any."""
    if args.days < 0:
        err("--days must be 0 or more")
        return 2
    if not args.path.is_dir():
        err(f"no such folder: {args.path}")
        return 2
    kb = load(args.path)
    found = stale_entries(kb, args.days, by=args.by)
    if args.format == "json":
        print(json.dumps([s.as_dict() for s in found], indent=2))
    else:
        for s in found:
            print(s.line_text())
        summary = f"{len(found)} of {sum(len(v) for v in kb.entries.values())} entries"
        what = (
            "whose newest source was read more than"
            if args.by == "source"
            else "never verified, or last verified more than"
        )
        print(f"kb: {summary} {what} {args.days} days ago", file=sys.stderr)
    return 1 if found else 0
