"""The build's date and time: now, or ``SOURCE_DATE_EPOCH`` for a reproducible build."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def build_time() -> datetime:
    """When the site is built, in UTC, to the second.

    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) pins it, so two builds of the
    same data give the same bytes; a value that is not a whole number is ignored.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)
