"""The MkDocs adapter: feeds the engine-neutral core (load, validate, render) into a build.

Everything MkDocs-specific lives here; the rest of ``kb`` never imports MkDocs.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import signal
from importlib import resources
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from kb import pages as site_pages
from kb.catalog import KnowledgeBase
from kb.embeds import EmbedError, Expansion, expand
from kb.loader import load
from kb.problems import format_problems
from kb.sitebuild import StagedBuild
from kb.urls import Linker

log = logging.getLogger("mkdocs.plugins.kb")
ASSETS = site_pages.ASSETS


class KnowledgeBaseConfig(Config):
    """Options of the ``kb`` plugin in ``mkdocs.yml``."""

    catalog_dir = opt.Type(str, default="catalog")
    """Folder of the catalogs, relative to mkdocs.yml."""
    contributing = opt.Type(str, default="contributing.md")
    """The page (in docs/) that explains how to add or fix an entry."""
    stage = opt.Type(bool, default=True)
    """Build into a hidden sibling folder and swap it in only when the build succeeds."""


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    """Validates the catalogs and generates their pages, downloads and schemas."""

    def __init__(self) -> None:
        self.command = "build"
        self.kb: KnowledgeBase | None = None
        self.generated: dict[str, site_pages.GeneratedPage] = {}
        self.expansions: dict[str, Expansion] = {}
        self.staged: StagedBuild | None = None
        self._previous_handlers: dict[int, Any] = {}

    # --- configuration -------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def _catalog_path(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path or ".").resolve().parent
        return base / self.config.catalog_dir

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if f"assets/kb/{name}" not in target:
                target.append(f"assets/kb/{name}")
        # Only for `mkdocs build`: `serve` builds into a temporary folder of its own, and
        # `gh-deploy` pushes from site_dir after the build, which must stay where it is.
        if self.config.stage and self.command == "build":
            self.staged = StagedBuild.begin(Path(config.site_dir))
            config.site_dir = str(self.staged.staging)
            self._trap_signals()
        return config

    # --- files ---------------------------------------------------------------------------
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        kb = load(self._catalog_path(config))
        if kb.problems:
            lines = format_problems(kb.problems, "text")
            raise PluginError(f"the catalogs have {len(kb.problems)} problem(s):\n{lines}")
        self.kb = kb
        edit = _edit_path(config)
        self.generated = {}
        for page in site_pages.pages(kb, self.config.contributing, edit):
            if files.get_file_from_path(page.src) is not None:
                continue  # a hand-written page in docs/ takes precedence
            self.generated[page.src] = page
            file = File.generated(config, page.src, content="", inclusion=_inclusion(page.src))
            file.edit_uri = _repo_relative(config, page.yaml_path)
            files.append(file)
        site = site_pages.Site(config.site_name, config.site_url, config.use_directory_urls)
        for path, content in site_pages.files(kb, site).items():
            files.append(File.generated(config, path, content=content))
        for name in ASSETS:
            source = resources.files("kb").joinpath("assets", name)
            files.append(File.generated(config, f"assets/kb/{name}", content=source.read_bytes()))
        return files

    # --- pages ---------------------------------------------------------------------------
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        assert self.kb is not None
        linker = Linker(page.url, config.use_directory_urls)
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            # The title reaches Material's templates unescaped: escape it here.
            page.meta["title"] = html.escape(generated.title)
            page.meta["hide"] = ["toc"]  # the tables need the width more than an empty sidebar
            if generated.src.endswith("/compare.md"):
                # Every entry again, side by side: search results would only repeat them.
                page.meta["search"] = {"exclude": True}
            self.expansions[page.file.src_uri] = Expansion("", {"KBPAGE": generated.html(linker)})
            return "KBPAGE"
        try:
            expansion = expand(self.kb, markdown, _docs_path(config, page), linker)
        except EmbedError as err:
            raise PluginError(str(err)) from None
        self.expansions[page.file.src_uri] = expansion
        return expansion.markdown

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        expansion = self.expansions.pop(page.file.src_uri, None)
        return expansion.apply(html) if expansion else html

    # --- serving and finishing -----------------------------------------------------------
    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.watch(str(self._catalog_path(config)))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.staged is None:
            return
        # Strict mode counts warnings and aborts only after this event: a site with
        # warnings must not replace the previous one.
        failed = config.strict and any(
            h.get_counts() for h in logging.getLogger("mkdocs").handlers
            if isinstance(h, CountHandler)
        )
        self._finish(not failed)

    def on_build_error(self, *, error: Exception) -> None:
        self._finish(False)

    def _finish(self, succeeded: bool) -> None:
        if self.staged is not None:
            self.staged.finish(succeeded)
            if succeeded:
                log.info(f"kb: the new site replaced {self.staged.final}")
            self.staged = None
        for signum, handler in self._previous_handlers.items():
            signal.signal(signum, handler)
        self._previous_handlers = {}

    def _trap_signals(self) -> None:
        """Ctrl-C or a kill during a build drops the half-written site and exits quietly."""

        def stop(signum: int, frame: FrameType | None) -> None:
            self._finish(False)
            raise SystemExit(128 + signum)

        for signum in (signal.SIGINT, signal.SIGTERM):
            self._previous_handlers[signum] = signal.signal(signum, stop)


def _inclusion(src: str) -> InclusionLevel:
    # Entry and compare pages stay out of the navigation: a nav listing every entry would
    # be rendered into every page (quadratic size and time). Catalog pages are in the nav.
    return InclusionLevel.INCLUDED if src.endswith("/index.md") else InclusionLevel.NOT_IN_NAV


def _docs_path(config: MkDocsConfig, page: Page) -> str:
    """The page's source path as a contributor sees it (e.g. ``docs/concepts/x.md``)."""
    base = Path(config.config_file_path or ".").resolve().parent
    full = Path(config.docs_dir) / page.file.src_uri
    try:
        return os.path.relpath(full, base)
    except ValueError:
        return str(full)


def _repo_relative(config: MkDocsConfig, path: Path | None) -> str | None:
    """``edit_uri`` of an entry page: its YAML file, relative to docs_dir (``../catalog/…``),
    so MkDocs and Material point "edit" at the data rather than at a page that is not there."""
    if path is None:
        return None
    return Path(os.path.relpath(path, config.docs_dir)).as_posix()


def _edit_path(config: MkDocsConfig) -> Any:
    def edit_url(path: Path) -> str | None:
        if not config.edit_uri:
            return None
        full = config.edit_uri + (_repo_relative(config, path) or "")
        if config.repo_url:
            repo = config.repo_url if config.repo_url.endswith("/") else config.repo_url + "/"
            full = urljoin(repo, full)
        parts = urlsplit(full)
        # "edit/main/docs/../catalog/x.yml" -> "edit/main/catalog/x.yml"
        return urlunsplit(parts._replace(path=posixpath.normpath(parts.path)))

    return edit_url
