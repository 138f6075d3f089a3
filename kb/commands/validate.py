"""``kb validate [PATH ...] [--format text|github|json]``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kb.commands import common
from kb.commands.common import err
from kb.data.loader import load
from kb.data.models import CATALOGS
from kb.data.problems import Problem, display_path, format_problems, one_line


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the command."""
    p = sub.add_parser(
        "validate",
        help="check catalog files and report every problem with file:line:col",
        description="Validate entries. PATH may be the catalog folder, one catalog's folder, "
        "or entry files; references are always checked against the whole catalog.",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="default: catalog/")
    p.add_argument("--format", choices=("text", "github", "json"), default="text")
    p.set_defaults(run=run)


def _root_of(path: Path) -> Path:
    """The folder of catalogs that ``path`` (a file, a catalog or the root) belongs to."""
    # Anything inside a catalog folder: catalog/<catalog>/<id>.yml, or a stray deeper down.
    inside = next((p for p in _absolute(path).parents if p.name in CATALOGS), None)
    if inside is not None:
        return inside.parent
    if path.is_file() or path.suffix == ".yml":
        return path.parent.parent
    if path.name in CATALOGS:
        return path.parent
    return path


def _absolute(path: Path) -> Path:
    """The absolute path, following no symbolic link inside a catalog folder: a linked entry
    or catalog folder must be matched as itself (and reported), not as what it points to."""
    lexical = Path(os.path.abspath(path))
    for folder in lexical.parents:
        if folder.name in CATALOGS:
            return folder.parent.resolve() / lexical.relative_to(folder.parent)
    linked = path.is_symlink() and (path.name in CATALOGS or path.suffix == ".yml")
    return path.parent.resolve() / path.name if linked else path.resolve()


def _selected(problem: Problem, selected: list[str]) -> bool:
    """A problem in a selected path, or in a folder that contains one (a selected file in a
    folder that is no catalog must not pass silently)."""
    target = os.path.normpath(problem.path)
    return any(
        target == s or target.startswith(s + os.sep) or s.startswith(target + os.sep)
        for s in selected
    )


def run(args: argparse.Namespace) -> int:
    """Exit 0 when valid, 1 when anything is invalid, 2 when a path does not exist."""
    paths: list[Path] = args.paths or [common.DEFAULT_ROOT]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        err(f"no such file or folder: {missing[0]}")
        return 2
    problems: list[Problem] = []
    count = 0
    for root in dict.fromkeys(_root_of(p).resolve() for p in paths):
        kb = load(Path(display_path(root)))
        chosen = [
            # as problems show paths: odd characters escaped (see Problem)
            one_line(os.path.normpath(display_path(_absolute(p))))
            for p in paths
            if _root_of(p).resolve() == root
        ]
        problems += [pr for pr in kb.problems if _selected(pr, chosen)]
        count += sum(len(v) for v in kb.entries.values())
    if problems:
        # Problems go to stdout, as linters print their findings (`kb validate | grep x`);
        # the count is a remark for people, on stderr.
        if args.format == "text":
            print(format_problems(problems, "text"))
            err(f"{len(problems)} problem(s) found")
        else:
            print(format_problems(problems, args.format))
        return 1
    if args.format == "json":
        print("[]")
    elif args.format == "text":
        print(f"ok: {count} entries valid")
    return 0
