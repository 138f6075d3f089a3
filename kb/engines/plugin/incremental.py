"""What the plugin keeps between the builds of one ``mkdocs serve`` session (MkDocs keeps
the plugin instance across rebuilds): the parsed and validated entry files, the last
catalogs without problems, and the HTML and files made from them, each under a key made of
the inputs it was made from. After a one-line edit of an entry file, a rebuild reads and
validates that one file, checks the references across the catalogs again (cheap: raw
data), and renders again only what could show the change: that entry's page, the pages of
the entries it names or that name it, and everything made from a whole catalog (its table,
the compare and stats pages, downloads, API, feed, embeds), where a table renders again
only the rows of those entries, and the API their responses (see :mod:`kb.render.entrycache`).

Under ``mkdocs build`` the same code runs once, with an empty cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from datetime import date
from pathlib import Path

from markupsafe import Markup

from kb.data.cache import DocumentCache
from kb.data.catalog import KnowledgeBase
from kb.data.loader import load
from kb.data.models import CATALOGS
from kb.outputs import pages as site_pages
from kb.render.entrycache import ENTRIES
from kb.render.links import broken_links
from kb.render.urls import Linker, page_src


class Incremental:
    """Caches of one plugin instance; see the module's docstring."""

    def __init__(self) -> None:
        self.documents = DocumentCache()
        self.last_good: KnowledgeBase | None = None
        self._fingerprints: dict[str, Hashable] = {}  # page src -> inputs, this build
        self._html: dict[str, tuple[Hashable, Markup]] = {}  # page src -> (key, HTML)
        self._files: tuple[Hashable, dict[str, str]] | None = None
        self._paths: frozenset[str] = frozenset()  # the site's paths the links were checked on
        self._links: dict[str, tuple[str, str, list[str]]] = {}  # src -> (HTML, URL, broken)
        self._checked_on: set[str] | None = None
        self.rendered = 0  # pages rendered by the last build (the others came from the cache)

    def load(self, root: Path) -> KnowledgeBase:
        """The catalogs under ``root``, reading again only the files that changed."""
        return load(root, self.documents)

    def begin(self, kb: KnowledgeBase, signature: Hashable, rows: bool = True) -> None:
        """Work out, for every page, the inputs its HTML depends on. ``signature`` holds
        what the whole site's output depends on besides the data (site settings). With
        ``rows``, table rows and API responses are kept under the same keys (worth it only
        when there is a next build)."""
        self.rendered = 0
        # The catalogs as declared for this build (their models, and what the site links
        # to: a rating method's page is linked only where the site has it).
        models = tuple(CATALOGS.values())
        whole = (signature, models, date.today(), self._whole(kb))
        self._whole_key: Hashable = whole
        self._fingerprints = {}
        for catalog, entries in kb.entries.items():
            for entry_id in entries:
                near = {(catalog, entry_id)}
                near.update(r.target for r in kb.references_from(catalog, entry_id))
                near.update(r.source for r in kb.referrers(catalog, entry_id))
                digests = tuple(sorted(self._digest(kb, *key) for key in near))
                self._fingerprints[page_src(catalog, entry_id)] = (
                    signature,
                    models,
                    date.today(),
                    digests,
                )
        # A table row and an API response are made from what the entry's page is made from:
        # kept under the same key.
        fingerprints = self._fingerprints
        ENTRIES.use(kb, (lambda c, e: fingerprints.get(page_src(c, e))) if rows else None)

    def html(self, page: site_pages.GeneratedPage, linker: Linker) -> Markup:
        """The page's HTML: from the last build when none of its inputs changed."""
        key = (self._fingerprints.get(page.src, self._whole_key), linker)
        hit = self._html.get(page.src)
        if hit is not None and hit[0] == key:
            return hit[1]
        markup = page.html(linker)
        self.rendered += 1
        self._html[page.src] = (key, markup)
        return markup

    def files(self, make: Callable[[], dict[str, str]], site: site_pages.Site) -> dict[str, str]:
        """Every generated file (downloads, API, feed, embeds...), made again only when
        some entry file or the site's settings changed."""
        key = (self._whole_key, site)
        if self._files is not None and self._files[0] == key:
            return self._files[1]
        made = make()
        self._files = (key, made)
        return made

    def broken_links(self, src: str, html: str, url: str, paths: set[str]) -> list[str]:
        """The broken links of a page's HTML (see :func:`kb.render.links.broken_links`):
        from the last build when its HTML, its URL and the site's paths are the same."""
        if paths is not self._checked_on:  # a new build: compared once, not once a page
            self._checked_on = paths
            if paths != self._paths:
                self._paths = frozenset(paths)
                self._links.clear()
        kept = self._links.get(src)
        if kept is not None and kept[1] == url and kept[0] == html:
            return kept[2]
        found = broken_links(html, url, paths)
        self._links[src] = (html, url, found)
        return found

    def _digest(self, kb: KnowledgeBase, catalog: str, entry_id: str) -> bytes:
        return self.documents.digest(kb.path_of(catalog, entry_id)) or b""

    def _whole(self, kb: KnowledgeBase) -> bytes:
        """One hash over every entry file's hash (any edit anywhere changes it)."""
        whole = hashlib.blake2b(digest_size=16)
        for catalog, entry_id in sorted(kb.documents):
            whole.update(f"{catalog}/{entry_id}\0".encode())
            whole.update(self._digest(kb, catalog, entry_id))
        return whole.digest()
