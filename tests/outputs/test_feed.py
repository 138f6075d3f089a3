"""The Atom change feed: dated by the data, newest first, links to entry pages."""

from __future__ import annotations

from typing import Any

import feedparser

from kb.data.loader import load
from kb.outputs.feed import atom, changes

SUPERSEDED = """\
id: old-tool
name: Old Tool
summary: A labeling tool that was replaced.
offering: tool
license: commercial
techniques: [polygon]
data_types: [image]
added: 2023-03-01
status: superseded
status_date: 2025-02-03
status_note: Its maker replaced it with Label Tool.
successor: label-tool
sources:
  - url: https://example.com/old
    title: The announcement
    kind: vendor
    supports: [offering, license, techniques, data_types]
    accessed: 2023-02-01
"""
ADDED_LATE = """\
id: new-tool
name: New Tool
summary: A labeling tool added recently.
offering: tool
license: open-source
techniques: [bounding-box]
data_types: [image]
added: 2025-06-30
sources:
  - url: https://example.com/new
    title: Its documentation
    kind: vendor
    supports: [offering, license, techniques, data_types]
    accessed: 2025-06-29
"""


def test_each_entry_is_dated_by_its_latest_date(tree: Any) -> None:
    tree.write("annotation-vendors", "old-tool", SUPERSEDED)
    tree.write("annotation-vendors", "new-tool", ADDED_LATE)
    found = {c.entry.id: c for c in changes(load(tree.root))}
    assert (found["new-tool"].updated.isoformat(), found["new-tool"].what) == (
        "2025-06-30",
        "added",
    )
    assert (found["old-tool"].updated.isoformat(), found["old-tool"].what) == (
        "2025-02-03",
        "superseded",
    )
    # added 2024-04-01, verified 2024-05-02 (the shared tree)
    assert (found["label-tool"].updated.isoformat(), found["label-tool"].what) == (
        "2024-05-02",
        "verified",
    )


def test_feed_parses_newest_first_with_absolute_links(tree: Any) -> None:
    tree.write("annotation-vendors", "old-tool", SUPERSEDED)
    tree.write("annotation-vendors", "new-tool", ADDED_LATE)
    kb = load(tree.root)
    text = atom(kb, "Test KB", "https://example.org/kb/")
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Test KB: changes"
    entries = parsed.entries
    assert len(entries) == sum(len(e) for e in kb.entries.values())
    assert entries[0].link == "https://example.org/kb/annotation-vendors/new-tool/"
    assert entries[0].updated == "2025-06-30T00:00:00Z"
    assert entries[0].published == "2025-06-30T00:00:00Z"
    assert entries[1].title == "Old Tool (annotation vendor): superseded"
    stamps = [e.updated for e in entries]
    assert stamps == sorted(stamps, reverse=True)
    assert len({e.id for e in entries}) == len(entries)
    assert parsed.feed.updated == stamps[0]


def test_ids_stay_the_same_when_an_entry_changes(tree: Any) -> None:
    before = feedparser.parse(atom(load(tree.root), "Test KB"))
    tree.write(
        "annotation-vendors",
        "label-tool",
        tree.valid("annotation-vendors", "label-tool").replace(
            "last_verified: 2024-05-02", "last_verified: 2025-01-09"
        ),
    )
    after = feedparser.parse(atom(load(tree.root), "Test KB"))
    ids = {e.link: e.id for e in before.entries}
    assert {e.link: e.id for e in after.entries} == ids
    assert after.entries[0].link == "annotation-vendors/label-tool/"  # relative without a URL
    assert after.entries[0].updated == "2025-01-09T00:00:00Z"


def test_text_is_escaped_xml(tree: Any) -> None:
    tree.write(
        "annotation-vendors",
        "new-tool",
        ADDED_LATE.replace(
            "A labeling tool added recently.", "Tags <b> & entities &amp; stay text."
        ),
    )
    text = atom(load(tree.root), "Test KB")
    assert "<b>" not in text and "Tags &lt;b&gt; &amp; entities &amp;amp; stay text." in text
    parsed = feedparser.parse(text)
    assert not parsed.bozo
    # a text construct: the reader gets the characters back, not markup
    assert parsed.entries[0].summary == "Tags <b> & entities &amp; stay text."
