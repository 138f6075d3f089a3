"""``kb check-site SITE_DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb.commands import common
from kb.commands.common import err
from kb.data.loader import load
from kb.data.problems import format_problems
from kb.upkeep.checksite import check


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the command."""
    p = sub.add_parser(
        "check-site",
        help="check that a built site holds every page, download, schema and asset",
        description="Check a built site (any engine) against the catalogs: every catalog, "
        "compare and entry page, every download and schema, the table script and stylesheet "
        "on every page with a table, and no directive left unexpanded. Lists what is wrong; "
        "exit 0 when nothing is, 1 otherwise.",
    )
    p.add_argument("site", type=Path, metavar="SITE_DIR")
    p.add_argument(
        "--catalog-dir", type=Path, default=common.DEFAULT_ROOT, help="default: catalog/"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check, listing every problem."""
    if not args.site.is_dir():
        err(f"{args.site}: no such folder (build the site first)")
        return 2
    kb = load(args.catalog_dir)
    if not kb.ok:
        print(format_problems(kb.problems), file=sys.stderr)
        err("cannot check the site: fix the problems above first")
        return 1
    problems = check(kb, args.site)
    for line in problems:
        print(f"{args.site}/{line}")
    if problems:
        err(f"{args.site}: {len(problems)} problem(s); the site is incomplete")
        return 1
    print(f"kb check-site: {args.site} holds every page, download, schema and asset")
    return 0
