"""Every corpus case through the real ``kb validate`` (and ``kb export`` for the valid ones).

An invalid case must exit 1 with exactly the expected ``path:line:col: message`` lines, one
line per problem, nothing invisible echoed, no traceback; naming the file on the command
line must report the same lines. A valid case must exit 0 and export every listed value
exactly as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from hostile.cases import CASES, Case
from hostile.entries import hostile_entries
from kb.data.models import CATALOGS

LINE = re.compile(r"^(?P<where>.+:\d+:\d+): (?P<message>.*)$")
GITHUB = re.compile(r"^::error file=[^\n]+,line=\d+,col=\d+::[^\n]*$")


def _arrange(tree: Any, case: Case) -> None:
    if case.setup is not None:
        case.setup(tree.root)
    data = case.data()
    if data is not None:
        path = tree.base / case.file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _problem_lines(err: str) -> list[tuple[str, str]]:
    """The problem lines (stdout) and the count that closes them (stderr), checked."""
    lines = err.splitlines()
    assert lines and re.fullmatch(r"kb: \d+ problem\(s\) found", lines[-1]), err[-2000:]
    found = []
    for line in lines[:-1]:
        match = LINE.match(line)
        assert match, f"not a path:line:col: message line: {line!r}"
        found.append((match["where"], match["message"]))
    assert int(lines[-1].split()[1]) == len(found)
    return found


def _check_invalid(case: Case, code: int, err: str) -> None:
    assert code == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    assert all(ch.isprintable() for ch in err.replace("\n", "")), "invisible text echoed"
    found = _problem_lines(err)
    unmatched = list(found)
    for expect in case.problems:
        hits = [
            f for f in unmatched if f[0] == expect.where and all(w in f[1] for w in expect.words)
        ]
        assert hits, f"expected {expect.where}: {' … '.join(expect.words)}\ngot:\n{err}"
        unmatched.remove(hits[0])
    if case.exact:
        assert not unmatched, f"unexpected problem lines: {unmatched}"
    else:  # knock-on problems, but only in the case's own file
        assert all(f[0].startswith(f"{case.file}:") for f in unmatched), unmatched


def _value(record: dict[str, Any], path: tuple[str | int, ...]) -> Any:
    value: Any = record
    for part in path:
        value = value[part]
    return value


def _exported(cli: Any, tmp: Path, catalog: str, entry_id: str) -> dict[str, Any]:
    run = cli("export", "--format", "json", "--out", str(tmp))
    assert run.code == 0, run.err
    records = json.loads((tmp / f"{catalog}.json").read_text(encoding="utf-8"))
    (record,) = [r for r in records if r["id"] == entry_id]
    return dict(record)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(tree: Any, cli: Any, case: Case, tmp_path: Path) -> None:
    _arrange(tree, case)
    whole = cli("validate")
    if not case.problems:
        assert (whole.code, whole.err) == (0, ""), whole.err
        if not case.keep:  # a file that must not be read at all
            assert whole.out.strip() == "ok: 8 entries valid"
            return
        record = _exported(cli, tmp_path / "export", *case.catalog_id)
        for path, value in case.keep.items():
            assert _value(record, path) == value, path
        return
    _check_invalid(case, whole.code, whole.out + whole.err)
    # The machine formats carry the same problems, one annotation (one line) each.
    github = cli("validate", "--format", "github")
    count = len(_problem_lines(whole.out + whole.err))
    assert github.code == 1 and len(github.out.splitlines()) == count
    assert all(GITHUB.match(line) for line in github.out.splitlines()), github.out
    as_json = cli("validate", "--format", "json")
    assert as_json.code == 1 and len(json.loads(as_json.out)) == count
    # Naming the file (or folder) itself must not pass it. Inside a catalog folder it must
    # report exactly what the whole run reports about it; a folder that is no catalog is
    # read as a folder of catalogs, so its report differs but must still fail.
    alone = cli("validate", case.file)
    assert alone.code == 1, alone.err
    assert "Traceback" not in alone.err and "internal error" not in alone.err
    if any(part in CATALOGS for part in Path(case.file).parent.parts):
        shown = case.problems[0].where.rsplit(":", 2)[0]  # escaped as problems show it
        mine = [f for f in _problem_lines(whole.out + whole.err) if f[0].startswith(shown + ":")]
        assert mine and set(mine) <= set(_problem_lines(alone.out + alone.err)), alone.out


def test_hostile_entries_validate_and_keep_every_value(tree: Any, cli: Any, tmp_path: Path) -> None:
    """Script and template payloads in every text field type are valid text, kept verbatim
    (rendering, not validation, makes them inert: see test_browser_proof)."""
    entries = hostile_entries()
    for (catalog, entry_id), (text, _) in entries.items():
        tree.write(catalog, entry_id, text)
    run = cli("validate")
    assert run.code == 0, run.err
    assert run.out.strip() == f"ok: {8 + len(entries)} entries valid"
    out = tmp_path / "export"
    assert cli("export", "--format", "json", "--out", str(out)).code == 0
    for (catalog, entry_id), (_, keep) in entries.items():
        records = json.loads((out / f"{catalog}.json").read_text(encoding="utf-8"))
        (record,) = [r for r in records if r["id"] == entry_id]
        for path, value in keep.items():
            assert _value(record, path) == value, (entry_id, path)


def test_corpus_covers_every_class() -> None:
    """The classes the security model promises to cover, each with at least one case."""
    kinds = {c.kind for c in CASES}
    required = {
        "yaml-syntax", "wrong-type", "unknown-field", "missing-field", "duplicate-key",
        "bad-id", "dangling-reference", "yaml-aliases", "encoding", "not-a-mapping", "size",
        "url", "yaml-nesting", "yaml-1.1-boolean", "yaml-timestamp", "yaml-tag",
        "yaml-directive", "nul", "tabs", "line-ends", "invisible", "limits", "empty-file",
        "file-system",
    }  # fmt: skip
    assert required <= kinds, required - kinds
    assert len({c.name for c in CASES}) == len(CASES), "case names must be unique"
