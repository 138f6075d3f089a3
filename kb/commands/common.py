"""Utilities shared by the sub-commands."""

from __future__ import annotations

import sys
from pathlib import Path

# The site's catalog folder; kb.cli sets it from the site's configuration before the commands
# are built.
DEFAULT_ROOT = Path("catalog")


def err(message: str) -> None:
    """One line on stderr."""
    print(f"kb: {message}", file=sys.stderr)
