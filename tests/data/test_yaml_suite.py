"""The YAML test suite (yaml/yaml-test-suite, data branch, MIT: tests/data/yaml-test-suite)
through the project's reader: every case is either read as exactly the suite's data or
refused with a line:col problem, never read as something else; an invalid document is
always refused. A sample also goes through ``kb validate``."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kb.cli import main
from kb.data.yamlread import parse

SUITE = Path(__file__).parent / "yaml-test-suite"

# libyaml's deviations the reader used to let through (accepted invalid documents, valid
# ones read as other data): each must now be refused, or read exactly.
ONCE_ACCEPTED = [
    "9C9N",
    "9JBA",
    "CVW2",
    "DK95/01",
    "G5U8",
    "QB6E",
    "S98Z",
    "SU5Z",
    "X4QW",
    "Y79Y/003",
    "YJV2",
]
ONCE_MISREAD = ["652Z", "HM87/01", "JEF9/02", "L24T/01"]


def _cases() -> list[tuple[str, Path]]:
    found = []
    for folder in sorted(SUITE.iterdir()):
        if not folder.is_dir():
            continue
        if (folder / "in.yaml").exists():
            found.append((folder.name, folder))
        else:
            found += [(f"{folder.name}/{sub.name}", sub) for sub in sorted(folder.iterdir())]
    return found


CASES = _cases()


def _documents(text: str) -> list[Any]:
    """The JSON documents of an in.json, one after the other (a stream may hold several)."""
    decoder, index, found = json.JSONDecoder(), 0, []
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index == len(text):
            return found
        value, index = decoder.raw_decode(text, index)
        found.append(value)


def _as_json(value: Any) -> Any:
    """The reader's data as the suite writes it: the reader types ISO dates, the suite keeps
    them as the same text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same type all the way down (``True`` is not ``1``, ``1.0`` is not
    ``1``); a mapping's key order does not matter."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return sorted(a) == sorted(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _outcome(case: Path) -> str:
    """``refused``, ``exact``, or what went wrong."""
    raw = (case / "in.yaml").read_bytes()
    doc = parse(raw, "in.yaml")  # raises nothing, ever
    lines = raw.decode("utf-8", "replace").count("\n") + 1
    for p in doc.problems:
        assert 1 <= p.line <= lines + 1 and p.col >= 1, p
        assert p.message
    if doc.problems:
        return "refused"
    if (case / "error").exists():
        return "accepted an invalid document"
    if not (case / "in.json").exists():
        # Valid, but the suite has no JSON for it (a key that is a list or null, …): the
        # reader must refuse it, as it has nothing to compare with.
        return f"read with no JSON to compare: {doc.data!r}"
    expected = _documents((case / "in.json").read_text(encoding="utf-8"))
    if not expected:
        return "exact" if doc.data is None else f"read {doc.data!r} from an empty stream"
    if len(expected) == 1 and _same(_as_json(doc.data), expected[0]):
        return "exact"
    return f"read {doc.data!r}, the suite says {expected!r}"


def test_the_suite_is_here_with_its_licence() -> None:
    assert "MIT License" in (SUITE / "LICENSE").read_text(encoding="utf-8")
    assert len(CASES) > 350


def test_every_case_is_read_exactly_or_refused() -> None:
    outcomes = {name: _outcome(case) for name, case in CASES}
    wrong = {name: o for name, o in outcomes.items() if o not in ("exact", "refused")}
    assert wrong == {}
    for name in ONCE_ACCEPTED:
        assert outcomes[name] == "refused", name
    for name in ONCE_MISREAD:
        assert outcomes[name] in ("exact", "refused"), name
    invalid = [name for name, case in CASES if (case / "error").exists()]
    assert all(outcomes[name] == "refused" for name in invalid)
    exact = sum(o == "exact" for o in outcomes.values())
    assert exact >= 169  # today's figure: a change that reads fewer cases shows here


@pytest.mark.parametrize("name", [*ONCE_ACCEPTED, *ONCE_MISREAD, "229Q", "2EBW", "DFF7"])
def test_kb_validate_reports_the_reader_s_problems_at_line_col(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = dict(CASES)[name]
    entry = tmp_path / "catalog" / "annotation-techniques" / "case.yml"
    entry.parent.mkdir(parents=True)
    entry.write_bytes((case / "in.yaml").read_bytes())
    code = main(["validate", "--format", "json", str(entry)])
    out, err = capsys.readouterr()
    assert code == 1  # none of these is a valid entry
    assert "internal error" not in err
    reported = [(p["line"], p["col"], p["message"]) for p in json.loads(out)]
    assert reported and all(line >= 1 and col >= 1 for line, col, _ in reported)
    expected = [(p.line, p.col, p.message) for p in parse(entry.read_bytes(), "x").problems]
    assert set(expected) <= set(reported)
    if (case / "error").exists():
        assert expected
