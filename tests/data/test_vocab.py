"""kb.data.vocab: the vocabularies come from vocabularies.yaml, every field holding a term is
bound to one, and validated values are that vocabulary's own terms."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel

from kb.data.catalog import KnowledgeBase
from kb.data.introspect import FieldSpec, model_specs
from kb.data.models import CATALOGS
from kb.data.vocab import VOCABULARIES, Term, vocab


def _all_specs(model: type[BaseModel]) -> list[FieldSpec]:
    specs = list(model_specs(model))
    for spec in list(specs):
        if spec.model is not None:
            specs += _all_specs(spec.model)
    return specs


ALL_SPECS = [s for c in CATALOGS.values() for s in _all_specs(c.model)]


def test_every_term_field_is_bound_to_a_vocabulary() -> None:
    # A Term field without its marker would accept any string: the walk must find none.
    unbound = [s.name for s in ALL_SPECS if s.base is Term and s.vocab is None]
    assert unbound == []
    assert any(s.vocab is vocab("source-kind") for s in ALL_SPECS)  # nested: a source's kind


def test_every_vocabulary_in_the_file_is_used_by_a_field() -> None:
    used = {s.vocab.key for s in ALL_SPECS if s.vocab is not None}
    assert set(VOCABULARIES) == used


def test_validated_values_are_the_vocabularys_own_terms(loaded: KnowledgeBase) -> None:
    vendor = next(iter(loaded.entries["annotation-vendors"].values()))
    licence = vendor.license
    assert licence is vocab("license")[licence]
    assert licence.label in {"Open source", "Open core", "Commercial"}
    assert vendor.model_copy(deep=True).license is licence
    # Downloads and the API carry the bare code.
    assert json.loads(vendor.model_dump_json())["license"] == licence.code


def test_a_rating_keeps_its_scale_and_rank(loaded: KnowledgeBase) -> None:
    mode = loaded.entries["sourcing-modes"]["in-house"]
    assert mode.price.rating is not None
    assert mode.price.rating is vocab("cost-level")[mode.price.rating.code]
    assert mode.price.rating.rank in {1, 2, 3}


def test_an_unknown_vocabulary_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known: level, cost-level"):
        vocab("levels")


def test_descriptions_do_not_copy_a_growing_list_of_codes() -> None:
    # The field reference and the schema list the allowed values from vocabularies.yaml; a
    # description that spells them all out goes stale the day a term is added there.
    copied = [
        s.name
        for s in ALL_SPECS
        if s.vocab is not None
        and not s.vocab.ordinal
        and len(s.vocab) > 3
        and all(t.code in s.description for t in s.vocab)
    ]
    assert copied == []
