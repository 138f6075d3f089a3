"""The README's quick start works as written for a newcomer: the virtual environment is
activated before the bare ``mkdocs`` and ``kb`` commands, ``NO_MKDOCS_2_WARNING`` is
explained, and the test command says how long it runs and offers a quick subset."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```sh\n(.*?)```", README, re.S)
PROSE = re.sub(r"```.*?```", "", README, flags=re.S)


def test_the_environment_is_activated_before_a_bare_command() -> None:
    lines = [line.strip() for block in BLOCKS for line in block.splitlines()]
    pattern = r"(?:\w+=\S+ )*(?:python -m |)(?:mkdocs|kb|pytest)\b"
    bare = next(n for n, line in enumerate(lines) if re.match(pattern, line))
    activate = next(n for n, line in enumerate(lines) if line.startswith(". .venv/bin/activate"))
    assert activate < bare
    assert "activate" in PROSE  # and the prose says why, and again in a new terminal


def test_no_mkdocs_2_warning_is_explained() -> None:
    sentence = next(s for s in PROSE.split("\n\n") if "`NO_MKDOCS_2_WARNING=1`" in s)
    assert "silences" in sentence and "Material for MkDocs" in sentence


def test_the_test_command_says_how_long_and_offers_a_quick_subset() -> None:
    assert re.search(r"about 15\u201320 minutes on 2 cores", PROSE)  # an en dash
    quick = 'python -m pytest -m "not browser and not slow"'
    assert any(quick in block for block in BLOCKS)
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    markers = {m.split(":")[0] for m in config["tool"]["pytest"]["ini_options"]["markers"]}
    assert {"browser", "slow"} <= markers  # the subset names real markers
