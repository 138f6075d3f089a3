"""The comparison as a reader sees it, in a real Chromium at 1280 x 800, 1440 x 900 and 390 x 844:
default columns in view, phone cards with labels, caption and status in agreement, filters
in sight, column choice in the URL, selection after Back, honest ratings and rankings, axe."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from browser.reading import (
    CATALOG,
    assert_clean,
    downloaded,
    raw,
    serious_violations,
    shown_ids,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CATALOGS = sorted(p.name for p in CATALOG.iterdir() if p.is_dir())
DESKTOPS = [(1280, 800), (1440, 900)]
PHONE = (390, 844)
TABLE = "div[data-kb-state=url]"


def open_at(page: Any, url: str, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(url)
    page.locator(f"{TABLE} .kb-toolbar").wait_for()


GEOMETRY = """(sel) => {
  const box = document.querySelector(sel + " .kb-table-scroll");
  const table = box.querySelector("table");
  const heads = [...table.tHead.rows[0].cells].filter(th => !th.hidden);
  return {
    tableWidth: table.offsetWidth, boxWidth: box.clientWidth, boxScroll: box.scrollWidth,
    pageScroll: document.documentElement.scrollWidth, viewport: window.innerWidth,
    heads: heads.map(th => ({field: th.dataset.kbField,
                             left: th.getBoundingClientRect().left,
                             right: th.getBoundingClientRect().right})),
  };
}"""


# Every table in a page's content wider than the box it sits in (its scroll box, Material's
# scroll wrapper, or the content column).
OVERFLOWING = """() => [...document.querySelectorAll(".md-content table")].map(t => {
  const box = t.closest(".kb-table-scroll, .md-typeset__scrollwrap") || t.parentElement;
  return {table: t.className || "(plain)", box: box.clientWidth, width: t.offsetWidth};
}).filter(x => x.width > x.box + 1)"""

# Hand-written pages that embed comparison tables or a format matrix.
EMBEDDING_PAGES = [
    "concepts/choosing-an-image-generator/",
    "concepts/optimizing-images/",
    "concepts/image-annotation/",
    "concepts/recognition-vs-classification/",
    "concepts/neural-network-classification/",
]


# Words (without a hyphen or slash, where a break is allowed) laid out on two lines, in
# every element the selector matches.
BROKEN_WORDS = """(sel) => {
  const broken = [];
  for (const root of document.querySelectorAll(sel)) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const re = /[^\\s\\-\\/]{2,}/g;
    let m;
    while ((m = re.exec(node.data))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
  }
  return broken;
}"""


@pytest.mark.parametrize("size", DESKTOPS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("catalog", CATALOGS)
def test_every_default_column_in_view_on_a_laptop(
    base_url: str, page: Any, catalog: str, size: tuple[int, int]
) -> None:
    open_at(page, base_url + f"{catalog}/", size)
    g = page.evaluate(GEOMETRY, TABLE)
    assert len(g["heads"]) >= 3, g["heads"]  # the name and at least two facts
    outside = [h["field"] for h in g["heads"] if h["left"] < 0 or h["right"] > g["viewport"]]
    assert outside == [], f"columns outside the {size[0]} px viewport: {outside}"
    assert g["boxScroll"] <= g["boxWidth"], "the table scrolls sideways"
    assert g["pageScroll"] <= g["viewport"], "the page scrolls sideways"
    assert page.evaluate(BROKEN_WORDS, f"{TABLE} table") == [], "words cut in two"
    assert_clean(page)


CARD = """(sel) => {
  const row = document.querySelector(sel + " tbody tr");
  const cells = [...row.cells].filter(c => getComputedStyle(c).display !== "none");
  const heads = [...document.querySelector(sel + " thead tr").cells].filter(th => !th.hidden);
  return {
    pageScroll: document.documentElement.scrollWidth, viewport: window.innerWidth,
    rowRight: row.getBoundingClientRect().right,
    name: cells[0].querySelector(".kb-name").textContent,
    labels: cells.slice(1).map(c => getComputedStyle(c, "::before").content.replace(/^"|"$/g, "")),
    headers: heads.slice(1).map(
      th => th.textContent.replace(/[\\u2195\\u2191\\u2193?]/g, "").trim()),
    widths: cells.map(c => c.getBoundingClientRect().right),
  };
}"""


@pytest.mark.parametrize("size", DESKTOPS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("url", EMBEDDING_PAGES)
def test_embedded_tables_fit_a_concept_page_on_a_laptop(
    base_url: str, page: Any, url: str, size: tuple[int, int]
) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(base_url + url)
    page.locator("[data-kb-table] .kb-toolbar").first.wait_for()
    assert page.evaluate(OVERFLOWING) == [], "a table scrolls sideways in its page"
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    assert_clean(page)


@pytest.mark.parametrize("catalog", CATALOGS)
def test_each_row_is_a_labelled_card_on_a_phone(base_url: str, page: Any, catalog: str) -> None:
    open_at(page, base_url + f"{catalog}/", PHONE)
    card = page.evaluate(CARD, TABLE)
    assert card["pageScroll"] <= card["viewport"], "the page scrolls sideways on a phone"
    assert card["rowRight"] <= card["viewport"]
    assert max(card["widths"]) <= card["viewport"]
    data = raw(catalog)
    assert card["name"] in {d["name"] for d in data.values()}
    assert len(card["labels"]) >= 2
    assert card["labels"] == card["headers"]  # every field shown with its column's label
    assert_clean(page)


SORT_PILLS = """(sel) => [...document.querySelector(sel + " thead tr").cells]
  .filter(th => !th.hidden)
  .map(th => { const r = th.getBoundingClientRect(), b = th.querySelector(".kb-sort");
               return {left: r.left, right: r.right, height: r.height,
                       line: parseFloat(getComputedStyle(b).lineHeight) || r.height,
                       help: [...th.querySelectorAll(".kb-help")].some(a => a.offsetParent)}; })
"""


def test_sort_buttons_are_one_line_pills_on_a_phone(base_url: str, page: Any) -> None:
    open_at(page, base_url + "image-generators/", PHONE)
    pills = page.evaluate(SORT_PILLS, TABLE)
    assert len(pills) >= 8
    for pill in pills:
        assert pill["left"] >= 0 and pill["right"] <= PHONE[0]
        assert pill["height"] < 2 * pill["line"], "a sort button's label wraps"
        assert not pill["help"]  # the scales' "?" links are left to the legend on a phone
    page.locator(f"{TABLE} thead th[data-kb-field=cost] .kb-sort").click()
    assert page.locator(f"{TABLE} thead th[data-kb-field=cost]").get_attribute("aria-sort")
    data = downloaded(base_url, "image-generators")
    first = data[shown_ids(page)[0]]["cost"].get("rating")
    assert first == "cheap", "sorting by cost puts the cheapest first"
    assert_clean(page)


# Every page kind a reader reaches from the navigation, beside the catalog pages.
READING_PAGES = [
    "",
    *EMBEDDING_PAGES,
    "glossary/",
    "use-the-data/",
    "contributing/",
    "security/",
    "stats/",
    "annotation-vendors/cvat/",
    "image-generators/dall-e-2/",
]


@pytest.mark.parametrize("url", READING_PAGES)
def test_no_page_scrolls_sideways_or_cuts_a_word_on_a_phone(
    base_url: str, page: Any, url: str
) -> None:
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    page.goto(base_url + url)
    page.locator(".md-content").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    # Links in tables (catalog names, tools in the format matrix) stay whole words; only a
    # two-dimensional matrix may scroll sideways, inside its own box.
    assert page.evaluate(BROKEN_WORDS, ".md-content td a, .md-content th a") == []
    wide = [t for t in page.evaluate(OVERFLOWING) if t["table"] != "kb-matrix"]
    assert wide == [], "a table is wider than its box on a phone"
    assert_clean(page)


def test_caption_and_status_agree_after_filtering(base_url: str, page: Any) -> None:
    data = raw("annotation-vendors")
    open_at(page, base_url + "annotation-vendors/", DESKTOPS[0])
    page.locator("fieldset[data-kb-facet=license] input[value=open-source]").check()
    page.locator(".kb-search input").press_sequentially("cloud", delay=20)
    status = page.locator(f"{TABLE} .kb-status").inner_text()
    caption = page.locator(f"{TABLE} caption").inner_text()
    assert status == f"Showing {len(shown_ids(page))} of {len(data)}"
    assert caption == f"Annotation vendors: s{status[1:]}"
    assert shown_ids(page) and all(data[i]["license"] == "open-source" for i in shown_ids(page))
    assert_clean(page)


def test_filters_fold_behind_a_counting_button_on_a_phone(base_url: str, page: Any) -> None:
    open_at(page, base_url + "annotation-vendors/?license=open-source&license=commercial", PHONE)
    toggle = page.locator(f"{TABLE} .kb-filter-toggle")
    assert toggle.inner_text() == "Filters (2)"
    assert not page.locator(f"{TABLE} .kb-facets").is_visible()
    chips = page.locator(f"{TABLE} .kb-chips button")
    remove = "\u00d7"  # the multiplication sign on each chip
    assert chips.all_inner_texts() == [
        f"License: Open source {remove}",
        f"License: Commercial {remove}",
    ]
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator(f"{TABLE} .kb-facets").is_visible()
    page.locator(f"{TABLE} .kb-sheet-foot button").click()  # the sheet closes onto the rows
    assert not page.locator(f"{TABLE} .kb-facets").is_visible()
    chips.first.click()  # a chip removes its filter
    assert "license=open-source" not in page.url and "license=commercial" in page.url
    assert toggle.inner_text() == "Filters (1)"
    assert not page.locator("fieldset[data-kb-facet=license] input[value=open-source]").is_checked()
    assert_clean(page)


def test_filters_are_in_sight_on_a_laptop(base_url: str, page: Any) -> None:
    open_at(page, base_url + "image-optimizers/", DESKTOPS[0])
    assert page.locator(f"{TABLE} .kb-facets").is_visible()
    assert not page.locator(f"{TABLE} .kb-filter-toggle").is_visible()
    used = {k for d in raw("image-optimizers").values() for k in d.get("pricing", [])}
    offered = page.locator("fieldset[data-kb-facet=pricing] input").evaluate_all(
        "boxes => boxes.map(b => b.value)"
    )
    assert set(offered) == used  # no value that no entry uses
    assert_clean(page)


def test_a_chosen_column_survives_a_reload(base_url: str, page: Any) -> None:
    open_at(page, base_url + "sourcing-modes/", DESKTOPS[0])
    column = page.locator(f"{TABLE} thead th[data-kb-field=who_labels]")
    assert not column.is_visible()
    page.locator(f"{TABLE} .kb-columns-toggle").click()
    page.locator(f"{TABLE} input[data-kb-column=who_labels]").check()
    assert column.is_visible()
    assert "cols=" in page.url and "who_labels" in page.url
    page.reload()
    page.locator(f"{TABLE} .kb-toolbar").wait_for()
    assert column.is_visible()
    cell = page.locator(f"{TABLE} tr[data-kb-id=in-house] td[data-kb-field=who_labels]")
    assert cell.inner_text() == raw("sourcing-modes")["in-house"]["who_labels"]
    page.go_back()  # Back undoes the choice
    assert not column.is_visible()
    assert_clean(page)


def test_unknown_column_names_in_the_url_are_ignored(base_url: str, page: Any) -> None:
    open_at(page, base_url + "case-studies/?cols=nope,dataset,%3Cb%3E", DESKTOPS[0])
    visible = page.locator(f"{TABLE} thead th:not([hidden])").evaluate_all(
        "heads => heads.map(h => h.dataset.kbField)"
    )
    assert visible == ["name", "dataset"]
    assert page.locator(f"{TABLE} b").count() == 0
    assert_clean(page)


def test_back_from_compare_keeps_selection_and_button_consistent(base_url: str, page: Any) -> None:
    open_at(page, base_url + "annotation-vendors/", DESKTOPS[0])
    for entry in ("labelme", "cvat"):
        page.locator(f"tr[data-kb-id={entry}] input.kb-select").check()
    page.locator(f"{TABLE} .kb-compare-button").click()
    page.wait_for_url("**/compare/?id=cvat&id=labelme")
    page.go_back()
    page.locator(f"{TABLE} .kb-toolbar").wait_for()
    ticked = page.locator(f"{TABLE} input.kb-select:checked").count()
    button = page.locator(f"{TABLE} .kb-compare-button")
    if ticked >= 2:
        assert button.is_enabled() and button.inner_text() == f"Compare selected ({ticked})"
    else:
        assert not button.is_enabled()
    assert_clean(page)


def _ratings(base_url: str, catalog: str, fields: list[str]) -> dict[str, dict[str, str | None]]:
    data = downloaded(base_url, catalog)
    return {i: {f: (d.get(f) or {}).get("rating") for f in fields} for i, d in data.items()}


def test_a_missing_rating_reads_not_rated_and_sorts_last(base_url: str, page: Any) -> None:
    fields = ["ease_of_use", "customizability", "cost", "versatility"]
    ratings = _ratings(base_url, "image-generators", fields)
    open_at(page, base_url + "image-generators/", DESKTOPS[0])
    for entry_id, levels in ratings.items():
        for field, level in levels.items():
            text = page.locator(f"tr[data-kb-id={entry_id}] td[data-kb-field={field}]").inner_text()
            if level is None:
                assert text == "not rated"
            else:
                assert text.lower() == level.replace("-", " ")
    page.get_by_label("Retired tools last").uncheck()  # rated or not, retired ones go last
    page.locator(f"{TABLE} th[data-kb-field=cost] button").click()
    order = shown_ids(page)
    unrated = [i for i in order if ratings[i]["cost"] is None]
    assert order[len(order) - len(unrated) :] == unrated
    # the header's explanation is reachable by keyboard and named for screen readers
    button = page.locator(f"{TABLE} th[data-kb-field=cost] button")
    described = button.get_attribute("aria-describedby")
    assert described and "Cheap" in page.locator(f"#{described}").inner_text()
    help_link = page.locator(f"{TABLE} th[data-kb-field=cost] a.kb-help")
    assert str(help_link.get_attribute("href")).endswith(f"#{described}")
    assert_clean(page)


def test_ranking_counts_only_what_is_rated(base_url: str, page: Any) -> None:
    fields = ["ease_of_use", "customizability", "cost", "versatility"]
    ratings = _ratings(base_url, "image-generators", fields)
    page.goto(base_url + "concepts/choosing-an-image-generator/")
    widget = page.locator("[data-kb-rank][data-kb-catalog=image-generators]")
    items = widget.locator(".kb-rank-results li")
    items.first.wait_for()
    seen_unrated = False
    scores: list[int] = []
    for li in items.all():
        entry_id = str(li.get_attribute("data-kb-id"))
        text = li.inner_text()
        rated = sum(1 for f in fields if ratings[entry_id][f] is not None)
        if rated == 0:
            assert "%" not in text and "not rated" in text, text
            seen_unrated = True
        else:
            # equal weights: a criterion without a rating counts for nothing
            percent = int(re.search(r"(\d+)% match", text).group(1))  # type: ignore[union-attr]
            assert percent <= round(100 * rated / len(fields)), text
            scores.append(percent)
            if rated < len(fields):
                assert f"rated on {rated} of {len(fields)} criteria" in text, text
            else:
                assert "rated on" not in text, text
        if seen_unrated:
            assert rated == 0, "an entry rated on nothing is listed before a rated one"
    assert scores == sorted(scores, reverse=True)
    assert_clean(page)


def test_slider_labels_agree_with_the_scale(base_url: str, page: Any) -> None:
    page.goto(base_url + "concepts/image-annotation/")
    widget = page.locator("[data-kb-rank][data-kb-catalog=sourcing-modes]")
    label = widget.locator("label", has_text="Speed").inner_text()
    assert label == "Speed — time required: low scores highest"
    cost = widget.locator("label", has_text="Cost").inner_text()
    assert cost == "Cost — price: cheap scores highest"
    assert_clean(page)


def test_compare_page_on_a_phone_keeps_field_labels_in_view(base_url: str, page: Any) -> None:
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    page.goto(base_url + "image-generators/compare/?id=dall-e-2&id=midjourney&id=canva")
    page.locator(".kb-compare thead").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    box = page.locator(".kb-compare [data-kb-compare-result]")
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")  # to the last entry
    label = page.locator(".kb-compare tr[data-kb-field=customizability] th").bounding_box()
    last = page.locator(".kb-compare tr[data-kb-field=customizability] td").last.bounding_box()
    assert label and last
    assert label["x"] >= 0 and label["x"] + label["width"] <= PHONE[0]
    assert last["x"] >= label["x"] + label["width"] - 1  # the entry beside its label
    assert last["x"] + last["width"] <= PHONE[0] + 1  # one entry fits the screen
    assert page.evaluate(BROKEN_WORDS, ".kb-compare th[scope=row]") == [], "a label cut in two"
    assert_clean(page)


GENERATORS = "image-generators/compare/"


def open_compare(page: Any, base_url: str, ids: list[str]) -> None:
    """The compare page of these image generators at 1280 px, once their columns are drawn."""
    page.set_viewport_size({"width": DESKTOPS[0][0], "height": DESKTOPS[0][1]})
    page.goto(base_url + GENERATORS + "?" + "&".join(f"id={i}" for i in ids))
    page.locator(".kb-compare thead").wait_for()


def compared(page: Any) -> list[str]:
    heads = page.locator(".kb-compare thead th[data-kb-id]")
    return [str(h.get_attribute("data-kb-id")) for h in heads.all()]


def url_ids(page: Any) -> list[str]:
    return parse_qs(urlsplit(page.url).query).get("id", [])


def test_compare_status_row_names_a_successor(base_url: str, page: Any) -> None:
    data = raw("image-generators")
    assert (
        data["dall-e-2"]["status"] == "superseded" and data["dall-e-2"]["successor"] == "gpt-image"
    )
    assert data["flux"].get("status", "active") == "active"
    open_compare(page, base_url, ["dall-e-2", "flux"])
    row = page.locator(".kb-compare tr[data-kb-field=status]")
    assert "Status" in row.locator("th").inner_text()
    old = row.locator("td[data-kb-id=dall-e-2]")
    assert old.locator(".kb-state").inner_text().startswith("Superseded since 2026-05-12")
    successor = old.locator(".kb-successor a")
    assert successor.inner_text() == data["gpt-image"]["name"]
    assert str(successor.get_attribute("href")).endswith("../gpt-image/")
    assert row.locator("td[data-kb-id=flux]").inner_text() == "Active"
    # the successor is one click away from the comparison
    old.locator("button[data-kb-add=gpt-image]").click()
    page.locator(".kb-compare thead th[data-kb-id=gpt-image]").wait_for()
    assert compared(page) == ["dall-e-2", "flux", "gpt-image"]
    focused = "document.activeElement.closest('th') && document.activeElement.closest('th')"
    assert page.evaluate(focused + ".dataset.kbId") == "gpt-image"  # focus not lost
    assert url_ids(page) == ["dall-e-2", "flux", "gpt-image"]
    assert row.locator("td[data-kb-id=dall-e-2] button").count() == 0  # compared already
    assert_clean(page)


def test_compare_marks_differences_and_can_hide_identical_rows(base_url: str, page: Any) -> None:
    data = raw("image-generators")
    one, two = data["dall-e-2"], data["dall-e-3"]
    assert one["maker"] == two["maker"] and one["summary"] != two["summary"]
    assert (one["status"], one["status_date"], one["successor"]) == (
        two["status"],
        two["status_date"],
        two["successor"],
    )
    open_compare(page, base_url, ["dall-e-2", "dall-e-3"])
    rows = page.locator(".kb-compare tbody tr")
    differing = page.locator(".kb-compare tbody tr[data-kb-differs]")
    for same in ("maker", "status"):
        row = page.locator(f".kb-compare tr[data-kb-field={same}]")
        assert row.get_attribute("data-kb-differs") is None, same
        assert "\u2260" not in row.locator("th").inner_text()
    for other in ("summary", "pricing", "features"):
        row = page.locator(f".kb-compare tr[data-kb-field={other}]")
        assert row.get_attribute("data-kb-differs") == "", other
        head = row.locator("th")
        # marked by a sign and in words, not by colour alone
        assert head.locator(".kb-differs-mark").inner_text() == "\u2260"
        assert head.locator(".kb-visually-hidden").text_content() == " (differs)"
        weight = head.evaluate("h => getComputedStyle(h).fontWeight")
        assert int(weight) >= 700
    # a row where neither has a value ("not given", "n/a") is not a difference
    empty = [f for f in ("plan_price_min", "api_price_max") if f not in one and f not in two]
    assert empty
    for field in empty:
        row = page.locator(f".kb-compare tr[data-kb-field={field}]")
        assert row.get_attribute("data-kb-differs") is None, field
    total, differ = rows.count(), differing.count()
    assert 0 < differ < total
    status = page.locator(".kb-compare .kb-status")
    assert f"{differ} of {total} rows differ" in status.inner_text()

    toggle = page.get_by_role("checkbox", name="Only differences")
    toggle.focus()
    page.keyboard.press("Space")  # by keyboard
    assert toggle.is_checked()
    assert page.locator(".kb-compare tr[data-kb-field=maker]").is_hidden()
    assert page.locator(".kb-compare tr[data-kb-field=summary]").is_visible()
    visible = page.locator(".kb-compare tbody tr:visible")
    assert visible.count() == differ
    assert f"Showing the {differ} of {total} rows that differ" in status.inner_text()
    assert status.get_attribute("role") == "status"  # announced
    assert parse_qs(urlsplit(page.url).query)["only"] == ["differences"]  # and shared
    other = page.context.new_page()
    other.goto(page.url)
    other.locator(".kb-compare thead").wait_for()
    assert other.get_by_role("checkbox", name="Only differences").is_checked()
    assert other.locator(".kb-compare tbody tr:visible").count() == differ
    other.close()
    page.keyboard.press("Space")
    assert not toggle.is_checked()
    assert page.locator(".kb-compare tbody tr:visible").count() == total
    assert "only" not in parse_qs(urlsplit(page.url).query)
    assert_clean(page)


def test_compare_shows_entries_in_the_order_of_the_address(base_url: str, page: Any) -> None:
    # neither the table's order (by name) nor the catalog's
    for ids in (["midjourney", "canva", "dall-e-2"], ["dall-e-2", "midjourney", "canva"]):
        open_compare(page, base_url, ids)
        assert compared(page) == ids
        first_cells = page.locator(".kb-compare tr[data-kb-field=maker] td")
        assert [c.get_attribute("data-kb-id") for c in first_cells.all()] == ids
    assert_clean(page)


FOUR = ["dall-e-2", "midjourney", "canva", "flux"]

COLUMNS = """() => {
  const rect = sel => document.querySelector(".kb-compare " + sel).getBoundingClientRect();
  const box = rect("[data-kb-compare-result]"), label = rect("thead th:first-child");
  const cols = [...document.querySelectorAll(".kb-compare thead th[data-kb-id]")].map(th => {
    const r = th.getBoundingClientRect();
    return {id: th.dataset.kbId, left: r.left, right: r.right};
  });
  return {box: {left: box.left, right: box.right}, label: {left: label.left, right: label.right},
          cols, page: document.documentElement.scrollWidth};
}"""


def test_compare_four_generators_fit_at_1280(base_url: str, page: Any) -> None:
    open_compare(page, base_url, FOUR)
    geometry = page.evaluate(COLUMNS)
    assert geometry["page"] <= DESKTOPS[0][0]
    assert [c["id"] for c in geometry["cols"]] == FOUR
    for col in geometry["cols"]:  # every column whole inside the box: none clipped
        assert col["left"] >= geometry["box"]["left"] - 1, col
        assert col["right"] <= geometry["box"]["right"] + 1, col
        assert col["right"] - col["left"] >= 180, col  # a readable width
    box = page.locator(".kb-compare [data-kb-compare-result]")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    assert "kb-compare-wide" not in str(box.get_attribute("class"))
    assert page.evaluate(BROKEN_WORDS, ".kb-compare th[scope=row]") == [], "a label cut in two"
    assert_clean(page)


def test_compare_more_than_fit_scrolls_beside_the_labels(base_url: str, page: Any) -> None:
    six = [*FOUR, "ideogram", "krea"]
    open_compare(page, base_url, six)
    box = page.locator(".kb-compare [data-kb-compare-result]")
    # the overflow is visible: a shadow, a focusable named region, a sentence
    assert "kb-compare-wide" in str(box.get_attribute("class"))
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    assert "linear-gradient" in box.evaluate("b => getComputedStyle(b).backgroundImage")
    assert "Scroll the table sideways" in page.locator(".kb-compare .kb-status").inner_text()
    start = page.evaluate(COLUMNS)
    assert start["cols"][0]["left"] >= start["label"]["right"] - 1
    for scrolled in (70, 260, 10_000):
        box.evaluate("(b, x) => b.scrollTo({left: x, behavior: 'instant'})", scrolled)
        page.wait_for_timeout(300)  # scrolling snaps to a column's edge
        assert box.evaluate("b => b.scrollLeft") > 0
        geometry = page.evaluate(COLUMNS)
        label = geometry["label"]
        assert label["left"] >= geometry["box"]["left"] - 1  # the labels stay in view
        shown = [c for c in geometry["cols"] if c["right"] > label["right"] + 1]
        # the first column in view starts beside the labels, not under them
        assert shown[0]["left"] >= label["right"] - 1, (scrolled, shown[0], label)
        assert geometry["cols"][-1]["right"] >= geometry["box"]["right"] - 1 or scrolled < 10_000
    assert geometry["cols"][-1]["right"] <= geometry["box"]["right"] + 1  # the last one whole
    assert_clean(page)


def test_compare_remove_and_add_entries_rewrite_the_address(base_url: str, page: Any) -> None:
    data = raw("image-generators")
    open_compare(page, base_url, ["midjourney", "dall-e-2", "canva"])
    length = page.evaluate("history.length")
    page.get_by_role(
        "button", name=f"Remove {data['dall-e-2']['name']} from the comparison"
    ).click()
    page.wait_for_function("!document.querySelector('.kb-compare th[data-kb-id=\"dall-e-2\"]')")
    assert compared(page) == ["midjourney", "canva"]
    assert url_ids(page) == ["midjourney", "canva"]
    # focus stays where the reader was: on the next column's Remove button
    assert page.evaluate("document.activeElement.dataset.kbRemove") == "canva"
    assert "Removed" in page.locator(".kb-compare .kb-status").inner_text()

    picker = page.get_by_label("Add an AI image generator")
    offered = picker.locator("option").evaluate_all("os => os.map(o => o.value).filter(Boolean)")
    assert set(offered) == set(data) - {"midjourney", "canva"}
    picker.select_option("flux")
    page.locator(".kb-compare-add button").click()
    page.locator(".kb-compare thead th[data-kb-id=flux]").wait_for()
    assert compared(page) == ["midjourney", "canva", "flux"]
    assert url_ids(page) == ["midjourney", "canva", "flux"]
    assert (
        page.locator(".kb-compare tr[data-kb-field=maker] td[data-kb-id=flux]").inner_text()
        == (data["flux"]["maker"])
    )
    assert page.evaluate("history.length") == length  # replaced, not a step for Back

    shared = page.url  # the address shows the same view to whoever opens it
    other = page.context.new_page()
    other.goto(shared)
    other.locator(".kb-compare thead").wait_for()
    assert compared(other) == ["midjourney", "canva", "flux"]
    other.close()
    assert_clean(page)


def test_compare_link_of_an_entry_offers_to_add_another(base_url: str, page: Any) -> None:
    data = raw("image-generators")
    page.goto(base_url + "image-generators/midjourney/")
    page.locator(".kb-actions a", has_text="Compare").click()
    page.wait_for_url("**/compare/?id=midjourney")
    page.locator(".kb-compare thead").wait_for()
    assert compared(page) == ["midjourney"]
    adder = page.locator(".kb-compare-add")
    assert "kb-prominent" in str(adder.get_attribute("class")) and adder.is_visible()
    picker = page.get_by_label("Add another to compare")
    assert picker.is_visible() and picker.is_enabled()
    assert picker.locator("option[value=midjourney]").count() == 0
    assert picker.locator("option[value=dall-e-2]").inner_text() == (
        f"{data['dall-e-2']['name']} (superseded)"
    )
    assert page.get_by_role("checkbox", name="Only differences").count() == 0  # one entry
    picker.focus()
    page.keyboard.press("End")  # the keyboard chooses, Enter adds
    last = picker.evaluate("s => s.value")
    page.keyboard.press("Enter")
    page.locator(f".kb-compare thead th[data-kb-id={last}]").wait_for()
    assert url_ids(page) == ["midjourney", last]
    assert "kb-prominent" not in str(adder.get_attribute("class"))
    # removing every entry leaves the picker, never an empty table
    for entry in ("midjourney", last):
        page.locator(f"button[data-kb-remove={entry}]").click()
        page.wait_for_function(f"!document.querySelector('button[data-kb-remove=\"{entry}\"]')")
    assert page.locator(".kb-compare table").count() == 0
    assert urlsplit(page.url).query == ""
    picker = page.get_by_label("Choose an AI image generator to compare")
    assert picker.evaluate("s => s === document.activeElement")  # focus not lost
    assert_clean(page)


AXE_PAGES = [
    "image-generators/",
    "image-generators/compare/?id=dall-e-2&id=midjourney&id=canva&id=flux&id=ideogram&id=krea",
    "annotation-vendors/",
    "case-studies/",
    "annotation-vendors/compare/?id=cvat&id=labelme",
]


@pytest.mark.parametrize("size", [DESKTOPS[0], PHONE], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("url", AXE_PAGES)
def test_no_serious_accessibility_violations_at_both_widths(
    base_url: str, page: Any, url: str, size: tuple[int, int]
) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(base_url + url, wait_until="networkidle")
    if "compare" in url:
        page.locator(".kb-compare thead").wait_for()
    serious = serious_violations(page)
    assert serious == [], json.dumps(serious, indent=1)


def test_every_listed_row_is_in_the_document(base_url: str, page: Any) -> None:
    # Find-in-page and printing see what the count says: no row is held back behind a
    # "show more" button, and a filter detaches exactly the rows it hides.
    data = raw("annotation-vendors")
    assert len(data) > 25, "the catalog is too small to show that no page limit applies"
    open_at(page, base_url + "annotation-vendors/", DESKTOPS[0])
    assert page.evaluate("document.querySelectorAll('tr[data-kb-id]').length") == len(data)
    assert page.locator(".kb-more").count() == 0
    last = sorted(e["name"] for e in data.values())[-1]
    assert page.get_by_text(last, exact=True).first.is_visible()
    page.locator(".kb-search input").press_sequentially("zzzz-no-such-row", delay=10)
    assert page.evaluate("document.querySelectorAll('tr[data-kb-id]').length") == 0
    caption = page.locator(f"{TABLE} caption").inner_text()
    assert caption == f"Annotation vendors: showing 0 of {len(data)}"
    assert_clean(page)
