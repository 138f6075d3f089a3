"""Published rules that turn an entry's facts into a rating level.

A rule is written once, as data, in the site's definitions (this module has the kinds of
rule): the entry's model applies it when the entry is read
(so a derived level can never disagree with its facts), entry pages say which facts it used,
and the concept pages print each rule as a table. Criteria no fact decides (ease of use)
stay ratings read from a source, marked as a reviewer's judgement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from kb.data.fields import NumberFormat
from kb.data.numbers import format_number


@dataclass(frozen=True)
class PriceBand:
    """One price fact and where its levels change: below ``cheap_below`` is cheap, above
    ``expensive_above`` is expensive, anything between is average."""

    field: str
    label: str
    display: NumberFormat
    cheap_below: float
    expensive_above: float

    def level(self, value: float) -> str:
        """The cost level this price alone gives."""
        if value < self.cheap_below:
            return "cheap"
        if value > self.expensive_above:
            return "expensive"
        return "average"


def _inline(label: str) -> str:
    """A label inside a sentence: lower case first letter, acronyms (API) kept."""
    return label[:1].lower() + label[1:]


@dataclass(frozen=True)
class PriceRule:
    """Cost from prices: each known price gives a level and the cheapest route wins (a
    reader can pick the cheapest way in); an entry that is free of charge is cheap."""

    scale: ClassVar[str] = "cost-level"  # the vocabulary of the levels it gives
    name: str
    bands: tuple[PriceBand, ...]
    free_field: str  # a list field; the entry is free when it lists only ``free_code``
    free_code: str

    @property
    def facts(self) -> tuple[str, ...]:
        """The fields the rule reads."""
        return (*(b.field for b in self.bands), self.free_field)

    def apply(self, entry: Any) -> Outcome:
        """The level for ``entry`` with the facts it rests on, or the facts it lacks."""
        free = [str(v) for v in getattr(entry, self.free_field) or []]
        if free == [self.free_code]:
            return Outcome("cheap", (self.free_field,), f"{self.free_field}: free of charge")
        found = [(b, getattr(entry, b.field)) for b in self.bands]
        known = [(b, v) for b, v in found if v is not None]
        if not known:
            missing = " or the ".join(f"{_inline(b.label)} ({b.field})" for b in self.bands)
            return Outcome(None, (), f"Not rated: needs the {missing}; neither is given.")
        order = ("cheap", "average", "expensive")
        band, value = min(known, key=lambda bv: order.index(bv[0].level(bv[1])))
        level = band.level(value)
        used = ", ".join(
            f"{_inline(b.label)} {format_number(v, b.display)} ({b.level(v)})" for b, v in known
        )
        return Outcome(level, tuple(b.field for b, _ in known), f"Derived from the {used}.")

    def table(self) -> list[tuple[str, str, str, str]]:
        """The rule as rows a reader can check: fact (with what it is per), cheap, average,
        expensive; the bounds without the unit, which the fact names once."""
        rows = []
        for b in self.bands:
            low = format_number(b.cheap_below, "usd")
            high = format_number(b.expensive_above, "usd")
            per = " (a month)" if b.display == "usd-month" else ""
            rows.append((b.label + per, f"under {low}", f"{low} to {high}", f"over {high}"))
        return rows


@dataclass(frozen=True)
class CountRule:
    """A level from how many of a list of capabilities the sources confirm."""

    scale: ClassVar[str] = "level"
    name: str
    counted: tuple[tuple[str, str], ...]  # (field, code): a code the field may list
    average_from: int
    high_from: int

    @property
    def facts(self) -> tuple[str, ...]:
        """The fields the rule reads."""
        return tuple(dict.fromkeys(f for f, _ in self.counted))

    def apply(self, entry: Any) -> Outcome:
        """The level for ``entry`` with the capabilities counted."""
        if not any(getattr(entry, f) for f in self.facts):
            fields = " and ".join(self.facts)
            return Outcome(None, (), f"Not rated: {fields} not given.")
        hits = [
            (f, code) for f, code in self.counted if code in [str(v) for v in getattr(entry, f)]
        ]
        n = len(hits)
        level = "high" if n >= self.high_from else "average" if n >= self.average_from else "low"
        names = ", ".join(_label(entry, f, code) for f, code in hits) or "none"
        total = len(self.counted)
        basis = f"Derived from {n} of the {total} capabilities the rule counts: {names}."
        return Outcome(level, tuple(dict.fromkeys(f for f, _ in hits)) or self.facts, basis)

    def table(self) -> list[tuple[str, str, str, str]]:
        """The rule as one row: what is counted, and the counts for each level."""
        low = f"0 to {self.average_from - 1}"
        avg = f"{self.average_from} to {self.high_from - 1}"
        return [("capabilities counted", low, avg, f"{self.high_from} or more")]


def _label(entry: Any, field: str, code: str) -> str:
    for value in getattr(entry, field):
        if str(value) == code:
            return str(getattr(value, "label", code))
    return code


@dataclass(frozen=True)
class Outcome:
    """What a rule gives for one entry: a level code (None when the facts are missing),
    the fields it rests on, and a sentence saying so."""

    level: str | None
    facts: tuple[str, ...]
    basis: str


Rule = PriceRule | CountRule

# The rules of the site in use, by name: filled by kb.data.definitions.use() from the site's
# definitions (its RULES), and named by each Derived mark of its models.
RULES: dict[str, Rule] = {}
