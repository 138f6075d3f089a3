"""The same catalogs built by MkDocs, ProperDocs and Zensical (``kb generate`` first), with
real processes: every site complete by ``kb check-site``, the same pages with the same
content and links, the same error for a broken directive."""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from builtsite import BIN, ENGINES, ROOT, build_with

pytestmark = pytest.mark.slow


def run(*cmd: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    """A real process; NO_MKDOCS_2_WARNING only where a test sets it."""
    return subprocess.run(
        list(cmd),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        env={**os.environ, **env},
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_check_site_passes_on_every_engine(
    engine: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    site = build_with(engine, tmp_path_factory)
    proc = run(str(BIN / "kb"), "check-site", str(site))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def pages_of(site: Path) -> set[str]:
    """Every page of a built site, as its folder (``sourcing-modes/in-house/``)."""
    return {p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")}


def test_every_engine_builds_the_same_pages(tmp_path_factory: pytest.TempPathFactory) -> None:
    built = {engine: pages_of(build_with(engine, tmp_path_factory)) for engine in ENGINES}
    # Entry pages as the YAML files call for them, counted without the package.
    entries = {f"{p.parent.name}/{p.stem}/" for p in (ROOT / "catalog").glob("*/*.yml")}
    assert len(entries) > 40
    for engine, pages in built.items():
        assert entries <= pages, f"{engine} lacks {sorted(entries - pages)[:5]}"
    assert built["properdocs"] == built["mkdocs"]
    assert built["zensical"] == built["mkdocs"]


class _Article(HTMLParser):
    """The links (href, src) and the text of a page's <article>, the theme's frame left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.inside = True
        if self.inside:
            self.links += [v for k, v in attrs if k in ("href", "src") and v is not None]

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text.append(data)


def article(site: Path, page: str) -> tuple[list[str], str]:
    """Where the links of a page's article lead (resolved against the page's URL) and its
    text with whitespace collapsed."""
    parser = _Article()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    targets = []
    for link in parser.links:
        if re.match(r"^[a-z]+:|#", link):
            continue
        path, _, query = link.partition("?")
        target = posixpath.normpath(posixpath.join(page or ".", path))
        targets.append(target + (f"?{query}" if query else ""))
    return targets, " ".join("".join(parser.text).split())


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_every_page_has_the_same_text_and_links_as_with_mkdocs(
    engine: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    reference = build_with("mkdocs", tmp_path_factory)
    other = build_with(engine, tmp_path_factory)
    pages = [*sorted(pages_of(reference) - {"./"}), ""]
    different = [p for p in pages if article(reference, p) != article(other, p)]
    assert different == [], f"{engine}: {len(different)} page(s) differ, e.g. {different[:3]}"


def test_check_site_catches_zensical_building_without_generated_pages(tmp_path: Path) -> None:
    # Zensical reading mkdocs.yml directly skips the kb plugin without a word; without
    # strict mode (which fails on the links to the pages it lacks) it exits 0.
    for name in ("docs", "catalog", "definitions", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nstrict: true\n" in config
    (tmp_path / "mkdocs.yml").write_text(config.replace("\nstrict: true\n", "\n"), "utf-8")
    built = run(str(BIN / "zensical"), "build", "-f", "mkdocs.yml", cwd=tmp_path)
    assert built.returncode == 0, built.stderr[-3000:]
    proc = run(str(BIN / "kb"), "check-site", "site", cwd=tmp_path)
    assert proc.returncode == 1
    assert "site/sourcing-modes/in-house/index.html: missing" in proc.stdout
    assert "site/downloads/sourcing-modes.csv: missing" in proc.stdout
    assert "site/assets/kb/table.js: missing" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_check_site_lists_each_missing_or_broken_file(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    site = tmp_path / "site"
    shutil.copytree(build_with("mkdocs", tmp_path_factory), site)
    (site / "annotation-vendors" / "cvat" / "index.html").unlink()
    (site / "schema" / "case-studies.schema.json").unlink()
    catalog_page = site / "sourcing-modes" / "index.html"
    text = catalog_page.read_text(encoding="utf-8")
    catalog_page.write_text(re.sub(r'<script src="[^"]*table\.js"></script>', "", text), "utf-8")
    proc = run(str(BIN / "kb"), "check-site", str(site))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert f"{site}/annotation-vendors/cvat/index.html: missing (page 'CVAT')" in lines
    assert f"{site}/schema/case-studies.schema.json: missing (schema)" in lines
    assert (
        f"{site}/sourcing-modes/index.html: has a catalog table but does not load "
        "assets/kb/table.js" in lines
    )
    assert len(lines) == 3, lines


def test_zensical_pages_keep_the_layout_and_search_settings(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    site = build_with("zensical", tmp_path_factory)
    entry = (site / "sourcing-modes" / "in-house" / "index.html").read_text(encoding="utf-8")
    # The page's contents sit in the left sidebar (toc.integrate); an entry page hides
    # them, as under MkDocs, while a hand-written page with sections lists them.
    concept = (site / "concepts" / "image-annotation" / "index.html").read_text(encoding="utf-8")
    assert "md-nav--secondary" not in entry and "md-nav--secondary" in concept
    assert "<title>In-house - " in entry
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    located = {item["location"] for item in index["items"]}
    assert "sourcing-modes/in-house/" in located
    assert not any("/compare/" in place for place in located)  # left out, as with MkDocs
