"""Controlled vocabularies, each term a code with a reader-facing label and, on ordinal
scales, a rank (so ``cheap < average < expensive`` sorts by meaning, not alphabetically), and
the marker that ties a model field to one of them.

The package's own (``kb/data/vocabularies.yaml``: the scales of ratings, source kinds,
status) are read at import; a site adds its own with :func:`load_file` before its models are
defined, and may relabel the package's (same codes, its own words)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import CoreSchema
from pydantic_core import core_schema as cs
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

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

    key: str  # as the vocabularies file writes it: "pricing-model"
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
    """One vocabulary as a vocabularies file writes it."""

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


_SPECS = TypeAdapter(dict[str, _Spec])


def _load() -> dict[str, Vocabulary]:
    text = (files("kb.data") / "vocabularies.yaml").read_text(encoding="utf-8")
    specs = _SPECS.validate_python(YAML(typ="safe").load(text))
    return {key: spec.build(key) for key, spec in specs.items()}


VOCABULARIES: dict[str, Vocabulary] = _load()
PACKAGE_KEYS = frozenset(VOCABULARIES)


class VocabularyError(Exception):
    """A site's vocabularies file cannot be used; the message is one line naming the file."""


def load_file(path: Path) -> list[str]:
    """Add the vocabularies of a site's file (the same form as the package's) and return
    their keys. A key the package defines relabels its terms: the codes must be the same.
    Reading the same file again is a no-op; a second file may not redefine a site's key."""
    shown = str(path)
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise VocabularyError(f"{shown}: cannot read it ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise VocabularyError(f"{shown}: not a mapping of vocabularies")
    try:
        specs = _SPECS.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise VocabularyError(f"{shown}: {where}: {first['msg']}") from None
    for key, spec in specs.items():
        if not re.fullmatch(r"[a-z][a-z0-9-]*", key):
            raise VocabularyError(f"{shown}: {key!r}: a key is lowercase-kebab")
        built = spec.build(key)
        known = VOCABULARIES.get(key)
        if known is None:
            VOCABULARIES[key] = built
            _FROM[key] = shown
        elif key in PACKAGE_KEYS:
            _relabel(known, built, shown)
        elif _FROM.get(key) != shown:
            raise VocabularyError(f"{shown}: {key!r} is already defined in {_FROM.get(key)}")
    return list(specs)


_FROM: dict[str, str] = {}


def _relabel(known: Vocabulary, new: Vocabulary, shown: str) -> None:
    """The package's terms keep their identity (models hold them); only their words change."""
    if [t.code for t in new] != [t.code for t in known] or new.ordinal != known.ordinal:
        codes = ", ".join(t.code for t in known)
        raise VocabularyError(
            f"{shown}: {known.key!r} is the package's: relabel it with the same codes in "
            f"the same order ({codes}), or name your own vocabulary"
        )
    for old, fresh in zip(known.terms, new.terms, strict=True):
        old.label = fresh.label
    object.__setattr__(known, "about", new.about)


def vocab(key: str) -> Vocabulary:
    """The vocabulary called ``key`` (a KeyError names the known ones, so a mistyped key fails
    when the models are imported)."""
    try:
        return VOCABULARIES[key]
    except KeyError:
        raise KeyError(f"no vocabulary {key!r}; known: {', '.join(VOCABULARIES)}") from None
