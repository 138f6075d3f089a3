"""``kb init`` and the package used by another team for its own catalog.

The last test is the whole story of issue 23 as another team lives it: the built wheel in a
fresh virtual environment, ``kb init``, a catalog this site does not have (GPU clouds), and
both engines; nothing of this site may appear in that one.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from test_packaging import _clean_copy

from kb.cli import main
from kb.render.links import broken_links

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("PYTHONPATH", None)  # the new site must not see this repository's definitions

# What only this site has: a foreign site must never link to or mention any of it.
OURS = re.compile(
    r"image-generators|image-optimizers|annotation-vendors|sourcing-modes|"
    r"annotation-techniques|vision-tasks|case-studies|concepts/|contributing|2023|cv-kb"
)

GPU_DEFINITIONS = '''
from kb.data.models import CostRating, LevelRating
from kb.data.rules import CountRule


class GpuCloud(Entry):
    """A cloud that rents GPUs by the hour."""

    price_per_hour: Annotated[Usd, Column(short="From"), Display("usd"), Fact()] = Field(
        title="Price per GPU hour", description="The cheapest on-demand GPU, US$ an hour."
    )
    regions: Annotated[Some[v.Term], v.vocab("region"), Column(), Fact()] = Field(
        title="Regions", description="Where its data centres are."
    )
    coverage: Annotated[LevelRating | None, Column(), Derived("gpu-coverage")] = Field(
        default=None, title="Coverage", description="Derived from the regions."
    )
    support: Annotated[CostRating | None, Column(default=False)] = Field(
        default=None, title="Support cost", description="A reviewer's judgement."
    )


RULES = [CountRule("gpu-coverage", (("regions", "eu"), ("regions", "us"), ("regions", "asia")),
                   average_from=2, high_from=3)]
CATALOGS.append(
    CatalogSpec("gpu-clouds", GpuCloud, "GPU clouds", "GPU cloud", "Rent a GPU by the hour.")
)
'''

GPU_VOCABULARY = """
region:
  about: Where a data centre is.
  terms:
    eu: Europe
    us: United States
    asia: Asia
"""

GPU_ENTRY = """\
id: {id}
name: {name}
summary: Rents GPUs by the hour.
price_per_hour: {price}
regions: [{regions}]
added: 2026-11-01
sources:
  - url: https://example.com/{id}/pricing
    title: {name} pricing
    kind: vendor
    accessed: 2026-11-20
    supports: [price_per_hour, regions]
last_verified: 2026-11-20
"""


def test_init_writes_a_site_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "new-site"
    assert main(["init", str(target)]) == 0
    written = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert {
        "mkdocs.yml",
        "zensical.yml",
        "definitions/__init__.py",
        "definitions/vocabularies.yml",
        "catalog/static-site-generators/mkdocs.yml",
        "catalog/static-site-generators/hugo.yml",
        "docs/index.md",
        ".github/workflows/ci.yml",
        ".pre-commit-config.yaml",
        "requirements.txt",
    } <= written
    assert not any("__pycache__" in p for p in written)
    before = (target / "mkdocs.yml").read_text()
    assert main(["init", str(target)]) == 2  # not empty: refused, nothing touched
    assert "exists and is not an empty folder" in capsys.readouterr().err
    assert (target / "mkdocs.yml").read_text() == before


def _run(cmd: list[str], cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (cmd, proc.stdout[-3000:], proc.stderr[-3000:])
    return proc


@pytest.mark.slow
def test_a_new_site_builds_strictly_at_once(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    site = tmp_path / "site-src"
    _run([str(bin_dir / "kb"), "init", str(site)], tmp_path)
    _run([str(bin_dir / "kb"), "validate"], site)
    _run([str(bin_dir / "mkdocs"), "build", "--strict"], site)
    _run([str(bin_dir / "kb"), "check-site", "site"], site)
    table = (site / "site" / "static-site-generators" / "index.html").read_text()
    assert 'data-kb-id="mkdocs"' in table and 'data-kb-id="hugo"' in table
    home = (site / "site" / "index.html").read_text()
    assert 'data-kb-catalog="static-site-generators"' in home  # the directive on the home page


@pytest.mark.slow
def test_a_relative_link_in_an_entry_s_notes_keeps_its_text_not_its_address(
    tmp_path: Path,
) -> None:
    """Notes show in the table, the entry, compare and embed pages at different depths: no
    relative address is right everywhere, so none is published (and the build stays strict)."""
    bin_dir = Path(sys.executable).parent
    site = tmp_path / "s"
    _run([str(bin_dir / "kb"), "init", str(site)], tmp_path)
    entry = site / "catalog" / "static-site-generators" / "hugo.yml"
    entry.write_text(
        entry.read_text()
        + "description: See [our guide](../../guide/) and [the docs](https://gohugo.io/).\n"
    )
    _run([str(bin_dir / "mkdocs"), "build", "--strict"], site)
    page = (site / "site" / "static-site-generators" / "hugo" / "index.html").read_text()
    assert re.search(r"<a[^>]*>our guide</a>", page)
    assert "../../guide/" not in page
    assert 'href="https://gohugo.io/"' in page


def _site_links(site_dir: Path) -> list[str]:
    """Every relative link of every built HTML page that names no file of the site."""
    exists = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    exists |= {p[: -len("index.html")] for p in exists if p.endswith("index.html")}
    broken = []
    for page in site_dir.rglob("*.html"):
        url = page.relative_to(site_dir).as_posix().removesuffix("index.html")
        broken += [f"{url}: {link}" for link in broken_links(page.read_text(), url, exists)]
    return broken


@pytest.mark.slow
def test_another_team_builds_its_own_catalog_from_the_wheel(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    source = _clean_copy(tmp_path / "checkout")  # building in the checkout would litter it
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels)]
    _run([*pip_wheel, str(source)], tmp_path)
    wheel = next(wheels.glob("*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    _run([str(py), "-m", "pip", "install", "-q", str(wheel), "zensical==0.0.73"], tmp_path)
    bin_dir = env_dir / "bin"

    site = tmp_path / "gpu"
    _run([str(bin_dir / "kb"), "init", str(site)], tmp_path)
    defs = site / "definitions" / "__init__.py"
    defs.write_text(
        defs.read_text().replace(
            "from kb.data.fields import Column, Display, Fact, Text",
            "from kb.data.fields import Column, Derived, Display, Fact, Text",
        )
        + GPU_DEFINITIONS
    )
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "      - Statistics:", "      - GPU clouds: gpu-clouds/index.md\n      - Statistics:"
        )
    )
    vocabularies = site / "definitions" / "vocabularies.yml"
    vocabularies.write_text(vocabularies.read_text() + GPU_VOCABULARY)
    folder = site / "catalog" / "gpu-clouds"
    folder.mkdir()
    for entry_id, name, price, regions in (
        ("alpha-gpu", "Alpha GPU", 1.99, "eu, us, asia"),
        ("beta-cloud", "Beta Cloud", 0.79, "us"),
    ):
        text = GPU_ENTRY.format(id=entry_id, name=name, price=price, regions=regions)
        (folder / f"{entry_id}.yml").write_text(text)

    _run([str(bin_dir / "kb"), "validate"], site)
    # Every command sees the site's own catalog, as the plugin does.
    new = _run([str(bin_dir / "kb"), "new", "gpu-clouds", "gamma-gpu"], site)
    skeleton = (folder / "gamma-gpu.yml").read_text()
    assert "price_per_hour:" in skeleton and "regions:" in skeleton, new.stdout
    (folder / "gamma-gpu.yml").unlink()
    _run([str(bin_dir / "kb"), "export", "--format", "json", "--out", "exported"], site)
    exported = json.loads((site / "exported" / "gpu-clouds.json").read_text())
    assert {e["id"] for e in exported} == {"alpha-gpu", "beta-cloud"}
    _run([str(bin_dir / "kb"), "schema"], site)
    _run([str(bin_dir / "mkdocs"), "build", "--strict", "-d", "site-mkdocs"], site)
    _run([str(bin_dir / "kb"), "check-site", "site-mkdocs"], site)
    _run([str(bin_dir / "kb"), "generate"], site)
    _run([str(bin_dir / "zensical"), "build", "--clean", "-f", "zensical.yml"], site)
    _run([str(bin_dir / "kb"), "check-site", "site"], site)

    for built in (site / "site-mkdocs", site / "site"):
        table = (built / "gpu-clouds" / "index.html").read_text()
        assert 'data-kb-catalog="gpu-clouds"' in table
        assert 'data-kb-id="alpha-gpu"' in table and 'data-kb-id="beta-cloud"' in table
        facets = json.loads(re.search(r"data-kb-facets='([^']*)'", table).group(1))  # type: ignore[union-attr]
        regions = next(f for f in facets["facets"] if f["field"] == "regions")
        assert [v["label"] for v in regions["values"]] == ["Europe", "United States", "Asia"]
        entry = (built / "gpu-clouds" / "alpha-gpu" / "index.html").read_text()
        assert "US$1.99" in entry and "High" in entry  # three regions: high coverage, derived
        assert 'data-kb-rating-kind="derived">Derived from 3 of the 3' in entry
        assert "reviewer" not in entry  # a rule set it, not a person
        assert 'href="gpu-clouds/"' in (built / "index.html").read_text()  # in the menu
        assert (built / "gpu-clouds" / "compare" / "index.html").is_file()
        api = json.loads((built / "api" / "v1" / "gpu-clouds.json").read_text())
        assert [e["id"] for e in api["entries"]] == ["alpha-gpu", "beta-cloud"]
        assert api["entries"][0]["data"]["coverage"]["rating"] == "high"
        index = json.loads((built / "api" / "v1" / "index.json").read_text())
        assert [c["catalog"] for c in index["catalogs"]] == [
            "static-site-generators",
            "gpu-clouds",
        ]
        assert (built / "downloads" / "gpu-clouds.csv").read_text().startswith("id,")
        schema = json.loads((built / "schema" / "gpu-clouds.schema.json").read_text())
        assert schema["properties"]["regions"]["items"]["$ref"].endswith("Region")
        # Nothing of the computer-vision site: no page, link or wording of it.
        for page in built.rglob("*.html"):
            text = page.read_text()
            hits = {m.group(0) for m in OURS.finditer(text)}
            assert not hits, (page.relative_to(built).as_posix(), hits)
        assert not (built / "image-generators").exists()
        assert _site_links(built) == []
