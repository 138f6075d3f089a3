"""``kb check-links [PATH]``: every source and website URL, checked over the network."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Collection
from pathlib import Path

from kb.commands import common
from kb.commands.common import err
from kb.data.loader import load
from kb.data.problems import one_line
from kb.upkeep.linkcheck import Options, check, collect


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the command."""
    p = sub.add_parser(
        "check-links",
        help="check that every source, website and repository URL still answers",
        description="Request every URL in the catalogs (HEAD, then GET if HEAD is refused) "
        "and report each failure as path:line:col. Only public addresses are requested: a "
        "URL or redirect leading to a loopback, private or other internal address is "
        "reported as refused. Exit 0 when all answer, 1 otherwise.",
    )
    p.add_argument("path", nargs="?", type=Path, default=common.DEFAULT_ROOT, metavar="PATH")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    p.add_argument("--concurrency", type=int, default=8, help="requests at once")
    p.add_argument("--retries", type=int, default=2, help="extra tries after a failure")
    p.add_argument(
        "--per-host-delay",
        type=float,
        default=1.0,
        help="minimum seconds between two requests to one host",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace, *, allow_private: Collection[tuple[str, int]] = ()) -> int:
    """Report failures (stdout, one per place) and a summary (stderr). ``allow_private``
    lets tests reach their local server; the command line never passes it."""
    if not args.path.is_dir():
        err(f"no such folder: {args.path}")
        return 2
    if args.timeout <= 0 or args.concurrency < 1 or args.retries < 0 or args.per_host_delay < 0:
        err("--timeout must be > 0, --concurrency >= 1, --retries and --per-host-delay >= 0")
        return 2
    places = collect(load(args.path))
    opts = Options(
        args.timeout,
        args.concurrency,
        args.retries,
        args.per_host_delay,
        allow_private=allow_private,
    )
    results = check(sorted(places), opts)
    failures = [r for r in results if r.error]
    for r in results:
        for place in places[r.url]:
            if r.error:
                print(f"{place.path}:{place.line}:{place.col}: {r.url}: {r.error}")
            elif r.final_url:
                print(
                    f"{place.path}:{place.line}:{place.col}: note: {r.url} redirects to "
                    f"{one_line(r.final_url)}",
                    file=sys.stderr,
                )
    err(f"{len(results) - len(failures)} of {len(results)} URLs answer")
    return 1 if failures else 0
