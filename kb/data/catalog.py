"""The validated knowledge base: entries by catalog and id, and the reference index."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.data.introspect import ref_fields
from kb.data.messages import describe, suggest
from kb.data.models import CATALOGS, Entry
from kb.data.problems import Problem
from kb.data.yamlread import Document


@dataclass(frozen=True)
class Reference:
    """One entry naming another: ``source`` field ``field`` points at ``target``."""

    source: tuple[str, str]
    field: str
    target: tuple[str, str]


@dataclass
class KnowledgeBase:
    """Every valid entry, where it came from, and every problem found while loading."""

    root: Path
    entries: dict[str, dict[str, Entry]] = field(
        default_factory=lambda: {name: {} for name in CATALOGS}
    )
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    _indexes: dict[str, tuple[int, dict[tuple[str, str], list[Reference]]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def ok(self) -> bool:
        """True when nothing was wrong."""
        return not self.problems

    def add(self, catalog: str, entry: Entry) -> None:
        """Add a valid entry (ids are unique per catalog since file name = id)."""
        self.entries[catalog][entry.id] = entry

    def get(self, catalog: str, entry_id: str) -> Entry | None:
        """The entry, or None."""
        return self.entries.get(catalog, {}).get(entry_id)

    def all(self) -> Iterator[tuple[str, Entry]]:
        """Every (catalog, entry), catalogs in registry order, entries by id."""
        for name in CATALOGS:
            for entry_id in sorted(self.entries[name]):
                yield name, self.entries[name][entry_id]

    def referrers(self, catalog: str, entry_id: str) -> list[Reference]:
        """References pointing at the given entry."""
        return self._by_end("target").get((catalog, entry_id), [])

    def references_from(self, catalog: str, entry_id: str) -> list[Reference]:
        """References the given entry makes, in file order."""
        return self._by_end("source").get((catalog, entry_id), [])

    def _by_end(self, end: str) -> dict[tuple[str, str], list[Reference]]:
        # Every entry page and API response asks: index the references once, not per entry
        # (a scan per entry makes the build quadratic). Rebuilt if references were added.
        index = self._indexes.get(end)
        if index is None or index[0] != len(self.references):
            grouped: dict[tuple[str, str], list[Reference]] = {}
            for ref in self.references:
                grouped.setdefault(getattr(ref, end), []).append(ref)
            index = self._indexes[end] = (len(self.references), grouped)
        return index[1]

    def path_of(self, catalog: str, entry_id: str) -> Path:
        """The YAML file an entry lives in."""
        return self.root / catalog / f"{entry_id}.yml"


def _targets(value: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """(location suffix, id) for a raw single or list reference value."""
    if isinstance(value, str):
        return [((), value)]
    if isinstance(value, list):
        return [((i,), v) for i, v in enumerate(value) if isinstance(v, str)]
    return []


def _dangling_hint(target: str, known: set[str]) -> str:
    """The known ids when there are few (a long list would swamp the line), and the
    closest id when one looks like a typo."""
    listed = f"(known: {', '.join(sorted(known))})" if len(known) <= 12 else f"({len(known)} ids)"
    return f"{listed}{suggest(target, sorted(known))}" if known else "(none yet)"


def check_references(kb: KnowledgeBase) -> None:
    """Index every reference; report those that point at no entry, at file:line:col.

    Raw data is checked, so a dangling reference is reported even in an entry that has
    other problems; any file that exists counts as a target, so one broken entry does not
    make every entry that names it fail too.
    """
    existing = {catalog: set() for catalog in CATALOGS}  # type: dict[str, set[str]]
    for catalog, file_id in kb.documents:
        existing[catalog].add(file_id)
    for (catalog, file_id), doc in sorted(kb.documents.items()):
        if not isinstance(doc.data, dict):
            continue
        for name, target_catalog in ref_fields(CATALOGS[catalog].model).items():
            for suffix, target in _targets(doc.data.get(name)):
                if target in existing[target_catalog]:
                    kb.references.append(
                        Reference((catalog, file_id), name, (target_catalog, target))
                    )
                    continue
                line, col = doc.where((name, *suffix))
                # Never offer the entry itself (a successor is another entry).
                others = existing[target_catalog] - (
                    {file_id} if target_catalog == catalog else set()
                )
                hint = _dangling_hint(target, others)
                kb.problems.append(
                    Problem(
                        doc.path,
                        line,
                        col,
                        f"{name}: {describe(target)} is not an entry of {target_catalog} {hint}",
                    )
                )
