"""Property tests: random valid entries survive load -> model -> export (JSON and CSV) without
loss, and random text in any text field renders as inert text.

The entries are drawn as plain Python values, written out as YAML by hand-written templates
(every text as a JSON string, which YAML reads as a double-quoted scalar), and compared after
the round trip with the values drawn: the code under test never produces the expectation.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from conftest import VALID, entry_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.data.loader import load
from kb.data.models import CATALOGS
from kb.outputs.export import to_csv, to_json

# The characters no text field may hold, as docs/security.md states them: controls, format
# characters, surrogates, private-use characters, line and paragraph separators, and the 66
# noncharacters (U+FDD0..U+FDEF and the last two code points of every plane).
REFUSED_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")
NONCHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [
    chr(plane + last) for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)
]

# Text a contributor may write: anything else (any script, emoji, symbols, HTML, template
# syntax), plus tab and line breaks inside, no surrounding white space.
_CHAR = st.characters(
    codec="utf-8",
    exclude_categories=REFUSED_CATEGORIES,
    exclude_characters="".join(NONCHARACTERS),
) | st.sampled_from("\t\n<>&\"'{}%#:-[]!*|`\\")
# Every character the validator must refuse, however the file writes it.
# (A surrogate cannot be written to a UTF-8 file at all, and YAML refuses its escape: see
# the corpus case encoded-surrogate.)
REFUSED_CHAR = st.characters(
    categories=tuple(c for c in REFUSED_CATEGORIES if c != "Cs"), exclude_characters="\t\n\r"
) | st.sampled_from(NONCHARACTERS)


def text(max_size: int) -> st.SearchStrategy[str]:
    """A valid value of a text field of at most ``max_size`` characters (not kb new's
    "TODO:" placeholder, which the validator refuses on purpose)."""
    return st.text(_CHAR, min_size=1, max_size=max_size).filter(
        lambda s: s == s.strip() and not s.startswith("TODO:")
    )


_HOST = st.from_regex(r"[a-z0-9]{1,12}(\.[a-z]{2,6}){0,2}", fullmatch=True)
# A path of the characters a URI may hold (RFC 3986), and percent-escapes of any UTF-8 text;
# any other character is refused (see the corpus's url cases).
_URI_CHAR = st.sampled_from(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/@!$&'()*+,;="
)
_ESCAPE = st.characters(codec="utf-8", exclude_categories=("Cs",)).map(
    lambda ch: "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
)
_PATH = st.lists(_URI_CHAR | _ESCAPE, max_size=40).map("".join)
URL = st.builds(lambda s, h, p: f"{s}://{h}/{p}", st.sampled_from(["http", "https"]), _HOST, _PATH)
DAY = st.dates(min_value=date(1990, 1, 1), max_value=date.today())
LEVEL = st.sampled_from(["low", "average", "high"])
SOURCE_URL = "https://example.com/cited"  # the source every drawn rating rests on


def q(value: Any) -> str:
    """A YAML scalar for ``value``: JSON for text (a YAML double-quoted scalar), the plain
    form YAML 1.2 reads back for numbers, booleans and dates."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def yaml_of(fields: dict[str, Any]) -> str:
    """Block-style YAML of an entry: scalars, flow lists, and lists of flow mappings."""
    lines = []
    for key, value in fields.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            for item in value:
                inner = ", ".join(f"{k}: {q(v)}" for k, v in item.items())
                lines.append(f"  - {{{inner}}}")
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(q(v) for v in value)}]")
        else:
            lines.append(f"{key}: {q(value)}")
    return "\n".join(lines) + "\n"


def _common(draw: Any, entry_id: str) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": entry_id,
        "name": draw(text(80)),
        "summary": draw(text(300)),
    }
    if draw(st.booleans()):
        found["description"] = draw(text(600))
    if draw(st.booleans()):
        found["website"] = draw(URL)
    cited: dict[str, Any] = {
        "url": SOURCE_URL,
        "title": "Cited",
        "kind": "vendor",
        "accessed": draw(DAY),
    }
    found["sources"] = [cited] + [
        {"url": draw(URL), "title": draw(text(300)), "kind": "vendor", "accessed": draw(DAY)}
        for _ in range(draw(st.integers(0, 2)))
    ]
    # nothing is verified before its sources were read
    found["last_verified"] = max([s["accessed"] for s in found["sources"]] + [draw(DAY)])
    found["added"] = draw(DAY)
    return found


def _unique(draw: Any, values: list[str], min_size: int = 0) -> list[str]:
    return list(draw(st.lists(st.sampled_from(values), min_size=min_size, unique=True)))


@st.composite
def vision_task(draw: Any) -> tuple[str, dict[str, Any]]:
    entry = _common(draw, "random-task")
    entry.update(
        modality=draw(st.sampled_from(["image", "text", "tabular"])),
        focus=draw(text(300)),
        output=draw(text(300)),
        localizes=draw(st.booleans()),
        complexity={"rating": draw(LEVEL), "basis": draw(text(300)), "source": SOURCE_URL},
        processing_time={"basis": draw(text(300))},
        use_cases=draw(st.lists(text(300), min_size=1, max_size=5, unique=True)),
    )
    areas = _unique(draw, ["security", "e-commerce", "medical-imaging", "photo-organisation"])
    if areas:
        entry["applications"] = [{"area": a, "role": draw(text(300))} for a in areas]
    if draw(st.booleans()):
        entry["part_of"] = "image-classification"
    return "vision-tasks", entry


@st.composite
def image_optimizer(draw: Any) -> tuple[str, dict[str, Any]]:
    entry = _common(draw, "random-optimizer")
    entry.update(
        kind=draw(st.sampled_from(["online", "desktop", "plugin", "api"])),
        compression=_unique(draw, ["lossless", "lossy"]),
        input_formats=_unique(draw, ["jpeg", "png", "gif", "webp", "avif", "heic"]),
        pricing=_unique(draw, ["free", "free-tier", "subscription", "one-time"], 1),
    )
    if draw(st.booleans()):
        entry["max_file_size_mb"] = draw(st.floats(min_value=1e-6, max_value=1e6))
    if draw(st.booleans()):
        entry["max_batch"] = draw(st.integers(1, 10**6))
    return "image-optimizers", entry


@st.composite
def case_study(draw: Any) -> tuple[str, dict[str, Any]]:
    entry = _common(draw, "random-case")
    entry.update(
        task="image-classification",
        model_type=draw(text(300)),
        dataset=draw(text(300)),
        layers=draw(st.lists(text(60), max_size=6)),  # layers may repeat
        metric=draw(st.sampled_from(["train-accuracy", "test-accuracy"])),
        result=draw(st.floats(min_value=0, max_value=1)),
    )
    if draw(st.booleans()):
        entry["samples"] = draw(st.integers(1, 10**10))
    if draw(st.booleans()):
        entry["test_share"] = draw(st.floats(min_value=0.001, max_value=0.999))
    return "case-studies", entry


# The comparable facts of each drawn catalog (typed from the models' Fact marks): the cited
# source names every one the entry fills.
FACTS = {
    "image-optimizers": ("kind", "compression", "input_formats", "pricing", "max_file_size_mb",
                         "max_batch"),
    "case-studies": ("samples", "test_share", "result"),
    "vision-tasks": (),
}  # fmt: skip


def _cite(drawn: tuple[str, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    catalog, entry = drawn
    filled = [f for f in FACTS[catalog] if entry.get(f, []) != []]
    if filled:
        entry["sources"][0]["supports"] = filled
    return catalog, entry


ENTRY = st.one_of(vision_task(), image_optimizer(), case_study()).map(_cite)


def raw(value: Any) -> Any:
    """What the JSON download must hold for a drawn value (dates as YYYY-MM-DD)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [raw(v) for v in value]
    if isinstance(value, dict):
        return {k: raw(v) for k, v in value.items()}
    return value


def _tree(base: Path, catalog: str, entry: dict[str, Any]) -> Path:
    root = base / "catalog"
    for cat, entry_id in VALID:
        path = root / cat / f"{entry_id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(entry_text(cat, entry_id), encoding="utf-8")
    (root / catalog / f"{entry['id']}.yml").write_text(yaml_of(entry), encoding="utf-8")
    return root


def _cell_matches(cell: str, value: Any) -> bool:
    """A CSV cell read back as the type the drawn value has."""
    if isinstance(value, bool):
        return cell in ("True", "true") if value else cell in ("False", "false")
    if isinstance(value, int):
        return cell == str(value)
    if isinstance(value, float):
        return float(cell) == value
    if isinstance(value, list | dict):
        return bool(json.loads(cell) == raw(value))
    if isinstance(value, str) and value[:1] in "=+-@\t\r\uff1d\uff0b\uff0d\uff20":
        return cell == "'" + value  # what a spreadsheet would run is written as text
    return cell == raw(value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ENTRY)
def test_valid_entries_round_trip_through_export(drawn: tuple[str, dict[str, Any]]) -> None:
    catalog, entry = drawn
    with tempfile.TemporaryDirectory() as tmp:
        kb = load(_tree(Path(tmp), catalog, entry))
    assert kb.ok, [p.text() for p in kb.problems]
    model = kb.get(catalog, entry["id"])
    assert model is not None
    # JSON: the very values written, under the YAML keys, nothing added
    (record,) = [r for r in json.loads(to_json(kb, catalog)) if r["id"] == entry["id"]]
    # (an optional list left out reads as an empty one: the same value)
    drawn_raw = {k: v for k, v in raw(entry).items() if v != []}
    assert {k: v for k, v in record.items() if v != []} == drawn_raw
    # CSV: one column per model field; the entry's row holds every value, blanks elsewhere
    rows = list(csv.DictReader(io.StringIO(to_csv(kb, catalog), newline="")))
    assert list(rows[0]) == list(CATALOGS[catalog].model.model_fields)
    (row,) = [r for r in rows if r["id"] == entry["id"]]
    for key, cell in row.items():
        if entry.get(key, []) != []:
            assert _cell_matches(cell, entry[key]), (key, cell, entry[key])
        else:
            assert cell in ("", "[]"), (key, cell)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=text(40),
    bad=REFUSED_CHAR,
    escaped=st.booleans(),
    field=st.sampled_from(["name", "summary", "focus", "output"]),
)
def test_every_refused_character_is_refused_however_written(
    before: str, bad: str, escaped: bool, field: str
) -> None:
    entry = entry_text("vision-tasks", "image-classification")
    # as a YAML escape inside a double-quoted scalar ("\ufffe", "\U000effff"), or raw
    code = ord(bad)
    written = (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}") if escaped else bad
    value = json.dumps(before, ensure_ascii=False)[:-1] + written + 'x"'

    lines = [f"{field}: {value}" if line.startswith(f"{field}:") else line
             for line in entry.splitlines()]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "catalog" / "vision-tasks"
        root.mkdir(parents=True)
        (root / "image-classification.yml").write_text("\n".join(lines) + "\n", "utf-8")
        kb = load(root.parent)
    assert not kb.ok
    shown = "NUL byte" if bad == "\x00" and not escaped else f"U+{ord(bad):04X}"
    assert any(shown in p.message for p in kb.problems), [p.text() for p in kb.problems]
