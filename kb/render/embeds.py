"""Catalog data inside hand-written pages: ``{{< kb-table catalog="..." >}}`` directives.

A page's Markdown gets a placeholder token for each directive; once Markdown has run, the
tokens are swapped for the rendered HTML. Markdown never sees (or mangles) the HTML, and
directives inside fenced code blocks or code spans are left alone so the syntax can be
documented. Every mistake is reported as ``page.md:LINE: message``.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from kb.data.catalog import KnowledgeBase
from kb.data.introspect import Kind, specs_by_name
from kb.data.messages import suggest
from kb.data.models import CATALOGS
from kb.render import diagrams, widgets
from kb.render.table import CatalogTable, Rules, allowed_values
from kb.render.urls import Linker

DIRECTIVE = re.compile(r"\{\{<\s*(?P<body>.*?)\s*>\}\}")
_ATTR = re.compile(r'([a-z_]+)="([^"]*)"')
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")

# Directive -> (required attributes, optional attributes, stands alone on its line).
SYNTAX: dict[str, tuple[set[str], set[str], bool]] = {
    "kb-table": ({"catalog"}, {"columns", "sort", "filter"}, True),
    "kb-entry": ({"catalog", "id"}, set(), True),
    "kb-link": ({"catalog", "id"}, {"text"}, False),
    "kb-list": ({"catalog"}, {"filter"}, True),
    "kb-count": ({"catalog"}, {"filter"}, False),
    "kb-matrix": ({"catalog", "fields"}, set(), True),
    "kb-rank": ({"catalog", "criteria"}, set(), True),
    "kb-catalogs": (set(), set(), True),
    "kb-recent": (set(), {"count"}, True),
    "kb-fields": ({"catalog"}, set(), True),
    "kb-limits": (set(), set(), True),
    "kb-rules": ({"catalog"}, set(), True),
    "kb-diagram": ({"kind"}, set(), True),
}


class EmbedError(Exception):
    """One or more broken directives; each line reads ``page.md:LINE: message``."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class _Bad(Exception):
    """A directive's mistake (its page and line are added by the caller)."""


@dataclass
class Expansion:
    """A page's Markdown with placeholders, and the HTML each placeholder stands for."""

    markdown: str
    blocks: dict[str, Markup] = field(default_factory=dict)
    inline: dict[str, Markup] = field(default_factory=dict)

    def apply(self, html: str) -> str:
        """Put the rendered fragments in place of their placeholders in the page's HTML."""
        for token, fragment in self.blocks.items():
            html = html.replace(f"<p>{token}</p>", fragment).replace(token, fragment)
        for token, fragment in self.inline.items():
            html = html.replace(token, fragment)
        return html


def _suggest(word: str, choices: list[str]) -> str:
    return suggest(word, choices) or f" (known: {', '.join(choices)})"


def _catalog(attrs: dict[str, str]) -> str:
    name = attrs["catalog"]
    if name not in CATALOGS:
        raise _Bad(f"unknown catalog '{name}'{_suggest(name, list(CATALOGS))}")
    return name


def _field(catalog: str, name: str, what: str = "field") -> str:
    specs = specs_by_name(catalog)
    if name not in specs:
        raise _Bad(f"{catalog} has no {what} '{name}'{_suggest(name, list(specs))}")
    return name


def _filter(kb: KnowledgeBase, catalog: str, text: str) -> Rules:
    rules = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, sep, values = part.partition("=")
        spec = specs_by_name(catalog).get(_field(catalog, name.strip()))
        if not sep or spec is None or not spec.facet:
            raise _Bad(f"filter '{part}': write field=value[,value] with an enumerated field")
        allowed = allowed_values(kb, spec)
        chosen = tuple(v.strip() for v in values.split(",") if v.strip())
        for value in chosen:
            if value not in allowed:
                raise _Bad(f"filter: '{value}' is not a value of {name}{_suggest(value, allowed)}")
        rules.append((name.strip(), chosen))
    return tuple(rules)


def _entry_id(kb: KnowledgeBase, catalog: str, entry_id: str) -> str:
    if entry_id not in kb.entries[catalog]:
        raise _Bad(
            f"{catalog} has no entry '{entry_id}'{_suggest(entry_id, sorted(kb.entries[catalog]))}"
        )
    return entry_id


def _chosen(kb: KnowledgeBase, a: dict[str, str]) -> CatalogTable:
    """The catalog's table narrowed by the directive's ``filter``."""
    catalog = _catalog(a)
    rules = _filter(kb, catalog, a.get("filter", ""))
    return CatalogTable.from_catalog(kb, catalog).filtered(rules)


def _table(kb: KnowledgeBase, a: dict[str, str], linker: Linker) -> Markup:
    table = _chosen(kb, a)
    columns = tuple(
        _field(table.catalog, c.strip(), "column")
        for c in a.get("columns", "").split(",")
        if c.strip()
    )
    sort = a.get("sort", "")
    if sort:
        _field(table.catalog, sort.lstrip("-"))
    return table.with_columns(columns).sorted(sort).as_html(linker)


def _rank(kb: KnowledgeBase, a: dict[str, str], linker: Linker) -> Markup:
    catalog = _catalog(a)
    criteria = []
    for part in a["criteria"].split(","):
        bits = part.split(":")
        if len(bits) != 3 or bits[1] not in ("low", "high"):
            raise _Bad(f"criterion '{part}': write field:low|high:Label")
        spec = specs_by_name(catalog)[_field(catalog, bits[0])]
        if spec.kind is not Kind.ORDINAL:
            raise _Bad(f"criterion '{bits[0]}' is not a ranked field (low/average/high...)")
        criteria.append((bits[0], bits[1], bits[2]))
    return widgets.rank(kb, catalog, criteria, linker)


def _matrix(kb: KnowledgeBase, a: dict[str, str], linker: Linker) -> Markup:
    catalog = _catalog(a)
    names = [_field(catalog, n.strip()) for n in a["fields"].split(",") if n.strip()]
    vocabs = {specs_by_name(catalog)[n].vocab for n in names}
    if not names or len(vocabs) != 1 or None in vocabs:
        raise _Bad("matrix fields must be lists of values from one vocabulary")
    return widgets.matrix(kb, catalog, names, linker)


def _diagram(kb: KnowledgeBase, a: dict[str, str], linker: Linker) -> Markup:
    kind = a["kind"]
    if kind not in diagrams.KINDS:
        raise _Bad(f"kb-diagram: unknown kind '{kind}'{_suggest(kind, list(diagrams.KINDS))}")
    if not diagrams.has_diagrams():
        raise _Bad("kb-diagram: this site's definitions name no DIAGRAMS file")
    return diagrams.diagram(kb, kind, linker)


def _count(kb: KnowledgeBase, a: dict[str, str], linker: Linker) -> Markup:
    return Markup(str(_chosen(kb, a).count))


def _recent(kb: KnowledgeBase, a: dict[str, str], linker: Linker) -> Markup:
    count = a.get("count", "8")
    if not count.isdigit() or not 0 < int(count) <= 100:
        raise _Bad(f"count '{count}' must be a whole number from 1 to 100")
    return widgets.recent(kb, int(count), linker)


_Renderer = Callable[[KnowledgeBase, dict[str, str], Linker], Markup]
RENDERERS: dict[str, _Renderer] = {
    "kb-table": _table,
    "kb-entry": lambda kb, a, ln: widgets.entry_card(
        kb, _catalog(a), kb.entries[a["catalog"]][_entry_id(kb, _catalog(a), a["id"])], ln
    ),
    "kb-link": lambda kb, a, ln: widgets.link(
        kb, _catalog(a), _entry_id(kb, _catalog(a), a["id"]), ln, a.get("text", "")
    ),
    "kb-list": lambda kb, a, ln: widgets.entry_list(kb, _chosen(kb, a), ln),
    "kb-count": _count,
    "kb-matrix": _matrix,
    "kb-rank": _rank,
    "kb-catalogs": lambda kb, a, ln: widgets.catalogs(kb, ln),
    "kb-recent": _recent,
    "kb-fields": lambda kb, a, ln: widgets.field_reference(kb, _catalog(a)),
    "kb-limits": lambda kb, a, ln: widgets.limits(),
    "kb-rules": lambda kb, a, ln: widgets.rules(_catalog(a)),
    "kb-diagram": _diagram,
}


def _parse(body: str) -> tuple[str, dict[str, str], bool]:
    name, _, rest = body.partition(" ")
    if name not in SYNTAX:
        raise _Bad(f"unknown directive '{name}'{_suggest(name, list(SYNTAX))}")
    required, optional, block = SYNTAX[name]
    attrs = dict(_ATTR.findall(rest))
    if _ATTR.sub("", rest).strip():
        raise _Bad(f"{name}: attributes must read name=\"value\" (got '{rest.strip()}')")
    for key in attrs:
        if key not in required | optional:
            raise _Bad(
                f"{name}: unknown attribute '{key}'{_suggest(key, sorted(required | optional))}"
            )
    for key in sorted(required - attrs.keys()):
        raise _Bad(f'{name}: missing attribute {key}="..."')
    return name, attrs, block


def _one(kb: KnowledgeBase, m: re.Match[str], line: str, linker: Linker) -> tuple[Markup, bool]:
    name, attrs, block = _parse(m.group("body"))
    if block and line.strip() != m.group(0):
        raise _Bad(f"{name} must stand alone on its own line")
    return RENDERERS[name](kb, attrs, linker), block


def expand(
    kb: KnowledgeBase, markdown: str, page: str, linker: Linker, *, first_line: int = 1
) -> Expansion:
    """Replace every directive of a page by a placeholder; raise EmbedError listing every
    broken directive with ``page:line`` (``first_line``: the file's line the text starts on,
    after any front matter)."""
    out = Expansion("")
    nonce = secrets.token_hex(4).upper()
    lines, errors, fence = markdown.split("\n"), [], ""
    for number, line in enumerate(lines, start=1):
        shown = number + first_line - 1
        opened = _FENCE.match(line)
        if opened and (not fence or opened.group(1).startswith(fence)):
            fence = "" if fence else opened.group(1)
            continue
        if fence or "{{<" not in line:
            continue
        spans = [m.span() for m in _CODE_SPAN.finditer(line)]
        pieces, end = [], 0
        for m in DIRECTIVE.finditer(line):
            if any(a <= m.start() < b for a, b in spans):
                continue
            try:
                fragment, block = _one(kb, m, line, linker)
            except _Bad as err:
                errors.append(f"{page}:{shown}: {err}")
                continue
            token = f"KBEMBED{nonce}N{len(out.blocks) + len(out.inline)}Z"
            (out.blocks if block else out.inline)[token] = fragment
            pieces += [line[end : m.start()], f"\n\n{token}\n\n" if block else token]
            end = m.end()
        lines[number - 1] = "".join(pieces) + line[end:]
    if errors:
        raise EmbedError(errors)
    out.markdown = "\n".join(lines)
    return out
