"""``kb stale``: entries whose last check is too old, with the line of their date."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from conftest import VALID, Run, Tree


def _verified(tree: Tree, catalog: str, entry_id: str, days_ago: int) -> str:
    when = (date.today() - timedelta(days=days_ago)).isoformat()
    text = tree.valid(catalog, entry_id).replace("2024-05-02", when)
    tree.write(catalog, entry_id, text)
    return when


def _date_line(tree: Tree, catalog: str, entry_id: str) -> int:
    """The line of ``last_verified:`` in the file as written (counted by hand, not by kb)."""
    lines = (tree.root / catalog / f"{entry_id}.yml").read_text("utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.startswith("last_verified:"))


def test_lists_only_entries_older_than_the_limit_oldest_first(
    tree: Tree, cli: Callable[..., Run]
) -> None:
    for catalog, entry_id in VALID:
        _verified(tree, catalog, entry_id, 10)
    old = _verified(tree, "sourcing-modes", "in-house", 400)
    older = _verified(tree, "annotation-techniques", "polygon", 800)
    run = cli("stale")
    assert run.code == 1
    polygon = _date_line(tree, "annotation-techniques", "polygon")
    in_house = _date_line(tree, "sourcing-modes", "in-house")
    assert run.out.splitlines() == [
        f"{tree.rel('annotation-techniques', 'polygon')}:{polygon}:16: "
        f"annotation-techniques/polygon last verified {older} (800 days ago)",
        f"{tree.rel('sourcing-modes', 'in-house')}:{in_house}:16: "
        f"sourcing-modes/in-house last verified {old} (400 days ago)",
    ]
    assert f"2 of {len(VALID)} entries" in run.err


def test_days_option_and_json(tree: Tree, cli: Callable[..., Run]) -> None:
    for catalog, entry_id in (("sourcing-modes", "in-house"), ("annotation-techniques", "polygon")):
        _verified(tree, catalog, entry_id, 30)
    run = cli("stale", "--days", "20", "--format", "json")
    assert run.code == 1
    found = {(e["catalog"], e["id"]): e for e in json.loads(run.out)}
    assert ("sourcing-modes", "in-house") in found
    assert found[("sourcing-modes", "in-house")]["age_days"] == 30
    # the hand-written tree's other entries were verified on 2024-05-02: stale too
    assert ("case-studies", "churn-ann") in found


def test_nothing_stale_exits_zero(tree: Tree, cli: Callable[..., Run]) -> None:
    run = cli("stale", "--days", "100000")
    assert run.code == 0
    assert run.out == ""
    assert f"0 of {len(VALID)} entries" in run.err


def test_usage_errors_exit_two(tree: Tree, cli: Callable[..., Run]) -> None:
    assert cli("stale", "--days", "-1").code == 2
    assert cli("stale", "no-such-folder").code == 2
    assert cli("stale", "--days", "soon").code == 2


def test_by_source_lists_entries_whose_newest_source_is_old(tree: Any, cli: Any) -> None:
    # The hand-written tree's sources were read on 2024-05-01, and a second vendor whose
    # sources were read recently is not listed, however long ago it was verified.
    fresh = tree.valid("annotation-vendors", "label-tool").replace("id: label-tool", "id: fresh")
    fresh = fresh.replace("accessed: 2024-05-01", f"accessed: {date.today().isoformat()}")
    fresh = fresh.replace("last_verified: 2024-05-02", f"last_verified: {date.today().isoformat()}")
    tree.write("annotation-vendors", "fresh", fresh)
    r = cli("stale", "--by", "source", "--days", "30", "--format", "json")
    assert r.code == 1
    listed = {(s["catalog"], s["id"]) for s in json.loads(r.out)}
    assert ("annotation-vendors", "label-tool") in listed
    assert ("annotation-vendors", "fresh") not in listed
    one = next(s for s in json.loads(r.out) if s["id"] == "label-tool")
    assert one["newest_source"] == "2024-05-01" and one["by"] == "source"
    text = cli("stale", "--by", "source", "--days", "30")
    assert "label-tool newest source read 2024-05-01" in text.out
    assert "whose newest source was read more than 30 days ago" in text.err
