"""Maintainer tools: ``kb diff``, ``kb stale``, ``kb check-links`` (with its network guard)
and ``kb check-site``.

May import every other part; no other part imports it (only the command line does).
"""
