"""kb.render.views and kb.render.table: whatever text a contributor writes comes out of the
templates as text.

Hypothesis writes random text (angle brackets, quotes, ampersands, template braces, any
script of any language) into every kind of text field; the rendered HTML is parsed back and
must contain no element, attribute or URL the templates did not put there, and must show
the text itself.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from hostile.test_properties import NONCHARACTERS, REFUSED_CATEGORIES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from definitions.concepts import AnnotationTechnique, SourcingMode
from kb.data.catalog import KnowledgeBase
from kb.data.introspect import specs_by_name
from kb.data.loader import load
from kb.render.cells import cell
from kb.render.table import CatalogTable
from kb.render.urls import Linker
from kb.render.views import compare_page, entry_page

# Tags and attributes the templates themselves write; a payload would add others.
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TABLE_TAGS = {"table", "caption", "thead", "tbody", "tr", "th", "td"}
BLOCKS = {"article", "p", "div", "ul", "ol", "li", "pre", "blockquote", "br", "hr"}
INLINE = {"a", "span", "time", "em", "strong", "code"}
# A technique's picture (kb.render.diagrams): inline SVG drawn from the package's shapes.
FIGURE = {"figure", "figcaption", "svg", "title", "g", "rect", "polygon", "polyline", "circle"}
FIGURE |= {"ellipse", "path", "text"}
TAGS = HEADINGS | TABLE_TAGS | BLOCKS | INLINE | FIGURE
ATTRIBUTES = {"class", "id", "href", "rel", "title", "scope", "datetime", "role", "align"}
ATTRIBUTES |= {"xmlns", "viewbox", "aria-label", "focusable", "points", "d", "rx", "ry", "r"}
ATTRIBUTES |= {"x", "y", "width", "height", "cx", "cy"}


class Parsed(HTMLParser):
    """Every start tag with its attributes, and the text, unescaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Parsed:
    parser = Parsed()
    parser.feed(html)
    parser.close()
    return parser


def assert_inert(html: str) -> Parsed:
    page = parse(html)
    for tag, attrs in page.tags:
        assert tag in TAGS, f"unexpected element <{tag}>"
        for name, value in attrs:
            assert name in ATTRIBUTES or name.startswith("data-"), f"unexpected {name}="
            if name == "href" and value:
                scheme = value.split(":", 1)[0].lower() if ":" in value.split("/")[0] else ""
                assert scheme in ("", "http", "https", "mailto"), value
    return page


# Text a validator accepts: none of the characters it refuses (the same classes as the
# hostile property tests), no surrounding space.
plain = (
    st.text(
        alphabet=st.characters(
            exclude_categories=REFUSED_CATEGORIES, exclude_characters="".join(NONCHARACTERS)
        ),
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(bool)
)
hostile = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "{{ 7*191 }}",
        "{% for x in y %}",
        "&lt;b&gt;",
        "javascript:alert(1)",
        "<svg onload=alert(1)>",
    ]
)
texts = st.one_of(plain, hostile, st.tuples(plain, hostile).map(" ".join))
RATED_LOW = {
    "rating": "low",
    "basis": "The article rates it low.",
    "source": "https://example.com/a",
}
SOURCE = {
    "url": "https://example.com/a",
    "title": "A page",
    "kind": "vendor",
    "accessed": date(2024, 5, 1),
}


def base(root: Path) -> KnowledgeBase:
    return KnowledgeBase(root)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=texts, summary=texts, title=texts, use=texts, description=texts)
def test_any_text_renders_as_text(
    name: str, summary: str, title: str, use: str, description: str
) -> None:
    kb = base(Path("catalog"))
    technique = AnnotationTechnique.model_validate(
        {
            "id": "t",
            "name": name[:80],
            "summary": summary,
            "description": description,
            "geometry": "box",
            "dimensions": ["2d"],
            "typical_uses": [use],
            "sources": [{**SOURCE, "title": title}],
            "last_verified": date(2024, 5, 2),
            "added": date(2024, 4, 1),
        }
    )
    kb.entries["annotation-techniques"]["t"] = technique
    page_html = entry_page(
        kb, "annotation-techniques", technique, Linker("annotation-techniques/t/"), None
    )
    shown = "".join(assert_inert(str(page_html)).text)
    for text in (name[:80], summary, title, use):
        assert text in shown
    listing = CatalogTable.from_catalog(kb, "annotation-techniques").as_html(
        Linker("annotation-techniques/")
    )
    shown = "".join(assert_inert(str(listing)).text)
    assert name[:80] in shown and summary in shown


def sourcing_mode(**fields: object) -> SourcingMode:
    """A valid sourcing mode with the given fields set (a name at least)."""
    return SourcingMode.model_validate(
        {
            "id": "m",
            "summary": "S",
            "time_required": RATED_LOW,
            "price": {**RATED_LOW, "rating": "cheap"},
            "labeling_quality": RATED_LOW,
            "security": RATED_LOW,
            "who_labels": "W",
            "sources": [SOURCE],
            "last_verified": date(2024, 5, 2),
            "added": date(2024, 4, 1),
            **fields,
        }
    )


def test_a_javascript_link_in_markdown_is_dropped() -> None:
    kb = base(Path("catalog"))
    mode = sourcing_mode(
        name="M", description="[click](javascript:alert(1)) and [ok](https://example.org/)"
    )
    kb.entries["sourcing-modes"]["m"] = mode
    html = str(entry_page(kb, "sourcing-modes", mode, Linker("sourcing-modes/m/"), None))
    links = [dict(attrs) for tag, attrs in parse(html).tags if tag == "a"]
    assert {"href": "https://example.org/", "rel": "nofollow ugc noopener"} in links
    assert not any("javascript" in (link.get("href") or "") for link in links)


def test_facet_values_survive_the_attribute() -> None:
    kb = base(Path("catalog"))
    mode = sourcing_mode(name="It's <b>")
    kb.entries["sourcing-modes"]["m"] = mode
    html = str(CatalogTable.from_catalog(kb, "sourcing-modes").as_html(Linker("sourcing-modes/")))
    row = next(dict(a) for t, a in parse(html).tags if t == "tr" and dict(a).get("data-kb-id"))
    assert json.loads(str(row["data-kb-values"]))["price"] == ["cheap"]
    assert row["data-kb-text"] is not None and "it's <b>" in row["data-kb-text"]


def test_empty_fields_are_named_under_the_facts_not_shown_as_dashes() -> None:
    kb = base(Path("catalog"))
    mode = sourcing_mode(name="M")  # no website, no description
    kb.entries["sourcing-modes"]["m"] = mode
    html = str(entry_page(kb, "sourcing-modes", mode, Linker("sourcing-modes/m/"), None))
    assert 'data-kb-field="website"' not in html  # no row of its own
    line = re.search(r'<p class="kb-not-given">(.*?)</p>', html)
    assert line is not None and re.sub(r"<[^>]+>", "", line.group(1)) == "Not given: Website."
    assert 'data-kb-fact-missing="website"' in html  # the compare page reads it from here
    assert 'data-kb-field="who_labels"' in html  # a field with a value keeps its row


def test_a_field_that_does_not_apply_reads_n_a_and_says_why(tree: Any) -> None:
    # A command-line optimizer has no upload limit: its empty size limit is "n/a", an
    # online one's is "not given" (the Applies mark on the model decides, not the template).
    cli_tool = tree.valid("image-optimizers", "squeeze").replace("kind: online", "kind: cli")
    tree.write("image-optimizers", "cli-tool", cli_tool.replace("id: squeeze", "id: cli-tool"))
    kb = load(tree.root)
    assert kb.ok, [p.text() for p in kb.problems]
    specs = specs_by_name("image-optimizers")
    online = cell(kb, "image-optimizers", kb.entries["image-optimizers"]["squeeze"],
                  specs["max_file_size_mb"], Linker(""))  # fmt: skip
    local = cell(kb, "image-optimizers", kb.entries["image-optimizers"]["cli-tool"],
                 specs["max_file_size_mb"], Linker(""))  # fmt: skip
    assert (online.missing, local.missing) == ("not given", "n/a")
    assert local.why is not None and "runs on your own machine" in local.why
    page = str(entry_page(kb, "image-optimizers", kb.entries["image-optimizers"]["cli-tool"],
                          Linker("image-optimizers/cli-tool/"), None))  # fmt: skip
    assert 'data-kb-fact-missing="max_file_size_mb" data-kb-missing="n/a"' in page


def test_referrers_are_grouped_by_catalog_and_field_and_retired_ones_say_so(tree: Any) -> None:
    retired = (
        tree.valid("annotation-vendors", "label-tool").replace(
            "id: label-tool\nname: Label Tool", "id: old-tool\nname: Old Tool"
        )
        + "status: discontinued\nstatus_date: 2025-01-01\nstatus_note: Shut down.\n"
    )
    tree.write("annotation-vendors", "old-tool", retired)
    kb = load(tree.root)
    assert kb.ok, [p.text() for p in kb.problems]
    technique = kb.entries["annotation-techniques"]["polygon"]
    page = str(entry_page(kb, "annotation-techniques", technique, Linker("x/y/"), None))
    line = re.search(r'<p class="kb-referrers">(.*?)</p>', page, re.S)
    assert line is not None
    text = re.sub(r"<[^>]+>", "", line.group(1))
    assert text.startswith("Annotation vendors listing it under Techniques (2): ")
    assert "Label Tool · Old Tool (discontinued)" in text  # by name; the retired one marked


def test_compare_page_lists_ids_and_names_for_its_picker_and_entry_pages_name_a_successor(
    tree: Any,
) -> None:
    retired = (
        tree.valid("annotation-vendors", "label-tool").replace(
            "id: label-tool\nname: Label Tool", "id: old-tool\nname: Old <Tool>"
        )
        + "status: superseded\nstatus_date: 2025-01-01\nstatus_note: Replaced.\n"
        + "successor: label-tool\n"
    )
    tree.write("annotation-vendors", "old-tool", retired)
    kb = load(tree.root)
    assert kb.ok, [p.text() for p in kb.problems]
    html = str(compare_page(kb, "annotation-vendors", Linker("annotation-vendors/compare/")))
    box = next(dict(a) for t, a in parse(html).tags if "data-kb-compare" in dict(a))
    listed = json.loads(str(box["data-kb-entries"]))
    # every entry, by name; ids and names only, and the status of a retired one
    assert [e["id"] for e in listed] == sorted(
        kb.entries["annotation-vendors"],
        key=lambda i: kb.entries["annotation-vendors"][i].name.lower(),
    )
    old = next(e for e in listed if e["id"] == "old-tool")
    assert old == {"id": "old-tool", "name": "Old <Tool>", "status": "Superseded"}
    assert all(set(e) == {"id", "name"} for e in listed if e["id"] != "old-tool")
    assert box["data-kb-a-singular"] == "an annotation vendor"
    assert "<Tool>" not in html  # escaped in the attribute, read back as text
    page = str(
        entry_page(
            kb,
            "annotation-vendors",
            kb.entries["annotation-vendors"]["old-tool"],
            Linker("annotation-vendors/old-tool/"),
            None,
        )
    )
    assert (
        '<div class="admonition danger kb-status" role="note" data-kb-status="superseded">' in page
    )
    assert re.search(r'<span data-kb-successor="label-tool"><a href="[^"]*label-tool/">', page)
