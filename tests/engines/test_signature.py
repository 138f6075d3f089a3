"""The fingerprints a serve session keeps pages under (kb.engines.plugin.signature) and the
caches built on them: plain data only, and no cache for what cannot be fingerprinted."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup

from kb.data.catalog import KnowledgeBase
from kb.engines.plugin.signature import Unkeyable, digest, plain
from kb.render.entrycache import EntryCache


def test_plain_data_is_reduced_and_order_of_sets_does_not_matter() -> None:
    value = {"a": [1, 2.5, None, True], "b": ("x", date(2026, 1, 2)), "c": {"z", "y"}}
    same = {"a": [1, 2.5, None, True], "b": ("x", date(2026, 1, 2)), "c": {"y", "z"}}
    assert plain(value) == plain(same)
    assert digest(plain(value)) != digest(plain({**value, "a": [1, 2.5, None, False]}))
    assert digest(plain(["1"])) != digest(plain([1]))  # a string and a number told apart


def test_an_unknown_object_cannot_be_fingerprinted() -> None:
    with pytest.raises(Unkeyable):
        plain({"meta": object()})


def test_entry_pieces_are_kept_only_under_an_unchanged_key_for_the_same_catalogs() -> None:
    cache = EntryCache()
    kb, other = KnowledgeBase(Path("a")), KnowledgeBase(Path("b"))
    keys: dict[tuple[str, str], Any] = {("c", "e"): 1}
    made: list[str] = []

    def make(text: str) -> Markup:
        made.append(text)
        return Markup(text)

    cache.use(kb, lambda c, e: keys.get((c, e)))
    assert cache.kept(kb, "c", "e", "row", lambda: make("one")) == "one"
    assert cache.kept(kb, "c", "e", "row", lambda: make("two")) == "one"  # kept
    assert cache.kept(kb, "c", "e", "api", lambda: make("api")) == "api"  # another layout
    assert cache.kept(other, "c", "e", "row", lambda: make("x")) == "x"  # other catalogs
    keys[("c", "e")] = 2
    assert cache.kept(kb, "c", "e", "row", lambda: make("three")) == "three"  # key changed
    cache.use(kb, None)  # a plain build: nothing kept
    assert cache.kept(kb, "c", "e", "row", lambda: make("four")) == "four"
    assert made == ["one", "api", "x", "three", "four"]
