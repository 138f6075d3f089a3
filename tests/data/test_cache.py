"""Loading again with a document cache: only the files that changed are parsed and validated
again, and the result is what a fresh load gives."""

from __future__ import annotations

import os
from typing import Any

from kb.data.cache import DocumentCache
from kb.data.loader import load


def _same(a: Any, b: Any) -> None:
    assert [p.text() for p in a.problems] == [p.text() for p in b.problems]
    assert {c: sorted(e) for c, e in a.entries.items()} == {
        c: sorted(e) for c, e in b.entries.items()
    }
    assert a.references == b.references


def test_a_second_load_reads_nothing_and_gives_the_same_catalogs(tree: Any) -> None:
    cache = DocumentCache()
    first = load(tree.root, cache)
    assert cache.read == len(first.documents) > 0
    again = load(tree.root, cache)
    assert (cache.read, cache.reused) == (0, len(first.documents))
    _same(again, load(tree.root))


def test_an_edited_file_is_validated_again_and_only_it(tree: Any) -> None:
    cache = DocumentCache()
    load(tree.root, cache)
    path = tree.root / "sourcing-modes" / "in-house.yml"
    path.write_text(path.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")
    kb = load(tree.root, cache)
    assert cache.read == 1
    assert any(p.path == tree.rel("sourcing-modes", "in-house") for p in kb.problems)
    _same(kb, load(tree.root))


def test_a_touched_file_with_the_same_bytes_is_not_validated_again(tree: Any) -> None:
    cache = DocumentCache()
    load(tree.root, cache)
    path = tree.root / "sourcing-modes" / "in-house.yml"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    load(tree.root, cache)
    assert cache.read == 0


def test_problems_found_across_files_are_not_repeated_by_later_loads(tree: Any) -> None:
    # A borrowed id is reported on the file that borrows it by the load, not by the
    # file's own validation: a cached copy must not keep it from one load to the next.
    text = tree.valid("annotation-techniques", "polygon").replace("id: polygon", "id: bounding-box")
    tree.write("annotation-techniques", "polygon", text)
    cache = DocumentCache()
    first = load(tree.root, cache)
    assert any("duplicate id" in p.message for p in first.problems)
    for _ in range(2):
        _same(load(tree.root, cache), first)


def test_a_deleted_file_leaves_the_cache_and_the_catalogs(tree: Any) -> None:
    cache = DocumentCache()
    load(tree.root, cache)
    (tree.root / "image-optimizers" / "squeeze.yml").unlink()
    kb = load(tree.root, cache)
    assert kb.get("image-optimizers", "squeeze") is None
    _same(kb, load(tree.root))
