"""Numbers as readers read them: one place for units, so a table cell, an entry page and a
published rule print the same figure the same way."""

from __future__ import annotations

from kb.data.fields import NumberFormat

NBSP = "\u00a0"  # keeps a figure and its unit on one line


def _plain(value: int | float) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1e-4 else repr(value)


def format_number(value: int | float, display: NumberFormat | None) -> str:
    """A number as readers read it: thousands separated, a fraction as a percentage, a
    size with its unit; the model field says which (its ``Display`` marker)."""
    if display == "percent":
        # as precise as the figure was reported (0.8659 -> 86.59 %), without float noise
        return f"{round(value * 100, 4):g}" + NBSP + "%"
    if display == "megabytes":
        return _plain(value) + NBSP + "MB"
    if display == "pixels":
        return _plain(value) + NBSP + "px"
    if display in ("usd", "usd-image", "usd-month"):
        # prices keep their cents ($0.04, $9.99) and the unit says what they are per
        amount = f"{value:,.2f}" if value >= 0.1 or value == 0 else f"{value:,.3g}"
        per = {"usd": "", "usd-image": "/image", "usd-month": "/month"}[display]
        return "US$" + amount.removesuffix(".00") + per
    return _plain(value)
