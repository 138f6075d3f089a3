"""Read one YAML entry file into plain data plus the line:col of every key and value.

Uses the C-backed libyaml event parser (ruamel.yaml.clib) and composes the events itself, so
that anything risky is refused at the event where it appears: anchors and aliases (no
"billion laughs" expansion is ever attempted), tags, directives, several documents, duplicate
keys, and absurd nesting. Scalars resolve as YAML 1.2 does: ``no``/``on`` stay strings.

libyaml accepts a few documents YAML 1.2 forbids and misreads a few it allows (the YAML test
suite's cases in tests/data/yaml-test-suite show which). :func:`kb.data.yamllayout.check_layout`
refuses each of those at its line:col, so that a file is either read as YAML 1.2 reads it or
refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError

try:
    from ruamel.yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - ruamel.yaml.clib is a declared dependency
    _CParser = None

from kb.data.problems import Problem

# MAX_FILE_BYTES is re-exported: every reader of entry files reads at most that much.
from kb.data.yamldecode import MAX_FILE_BYTES as MAX_FILE_BYTES
from kb.data.yamldecode import MAX_REPORTED, decode
from kb.data.yamllayout import check_layout, has_glued_hash, line_col

MAX_DEPTH = 16

Path_ = tuple[str | int, ...]

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# The first character of any text _INT, _FLOAT or _DATE matches.
_NUMERIC_START = frozenset("0123456789+-.")


@dataclass
class Document:
    """A parsed entry: plain data, positions, and what was wrong with the file.

    The line:col of every key and value (``keys``, ``values``) are worked out only when
    first asked for, by reading the text again: a valid entry never needs them, and noting
    them for every value took a fifth of loading a catalog."""

    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    # The text as parsed (decoded, line breaks normalised); None when it could not be decoded.
    text: str | None = field(default=None, repr=False, compare=False)
    _keys: dict[Path_, tuple[int, int]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _values: dict[Path_, tuple[int, int]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def keys(self) -> dict[Path_, tuple[int, int]]:
        """Position of each mapping key, by the path of its value."""
        if self._keys is None:
            self._locate()
        assert self._keys is not None
        return self._keys

    @property
    def values(self) -> dict[Path_, tuple[int, int]]:
        """Position of each value (the document itself at ``()``), by its path."""
        if self._values is None:
            self._locate()
        assert self._values is not None
        return self._values

    def _locate(self) -> None:
        scratch = Document(self.path)
        scratch._keys, scratch._values = {}, {}
        if self.text is not None:
            _compose(scratch, self.text)
        self._keys, self._values = scratch._keys, scratch._values

    def where(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Best position for ``loc``: the key or value itself, else its nearest ancestor."""
        values = self.values
        table = self.keys if key else values
        for n in range(len(loc), -1, -1):
            if loc[:n] in table:
                return table[loc[:n]]
            if loc[:n] in values:
                return values[loc[:n]]
        return (1, 1)

    def problem(self, line: int, col: int, message: str) -> None:
        """Record a problem in this file."""
        self.problems.append(Problem(self.path, line, col, message))


class _Stop(Exception):
    """Parsing cannot continue (the problem is already recorded)."""


class _Retry(Exception):
    """A key is set twice: read the file again noting positions, to say where it was first."""


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


# Longer than any number a field accepts: int() of a few thousand digits is slow or refused
# outright by Python (and a 4,000-digit hex number converts, then cannot be printed).
MAX_NUMBER_CHARS = 40


def resolve_plain(text: str) -> Any:
    """Type a plain (unquoted) scalar the way YAML 1.2's core schema does, plus dates."""
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if text[0] not in _NUMERIC_START:
        return text  # a word: no number or date starts this way
    if len(text) > MAX_NUMBER_CHARS and (_INT.fullmatch(text) or _FLOAT.fullmatch(text)):
        raise ValueError("number too long")
    if _INT.fullmatch(text):
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    if _DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    return text


class _Composer:
    """Builds plain data from libyaml's events, refusing what an entry may not hold. With
    the document's positions tables present (``doc._keys``), it fills them as it goes."""

    def __init__(self, doc: Document, next_event: Callable[[], Any], text: str = "") -> None:
        self.doc = doc
        self.next = next_event
        self.text = text
        self.keys = doc._keys
        self.values = doc._values
        self.counts: dict[str, int] = {}
        # What check_layout needs: the column of each enclosing block collection (a key's
        # or a dash's), how deep in [ ] / { } the parser is, every scalar's span (only when
        # the text has a # that could be a glued comment), and the lines that continue a
        # flow collection or a quoted scalar in block context.
        self.block_columns: list[int] = [-1]
        self.flow = 0
        self.spans: list[tuple[int, int]] | None = [] if has_glued_hash(text) else None
        self.quoted_spans: list[tuple[int, int]] = []
        self.continued: list[tuple[int, int, int]] = []  # (first line, last line, column)
        self.block_scalars: list[int] = []  # where each | or > scalar starts

    def refuse(self, event: Any, message: str) -> None:
        # A 64 KiB file can hold thousands of aliases: list the first few of each kind.
        kind = message.split("(")[0]
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if self.counts[kind] <= MAX_REPORTED:
            self.doc.problem(*_pos(event.start_mark), message)

    def summarise(self) -> None:
        for kind, count in self.counts.items():
            if count > MAX_REPORTED:
                self.doc.problem(1, 1, f"{count} {kind.strip()} in all; only the first are listed")

    def check_node(self, event: Any) -> None:
        if getattr(event, "anchor", None):
            self.refuse(
                event, f"YAML anchors (&{event.anchor}) are not allowed; write the value out"
            )
        tag = getattr(event, "tag", None)
        if tag:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.refuse(event, f"YAML tags ({shown}) are not allowed; remove the tag")

    def node(self, event: Any, path: Path_, depth: int) -> Any:
        kind = type(event)
        if self.values is not None:
            mark = event.start_mark
            self.values[path] = (mark.line + 1, mark.column + 1)
        if kind is AliasEvent:
            self.refuse(
                event, f"YAML aliases (*{event.anchor}) are not allowed; write the value out"
            )
            return None
        if event.anchor is not None or event.ctag is not None:  # nearly never
            self.check_node(event)
        if depth > MAX_DEPTH:
            self.refuse(event, f"nesting is deeper than {MAX_DEPTH} levels")
            raise _Stop
        if kind is ScalarEvent:
            plain = not event.style and event.implicit[0]
            self.scalar_layout(event, plain)
            if not plain:
                return event.value
            try:
                return resolve_plain(event.value)
            except ValueError:  # a number longer than any field takes (see MAX_NUMBER_CHARS)
                self.doc.problem(
                    *_pos(event.start_mark),
                    f"a number with {len(event.value)} digits is too large; "
                    "put it in quotes if it is text",
                )
                return None
        start = self.enter(event)
        if kind is SequenceStartEvent:
            items: list[Any] = []
            event = self.next()
            tracked = self.values is not None
            while type(event) is not SequenceEndEvent:
                where = (*path, len(items)) if tracked else path
                items.append(self.node(event, where, depth + 1))
                event = self.next()
            self.leave(start, event)
            return items
        result, end = self.mapping(path, depth)
        self.leave(start, end)
        return result

    def enter(self, event: Any) -> Any:
        """A collection starts: a block one sets the column its lines are measured against."""
        if event.flow_style:
            self.flow += 1
        else:
            self.block_columns.append(event.start_mark.column)
        return event

    def leave(self, start: Any, end: Any) -> None:
        """A collection ends: a [ ] or { } written over several lines in block context is
        remembered, for :func:`check_layout` to check the indentation of its lines."""
        if not start.flow_style:
            self.block_columns.pop()
            return
        self.flow -= 1
        if self.flow == 0 and end.end_mark.line > start.start_mark.line:
            self.continued.append(
                (start.start_mark.line, end.end_mark.line, self.block_columns[-1])
            )

    def scalar_layout(self, event: Any, plain: bool) -> None:
        """Note what :func:`check_layout` needs of a scalar; refuse a plain ``-``, ``?`` or
        ``:`` that a flow collection ends right after (``[-]``: YAML forbids it, libyaml
        reads a dash)."""
        spans, style = self.spans, event.style
        if spans is not None:
            spans.append((event.start_mark.index, event.end_mark.index))
        if not style and not (plain and self.flow):
            return  # a plain scalar in block context, nearly every one: nothing to note
        start, end = event.start_mark, event.end_mark
        style = style or ""
        if style in "'\"" and style and end.line > start.line:
            self.quoted_spans.append((start.index, end.index))
            if self.flow == 0:
                self.continued.append((start.line, end.line, self.block_columns[-1]))
        elif style in ("|", ">"):
            self.block_scalars.append(start.index)
        if plain and self.flow and event.value[:1] in ("-", "?", ":"):
            after = self.text[start.index + 1 : start.index + 2]
            if not after or after in " \t\n,[]{}":
                self.doc.problem(
                    *_pos(start),
                    f"'{event.value[0]}' alone is not a value in [ ] or {{ }}; put it in quotes",
                )

    def mapping(self, path: Path_, depth: int) -> tuple[dict[str, Any], Any]:
        result: dict[str, Any] = {}
        event = self.next()
        keys, values = self.keys, self.values
        while type(event) is not MappingEndEvent:
            if type(event) is not ScalarEvent:
                self.refuse(event, "mapping keys must be plain words, not lists or mappings")
                raise _Stop
            if event.anchor is not None or event.ctag is not None:
                self.check_node(event)
            self.check_key(event)
            key = str(event.value)
            if keys is None or values is None:  # no positions noted: the common case
                if key in result:
                    raise _Retry
                result[key] = self.node(self.next(), path, depth + 1)
                event = self.next()
                continue
            key_pos = _pos(event.start_mark)
            where = (*path, key)
            first = keys.get(where)
            kept = values.get(where)
            value = self.node(self.next(), where, depth + 1)
            if first is not None:
                self.doc.problem(*key_pos, f"duplicate key '{key}' (first set on line {first[0]})")
                if kept is not None:
                    values[where] = kept
            else:
                keys[where] = key_pos
                result[key] = value
            event = self.next()
        return result, event

    def check_key(self, event: Any) -> None:
        """Refuse a key that is missing (``: value``, a lone ``?``: YAML reads null, not
        text) and a key libyaml split off a ``?`` (``{?x: 1}`` is the key ``?x`` in YAML,
        ``x`` in libyaml)."""
        start = event.start_mark.index
        plain = event.style in (None, "") and event.implicit[0]
        self.scalar_layout(event, plain)
        if plain and event.value == "":
            self.doc.problem(
                *_pos(event.start_mark),
                "a key is missing (YAML would read an empty key as null); write one",
            )
        elif start > 0 and self.text[start - 1] == "?":
            self.doc.problem(
                event.start_mark.line + 1,
                event.start_mark.column,
                "a key that starts with '?' must be in quotes",
            )

    def document(self) -> Any:
        self.next()  # StreamStart
        event = self.next()
        if type(event) is StreamEndEvent:
            return None
        if event.version is not None or event.tags:
            self.refuse(event, "YAML directives (%YAML, %TAG) are not allowed; delete the line")
        data = self.node(self.next(), (), 0)
        self.next()  # DocumentEnd
        event = self.next()
        if type(event) is not StreamEndEvent:
            self.refuse(event, "more than one YAML document (---) in the file; keep one entry")
        return data


# What usually causes libyaml's terser complaints, in a contributor's words.
_SYNTAX_HINTS = {
    "unexpected ':'": "put text that contains ':' (a URL in [ ], a time) in quotes",
    "mapping values are not allowed": "put text that contains ': ' in quotes, or fix the indent",
    "cannot start any token": "put a value that starts with @, ` or % in quotes",
    "tab character": "indent with spaces, not tabs",
}


def _syntax_hint(problem: str) -> str:
    return next((f"; {hint}" for key, hint in _SYNTAX_HINTS.items() if key in problem), "")


def _compose(doc: Document, text: str) -> None:
    """Compose ``text`` into ``doc``: its data and problems (and its positions, when it has
    the tables for them). Raises _Retry when a key is set twice and positions are not noted.

    Events come straight from libyaml's parser: ``YAML(...).parse`` would do the same but
    builds a loader class (and globs for plug-ins) on every call, most of the time for a
    small file; and its generator would cost a Python call per event."""
    parser = _CParser(text) if _CParser is not None else None
    if parser is not None:
        next_event = parser.get_event
    else:  # pragma: no cover - ruamel.yaml.clib missing: the pure-Python parser, same events
        next_event = iter(YAML(typ="safe", pure=True).parse(text)).__next__
    composer = _Composer(doc, next_event, text)
    try:
        doc.data = composer.document()
        check_layout(
            doc,
            text,
            composer.spans,
            composer.quoted_spans,
            composer.continued,
            composer.block_scalars,
        )
    except _Stop:
        doc.data = None
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = _pos(mark) if mark is not None else (1, 1)
        what = err.problem or err.context or "invalid YAML"
        context = f" ({err.context})" if err.context and err.problem else ""
        row = text.split("\n")[line - 1] if line <= text.count("\n") + 1 else ""
        hint = _syntax_hint("tab character" if row[col - 1 : col] == "\t" else what)
        doc.problem(line, col, f"YAML syntax error: {what}{context}{hint}")
        doc.data = None
    except ReaderError as err:  # e.g. U+FFFE; libyaml gives a UTF-8 byte offset
        head = text.encode("utf-8")[: err.position].decode("utf-8", "replace")
        char = err.character if isinstance(err.character, int) else 0
        doc.problem(
            *line_col(head, len(head)), f"character U+{char:04X} is not allowed in YAML; delete it"
        )
        doc.data = None
    except (YAMLError, StopIteration, ValueError, RecursionError) as err:
        doc.problem(1, 1, f"could not be read as YAML: {err}".splitlines()[0])
        doc.data = None
    finally:
        if parser is not None:
            parser.dispose()
    composer.summarise()


def parse(raw: bytes, path: str) -> Document:
    """Parse the bytes of one entry file. Never raises: problems are collected on the result."""
    doc = Document(path)
    text = decode(doc, raw)
    if text is None:
        return doc
    doc.text = text
    decoded = list(doc.problems)
    try:
        _compose(doc, text)
    except _Retry:  # a duplicate key: read again, noting positions to say where
        doc.data, doc.problems = None, decoded
        doc._keys, doc._values = {}, {}
        _compose(doc, text)
    return doc
