"""Controlled vocabularies: the terms of kb/vocabularies.yaml, each a code with a
reader-facing label and, on ordinal scales, a rank (so ``cheap < average < expensive`` sorts
by meaning, not alphabetically), and the marker that ties a model field to one of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib.resources import files
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, TypeAdapter
from pydantic_core import CoreSchema
from pydantic_core import core_schema as cs
from ruamel.yaml import YAML

# Marks the schema of a bare Term until the field's Vocabulary marker fills it in.
_SLOT = "kb.data.vocab.slot"


class Term(str):
    """One value of a vocabulary. The string itself is the code an entry's YAML writes;
    ``label`` is what readers see; ``rank`` is set only on ordinal scales. Each term
    exists once, so ``is`` compares terms of one vocabulary."""

    label: str
    rank: int | None

    def __new__(cls, code: str, label: str, rank: int | None = None) -> Term:
        term = str.__new__(cls, code)
        term.label = label
        term.rank = rank
        return term

    @property
    def code(self) -> str:
        """The code as a plain string (what the YAML and the API carry)."""
        return str.__str__(self)

    # A term is immutable and unique: copies (pydantic's model_copy, deepcopy) keep it.
    def __copy__(self) -> Term:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Term:
        return self

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        # Which terms are allowed depends on the field: its Vocabulary marker fills the slot.
        return cs.str_schema(metadata={_SLOT: True})


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """A controlled vocabulary, and the marker that binds a model field to it:
    ``Annotated[Some[Term], vocab("pricing-model")]`` accepts a list of its codes and
    gives back its terms. Iterating yields the terms in the order written."""

    key: str  # as in vocabularies.yaml: "pricing-model"
    about: str
    terms: tuple[Term, ...]
    ordinal: bool = False

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __getitem__(self, code: str) -> Term:
        return self._by_code[code]

    @cached_property
    def _by_code(self) -> dict[str, Term]:
        return {t.code: t for t in self.terms}

    @property
    def title(self) -> str:
        """The vocabulary's name in the JSON Schema: ``PricingModel``."""
        return "".join(part.title() for part in self.key.split("-"))

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        filled: CoreSchema = _fill(handler(source), self._term_schema())
        return filled

    def _term_schema(self) -> CoreSchema:
        # A literal of the codes gives pydantic's own "Input should be 'a', 'b' or 'c'" and
        # an `enum` in the JSON Schema; the term replaces the code once it is accepted.
        def describe(schema: CoreSchema, handler: Callable[[Any], Any]) -> dict[str, Any]:
            return {**handler(schema), "title": self.title, "description": self.about}

        return cs.no_info_after_validator_function(
            self.__getitem__,
            cs.literal_schema([t.code for t in self.terms]),
            ref=self.title,
            metadata={"pydantic_js_functions": [describe]},
            serialization=cs.to_string_ser_schema(),
        )


def _fill(schema: Any, term: CoreSchema) -> Any:
    """``schema`` with every Term slot (in a list, an optional, a validator) replaced."""
    if isinstance(schema, dict):
        if schema.get("metadata", {}).get(_SLOT):
            return term
        return {k: _fill(v, term) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_fill(v, term) for v in schema]
    return schema


class _Spec(BaseModel):
    """One vocabulary as vocabularies.yaml writes it."""

    model_config = ConfigDict(extra="forbid")

    about: str
    ordinal: bool = False
    terms: dict[str, str] = Field(min_length=1)

    def build(self, key: str) -> Vocabulary:
        terms = tuple(
            Term(code, label, rank if self.ordinal else None)
            for rank, (code, label) in enumerate(self.terms.items(), start=1)
        )
        return Vocabulary(key, self.about, terms, self.ordinal)


def _load() -> dict[str, Vocabulary]:
    text = (files("kb") / "vocabularies.yaml").read_text(encoding="utf-8")
    specs = TypeAdapter(dict[str, _Spec]).validate_python(YAML(typ="safe").load(text))
    return {key: spec.build(key) for key, spec in specs.items()}


VOCABULARIES: dict[str, Vocabulary] = _load()


def vocab(key: str) -> Vocabulary:
    """The vocabulary called ``key`` in vocabularies.yaml (a KeyError names the known ones,
    so a mistyped key fails when the models are imported)."""
    try:
        return VOCABULARIES[key]
    except KeyError:
        raise KeyError(f"no vocabulary {key!r}; known: {', '.join(VOCABULARIES)}") from None
