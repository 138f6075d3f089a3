"""Site engines: the MkDocs plugin (``kb.engines.plugin``, also run by ProperDocs), the
Python-Markdown extension (``kb.engines.markdown``), and ``kb generate`` for engines that run
no plugin (Zensical), with the confined output folder it writes into.

May import ``kb.data``, ``kb.render`` and ``kb.outputs``; the only part that imports MkDocs.
"""
