"""Citations per field: every comparable fact an entry fills is named by one of its sources
(``supports``), and a source names only fields the entry has and fills."""

from __future__ import annotations

from collections.abc import Iterator

from kb.data.introspect import specs_by_name
from kb.data.messages import suggest
from kb.data.models import Entry

Loc = tuple[str | int, ...]


def citation_problems(entry: Entry, catalog: str) -> Iterator[tuple[Loc, str]]:
    """Where ``entry`` cites badly, as (YAML location, one-line message) pairs."""
    specs = specs_by_name(catalog)  # cached: this runs for every entry
    supported = {name for source in entry.sources for name in source.supports}
    for spec in specs.values():
        if spec.fact and spec.values(entry) and spec.name not in supported:
            yield (
                (spec.name,),
                f"no source supports {spec.name}: add '{spec.name}' to the supports list of "
                "the source that states it",
            )
    for i, source in enumerate(entry.sources):
        for j, name in enumerate(source.supports):
            named = specs.get(name)
            if named is None:
                hint = suggest(name, list(specs))
                yield (
                    ("sources", i, "supports", j),
                    f"'{name}' is not a field of {catalog} entries{hint}",
                )
            elif not named.values(entry) and not named.rated:
                yield (
                    ("sources", i, "supports", j),
                    f"'{name}' is empty in this entry; fill it or take it out of supports",
                )


def citations(entry: Entry) -> dict[str, list[int]]:
    """Field name -> the 1-based numbers of the sources that support it."""
    cited: dict[str, list[int]] = {}
    for number, source in enumerate(entry.sources, start=1):
        for name in source.supports:
            cited.setdefault(name, []).append(number)
    return cited
