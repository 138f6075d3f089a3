"""``kb diff BASE [HEAD] [--format markdown|json]``: catalog changes between revisions."""

from __future__ import annotations

import argparse
from pathlib import Path

from kb.commands import common
from kb.commands.common import err
from kb.upkeep.diff import GitError, diff, to_json, to_markdown


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the command."""
    p = sub.add_parser(
        "diff",
        help="entries added, removed and changed between two git revisions",
        description="Compare the catalogs at two git revisions, or at BASE and the working "
        "tree when HEAD is left out (uncommitted edits and new files included), and print the "
        "entries added, removed and changed field by field, as Markdown for a pull-request "
        "comment or as JSON. Exit 0, or 2 when a revision is unknown.",
    )
    p.add_argument("base", metavar="BASE", help="the revision before, e.g. origin/main")
    p.add_argument(
        "head",
        nargs="?",
        default=None,
        metavar="HEAD",
        help="the revision after (default: the working tree, as it is on disk)",
    )
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    p.add_argument(
        "--catalog-dir",
        default=str(common.DEFAULT_ROOT),
        help="the catalog folder inside the repository (default: catalog)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the diff; exit 2 when git cannot read a revision."""
    try:
        result = diff(Path("."), args.base, args.head, args.catalog_dir)
    except (GitError, FileNotFoundError) as exc:
        err(f"diff: {exc}")
        return 2
    print(to_json(result) if args.format == "json" else to_markdown(result), end="")
    return 0
