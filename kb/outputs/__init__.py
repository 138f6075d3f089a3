"""Data outputs and the list of everything a site gets: CSV/JSON downloads, JSON Schemas,
the static API and its schemas, the Atom feed, entry skeletons, ``pages()``/``files()``.

May import ``kb.data`` and ``kb.render``.
"""
