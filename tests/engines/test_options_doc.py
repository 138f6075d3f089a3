"""Every option of the plugin is documented for another team, with its type and default,
read from the options class itself (a new option without a line on the page fails)."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config import config_options as opt

from kb.engines.plugin.config import KnowledgeBaseConfig

PAGE = Path(__file__).resolve().parents[2] / "docs" / "own-catalog.md"
TYPES = {str: "string", bool: "boolean", int: "integer"}


def _rows() -> dict[str, list[str]]:
    rows = {}
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and (m := re.fullmatch(r"`(\w+)`", cells[0])):
            rows[m.group(1)] = cells
    return rows


def test_every_plugin_option_is_documented_with_its_type_and_default() -> None:
    rows = _rows()
    options = dict(KnowledgeBaseConfig._schema)
    assert set(rows) >= set(options), f"undocumented: {set(options) - set(rows)}"
    for name, option in options.items():
        assert isinstance(option, opt.Type)
        _, kind, default, what = rows[name]
        assert kind == TYPES[option._type], name  # type: ignore[index]
        shown = str(option.default).lower() if isinstance(option.default, bool) else option.default
        assert default == f"`{shown}`", name
        assert len(what) > 20, name
