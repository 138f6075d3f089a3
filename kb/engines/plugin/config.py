"""Options of the ``kb`` plugin in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class KnowledgeBaseConfig(Config):
    """Options of the ``kb`` plugin in ``mkdocs.yml``."""

    catalog_dir = opt.Type(str, default="catalog")
    """Folder of the catalogs, relative to mkdocs.yml."""
    contributing = opt.Type(str, default="contributing.md")
    """The page (in docs/) that explains how to add or fix an entry."""
    stage = opt.Type(bool, default=True)
    """Build into a hidden sibling folder and swap it in only when the build succeeds."""
