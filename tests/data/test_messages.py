"""kb.data.messages: one plain sentence per problem, with a suggestion for near misses."""

from __future__ import annotations

from datetime import date

from kb.data.messages import describe, suggest


def test_suggestions_catch_swapped_letters_but_not_strangers() -> None:
    fields = ["id", "name", "license", "pricing", "techniques"]
    assert suggest("lisence", fields) == "; did you mean 'license'?"
    assert suggest("technique", fields) == "; did you mean 'techniques'?"
    assert suggest("colour", fields) == ""


def test_values_are_described_by_kind() -> None:
    assert describe(None) == "nothing (empty)"
    assert describe(True) == "the boolean true"
    assert describe(date(2024, 5, 1)) == "the date 2024-05-01"
    assert describe("x" * 50) == f"'{'x' * 40}…'"
