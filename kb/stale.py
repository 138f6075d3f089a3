"""Staleness: entries whose facts were last checked too long ago."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kb.catalog import KnowledgeBase
from kb.loader import display_path

DEFAULT_STALE_DAYS = 365


def age_days(last_verified: date, today: date | None = None) -> int:
    """Days since the entry was last verified."""
    return ((today or date.today()) - last_verified).days


def is_stale(
    last_verified: date, days: int = DEFAULT_STALE_DAYS, today: date | None = None
) -> bool:
    """True when ``last_verified`` is more than ``days`` days ago."""
    return age_days(last_verified, today) > days


@dataclass(frozen=True)
class Stale:
    """One entry due for re-verification, and where its date is written."""

    path: str
    line: int
    col: int
    catalog: str
    id: str
    last_verified: date
    age: int

    def line_text(self) -> str:
        """``path:line:col: catalog/id last verified DATE (N days ago)``."""
        return (
            f"{self.path}:{self.line}:{self.col}: {self.catalog}/{self.id} last verified "
            f"{self.last_verified.isoformat()} ({self.age} day{'' if self.age == 1 else 's'} ago)"
        )

    def as_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "path": self.path, "line": self.line, "col": self.col, "catalog": self.catalog,
            "id": self.id, "last_verified": self.last_verified.isoformat(), "age_days": self.age,
        }


def stale_entries(
    kb: KnowledgeBase, days: int = DEFAULT_STALE_DAYS, today: date | None = None
) -> list[Stale]:
    """Every valid entry verified more than ``days`` days ago, oldest first."""
    found = []
    for catalog, entry in kb.all():
        if not is_stale(entry.last_verified, days, today):
            continue
        doc = kb.documents.get((catalog, entry.id))
        line, col = doc.where(("last_verified",)) if doc else (1, 1)
        path = display_path(kb.path_of(catalog, entry.id))
        age = age_days(entry.last_verified, today)
        found.append(Stale(path, line, col, catalog, entry.id, entry.last_verified, age))
    return sorted(found, key=lambda s: (s.last_verified, s.catalog, s.id))
