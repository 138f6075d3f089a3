"""What a change does to the catalogs between two git revisions: entries added, removed,
and changed field by field. Reads the files with the project's own safe YAML reader."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment, PackageLoader

from kb.models import CATALOGS
from kb.yamlread import parse


class GitError(Exception):
    """git refused: not a repository, or an unknown revision."""


@dataclass
class CatalogDiff:
    """The changes to one catalog."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[tuple[str, Any, Any]]] = field(default_factory=dict)


@dataclass
class Diff:
    """The changes between two revisions, by catalog, and files that could not be read."""

    base: str
    head: str
    catalogs: dict[str, CatalogDiff] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when no entry changed."""
        return not self.catalogs


def _git(repo: Path, *args: str) -> bytes:
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[0] if message else f"git {args[0]} failed")
    return proc.stdout


def _entries(repo: Path, rev: str, folder: str) -> tuple[dict[tuple[str, str], Any], list[str]]:
    """The raw data of every entry file at ``rev``, and the files that did not parse."""
    try:
        _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError:
        _git(repo, "rev-parse", "--git-dir")  # "not a git repository" when that is the cause
        raise GitError(f"'{rev}' is not a revision of this repository") from None
    names = _git(repo, "ls-tree", "-r", "--name-only", "-z", rev, "--", folder)
    found: dict[tuple[str, str], Any] = {}
    bad: list[str] = []
    for name in filter(None, names.decode("utf-8", "replace").split("\0")):
        path = PurePosixPath(name)
        if path.suffix != ".yml" or path.parent.name not in CATALOGS:
            continue
        doc = parse(_git(repo, "show", f"{rev}:{name}"), name)
        if doc.problems or not isinstance(doc.data, dict):
            bad.append(f"{name} at {rev}")
            continue
        found[(path.parent.name, path.stem)] = doc.data
    return found, bad


def _changes(
    old: dict[str, Any], new: dict[str, Any], prefix: str = ""
) -> list[tuple[str, Any, Any]]:
    """Changed fields; a mapping on both sides (a rating) is compared key by key, so a
    reviewer sees ``price.rating: expensive → average`` rather than two whole mappings."""
    keys = list(old) + [k for k in new if k not in old]
    found: list[tuple[str, Any, Any]] = []
    for k in keys:
        a, b = old.get(k), new.get(k)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            found += _changes(a, b, f"{prefix}{k}.")
        else:
            found.append((f"{prefix}{k}", a, b))
    return found


def diff(repo: Path, base: str, head: str = "HEAD", folder: str = "catalog") -> Diff:
    """Compare the catalogs at two revisions of the git repository ``repo``."""
    before, bad_before = _entries(repo, base, folder)
    after, bad_after = _entries(repo, head, folder)
    result = Diff(base, head, unreadable=list(dict.fromkeys(bad_before + bad_after)))
    for catalog, entry_id in sorted(before.keys() | after.keys()):
        change = result.catalogs.setdefault(catalog, CatalogDiff())
        if (catalog, entry_id) not in before:
            change.added.append(entry_id)
        elif (catalog, entry_id) not in after:
            change.removed.append(entry_id)
        else:
            fields = _changes(before[(catalog, entry_id)], after[(catalog, entry_id)])
            if fields:
                change.changed[entry_id] = fields
        if not (change.added or change.removed or change.changed):
            del result.catalogs[catalog]
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_json(d: Diff) -> str:
    """The diff as JSON: ``{"base", "head", "catalogs": {name: {added, removed, changed}}}``."""
    catalogs = {
        name: {
            "added": c.added,
            "removed": c.removed,
            "changed": {
                entry: [{"field": f, "before": _plain(a), "after": _plain(b)} for f, a, b in rows]
                for entry, rows in c.changed.items()
            },
        }
        for name, c in d.catalogs.items()
    }
    return (
        json.dumps(
            {"base": d.base, "head": d.head, "catalogs": catalogs, "unreadable": d.unreadable},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


# Longest text kept from one value, counted in characters as a reader sees them.
CUT = 120

# Every character of entry data that Markdown or HTML could read as syntax, as the text
# that shows it literally: HTML's three as entities (no tag or entity can start), the others
# behind a backslash (GitHub-flavoured Markdown's escape for any ASCII punctuation; ``\|``
# also keeps a pipe from splitting a table cell). ``~`` would strike text through, ``$``
# starts math on GitHub.
_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    **{c: "\\" + c for c in "\\`*_[]()!|~$"},
}

# A name shown as code: a code span shows its content literally, but a backtick would end it
# and a pipe still splits a table cell, so only plain names get one.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_.,:/~^@+-]+(?: [A-Za-z0-9_.,:/~^@+-]+)*")


def escape(text: str, limit: int = CUT) -> str:
    """``text`` as literal Markdown on one line, at most ``limit`` characters as shown.

    Line breaks and runs of white space become one space (a table cell is one line). The
    text is escaped first and cut afterwards at a whole escaped character, so a cut can
    leave neither half an escape (``\\`` before the ellipsis, ``&l``) nor half a tag: there
    are no tags, every ``<`` is ``&lt;``.
    """
    pieces = [_ESCAPES.get(c, c) for c in " ".join(text.split())]
    if len(pieces) > limit:
        pieces = [*pieces[: limit - 1], "…"]
    return "".join(pieces)


def _cell(value: Any) -> str:
    """A value for a Markdown table cell: escaped, one line, cut (see :func:`escape`)."""
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(_plain(value), ensure_ascii=False)
    return escape(text)


def _code(name: Any) -> str:
    """An entry id, field name or file name: as code when it is a plain name, otherwise as
    escaped text (a file name or a key in a pull request can be anything)."""
    text = str(name)
    if len(text) <= CUT and _PLAIN_NAME.fullmatch(text):
        return f"`{text}`"
    return escape(text)


def to_markdown(d: Diff) -> str:
    """The diff as Markdown for a pull-request comment (a template in the package)."""
    env = Environment(
        loader=PackageLoader("kb", "templates"),
        autoescape=False,  # Markdown, not HTML: every value passes through a filter below
        keep_trailing_newline=True,
    )
    env.filters["cell"] = _cell
    env.filters["code"] = _code
    return env.get_template("diff.md").render(
        base=d.base,
        head=d.head,
        empty=d.empty,
        catalogs=d.catalogs,
        unreadable=d.unreadable,
        titles={name: spec.title for name, spec in CATALOGS.items()},
    )
