"""kb.data.introspect: kinds, labels, references and URL places come from the models'
declarations, read by one walker."""

from __future__ import annotations

from definitions.generators import ImageGenerator
from definitions.vendors import AnnotationVendor
from kb.data.introspect import Kind, field_specs, ref_fields, specs_by_name, url_paths


def test_kinds() -> None:
    specs = specs_by_name("image-optimizers")
    assert specs["kind"].kind is Kind.ENUM
    assert specs["input_formats"].many and specs["input_formats"].table_type == "list"
    assert specs["max_file_size_mb"].kind is Kind.NUMBER
    assert specs["website"].kind is Kind.URL
    assert specs["description"].kind is Kind.MARKDOWN
    assert specs["last_verified"].kind is Kind.DATE
    assert specs["sources"].kind is Kind.OBJECT and specs["sources"].many
    modes = specs_by_name("sourcing-modes")
    assert modes["price"].kind is Kind.ORDINAL and modes["price"].table_type == "ordinal"
    assert specs_by_name("vision-tasks")["localizes"].kind is Kind.BOOL
    assert specs_by_name("case-studies")["task"].ref == "vision-tasks"


def test_a_rating_is_an_ordinal_field_on_its_scale() -> None:
    cost = specs_by_name("image-generators")["cost"]
    assert cost.rated and cost.kind is Kind.ORDINAL
    assert [t.code for t in cost.vocab or ()] == ["cheap", "average", "expensive"]
    assert cost.facet  # readers can filter by a rating's level


def test_successor_refers_to_the_same_catalog_and_is_no_filter() -> None:
    for catalog in ("image-generators", "annotation-vendors"):
        successor = specs_by_name(catalog)["successor"]
        assert successor.ref == catalog
        assert not successor.facet
    assert specs_by_name("image-generators")["status"].facet


def test_references() -> None:
    assert ref_fields(AnnotationVendor) == {
        "successor": "annotation-vendors",
        "techniques": "annotation-techniques",
        "sourcing_modes": "sourcing-modes",
    }


def test_url_places_include_nested_and_rating_sources() -> None:
    assert url_paths(ImageGenerator) == [
        ("website",),
        ("sources", "url"),
        ("ease_of_use", "source"),
        ("customizability", "source"),
        ("cost", "source"),
        ("versatility", "source"),
    ]
    assert ("repository",) in url_paths(AnnotationVendor)


def test_short_headers() -> None:
    specs = specs_by_name("sourcing-modes")
    assert specs["labeling_quality"].short == "Quality"
    assert specs["labeling_quality"].label == "Quality of labeling"
    assert all(s.label for s in field_specs("case-studies"))
