"""The ``kb`` MkDocs plugin: each hook hands MkDocs' objects to the engine-neutral core
(load and validate, generated pages, embeds, staged build) and puts the results back."""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from kb.data.catalog import KnowledgeBase
from kb.data.definitions import DefinitionError, link_pages, use
from kb.data.problems import format_problems, one_line
from kb.engines import markdown as kb_markdown
from kb.engines.pagemeta import page_meta
from kb.engines.plugin.config import KnowledgeBaseConfig
from kb.engines.plugin.htmlpage import HtmlPage
from kb.engines.plugin.incremental import Incremental
from kb.engines.plugin.paths import (
    docs_path,
    edit_url_maker,
    inclusion,
    linked,
    project_dir,
    repo_relative,
)
from kb.engines.plugin.search import SearchView, search_view
from kb.engines.plugin.searchcache import SearchCache
from kb.engines.plugin.themecache import ThemeCache
from kb.engines.sitebuild import StagedBuild
from kb.outputs import pages as site_pages
from kb.render.embeds import EmbedError
from kb.render.urls import Linker

log = logging.getLogger("mkdocs.plugins.kb")
# Shipped with the package; contract.js is generated (kb.outputs.pages.files) and loads first.
ASSETS = site_pages.ASSETS
STYLES = site_pages.STYLES
SCRIPTS = site_pages.SCRIPTS
# Far below MkDocs' "last" (-100): the swap must follow every other plugin's post-build step.
LAST = -1_000_000
# Around the search plugin's on_page_context (default priority 0): what it reads is cut
# just before it and put back right after it.
SEARCH_BEFORE = 1
SEARCH_AFTER = -1


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    """Validates the catalogs and generates their pages, downloads and schemas."""

    def __init__(self) -> None:
        self.command = "build"
        self.kb: KnowledgeBase | None = None
        self.generated: dict[str, site_pages.GeneratedPage] = {}
        self.staged: StagedBuild | None = None
        self.search_views: dict[str, SearchView] = {}
        self.incremental = Incremental()
        self.site_paths: set[str] | None = None  # what links may point to, once per build
        self.theme_cache = ThemeCache()  # serve only: themed pages kept across rebuilds
        self.search_cache = SearchCache()  # serve only: search entries kept across rebuilds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember the command: only ``mkdocs build`` builds into a staging folder."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add the table stylesheet and scripts to every page; for ``build``, redirect the
        output into a staging folder (``serve`` builds into a temporary folder of its own,
        and ``gh-deploy`` pushes from site_dir after the build, which must stay where it is).
        Hand-written pages' directives are expanded by the Markdown extension
        ``kb.engines.markdown``, the same code that expands them under engines that run no
        MkDocs plugin."""
        try:
            use(self.config.definitions, project_dir(config))
        except DefinitionError as exc:
            raise PluginError(f"kb: {exc}") from None
        _append_once(config.markdown_extensions, "kb.engines.markdown")
        for name in STYLES:
            _append_once(config.extra_css, f"assets/kb/{name}")
        for name in SCRIPTS:
            _append_once(config.extra_javascript, f"assets/kb/{name}")
        if self.config.stage and self.command == "build":
            self.staged = StagedBuild.begin(Path(config.site_dir))
            config.site_dir = str(self.staged.staging)
            self.staged.trap_signals()
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Drop every symbolically linked file of docs_dir (a warning each: strict builds
        fail); load and validate the catalogs (any problem stops the build, listed at
        file:line:col); add every generated page, download, schema and asset as a file."""
        _drop_links(files, config)
        kb = self._load_catalogs(project_dir(config) / self.config.catalog_dir)
        self.kb = kb
        self.generated = {}
        self.site_paths = None

        def exists(src: str) -> bool:
            return files.get_file_from_path(src) is not None

        for missing in link_pages(exists):
            log.info(f"kb: no page {missing} in docs/: the ratings it explains are not linked")
        contributing = site_pages.linkable(self.config.contributing, exists)
        signature = _site_signature(config, contributing)
        self.incremental.begin(kb, signature, rows=self.command == "serve")  # rows: see begin
        for page in site_pages.pages(kb, contributing, edit_url_maker(config)):
            if exists(page.src):
                continue  # a hand-written page in docs/ takes precedence
            self.generated[page.src] = page
            file = File.generated(config, page.src, content="", inclusion=inclusion(page.src))
            file.edit_uri = repo_relative(config, page.yaml_path)
            files.append(file)
            if file.inclusion.is_not_in_nav():
                HtmlPage(file, config)  # no Markdown to render (see kb.engines.plugin.htmlpage)
        site = site_pages.Site(config.site_name, config.site_url, config.use_directory_urls)
        made = self.incremental.files(lambda: site_pages.files(kb, site), site)
        for path, content in made.items():
            files.append(File.generated(config, path, content=content))
        for name in ASSETS:
            source = resources.files("kb").joinpath("assets", name)
            files.append(File.generated(config, f"assets/kb/{name}", content=source.read_bytes()))
        return files

    def _load_catalogs(self, root: Path) -> KnowledgeBase:
        """Load and validate the catalogs, reading again only the files changed since the
        last build. Any problem stops the build, listed at file:line:col; except while
        serving a site already built once: then the problems are logged as errors and the
        build goes on with the last catalogs that had none, so the server keeps serving
        the last good site until the file is fixed."""
        kb = self.incremental.load(root)
        if not kb.problems:
            self.incremental.last_good = kb
            return kb
        lines = format_problems(kb.problems, "text")
        last_good = self.incremental.last_good
        if self.command != "serve" or last_good is None:
            raise PluginError(f"the catalogs have {len(kb.problems)} problem(s):\n{lines}")
        log.error(
            f"kb: the catalogs have {len(kb.problems)} problem(s); the site keeps showing "
            f"them as they were before the edit:\n{lines}"
        )
        return last_good

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """A generated page gets its title and layout here (its HTML comes in
        ``on_page_content``); a hand-written page's ``{{< kb-… >}}`` directives are expanded
        now, for the ``kb.engines.markdown`` extension to put in place, or the build stops with
        ``page.md:LINE: message``."""
        assert self.kb is not None
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            page.meta.update(page_meta(generated))
            return ""
        linker = Linker(page.url, config.use_directory_urls)
        source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
        context = kb_markdown.PageContext(linker, docs_path(config, page), source, self.kb)
        try:
            kb_markdown.prepare(context, markdown)
        except EmbedError as err:
            raise PluginError(str(err)) from None
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The HTML of a generated page; a hand-written page's as Markdown made it."""
        src = page.file.src_uri
        generated = self.generated.get(src)
        if generated is None:
            return html
        out = self.incremental.html(generated, Linker(page.url, config.use_directory_urls))
        for link in self.incremental.broken_links(src, out, page.url, self._paths(files)):
            # A warning like MkDocs' own for a hand-written page: --strict fails the build.
            log.warning(
                f"kb: the generated page '{src}' links to '{one_line(link)}', "
                "which is not in the site"
            )
        return out

    def _paths(self, files: Files) -> set[str]:
        if self.site_paths is None:
            self.site_paths = _site_paths(files)
        return self.site_paths

    @event_priority(SEARCH_BEFORE)
    def _hide_from_search(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Before the search plugin reads the page: hand it the page without the elements
        marked ``data-search-exclude`` (see :mod:`kb.engines.plugin.search`)."""
        generated = page.file.src_uri in self.generated
        if self.command == "serve":
            view = self.search_cache.view(page.file.src_uri, page.content or "", generated)
        else:
            view = search_view(page.content or "", generated)
        if view is not None:
            self.search_views[page.file.src_uri] = view
            page.content = view.light
        return context

    @event_priority(SEARCH_AFTER)
    def _show_after_search(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        """After the search plugin (and before the theme renders the page): put the cut
        elements back."""
        view = self.search_views.pop(page.file.src_uri, None)
        if view is not None and page.content is not None:
            page.content = view.restore(page.content)
        return context

    on_page_context = CombinedEvent(_hide_from_search, _show_after_search)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """While serving, keep what MkDocs would make again for unchanged pages: their
        themed HTML and search entries (see :mod:`kb.engines.plugin.themecache`)."""
        if self.command == "serve":
            self.theme_cache.attach(env, config)
            self.search_cache.attach(config)
        return env

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild when a catalog file changes, not only a page."""
        server.watch(str(project_dir(config) / self.config.catalog_dir))
        return server

    @event_priority(LAST)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Swap the staged site in, unless strict mode will fail the build: MkDocs counts
        warnings and aborts only after this event, and a site with warnings must not
        replace the previous one. Runs after every other plugin's ``on_post_build``
        (whatever the order of ``plugins:``), which may still write into the site (the
        search index) or warn."""
        if self.command == "serve":
            self.theme_cache.finish(config)
        if self.staged is None:
            return
        failed = config.strict and any(
            h.get_counts()
            for h in logging.getLogger("mkdocs").handlers
            if isinstance(h, CountHandler)
        )
        self._finish(not failed)

    def on_build_error(self, *, error: Exception) -> None:
        """Drop the half-written staged site; the previous one stays."""
        self._finish(False)

    def _finish(self, succeeded: bool) -> None:
        if self.staged is not None:
            self.staged.finish(succeeded)
            if succeeded:
                log.info(f"kb: the new site replaced {self.staged.final}")
            self.staged = None


def _site_signature(config: MkDocsConfig, contributing: str | None) -> tuple[object, ...]:
    """The site settings generated pages and files are made with (besides the data)."""
    return (
        config.site_name,
        config.site_url,
        config.use_directory_urls,
        config.repo_url,
        config.edit_uri,
        config.docs_dir,
        contributing,
    )


def _append_once(target: Any, path: str) -> None:
    if path not in target:
        target.append(path)


def _drop_links(files: Files, config: MkDocsConfig) -> None:
    """Remove linked docs files from the build: MkDocs would copy or render whatever they
    point at, also a file outside the repository. An excluded file is dropped quietly."""
    for file in list(files):
        link = linked(config, file)
        if link is None:
            continue
        files.remove(file)
        if not file.inclusion.is_excluded():
            base = project_dir(config)
            shown = os.path.relpath(Path(config.docs_dir) / file.src_uri, base)
            if link != Path(config.docs_dir) / file.src_uri:
                shown += f": in a linked folder ({os.path.relpath(link, base)})"
            else:
                shown += ": a symbolic link"
            log.warning(f"kb: {one_line(shown)}; not published (commit the file, not a link)")


def _site_paths(files: Files) -> set[str]:
    """Every path the built site will have: each file's URL and its output path."""
    paths: set[str] = set()
    for file in files:
        paths.add(file.url)
        paths.add(file.dest_uri)
    return paths
