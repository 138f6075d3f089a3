"""The YAML reader: YAML 1.2 scalars, positions of keys and values, refusals; and a property
test showing that no input, however broken, makes it raise."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.data.loader import load
from kb.data.yamlread import MAX_FILE_BYTES, parse

SAMPLE = """\
id: bounding-box
name: Bounding box
dimensions: [2d, 3d]
sources:
  - url: https://example.com/a
    accessed: 2024-05-01
    kind: vendor
added: 2024-04-01
"""


def test_positions_of_keys_and_values() -> None:
    doc = parse(SAMPLE.encode(), "x.yml")
    assert doc.problems == []
    assert doc.keys[("name",)] == (2, 1)
    assert doc.values[("name",)] == (2, 7)
    assert doc.values[("dimensions", 1)] == (3, 18)
    assert doc.keys[("sources", 0, "accessed")] == (6, 5)
    assert doc.values[("sources", 0, "accessed")] == (6, 15)
    assert doc.data["sources"][0]["accessed"] == date(2024, 5, 1)


def test_where_falls_back_to_the_nearest_ancestor() -> None:
    doc = parse(SAMPLE.encode(), "x.yml")
    assert doc.where(("sources", 0, "title")) == (5, 5)  # the item that lacks it
    assert doc.where(("nothing",)) == (1, 1)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no", "no"),
        ("off", "off"),
        ("yes", "yes"),
        ("on", "on"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("12", 12),
        ("012", 12),
        ("0o14", 12),
        ("0x1F", 31),
        ("1_000", "1_000"),
        ("0.25", 0.25),
        ("1e3", 1000.0),
        (".inf", ".inf"),
        ("2024-02-29", date(2024, 2, 29)),
        ("2023-02-29", "2023-02-29"),
        ("12:30", "12:30"),
        ("'12'", "12"),
        ('"true"', "true"),
    ],
)
def test_scalars_resolve_as_yaml_1_2(text: str, value: Any) -> None:
    doc = parse(f"v: {text}\n".encode(), "x.yml")
    assert doc.problems == []
    assert doc.data == {"v": value}
    assert type(doc.data["v"]) is type(value)


@pytest.mark.parametrize(
    ("text", "where", "hint"),
    [
        ("sources: [https://example.com/a]\n", "1:16", "put text that contains ':'"),
        ("summary: Assigns: one\n", "1:17", "put text that contains ': ' in quotes"),
        ("a: @x\n", "1:4", "starts with @, ` or % in quotes"),
        ("a:\n\t- b\n", "2:1", "indent with spaces, not tabs"),
    ],
)
def test_syntax_errors_say_what_to_do(text: str, where: str, hint: str) -> None:
    (problem,) = parse(text.encode(), "x.yml").problems
    assert problem.text().startswith(f"x.yml:{where}: YAML syntax error: ")
    assert hint in problem.message


def test_nested_duplicate_key() -> None:
    doc = parse(b"a:\n  b: 1\n  c: 2\n  b: 3\n", "x.yml")
    assert [p.text() for p in doc.problems] == [
        "x.yml:4:3: duplicate key 'b' (first set on line 2)"
    ]
    assert doc.data == {"a": {"b": 1, "c": 2}}  # the first value is kept


def test_deep_nesting_is_refused() -> None:
    doc = parse(b"a: " + b"[" * 100 + b"]" * 100 + b"\n", "x.yml")
    assert len(doc.problems) == 1
    assert "nesting is deeper than" in doc.problems[0].message


def test_mapping_as_key_is_refused() -> None:
    doc = parse(b"? [a, b]\n: c\n", "x.yml")
    assert [p.text() for p in doc.problems] == [
        "x.yml:1:3: mapping keys must be plain words, not lists or mappings"
    ]


def test_size_limit_counts_bytes() -> None:
    assert parse(b"a: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n", "x.yml").problems == []
    (problem,) = parse(b"a: " + b"x" * MAX_FILE_BYTES + b"\n", "x.yml").problems
    assert (problem.line, problem.col) == (1, 1)
    assert "larger than 64 KiB" in problem.message


def test_empty_and_comment_only_files_have_no_data() -> None:
    for raw in (b"", b"# just a comment\n", b"\n\n"):
        doc = parse(raw, "x.yml")
        assert (doc.data, doc.problems) == (None, [])


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_give_the_same_positions(newline: str) -> None:
    doc = parse(SAMPLE.replace("\n", newline).encode(), "x.yml")
    assert doc.problems == []
    assert doc.values[("sources", 0, "accessed")] == (6, 15)
    assert doc.data["name"] == "Bounding box"


def test_invisible_characters_are_pinned_and_parsing_goes_on() -> None:
    raw = "# ok \u202e\nname: a\u200db\nlist: [\n".encode()
    assert [p.text() for p in parse(raw, "x.yml").problems] == [
        "x.yml:1:6: invisible control or formatting character U+202E; delete it",
        "x.yml:2:8: invisible control or formatting character U+200D; delete it",
        "x.yml:4:1: YAML syntax error: did not find expected node content "
        "(while parsing a flow node)",
    ]


def test_many_invisible_characters_are_summarised() -> None:
    problems = parse(("a: " + "\u200b" * 500 + "\n").encode(), "x.yml").problems
    assert len(problems) == 11
    assert problems[-1].message == "500 invisible characters in all; only the first are listed"


def test_thousands_of_aliases_are_summarised() -> None:
    raw = b"a: &a [x]\nb: [" + b"*a, " * 5000 + b"*a]\n"
    problems = parse(raw, "x.yml").problems
    assert len(problems) == 12  # the anchor, ten aliases, one count
    assert problems[-1].message == "5001 YAML aliases in all; only the first are listed"
    assert problems[2].text() == "x.yml:2:9: YAML aliases (*a) are not allowed; write the value out"


def test_non_characters_are_pinned() -> None:
    (problem,) = parse("a: b\nc: \u00e9\u00e9\ufffe\n".encode(), "x.yml").problems
    assert problem.text() == "x.yml:2:6: character U+FFFE is not allowed in YAML; delete it"


def test_no_break_space_is_left_to_the_field_checks() -> None:
    doc = parse("a: caf\u00e9\u00a0au lait\n".encode(), "x.yml")
    assert (doc.problems, doc.data) == ([], {"a": "caf\u00e9\u00a0au lait"})


def _check_problems(problems: list[Any]) -> None:
    for p in problems:
        assert p.line >= 1 and p.col >= 1, p
        assert p.message and "\n" not in p.message, p


# ---- property tests: anything goes in, only problems come out ---------------------------

YAML_BITS = [*":-[]{}&*!|>'\"%@`#,?~\t\n ", "---", "...", "%YAML 1.1", "!!str", "&a", "*a"]
VALID_FILES = [
    SAMPLE,
    """\
id: label-tool
name: "Label Tool"
summary: >
  An open-source
  labeling tool.
techniques:
  - bounding-box
  - polygon
data_types: [image, video]
""",
]


@st.composite
def mutated_yaml(draw: st.DrawFn) -> bytes:
    """A valid entry with a few random edits: inserted YAML syntax, cut ranges, moved lines."""
    text = draw(st.sampled_from(VALID_FILES))
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "dup-line", "indent", "text"]))
        if op == "insert":
            text = text[:pos] + draw(st.sampled_from(YAML_BITS)) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 20)) :]
        elif op == "dup-line":
            lines = text.splitlines(keepends=True) or [""]
            i = draw(st.integers(0, len(lines) - 1))
            text = "".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])
        elif op == "indent":
            text = text[:pos] + " " * draw(st.integers(1, 4)) + text[pos:]
        else:
            text = text[:pos] + draw(st.text(max_size=8)) + text[pos:]
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        i = draw(st.integers(0, len(raw)))
        raw = raw[:i] + draw(st.binary(max_size=3)) + raw[i:]
    return raw


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_parse_random_text_never_raises(text: str) -> None:
    doc = parse(text.encode("utf-8", "surrogatepass"), "x.yml")
    _check_problems(doc.problems)


@given(st.binary())
@settings(max_examples=300, deadline=None)
def test_parse_random_bytes_never_raises(raw: bytes) -> None:
    _check_problems(parse(raw, "x.yml").problems)


@given(mutated_yaml())
@settings(max_examples=400, deadline=None)
def test_parse_mutated_yaml_never_raises(raw: bytes) -> None:
    _check_problems(parse(raw, "x.yml").problems)


@given(
    raw=st.one_of(mutated_yaml(), st.binary(max_size=200), st.text(max_size=200).map(str.encode))
)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_load_never_raises_and_pins_every_problem(tree: Any, raw: bytes) -> None:
    path = tree.write("annotation-vendors", "label-tool", raw)
    kb = load(tree.root)
    _check_problems(kb.problems)
    assert kb.ok == (kb.problems == [])
    for p in kb.problems:
        assert p.path.startswith("catalog/"), p
    if not kb.ok:  # the other files are valid: every problem is the mutated file's
        assert {p.path for p in kb.problems} == {"catalog/annotation-vendors/label-tool.yml"}
    path.unlink()


def test_duplicate_key_after_an_invisible_character_reports_each_once() -> None:
    # A duplicate key makes the reader read the file again noting positions; what the first
    # pass over the bytes found (the character) is reported once, not twice or not at all.
    doc = parse("a: x\u200by\nb: 1\na: 2\n".encode(), "x.yml")
    assert [p.text() for p in doc.problems] == [
        "x.yml:1:5: invisible control or formatting character U+200B; delete it",
        "x.yml:3:1: duplicate key 'a' (first set on line 1)",
    ]
    assert doc.data == {"a": "x\ufffdy", "b": 1}
    assert doc.where(("b",)) == (2, 4)


def test_positions_are_the_same_however_often_asked() -> None:
    # Positions are worked out from the text on first use; later problems and copies agree.
    doc = parse(SAMPLE.encode(), "x.yml")
    first = doc.where(("sources", 0, "kind"))
    assert first == (7, 11)
    assert doc.where(("sources", 0, "kind")) == first
    assert doc.where(("sources", 0, "kind"), key=True) == (7, 5)
