"""kb: validated YAML catalogs of computer-vision tooling, rendered into a knowledge-base site.

The core below imports nothing from MkDocs; ``kb.plugin`` is the thin MkDocs adapter over it,
and another site engine can be fed from the same names.
"""

from kb.catalog import KnowledgeBase
from kb.embeds import EmbedError, Expansion, expand
from kb.introspect import FieldSpec, Kind, field_specs, specs_by_name
from kb.loader import load
from kb.models import CATALOGS, CatalogSpec, Entry
from kb.pages import GeneratedPage  # kb.pages.pages() and kb.pages.files() list the output
from kb.problems import Problem, format_problems
from kb.table import CatalogTable
from kb.urls import Linker

__version__ = "0.1.0"

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
