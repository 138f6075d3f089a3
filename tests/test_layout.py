"""The folders of ``kb`` are its design: each part imports only the parts below it.

Walks every module's syntax tree (imports inside functions and ``TYPE_CHECKING`` blocks
included), so a new arrow the wrong way fails here before it erodes the layout.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kb

PACKAGE = Path(kb.__file__).parent
# Lowest first. A part may import itself and the parts before it, never one after it.
LAYERS = ["data", "render", "outputs", "engines", "upkeep", "commands"]
# Only the adapter may import MkDocs (or its theme); the core feeds any engine.
MKDOCS = ("mkdocs", "material", "properdocs")


def _part(module: str) -> str | None:
    """The folder a dotted ``kb`` module belongs to (``kb.cli`` counts as the command line)."""
    pieces = module.split(".")
    if pieces[0] != "kb" or len(pieces) == 1:
        return None
    return "commands" if pieces[1] == "cli" else pieces[1]


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    """Every module named by an import in the file, with its line (``from kb import x``
    names ``kb.x``)."""
    found: list[tuple[int, str]] = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base == "kb":
                found += [(node.lineno, f"kb.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, base))
    return found


# kb/scaffold holds a new site's files (``kb init``), not the package's code.
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "scaffold" not in p.parts)


def test_every_module_lives_in_a_part() -> None:
    loose = [
        p.name
        for p in PACKAGE.glob("*.py")
        if p.name not in {"__init__.py", "cli.py", "__main__.py", "version.py"}
    ]
    assert loose == [], f"modules outside the folders of the design: {loose}"


def _wrong_arrows(path: Path, module: str) -> list[str]:
    here = _part(module)
    wrong: list[str] = []
    for line, name in _imports(path, module):
        there = _part(name)
        if name.split(".")[0] in MKDOCS and not module.startswith("kb.engines"):
            wrong.append(f"{path.name}:{line} imports {name}: only kb.engines may import MkDocs")
        if here is None or there is None or there not in LAYERS:
            continue
        if LAYERS.index(there) > LAYERS.index(here):
            wrong.append(f"{path.name}:{line} ({here}) imports {name} ({there})")
    return wrong


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_imports_point_down(path: Path) -> None:
    assert _wrong_arrows(path, _module_name(path)) == []


def test_the_walk_sees_a_wrong_arrow(tmp_path: Path) -> None:
    """The check itself: a rendering module importing a maintainer tool is caught."""
    bad = tmp_path / "probe.py"
    bad.write_text("def f():\n    from kb.upkeep import stale\n    import mkdocs\n")
    wrong = _wrong_arrows(bad, "kb.render.probe")
    assert wrong == [
        "probe.py:2 (render) imports kb.upkeep (upkeep)",
        "probe.py:3 imports mkdocs: only kb.engines may import MkDocs",
    ]


def test_every_part_says_what_it_may_import() -> None:
    for part in LAYERS[:-1]:
        doc = ast.get_docstring(ast.parse((PACKAGE / part / "__init__.py").read_text("utf-8")))
        assert doc and "import" in doc, f"kb/{part}/__init__.py should say what it may import"
