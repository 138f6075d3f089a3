"""Options of the ``kb`` plugin in ``mkdocs.yml``.

The *Use it for your own catalog* page documents each option of this class; a test
(``tests/engines/test_options_doc.py``) checks that every one is there with its type and
default.
"""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class KnowledgeBaseConfig(Config):
    """Options of the ``kb`` plugin in ``mkdocs.yml``."""

    definitions = opt.Type(str, default="definitions")
    """The Python module that defines the site's catalogs: a name (``NAME.py`` or a ``NAME/``
    package beside mkdocs.yml) or a path to one elsewhere; a ``vocabularies.yml`` beside it is
    read first."""
    catalog_dir = opt.Type(str, default="catalog")
    """Folder of the catalogs, relative to mkdocs.yml: one folder per catalog."""
    contributing = opt.Type(str, default="contributing.md")
    """The page (in docs/) that explains how to add or fix an entry; catalog pages link to it
    only when it exists. An empty string turns the link off."""
    stage = opt.Type(bool, default=True)
    """Build into a hidden sibling folder and swap it in only when the build succeeds."""
