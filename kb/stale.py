"""Staleness: entries whose facts were last checked too long ago."""

from __future__ import annotations

from datetime import date

DEFAULT_STALE_DAYS = 365


def age_days(last_verified: date, today: date | None = None) -> int:
    """Days since the entry was last verified."""
    return ((today or date.today()) - last_verified).days


def is_stale(
    last_verified: date, days: int = DEFAULT_STALE_DAYS, today: date | None = None
) -> bool:
    """True when ``last_verified`` is more than ``days`` days ago."""
    return age_days(last_verified, today) > days
