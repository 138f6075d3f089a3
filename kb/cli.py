"""The ``kb`` command line: validate, schema, new, export, and the maintainer tools."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kb import __version__
from kb.commands import common
from kb.commands.common import err
from kb.data.definitions import in_use
from kb.engines.siteconfig import ConfigError, find_config, use_site

# Each module provides add_parser(subparsers) and sets ``run`` on its namespace.
COMMANDS = (
    "kb.commands.init",
    "kb.commands.validate",
    "kb.commands.schema",
    "kb.commands.new",
    "kb.commands.export",
    "kb.commands.stale",
    "kb.commands.diff",
    "kb.commands.check_links",
    "kb.commands.generate",
    "kb.commands.check_site",
)


def parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    p = argparse.ArgumentParser(
        prog="kb", description="Validate, export and maintain the knowledge-base catalogs."
    )
    p.add_argument("--version", action="version", version=f"kb {__version__}")
    p.add_argument(
        "--config",
        type=Path,
        dest="site_config",
        metavar="FILE",
        help="the site's mkdocs.yml (default: the nearest one from here up)",
    )
    sub = p.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(name).add_parser(sub)
    return p


def _site(argv: Sequence[str]) -> int | None:
    """Put the site's catalog definitions in use before the commands are built (their
    choices name the site's catalogs); an exit code when that fails."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--config", type=Path)
    known, rest = pre.parse_known_args(argv)
    words = [a for a in rest if not a.startswith("-")]
    if not words or words[0] == "init" or {"-h", "--help", "--version"} & set(argv):
        return None  # `kb init` makes a site; help needs none
    config = find_config(known.config)
    if config is None and in_use():
        return None  # a program that put its site's definitions in use calls main()
    if config is None:
        err("no mkdocs.yml here or above: run kb in the site's folder, or pass --config FILE")
        return 2
    try:
        site = use_site(config)
    except ConfigError as exc:
        err(str(exc))
        return 1 if config.is_file() else 2
    common.DEFAULT_ROOT = site.catalog_dir
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point. Exit codes: 0 ok, 1 invalid data or failure, 2 usage error."""
    argv = list(sys.argv[1:] if argv is None else argv)
    failed = _site(argv)
    if failed is not None:
        return failed
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        print("kb: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`kb stale | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # a contributor must never see a traceback
        print(
            f"kb: internal error: {type(exc).__name__}: {exc} (please report it)", file=sys.stderr
        )
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
