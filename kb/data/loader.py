"""Load catalog folders into validated entries, collecting every problem in one pass."""

from __future__ import annotations

import gc
import os
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kb.data.cache import DocumentCache
from kb.data.catalog import KnowledgeBase, check_references
from kb.data.citations import citation_problems
from kb.data.fields import ID_PATTERN
from kb.data.messages import describe, message_for
from kb.data.models import CATALOGS, Entry, verified_before_read
from kb.data.problems import Problem, display_path
from kb.data.yamlread import MAX_FILE_BYTES, Document, parse

_ID = re.compile(ID_PATTERN)
SUFFIX = ".yml"
# Files a catalog folder may hold besides entries (not reported as strays).
_IGNORED = {"README.md", ".gitkeep"}
# Ids whose entry pages would take the place of a catalog's own pages (index, compare).
RESERVED_IDS = frozenset({"index", "compare"})


def validate_entry(doc: Document, catalog: str, file_id: str) -> Entry | None:
    """Validate parsed data against the catalog's model; record problems on ``doc``."""
    model = CATALOGS[catalog].model
    data = doc.data
    if data is None and not doc.problems:
        doc.problem(1, 1, "file is empty; an entry is a mapping of field: value")
        return None
    if data is None:  # the reader could not make sense of the file; it said why
        return None
    if not isinstance(data, dict):
        doc.problem(1, 1, f"an entry must be a mapping of field: value, not {describe(data)}")
        return None
    entry_id = data.get("id")
    if isinstance(entry_id, str) and entry_id != file_id and _ID.fullmatch(entry_id):
        line, col = doc.where(("id",))
        doc.problem(line, col, f"id '{entry_id}' does not match the file name '{file_id}{SUFFIX}'")
    if file_id in RESERVED_IDS:
        line, col = doc.where(("id",))
        reserved = f"'{file_id}' is reserved for the catalog's own pages; pick another id"
        doc.problem(line, col, reserved)
    # The reader may have kept data despite problems (a duplicate key, an alias, a tag):
    # validate it anyway so that one run lists every mistake, but say nothing more at a
    # position the reader already flagged (an alias also reads as an empty value).
    flagged = {(p.line, p.col) for p in doc.problems}
    try:
        entry = model.model_validate(data)
    except ValidationError as err:
        allowed = list(model.model_fields)
        errors = err.errors(include_url=False)
        for error in errors:
            loc = tuple(error["loc"])
            line, col = doc.where(loc, key=error["type"] == "extra_forbidden")
            if (line, col) not in flagged:
                doc.problem(line, col, message_for(error, allowed))
        if not any(tuple(e["loc"]) == ("last_verified",) for e in errors):
            _verified_before_read(doc, data, flagged)
        return None
    for loc, message in citation_problems(entry, catalog):
        line, col = doc.where(loc)
        doc.problem(line, col, message)
    return entry if not doc.problems else None


def _verified_before_read(doc: Document, data: dict[str, Any], flagged: set[Any]) -> None:
    """The model compares ``last_verified`` with the sources' ``accessed`` dates only when
    every source is valid; with a broken source, compare the dates as written, so that this
    problem shows in the same run as the others, not only after they are fixed."""
    sources = data.get("sources")
    if not isinstance(sources, list):
        return
    accessed = [s.get("accessed") for s in sources if isinstance(s, dict)]
    error = verified_before_read(data.get("last_verified"), accessed)
    line, col = doc.where(("last_verified",))
    if error is not None and (line, col) not in flagged:
        doc.problem(line, col, f"last_verified: {error.message()}")


def load_file(
    path: Path, catalog: str, cache: DocumentCache | None = None, shown: str | None = None
) -> tuple[Entry | None, Document]:
    """Read, parse and validate one entry file (or take it from ``cache`` when the file is
    unchanged since it was cached); ``shown`` is its :func:`display_path` when the caller
    knows it. Never raises."""
    model = CATALOGS[catalog].model
    stamp = None
    if cache is not None:
        hit, stamp = cache.lookup(path, model)
        if hit is not None:
            return hit
    shown = display_path(path) if shown is None else shown
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)  # never read a huge file whole
    except OSError as err:
        doc = Document(shown)
        doc.problem(1, 1, f"cannot be read: {err.strerror or err}")
        return None, doc
    if cache is not None and stamp is not None:
        hit = cache.same_bytes(path, raw, stamp, model)
        if hit is not None:
            return hit
    doc = parse(raw, shown)
    loaded = validate_entry(doc, catalog, path.name[: -len(SUFFIX)]), doc
    if cache is not None and stamp is not None:
        cache.store(path, raw, stamp, model, loaded)
    return loaded


def _stray(path: Path, message: str) -> Problem:
    return Problem(display_path(path), 1, 1, message)


def _claim_id(doc: Document, file_id: str, owners: dict[str, str]) -> None:
    """Report an id that is the name of another entry file of the same catalog. Each file
    owns the id of its name, so the problem lands on the file that borrowed the id (the one
    a pull request touched), whatever the order of reading."""
    data = doc.data
    entry_id = data.get("id") if isinstance(data, dict) else None
    if isinstance(entry_id, str) and entry_id != file_id and entry_id in owners:
        line, col = doc.where(("id",))
        doc.problem(line, col, f"duplicate id '{entry_id}': already used by {owners[entry_id]}")


def _scan_catalog(
    folder: Path, catalog: str, kb: KnowledgeBase, cache: DocumentCache | None = None
) -> None:
    items = sorted(folder.iterdir())
    # display_path of each file, from the folder's: os.path.relpath per file took a
    # twentieth of a load.
    where = display_path(folder)
    shown = {
        item.name: item.name if where == "." else os.path.join(where, item.name) for item in items
    }
    owners = {
        item.name[: -len(SUFFIX)]: shown[item.name]
        for item in items
        if item.name.endswith(SUFFIX)
        and _ID.fullmatch(item.name[: -len(SUFFIX)])
        and item.is_file()
        and not item.is_symlink()
    }
    for item in items:
        if item.name.startswith(".") or item.name in _IGNORED:
            continue
        if item.is_symlink():
            kb.problems.append(_stray(item, "is a symbolic link; entries must be regular files"))
            continue
        if not item.is_file() or not item.name.endswith(SUFFIX):
            kb.problems.append(
                _stray(item, f"is not an entry: entries are files named <id>{SUFFIX}")
            )
            continue
        file_id = item.name[: -len(SUFFIX)]
        if not _ID.fullmatch(file_id):
            kb.problems.append(
                _stray(item, f"file name '{item.name}' is not <lowercase-kebab-id>{SUFFIX}")
            )
            continue
        entry, doc = load_file(item, catalog, cache, shown[item.name])
        _claim_id(doc, file_id, owners)
        kb.documents[(catalog, file_id)] = doc
        kb.problems.extend(doc.problems)
        if entry is not None:
            kb.add(catalog, entry)


def load(root: Path, cache: DocumentCache | None = None) -> KnowledgeBase:
    """Load every catalog folder under ``root``; invalid entries are left out, with problems.
    With a ``cache`` (kept between loads), only the files that changed are read again.

    Python's cyclic garbage collector is paused meanwhile: loading makes hundreds of
    thousands of small objects and no cycles, and the collections it would trigger took a
    fifth of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(root, cache)
    finally:
        if enabled:
            gc.enable()


def _load(root: Path, cache: DocumentCache | None) -> KnowledgeBase:
    kb = KnowledgeBase(root=root)
    if cache is not None:
        cache.begin()
    if not root.is_dir():
        kb.problems.append(_stray(root, "is not a folder of catalogs"))
        return kb
    for item in sorted(root.iterdir()):
        if item.name.startswith(".") or item.name in _IGNORED:
            continue
        if item.is_symlink():
            kb.problems.append(_stray(item, "is a symbolic link; catalogs must be real folders"))
        elif item.is_dir() and item.name in CATALOGS:
            _scan_catalog(item, item.name, kb, cache)
        elif item.is_dir():
            known = ", ".join(CATALOGS)
            kb.problems.append(_stray(item, f"'{item.name}' is not a catalog; known: {known}"))
        else:
            kb.problems.append(_stray(item, "is not inside a catalog folder"))
    check_references(kb)
    kb.problems.sort()
    if cache is not None:
        cache.forget_missing({kb.path_of(*key) for key in kb.documents})
    return kb
