"""kb: validated YAML catalogs, defined by each site, rendered into a comparison site.

The core below imports nothing from MkDocs; ``kb.engines.plugin`` is the thin MkDocs adapter
over it, and another site engine can be fed from the same names.
"""

from kb.data.catalog import KnowledgeBase
from kb.data.introspect import FieldSpec, Kind, field_specs, specs_by_name
from kb.data.loader import load
from kb.data.models import CATALOGS, CatalogSpec, Entry
from kb.data.problems import Problem, format_problems
from kb.outputs.pages import (
    GeneratedPage,  # kb.outputs.pages.pages() and kb.outputs.pages.files() list the output
)
from kb.render.embeds import EmbedError, Expansion, expand
from kb.render.table import CatalogTable
from kb.render.urls import Linker

__version__ = "0.1.0"
# The name to pip install (PyPI's `kb` is an unrelated project); pyproject.toml's [project] name.
DISTRIBUTION = "mkdocs-comparison-catalog"

__all__ = [
    "CATALOGS",
    "CatalogSpec",
    "CatalogTable",
    "EmbedError",
    "Entry",
    "Expansion",
    "FieldSpec",
    "GeneratedPage",
    "Kind",
    "KnowledgeBase",
    "Linker",
    "Problem",
    "expand",
    "field_specs",
    "format_problems",
    "load",
    "specs_by_name",
]
