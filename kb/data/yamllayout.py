"""The checks that make the YAML reader (:mod:`kb.data.yamlread`) read YAML 1.2 or refuse:
libyaml accepts a few documents YAML 1.2 forbids and misreads a few it allows (the YAML test
suite's cases in tests/data/yaml-test-suite show which). Each is refused at its line:col,
from what the reader noted while composing (scalars' spans, values over several lines)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kb.data.yamlread import Document


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*(?:[ \t]+(?:#.*)?)?")


def check_layout(
    doc: Document,
    text: str,
    spans: list[tuple[int, int]] | None,
    quoted: list[tuple[int, int]],
    continued: list[tuple[int, int, int]],
    block_scalars: list[int],
) -> None:
    """Refuse what libyaml lets through but YAML 1.2 forbids, each at its line:col: a
    comment glued to a value (``]#``, ``"x"#``, ``>#``); a line of a ``[ ]``, ``{ }`` or
    quoted value, in block context, that is not indented past its key or dash (tabs do not
    count); a block scalar whose leading blank lines hold more spaces than its first line.

    ``spans`` holds every scalar's (start, end) index, None when the text has no ``#``
    glued to a character (see :func:`has_glued_hash`); ``quoted`` those of quoted scalars
    over several lines; ``continued`` the (first line, last line, column) of each value in
    block context written over several lines; ``block_scalars`` where each | or > starts."""
    if spans is not None:
        _check_comments(doc, text, spans)
    for index in block_scalars:
        _check_block_scalar(doc, text, index)
    if continued:
        _check_continued(doc, text, continued, quoted)


def has_glued_hash(text: str) -> bool:
    """True when a ``#`` follows a character other than a space, tab or line break: only
    then can a comment be glued to a value, and the scalars' spans matter."""
    return next(_glued_hashes(text), None) is not None


def _inside(index: int, spans: list[tuple[int, int]], firsts: list[int]) -> bool:
    n = bisect.bisect_right(firsts, index) - 1
    return n >= 0 and spans[n][0] <= index < spans[n][1]


def _glued_hashes(text: str) -> Iterator[int]:
    """Every ``#`` that follows a character other than a space, tab or line break."""
    index = text.find("#", 1)
    while index > 0:
        if text[index - 1] not in " \t\n":
            yield index
        index = text.find("#", index + 1)


def _check_comments(doc: Document, text: str, spans: list[tuple[int, int]]) -> None:
    """A ``#`` right after a character, outside any scalar and any comment, is a comment
    libyaml accepts and YAML does not (``[a]#x``, ``"a"#x``)."""
    firsts: list[int] = []
    comment_line = -1
    for index in _glued_hashes(text):
        firsts = firsts or [a for a, _ in spans]
        if _inside(index, spans, firsts):
            continue
        line, col = line_col(text, index)
        if line == comment_line:
            continue
        comment_line = line
        head = index - col + 1
        row = text[head:index]
        opened = any(
            (m.start() == 0 or row[m.start() - 1] in " \t")
            and not _inside(head + m.start(), spans, firsts)
            for m in re.finditer("#", row)
        )
        if not opened:
            doc.problem(line, col, "a comment needs a space before '#'; add one")


def _check_block_scalar(doc: Document, text: str, index: int) -> None:
    """The header of a ``|`` or ``>`` scalar ends or has a space before its comment; with
    no indentation digit, no leading blank line is wider than the first line (YAML refuses
    it, libyaml guesses the indentation from the blank lines)."""
    end = text.find("\n", index)
    header = text[index:end]
    line, col = line_col(text, index)
    if not _BLOCK_HEADER.fullmatch(header):
        doc.problem(line, col, f"'{header[0]}' must be followed by a space or a line break")
        return
    if any(c.isdigit() for c in header.split("#")[0]):
        return
    widest = 0
    while end >= 0:
        start, end = end + 1, text.find("\n", end + 1)
        row = text[start:] if end < 0 else text[start:end]
        if row.strip(" "):
            if widest > len(row) - len(row.lstrip(" ")):
                doc.problem(
                    line,
                    col,
                    "the blank lines that start this text hold more spaces than its first "
                    "line; delete those spaces",
                )
            return
        widest = max(widest, len(row))


def _check_continued(
    doc: Document,
    text: str,
    continued: list[tuple[int, int, int]],
    quoted: list[tuple[int, int]],
) -> None:
    """Each further line of a ``[ ]``, ``{ }`` or quoted value in block context is indented
    past the key or dash it belongs to, by spaces (libyaml ignores this indentation)."""
    rows = text.split("\n")
    starts = [0]
    for row in rows:
        starts.append(starts[-1] + len(row) + 1)
    firsts = [a for a, _ in quoted]
    for first, last, column in continued:
        for line in range(first + 1, last + 1):
            row = rows[line]
            spaces = len(row) - len(row.lstrip(" "))
            rest = row[spaces:]
            if not rest or spaces > column:
                continue
            inside = _inside(starts[line] + spaces, quoted, firsts)
            if not inside and (rest.startswith("#") or not rest.strip(" \t")):
                continue  # a comment or a blank line between items
            doc.problem(
                line + 1,
                spaces + 1,
                f"this line continues the value that starts on line {first + 1} and must be "
                f"indented by more than {column} space(s) (tabs do not count)",
            )
            break
