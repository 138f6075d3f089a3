"""From an entry file's bytes to the text the YAML reader (:mod:`kb.data.yamlread`) parses:
refuse what is not an entry's text, normalise line breaks, and report and mask invisible
characters, so that every line:col the parser gives is the one an editor shows."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from kb.data.yamllayout import line_col

if TYPE_CHECKING:
    from kb.data.yamlread import Document

MAX_FILE_BYTES = 64 * 1024
MAX_REPORTED = 10  # of one kind of character problem per file


def decode(doc: Document, raw: bytes) -> str | None:
    """The text of an entry file's bytes, line breaks normalised and invisible characters
    masked (each reported at its line:col); None, with the problem recorded, when the
    bytes are not an entry's text at all (too large, not UTF-8, a NUL byte)."""
    if len(raw) > MAX_FILE_BYTES:
        # The loader reads at most one byte past the limit, so the true size is unknown here.
        doc.problem(
            1, 1, f"file is larger than {MAX_FILE_BYTES // 1024} KiB, the limit for one entry"
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark is harmless; editors on Windows add it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        doc.problem(
            line, col, f"byte 0x{raw[err.start]:02X} is not valid UTF-8; save the file as UTF-8"
        )
        return None
    # YAML reads \r\n and \r as line breaks (its scalars get \n either way); normalising
    # first makes every line:col below agree with the parser's and with editors'.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text and not text.endswith("\n"):
        # A last line without its line break: libyaml then drops the trailing spaces and
        # breaks of a block scalar (``|+`` keeps them); with the break it reads what YAML does.
        text += "\n"
    nul = text.find("\x00")
    if nul >= 0:
        doc.problem(*line_col(text, nul), "contains a NUL byte; this is not a text file")
        return None
    return _mask_invisible(doc, text)


def _invisible(ch: str) -> bool:
    return ch not in "\t\n" and (unicodedata.category(ch) in ("Cc", "Cf") or ch in "\u2028\u2029")


def _mask_invisible(doc: Document, text: str) -> str:
    """Report control, bidi and zero-width characters anywhere (comments and keys too) at
    their exact line:col, and mask them so parsing can go on to find other problems."""
    if all(line.isprintable() for line in text.replace("\t", " ").split("\n")):
        return text  # fast path: str.isprintable runs in C
    found = [i for i, ch in enumerate(text) if _invisible(ch)]
    for index in found[:MAX_REPORTED]:
        doc.problem(
            *line_col(text, index),
            f"invisible control or formatting character U+{ord(text[index]):04X}; delete it",
        )
    if len(found) > MAX_REPORTED:
        doc.problem(1, 1, f"{len(found)} invisible characters in all; only the first are listed")
    if not found:
        return text
    # U+FFFD is printable and one character wide, so later positions stay exact.
    chars = list(text)
    for index in found:
        chars[index] = "\ufffd"
    return "".join(chars)
