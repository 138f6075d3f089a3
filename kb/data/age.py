"""How old an entry's verification is: shared by the entry pages and the maintainers' report."""

from __future__ import annotations

from datetime import date

from kb.data.models import Entry

DEFAULT_STALE_DAYS = 365


def age_days(last_verified: date, today: date | None = None) -> int:
    """Days since the entry was last verified."""
    return ((today or date.today()) - last_verified).days


def is_stale(entry: Entry, days: int = DEFAULT_STALE_DAYS, today: date | None = None) -> bool:
    """True when the entry was never re-checked (no ``last_verified``, or only seed
    articles behind it) or was last verified more than ``days`` days ago."""
    if entry.last_verified is None or entry.seed_only:
        return True
    return age_days(entry.last_verified, today) > days
