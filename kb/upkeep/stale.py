"""Staleness: entries whose facts were last checked too long ago, or never re-checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kb.data.age import DEFAULT_STALE_DAYS, age_days, is_stale
from kb.data.catalog import KnowledgeBase
from kb.data.definitions import wording
from kb.data.models import Entry
from kb.data.problems import display_path


@dataclass(frozen=True)
class Stale:
    """One entry due for re-verification, and where its date is written."""

    path: str
    line: int
    col: int
    catalog: str
    id: str
    last_verified: date | None
    age: int | None
    seed_only: bool
    newest_source: date | None = None  # the latest date one of its sources was read
    by: str = "verified"  # what made it stale: "verified" or "source"

    def line_text(self) -> str:
        """``path:line:col: catalog/id last verified DATE (N days ago)``, or why it was never
        re-checked."""
        where = f"{self.path}:{self.line}:{self.col}: {self.catalog}/{self.id}"
        if self.by == "source" and self.newest_source is not None and self.age is not None:
            days = f"{self.age} day{'' if self.age == 1 else 's'} ago"
            return f"{where} newest source read {self.newest_source.isoformat()} ({days})"
        if self.last_verified is None or self.age is None:
            return f"{where} never verified against its sources"
        if self.seed_only:
            return f"{where} {wording().seed_stale}"
        days = f"{self.age} day{'' if self.age == 1 else 's'} ago"
        return f"{where} last verified {self.last_verified.isoformat()} ({days})"

    def as_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "catalog": self.catalog,
            "id": self.id,
            "last_verified": self.last_verified.isoformat() if self.last_verified else None,
            "age_days": self.age,
            "seed_only": self.seed_only,
            "newest_source": self.newest_source.isoformat() if self.newest_source else None,
            "by": self.by,
        }


def newest_source(entry: Entry) -> date:
    """The latest date one of the entry's sources was read."""
    return max(s.accessed for s in entry.sources)


def stale_entries(
    kb: KnowledgeBase,
    days: int = DEFAULT_STALE_DAYS,
    today: date | None = None,
    by: str = "verified",
) -> list[Stale]:
    """Every valid entry verified more than ``days`` days ago, oldest first; with
    ``by="source"``, every entry whose newest source was read more than ``days`` days ago
    (facts age with their sources even when someone re-verified against old pages)."""
    found = []
    for catalog, entry in kb.all():
        newest = newest_source(entry)
        if by == "source":
            age: int | None = age_days(newest, today)
            if age is not None and age <= days:
                continue
        else:
            if not is_stale(entry, days, today):
                continue
            verified = entry.last_verified
            age = None if verified is None else age_days(verified, today)
        doc = kb.documents.get((catalog, entry.id))
        field = "sources" if by == "source" else "last_verified"
        line, col = doc.where((field,)) if doc else (1, 1)
        path = display_path(kb.path_of(catalog, entry.id))
        found.append(
            Stale(
                path,
                line,
                col,
                catalog,
                entry.id,
                entry.last_verified,
                age,
                entry.seed_only,
                newest,
                by,
            )
        )

    # Oldest first (never verified first, by verification).
    def key(s: Stale) -> tuple[date, str, str]:
        when = s.newest_source if by == "source" else s.last_verified
        return (when or date.min, s.catalog, s.id)

    return sorted(found, key=key)
