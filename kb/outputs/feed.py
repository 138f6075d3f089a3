"""The change feed: an Atom document (RFC 4287) of entries added or changed, newest first.

Dates come from the data (``added``, ``last_verified``, ``status_date``), never from git:
CI clones shallowly, and a rebuild must not reorder the feed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from kb.data.catalog import KnowledgeBase
from kb.data.models import CATALOGS, Entry
from kb.render.urls import Linker

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
LIMIT = 100  # a feed reader wants the recent changes, not the whole catalog
# Ids of feed entries: stable across hosts and rebuilds (RFC 4287 4.2.6), one per entry.
_NAMESPACE = uuid.UUID("8a3f6f5e-2f55-4b8e-9c43-3f0b1f0c5d21")


@dataclass(frozen=True)
class Change:
    """The latest thing that happened to one entry, by the dates the entry carries."""

    catalog: str
    entry: Entry
    updated: date
    published: date
    what: str  # "added", "verified" or the lifecycle status


def change(catalog: str, entry: Entry) -> Change:
    """When ``entry`` last changed, and how: the latest of its dates."""
    candidates = [
        (d, what)
        for d, what in (
            (entry.added, "added"),
            (entry.last_verified, "verified"),
            (entry.status_date, str(entry.status)),
        )
        if d is not None
    ]
    # On a tie the first wins: an entry added and checked the same day was "added".
    updated = max(d for d, _ in candidates)
    what = next(w for d, w in candidates if d == updated)
    return Change(catalog, entry, updated, entry.added, what)


def changes(kb: KnowledgeBase) -> list[Change]:
    """Every dated entry, newest first (then by catalog and id, for a stable order)."""
    found = [change(name, e) for name, e in kb.all()]
    found.sort(key=lambda c: (c.catalog, c.entry.id))
    found.sort(key=lambda c: c.updated, reverse=True)
    return found


def _stamp(day: date) -> str:
    return datetime.combine(day, time(0, 0), UTC).isoformat().replace("+00:00", "Z")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    node.text = text
    return node


def atom(
    kb: KnowledgeBase,
    title: str,
    site_url: str | None = None,
    directory_urls: bool = True,
    built: datetime | None = None,
) -> str:
    """The feed as XML text. With ``site_url`` every link is absolute; without, links are
    relative to the feed (which sits at the site root), as RFC 4287 allows."""
    ln = Linker(FEED_PATH, directory_urls)

    def url(relative: str) -> str:
        return urljoin(site_url, relative) if site_url else relative

    found = changes(kb)[:LIMIT]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", url(FEED_PATH) if site_url else f"urn:uuid:{uuid.uuid5(_NAMESPACE, title)}")
    _sub(feed, "title", f"{title}: changes")
    _sub(feed, "subtitle", "Catalog entries added, re-checked or changed, newest first.")
    newest = found[0].updated if found else (built or datetime.now(UTC)).date()
    _sub(feed, "updated", _stamp(newest))
    author = _sub(feed, "author")
    _sub(author, "name", f"{title} contributors")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=url(FEED_PATH))
    _sub(feed, "link", rel="alternate", type="text/html", href=url(ln.file("")))
    for item in found:
        _entry(feed, item, ln, url)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def _entry(feed: ET.Element, item: Change, ln: Linker, url: Callable[[str], str]) -> None:
    spec = CATALOGS[item.catalog]
    node = _sub(feed, "entry")
    _sub(node, "id", f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{item.catalog}/{item.entry.id}')}")
    _sub(node, "title", f"{item.entry.name} ({spec.singular}): {item.what}")
    _sub(node, "updated", _stamp(item.updated))
    _sub(node, "published", _stamp(item.published))
    href = url(ln.entry(item.catalog, item.entry.id))
    _sub(node, "link", rel="alternate", type="text/html", href=href)
    _sub(node, "category", term=item.catalog, label=spec.title)
    _sub(node, "summary", item.entry.summary)
