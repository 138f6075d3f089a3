"""Coverage and currency on the built site: the catalogs hold what a late-2026 reader
expects, and nothing retired, closed or removed is shown as it was."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from builtsite import ROOT, build_site

pytestmark = pytest.mark.slow

CATALOG = ROOT / "catalog"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built with ``mkdocs build --strict``."""
    return build_site(tmp_path_factory)


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _row(html: str, entry_id: str) -> str:
    found = re.search(rf'<tr data-kb-id="{entry_id}"[^>]*>.*?</tr>', html, re.S)
    assert found, entry_id
    return found.group(0)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_catalogs_hold_what_a_reader_expects() -> None:
    counts = {c: len(list((CATALOG / c).glob("*.yml"))) for c in
              ("image-generators", "image-optimizers", "annotation-vendors")}  # fmt: skip
    assert counts["image-generators"] >= 30
    assert counts["image-optimizers"] >= 30
    assert counts["annotation-vendors"] >= 50


def test_ground_truth_shows_it_is_closed_to_new_customers(site: Path) -> None:
    table = _page(site, "annotation-vendors")
    row = _row(table, "amazon-sagemaker-ground-truth")
    assert 'data-kb-retired="closed to new customers"' in row
    assert "closed to new customers" in _text(row)
    page = _page(site, "annotation-vendors/amazon-sagemaker-ground-truth")
    assert 'data-kb-status="closed-to-new"' in page
    assert "Closed to new customers since" in _text(page)


def test_squoosh_no_longer_offers_a_command_line_or_batches(site: Path) -> None:
    page = _text(_page(site, "image-optimizers/squoosh"))
    facts = page[page.index("Facts") : page.index("Sources")]
    assert "Command line" not in facts and "Batch processing" not in facts
    row = _text(_row(_page(site, "image-optimizers"), "squoosh"))
    assert "Command line" not in row


def test_gpt_image_1_is_shown_as_shut_down_with_its_successor(site: Path) -> None:
    row = _row(_page(site, "image-generators"), "gpt-image-1")
    assert 'data-kb-retired="superseded"' in row
    assert "superseded by GPT Image" in _text(row)
    page = _page(site, "image-generators/gpt-image-1")
    assert 'data-kb-status="superseded"' in page and "2026-10-23" in page
    assert 'href="../gpt-image/"' in page  # the successor, linked


def test_no_page_still_announces_a_shutdown_that_has_happened(site: Path) -> None:
    stale = [
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if "as early as 17 August 2026" in _text(p.read_text(encoding="utf-8"))
    ]
    assert stale == []


def test_the_feed_is_well_formed_xml_for_a_strict_parser(site: Path) -> None:
    # A valid entry once broke it with an escaped noncharacter; the validator now refuses
    # every character XML 1.0 cannot carry, so a strict parser reads the whole feed.
    root = ET.fromstring((site / "feed.xml").read_bytes())
    assert root.tag.endswith("feed") and len(root) > 100
