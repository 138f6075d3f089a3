"""The adversarial corpus: one case per hostile file (or file-system arrangement), each with
the outcome a contributor must see.

A case is written into a copy of the valid tree of ``tests/conftest.py`` and run through the
real ``kb validate``. An invalid case lists every problem line it must produce
(``path:line:col`` and words of the message), and no other line may appear. A valid case
lists values that must come out of ``kb export`` exactly as written.

Positions are counted by hand from the texts below (line numbers of ``TASK`` are in the
comment next to it), never taken from the code under test. Large files are built when the
test runs instead of being committed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from conftest import entry_text  # the hand-written valid entries of the test tree

FILE = "catalog/vision-tasks/hostile.yml"

# Lines:  1 id, 2 name, 3 summary, 4 modality, 5 focus, 6 output, 7 localizes,
# 8 complexity, 9 processing_time, 10 use_cases, 11 sources, 12 url, 13 title, 14 accessed,
# 15 kind, 16 last_verified, 17 added.
TASK = entry_text("vision-tasks", "image-classification").replace(
    "id: image-classification", "id: hostile"
)


def task(old: str = "", new: str = "") -> str:
    """TASK with one piece of text replaced (the replaced text must exist)."""
    if old:
        assert TASK.count(old) == 1, old  # guard the corpus itself against typos
    return TASK.replace(old, new) if old else TASK


@dataclass(frozen=True)
class Expect:
    """One problem line: where (``path:line:col``) and words its message must contain."""

    where: str
    words: tuple[str, ...]


Setup = Callable[[Path], None]  # given the catalog root, arrange files


@dataclass(frozen=True)
class Case:
    """One hostile input and its expected outcome. ``problems`` empty means valid."""

    name: str
    kind: str
    body: str | bytes | Callable[[], bytes] | None = None  # written to ``file``
    file: str = FILE
    setup: Setup | None = None  # file-system cases arrange things themselves
    problems: tuple[Expect, ...] = ()
    keep: dict[tuple[str | int, ...], object] = field(default_factory=dict)
    catalog_id: tuple[str, str] = ("vision-tasks", "hostile")  # for ``keep``
    # False only where a refusal also leaves knock-on problems (keys a refused alias left
    # empty ...) whose exact list is not what the case is about; the listed ones must appear.
    exact: bool = True

    def data(self) -> bytes | None:
        """The bytes of the file, built now for generated cases."""
        body = self.body() if callable(self.body) else self.body
        return body.encode("utf-8") if isinstance(body, str) else body


def at(where: str, *words: str, path: str = FILE) -> Expect:
    """An expected problem ``path:where`` whose message holds ``words``."""
    return Expect(f"{path}:{where}", words)


def bad(name: str, kind: str, body: str | bytes | Callable[[], bytes], *problems: Expect) -> Case:
    """An invalid ``catalog/vision-tasks/hostile.yml``."""
    return Case(name, kind, body, problems=problems)


def good(name: str, kind: str, body: str | bytes, /, **keep: object) -> Case:
    """A valid ``catalog/vision-tasks/hostile.yml`` that must keep ``keep`` verbatim."""
    return Case(name, kind, body, keep={(k,): v for k, v in keep.items()})


# --- generated bodies (too big or too repetitive to write out) ---------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def fifty_megabytes() -> bytes:
    """A valid entry whose description runs on for 50 MB."""
    line = b"  " + b"lorem ipsum dolor sit amet " * 3 + b"\n"
    return task().encode() + b"description: |\n" + line * (50 * 2**20 // len(line) + 1)


def deep_flow() -> bytes:
    """``use_cases`` nested 10,000 lists deep (a recursive composer would overflow)."""
    return task(
        "use_cases: [photo organisation]", "use_cases: " + "[" * 10_000 + "]" * 10_000
    ).encode()


def deep_block(depth: int) -> str:
    """``applications`` nested ``depth`` mappings deep in block style."""
    lines = [f"{'  ' * i}k{i}:" for i in range(depth)]
    return task() + "applications:\n" + "\n".join("  " + ln for ln in lines) + " x\n"


def many_aliases() -> str:
    """Thousands of aliases in one file: reported as ten lines and a count."""
    return task() + "x: &a y\n" + "".join(f"k{i}: *a\n" for i in range(3000))


# --- YAML and encoding hazards --------------------------------------------------------

YAML_CASES = [
    # nine anchors, then the first ten of 72 aliases (line 2 holds nine) and a count
    replace(
        bad(
            "billion-laughs",
            "yaml-aliases",
            BILLION_LAUGHS,
            *[
                at(f"{n}:4", f"anchors (&{c})", "not allowed")
                for n, c in zip(range(1, 10), "abcdefghi", strict=True)
            ],
            *[at(f"2:{c}", "aliases (*a)", "not allowed") for c in range(8, 33, 3)],
            at("3:8", "aliases (*b)"),
            at("1:1", "72", "aliases", "only the first"),
        ),
        exact=False,
    ),
    replace(
        bad(
            "many-aliases",
            "yaml-aliases",
            many_aliases,
            at("18:4", "anchors (&a)"),
            *[at(f"{19 + i}:5", "aliases (*a)") for i in range(10)],
            at("1:1", "3000", "aliases", "only the first"),
        ),
        exact=False,
    ),
    bad(
        "merge-key",
        "yaml-aliases",
        "base: &base {modality: image}\n" + task("modality: image\n", "<<: *base\n"),
        at("1:7", "anchors (&base)"),
        at("5:5", "aliases (*base)"),
        at("1:1", "unknown field 'base'"),
        at("5:1", "unknown field '<<'"),
        at("1:1", "missing required field 'modality'"),
    ),
    bad(
        "deep-flow-nesting",
        "yaml-nesting",
        deep_flow,
        at("10:28", "nesting is deeper than 16 levels"),
    ),
    bad(
        "deep-block-nesting",
        "yaml-nesting",
        deep_block(40),
        at("35:35", "nesting is deeper than 16 levels"),
    ),
    bad("fifty-megabytes", "size", fifty_megabytes, at("1:1", "larger than 64 KiB", "limit")),
    bad(
        "just-over-limit",
        "size",
        lambda: task().encode() + b"#" * (64 * 1024 - len(task()) + 1),
        at("1:1", "larger than 64 KiB"),
    ),
    bad(
        "yaml11-no",
        "yaml-1.1-boolean",
        task("localizes: false", "localizes: no"),
        at("7:12", "localizes", "expected true or false", "'no'", "yes/no/on/off"),
    ),
    bad(
        "yaml11-on",
        "yaml-1.1-boolean",
        task("localizes: false", "localizes: on"),
        at("7:12", "localizes", "'on'"),
    ),
    bad(
        "yaml11-yes-quoted",
        "yaml-1.1-boolean",
        task("localizes: false", 'localizes: "yes"'),
        at("7:12", "expected true or false"),
    ),
    bad(
        "yaml11-octal",
        "yaml-1.1-number",
        task("output: A class label", "output: 012"),
        at("6:9", "output", "expected text", "quotes"),
    ),
    bad(
        "timestamp-for-text",
        "yaml-timestamp",
        task("output: A class label", "output: 2024-05-01"),
        at("6:9", "output", "expected text", "the date 2024-05-01", "quotes"),
    ),
    bad(
        "huge-integer",
        "yaml-number",
        task("output: A class label", "output: " + "9" * 5000),
        at("6:9", "a number with 5000 digits is too large", "quotes"),
    ),
    bad(
        "float-for-text",
        "yaml-number",
        task("focus: What the image shows", "focus: 1e3"),
        at("5:8", "focus", "expected text", "number", "quotes"),
    ),
    bad(
        "null-for-text",
        "yaml-null",
        task("focus: What the image shows", "focus: ~"),
        at("5:8", "focus", "expected text", "nothing"),
    ),
    bad(
        "timestamp-for-date",
        "yaml-timestamp",
        task("last_verified: 2024-05-02", "last_verified: 2024-05-02 10:00:00"),
        at("16:16", "last_verified", "YYYY-MM-DD"),
    ),
    bad(
        "python-object-apply",
        "yaml-tag",
        task("name: Image classification", "name: !!python/object/apply:os.system [echo pwned]"),
        at("2:7", "tags (!!python/object/apply:os.system)", "not allowed"),
    ),
    bad(
        "python-name",
        "yaml-tag",
        task("output: A class label", "output: !!python/name:os.system ''"),
        at("6:9", "tags (!!python/name:os.system)"),
    ),
    bad(
        "binary-tag",
        "yaml-tag",
        task("output: A class label", "output: !!binary aGVsbG8="),
        at("6:9", "tags (!!binary)"),
    ),
    bad(
        "local-tag",
        "yaml-tag",
        task("use_cases: [photo organisation]", "use_cases: !set [a]"),
        at("10:12", "tags (!set)"),
    ),
    bad(
        "verbatim-tag",
        "yaml-tag",
        task("output: A class label", "output: !<tag:yaml.org,2002:str> A class label"),
        at("6:9", "tags (!!str)"),
    ),
    bad(
        "tag-on-key",
        "yaml-tag",
        task("focus: What", "!!str focus: What"),
        at("5:1", "tags (!!str)"),
    ),
    bad(
        "yaml-1.1-directive",
        "yaml-directive",
        "%YAML 1.1\n---\n" + task(),
        at("1:1", "directives", "not allowed"),
    ),
    bad(
        "several-documents",
        "yaml-documents",
        task() + "---\n" + task(),
        at("18:1", "more than one YAML document"),
    ),
    bad(
        "duplicate-key",
        "duplicate-key",
        task("summary: Assigns", "name: Twice\nsummary: Assigns"),
        at("3:1", "duplicate key 'name'", "line 2"),
    ),
    bad(
        "duplicate-key-quoted",
        "duplicate-key",
        task("summary: Assigns", '"name": Twice\nsummary: Assigns'),
        at("3:1", "duplicate key 'name'", "line 2"),
    ),
    bad(
        "duplicate-nested-key",
        "duplicate-key",
        task("    accessed: 2024-05-01\n", "    accessed: 2024-05-01\n    title: Again\n"),
        at("15:5", "duplicate key 'title'", "line 13"),
    ),
    bad(
        "complex-key",
        "yaml-structure",
        task("focus: What", "[a, b]: x\nfocus: What"),
        at("5:1", "mapping keys must be plain words"),
    ),
    bad(
        "bom-utf16",
        "encoding",
        "\ufeff".encode("utf-16-le") + task().encode("utf-16-le"),
        at("1:1", "byte 0xFF is not valid UTF-8"),
    ),
    bad(
        "bom-mid-file",
        "encoding",
        task("focus: What", "focus: \ufeffWhat"),
        at("5:8", "invisible", "U+FEFF"),
    ),
    bad(
        "latin-1",
        "encoding",
        task("name: Image classification", "name: Caf\xe9 image").encode("latin-1"),
        at("2:10", "byte 0xE9 is not valid UTF-8"),
    ),
    bad(
        "overlong-slash",
        "encoding",
        task().encode().replace(b"image\n", b"image\xc0\xaf\n", 1),
        at("4:16", "byte 0xC0 is not valid UTF-8"),
    ),
    bad(
        "encoded-surrogate",
        "encoding",
        task().encode().replace(b"shows", b"sh\xed\xa0\x80ows"),
        at("5:25", "byte 0xED"),
    ),
    bad(
        "truncated-sequence",
        "encoding",
        task().encode() + b"# \xe2\x82",
        at("18:3", "byte 0xE2 is not valid UTF-8"),
    ),
    bad("nul-byte", "nul", task("false", "fa\0lse"), at("7:14", "NUL byte")),
    bad("nul-in-comment", "nul", "# \0\n" + task(), at("1:3", "NUL byte")),
    bad(
        "tab-indentation",
        "tabs",
        task("    title: An", "\ttitle: An"),
        at("13:1", "YAML syntax error"),
    ),
    bad(
        "cr-only-with-error",
        "line-ends",
        task("localizes: false", "localizes: off").replace("\n", "\r"),
        at("7:12", "localizes", "'off'"),
    ),
    bad(
        "crlf-with-error",
        "line-ends",
        task("complexity: {rating: low", "complexity: {rating: lowest").replace("\n", "\r\n"),
        at("8:22", "complexity", "'lowest'"),
    ),
    bad(
        "line-separator",
        "invisible",
        task("output: A class label", "output: A class\u2028label"),
        at("6:16", "invisible", "U+2028"),
    ),
    bad(
        "bidi-override",
        "invisible",
        task("name: Image classification", "name: Image \u202eclassification"),
        at("2:13", "invisible", "U+202E"),
    ),
    bad(
        "zero-width-joiner-in-key",
        "invisible",
        task("focus: What", "fo\u200dcus: What"),
        at("5:3", "invisible", "U+200D"),
        at("5:1", "unknown field 'fo\ufffdcus'"),
        at("1:1", "missing required field 'focus'"),
    ),
    bad(
        "emoji-zwj-sequence",
        "invisible",
        task("output: A class label", "output: 👩🏽\u200d💻"),
        at("6:11", "invisible", "U+200D"),
    ),
    bad(
        "escaped-bidi",
        "invisible",
        task("output: A class label", 'output: "A class \\u202e label"'),
        at("6:9", "output", "U+202E"),
    ),
    bad(
        "noncharacter",
        "invisible",
        task("output: A class label", "output: A class \ufffe label"),
        at("6:17", "U+FFFE", "not allowed"),
    ),
    # The same characters written as escapes reach the validator, not the file reader: each
    # would make the Atom feed unreadable to a strict XML parser (issue: one valid entry broke
    # the feed for every reader).
    bad(
        "escaped-noncharacter",
        "invisible",
        task("output: A class label", 'output: "A class \\ufffe label"'),
        at("6:9", "output", "noncharacter", "U+FFFE"),
    ),
    bad(
        "escaped-astral-noncharacter",
        "invisible",
        task("output: A class label", 'output: "A class \\U0010ffff label"'),
        at("6:9", "output", "U+10FFFF"),
    ),
    bad(
        "escaped-line-separator",
        "invisible",
        task("output: A class label", 'output: "A class\\u2028label"'),
        at("6:9", "output", "line-separator", "U+2028"),
    ),
    bad(
        "escaped-paragraph-separator",
        "invisible",
        task("output: A class label", 'output: "A class\\u2029label"'),
        at("6:9", "output", "U+2029"),
    ),
    bad(
        "escaped-private-use",
        "invisible",
        task("output: A class label", 'output: "A class \\ue000 label"'),
        at("6:9", "output", "private-use", "U+E000"),
    ),
    bad(
        "escaped-control",
        "invisible",
        task("output: A class label", 'output: "A class \\x1b[31m label"'),
        at("6:9", "output", "control", "U+001B"),
    ),
    bad(
        "unclosed-quote",
        "yaml-syntax",
        # single quotes: no later line of the entry holds one to close it by accident
        task("summary: Assigns", "summary: 'Assigns"),
        at("18:1", "YAML syntax error", "quoted scalar"),
    ),
    bad(
        "unclosed-flow",
        "yaml-syntax",
        task("use_cases: [photo organisation]", "use_cases: [photo"),
        at("11:8", "YAML syntax error", "flow sequence"),
    ),
    bad(
        "colon-in-plain",
        "yaml-syntax",
        task("summary: Assigns one", "summary: Assigns: one"),
        at("3:17", "YAML syntax error", "mapping values"),
    ),
]

# --- model-level bad input -----------------------------------------------------------

MODEL_CASES = [
    bad(
        "wrong-type-list",
        "wrong-type",
        task("use_cases: [photo organisation]", "use_cases: 12"),
        at("10:12", "use_cases", "expected a list"),
    ),
    bad(
        "wrong-type-mapping",
        "wrong-type",
        task("name: Image classification", "name: {a: b}"),
        at("2:7", "name", "expected text", "a mapping"),
    ),
    bad(
        "wrong-type-nested",
        "wrong-type",
        task("  - url:", "  - 42\n  - url:"),
        at("12:5", "sources", "mapping"),
    ),
    bad(
        "unknown-field",
        "unknown-field",
        task() + "onclick: x\n",
        at("18:1", "unknown field 'onclick'"),
    ),
    bad(
        "unknown-field-nested",
        "unknown-field",
        task("    accessed: 2024-05-01\n", "    accessed: 2024-05-01\n    href: x\n"),
        at("15:5", "unknown field 'href'"),
    ),
    bad(
        "missing-field",
        "missing-field",
        task("output: A class label\n", ""),
        at("1:1", "missing required field 'output'"),
    ),
    bad(
        "empty-sources",
        "missing-field",
        task().split("sources:")[0] + "sources: []\nlast_verified: 2024-05-02\nadded: 2024-04-01\n",
        at("11:10", "sources", "at least 1"),
    ),
    bad(
        "id-not-kebab",
        "bad-id",
        task("id: hostile", "id: Hostile_Entry"),
        at("1:5", "not a valid id", "lowercase"),
    ),
    bad(
        "id-not-file-name",
        "bad-id",
        task("id: hostile", "id: friendly"),
        at("1:5", "id 'friendly' does not match the file name 'hostile.yml'"),
    ),
    bad(
        "id-path-traversal",
        "bad-id",
        task("id: hostile", "id: ../../etc/passwd"),
        at("1:5", "not a valid id"),
    ),
    bad(
        "dangling-reference",
        "dangling-reference",
        task() + "part_of: image-clasification\n",
        at(
            "18:10",
            "part_of",
            "'image-clasification' is not an entry of vision-tasks",
            "did you mean 'image-classification'",
        ),
    ),
    bad(
        "enum-value",
        "enum",
        task("complexity: {rating: low", "complexity: {rating: <b>low</b>"),
        at("8:22", "complexity", "not allowed", "'low', 'average' or 'high'"),
    ),
    bad(
        "future-date",
        "date",
        task("last_verified: 2024-05-02", "last_verified: 2999-01-01"),
        at("16:16", "last_verified", "future"),
    ),
    bad(
        "not-a-mapping-list",
        "not-a-mapping",
        "- id: hostile\n- name: x\n",
        at("1:1", "must be a mapping", "list"),
    ),
    bad(
        "not-a-mapping-scalar",
        "not-a-mapping",
        "<script>window.__pwned=1</script>\n",
        at("1:1", "must be a mapping"),
    ),
    bad("only-document-marker", "not-a-mapping", "---\n...\n", at("1:1", "file is empty")),
    bad("comment-only", "empty-file", "# TODO\n", at("1:1", "file is empty")),
    bad("empty-file", "empty-file", b"", at("1:1", "file is empty")),
    bad("whitespace-only", "empty-file", "  \n\n   \n", at("1:1", "file is empty")),
    bad(
        "leading-space",
        "text",
        task("output: A class label", 'output: " A class label"'),
        at("6:9", "output", "white space"),
    ),
]

# --- URL schemes ----------------------------------------------------------------------


def _url(value: str) -> str:
    return task("url: https://example.com/article", f"url: {value}")


# A URL is a valid URI or it is refused (the API's schemas say format: uri): a quote, an angle
# bracket, a space escape or a stray percent sign is named with the escape to write instead.
URI_CASES = [
    bad(name, "url", _url(value), at("12:10", "url", *words))
    for name, value, words in [
        ("url-double-quote", "'https://example.com/a\"b'", ("'\"'", "%22")),
        ("url-angle-bracket", "https://example.com/?q=<b>", ("'<'", "%3C")),
        ("url-backslash", "'https://example.com/a\\b'", ("%5C",)),
        ("url-non-ascii", "https://example.com/café", ("'é'", "%C3%A9")),
        ("url-bad-percent", "https://example.com/100%", ("%25",)),
        ("url-bracket-in-query", "https://example.com/?x=[1]", ("'['", "%5B")),
        ("url-second-hash", "https://example.com/#a#b", ("'#' only once",)),
    ]
]

URL_CASES = [
    bad(name, "url", _url(value), at("12:10", "url", "http:// or https://"))
    for name, value in [
        ("javascript-url", "javascript:alert(1)"),
        ("javascript-url-mixed-case", "JaVaScRiPt:alert(1)"),
        ("javascript-url-entity", "'&#106;avascript:alert(1)'"),
        ("javascript-url-escaped-tab", '"java\\tscript:alert(1)"'),
        ("javascript-url-leading-space", '" javascript:alert(1)"'),
        ("javascript-url-after-http", "'javascript:alert(1)//https://example.com/'"),
        ("vbscript-url", "vbscript:msgbox(1)"),
        ("data-url", "'data:text/html,<script>alert(1)</script>'"),
        ("data-url-base64", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        ("file-url", "file:///etc/passwd"),
        ("protocol-relative-url", "//evil.example/"),
        ("user-before-host", "https://example.com@evil.example/"),
        ("no-slashes", "https:evil.example"),
        ("no-host", "https:///path"),
        ("space-in-url", "'https://example.com/a b'"),
    ]
] + [
    bad(
        "website-javascript",
        "url",
        task() + "website: javascript:window.__pwned=1\n",
        at("18:10", "website", "http:// or https://"),
    ),
]

# --- limits ---------------------------------------------------------------------------

LIMIT_CASES = [
    bad(
        "name-too-long",
        "limits",
        task("name: Image classification", "name: " + "n" * 81),
        at("2:7", "name", "81 characters", "limit is 80"),
    ),
    bad(
        "summary-too-long",
        "limits",
        task("summary: Assigns one label to a whole image.", "summary: " + "s" * 301),
        at("3:10", "summary", "301 characters", "limit is 300"),
    ),
    bad(
        "description-too-long",
        "limits",
        task() + "description: " + "d" * 5001 + "\n",
        at("18:14", "description", "5001 characters", "limit is 5000"),
    ),
    # Markdown that Python-Markdown renders in quadratic time (unclosed brackets) or by
    # recursing once per marker (nested lists on one line): refused before any build.
    bad(
        "markdown-quadratic-images",
        "limits",
        task() + "description: '" + "![" * 2500 + "'\n",
        at("18:14", "description", "2500 '['", "at most 60"),
    ),
    bad(
        "markdown-quadratic-links",
        "limits",
        task() + "description: '" + "[a](" * 1250 + "'\n",
        at("18:14", "description", "1250 '['"),
    ),
    bad(
        "markdown-angle-brackets",
        "limits",
        task() + "description: " + "<a " * 1600 + "\n",
        at("18:14", "description", "'<'", "at most 60"),
    ),
    bad(
        "markdown-nested-lists",
        "limits",
        task() + "description: '" + "1. " * 1600 + "x'\n",
        at("18:14", "description", "nests lists or quotes more than 8 deep"),
    ),
    bad(
        "list-too-long",
        "limits",
        task(
            "use_cases: [photo organisation]",
            "use_cases: [" + ", ".join(f"u{i}" for i in range(51)) + "]",
        ),
        at("10:12", "use_cases", "51 items", "limit is 50"),
    ),
    bad(
        "too-many-sources",
        "limits",
        task().split("sources:")[0]
        + "sources:\n"
        + "".join(
            f"  - {{url: 'https://example.com/{i}', title: t, kind: vendor, "
            "accessed: 2024-05-01}\n"
            for i in range(21)
        )
        + "last_verified: 2024-05-02\nadded: 2024-04-01\n",
        at("12:3", "sources", "21 items", "limit is 20"),
    ),
    bad(
        "url-too-long",
        "limits",
        _url("https://example.com/" + "u" * 2000),
        at("12:10", "url", "2020 characters", "limit is 2000"),
    ),
    bad(
        "duplicate-list-item",
        "limits",
        task("[photo organisation]", "[a, b, a]"),
        at("10:12", "use_cases", "'a' twice"),
    ),
]

# --- valid but hostile: must validate and keep the value verbatim ------------------------

VALID_CASES = [
    good(
        "norway-problem",
        "yaml-1.1-boolean",
        task("name: Image classification", "name: NO"),
        name="NO",
    ),
    good(
        "on-off-as-text",
        "yaml-1.1-boolean",
        task("focus: What the image shows", "focus: on"),
        focus="on",
    ),
    good(
        "yes-as-text",
        "yaml-1.1-boolean",
        task("output: A class label", "output: Yes"),
        output="Yes",
    ),
    good(
        "timestamp-like-text",
        "yaml-timestamp",
        task("output: A class label", "output: 2001-12-14t21:59:43.10-05:00"),
        output="2001-12-14t21:59:43.10-05:00",
    ),
    good(
        "quoted-date-as-text",
        "yaml-timestamp",
        task("output: A class label", 'output: "2024-05-01"'),
        output="2024-05-01",
    ),
    good(
        "quoted-null-as-text",
        "yaml-null",
        task("output: A class label", "output: 'null'"),
        output="null",
    ),
    good(
        "sexagesimal-as-text",
        "yaml-1.1-number",
        task("output: A class label", "output: 1:20"),
        output="1:20",
    ),
    good("utf8-bom", "encoding", b"\xef\xbb\xbf" + task().encode(), name="Image classification"),
    good(
        "crlf",
        "line-ends",
        (task() + "description: |\n  line one\n  line two\n").replace("\n", "\r\n").encode(),
        description="line one\nline two",
        summary="Assigns one label to a whole image.",
    ),
    good("cr-only", "line-ends", task().replace("\n", "\r").encode(), last_verified="2024-05-02"),
    good(
        "tab-inside-value",
        "tabs",
        task("output: A class label", "output: A\tclass label"),
        output="A\tclass label",
    ),
    good(
        "tab-after-colon",
        "tabs",
        task("output: A class label", "output:\tA class label"),
        output="A class label",
    ),
    good(
        "unicode-text",
        "unicode",
        task("name: Image classification", "name: 画像分類 — Классификация ✓ עברית"),
        name="画像分類 — Классификация ✓ עברית",
    ),
    good(
        "emoji-and-combining",
        "unicode",
        task("output: A class label", "output: 🙂 🇫🇷 e\u0301te\u0301"),
        output="🙂 🇫🇷 e\u0301te\u0301",
    ),
    good(
        "name-at-limit",
        "limits",
        task("name: Image classification", "name: " + "n" * 80),
        name="n" * 80,
    ),
    good(
        "list-at-limit",
        "limits",
        task(
            "use_cases: [photo organisation]",
            "use_cases: [" + ", ".join(f"u{i}" for i in range(50)) + "]",
        ),
        use_cases=[f"u{i}" for i in range(50)],
    ),
    good(
        "html-in-plain-scalar",
        "html",
        task("output: A class label", "output: <b>bold</b> & <i>x</i>"),
        output="<b>bold</b> & <i>x</i>",
    ),
    good(
        "template-in-plain-scalar",
        "template",
        task("output: A class label", "output: '{{ 7*191 }}'"),
        output="{{ 7*191 }}",
    ),
    good(
        "hash-in-value",
        "yaml-comment",
        task("output: A class label", "output: C# and F#"),
        output="C# and F#",
    ),
]

# --- file-system hazards --------------------------------------------------------------


def _link(name: str, target: Callable[[Path], Path]) -> Setup:
    def setup(root: Path) -> None:
        os.symlink(target(root), root / "vision-tasks" / name)

    return setup


def _outside(root: Path) -> Path:
    """A valid entry outside ``catalog/`` (in the working directory)."""
    path = root.parent / "outside.yml"
    path.write_text(task("id: hostile", "id: linked"), encoding="utf-8")
    return path


def _outside_folder(root: Path) -> Path:
    folder = root.parent / "elsewhere"
    folder.mkdir()
    (folder / "linked.yml").write_text(task("id: hostile", "id: linked"), encoding="utf-8")
    return folder


def _catalog_link(root: Path) -> None:
    os.symlink(_outside_folder(root), root / "sourcing-modes-copy")


def _replace_catalog_with_link(root: Path) -> None:
    # Every file of the real catalog folder moves outside; the folder becomes a link to it.
    real = root / "sourcing-modes"
    moved = root.parent / "moved-sourcing-modes"
    real.rename(moved)
    os.symlink(moved, real)


def _write(rel: str, data: bytes = b"") -> Setup:
    def setup(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return setup


def _mkdir(rel: str) -> Setup:
    def setup(root: Path) -> None:
        (root / rel).mkdir(parents=True)

    return setup


def _fifo(root: Path) -> None:
    # Opening a named pipe would block for ever; it must be reported without being read.
    os.mkfifo(root / "vision-tasks" / "pipe.yml")


def _linked_entry_file(root: Path) -> None:
    os.symlink(
        root / "vision-tasks" / "image-classification.yml", root / "vision-tasks" / "copy.yml"
    )


def fs(
    name: str, setup: Setup, where: str, *words: str, arg: str = "", more: tuple[Expect, ...] = ()
) -> Case:
    """A file-system case: a problem at ``where`` (a full ``path:line:col``), and ``more``.
    ``arg`` is the path to name on the command line when ``where`` shows it escaped."""
    return Case(
        name,
        "file-system",
        None,
        file=arg or where.rsplit(":", 2)[0],
        setup=setup,
        problems=(Expect(where, words), *more),
    )


T = "catalog/vision-tasks"
FS_CASES = [
    fs(
        "symlink-to-outside-entry",
        _link("linked.yml", _outside),
        f"{T}/linked.yml:1:1",
        "symbolic link",
    ),
    fs(
        "symlink-to-passwd",
        _link("passwd.yml", lambda _: Path("/etc/passwd")),
        f"{T}/passwd.yml:1:1",
        "symbolic link",
    ),
    fs(
        "symlink-to-dev-zero",
        _link("zero.yml", lambda _: Path("/dev/zero")),
        f"{T}/zero.yml:1:1",
        "symbolic link",
    ),
    fs(
        "dangling-symlink",
        _link("gone.yml", lambda r: r / "nowhere.yml"),
        f"{T}/gone.yml:1:1",
        "symbolic link",
    ),
    fs(
        "symlink-loop",
        _link("loop.yml", lambda r: r / "vision-tasks" / "loop.yml"),
        f"{T}/loop.yml:1:1",
        "symbolic link",
    ),
    fs("symlink-inside-catalog", _linked_entry_file, f"{T}/copy.yml:1:1", "symbolic link"),
    fs(
        "symlinked-folder-not-a-catalog",
        _catalog_link,
        "catalog/sourcing-modes-copy:1:1",
        "symbolic link",
    ),
    fs(
        "symlinked-catalog-folder",
        _replace_catalog_with_link,
        "catalog/sourcing-modes:1:1",
        "symbolic link",
        more=(
            at(
                "10:18",
                "'in-house' is not an entry of sourcing-modes",
                path="catalog/annotation-vendors/label-tool.yml",
            ),
        ),
    ),
    fs(
        "name-with-space",
        _write("vision-tasks/my entry.yml", TASK.encode()),
        f"{T}/my entry.yml:1:1",
        "is not <lowercase-kebab-id>.yml",
    ),
    fs(
        "name-uppercase",
        _write("vision-tasks/Hostile.yml", TASK.encode()),
        f"{T}/Hostile.yml:1:1",
        "is not <lowercase-kebab-id>.yml",
    ),
    fs(
        "name-leading-dash",
        _write("vision-tasks/-rf.yml", TASK.encode()),
        f"{T}/-rf.yml:1:1",
        "is not <lowercase-kebab-id>.yml",
    ),
    fs(
        "name-double-dash",
        _write("vision-tasks/a--b.yml", TASK.encode()),
        f"{T}/a--b.yml:1:1",
        "is not <lowercase-kebab-id>.yml",
    ),
    fs(
        "name-unicode",
        _write("vision-tasks/caf\u00e9.yml", TASK.encode()),
        f"{T}/caf\u00e9.yml:1:1",
        "is not <lowercase-kebab-id>.yml",
    ),
    fs(
        "name-newline",
        _write("vision-tasks/a\nb.yml", TASK.encode()),
        f"{T}/a\\nb.yml:1:1",
        "is not <lowercase-kebab-id>.yml",
        arg=f"{T}/a\nb.yml",
    ),
    fs(
        "name-bidi",
        _write("vision-tasks/b\u202elmy.yml", TASK.encode()),
        f"{T}/b\\u202elmy.yml:1:1",
        "is not <lowercase-kebab-id>.yml",
        arg=f"{T}/b\u202elmy.yml",
    ),
    fs(
        "name-yaml-suffix",
        _write("vision-tasks/hostile.yaml", TASK.encode()),
        f"{T}/hostile.yaml:1:1",
        "is not an entry",
        ".yml",
    ),
    fs(
        "name-backup-suffix",
        _write("vision-tasks/hostile.yml~", TASK.encode()),
        f"{T}/hostile.yml~:1:1",
        "is not an entry",
    ),
    fs(
        "name-very-long",
        _write(
            "vision-tasks/" + "a" * 250 + ".yml",
            TASK.replace("id: hostile", "id: " + "a" * 250).encode(),
        ),
        f"{T}/{'a' * 250}.yml:1:5",
        "id",
        "250 characters",
        "limit is 64",
    ),
    fs(
        "folder-not-a-catalog",
        _write("vendors/hostile.yml", TASK.encode()),
        "catalog/vendors:1:1",
        "'vendors' is not a catalog",
        "known:",
    ),
    fs(
        "folder-inside-catalog",
        _write("vision-tasks/more/hostile.yml", TASK.encode()),
        f"{T}/more:1:1",
        "is not an entry",
    ),
    fs(
        "folder-named-like-entry",
        _mkdir("vision-tasks/folder.yml"),
        f"{T}/folder.yml:1:1",
        "is not an entry",
    ),
    fs(
        "file-at-catalog-root",
        _write("hostile.yml", TASK.encode()),
        "catalog/hostile.yml:1:1",
        "not inside a catalog folder",
    ),
    fs("named-pipe", _fifo, f"{T}/pipe.yml:1:1", "is not an entry"),
    fs("empty-file-named", _write("vision-tasks/blank.yml"), f"{T}/blank.yml:1:1", "file is empty"),
    fs(
        "duplicate-id",
        _write(
            "vision-tasks/image-classification-2.yml",
            TASK.replace("id: hostile", "id: image-classification").encode(),
        ),
        f"{T}/image-classification-2.yml:1:5",
        "does not match the file name",
        more=(
            at(
                "1:5",
                "duplicate id 'image-classification'",
                f"already used by {T}/image-classification.yml",
                path=f"{T}/image-classification-2.yml",
            ),
        ),
    ),
]


# Hidden files (editor swap files, ".draft.yml") are neither read nor published.
FS_CASES.append(
    Case(
        "hidden-file-ignored",
        "file-system",
        TASK.replace("id: hostile", "id: x"),
        file=f"{T}/.hostile.yml",
    )
)

# --- numbers in another catalog (the case study of the test tree) -----------------------

CASE_FILE = "catalog/case-studies/churn-ann.yml"


def _case_study(old: str, new: str) -> str:
    text = entry_text("case-studies", "churn-ann")
    assert text.count(old) == 1, old
    return text.replace(old, new)


NUMBER_CASES = [
    Case(name, "wrong-type", _case_study(old, new), file=CASE_FILE,
         problems=(at(where, *words, path=CASE_FILE),))
    for name, old, new, where, words in [
        # 4,000 hex digits convert to an int that cannot be printed: refused as too long
        ("huge-hex-number", "result: 0.86", "result: 0.86\nsamples: 0x" + "f" * 4000, "9:10",
         ("a number with 4002 digits is too large",)),
        ("implausible-count", "result: 0.86", "result: 0.86\nsamples: 99999999999999", "9:10",
         ("samples", "out of range")),
        ("implausible-number", "result: 0.86", "result: 0.86\nsamples: 1e300", "9:10",
         ("samples", "expected a whole number")),
        ("quoted-number-for-int", "result: 0.86", "result: 0.86\nsamples: \"2020\"", "9:10",
         ("samples", "expected a whole number", "remove the quotes")),
        ("fraction-for-int", "result: 0.86", "result: 0.86\nepochs: 1.5", "9:9",
         ("epochs", "expected a whole number", "1.5")),
        ("infinite-float", "result: 0.86", "result: 1e400", "8:9", ("result", "finite")),
        ("nan-as-text", "result: 0.86", "result: .nan", "8:9", ("result", "expected a number")),
        ("out-of-range", "result: 0.86", "result: 86", "8:9", ("result", "out of range")),
        ("bool-for-number", "result: 0.86", "result: true", "8:9", ("result", "expected a number")),
    ]
]  # fmt: skip

CASES: list[Case] = [
    *YAML_CASES,
    *MODEL_CASES,
    *URL_CASES,
    *URI_CASES,
    *NUMBER_CASES,
    *LIMIT_CASES,
    *VALID_CASES,
    *FS_CASES,
]
