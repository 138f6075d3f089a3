"""The built site carries the seed's facts: the sourcing table's exact values, an entry page
for every tool the seed names, the concept pages' sources and the case-study figures.

Expected values are typed from the source articles, never read from the catalog files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builtsite import Page, build_site, is_internal, page_at, resolve

pytestmark = pytest.mark.slow

# The seed's "In-housing vs outsourcing vs crowdsourcing" table, cell by cell.
SOURCING = {
    "in-house": {"time": "High", "price": "Expensive", "quality": "High", "security": "High"},
    "outsource": {"time": "Average", "price": "Average", "quality": "High", "security": "Average"},
    "crowdsource": {"time": "Low", "price": "Cheap", "quality": "Low", "security": "Low"},
}

# Every tool the seed names, as it spells them, by catalog.
NAMED = {
    "image-generators": [
        "DALL-E 2",
        "Midjourney",
        "Canva",
        "PicSo",
        "NightCafe",
        "Shutterstock",
        "Deep Dream Generator",
    ],
    "image-optimizers": [
        "InPixio",
        "Photoshop Elements",
        "Compressor.io",
        "JPEG Optimizer",
        "Optimizilla",
        "Kraken.io",
        "Resize Photos",
        "Convert Image",
        "TinyPNG",
        "RIOT",
    ],
    "annotation-techniques": ["Bounding box", "Landmarking", "Masking", "Polygon", "Polyline"],
    "sourcing-modes": ["In-house", "Outsource", "Crowdsource"],
    "vision-tasks": ["Image recognition", "Image classification"],
}

CONCEPTS = [
    "concepts/recognition-vs-classification/",
    "concepts/image-annotation/",
    "concepts/choosing-an-image-generator/",
    "concepts/optimizing-images/",
    "concepts/neural-network-classification/",
]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session with ``mkdocs build --strict``."""
    return build_site(tmp_path_factory)


@pytest.mark.parametrize("url", ["sourcing-modes/", "concepts/image-annotation/"])
def test_sourcing_table_shows_the_seed_values(site: Path, url: str) -> None:
    tables = page_at(site, url).tables_of("sourcing-modes")
    assert tables, f"/{url} has no sourcing-modes table"
    table = tables[0]
    for mode, expected in SOURCING.items():
        assert mode in table.rows, f"/{url}: no row for {mode}"
        shown = {criterion: table.cell(mode, criterion) for criterion in expected}
        assert {k: v.lower() for k, v in shown.items()} == {
            k: v.lower() for k, v in expected.items()
        }, f"/{url}: {mode}"


def _entry_titles(site: Path, catalog_page: Page, catalog: str) -> dict[str, str]:
    """Title (h1) of every entry page the catalog page links to, by URL path."""
    titles: dict[str, str] = {}
    for link in filter(is_internal, catalog_page.links):
        target, _ = resolve(site, catalog_page.path, link)
        rel = target.relative_to(site).as_posix() if target.is_relative_to(site) else ""
        parts = rel.split("/")
        if len(parts) == 3 and parts[0] == catalog and target.is_file():
            h1 = [text for tag, _, text in page_at(site, rel).headings if tag == "h1"]
            titles[rel] = h1[0] if h1 else ""
    return titles


@pytest.mark.parametrize("catalog", sorted(NAMED))
def test_every_named_tool_has_an_entry_page_linked_from_its_catalog(
    site: Path, catalog: str
) -> None:
    titles = _entry_titles(site, page_at(site, f"{catalog}/"), catalog)
    for name in NAMED[catalog]:
        found = [url for url, title in titles.items() if name.lower() in title.lower()]
        assert found, f"/{catalog}/ links to no entry page titled {name!r}"


@pytest.mark.parametrize("url", CONCEPTS)
def test_every_concept_page_ends_with_its_sources(site: Path, url: str) -> None:
    page = page_at(site, url)
    h2 = [(h_id, text) for tag, h_id, text in page.headings if tag == "h2"]
    assert h2 and h2[-1][1] == "Sources", f"/{url}: last section is not Sources"
    assert page.list_items_after[h2[-1][0]] >= 1, f"/{url}: Sources section cites nothing"


@pytest.mark.parametrize(
    ("url", "catalog", "names"),
    [
        ("concepts/image-annotation/", "annotation-techniques", NAMED["annotation-techniques"]),
        ("concepts/choosing-an-image-generator/", "image-generators", NAMED["image-generators"]),
        ("concepts/optimizing-images/", "image-optimizers", NAMED["image-optimizers"]),
    ],
)
def test_concept_pages_link_to_the_entries_they_discuss(
    site: Path, url: str, catalog: str, names: list[str]
) -> None:
    titles = _entry_titles(site, page_at(site, url), catalog)
    for name in names:
        assert any(name.lower() in t.lower() for t in titles.values()), f"/{url}: {name}"


def test_case_study_table_shows_the_reported_figures(site: Path) -> None:
    tables = page_at(site, "concepts/neural-network-classification/").tables_of("case-studies")
    assert tables, "the neural-network page embeds no case-studies table"
    rows = {" ".join(cells) for cells in tables[0].rows.values()}
    # As the articles report them, in percent; a table may show them as fractions instead.
    for percent, fraction in (("86.59", "0.8659"), ("59.4", "0.594"), ("61.33", "0.6133")):
        assert any(percent in row or fraction in row for row in rows), f"no row shows {percent}%"


def test_honest_note_states_the_majority_baseline(site: Path) -> None:
    path = site / "concepts/neural-network-classification/index.html"
    text = path.read_text(encoding="utf-8")
    assert "61.8%" in text and "1,294" in text and "419" in text


@pytest.mark.parametrize("catalog", sorted(NAMED))
def test_home_page_counts_each_catalog(site: Path, catalog: str) -> None:
    files = list((Path(__file__).resolve().parents[1] / "catalog" / catalog).glob("*.yml"))
    home = (site / "index.html").read_text(encoding="utf-8")
    # the overview table's row for the catalog (the navigation links the catalog too)
    overview = home.split('class="kb-catalogs"', 1)[-1]
    assert f'href="{catalog}/"' in overview, f"home page overview does not link to /{catalog}/"
    row = overview.split(f'href="{catalog}/"', 1)[1].split("</tr>", 1)[0]
    assert f">{len(files)}<" in row, f"home page does not show {len(files)} {catalog} entries"
