"""Links inside generated HTML, checked like a hand-written page's: a relative ``href`` or
``src`` must name a file of the site. MkDocs validates the links of Markdown it renders; the
HTML the catalogs add arrives after that check, so without this a link to a page the site
does not have (a concept page, a contributing page) would be published broken."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Container, Iterator
from html import unescape
from urllib.parse import unquote, urlsplit

_ATTR = re.compile(r"""\s(?:href|src)=(?:"([^"]*)"|'([^']*)')""")


def _targets(html: str) -> Iterator[str]:
    for match in _ATTR.finditer(html):
        yield unescape(match.group(1) if match.group(1) is not None else match.group(2))


def site_path(page_url: str, link: str) -> str | None:
    """The site path a relative link from the page at ``page_url`` points to (``""`` is the
    site's root), or None for links that leave the site or stay on the page."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("/", "#")) or not parts.path:
        return None
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    joined = posixpath.normpath(posixpath.join("/" + base, unquote(parts.path)))
    path = joined.lstrip("/")
    if path == ".":
        path = ""
    return path + "/" if parts.path.endswith("/") and path else path


def broken_links(html: str, page_url: str, exists: Container[str]) -> list[str]:
    """The relative links of ``html`` (a page at ``page_url``) whose target is not among
    ``exists`` (site paths: ``a/b/`` for a page, ``a/b.json`` for a file), each once."""
    broken: list[str] = []
    for link in _targets(html):
        path = site_path(page_url, link)
        if path is None or path in exists or path + "index.html" in exists:
            continue
        if link not in broken:
            broken.append(link)
    return broken
