"""Catalog downloads: CSV and JSON with the raw YAML values under the YAML keys."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kb.data.catalog import KnowledgeBase
from kb.data.models import CATALOGS, Entry
from kb.outputs.writefile import write_atomic

if TYPE_CHECKING:
    import pandas as pd


def raw_values(entry: Entry) -> dict[str, Any]:
    """The entry as its YAML has it: only the keys written, enum codes, ISO dates."""
    return entry.model_dump(mode="json", exclude_none=True, exclude_unset=True)


def records(kb: KnowledgeBase, catalog: str) -> list[dict[str, Any]]:
    """Every entry of ``catalog`` as raw values (enum codes, ISO dates), ``id`` first."""
    return [raw_values(entry) for name, entry in kb.all() if name == catalog]


def _cell(value: Any) -> Any:
    # Lists and mappings are written as JSON so that every cell reads back without loss
    # (a joined "a; b" would be ambiguous for free-text items).
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def frame(kb: KnowledgeBase, catalog: str, safe: bool = False) -> pd.DataFrame:
    """A flat table of the catalog: one row per entry, one column per model field;
    ``safe`` neutralises text a spreadsheet would run as a formula."""
    import pandas as pd  # only here: importing pandas takes longer than writing every CSV

    columns = list(CATALOGS[catalog].model.model_fields)
    fix = neutralise if safe else (lambda value: value)
    rows = [{k: fix(_cell(v)) for k, v in rec.items()} for rec in records(kb, catalog)]
    # dtype=object keeps each value as loaded: with the inferred dtypes, a whole-number
    # column with one blank turns into floats ("20.0", and 2**53 + 1 rounded).
    return pd.DataFrame(rows, columns=columns, dtype=object)


def to_json(kb: KnowledgeBase, catalog: str) -> str:
    """The JSON download: a list of entries."""
    return json.dumps(records(kb, catalog), indent=2, ensure_ascii=False) + "\n"


# A spreadsheet evaluates a cell that starts with one of these as a formula (=HYPERLINK,
# =cmd|..., @SUM, +/- expressions; tab and carriage return open DDE tricks), full-width forms
# included. OWASP's advice: write such a text cell with a leading apostrophe, which the
# spreadsheet shows as text. The JSON download keeps the raw value.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: Any) -> Any:
    """A CSV cell no spreadsheet will evaluate: text starting like a formula gets a ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(kb: KnowledgeBase, catalog: str) -> str:
    """The CSV download: every text cell safe to open in a spreadsheet. The same text as
    ``frame(kb, catalog, safe=True).to_csv(index=False, lineterminator="\n")`` (pandas),
    written with the csv module: a missing value is an empty cell, any other one its
    ``str()``."""
    columns = list(CATALOGS[catalog].model.model_fields)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for rec in records(kb, catalog):
        cells = (neutralise(_cell(rec.get(name))) for name in columns)
        writer.writerow(["" if value is None else str(value) for value in cells])
    return out.getvalue()


def write_exports(kb: KnowledgeBase, out: Path, fmt: str) -> list[Path]:
    """Write ``<catalog>.<fmt>`` for every catalog into ``out``."""
    written = []
    for catalog in CATALOGS:
        path = out / f"{catalog}.{fmt}"
        write_atomic(path, to_csv(kb, catalog) if fmt == "csv" else to_json(kb, catalog))
        written.append(path)
    return written
