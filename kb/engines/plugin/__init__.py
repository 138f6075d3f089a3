"""The MkDocs adapter: the only part of ``kb`` that imports MkDocs (config, hooks, paths)."""

from kb.engines.plugin.plugin import KnowledgeBasePlugin

__all__ = ["KnowledgeBasePlugin"]
