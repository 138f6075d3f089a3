"""Parsed and validated entry files kept between loads, so that loading the catalogs again
(a preview server rebuilding after an edit) reads and validates only the files that changed.

A file is taken from the cache when its size and modification time are those seen last
time; otherwise it is read again, and parsed and validated again only when its bytes
differ (by hash) from those cached, or when the catalog's model is no longer the one it was
validated with. Each hit hands out a fresh copy of the document's problem list: a load adds
the problems it finds across files (a borrowed id) to the document it owns.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from kb.data.models import Entry
from kb.data.yamlread import Document

Loaded = tuple[Entry | None, Document]


@dataclass
class _Cached:
    stamp: tuple[int, int]  # (size, mtime in ns)
    digest: bytes
    model: object  # the model the entry was validated with
    entry: Entry | None
    doc: Document

    def fresh(self) -> Loaded:
        return self.entry, replace(self.doc, problems=list(self.doc.problems))


class DocumentCache:
    """Entry files by path, as :func:`kb.data.loader.load_file` returned them."""

    def __init__(self) -> None:
        self._files: dict[Path, _Cached] = {}
        self.read = 0  # files validated again by the last load (for tests and benchmarks)
        self.reused = 0

    def digest(self, path: Path) -> bytes | None:
        """The hash of the file's bytes as last loaded (None if never loaded)."""
        hit = self._files.get(path)
        return hit.digest if hit is not None else None

    def begin(self) -> None:
        """Start counting a new load."""
        self.read = self.reused = 0

    def lookup(self, path: Path, model: object) -> tuple[Loaded | None, tuple[int, int] | None]:
        """The cached result when the file's size and mtime are unchanged (and the model is
        the same), with the file's current stamp (None when it cannot be read)."""
        try:
            st = path.stat()
        except OSError:
            return None, None
        stamp = (st.st_size, st.st_mtime_ns)
        hit = self._files.get(path)
        if hit is not None and hit.stamp == stamp and hit.model is model:
            self.reused += 1
            return hit.fresh(), stamp
        return None, stamp

    def same_bytes(
        self, path: Path, raw: bytes, stamp: tuple[int, int], model: object
    ) -> Loaded | None:
        """The cached result when ``raw`` is what was validated last time (a file touched or
        saved unchanged); its new stamp is remembered."""
        hit = self._files.get(path)
        if hit is None or hit.model is not model or hit.digest != _hash(raw):
            return None
        hit.stamp = stamp
        self.reused += 1
        return hit.fresh()

    def store(
        self, path: Path, raw: bytes, stamp: tuple[int, int], model: object, loaded: Loaded
    ) -> None:
        """Remember a file just parsed and validated."""
        entry, doc = loaded
        self.read += 1
        self._files[path] = _Cached(
            stamp, _hash(raw), model, entry, replace(doc, problems=list(doc.problems))
        )

    def forget_missing(self, present: set[Path]) -> None:
        """Drop the files that are no longer there."""
        for path in [p for p in self._files if p not in present]:
            del self._files[path]


def _hash(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()
