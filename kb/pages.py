"""The pages and files a site gets from the catalogs, independent of any site engine.

An engine adapter (the MkDocs plugin, or any other) places each :class:`GeneratedPage` at
its source path and asks it for HTML with a :class:`~kb.urls.Linker` for its own URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from kb import export, views
from kb.catalog import KnowledgeBase
from kb.contract import CONTRACT_JS, contract_js
from kb.models import CATALOGS
from kb.schema import schema_text
from kb.urls import Linker, catalog_src, compare_src, download_path, entry_src, schema_path


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from catalog data: where it goes, its title, and how to render it."""

    src: str
    title: str
    html: Callable[[Linker], Markup]
    yaml_path: Path | None = None  # the entry file behind it, for "edit this entry"


def pages(
    kb: KnowledgeBase, contributing: str, edit_url: Callable[[Path], str | None]
) -> Iterator[GeneratedPage]:
    """Every catalog page, compare page and entry page."""
    for name, spec in CATALOGS.items():
        yield GeneratedPage(
            catalog_src(name),
            spec.title,
            lambda ln, c=name: views.catalog_page(kb, c, ln, contributing),  # type: ignore[misc]
        )
        yield GeneratedPage(
            compare_src(name),
            f"Compare {spec.plural}",
            lambda ln, c=name: views.compare_page(kb, c, ln),  # type: ignore[misc]
        )
        for entry_id, entry in sorted(kb.entries[name].items()):
            path = kb.path_of(name, entry_id)
            yield GeneratedPage(
                entry_src(name, entry_id),
                entry.name,
                lambda ln, c=name, e=entry, p=path: views.entry_page(  # type: ignore[misc]
                    kb, c, e, ln, edit_url(p)
                ),
                path,
            )


def files(kb: KnowledgeBase) -> dict[str, str]:
    """Downloads (CSV, JSON), published JSON Schemas and the generated table contract, by
    site path."""
    out: dict[str, str] = {f"assets/kb/{CONTRACT_JS}": contract_js()}
    for name in CATALOGS:
        out[download_path(name, "csv")] = export.to_csv(kb, name)
        out[download_path(name, "json")] = export.to_json(kb, name)
        out[schema_path(name)] = schema_text(name)
    return out
