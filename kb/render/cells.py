"""Field values as readers see them: labels for codes, names and links for references,
sanitised HTML for Markdown. The templates only lay these out; they never format values."""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import markdown as md
import nh3
from markupsafe import Markup
from pydantic import BaseModel

from kb.data.catalog import KnowledgeBase
from kb.data.definitions import wording
from kb.data.introspect import FieldSpec, Kind, model_specs
from kb.data.models import ACTIVE, CATALOGS, Entry, Rating
from kb.data.numbers import format_number
from kb.data.vocab import Term
from kb.render.urls import Linker

# Tags a Markdown description may produce; anything else is dropped, and links may only
# use these schemes (no javascript:, data:, vbscript:).
_TAGS = {
    "p",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "br",
    "hr",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_SCHEMES = {"http", "https", "mailto"}
REL = "nofollow ugc noopener"


@dataclass(frozen=True)
class Item:
    """One shown value: text, optionally a link (``external`` for off-site links)."""

    text: str
    href: str | None = None
    external: bool = False
    note: str | None = None
    badge: bool = False  # a status shown as a badge (superseded, discontinued)
    address: bool = False  # the text is a web address (may break after each "/")
    why: str | None = None  # a remark derived from the figures: the sentence explaining it


@dataclass(frozen=True)
class RatingView:
    """A rating as shown: its level (None when unrated), position on the scale, and basis."""

    label: str | None
    rank: int | None
    top: int  # the highest rank of the scale
    pips: int | None  # filled pips: more is better on every scale (cheap fills three)
    basis: str
    source: str | None
    href: str  # the basis on the entry page
    derived_from: tuple[str, ...] = ()  # labels of the facts a published rule used
    rule_href: str | None = None  # where the rule is published, if the site publishes it
    derived: bool = False  # set by a published rule, not a reviewer


@dataclass(frozen=True)
class Cell:
    """A field's value ready to show: ``chips`` for lists, ``html`` for Markdown."""

    field: str
    items: list[Item] = dc_field(default_factory=list)
    chips: bool = False
    bullets: bool = False  # lists of sentences (e.g. area: role) read better as a list
    html: Markup | None = None
    sort: str = ""
    rating: RatingView | None = None
    # Why an empty cell is empty, decided by the model: "not given" (no source gives it) or
    # "n/a" (the field does not apply to this entry); ``why`` says so in words.
    missing: str | None = None
    why: str | None = None

    @property
    def remarks(self) -> list[Item]:
        """The remarks derived from the figures (shown after the value and its citations)."""
        return [i for i in self.items if i.why]

    @property
    def plain(self) -> Cell:
        """The value without its remarks."""
        return replace(self, items=[i for i in self.items if not i.why])

    @property
    def empty(self) -> bool:
        """True when there is nothing to show (an unrated rating still says so)."""
        return not self.items and self.html is None and self.rating is None


@lru_cache(maxsize=4096)
def markdown_html(text: str) -> Markup:
    """Render contributor Markdown and keep only an allow-list of tags, attributes and
    URL schemes, so no description can carry script. A relative link loses its address (the
    text stays): the same description shows in tables, entry, compare and embed pages at
    different depths, so no relative address could be right on all of them."""
    html = md.markdown(text, extensions=["tables"], output_format="html")
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel=REL,
        url_relative="deny",
    )
    return Markup(clean)


def _url_text(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    return (parts.hostname or url) + (path if len(path) <= 40 else path[:39] + "…")


def _object_item(value: BaseModel) -> Item:
    data = {k: getattr(value, k) for k in type(value).model_fields}
    if "url" in data:
        note = f"accessed {data['accessed'].isoformat()}" if data.get("accessed") else None
        return Item(str(data.get("title") or data["url"]), data["url"], True, note)
    parts = [v.label if isinstance(v, Term) else str(v) for v in data.values() if v is not None]
    return Item(": ".join(parts))


def _item(kb: KnowledgeBase, spec: FieldSpec, value: Any, linker: Linker) -> Item:
    if spec.kind is Kind.REF and spec.ref:
        target = kb.get(spec.ref, value)
        return Item(target.name if target else value, linker.entry(spec.ref, value))
    if isinstance(value, Term):
        return Item(value.label)
    if isinstance(value, bool):
        return Item("Yes" if value else "No")
    if isinstance(value, int | float):
        return Item(format_number(value, spec.display))
    if isinstance(value, BaseModel):
        return _object_item(value)
    if spec.kind is Kind.URL:
        return Item(_url_text(value), value, True, address=True)
    if hasattr(value, "isoformat"):
        return Item(value.isoformat())
    return Item(str(value))


def _sort_key(spec: FieldSpec, values: list[Any], items: list[Item]) -> str:
    if not values:
        return ""  # empty cells sort last either way
    first = values[0]
    if spec.kind is Kind.ORDINAL and isinstance(first, Term) and first.rank is not None:
        return str(first.rank)
    if spec.kind is Kind.NUMBER and not spec.many:
        return repr(first)
    if spec.kind is Kind.BOOL:
        return "1" if first else "0"
    return " ".join(i.text for i in items if not i.badge).lower()


def cell(kb: KnowledgeBase, catalog: str, entry: Entry, spec: FieldSpec, linker: Linker) -> Cell:
    """The value of ``spec`` in ``entry`` (of ``catalog``) as readers see it; the name
    links to the entry's page."""
    value = getattr(entry, spec.name)
    if spec.kind is Kind.MARKDOWN and value:
        return Cell(spec.name, html=markdown_html(value), sort=value.lower()[:200])
    if isinstance(value, Rating) and spec.vocab is not None:
        return _rating_cell(catalog, entry, spec, value, linker)
    values = spec.values(entry)
    items = [_item(kb, spec, v, linker) for v in values]
    if spec.name == "name":
        own = Item(str(value), linker.entry(catalog, entry.id))
        items = [own, *_status(kb, catalog, entry, linker)]
    remark = entry.remarks().get(spec.name)
    if remark is not None and items:
        items.append(Item(remark.text, badge=True, why=remark.why))
    bullets = spec.many and spec.kind in (Kind.OBJECT, Kind.TEXT)  # sentences read as a list
    found = Cell(
        spec.name, items, spec.many and not bullets, bullets, None, _sort_key(spec, values, items)
    )
    if items:
        return found
    if spec.applies is not None and not spec.applicable(entry):
        return replace(found, missing="n/a", why=f"Not applicable: {spec.applies.reason}")
    return replace(found, missing="not given", why="No source read for this entry gives it")


def retired(entry: Entry) -> str | None:
    """What every mention of a product no longer offered says beside its name
    ("superseded", "discontinued"); None for an active one."""
    return None if entry.status is ACTIVE else entry.status.label.lower()


def _status(kb: KnowledgeBase, catalog: str, entry: Entry, linker: Linker) -> list[Item]:
    """A retired product says so beside its name, with a link to what replaced it; an entry
    resting only on seed sources is flagged too, in the site's words (its row also matches a
    search for them)."""
    state = retired(entry)
    if state is None:
        return [Item(wording().seed_mark, badge=True)] if entry.seed_only else []
    successor = kb.get(catalog, entry.successor) if entry.successor else None
    if successor is None:
        return [Item(state, badge=True)]
    text = f"{state} by {successor.name}"
    return [Item(text, linker.entry(catalog, successor.id), badge=True)]


def rating_anchor(field: str) -> str:
    """The id of a rating's basis on its entry page."""
    return f"rating-{field}"


def _reason(basis: str) -> str:
    """An unrated criterion's basis without the "Not rated:" that contributors write first:
    the cell already says "not rated" beside it."""
    head, sep, rest = basis.partition(":")
    if sep and head.strip().lower() == "not rated" and rest.strip():
        rest = rest.strip()
        return rest[:1].upper() + rest[1:]
    return basis


def rule_href(catalog: str, linker: Linker) -> str | None:
    """Where a catalog's rating rules are published (its concept page's method section)."""
    method = CATALOGS[catalog].rating_method
    return f"{linker.page(method[0])}#{method[1]}" if method else None


def _rating_cell(
    catalog: str, entry: Entry, spec: FieldSpec, value: Rating[Any], linker: Linker
) -> Cell:
    level = value.rating
    top = max((m.rank or 0) for m in spec.vocab or ())
    # Only a derived level names the facts it used (most ratings are read from a source).
    labels = {s.name: s.label for s in model_specs(type(entry))} if value.derived else {}
    view = RatingView(
        label=level.label if level is not None else None,
        rank=level.rank if level is not None else None,
        top=top,
        pips=spec.goodness(level.rank) if level is not None and level.rank else None,
        basis=_reason(value.basis) if level is None else value.basis,
        source=value.source,
        href=f"{linker.entry(catalog, entry.id)}#{rating_anchor(spec.name)}",
        derived_from=tuple(labels.get(f, f) for f in value.derived_from),
        rule_href=rule_href(catalog, linker) if value.derived else None,
        derived=value.derived,
    )
    # An unrated criterion sorts last (empty sort key), like any missing value.
    return Cell(spec.name, sort=str(view.rank) if view.rank else "", rating=view)
