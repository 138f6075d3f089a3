"""Where MkDocs keeps things, as the core needs them: a page's source path as a contributor
sees it, an entry file relative to docs/, and the "edit this entry" URL of a YAML file."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page


def project_dir(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml."""
    return Path(config.config_file_path or ".").resolve().parent


def inclusion(src: str) -> InclusionLevel:
    """Catalog pages are in the navigation; entry and compare pages are not: a nav listing
    every entry would be rendered into every page (quadratic size and time)."""
    return InclusionLevel.INCLUDED if src.endswith("/index.md") else InclusionLevel.NOT_IN_NAV


def docs_path(config: MkDocsConfig, page: Page) -> str:
    """The page's source path as a contributor sees it (e.g. ``docs/concepts/x.md``)."""
    full = Path(config.docs_dir) / page.file.src_uri
    try:
        return os.path.relpath(full, project_dir(config))
    except ValueError:
        return str(full)


def repo_relative(config: MkDocsConfig, path: Path | None) -> str | None:
    """``edit_uri`` of an entry page: its YAML file, relative to docs_dir (``../catalog/…``),
    so MkDocs and Material point "edit" at the data rather than at a page that is not there."""
    if path is None:
        return None
    return Path(os.path.relpath(path, config.docs_dir)).as_posix()


def edit_url_maker(config: MkDocsConfig) -> Callable[[Path], str | None]:
    """A function giving the "edit this entry" URL of an entry file (None without edit_uri)."""

    def edit_url(path: Path) -> str | None:
        if not config.edit_uri:
            return None
        full = config.edit_uri + (repo_relative(config, path) or "")
        if config.repo_url:
            repo = config.repo_url if config.repo_url.endswith("/") else config.repo_url + "/"
            full = urljoin(repo, full)
        parts = urlsplit(full)
        # "edit/main/docs/../catalog/x.yml" -> "edit/main/catalog/x.yml"
        return urlunsplit(parts._replace(path=posixpath.normpath(parts.path)))

    return edit_url


def linked(config: MkDocsConfig, file: File) -> Path | None:
    """The symbolic link a file of docs_dir is, or lies in (None if neither). MkDocs
    follows links when it lists and copies docs (``os.walk(followlinks=True)``), so a
    committed link to a secret outside the repository would otherwise be published."""
    if file.abs_src_path is None or file.src_dir is None:
        return None  # generated in memory
    docs = Path(config.docs_dir)
    if Path(file.src_dir) != docs:
        return None  # a theme's file
    parts = Path(file.src_uri).parts
    steps = (docs.joinpath(*parts[: i + 1]) for i in range(len(parts)))
    return next((step for step in steps if step.is_symlink()), None)
