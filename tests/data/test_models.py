"""The models: strict types, http(s)-only URLs, plain text, vocabularies with ranks, and the
metadata (titles, descriptions, references) that the schema and field reference read."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CATALOG_NAMES
from pydantic import TypeAdapter, ValidationError

from kb.data import vocab as v
from kb.data.catalog import ref_fields
from kb.data.fields import Bool, Date, Float, Int, Markdown, Name, Text, Url
from kb.data.models import CATALOGS, Entry


def test_the_seven_catalogs() -> None:
    assert list(CATALOGS) == CATALOG_NAMES


@pytest.mark.parametrize("catalog", list(CATALOGS))
def test_every_model_is_strict_and_documented(catalog: str) -> None:
    model = CATALOGS[catalog].model
    assert issubclass(model, Entry)
    assert model.model_config.get("extra") == "forbid"
    for name in ("id", "name", "summary", "added", "sources"):
        assert model.model_fields[name].is_required(), name
    for name, info in model.model_fields.items():
        assert info.title, f"{catalog}.{name} has no title"
        assert info.description, f"{catalog}.{name} has no description"


def test_references_between_catalogs() -> None:
    found = {c: ref_fields(spec.model) for c, spec in CATALOGS.items()}
    # every catalog's successor points into the catalog itself
    assert {c: refs.pop("successor") for c, refs in found.items()} == {c: c for c in CATALOGS}
    assert {c: refs for c, refs in found.items() if refs} == {
        "annotation-vendors": {
            "techniques": "annotation-techniques",
            "sourcing_modes": "sourcing-modes",
        },
        "vision-tasks": {"part_of": "vision-tasks"},
        "case-studies": {"task": "vision-tasks"},
    }


def test_ordinal_scales_sort_by_meaning() -> None:
    cost = v.vocab("cost-level")
    assert sorted(cost, key=lambda t: -(t.rank or 0)) == ["expensive", "average", "cheap"]
    assert [t.code for t in sorted(v.vocab("level"), key=lambda t: t.rank or 0)] == [
        "low",
        "average",
        "high",
    ]
    assert v.vocab("level").ordinal and cost.ordinal
    assert not v.vocab("pricing-model").ordinal
    assert all(t.rank is None for t in v.vocab("pricing-model"))
    assert str(cost["cheap"]) == "cheap" and cost["cheap"].label == "Cheap"


def _ok(kind: Any, value: Any) -> Any:
    return TypeAdapter(kind).validate_python(value)


def _bad(kind: Any, value: Any) -> str:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(kind).validate_python(value)
    return str(info.value.errors()[0]["type"])


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://example.com/",
        "file:///etc/passwd",
        "//example.com/",
        "http://",
        "https://exa mple.com/",
        "https://user@evil.example/",
        "example.com",
        "",
    ],
)
def test_url_accepts_only_http_and_https(url: str) -> None:
    assert _bad(Url, url) in {"string_pattern_mismatch", "url_scheme"}


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com",
        "http://example.com/a?b=1#c",
        "https://xn--bcher-kva.example/",
        "https://medium.example/@someone",
        "https://example.com:8443/x",
    ],
)
def test_url_accepts_web_addresses(url: str) -> None:
    assert _ok(Url, url) == url


@pytest.mark.parametrize("kind", [Name, Text, Markdown])
def test_text_types_refuse_invisible_and_padded_text(kind: Any) -> None:
    assert _bad(kind, "a\u202eb") == "control_character"
    assert _bad(kind, "a\x00b") == "control_character"
    assert _bad(kind, "a\x85b") == "control_character"  # NEL: a line break to str.splitlines
    assert _bad(kind, " padded") == "surrounding_space"
    assert _bad(kind, "") == "string_too_short"
    assert _bad(kind, 12) == "string_type"
    assert _ok(kind, "block scalar\n") == "block scalar"  # YAML's final line break
    assert _ok(kind, "<script>alert(1)</script>") == "<script>alert(1)</script>"


def test_strict_scalars() -> None:
    assert _bad(Bool, "no") == "bool_type"
    assert _bad(Bool, 0) == "bool_type"
    assert _bad(Int, "2020") == "int_type"
    assert _bad(Int, True) == "int_type"
    assert _bad(Int, 2.5) == "int_type"
    assert _bad(Float, "0.5") == "float_type"
    assert _bad(Float, float("inf")) == "finite_number"
    assert _ok(Float, 1) == 1.0
    assert _bad(Date, "01/05/2024") == "date_type"
    assert _bad(Date, "2999-01-01") == "future_date"
    assert str(_ok(Date, "2024-05-01")) == "2024-05-01"


UNRATED = {"ease_of_use": {"basis": "No source compares it."}}
GENERATOR = {
    "id": "x",
    "name": "X",
    "summary": "S.",
    "access": ["web"],
    "pricing": ["free"],
    "sources": [
        {"url": "https://e.example/", "title": "T", "kind": "vendor", "accessed": "2024-01-05"}
    ],
    "added": "2024-01-01",
    **UNRATED,
}


def _problems(data: dict[str, object]) -> list[tuple[str, str]]:
    """(location, message) of every error the generator model reports for ``data``."""
    try:
        CATALOGS["image-generators"].model.model_validate(data)
    except ValidationError as exc:
        return [(".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()]
    return []


def test_a_rating_needs_a_basis_and_a_source_among_the_entry_sources() -> None:
    assert _problems(GENERATOR) == []
    no_basis = {**GENERATOR, "ease_of_use": {"rating": "high", "source": "https://e.example/"}}
    assert [loc for loc, _ in _problems(no_basis)] == ["ease_of_use.basis"]
    no_source = {**GENERATOR, "ease_of_use": {"rating": "high", "basis": "Simple."}}
    assert "a rating needs the source it rests on" in _problems(no_source)[0][1]
    elsewhere = {
        **GENERATOR,
        "ease_of_use": {"rating": "high", "basis": "Easy.", "source": "https://other.example/"},
    }
    assert "is not one of the entry's sources" in _problems(elsewhere)[0][1]
    missing = {k: v for k, v in GENERATOR.items() if k != "ease_of_use"}
    assert _problems(missing) == [("ease_of_use", "Field required")]


def test_a_derived_rating_cannot_be_written_by_hand() -> None:
    for criterion in ("cost", "customizability", "versatility"):
        written = {**GENERATOR, criterion: {"rating": "low", "basis": "I say so."}}
        ((loc, message),) = _problems(written)
        assert loc == criterion and "derived from the entry's facts" in message
    # nor can a reviewer's rating pretend to come from a rule
    disguised = {**GENERATOR, "ease_of_use": {"basis": "B.", "rule": "generator-cost"}}
    assert any("set by the rule" in m for _, m in _problems(disguised))


def test_api_prices_need_what_they_are_for_and_come_in_order() -> None:
    priced = {**GENERATOR, "api_price_min": 0.04}
    assert any("api_price_basis" in m for _, m in _problems(priced))
    backwards = {**priced, "api_price_basis": "1024 px", "api_price_max": 0.01}
    assert any("below api_price_min" in m for _, m in _problems(backwards))
    assert _problems({**priced, "api_price_basis": "1024 px", "api_price_max": 0.08}) == []
    assert _problems({**GENERATOR, "plan_price_min": -5.0})[0][0] == "plan_price_min"


def test_nothing_is_verified_before_its_source_was_read() -> None:
    assert _problems({**GENERATOR, "last_verified": "2024-01-05"}) == []
    (problem,) = _problems({**GENERATOR, "last_verified": "2024-01-04"})
    assert problem[0] == "last_verified" and "before 2024-01-05" in problem[1]
    (future,) = _problems({**GENERATOR, "last_verified": "2999-01-01"})
    assert "future" in future[1]


def test_lifecycle_fields_hang_together() -> None:
    superseded = {
        **GENERATOR,
        "status": "superseded",
        "status_date": "2024-01-02",
        "status_note": "Replaced by its maker.",
        "successor": "y",
    }
    assert _problems(superseded) == []
    bare = {**GENERATOR, "status": "discontinued"}
    assert sorted(loc for loc, _ in _problems(bare)) == ["status_date", "status_note"]
    active_with_successor = {**GENERATOR, "successor": "y"}
    assert "only for a superseded entry" in _problems(active_with_successor)[0][1]
    assert "names the entry itself" in _problems({**superseded, "successor": "x"})[0][1]


def test_lists_refuse_repeats_except_layers() -> None:
    model = CATALOGS["image-generators"].model
    base = {**GENERATOR, "last_verified": "2024-01-06"}
    model.model_validate(base)
    with pytest.raises(ValidationError, match="lists 'web' twice"):
        model.model_validate({**base, "access": ["web", "web"]})
    with pytest.raises(ValidationError, match="at least 1 item"):
        model.model_validate({**base, "access": []})
    study = CATALOGS["case-studies"].model
    layers = ["dense 6 relu", "dense 6 relu", "dense 1 sigmoid"]  # the seed's churn network
    entry = study.model_validate(
        {
            **{k: base[k] for k in ("id", "name", "summary", "sources", "last_verified", "added")},
            "task": "image-classification",
            "model_type": "ANN",
            "dataset": "Churn",
            "metric": "test-accuracy",
            "result": 0.86,
            "layers": layers,
        }
    )
    assert entry.layers == layers  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("https://example.com/", "placeholder"),  # kb new's placeholder, even when plain
        ("https://[::1]/x", None),  # not a plain host name: the full checks pass it
        ("https://a.example/b#c#d", "url_syntax"),
        ("https://a.example/100%", "url_escape"),
        ("https://a.example/ä", "url_character"),
        ("https://a.example./x", None),
    ],
)
def test_url_checks_give_the_same_answer_for_plain_and_unusual_addresses(
    url: str, error: str | None
) -> None:
    if error is None:
        assert _ok(Url, url) == url
    else:
        assert _bad(Url, url) == error
