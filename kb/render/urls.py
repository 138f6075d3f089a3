"""Where generated pages live, and links between pages as relative URLs.

Relative links keep the site working wherever it is served from (a sub-path, a file
share, a preview host); every generated link goes through :class:`Linker`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


def page_src(catalog: str, page: str = "index") -> str:
    """Source path of a generated page of ``catalog`` (as if it were a file in docs/): its
    table (``index``), its ``compare`` page, or an entry's page (the entry's id)."""
    return f"{catalog}/{page}.md"


def download_path(catalog: str, fmt: str) -> str:
    """Site path of a catalog download (``csv`` or ``json``)."""
    return f"downloads/{catalog}.{fmt}"


def schema_path(catalog: str) -> str:
    """Site path of a catalog's published JSON Schema."""
    return f"schema/{catalog}.schema.json"


def embed_path(catalog: str) -> str:
    """Site path of a catalog's embeddable view (a standalone file, served as a folder)."""
    return f"embed/{catalog}/index.html"


@dataclass(frozen=True)
class Linker:
    """Makes site paths relative to the page being rendered.

    ``page_url`` is the page's own site-relative URL ("" for the home page,
    "sourcing-modes/in-house/" with directory URLs, "sourcing-modes/in-house.html" without).
    """

    page_url: str
    directory_urls: bool = True

    def page(self, src: str) -> str:
        """Relative URL of the page generated from source path ``src``."""
        stem = src[: -len(".md")]
        if self.directory_urls:
            if stem == "index" or stem.endswith("/index"):
                target = stem[: -len("index")]
            else:
                target = stem + "/"
        else:
            target = stem + ".html"
        return self.file(target)

    def file(self, target: str) -> str:
        """Relative URL of a site path (a file, or a folder ending in '/')."""
        here = self.page_url if self.page_url.endswith("/") else posixpath.dirname(self.page_url)
        # Rooted at "/", relpath never asks the OS for the working directory (a system
        # call per link, a fifth of the time of a large build's links).
        rel = posixpath.relpath("/" + target, "/" + here)
        if target.endswith("/") or target == "":
            rel = "./" if rel == "." else rel + "/"
        return rel

    def catalog(self, catalog: str, page: str = "index") -> str:
        """Relative URL of a catalog's table, its ``compare`` page or an entry (by id)."""
        return self.page(page_src(catalog, page))

    def entry(self, catalog: str, entry_id: str) -> str:
        """Relative URL of an entry page."""
        return self.catalog(catalog, entry_id)

    def at(self, src: str) -> Linker:
        """A linker for the page generated from source path ``src`` (same URL style)."""
        stem = src[: -len(".md")]
        if not self.directory_urls:
            return Linker(stem + ".html", False)
        return Linker(
            ""
            if stem == "index"
            else stem.removesuffix("index") + ("/" if not stem.endswith("index") else ""),
            True,
        )

    def embed(self, catalog: str) -> str:
        """Relative URL of a catalog's embeddable view."""
        path = embed_path(catalog)
        return self.file(path.removesuffix("index.html") if self.directory_urls else path)
