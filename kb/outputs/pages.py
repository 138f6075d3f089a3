"""The pages and files a site gets from the catalogs, independent of any site engine.

An engine adapter (the MkDocs plugin, or any other) places each :class:`GeneratedPage` at
its source path and asks it for HTML with a :class:`~kb.render.urls.Linker` for its own URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from kb.data.catalog import KnowledgeBase
from kb.data.models import CATALOGS
from kb.outputs import api, export, feed
from kb.outputs.buildinfo import build_time
from kb.outputs.schema import schema_text
from kb.render import views
from kb.render.contract import CONTRACT_JS, contract_js
from kb.render.embedview import embed_page
from kb.render.statspage import STATS_SRC, stats_page
from kb.render.tablepages import (
    is_large,
    page_count,
    page_src_of,
    table_data,
    table_page,
)
from kb.render.urls import (
    Linker,
    download_path,
    embed_path,
    page_src,
    schema_path,
)

# The package's assets (kb/assets/), all published under assets/kb/ on the site; the
# stylesheets and scripts every page loads, in order (contract.js is generated, see files()).
ASSETS = ("table.js", "table.css", "stats.css", "embed.js", "embed.css", "diagram.css", "icon.svg")
STYLES = ("table.css", "stats.css", "embed.css", "diagram.css")
SCRIPTS = (CONTRACT_JS, "table.js", "embed.js")


@dataclass(frozen=True)
class Site:
    """What the generated files need to know about the site they are part of."""

    name: str = "Knowledge base"
    url: str | None = None  # the published address (site_url), for absolute feed links
    directory_urls: bool = True


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from catalog data: where it goes, its title, and how to render it."""

    src: str
    title: str
    html: Callable[[Linker], Markup]
    yaml_path: Path | None = None  # the entry file behind it, for "edit this entry"


def linkable(page: str | None, exists: Callable[[str], bool]) -> str | None:
    """``page`` (a docs path) when the site has it, else None: generated pages link only to
    pages that are there (the contributing page is optional, another site may lack it)."""
    return page if page and exists(page) else None


def pages(
    kb: KnowledgeBase, contributing: str | None, edit_url: Callable[[Path], str | None]
) -> Iterator[GeneratedPage]:
    """Every catalog page, compare page and entry page, and the stats page."""
    yield GeneratedPage(STATS_SRC, "Statistics", lambda ln: stats_page(kb, ln, build_time().date()))
    for name, spec in CATALOGS.items():
        yield GeneratedPage(
            page_src(name),
            spec.title,
            lambda ln, c=name: views.catalog_page(kb, c, ln, contributing),  # type: ignore[misc]
        )
        yield GeneratedPage(
            page_src(name, "compare"),
            f"Compare {spec.plural}",
            lambda ln, c=name: views.compare_page(kb, c, ln),  # type: ignore[misc]
        )
        count = len(kb.entries[name])
        if is_large(count):  # the pages of a large table, for readers without JavaScript
            for number in range(2, page_count(count) + 1):
                yield GeneratedPage(
                    page_src_of(name, number),
                    f"{spec.title}, page {number}",
                    lambda ln, c=name, n=number: table_page(kb, c, n, ln),  # type: ignore[misc]
                )
        for entry_id, entry in sorted(kb.entries[name].items()):
            path = kb.path_of(name, entry_id)
            yield GeneratedPage(
                page_src(name, entry_id),
                entry.name,
                lambda ln, c=name, e=entry, p=path: views.entry_page(  # type: ignore[misc]
                    kb, c, e, ln, edit_url(p)
                ),
                path,
            )


def files(kb: KnowledgeBase, site: Site = Site()) -> dict[str, str]:
    """Downloads (CSV, JSON), published JSON Schemas, the generated table contract, the JSON
    API, the Atom feed and the embeddable views, by site path."""
    out: dict[str, str] = {f"assets/kb/{CONTRACT_JS}": contract_js()}
    assets = tuple(f"assets/kb/{a}" for a in (*STYLES, *SCRIPTS))
    for name in CATALOGS:
        out[download_path(name, "csv")] = export.to_csv(kb, name)
        out[download_path(name, "json")] = export.to_json(kb, name)
        out[schema_path(name)] = schema_text(name)
        out[embed_path(name)] = embed_page(kb, name, site.name, assets, site.directory_urls)
        if is_large(len(kb.entries[name])):
            out.update(table_data(kb, name, site.directory_urls))
    built = build_time()
    out.update(api.files(kb, built, site.directory_urls))
    out[feed.FEED_PATH] = feed.atom(kb, site.name, site.url, site.directory_urls, built)
    return out
