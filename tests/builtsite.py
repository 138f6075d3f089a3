"""Build the real site once per test session (with ``mkdocs build --strict``, and with the
other engines: ProperDocs, and ``kb generate`` then Zensical), and read its HTML.

Shared by the content, link, engine and browser tests: each declares a session fixture that
calls :func:`build_site` or :func:`build_with`, which build only on the first call.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE_PREFIX = "/cv-kb/"  # the path of site_url in mkdocs.yml: absolute links start with it

_cache: dict[str, Path | str] = {}


def build_site(factory: pytest.TempPathFactory) -> Path:
    """The built site's folder; builds it on first use and fails every caller if it broke."""
    if "site" not in _cache:
        dest = factory.mktemp("site")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"]
        proc = subprocess.run(
            [*cmd, "-d", str(dest)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        _cache["site"] = dest if proc.returncode == 0 else proc.stderr[-6000:]
    site = _cache["site"]
    if isinstance(site, str):
        pytest.fail(f"mkdocs build --strict failed:\n{site}", pytrace=False)
    return site


ENGINES = ("mkdocs", "properdocs", "zensical")
BIN = Path(sys.executable).parent  # the console scripts installed next to the interpreter
PROJECT_FILES = ("mkdocs.yml", "zensical.yml", "docs", "catalog", "definitions", "overrides")


def _zensical(dest: Path) -> subprocess.CompletedProcess[str]:
    """``kb generate && zensical build`` in a copy of the project (Zensical keeps its docs
    and site folders inside the project; the copy keeps the working tree clean)."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    generate = subprocess.run(
        [str(BIN / "kb"), "generate"],
        cwd=dest,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if generate.returncode != 0:
        return generate
    return subprocess.run(
        [str(BIN / "zensical"), "build", "-f", "zensical.yml"],
        cwd=dest,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def build_with(engine: str, factory: pytest.TempPathFactory) -> Path:
    """The real project built by ``engine`` (see ENGINES); once per session per engine."""
    if engine == "mkdocs":
        return build_site(factory)
    if engine not in _cache:
        base = factory.mktemp(engine)
        if engine == "properdocs":
            site = base / "site"
            proc = subprocess.run(
                [str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=900,
                check=False,
            )
        else:
            site = base / "site"
            proc = _zensical(base)
        _cache[engine] = site if proc.returncode == 0 else (proc.stdout + proc.stderr)[-6000:]
    site = _cache[engine]
    if isinstance(site, str):
        pytest.fail(f"the {engine} build failed:\n{site}", pytrace=False)
    return site


@dataclass
class Table:
    """One rendered catalog table: its header texts and each row's cell texts by entry id."""

    catalog: str
    headers: list[str] = field(default_factory=list)
    rows: dict[str, list[str]] = field(default_factory=dict)

    def cell(self, entry_id: str, header_word: str) -> str:
        """The text of the cell in the row of ``entry_id`` under the header naming a word."""
        matches = [i for i, h in enumerate(self.headers) if header_word in h.lower()]
        assert len(matches) == 1, f"{self.catalog}: no single column for {header_word!r}"
        return self.rows[entry_id][matches[0]]


@dataclass
class Page:
    """What the tests need from one built HTML page."""

    path: Path
    links: list[str] = field(default_factory=list)  # every href and src value
    ids: set[str] = field(default_factory=set)
    tables: list[Table] = field(default_factory=list)
    headings: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, id, text)
    list_items_after: dict[str, int] = field(default_factory=dict)  # h2 id -> <li> count after

    def tables_of(self, catalog: str) -> list[Table]:
        """The catalog tables rendered for ``catalog`` on this page."""
        return [t for t in self.tables if t.catalog == catalog]


class _Reader(HTMLParser):
    """Collects links, ids, headings and catalog tables in one pass."""

    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.table: Table | None = None
        self.row: list[str] | None = None
        self.row_id: str | None = None
        self.cell: list[str] | None = None
        self.in_head = False
        self.heading: tuple[str, str, list[str]] | None = None
        self.last_h2: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for key in ("href", "src"):
            if key in a:
                self.page.links.append(a[key])
        if a.get("id"):
            self.page.ids.add(a["id"])
        if tag in ("h1", "h2", "h3"):
            self.heading = (tag, a.get("id", ""), [])
        if tag == "li" and self.last_h2 is not None:
            self.page.list_items_after[self.last_h2] += 1
        self._table_start(tag, a)

    def _table_start(self, tag: str, a: dict[str, str]) -> None:
        if tag == "table" and "data-kb-catalog" in a:
            self.table = Table(a["data-kb-catalog"])
            self.page.tables.append(self.table)
        elif self.table is None:
            return
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row, self.row_id = [], a.get("data-kb-id")
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if self.heading and tag == self.heading[0]:
            h_tag, h_id, parts = self.heading
            text = " ".join("".join(parts).split()).rstrip("¶").strip()
            self.page.headings.append((h_tag, h_id, text))
            if h_tag == "h2":
                self.last_h2 = h_id
                self.page.list_items_after[h_id] = 0
            self.heading = None
        if self.table is None:
            return
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.in_head:
                self.table.headers = self.row
            elif self.row_id:
                self.table.rows[self.row_id] = self.row
            self.row = None
        elif tag == "thead":
            self.in_head = False
        elif tag == "table":
            self.table = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        if self.heading is not None:
            self.heading[2].append(data)


def read_page(path: Path) -> Page:
    """Parse one built HTML file."""
    page = Page(path)
    reader = _Reader(page)
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return page


def page_at(site: Path, url_path: str) -> Page:
    """The page served at ``url_path`` (e.g. ``"sourcing-modes/"``) in the built site."""
    path = (
        site / url_path / "index.html"
        if url_path.endswith("/") or not url_path
        else (site / url_path)
    )
    assert path.is_file(), f"no page at /{url_path}"
    return read_page(path)


def is_internal(link: str) -> bool:
    """True for links into the site itself (not another host, not a mail or script URL)."""
    parts = urlsplit(link)
    return not parts.scheme and not parts.netloc and bool(parts.path)


def resolve(site: Path, page: Path, link: str) -> tuple[Path, str]:
    """The file an internal link from ``page`` points at, and its #fragment ('' if none)."""
    parts = urlsplit(link)
    path = unquote(parts.path)
    if path.startswith("/"):
        base, path = site, path.removeprefix(SITE_PREFIX).lstrip("/")
    else:
        base = page.parent
    target = (base / path).resolve()
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment
