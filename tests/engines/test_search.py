"""What the search plugin reads of a page (kb.engines.plugin.search): the light copy leaves
out what the page marks for exclusion, and the page is put back byte for byte."""

from __future__ import annotations

from material.plugins.search.plugin import Parser

from kb.engines.plugin.search import search_view

PAGE = (
    '<h1 id="t">Title</h1><p>Before <a href="x/" title="a">link</a>.</p>'
    '<div class="kb-table" data-search-exclude><div><table><tr><td>row 1</td></tr>'
    "</table></div><p>Legend</p></div>"
    '<h2 id="after">After</h2><ul><li><span class="kb-chip">Chip</span></li></ul>'
)


def _index(html: str) -> list[tuple[str | None, str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data]


def test_the_search_reads_no_excluded_element_and_the_page_comes_back_whole() -> None:
    view = search_view(PAGE)
    assert view is not None
    assert "row 1" not in view.light and "Legend" not in view.light
    assert "Before" in view.light and "After" in view.light
    assert view.restore(view.light) == PAGE


def test_a_generated_page_is_indexed_as_before_with_fewer_tags() -> None:
    view = search_view(PAGE, generated=True)
    assert view is not None
    assert view.light.count("<") < search_view(PAGE).light.count("<")  # type: ignore[union-attr]
    assert _index(view.light) == _index(search_view(PAGE).light)  # type: ignore[union-attr]
    assert view.restore(view.light) == PAGE


def test_another_plugins_change_keeps_the_cut_elements() -> None:
    view = search_view(PAGE)
    assert view is not None
    changed = view.light.replace("Before", "Earlier")
    assert view.restore(changed) == PAGE.replace("Before", "Earlier")


def test_a_page_with_nothing_to_leave_out_is_left_alone() -> None:
    assert search_view("<p>plain</p>") is None
    assert search_view("<p data-search-exclude>never closed") is None
