"""kb: validated YAML catalogs of computer-vision tooling, rendered into a knowledge-base site.

The core (models, loader, catalog, tables, render) imports nothing from MkDocs; ``kb.plugin`` is
the thin MkDocs adapter over it.
"""

__version__ = "0.1.0"
