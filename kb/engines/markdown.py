"""The Python-Markdown extension ``kb.engines.markdown``: catalog directives in hand-written pages.

Listed under ``markdown_extensions:``, it expands ``{{< kb-… >}}`` directives with
:func:`kb.render.embeds.expand` under any engine that renders pages with Python-Markdown (MkDocs,
ProperDocs, Zensical), so a page reads the same and a mistake reads ``docs/page.md:LINE:
message`` whichever engine builds it.

What it needs to know about the page being rendered (its URL, for relative links; its source
file, for error messages) comes from the MkDocs plugin (:func:`prepare`) or, under Zensical,
from the rendering context Zensical registers on every Markdown instance; plain
``markdown.markdown(text, extensions=["kb.engines.markdown"])`` renders as for the site's home page.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markupsafe import Markup

from kb.data.catalog import KnowledgeBase
from kb.data.definitions import DefinitionError, in_use, use
from kb.data.loader import load
from kb.data.problems import format_problems
from kb.render.embeds import EmbedError, Expansion, expand
from kb.render.urls import Linker

# MkDocs' and Zensical's front matter: a YAML block between '---' lines at the very top.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# Written by ``kb generate`` next to the pages it wrote: maps each copy to its original.
MANIFEST = ".kb-generate.json"


def body_start(text: str) -> tuple[str, int]:
    """A page's Markdown without its front matter, and the line of the file it starts on."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, 1
    rest = text[match.end() :]
    body = rest.lstrip("\n")
    return body, 1 + text[: len(text) - len(body)].count("\n")


@dataclass
class PageContext:
    """The page being rendered: its URL, how errors name it, and its source file."""

    linker: Linker  # links relative to the page's own URL
    shown: str  # e.g. "docs/concepts/x.md"
    source: Path | None = None
    kb: KnowledgeBase | None = None  # None: loaded from the extension's catalog_dir
    # Set when the engine resolves every relative href and src against the folder of the
    # page's source file (Zensical), rather than leaving them as written: the source path.
    links_from: str | None = None
    prepared: tuple[str, Expansion] | None = field(default=None, repr=False)

    def first_line(self, text: str) -> int:
        """The line of the source file on which ``text`` (the page body) begins."""
        if self.source is None:
            return 1
        try:
            body, first = body_start(self.source.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            return 1
        return first if body.rstrip() == text.rstrip() else 1


_plugin_page: PageContext | None = None  # set by the MkDocs plugin, one page at a time


def prepare(context: PageContext, markdown: str) -> None:
    """Expand a page's directives before MkDocs renders it (raising EmbedError, which the
    plugin reports as a build error); the extension then uses this expansion."""
    global _plugin_page
    _plugin_page = None
    expansion = _expand(context, markdown)
    context.prepared = (markdown, expansion)
    _plugin_page = context


def _expand(context: PageContext, text: str) -> Expansion:
    if context.prepared is not None and context.prepared[0] == text:
        return context.prepared[1]
    if "{{<" not in text:
        return Expansion(text)
    kb = context.kb
    if kb is None:
        raise EmbedError([f"{context.shown}: no catalogs loaded for its directives"])
    first = context.first_line(text)
    expansion = expand(kb, text, context.shown, context.linker, first_line=first)
    src = context.links_from
    if src is not None:
        url = context.linker.page_url
        for fragments in (expansion.blocks, expansion.inline):
            for token, html in fragments.items():
                fragments[token] = Markup(source_relative(html, url, src))
    return expansion


_LINK = re.compile(r'(?<=\s)(href|src)="([^"]*)"')
_NOSCRIPT = re.compile(r"(<noscript\b.*?</noscript>)", re.DOTALL | re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def source_relative(html: str, page_url: str, src: str) -> str:
    """Rewrite the relative links of ``html`` (relative to the page's URL) to be relative to
    the folder of its source file, so that an engine resolving them from there (Zensical
    adds one "../" on a page that is not an index, outside <noscript>) ends up with the links
    as rendered."""
    here, source_dir = page_url, posixpath.dirname(src)
    if not here.endswith("/") or here == (source_dir + "/" if source_dir else ""):
        return html

    def move(match: re.Match[str]) -> str:
        link = match.group(2)
        if not link or link[0] in "#?/" or _SCHEME.match(link):
            return match.group(0)
        cut = min((i for i in (link.find("?"), link.find("#")) if i >= 0), default=len(link))
        path, rest = link[:cut], link[cut:]
        target = posixpath.normpath(posixpath.join(here, path))
        moved = posixpath.relpath(target, source_dir or ".")
        if path.endswith("/") or moved == ".":
            moved = moved.rstrip("/") + "/"
        return f'{match.group(1)}="{moved}{rest}"'

    # Zensical leaves the content of <noscript> alone (it is text to an HTML parser).
    parts = _NOSCRIPT.split(html)
    return "".join(p if i % 2 else _LINK.sub(move, p) for i, p in enumerate(parts))


# --- catalogs loaded by the extension itself (Zensical) -----------------------------------

_lock = threading.Lock()
_loaded: dict[Path, tuple[tuple[tuple[str, int, int], ...], KnowledgeBase]] = {}


def _signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Every catalog file with its modification time and size: a change reloads them."""
    out = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            stat = os.stat(os.path.join(folder, name))
            out.append((os.path.join(folder, name), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(out))


def catalogs(root: Path) -> KnowledgeBase:
    """The catalogs under ``root``, loaded once and again only when a file changed."""
    root = root.resolve()
    with _lock:
        signature = _signature(root)
        cached = _loaded.get(root)
        if cached is not None and cached[0] == signature:
            return cached[1]
        kb = load(root)
        if kb.problems:
            lines = format_problems(kb.problems, "text")
            raise EmbedError([f"the catalogs have {len(kb.problems)} problem(s):", lines])
        _loaded[root] = (signature, kb)
        return kb


def _use(definitions: str, base: Path) -> None:
    """Put the site's catalog definitions in use (the MkDocs plugin already has)."""
    try:
        use(definitions, base)
    except DefinitionError as exc:
        raise EmbedError([str(exc)]) from None


def _zensical_context(md: Markdown, catalog_dir: str, definitions: str) -> PageContext | None:
    """The page Zensical is rendering, from the context it registers on ``md``."""
    if "rendering_context" not in md.preprocessors:
        return None
    holder: Any = md.preprocessors["rendering_context"]
    page: Any = holder.page
    config: dict[str, Any] = holder.config
    root = Path(config.get("root_dir") or ".").resolve()
    docs = (root / config.get("docs_dir", "docs")).resolve()
    source = docs / str(page.path)
    shown = _original(docs, str(page.path)) or os.path.relpath(source, root)
    linker = Linker(str(page.url or ""), bool(config.get("use_directory_urls", True)))
    _use(definitions, root)
    kb = catalogs(root / catalog_dir)
    return PageContext(linker, Path(shown).as_posix(), root / shown, kb, str(page.path))


def _original(docs: Path, path: str) -> str | None:
    """The hand-written file a copy made by ``kb generate`` came from, if it is one."""
    try:
        manifest = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    origin = manifest.get("copies", {}).get(path) if isinstance(manifest, dict) else None
    return origin if isinstance(origin, str) else None


# --- the extension -----------------------------------------------------------------------


class _Embeds(Preprocessor):
    """Replaces each directive by a placeholder (before any other Markdown processing)."""

    def __init__(self, md: Markdown, catalog_dir: str, definitions: str) -> None:
        super().__init__(md)
        self.catalog_dir = catalog_dir
        self.definitions = definitions
        self.expansion: Expansion | None = None

    def run(self, lines: list[str]) -> list[str]:
        self.expansion = None
        text = "\n".join(lines)
        context = _plugin_page
        if context is None or context.prepared is None or context.prepared[0] != text:
            if "{{<" not in text:
                return lines
            context = _zensical_context(self.md, self.catalog_dir, self.definitions) or context
        if context is None:  # plain Python-Markdown: links relative to the site's root
            if not in_use():  # a program that put its definitions in use already
                _use(self.definitions, Path.cwd())
            context = PageContext(Linker(""), "page", None, catalogs(Path(self.catalog_dir)))
        self.expansion = _expand(context, text)
        return self.expansion.markdown.split("\n")


class _Place(Postprocessor):
    """Puts the rendered HTML where the placeholders ended up."""

    def __init__(self, md: Markdown, embeds: _Embeds) -> None:
        super().__init__(md)
        self.embeds = embeds

    def run(self, text: str) -> str:
        expansion = self.embeds.expansion
        return expansion.apply(text) if expansion else text


class KnowledgeBaseExtension(Extension):
    """``kb.engines.markdown``: the catalogs' directives in any Python-Markdown page."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "catalog_dir": ["catalog", "catalog folder, relative to the config file"],
            "definitions": ["definitions", "the module defining the catalogs, beside the config"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        embeds = _Embeds(md, str(self.getConfig("catalog_dir")), str(self.getConfig("definitions")))
        # Before every other preprocessor: directives are found in the text as written.
        md.preprocessors.register(embeds, "kb_embeds", 1000)
        # After raw HTML is restored, so the fragments are never touched by Markdown.
        md.postprocessors.register(_Place(md, embeds), "kb_embeds", 5)


def makeExtension(**kwargs: Any) -> KnowledgeBaseExtension:
    """Python-Markdown's entry point for ``markdown_extensions: [kb.engines.markdown]``."""
    return KnowledgeBaseExtension(**kwargs)
