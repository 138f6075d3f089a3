"""kb.render.diagrams: the project's own pictures of the annotation techniques and the vision tasks,
their text alternatives, the ``kb-diagram`` directive and the pictures on entry pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from definitions.concepts import AnnotationTechnique
from kb.data.catalog import KnowledgeBase
from kb.data.vocab import vocab
from kb.render import diagrams
from kb.render.embeds import EmbedError, expand
from kb.render.urls import Linker
from kb.render.views import entry_page

CATALOG = Path(__file__).resolve().parents[2] / "catalog"
SVG = "{http://www.w3.org/2000/svg}"
HERE = Linker("concepts/page/")


def real_techniques() -> list[AnnotationTechnique]:
    """The catalog's technique files, read and checked by the model only (not the whole
    catalog, whose other folders may be mid-update)."""
    yaml = YAML(typ="safe")
    return [
        AnnotationTechnique.model_validate(yaml.load(p.read_text("utf-8")))
        for p in sorted((CATALOG / "annotation-techniques").glob("*.yml"))
    ]


def svgs(html: str) -> list[ET.Element]:
    """Every inline SVG of a fragment, parsed as XML (so each must be well-formed)."""
    found = re.findall(r"<svg\b.*?</svg>", html, re.S)
    return [ET.fromstring(s) for s in found]


def assert_described(svg: ET.Element, *words: str) -> None:
    """An image with a title, the same text as its accessible name, naming ``words``."""
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text, "no <title>"
    assert svg.get("aria-label") == title.text
    for word in words:
        assert word in title.text


def test_every_geometry_of_the_vocabulary_has_a_drawing() -> None:
    assert {t.code for t in vocab("geometry")} == set(diagrams.data()["geometry"])


@pytest.mark.parametrize("entry", real_techniques(), ids=lambda e: e.id)
def test_every_technique_of_the_catalog_gets_a_titled_diagram(entry: AnnotationTechnique) -> None:
    html = str(diagrams.for_entry("annotation-techniques", entry))
    (svg,) = svgs(html)
    assert_described(svg, entry.name)
    assert svg.find(f"{SVG}g[@class='kb-dg-marks']/*") is not None, "nothing annotated"
    caption = re.search(r"<figcaption>(.+?)</figcaption>", html)
    assert caption and caption.group(1).strip(), "no visible caption"


def test_the_catalog_has_the_five_techniques_the_pictures_cover() -> None:
    # bounding box, polygon, polyline, landmarks and mask: one geometry each
    assert sorted(e.geometry.code for e in real_techniques()) == sorted(
        ["box", "line", "pixels", "points", "polygon"]
    )


def test_the_annotation_is_derived_from_the_outline() -> None:
    square = [(10.0, 10.0), (30.0, 10.0), (30.0, 30.0), (10.0, 30.0)]
    assert diagrams.bounds(square) == (10, 10, 20, 20)
    assert diagrams.inside((20, 20), square) and not diagrams.inside((40, 20), square)
    cells = diagrams.mask_cells(square, 5)  # centres 12.5 ... 27.5: four by four
    assert sorted(cells) == [(x, y) for x in (10, 15, 20, 25) for y in (10, 15, 20, 25)]
    box = diagrams.geometry_drawing("box", "Box").marks[0]
    car = diagrams._points(diagrams.data()["objects"]["car"]["outline"])
    x0, _, w, _ = diagrams.bounds(car)
    assert (float(box.attrs["x"]), float(box.attrs["width"])) == (x0 - 1, w + 2)


def test_drawings_use_palette_colours_not_fixed_ones(loaded: KnowledgeBase) -> None:
    html = str(diagrams.tasks(loaded, HERE)) + str(diagrams.techniques(loaded, HERE))
    for svg in svgs(html):
        for element in svg.iter():
            for attribute in ("fill", "stroke", "style", "color"):
                assert attribute not in element.attrib, (element.tag, element.attrib)
    css = (Path(diagrams.__file__).parents[1] / "assets" / "diagram.css").read_text("utf-8")
    assert "currentColor" in css and "var(--md-accent-fg-color" in css
    assert not re.search(r"#000\b|black", css)


def test_the_directive_draws_every_technique_side_by_side(loaded: KnowledgeBase) -> None:
    page = 'Intro.\n\n{{< kb-diagram kind="techniques" >}}\n'
    expansion = expand(loaded, page, "docs/page.md", HERE)
    token = expansion.markdown.split()[1]
    html = expansion.apply(f"<p>Intro.</p>\n<p>{token}</p>")
    assert 'data-kb-diagrams="techniques"' in html
    # the fixture tree has two techniques: Bounding box and Polygon, by name
    drawn = svgs(html)
    assert len(drawn) == 2
    assert_described(drawn[0], "Bounding box")
    assert_described(drawn[1], "Polygon")
    assert '<a href="../../annotation-techniques/polygon/">Polygon</a>' in html


def test_the_tasks_directive_says_what_each_task_returns(loaded: KnowledgeBase) -> None:
    expansion = expand(loaded, '{{< kb-diagram kind="tasks" >}}', "docs/page.md", HERE)
    html = next(iter(expansion.blocks.values()))
    drawn = svgs(html)
    for svg, task in zip(drawn, ["Classification", "Detection", "Segmentation"], strict=True):
        assert_described(svg, task)
    assert "A box, a class and a confidence score for each object found." in html
    # a task with an entry links to it; one the catalog lacks is named without a link
    assert '<a href="../../vision-tasks/image-classification/">Classification</a>' in html
    assert "<strong>Detection</strong>" in html


def test_a_bad_diagram_attribute_is_reported_with_page_and_line(loaded: KnowledgeBase) -> None:
    page = "\n".join(
        [
            "# Pictures",
            '{{< kb-diagram kind="technique" >}}',
            '{{< kb-diagram knd="tasks" >}}',
            "{{< kb-diagram >}}",
        ]
    )
    with pytest.raises(EmbedError) as caught:
        expand(loaded, page, "docs/page.md", HERE)
    assert caught.value.lines == [
        "docs/page.md:2: kb-diagram: unknown kind 'technique'; did you mean 'techniques'?",
        "docs/page.md:3: kb-diagram: unknown attribute 'knd'; did you mean 'kind'?",
        'docs/page.md:4: kb-diagram: missing attribute kind="..."',
    ]


def test_a_technique_page_shows_its_picture_and_other_pages_none(loaded: KnowledgeBase) -> None:
    box = loaded.entries["annotation-techniques"]["bounding-box"]
    html = entry_page(loaded, "annotation-techniques", box, Linker("x/"), None)
    (svg,) = svgs(html)
    assert_described(svg, "Bounding box")
    assert html.index("data-kb-diagram") < html.index('<h2 id="facts">')
    mode = loaded.entries["sourcing-modes"]["in-house"]
    assert "<svg" not in entry_page(loaded, "sourcing-modes", mode, Linker("x/"), None)


def test_a_vision_task_page_shows_what_that_task_returns(loaded: KnowledgeBase) -> None:
    task = loaded.entries["vision-tasks"]["image-classification"]
    html = entry_page(loaded, "vision-tasks", task, Linker("x/"), None)
    (svg,) = svgs(html)
    assert_described(svg, "Classification")
