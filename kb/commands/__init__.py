"""Sub-commands of the ``kb`` CLI: one module each, with ``add_parser`` and ``run``."""
