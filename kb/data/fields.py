"""Reusable field types for the catalog models, and the markers the table layer reads.

Each type carries both its runtime check and its JSON Schema, so the schema a contributor's
editor uses states the same rules the validator enforces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, AllowInfNan, BeforeValidator, Field, Strict, StringConstraints
from pydantic_core import PydanticCustomError

# Limits that keep one contributed file from bloating the site (documented in CONTRIBUTING).
MAX_ID = 64  # also keeps <id>.yml well inside every file system's name limit
MAX_NAME = 80
MAX_TEXT = 300
MAX_MARKDOWN = 5000
MAX_URL = 2000
MAX_LIST = 50
MAX_SOURCES = 20

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# No user name before the host: "https://trusted.example@evil.example/" goes to evil.example.
URL_PATTERN = r"^https?://[^\s/?#@]+(?:[/?#]\S*)?$"
# The same, written for JSON Schema validators: only the characters a URI may hold (RFC 3986),
# so an editor refuses what the validator refuses and every published URL is a valid URI.
_PCHAR = r"A-Za-z0-9\-._~!$&'()*+,;=:@%"  # RFC 3986 pchar (with % escapes)
URI_PATTERN = (
    r"^https?://[A-Za-z0-9\-._~!$&'()*+,;=:%\[\]]+"  # host[:port]; [ ] only for IPv6
    rf"(?:/[{_PCHAR}/]*)?(?:\?[{_PCHAR}/?]*)?(?:#[{_PCHAR}/?]*)?$"
)
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}
# What `kb new` writes where only the contributor knows the value; refused by the checks
# below, so an untouched skeleton cannot reach the site.
PLACEHOLDER = "TODO:"
PLACEHOLDER_URL = "https://example.com/"


@dataclass(frozen=True)
class Column:
    """Marks a field as a column of the catalog's comparison table.

    ``default`` columns are shown unless the reader chooses otherwise; the others are offered
    in the table's column chooser. ``under_name`` puts the value beneath the entry's name in
    smaller type instead of a column of its own (a long summary would eat the width).
    """

    short: str | None = None  # a narrower header than the field title, when it helps
    default: bool = True
    under_name: bool = False


# How a number is shown: "percent" for a fraction (0.8659 -> 86.6 %), "count" for a whole
# number with thousands separators, "megabytes" for a size in MB, "pixels" for a length in
# pixels, "usd" for a price in US dollars, "usd-image" and "usd-month" for a price per
# image or per month.
NumberFormat = Literal["percent", "count", "megabytes", "pixels", "usd", "usd-image", "usd-month"]


@dataclass(frozen=True)
class Display:
    """Says how a numeric field reads: as a percentage, a count or a size with its unit."""

    format: NumberFormat


@dataclass(frozen=True)
class RefTo:
    """Marks an id (or list of ids) as a reference to an entry of a catalog; ``None`` means
    the entry's own catalog (e.g. a successor)."""

    catalog: str | None


@dataclass(frozen=True)
class Fact:
    """Marks a comparable fact: when an entry fills it, one of the entry's sources must name
    it under ``supports``, so every fact a reader compares on leads to where it is stated."""


@dataclass(frozen=True)
class Derived:
    """Marks a rating that a published rule derives from the entry's facts (``kb.data.rules``);
    contributors never write it, so it cannot disagree with the facts."""

    rule: str


@dataclass(frozen=True)
class Applies:
    """Marks a field that only means something for some entries: it applies when the entry's
    ``field`` holds one of ``codes`` (an API price only where there is an API). Left empty
    elsewhere, it reads "n/a" rather than "not given"."""

    field: str
    codes: tuple[str, ...]
    reason: str  # shown to readers: "only for tools with an API"


@dataclass(frozen=True)
class LowerIsBetter:
    """Marks a rated field whose low end is the good one (cheap, quick, simple), so every
    rating scale can be drawn with "better" on the same side."""


@dataclass(frozen=True)
class NotFaceted:
    """Keeps an enumerated field out of the table's filters (e.g. a successor: a filter by
    it would list every successor as a choice, which helps no reader)."""


@dataclass(frozen=True)
class MarkdownText:
    """Marks a text field as Markdown, rendered and then sanitised."""


# Characters no text field may hold, however the YAML writes them (raw, or as a "\uFFFE"
# escape): controls and format characters (bidi overrides, zero-width joiners) hide or
# reorder text in review; surrogates, private-use characters and noncharacters cannot be
# carried by XML 1.0 (the feed) or mean nothing to a reader; line and paragraph separators
# break lines where a reviewer sees none.
_REFUSED_CATEGORIES = {
    "Cc": "control",
    "Cf": "invisible formatting",
    "Cs": "surrogate",
    "Co": "private-use",
    "Zl": "line-separator",
    "Zp": "paragraph-separator",
}


def _is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def refused_character(ch: str) -> str | None:
    """What kind of character ``ch`` is when no text field may hold it, else None."""
    if ch in _ALLOWED_CONTROLS:
        return None
    if _is_noncharacter(ord(ch)):
        return "noncharacter"
    return _REFUSED_CATEGORIES.get(unicodedata.category(ch))


def _check_plain(value: str) -> str:
    # str.splitlines would also split on U+0085, U+2028...: split on \n only.
    plain = value if value.isprintable() else value.replace("\t", " ").replace("\r", " ")
    printable = all(line.isprintable() for line in plain.split("\n"))
    # isprintable() is True for noncharacters: check them even in printable text (none is
    # ASCII, and most text is: no loop over its characters then).
    suspicious = not printable or (
        not value.isascii() and any(_is_noncharacter(ord(ch)) for ch in value if ch > "\ufdcf")
    )
    for pos, ch in enumerate(value if suspicious else ""):  # the loop only when needed
        kind = refused_character(ch)
        if kind is not None:
            raise PydanticCustomError(
                "control_character",
                "contains an invisible {kind} character U+{code} at character {pos}; delete it",
                {"kind": kind, "code": f"{ord(ch):04X}", "pos": pos + 1},
            )
    if value != value.strip():
        raise PydanticCustomError(
            "surrounding_space", "starts or ends with white space; remove it", {}
        )
    if value.startswith(PLACEHOLDER):
        raise PydanticCustomError(
            "placeholder", "still holds the placeholder from kb new; write the real text", {}
        )
    return value


# Python-Markdown takes time quadratic in the number of unclosed brackets ("![" 2,500 times
# costs seconds) and recurses once per nested list marker on a line ("1. 1. 1. ..." overflows
# the stack). No real description comes near these limits.
MAX_BRACKETS = 60
MAX_ANGLES = 60
MAX_NESTING = 8
_NESTED_MARKERS = re.compile(
    r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)]|>)[ \t]+){" + str(MAX_NESTING + 1) + ",}", re.M
)


def _check_markdown(value: str) -> str:
    brackets = value.count("[")
    if brackets > MAX_BRACKETS:
        raise PydanticCustomError(
            "markdown_brackets",
            "has {n} '[' characters; at most {limit} (links and images) are allowed",
            {"n": brackets, "limit": MAX_BRACKETS},
        )
    angles = value.count("<")
    if angles > MAX_ANGLES:
        raise PydanticCustomError(
            "markdown_angles",
            "has {n} '<' characters; at most {limit} are allowed (raw HTML is not rendered)",
            {"n": angles, "limit": MAX_ANGLES},
        )
    if _NESTED_MARKERS.search(value):
        raise PydanticCustomError(
            "markdown_nesting",
            "nests lists or quotes more than {limit} deep on one line; flatten it",
            {"limit": MAX_NESTING},
        )
    return value


def _drop_final_newlines(value: Any) -> Any:
    # A block scalar (``description: |`` or ``>``) keeps its final line break; that break is
    # YAML syntax, not content, and must not trip the surrounding-space check.
    return value.rstrip("\r\n") if isinstance(value, str) else value


# What RFC 3986 lets a URI hold: unreserved and reserved characters, and "%" escapes.
_URI_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
_URI = re.compile(URI_PATTERN)
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


# A plain lowercase web address (letters, digits, dots and dashes for a host; no port, user,
# "%", "[", "]" or second "#"): every check below passes it, so it skips urlsplit, which
# took a quarter of validating an entry.
_PLAIN_URL = re.compile(
    r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?:[/?#][A-Za-z0-9\-._~/?=&+,;:!$'()*]*)?"
)


def _check_url(value: str) -> str:
    if _PLAIN_URL.fullmatch(value) and value != PLACEHOLDER_URL:
        return value
    if not _URI_CHARS.fullmatch(value):
        bad = next(ch for ch in value if not _URI_CHARS.fullmatch(ch))
        escaped = "".join(f"%{b:02X}" for b in bad.encode("utf-8", "surrogatepass"))
        raise PydanticCustomError(
            "url_character",
            "contains '{char}', which a URL cannot hold; write it percent-encoded ({escaped})",
            {"char": bad, "escaped": escaped},
        )
    if _BAD_ESCAPE.search(value):
        raise PydanticCustomError(
            "url_escape", "has a '%' that is not followed by two hex digits; write %25", {}
        )
    # (A user name before the host gets its own message below.)
    if not _URI.fullmatch(value) and "@" not in urlsplit(value).netloc:
        raise PydanticCustomError(
            "url_syntax",
            "is not a valid URL: '[', ']' belong only around an IPv6 host and '#' only once; "
            "percent-encode them (%5B, %5D, %23)",
            {},
        )
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        raise PydanticCustomError(
            "url_scheme", "must be a web address starting with http:// or https://", {}
        )
    if value == PLACEHOLDER_URL:
        raise PydanticCustomError(
            "placeholder", "is the placeholder address from kb new; give the real page", {}
        )
    return value


def _iso_date(value: Any) -> Any:
    # YAML dates arrive as date objects; a quoted "2024-05-01" is accepted too.
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _not_future(value: date) -> date:
    if value > date.today():
        raise PydanticCustomError("future_date", "is a date in the future", {})
    return value


def unique_items(items: list[Any]) -> list[Any]:
    """Reject lists that name the same value twice."""
    seen: set[Any] = set()
    for item in items:
        if item in seen:
            raise PydanticCustomError("duplicate_item", "lists '{item}' twice", {"item": str(item)})
        seen.add(item)
    return items


Id = Annotated[
    str, Strict(), StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=MAX_ID)
]
# Text a contributor types: no invisible characters, no surrounding space, no placeholder.
# (The length constraint must come before the validators to keep pydantic's string errors.)
_CHECKS = (AfterValidator(_check_plain), BeforeValidator(_drop_final_newlines))
Name = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=MAX_NAME), *_CHECKS]
Text = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=MAX_TEXT), *_CHECKS]
Markdown = Annotated[
    str,
    Strict(),
    StringConstraints(min_length=1, max_length=MAX_MARKDOWN),
    AfterValidator(_check_markdown),
    *_CHECKS,
    MarkdownText(),
]
Url = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=URL_PATTERN, max_length=MAX_URL),
    AfterValidator(_check_url),
    # The schema states the stricter URI pattern the validator enforces in _check_url.
    Field(json_schema_extra={"format": "uri", "pattern": URI_PATTERN}),
]
# An id that points at another entry; the RefTo marker beside it says which catalog.
Ref = Annotated[str, Strict(), StringConstraints(pattern=ID_PATTERN)]
Date = Annotated[date, BeforeValidator(_iso_date), Strict(), AfterValidator(_not_future)]
# Bounds no real value comes near; a field's own ge/le narrow them further. They keep a
# contributor's 0xffff... from reaching code that prints it.
MAX_MAGNITUDE = 10**15


def _believable(value: float) -> float:
    # A validator, not Field(ge/le): type-level bounds would replace a field's own ge/le.
    if abs(value) > MAX_MAGNITUDE:
        raise PydanticCustomError(
            "implausible_number", "is larger than any real value of this field", {}
        )
    return value


Int = Annotated[int, Strict(), AfterValidator(_believable)]
Float = Annotated[float, Strict(), AllowInfNan(False), AfterValidator(_believable)]
Bool = Annotated[bool, Strict()]
