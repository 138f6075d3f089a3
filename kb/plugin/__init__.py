"""The MkDocs adapter: the only part of ``kb`` that imports MkDocs (config, hooks, paths)."""

from kb.plugin.plugin import KnowledgeBasePlugin

__all__ = ["KnowledgeBasePlugin"]
