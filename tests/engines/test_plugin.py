"""The MkDocs plugin, through real ``mkdocs build`` runs on small projects in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import VALID, entry_text
from hostile.site import build, make_project, published_yml

pytestmark = pytest.mark.slow

MKDOCS_YML = published_yml("Plugin test")


def make(tmp_path: Path, index: str = "# Home\n", **entries: str) -> Path:
    """A project with this file's mkdocs.yml; entries given as ``catalog__id="yaml"``."""
    extra = {tuple(k.split("__")): v for k, v in entries.items()}
    return make_project(tmp_path, extra, mkdocs_yml=MKDOCS_YML, index=index)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unmodified test project, built once for the tests that only read it."""
    project = make(tmp_path_factory.mktemp("plain"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project


def page(project: Path, url: str) -> str:
    return (project / "site" / url / "index.html").read_text(encoding="utf-8")


def rated(level: str) -> dict[str, str]:
    """A rating as the fixture's YAML writes it (flow mappings in tests/conftest.py)."""
    return {"rating": level, "basis": f"Rated {level}.", "source": "https://example.com/article"}


def test_every_catalog_entry_and_download_is_generated(plain: Path) -> None:
    project = plain
    for catalog, entry_id in VALID:
        assert f'data-kb-id="{entry_id}"' in page(project, f"{catalog}/{entry_id}")
        assert f'<tr data-kb-id="{entry_id}"' in page(project, catalog)
    rows = json.loads((project / "site/downloads/sourcing-modes.json").read_text())
    assert rows == [
        {
            "id": "in-house",
            "name": "In-house",
            "summary": "Your own staff label the data.",
            "sources": [
                {
                    "url": "https://example.com/article",
                    "title": "An article about the subject",
                    "accessed": "2024-05-01",
                    "kind": "vendor",
                }
            ],
            "last_verified": "2024-05-02",
            "added": "2024-04-01",
            "time_required": rated("high"),
            "price": rated("expensive"),
            "labeling_quality": rated("high"),
            "security": rated("high"),
            "who_labels": "Employees of the company that owns the data.",
        }
    ]
    assert (project / "site/downloads/annotation-vendors.csv").read_text().startswith("id,name,")
    schema = json.loads((project / "site/schema/case-studies.schema.json").read_text())
    assert "metric" in schema["properties"]
    assert (project / "site/assets/kb/table.js").stat().st_size > 0


def test_entry_page_shows_labels_links_sources_and_edit_link(plain: Path) -> None:
    project = plain
    html = page(project, "annotation-vendors/label-tool")
    assert "Open source" in html  # the label, not the code "open-source"
    assert 'href="../../annotation-techniques/polygon/">Polygon</a>' in html
    assert "An article about the subject" in html
    assert 'accessed <time datetime="2024-05-01">' in html
    assert "Maker&#39;s own page" in html or "Maker's own page" in html  # the source's kind
    edit = "https://github.com/example/kb/edit/main/catalog/annotation-vendors/label-tool.yml"
    assert f'href="{edit}"' in html
    # last_verified 2024-05-02 is more than a year ago: the reader is warned
    assert "may be out of date" in html
    # the technique's page lists who references it
    assert "Label Tool" in page(project, "annotation-techniques/polygon")


def test_entry_pages_stay_out_of_the_navigation(plain: Path) -> None:
    project = plain
    home = page(project, "")
    assert 'href="sourcing-modes/"' in home  # the catalog page is in the nav
    assert "in-house/" not in home and "label-tool" not in home


def test_invalid_data_fails_the_build_with_file_line_col(tmp_path: Path) -> None:
    bad = entry_text("sourcing-modes", "in-house").replace("{rating: expensive", "{rating: pricey")
    project = make(tmp_path, **{"sourcing-modes__in-house": bad})
    result = build(project)
    assert result.returncode != 0
    assert (
        "catalog/sourcing-modes/in-house.yml:5:17: price.rating: 'pricey' is not allowed"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_embed_mistakes_fail_with_page_and_line(tmp_path: Path) -> None:
    index = (
        "# Home\n\n"
        '{{< kb-table catalog="sourcing-mode" >}}\n\n'
        '{{< kb-table catalog="sourcing-modes" columns="name,prize" >}}\n\n'
        'See {{< kb-link catalog="annotation-vendors" id="label-tol" >}}.\n'
    )
    result = build(make(tmp_path, index))
    assert result.returncode != 0
    err = result.stderr
    assert "docs/index.md:3: unknown catalog 'sourcing-mode'; did you mean 'sourcing-modes'?" in err
    assert "docs/index.md:5: sourcing-modes has no column 'prize'; did you mean 'price'?" in err
    assert "docs/index.md:7: annotation-vendors has no entry 'label-tol'" in result.stderr
    assert "Traceback" not in result.stderr


def test_embeds_render_tables_links_and_leave_code_alone(tmp_path: Path) -> None:
    index = (
        "# Home\n\n"
        '{{< kb-table catalog="annotation-vendors" columns="name,license" '
        'filter="license=commercial" >}}\n\n'
        '{{< kb-table catalog="annotation-techniques" sort="-name" >}}\n\n'
        'We count {{< kb-count catalog="annotation-techniques" >}} techniques; '
        'try {{< kb-link catalog="annotation-vendors" id="label-tool" >}}.\n\n'
        "```\n"
        '{{< kb-table catalog="nothing-checks-this" >}}\n'
        "```\n"
    )
    project = make(tmp_path, index)
    result = build(project)
    assert result.returncode == 0, result.stderr
    html = page(project, "")
    assert 'data-kb-catalog="annotation-vendors"' in html
    assert 'data-kb-id="label-tool"' not in html.split("annotation-techniques")[0]  # filtered out
    polygon = html.index('<tr data-kb-id="polygon"')
    assert polygon < html.index('<tr data-kb-id="bounding-box"')  # sorted by name, descending
    assert "We count 2 techniques" in html
    assert '<a href="annotation-vendors/label-tool/" class="kb-link">Label Tool</a>' in html
    assert "{{&lt; kb-table catalog=&quot;nothing-checks-this&quot; &gt;}}" in html


def test_values_from_yaml_are_escaped_everywhere(tmp_path: Path) -> None:
    hostile = (
        entry_text("annotation-vendors", "label-tool")
        .replace("name: Label Tool", "name: '<img src=x onerror=alert(1)>'")
        .replace(
            "summary: An open-source labeling tool.",
            "summary: '\"><script>alert(2)</script>'\n"
            'description: "[click](javascript:alert(3)) <b onclick=x>bold</b>"',
        )
    )
    project = make(tmp_path, **{"annotation-vendors__label-tool": hostile})
    result = build(project)
    assert result.returncode == 0, result.stderr
    pages = ("annotation-vendors/label-tool", "annotation-vendors", "annotation-techniques/polygon")
    for url in pages:
        html = page(project, url)
        assert "<img src=x" not in html and "<script>alert" not in html, url
        assert "javascript:" not in html and "onclick" not in html, url
    title = page(project, "annotation-vendors/label-tool").split("<title>")[1].split("</title>")[0]
    assert title.startswith("&lt;img src=x")
