"""What ``mkdocs serve`` keeps of the theme between rebuilds: each page's themed HTML and
the compiled templates.

After a one-line edit MkDocs renders every page again through the theme's Jinja templates
(for 1,000 entries, about half of a rebuild), though only a few pages changed. The plugin
wraps ``render`` of the template a page is rendered with: when everything the template can
read (the page, the navigation, the site's settings, the other context values, and the
templates' sources) is as it was for this page in the last build, the last build's HTML is
returned; otherwise the page is rendered and kept. The events around the render
(``on_page_context``, ``on_post_page``) run as always.

MkDocs also makes a new Jinja environment for every build, which compiles every template
again; a bytecode cache kept by the plugin (keyed by Jinja on each template's source)
spares that.

Only while serving, and only with plugins whose effect on the context is known (the search
and ``kb``): another plugin might put into a page or the navigation something the
fingerprint does not see.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config.defaults import MkDocsConfig

from kb.engines.plugin.signature import Unkeyable, config_key, digest, nav_key, page_key, plain

log = logging.getLogger("mkdocs.plugins.kb")

# Plugins known to change nothing a template reads but a page's content (which is in the
# fingerprint): MkDocs' and Material's search, and this plugin.
KNOWN_PLUGINS = frozenset({"search", "material/search", "kb"})
# Context values that stand for the whole site: hashed once per build.
_SITE = ("config", "nav", "pages")
# A context value that changes with every build: in the fingerprint only when a template
# reads it (Material's do not).
_DATE = "build_date_utc"
_WRAPPED = "_kb_theme_cache"


class Templates(BytecodeCache):
    """Compiled templates, kept in memory across builds; and the name of every template
    loaded so far, so that the next build can check their sources."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self.names: set[str] = set()

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        self.names.add(name)
        return super().get_bucket(environment, name, filename, source)

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # Jinja drops it if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class ThemeCache:
    """Themed HTML of every page, under a fingerprint of what its template read."""

    def __init__(self) -> None:
        self.templates = Templates()
        self._pages: dict[str, tuple[bytes, str]] = {}  # page src -> (fingerprint, HTML)
        self._on = False
        self._env: jinja2.Environment | None = None
        self._sources: bytes | None = None  # of the templates the kept pages were made with
        self._reads_date = False
        self._site: tuple[tuple[int, ...], bytes] | None = None  # (ids of objects, hash)
        self.hits = 0
        self.rendered = 0

    def attach(self, env: jinja2.Environment, config: MkDocsConfig) -> None:
        """Start a build: use the kept compiled templates, fingerprint the templates' sources
        and wrap the templates pages are rendered with."""
        self._on = set(config.plugins) <= KNOWN_PLUGINS and not config.hooks
        self._site = None
        self.hits = self.rendered = 0
        env.bytecode_cache = self.templates
        self._env = env
        if _sources(env, config, self.templates.names)[0] != self._sources:
            self._pages.clear()  # a template changed: every page may look different
        original = env.get_template

        def get_template(name: Any, parent: Any = None, globals: Any = None) -> Any:
            template = original(name, parent, globals)
            # Without a parent: a page's (or a theme file's) own render, not an include.
            if parent is None and not hasattr(template, _WRAPPED):
                setattr(template, _WRAPPED, True)
                template.render = self._wrap(template.name, template.render)  # type: ignore[method-assign]
            return template

        env.get_template = get_template  # type: ignore[method-assign]

    def finish(self, config: MkDocsConfig) -> None:
        """End a build: fingerprint the sources of every template loaded so far (only now
        are they all known), which the next build compares with its own."""
        if self._env is not None:
            self._sources, self._reads_date = _sources(self._env, config, self.templates.names)
            self._env = None
        if self._on and self.hits:
            log.debug(f"kb: {self.hits} pages' HTML kept, {self.rendered} rendered")

    def _wrap(self, name: str | None, render: Callable[..., str]) -> Callable[..., str]:
        def cached(*args: Any, **kwargs: Any) -> str:
            context = dict(*args, **kwargs)
            page = context.get("page")
            if not self._on or page is None:
                return render(*args, **kwargs)
            try:
                key = self._key(name, context)
            except Unkeyable as exc:
                log.debug(f"kb: {page.file.src_uri} rendered without cache: {exc}")
                return render(*args, **kwargs)
            kept = self._pages.get(page.file.src_uri)
            if kept is not None and kept[0] == key:
                self.hits += 1
                return kept[1]
            html = render(*args, **kwargs)
            self.rendered += 1
            self._pages[page.file.src_uri] = (key, html)
            return html

        return cached

    def _key(self, name: str | None, context: dict[str, Any]) -> bytes:
        site = tuple(id(context.get(k)) for k in _SITE)
        if self._site is None or self._site[0] != site:
            pages = context.get("pages") or ()
            whole = (
                config_key(context["config"]),
                nav_key(context["nav"]) if context.get("nav") is not None else None,
                tuple((f.src_uri, f.url) for f in pages),
            )
            self._site = (site, digest(whole))
        others = tuple(
            (k, plain(v))
            for k, v in sorted(context.items())
            if k not in _SITE and k != "page" and (k != _DATE or self._reads_date)
        )
        return digest((self._site[1], name, page_key(context["page"]), others))


def _sources(env: jinja2.Environment, config: MkDocsConfig, names: set[str]) -> tuple[bytes, bool]:
    """A hash of the sources of every template loaded so far (as the loader finds them now)
    and of the files of the project's own template folders (``custom_dir``: a file added
    there may replace one of the theme's); and whether a template reads the build date."""
    assert env.loader is not None
    sources: list[tuple[str, str | None]] = []
    for name in sorted(names):
        try:
            sources.append((name, env.loader.get_source(env, name)[0]))
        except jinja2.TemplateNotFound:
            sources.append((name, None))
    project = Path(config.config_file_path or ".").resolve().parent
    listing: list[tuple[str, int, int]] = []
    for folder in config.theme.dirs:
        if not Path(folder).resolve().is_relative_to(project):
            continue  # an installed theme: its files change only with a new process
        for root, _dirs, files in os.walk(folder):
            for file in files:
                stat = os.stat(os.path.join(root, file))
                listing.append((os.path.join(root, file), stat.st_mtime_ns, stat.st_size))
    reads_date = any(_DATE in (source or "") for _name, source in sources)
    return digest((sources, sorted(listing))), reads_date
