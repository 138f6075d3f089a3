"""``kb new CATALOG ID``: write a valid skeleton entry, never overwriting."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from kb.commands import common
from kb.commands.common import err
from kb.data.fields import ID_PATTERN, MAX_ID
from kb.data.loader import load
from kb.data.models import CATALOGS
from kb.data.problems import display_path
from kb.outputs.skeleton import skeleton, skeleton_path
from kb.outputs.writefile import write_atomic


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the command."""
    p = sub.add_parser(
        "new",
        help="start a new entry from a valid skeleton",
        description="Write catalog/CATALOG/ID.yml with every required field filled in "
        "and the optional ones as comments. Refuses to overwrite an existing file.",
    )
    p.add_argument(
        "catalog", choices=list(CATALOGS), metavar="CATALOG", help="one of: " + ", ".join(CATALOGS)
    )
    p.add_argument("id", metavar="ID", help="lowercase-kebab id, e.g. label-studio")
    p.add_argument(
        "--catalog-dir", type=Path, default=common.DEFAULT_ROOT, help="default: catalog/"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the skeleton; exit 2 on a bad id, 1 if the file exists."""
    if not re.fullmatch(ID_PATTERN, args.id):
        err(f"'{args.id}' is not a valid id: use lowercase letters, digits and single hyphens")
        return 2
    if len(args.id) > MAX_ID:  # the validator would refuse it (and the file system may too)
        err(f"the id is {len(args.id)} characters; the limit is {MAX_ID}")
        return 2
    path = skeleton_path(args.catalog_dir, args.catalog, args.id)
    if path.exists() or path.is_symlink():
        err(f"{display_path(path)} already exists; not overwritten")
        return 1
    text = skeleton(load(args.catalog_dir), args.catalog, args.id)
    try:
        write_atomic(path, text, overwrite=False)
    except FileExistsError:
        err(f"{display_path(path)} already exists; not overwritten")
        return 1
    except OSError as exc:  # e.g. --catalog-dir names a file
        err(f"cannot write {display_path(path)}: {exc.strerror or exc}")
        return 1
    print(display_path(path))
    return 0
