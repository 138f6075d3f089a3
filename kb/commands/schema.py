"""``kb schema [--out DIR] [--check]``: write (or check) the JSON Schema of every catalog."""

from __future__ import annotations

import argparse
from pathlib import Path

from kb.commands.common import err
from kb.data.models import CATALOGS
from kb.outputs.schema import SCHEMA_DIR, schema_name, schema_text, write_schemas


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the command."""
    p = sub.add_parser(
        "schema",
        help="write the JSON Schema of every catalog to schema/",
        description="Write <catalog>.schema.json for every catalog. The files are committed; "
        "--check exits 1 when they differ from the models.",
    )
    p.add_argument("--out", type=Path, default=Path(SCHEMA_DIR), help="default: schema/")
    p.add_argument("--check", action="store_true", help="only report drift, write nothing")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write or check the schemas."""
    if args.check:
        stale = [
            name
            for name in CATALOGS
            if not (args.out / schema_name(name)).is_file()
            or (args.out / schema_name(name)).read_text(encoding="utf-8") != schema_text(name)
        ]
        for name in stale:
            err(f"{args.out / schema_name(name)} is out of date; run: kb schema")
        return 1 if stale else 0
    try:
        written = write_schemas(args.out)
    except OSError as exc:  # a bad --out is the user's to fix, not a crash to report
        err(f"cannot write to {exc.filename or args.out}: {exc.strerror or exc}")
        return 1
    for path in written:
        print(path)
    return 0
