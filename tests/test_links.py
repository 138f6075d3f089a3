"""Every internal link in the built site resolves: no 404s, no missing anchors, and concept
pages and entry pages are linked both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from builtsite import build_site, is_internal, page_at, read_page, resolve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session with ``mkdocs build --strict``."""
    return build_site(tmp_path_factory)


def test_every_internal_link_resolves(site: Path) -> None:
    pages = {path: read_page(path) for path in site.rglob("*.html")}
    broken: list[str] = []
    for path, page in pages.items():
        for link in filter(is_internal, page.links):
            target, fragment = resolve(site, path, link)
            where = f"{path.relative_to(site)} -> {link}"
            if not target.is_file():
                broken.append(f"{where}: no such file")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read_page(target).ids
                if fragment not in ids:
                    broken.append(f"{where}: no #{fragment} on that page")
    assert not broken, "\n".join(broken[:40])
    assert len(pages) > 50, "the site is missing its entry pages"


def test_entry_pages_link_back_to_their_catalog(site: Path) -> None:
    entries = [p for p in site.glob("*/*/index.html") if p.parent.parent.name != "concepts"]
    entries = [p for p in entries if (p.parent.parent / "index.html").is_file()]
    assert entries, "no entry pages were built"
    for path in entries:
        page = read_page(path)
        catalog_index = path.parent.parent / "index.html"
        targets = {resolve(site, path, link)[0] for link in filter(is_internal, page.links)}
        assert catalog_index in targets, f"{path.relative_to(site)} has no link to its catalog"


@pytest.mark.parametrize(
    ("url", "entry"),
    [
        ("concepts/image-annotation/", "sourcing-modes/in-house/"),
        ("concepts/image-annotation/", "annotation-techniques/polygon/"),
        ("concepts/recognition-vs-classification/", "vision-tasks/image-recognition/"),
        ("concepts/neural-network-classification/", "case-studies/fake-news-bert/"),
        ("concepts/optimizing-images/", "image-optimizers/riot/"),
        ("concepts/choosing-an-image-generator/", "image-generators/midjourney/"),
    ],
)
def test_concept_pages_link_to_entries(site: Path, url: str, entry: str) -> None:
    page = page_at(site, url)
    targets = {resolve(site, page.path, link)[0] for link in filter(is_internal, page.links)}
    assert site / entry / "index.html" in targets, f"/{url} does not link to /{entry}"


def test_glossary_terms_link_to_concept_pages(site: Path) -> None:
    page = page_at(site, "glossary/")
    concept_links = [
        link for link in filter(is_internal, page.links) if "concepts/" in link and "#" in link
    ]
    assert len(concept_links) >= 50, "glossary terms should point at the section explaining them"
