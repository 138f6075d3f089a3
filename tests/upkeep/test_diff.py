"""``kb diff``: a real two-commit git history in a temporary repository."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run, Tree

from kb.upkeep.diff import escape


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=t@example.com", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def history(tree: Tree) -> Tree:
    """Commit 1: the valid tree. Commit 2: a price changed, a technique removed, a technique
    added, a list field edited, and one file broken."""
    git(tree.base, "init", "-q", "-b", "main")
    git(tree.base, "add", "catalog")
    git(tree.base, "commit", "-q", "-m", "first")
    in_house = tree.valid("sourcing-modes", "in-house").replace(
        "{rating: expensive", "{rating: average"
    )
    tree.write("sourcing-modes", "in-house", in_house)
    vendor = tree.valid("annotation-vendors", "label-tool").replace(
        "data_types: [image, video]", "data_types: [image]"
    )
    tree.write("annotation-vendors", "label-tool", vendor)
    (tree.root / "annotation-techniques" / "bounding-box.yml").unlink()
    tree.write(
        "annotation-techniques",
        "polyline",
        tree.valid("annotation-techniques", "polygon")
        .replace("id: polygon", "id: polyline")
        .replace("name: Polygon", "name: Polyline"),
    )
    tree.write("vision-tasks", "broken", "id: broken\nname: [unclosed\n")
    git(tree.base, "add", "-A", "catalog")
    git(tree.base, "commit", "-q", "-m", "second")
    return tree


def test_markdown_lists_added_removed_and_changed_fields(
    history: Tree, cli: Callable[..., Run]
) -> None:
    run = cli("diff", "HEAD~1", "HEAD")
    assert run.code == 0, run.err
    out = run.out
    assert "## Catalog changes (`HEAD~1` → `HEAD`)" in out
    assert "### Annotation techniques (`annotation-techniques`)" in out
    assert "**Added:** `polyline`" in out
    assert "**Removed:** `bounding-box`" in out
    assert "**Changed `in-house`**" in out
    assert "| `price.rating` | expensive | average |" in out
    assert "| `data_types` (item removed) | video | — |" in out
    assert "`catalog/vision-tasks/broken.yml at HEAD`" in out  # reported, not a crash
    assert "case-studies" not in out  # unchanged catalogs are not listed


def test_json_has_the_same_facts(history: Tree, cli: Callable[..., Run]) -> None:
    run = cli("diff", "HEAD~1", "HEAD", "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    techniques = data["catalogs"]["annotation-techniques"]
    assert techniques["added"] == ["polyline"] and techniques["removed"] == ["bounding-box"]
    assert data["catalogs"]["sourcing-modes"]["changed"]["in-house"] == [
        {"field": "price.rating", "change": "changed", "before": "expensive", "after": "average"}
    ]
    assert data["catalogs"]["annotation-vendors"]["changed"]["label-tool"] == [
        {"field": "data_types", "change": "removed", "before": "video", "after": None}
    ]
    assert set(data["catalogs"]) == {
        "annotation-techniques",
        "sourcing-modes",
        "annotation-vendors",
    }


def test_list_items_and_nested_fields_one_line_each(history: Tree, cli: Callable[..., Run]) -> None:
    """A list field gains and loses items; a source (a mapping in a list) changes a field,
    another is added; a free quota (a mapping) changes one number."""
    text = (
        history.valid("image-generators", "pic-maker")
        .replace("features: [text-to-image]", "features: [inpainting, text-to-image, video]")
        .replace("pricing: [free-tier, credits]", "pricing: [credits]")
    )
    before = text + "free_quota: {amount: 25, unit: credit, period: month}\n"
    history.write("image-generators", "pic-maker", before)
    git(history.base, "commit", "-q", "-am", "third")
    after = (
        text.replace("    accessed: 2024-05-01\n", "    accessed: 2024-06-01\n")
        .replace("last_verified: 2024-05-02", "last_verified: 2024-06-02")
        .replace(
            "last_verified:",
            "  - url: https://example.com/pricing\n    title: Pricing | plans\n"
            "    kind: vendor\n    accessed: 2024-06-01\n    supports: [pricing]\n"
            "last_verified:",
        )
        + "free_quota: {amount: 40, unit: credit, period: month}\n"
    )
    history.write("image-generators", "pic-maker", after)
    git(history.base, "commit", "-q", "-am", "fourth")

    out = cli("diff", "HEAD~1").out
    rows = [line for line in out.splitlines() if line.startswith("| `")]
    added = (  # the item as JSON, escaped and cut like any value
        '| `sources` (item added) | — | {"url": "https://example.com/pricing", '
        '"title": "Pricing \\| plans", "kind": "vendor", "accessed": "2024-06-01", "support… |'
    )
    assert rows == [
        "| `sources[0].accessed` | 2024-05-01 | 2024-06-01 |",
        added,
        "| `last_verified` | 2024-05-02 | 2024-06-02 |",
        "| `free_quota.amount` | 25 | 40 |",
    ]

    data = json.loads(cli("diff", "HEAD~2", "HEAD", "--format", "json").out)
    lines = data["catalogs"]["image-generators"]["changed"]["pic-maker"]
    assert {"field": "features", "change": "added", "before": None, "after": "inpainting"} in lines
    assert {"field": "features", "change": "added", "before": None, "after": "video"} in lines
    assert {"field": "pricing", "change": "removed", "before": "free-tier", "after": None} in lines
    assert {
        "field": "sources[0].accessed",
        "change": "changed",
        "before": "2024-05-01",
        "after": "2024-06-01",
    } in lines
    assert {
        "field": "free_quota",
        "change": "changed",
        "before": None,
        "after": {"amount": 40, "unit": "credit", "period": "month"},
    } in lines
    assert not any(
        line["field"] in ("features", "pricing") and line["change"] == "changed" for line in lines
    )


def test_without_head_the_working_tree_is_compared(history: Tree, cli: Callable[..., Run]) -> None:
    """Edits not yet committed (nor staged) and new files count: `kb diff origin/main` while
    editing used to say "No catalog entry changed"."""
    assert "No catalog entry changed." in cli("diff", "HEAD").out
    text = history.valid("annotation-techniques", "polygon").replace(
        "summary: A closed outline that follows the object's edge.", "summary: An outline."
    )
    history.write("annotation-techniques", "polygon", text)
    history.write(
        "annotation-techniques",
        "mask",
        text.replace("id: polygon", "id: mask").replace("name: Polygon", "name: Mask"),
    )
    run = cli("diff", "HEAD")
    assert run.code == 0, run.err
    assert run.out.startswith("## Catalog changes (`HEAD` → the working tree)")
    assert "**Added:** `mask`" in run.out
    assert (
        "| `summary` | A closed outline that follows the object's edge. | An outline. |" in run.out
    )
    assert "`catalog/vision-tasks/broken.yml in the working tree`" in run.out
    data = json.loads(cli("diff", "HEAD", "--format", "json").out)
    assert data["head"] == "the working tree"
    assert data["catalogs"]["annotation-techniques"]["added"] == ["mask"]
    assert "No catalog entry changed." in cli("diff", "HEAD", "HEAD").out  # committed: none


def test_same_revision_has_no_changes(history: Tree, cli: Callable[..., Run]) -> None:
    run = cli("diff", "HEAD", "HEAD")
    assert run.code == 0
    assert "No catalog entry changed." in run.out


def test_table_cells_cannot_break_the_markdown(history: Tree, cli: Callable[..., Run]) -> None:
    text = history.valid("sourcing-modes", "in-house").replace(
        "who_labels: Employees of the company that owns the data.",
        'who_labels: "A | B `code` and\\nline"',
    )
    history.write("sourcing-modes", "in-house", text)
    git(history.base, "commit", "-q", "-am", "third")
    out = cli("diff", "HEAD~1").out
    row = next(line for line in out.splitlines() if line.startswith("| `who_labels`"))
    before = "Employees of the company that owns the data."
    assert row == f"| `who_labels` | {before} | A \\| B \\`code\\` and line |"


# Markdown that would be active if a value were written as it is: an image fetched from
# another host, a link, a folded block hiding what follows, a tag the 120-character cut
# used to leave open (``<b`` then the ellipsis, the rest of the summary in bold).
IMAGE = "![x](https://evil/p.png)"
LINK = "[link](http://x)"
HOSTILE = f"See {IMAGE} <details><summary>fine</summary>hidden</details> and {LINK}"
NEAR_CUT = "a" * 117 + "<b>" + "z" * 80  # 200 characters; the tag straddles the cut


def unescaped(text: str, chars: str) -> list[str]:
    """The characters of ``chars`` in ``text`` that no backslash escapes."""
    return [m.group(1) for m in re.finditer(r"(?<!\\)(?:\\\\)*([" + re.escape(chars) + "])", text)]


def test_entry_values_names_and_branches_are_escaped_in_the_markdown(
    history: Tree, cli: Callable[..., Run]
) -> None:
    text = (
        history.valid("sourcing-modes", "in-house")
        .replace(
            "who_labels: Employees of the company that owns the data.",
            f"who_labels: '{HOSTILE}'",
        )
        .replace("summary: Your own staff label the data.", f"summary: '{NEAR_CUT}'")
    )
    history.write("sourcing-modes", "in-house", text + "'<img src=x>[k](http://k)': 1\n")
    history.write("sourcing-modes", "![f](http:f)", "id: x\nname: X\n")  # a file name
    git(history.base, "add", "-A", "catalog")
    git(history.base, "commit", "-q", "-m", "third")
    git(history.base, "branch", "evil<details>`x`|$(id)", "HEAD~1")  # a branch name
    run = cli("diff", "evil<details>`x`|$(id)", "HEAD")
    assert run.code == 0, run.err
    out = run.out
    for active in (IMAGE, LINK, "<details>", "<summary>", "<b", "<img", "](", "$(", "`x`"):
        assert active not in out, active
    assert "<" not in out  # no tag of any kind, whole or cut
    rows = {line.split(" | ")[0]: line for line in out.splitlines() if line.startswith("| ")}
    assert rows["| `who_labels`"] == (
        "| `who_labels` | Employees of the company that owns the data. | See \\!\\[x\\]"
        "\\(https://evil/p.png\\) &lt;details&gt;&lt;summary&gt;fine&lt;/summary&gt;hidden"
        "&lt;/details&gt; and \\[link\\]\\(http://x\\) |"
    )
    # cut after escaping, at a whole escaped character: "&lt;" and "b" are in, "&gt;" is not
    assert rows["| `summary`"].endswith(" | " + "a" * 117 + "&lt;b… |")
    key = "&lt;img src=x&gt;\\[k\\]\\(http://k\\)"
    assert f"| {key} | — | 1 |" in out  # a field name that is no plain name: text, no code span
    assert "**Added:** \\!\\[f\\]\\(http:f\\)" in out
    assert out.startswith("## Catalog changes (evil&lt;details&gt;\\`x\\`\\|\\$\\(id\\) → `HEAD`)")
    # every table row has exactly its four cell separators: no value split a cell
    for line in rows.values():
        assert len(unescaped(line, "|")) == 4, line
        assert unescaped(line.split(" | ", 1)[1], "[]()!`*_") == [], line


@pytest.mark.parametrize("at", range(110, 125))
def test_the_cut_never_halves_an_escape_or_a_tag(at: int) -> None:
    text = "a" * at + "<b>*_[x](y)`|\\" + "z" * 200
    cut = escape(text)
    assert cut.endswith("…") and "<" not in cut
    body = cut[:-1]
    assert escape(text, limit=10_000).startswith(body)
    assert not re.search(r"&[a-z]*$", body), body  # no entity cut in two
    trailing = len(body) - len(body.rstrip("\\"))
    assert trailing % 2 == 0, body  # no lone backslash left to escape the ellipsis
    assert len(re.sub(r"&[a-z]+;|\\.", "x", body)) == 119  # 119 characters as shown


def test_bad_revision_and_no_repository_exit_two(
    history: Tree,
    cli: Callable[..., Run],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run = cli("diff", "no-such-branch")
    assert run.code == 2
    assert run.err == "kb: diff: 'no-such-branch' is not a revision of this repository\n"
    monkeypatch.chdir(tmp_path_factory.mktemp("not-a-repo"))
    run = cli("diff", "HEAD~1")
    assert run.code == 2 and "not a git repository" in run.err
