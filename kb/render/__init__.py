"""Turning entries into HTML: tables, cells, entry and compare pages, widgets and the
``{{< kb-… >}}`` directives, charts and the stats page, templates and relative links.

May import ``kb.data`` only. Never imports an output, an engine or a maintainer tool.
"""
