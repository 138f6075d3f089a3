"""The ``kb`` command line: validate, schema, new, export, and the maintainer tools."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from kb import __version__

# Each module provides add_parser(subparsers) and sets ``run`` on its namespace.
COMMANDS = (
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
    sub = p.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(name).add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point. Exit codes: 0 ok, 1 invalid data or failure, 2 usage error."""
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
