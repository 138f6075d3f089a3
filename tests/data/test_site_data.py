"""The built site's data outputs, read back with independent tools: the Atom feed with a
feed parser, every API response checked against its published schema by check-jsonschema
(a separate process), counts compared with the YAML files, the feed linked from every page,
the stats page's charts and the embeddable views."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import feedparser
import pytest
from builtsite import ROOT, SITE_PREFIX, build_site, is_internal, page_at, read_page, resolve

pytestmark = pytest.mark.slow

CATALOG = ROOT / "catalog"
CATALOGS = sorted(p.name for p in CATALOG.iterdir() if p.is_dir())


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session with ``mkdocs build --strict``."""
    return build_site(tmp_path_factory)


def yaml_ids(catalog: str) -> set[str]:
    """Entry ids as the file names say, read without the package."""
    return {p.stem for p in (CATALOG / catalog).glob("*.yml")}


def test_feed_parses_links_resolve_and_dates_are_newest_first(site: Path) -> None:
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    total = sum(len(yaml_ids(c)) for c in CATALOGS)
    assert len(parsed.entries) == min(total, 100)
    stamps = [e.updated_parsed for e in parsed.entries]
    assert stamps == sorted(stamps, reverse=True)
    for item in parsed.entries:
        path = urlsplit(item.link).path
        assert path.startswith(SITE_PREFIX), item.link
        target = site / path.removeprefix(SITE_PREFIX) / "index.html"
        assert target.is_file(), f"{item.link} is not a built page"
        assert item.published_parsed <= item.updated_parsed
    assert parsed.feed.updated_parsed == stamps[0]


def test_every_page_links_the_feed_in_its_head(site: Path) -> None:
    pages = [p for p in site.rglob("*.html") if "embed" not in p.relative_to(site).parts]
    assert len(pages) > 50
    missing = []
    for path in pages:
        head = path.read_text("utf-8").split("</head>")[0]
        marker = '<link rel="alternate" type="application/atom+xml"'
        if marker not in head:
            missing.append(str(path.relative_to(site)))
            continue
        href = head.split(marker)[1].split('href="')[1].split('"')[0]
        if not href.startswith("/"):  # 404.html links from the site root
            assert resolve(site, path, href)[0] == site / "feed.xml", (path, href)
    assert missing == []
    assert "feed.xml" in page_at(site, "").links  # and the home page links it in its text


def _check_jsonschema(schema: Path, instances: list[Path]) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(schema),
            *map(str, instances),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


def test_every_api_response_validates_against_its_published_schema(site: Path) -> None:
    api = site / "api" / "v1"
    index = json.loads((api / "index.json").read_text("utf-8"))
    schemas = sorted((api / "schemas").glob("*.schema.json"))
    meta = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--check-metaschema", *map(str, schemas)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert meta.returncode == 0, meta.stdout[-3000:]
    _check_jsonschema(api / index["schema"], [api / "index.json"])
    for item in index["catalogs"]:
        name = item["catalog"]
        _check_jsonschema(api / item["api_schema"], [api / item["api"]])
        entries = sorted((api / name).glob("*.json"))
        _check_jsonschema(api / item["entry_schema"], entries)


def test_api_counts_and_ids_equal_the_catalog_files(site: Path) -> None:
    api = site / "api" / "v1"
    index = json.loads((api / "index.json").read_text("utf-8"))
    assert sorted(c["catalog"] for c in index["catalogs"]) == CATALOGS
    for item in index["catalogs"]:
        name = item["catalog"]
        whole = json.loads((api / item["api"]).read_text("utf-8"))
        assert item["count"] == whole["count"] == len(yaml_ids(name))
        assert {e["id"] for e in whole["entries"]} == yaml_ids(name)
        assert {p.stem for p in (api / name).glob("*.json")} == yaml_ids(name)
        for entry in whole["entries"]:
            page = resolve(site, api / item["api"], entry["url"])[0]
            assert page == site / name / entry["id"] / "index.html" and page.is_file()


def test_stats_page_has_a_table_for_every_chart_and_bars_link_facets(site: Path) -> None:
    html = (site / "stats" / "index.html").read_text("utf-8")
    assert html.count('<svg class="kb-chart-svg"') == html.count('class="kb-chart-table"') > 20
    # each table folded under its chart, in the document
    assert html.count('<details class="kb-chart-numbers">') == html.count(
        '<svg class="kb-chart-svg"'
    )
    # no chart of one bar
    for svg in re.findall(r"<svg class=\"kb-chart-svg\".*?</svg>", html, re.S):
        assert svg.count('class="kb-chart-rect"') >= 2, svg[:300]
    page = page_at(site, "stats/")  # the links a crawler finds: plain href attributes
    bars = [link for link in page.links if "?" in link and is_internal(link)]
    in_charts = re.findall(r'<a class="kb-chart-bar" href="([^"]+)"', html)
    assert in_charts and set(in_charts) <= {b.replace("&", "&amp;") for b in bars}
    for link in bars:
        target, _ = resolve(site, site / "stats" / "index.html", link)
        catalog = target.parent.name
        assert catalog in CATALOGS and target.is_file(), link
        table_html = target.read_text("utf-8")
        for key, value in parse_qsl(urlsplit(link).query):
            if key in ("sort", "cols"):
                continue
            # a facet of that catalog's table, with that value among its choices
            assert f'"field":"{key}"' in table_html and f'"value":"{value}"' in table_html, link


def test_embed_pages_show_the_whole_table_and_nothing_else(site: Path) -> None:
    for name in CATALOGS:
        path = site / "embed" / name / "index.html"
        page = read_page(path)
        (table,) = page.tables_of(name)
        assert set(table.rows) == yaml_ids(name)
        text = path.read_text("utf-8")
        assert "md-header" not in text and "md-footer" not in text and "md-nav" not in text
        for link in filter(is_internal, page.links):
            assert resolve(site, path, link)[0].is_file(), link
