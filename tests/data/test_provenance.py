"""Honest provenance in the built site: lifecycle shown wherever an entry appears, every
rating pointing at its basis, seed-only entries flagged, and the catalogs' breadth.

Expected names and counts are typed by hand from the issue and the vendors' pages, never
read from the catalog files.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from builtsite import build_site, resolve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory)


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_dall_e_2_is_shown_as_superseded_with_its_successor(site: Path) -> None:
    page = html_of(site, "image-generators/dall-e-2/")
    banner = re.search(r'<div class="admonition danger kb-status"[^>]*>(.*?)</div>', page, re.S)
    assert banner, "no status banner on DALL-E 2's page"
    assert "Superseded since" in banner.group(1)
    assert 'href="../gpt-image/"' in banner.group(1)  # the successor, linked
    table = html_of(site, "image-generators/")
    row = re.search(r'<tr data-kb-id="dall-e-2".*?</tr>', table, re.S)
    assert row and "superseded" in row.group(0).lower()
    assert 'href="gpt-image/"' in row.group(0)


class _Links(HTMLParser):
    """Every link with the text of the block element around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[str]]] = []
        self.block: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "li", "tr", "caption"):  # a table row is one mention
            self.block = []
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.found.append((href, self.block))

    def handle_data(self, data: str) -> None:
        self.block.append(data)


INACTIVE = {  # typed from the makers' announcements (see the entries' sources)
    "image-generators/dall-e-2": "superseded",
    "image-generators/dall-e-3": "superseded",
    "annotation-vendors/labelimg": "superseded",
    "image-generators/imagen": "superseded",
    "annotation-vendors/google-ai-platform-data-labeling": "discontinued",
}


def test_no_concept_page_mentions_a_retired_tool_without_saying_so(site: Path) -> None:
    concepts = sorted((site / "concepts").glob("*/index.html"))
    assert len(concepts) >= 5
    for path in concepts:
        reader = _Links()
        reader.feed(path.read_text(encoding="utf-8"))
        for href, block in reader.found:
            target, _ = resolve(site, path, href)
            key = str(target.parent.relative_to(site)) if target.is_relative_to(site) else ""
            if key in INACTIVE:
                text = "".join(block).lower()
                assert INACTIVE[key] in text, f"{path.parent.name}: {key} without '{INACTIVE[key]}'"


def test_every_rating_in_a_table_links_to_its_basis(site: Path) -> None:
    for catalog in ("image-generators", "sourcing-modes"):
        page = site / catalog / "index.html"
        html = page.read_text(encoding="utf-8")
        ratings = re.findall(r'<a class="kb-rating[^"]*" href="([^"]+)"', html)
        assert ratings, f"{catalog}: no rating cells"
        for href in ratings:
            target, fragment = resolve(site, page, href)
            entry = target.read_text(encoding="utf-8")
            assert fragment.startswith("rating-"), href
            row = re.search(rf'<tr [^>]*id="{fragment}".*?</tr>', entry, re.S)
            assert row and 'class="kb-basis"' in row.group(0), href


def test_the_rating_columns_link_to_the_rating_method(site: Path) -> None:
    page = site / "image-generators" / "index.html"
    html = page.read_text(encoding="utf-8")
    (href,) = re.findall(r'<a href="([^"]+)" class="kb-method">', html)
    target, fragment = resolve(site, page, href)
    assert fragment == "rating-method"
    assert 'id="rating-method"' in target.read_text(encoding="utf-8")


def test_an_entry_resting_on_the_2023_articles_says_so(site: Path) -> None:
    page = html_of(site, "image-optimizers/compressor-io/")
    assert "As reported in 2023; not re-checked" in page
    table = html_of(site, "image-optimizers/")
    row = re.search(r'<tr data-kb-id="compressor-io".*?</tr>', table, re.S)
    assert row and "as reported in 2023" in row.group(0)  # flagged in the table too
    squoosh = re.search(r'<tr data-kb-id="squoosh".*?</tr>', table, re.S)
    assert squoosh and "as reported in 2023" not in squoosh.group(0)
    checked = html_of(site, "image-optimizers/squoosh/")
    assert "Last verified against these sources" in checked
    assert "not re-checked" not in checked


@pytest.mark.parametrize(
    ("catalog", "at_least"),
    [("image-generators", 14), ("annotation-vendors", 30), ("image-optimizers", 16)],
)
def test_catalogs_cover_todays_tools(site: Path, catalog: str, at_least: int) -> None:
    entries = [p for p in (site / catalog).iterdir() if p.is_dir() and p.name != "compare"]
    assert len(entries) >= at_least


@pytest.mark.parametrize(
    "url",
    [
        "image-generators/gpt-image/",
        "image-generators/stable-diffusion/",
        "image-generators/flux/",
        "image-generators/adobe-firefly/",
        "image-generators/imagen/",
        "image-generators/ideogram/",
        "image-optimizers/squoosh/",
        "image-optimizers/mozjpeg/",
        "image-optimizers/oxipng/",
        "image-optimizers/cwebp/",
        "image-optimizers/avifenc/",
        "annotation-vendors/kili-technology/",
        "annotation-vendors/toloka/",
        "annotation-vendors/sama/",
        "annotation-vendors/segments-ai/",
    ],
)
def test_current_tools_named_in_the_issue_have_pages(site: Path, url: str) -> None:
    assert (site / url / "index.html").is_file()
