"""``kb init DIR``: a new site with one example catalog that builds at once."""

from __future__ import annotations

import argparse
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from kb import DISTRIBUTION, __version__
from kb.commands.common import err

SCAFFOLD = "scaffold"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the command."""
    p = sub.add_parser(
        "init",
        help="write a new site with one example catalog (builds with --strict at once)",
        description="Write mkdocs.yml, an example catalog definition (definitions/) with two "
        "entries, a home page, a CI workflow and a pre-commit configuration into DIR (new or "
        "empty). Then: cd DIR && mkdocs serve --livereload.",
    )
    p.add_argument("dir", type=Path, metavar="DIR")
    p.set_defaults(run=run)


def _files(folder: Traversable, prefix: str = "") -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for item in folder.iterdir():
        name = f"{prefix}{item.name}"
        if item.is_dir():
            if item.name != "__pycache__":
                out.update(_files(item, f"{name}/"))
        else:
            out[name] = item.read_bytes()
    return out


def _requirement() -> str:
    """The line that installs this package in the new site's CI: its distribution's name
    (never `kb`, which on PyPI is another project)."""
    return f"{DISTRIBUTION}>={__version__}\n"


def run(args: argparse.Namespace) -> int:
    """Write the site, or exit 2 when DIR exists and is not empty (nothing is overwritten)."""
    target: Path = args.dir
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        err(f"{target}: exists and is not an empty folder; choose a new one")
        return 2
    files = _files(resources.files("kb").joinpath(SCAFFOLD))
    files["requirements.txt"] = _requirement().encode()
    for name, content in sorted(files.items()):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    print(f"Wrote a new site in {target} ({len(files)} files). Next:")
    print(f"  cd {target} && mkdocs serve --livereload")
    print("  add a catalog: a model and a CatalogSpec in definitions/__init__.py, its entries")
    print("  in catalog/<name>/<id>.yml; check them with kb validate")
    return 0
