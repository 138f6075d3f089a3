"""What a change does to the catalogs between two git revisions: entries added, removed,
and changed field by field. Reads the files with the project's own safe YAML reader."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from jinja2 import Environment, PackageLoader

from kb.data.models import CATALOGS
from kb.data.yamlread import MAX_FILE_BYTES, parse


class GitError(Exception):
    """git refused: not a repository, or an unknown revision."""


class Change(NamedTuple):
    """One line of a changed entry: a field's value changed (``kind`` "changed"; a value
    set or cleared has None on the other side), or one item of a list field ``added`` or
    ``removed`` (the item in ``after`` or ``before``). ``field`` is a path: ``price.rating``,
    ``sources[1].accessed`` (the item's index in the newer list)."""

    field: str
    before: Any
    after: Any
    kind: str = "changed"


@dataclass
class CatalogDiff:
    """The changes to one catalog."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[Change]] = field(default_factory=dict)


# How the working tree is named where a revision would be (``kb diff BASE`` alone).
WORKTREE = "the working tree"


@dataclass
class Diff:
    """The changes between two revisions (``head`` may be :data:`WORKTREE`), by catalog,
    and files that could not be read."""

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


def _worktree_entries(repo: Path, folder: str) -> tuple[dict[tuple[str, str], Any], list[str]]:
    """The raw data of every entry file on disk, edits not yet committed (nor staged) and
    new files included, and the files that did not parse. A symbolic link is not read."""
    _git(repo, "rev-parse", "--git-dir")  # "not a git repository" when that is the cause
    found: dict[tuple[str, str], Any] = {}
    bad: list[str] = []
    for catalog in CATALOGS:
        directory = repo / folder / catalog
        if not directory.is_dir() or directory.is_symlink():
            continue
        for path in sorted(directory.glob("*.yml")):
            name = f"{folder}/{catalog}/{path.name}"
            if path.is_symlink() or not path.is_file():
                bad.append(f"{name} in {WORKTREE}")
                continue
            with path.open("rb") as fh:
                raw = fh.read(MAX_FILE_BYTES + 1)
            doc = parse(raw, name)
            if doc.problems or not isinstance(doc.data, dict):
                bad.append(f"{name} in {WORKTREE}")
                continue
            found[(catalog, path.stem)] = doc.data
    return found, bad


def _changes(old: dict[str, Any], new: dict[str, Any], prefix: str = "") -> list[Change]:
    """Changed fields; a mapping on both sides (a rating, a free quota) is compared key by
    key, so a reviewer sees ``price.rating: expensive → average`` rather than two whole
    mappings, and a list on both sides item by item (:func:`_list_changes`)."""
    keys = list(old) + [k for k in new if k not in old]
    found: list[Change] = []
    for k in keys:
        a, b = old.get(k), new.get(k)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            found += _changes(a, b, f"{prefix}{k}.")
        elif isinstance(a, list) and isinstance(b, list):
            found += _list_changes(a, b, f"{prefix}{k}")
        else:
            found.append(Change(f"{prefix}{k}", a, b))
    return found


# What identifies an item of a list of mappings across two versions (a source by its URL).
_ITEM_KEYS = ("id", "url", "name", "title")


def _list_changes(old: list[Any], new: list[Any], name: str) -> list[Change]:
    """One line per item removed and per item added; a mapping item that changed (matched by
    its id, URL, name or title, else by its place among the changed items) field by field.
    Items only reordered are one line with both lists."""
    left = list(enumerate(old))
    right = list(enumerate(new))
    for item in old:  # unchanged items, each matched once (a list may repeat a value)
        i = next((n for n, (_, x) in enumerate(left) if x == item), None)
        j = next((n for n, (_, y) in enumerate(right) if y == item), None)
        if i is not None and j is not None:
            del left[i], right[j]
    if not left and not right:
        return [Change(name, old, new)]
    pairs: list[tuple[Any, int, Any]] = []
    for key in _ITEM_KEYS:
        for a in list(left):
            if not isinstance(a[1], dict) or a[1].get(key) is None:
                continue
            b = next(
                (b for b in right if isinstance(b[1], dict) and b[1].get(key) == a[1][key]), None
            )
            if b is not None:
                left.remove(a)
                right.remove(b)
                pairs.append((a[1], b[0], b[1]))
    if len(left) == len(right) and all(isinstance(x, dict) for _, x in left + right):
        pairs += [(a, j, b) for (_, a), (j, b) in zip(left, right, strict=True)]
        left, right = [], []
    found: list[Change] = []
    for a, j, b in sorted(pairs, key=lambda p: p[1]):
        found += _changes(a, b, f"{name}[{j}].")
    found += [Change(name, x, None, "removed") for _, x in left]
    found += [Change(name, None, y, "added") for _, y in right]
    return found


def diff(repo: Path, base: str, head: str | None = "HEAD", folder: str = "catalog") -> Diff:
    """Compare the catalogs at two revisions of the git repository ``repo``; with ``head``
    None, compare ``base`` with the files on disk (:data:`WORKTREE`)."""
    before, bad_before = _entries(repo, base, folder)
    if head is None:
        head = WORKTREE
        after, bad_after = _worktree_entries(repo, folder)
    else:
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
    """The diff as JSON: ``{"base", "head", "catalogs": {name: {added, removed, changed}}}``;
    ``changed`` maps an entry to its lines, ``{"field", "change", "before", "after"}`` with
    ``change`` one of "changed", "added" or "removed" (an item of a list)."""
    catalogs = {
        name: {
            "added": c.added,
            "removed": c.removed,
            "changed": {
                entry: [
                    {
                        "field": row.field,
                        "change": row.kind,
                        "before": _plain(row.before),
                        "after": _plain(row.after),
                    }
                    for row in rows
                ]
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
# and a pipe still splits a table cell, so only plain names get one (with an item's index,
# ``sources[1].accessed``).
_PLAIN_NAME = re.compile(
    r"(?:[A-Za-z0-9_.,:/~^@+-]|\[[0-9]+\])+(?: (?:[A-Za-z0-9_.,:/~^@+-]|\[[0-9]+\])+)*"
)


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
    value = _plain(value)  # a date as YYYY-MM-DD
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
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
        worktree=d.head == WORKTREE,
        empty=d.empty,
        catalogs=d.catalogs,
        unreadable=d.unreadable,
        titles={name: spec.title for name, spec in CATALOGS.items()},
    )
