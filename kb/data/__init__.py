"""Reading and validating data: field types, vocabularies, the catalog models, the strict
YAML reader, messages and problems, loading a catalog folder into a ``KnowledgeBase``.

The bottom layer: imports nothing from the other parts of ``kb``.
"""
