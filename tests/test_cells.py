"""How numbers read in tables and on entry pages: the unit and format come from the model's
Display marker (percent, count, megabytes)."""

from __future__ import annotations

from kb.cells import format_number
from kb.introspect import specs_by_name

NBSP = "\u00a0"


def test_fractions_read_as_percentages_as_precise_as_reported() -> None:
    assert format_number(0.8659, "percent") == f"86.59{NBSP}%"
    assert format_number(0.2, "percent") == f"20{NBSP}%"
    assert format_number(0.6133, "percent") == f"61.33{NBSP}%"


def test_counts_get_thousands_separators_and_sizes_their_unit() -> None:
    assert format_number(100000, "count") == "100,000"
    assert format_number(7, "count") == "7"
    assert format_number(5.0, "megabytes") == f"5{NBSP}MB"
    assert format_number(0.5, "megabytes") == f"0.5{NBSP}MB"
    assert format_number(1500.0, None) == "1,500"


def test_the_models_declare_the_display_of_their_numbers() -> None:
    studies = specs_by_name("case-studies")
    assert studies["result"].display == "percent"
    assert studies["test_share"].display == "percent"
    assert studies["majority_baseline"].display == "percent"
    assert studies["samples"].display == "count"
    assert specs_by_name("image-optimizers")["max_file_size_mb"].display == "megabytes"
