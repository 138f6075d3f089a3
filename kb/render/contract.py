"""The contract between the rendered HTML and the table script, written once: the slot that
stands for an entry id in URL patterns, the id pattern, the URL-state keys, and the data
attributes the compare view reads on entry pages. Templates read it as ``contract``; the
script reads the same values from the generated ``contract.js``."""

from __future__ import annotations

import json
from typing import Any

from kb.data.fields import ID_PATTERN

CONTRACT: dict[str, Any] = {
    # Stands for an entry id in a URL pattern the script fills in (ids never contain "_").
    "idSlot": "__id__",
    # Python's and JavaScript's regex syntax agree on this pattern.
    "idPattern": ID_PATTERN,
    # URL-state keys; every other key is a facet field name.
    # (The compare page: "id" for each entry, "only=differences" for the rows that differ.)
    "keys": {"query": "q", "sort": "sort", "columns": "cols", "id": "id", "only": "only"},
    # On an entry page: the entry's name, and each fact's value by field name.
    "entryName": "data-kb-entry-name",
    "fact": "data-kb-fact",
    # On an entry page: a fact without a value, named with why ("not given", "n/a").
    "factMissing": "data-kb-fact-missing",
    # On an entry page: a retired entry's status (its code) and its successor (its id).
    "status": "data-kb-status",
    "successor": "data-kb-successor",
}

CONTRACT_JS = "contract.js"


def contract_js() -> str:
    """The script that hands the contract to ``table.js`` (loaded before it)."""
    body = json.dumps(CONTRACT, indent=2, sort_keys=True)
    return f"/* Generated from kb/render/contract.py. */\nwindow.kbContract = {body};\n"
