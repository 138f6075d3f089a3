"""The one error type used everywhere, and its formatters (text, GitHub annotations, JSON)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

MAX_MESSAGE = 500  # characters; long enough for any list of allowed values


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong with an input file, pinned to a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str

    def __post_init__(self) -> None:
        # Messages quote values from the file: keep every problem on one line, and never
        # echo a control or bidi character into a terminal or a CI log.
        message = one_line(self.message)
        if len(message) > MAX_MESSAGE:  # a quoted value can be as long as the file
            message = message[: MAX_MESSAGE - 1] + "…"
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "path", one_line(self.path))

    def text(self) -> str:
        """``path:line:col: message`` -- the format editors and terminals link."""
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the offending line."""
        # Workflow commands end at a newline and treat %, \r, \n specially in the message.
        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line},col={self.col}::{msg}"


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` with line breaks and other invisible characters written as escapes."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() or ch == " " else _ESCAPES.get(ch, f"\\u{ord(ch):04x}")
        for ch in text
    )


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    """Render problems in one of the output formats of ``kb validate``."""
    items = sorted(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in items], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(p.github() for p in items)
    return "\n".join(p.text() for p in items)


def display_path(path: Path) -> str:
    """The path as a contributor would type it: relative to the working directory if inside."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return shown if not shown.startswith("..") else str(path)
