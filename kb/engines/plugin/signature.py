"""Fingerprints of what MkDocs hands a theme template: the site's settings, its navigation
and one page, each reduced to plain data (strings, numbers, tuples) and hashed.

Two renders of the same template with the same fingerprint give the same HTML: the
fingerprint holds every value a template can read through the context. A value this module
cannot reduce to plain data (an object it does not know) raises :class:`Unkeyable`, and the
caller then renders without a cache: an unknown object might change without its
fingerprint changing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

# Page attributes no template reads: what MkDocs keeps to check anchors after the build.
_LOCALES = ("babel", "mkdocs")
_SKIPPED = frozenset({"links_to_anchors", "present_anchor_ids", "_Page__active"})


class Unkeyable(Exception):
    """A value that cannot be reduced to plain data."""


def digest(value: object) -> bytes:
    """A short hash of plain data (``repr`` of strings, numbers and tuples is exact)."""
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def plain(value: Any) -> Any:
    """``value`` as nested tuples of strings, numbers, booleans and None."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (date, datetime)):
        return ("date", value.isoformat())
    if isinstance(value, Mapping):
        return ("map", tuple((plain(k), plain(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("seq", tuple(plain(v) for v in value))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(repr(plain(v)) for v in value)))
    if type(value).__qualname__ == "Locale" and type(value).__module__.split(".")[0] in _LOCALES:
        return ("locale", str(value))  # the theme's language (Babel's or MkDocs' stand-in)
    raise Unkeyable(type(value).__qualname__)


def config_key(config: MkDocsConfig) -> Any:
    """Every setting of the site (the theme's options and each plugin's settings included),
    and the bytes of mkdocs.yml."""
    items: list[Any] = []
    for name, value in config.items():
        if name == "plugins":
            value = tuple((n, plain(p.config)) for n, p in value.items())
        elif name == "theme":
            value = (value.name, tuple(value.dirs), tuple(value.static_templates), plain(value))
        else:
            value = plain(value)
        items.append((name, value))
    if config.config_file_path:
        with open(config.config_file_path, "rb") as source:
            items.append(("file", hashlib.blake2b(source.read()).digest()))
    return tuple(items)


def nav_key(nav: Navigation) -> Any:
    """The navigation's structure: each item's kind, title, URL and (a page's) metadata."""

    def item(node: Any) -> Any:
        if isinstance(node, Section):
            return ("section", node.title, tuple(item(c) for c in node.children))
        if isinstance(node, Page):
            return ("page", node.title, node.url, node.file.src_uri, plain(node.meta))
        if isinstance(node, Link):
            return ("link", node.title, node.url)
        raise Unkeyable(type(node).__qualname__)

    home = nav.homepage.url if nav.homepage else None
    return (tuple(item(i) for i in nav.items), home)


def _toc(items: Iterable[AnchorLink]) -> Any:
    return tuple((i.title, i.id, i.level, _toc(i.children)) for i in items)


def _file(file: File) -> Any:
    return (file.src_uri, file.dest_uri, file.url, file.edit_uri, file.inclusion.name)


def _neighbour(page: Any) -> Any:
    return None if page is None else (page.title, page.url)


def page_key(page: Page) -> Any:
    """Everything a template can read of ``page`` (its content as a hash)."""
    items: list[Any] = [
        ("title", page.title),
        ("url", page.url),
        ("abs_url", page.abs_url),
        ("canonical_url", page.canonical_url),
        ("edit_url", page.edit_url),
        ("is_homepage", page.is_homepage),
        ("ancestors", tuple(a.title for a in page.ancestors)),
    ]
    for name, value in sorted(vars(page).items()):
        if name in _SKIPPED:
            continue
        if name in ("content", "markdown"):
            value = None if value is None else digest(value)
        elif name == "file":
            value = _file(value)
        elif name == "toc":
            value = _toc(value)
        elif name in ("previous_page", "next_page"):
            value = _neighbour(value)
        elif name == "parent":
            value = None if value is None else value.title
        else:
            value = plain(value)
        items.append((name, value))
    return tuple(items)
