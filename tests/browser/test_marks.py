"""A reader's second pass in Chromium: retired tools after current ones, one meaning per
mark, rating scales in one direction, skip links, visible focus and touch-target size."""

from __future__ import annotations

from typing import Any

import pytest

from browser.reading import assert_clean, raw, shown_ids

pytestmark = pytest.mark.browser

DESKTOP = (1280, 800)
PHONE = (390, 844)
TABLE = "div[data-kb-state=url]"
RETIRED = ("discontinued", "superseded", "closed-to-new")


def open_at(page: Any, url: str, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(url)
    page.locator(f"{TABLE} .kb-toolbar").wait_for()


def _retired(catalog: str) -> set[str]:
    return {i for i, e in raw(catalog).items() if e.get("status", "active") in RETIRED}


def test_retired_tools_sort_after_current_ones_unless_the_reader_mixes_them(
    base_url: str, page: Any
) -> None:
    retired = _retired("image-generators")
    assert retired, "the catalog has no retired generator to show"
    for query in ("", "?sort=name", "?sort=-name", "?sort=cost"):
        open_at(page, base_url + "image-generators/" + query, DESKTOP)
        ids = shown_ids(page)
        flags = [i in retired for i in ids]
        assert flags == sorted(flags), (query, ids)  # every current one before any retired
    rows = page.locator(f"{TABLE} tr[data-kb-retired]")
    assert rows.count() == len(retired)
    open_at(page, base_url + "image-generators/?sort=name", DESKTOP)
    page.get_by_label("Retired tools last").uncheck()
    names = [raw("image-generators")[i]["name"].lower() for i in shown_ids(page)]
    assert names == sorted(names)  # mixed in by name once the reader asks
    assert_clean(page)


def test_the_ranking_leaves_out_retired_tools_unless_asked(base_url: str, page: Any) -> None:
    retired = _retired("image-generators")
    page.goto(base_url + "concepts/choosing-an-image-generator/")
    results = page.locator(".kb-rank-results li")
    results.first.wait_for()
    listed = {results.nth(i).get_attribute("data-kb-id") for i in range(results.count())}
    assert listed and not listed & retired
    page.get_by_label("Include", exact=False).check()
    listed = {results.nth(i).get_attribute("data-kb-id") for i in range(results.count())}
    assert retired <= listed


def test_no_cell_shows_a_bare_dash_and_missing_values_say_why(base_url: str, page: Any) -> None:
    for catalog in ("image-generators", "image-optimizers", "annotation-vendors"):
        open_at(page, base_url + f"{catalog}/", DESKTOP)
        cells = page.evaluate(
            """() => Array.from(document.querySelectorAll('.kb-grid td'))
                 .map(td => td.textContent.trim())"""
        )
        assert "—" not in cells and "" not in cells, catalog
    # A command-line optimizer has no upload limit: n/a; an online one that gives none: not
    # given (the model's Applies mark decides).
    optimizers = raw("image-optimizers")
    cli = next(i for i, e in optimizers.items() if e["kind"] == "cli")
    open_at(page, base_url + "image-optimizers/", DESKTOP)
    mark = page.locator(f'tr[data-kb-id="{cli}"] td[data-kb-field="max_file_size_mb"]')
    assert mark.inner_text().strip() == "n/a"
    assert "Not applicable" in (mark.locator(".kb-missing").get_attribute("title") or "")


def test_every_rating_scale_fills_more_pips_for_the_better_end(base_url: str, page: Any) -> None:
    # Sourcing modes: expensive (bad) and high quality (good) must not look alike.
    page.goto(base_url + "sourcing-modes/")
    legend = page.locator(".kb-legend")
    legend.wait_for()
    pips = page.evaluate(
        """() => Object.fromEntries(Array.from(
             document.querySelectorAll('.kb-legend [data-kb-legend-for] .kb-level'))
             .map(l => [l.closest('[data-kb-legend-for]').dataset.kbLegendFor + ':' +
                        l.textContent.trim(), l.querySelectorAll('.kb-pip-on').length]))"""
    )
    assert pips["price:Cheap"] == 3 and pips["price:Expensive"] == 1
    assert pips["labeling_quality:High"] == 3 and pips["labeling_quality:Low"] == 1
    assert pips["time_required:Low"] == 3 and pips["security:High"] == 3


def test_skip_links_take_the_keyboard_to_the_filters_and_to_the_results(
    base_url: str, page: Any
) -> None:
    open_at(page, base_url + "annotation-vendors/", DESKTOP)
    page.locator(".kb-skip").first.focus()
    assert page.locator(".kb-skip").first.is_visible()  # shown when focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the results"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.tagName === 'TABLE'", timeout=3000)
    # From there the keyboard is in the table: past the column headers' sort buttons, the
    # first row's controls come next, not the filter panel's dozens of checkboxes.
    for presses in range(1, 30):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('tbody tr[data-kb-id]')"):
            break
        assert page.evaluate("!!document.activeElement.closest('table')"), presses
    assert presses <= 15, presses


def test_search_box_shows_focus(base_url: str, page: Any) -> None:
    open_at(page, base_url + "image-generators/", DESKTOP)
    box = page.locator(".kb-search input")
    box.focus()
    outline = box.evaluate(
        "e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth"
    )
    assert outline.startswith("solid") and not outline.endswith(" 0px")


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_no_small_control_is_under_24_px(base_url: str, page: Any, size: tuple[int, int]) -> None:
    # Links inside running text are exempt (WCAG 2.5.8 "inline"); the table's and the entry
    # page's own controls are not.
    targets = ".kb-help, .kb-chip a, .kb-cite a, .kb-grid a.kb-rating, .kb-toolbar button"
    for path in ("image-generators/", "image-generators/midjourney/"):
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        small = page.evaluate(
            """(sel) => Array.from(document.querySelectorAll(sel))
                 .filter(e => e.offsetParent !== null)
                 .map(e => { const r = e.getBoundingClientRect();
                             return [e.className || e.tagName, r.width, r.height]; })
                 .filter(([, w, h]) => w < 24 || h < 24)""",
            targets,
        )
        assert small == [], (path, small[:5])


def test_phone_filters_open_as_a_sheet_that_counts_and_closes_onto_the_results(
    base_url: str, page: Any
) -> None:
    open_at(page, base_url + "image-generators/", PHONE)
    page.locator(".kb-filter-toggle").click()  # 1
    panel = page.locator(".kb-facets")
    box = panel.bounding_box()
    assert box is not None and box["y"] > PHONE[1] * 0.25  # rows stay in sight above it
    assert panel.evaluate("e => getComputedStyle(e).position") == "fixed"
    api = page.locator('.kb-facets input[value="api"]')
    api.check()  # 2
    n = sum(1 for e in raw("image-generators").values() if "api" in e["access"])
    done = page.locator(".kb-sheet-foot button")
    assert done.inner_text() == f"Show {n} results"
    done.click()  # 3
    assert not panel.is_visible()
    assert len(shown_ids(page)) == n


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_embed_reads_like_the_site(base_url: str, page: Any, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(base_url + "embed/annotation-vendors/")
    page.locator(".kb-toolbar").wait_for()
    wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not wide  # no sideways scroll at either width
    toggle = page.locator(".kb-filter-toggle")
    if size == PHONE:
        shown = page.evaluate(
            "getComputedStyle(document.querySelector('.kb-grid tbody tr')).display"
        )
        assert shown == "block"  # each row a card
        toggle.click()
        assert page.locator(".kb-facets").is_visible()
    else:
        assert not toggle.is_visible()  # no button that does nothing on a desktop
        assert page.locator(".kb-facets").is_visible()
