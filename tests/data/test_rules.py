"""kb.data.rules: derived ratings always agree with the facts they are derived from.

The thresholds are typed out here from the rule published on the generator concept page, so
the tests check the code against the published rule rather than against itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.data.loader import load
from kb.data.models import CATALOGS

GENERATOR: dict[str, Any] = {
    "id": "x",
    "name": "X",
    "summary": "S.",
    "access": ["web"],
    "pricing": ["subscription"],
    "ease_of_use": {"basis": "Not judged."},
    "sources": [
        {"url": "https://e.example/", "title": "T", "kind": "vendor", "accessed": "2024-01-05"}
    ],
    "added": "2024-01-01",
}
CONTROLS = ["inpainting", "outpainting", "image-to-image", "reference-images", "style-presets",
            "fine-tuning"]  # fmt: skip
OUTPUTS = ["image-editing", "video", "vector-output", "text-rendering", "anime-style",
           "templates", "upscaling"]  # fmt: skip
ORDER = ["cheap", "average", "expensive"]


def published_cost(plan: float | None, api: float | None, free_only: bool) -> str | None:
    """The cost rule as the concept page states it."""
    if free_only:
        return "cheap"
    levels = []
    if plan is not None:
        levels.append("cheap" if plan < 10 else "expensive" if plan > 25 else "average")
    if api is not None:
        levels.append("cheap" if api < 0.02 else "expensive" if api > 0.06 else "average")
    return min(levels, key=ORDER.index) if levels else None


def published_count(n: int) -> str:
    return "low" if n < 2 else "average" if n < 4 else "high"


def make(**fields: Any) -> Any:
    data = {**GENERATOR, **fields}
    return CATALOGS["image-generators"].model.model_validate(data)


prices = st.none() | st.floats(min_value=0, max_value=500, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(plan=prices, api=st.none() | st.floats(min_value=0, max_value=1, allow_nan=False))
def test_cost_is_the_published_rule_applied_to_the_prices(
    plan: float | None, api: float | None
) -> None:
    extra: dict[str, Any] = {}
    if api is not None:
        extra = {"api_price_min": api, "api_price_basis": "1024 px"}
    entry = make(plan_price_min=plan, **extra)
    expected = published_cost(plan, api, free_only=False)
    got = entry.cost.rating
    assert (got.code if got is not None else None) == expected
    if expected is None:  # says which facts would decide it
        assert "plan_price_min" in entry.cost.basis and "api_price_min" in entry.cost.basis
    else:
        assert entry.cost.derived and set(entry.cost.derived_from) <= {
            "plan_price_min",
            "api_price_min",
        }


def test_a_free_only_tool_is_cheap_without_prices() -> None:
    assert make(pricing=["free"]).cost.rating.code == "cheap"


@settings(max_examples=100, deadline=None)
@given(
    controls=st.lists(st.sampled_from(CONTROLS), unique=True),
    outputs=st.lists(st.sampled_from(OUTPUTS), unique=True),
    weights=st.booleans(),
)
def test_customizability_and_versatility_count_the_published_capabilities(
    controls: list[str], outputs: list[str], weights: bool
) -> None:
    features = ["text-to-image", *controls, *outputs]
    access = ["web", "open-weights"] if weights else ["web"]
    entry = make(features=features, access=access)
    assert entry.customizability.rating.code == published_count(len(controls) + weights)
    assert entry.versatility.rating.code == published_count(len(outputs))


def test_no_features_given_means_not_rated_and_says_so() -> None:
    entry = make()
    assert entry.versatility.rating is None and "features" in entry.versatility.basis


def test_every_generator_in_the_catalog_matches_the_rule() -> None:
    kb = load(Path(__file__).parents[2] / "catalog")
    generators = kb.entries["image-generators"]
    assert generators, "no valid generator to check"
    for entry in generators.values():
        data: Any = entry
        free_only = [str(p) for p in data.pricing] == ["free"]
        expected = published_cost(data.plan_price_min, data.api_price_min, free_only)
        got = data.cost.rating
        assert (got.code if got is not None else None) == expected, entry.id


def test_a_derived_rating_written_by_hand_is_refused_at_its_field() -> None:
    from pydantic import ValidationError

    try:
        make(cost={"rating": "cheap", "basis": "Cheap, we think."}, versatility=None)
    except ValidationError as exc:
        errors = [(e["loc"], e["type"]) for e in exc.errors()]
    else:
        raise AssertionError("a hand-written derived rating was accepted")
    assert errors == [(("cost",), "derived_written")]
