"""kb.tables: columns, kinds and facets come from the models' declarations."""

from __future__ import annotations

from kb.tables import default_columns, facets, specs_by_name


def test_columns_follow_the_column_markers() -> None:
    assert default_columns("sourcing-modes") == [
        "name",
        "summary",
        "time_required",
        "price",
        "labeling_quality",
        "security",
    ]


def test_kinds() -> None:
    specs = specs_by_name("image-optimizers")
    assert specs["kind"].kind == "enum"
    assert specs["input_formats"].many and specs["input_formats"].table_type == "list"
    assert specs["max_file_size_mb"].kind == "number"
    assert specs["website"].kind == "url"
    assert specs["description"].kind == "markdown"
    assert specs["last_verified"].kind == "date"
    assert specs["sources"].kind == "object"
    modes = specs_by_name("sourcing-modes")
    assert modes["price"].kind == "ordinal" and modes["price"].table_type == "ordinal"
    assert specs_by_name("vision-tasks")["localizes"].kind == "bool"
    assert specs_by_name("case-studies")["task"].ref == "vision-tasks"


def test_every_enumerated_field_is_a_facet() -> None:
    names = [f.name for f in facets("annotation-vendors")]
    assert names == [
        "status",
        "offering",
        "license",
        "techniques",
        "data_types",
        "deployment",
        "sourcing_modes",
        "pricing",
    ]
    task = [f.name for f in facets("vision-tasks")]
    assert "localizes" in task and "modality" in task and "part_of" in task
    assert "summary" not in task and "use_cases" not in task  # free text is searched, not faceted


def test_short_headers() -> None:
    specs = specs_by_name("sourcing-modes")
    assert specs["labeling_quality"].short == "Quality"
    assert specs["labeling_quality"].label == "Quality of labeling"
