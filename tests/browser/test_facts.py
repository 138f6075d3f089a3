"""Comparable facts in Chromium: prices sort as numbers with their unit (missing last), a
buyer's three-part vendor question answers through the URL state, and every fact on an
entry page links to a source the page lists."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest

from browser.reading import assert_clean, raw, shown_ids

pytestmark = pytest.mark.browser

TABLE = "div[data-kb-state=url]"
ASSIST = ["pre-labeling", "interactive-segmentation", "tracking", "active-learning", "own-model"]


def test_generators_sort_by_api_price_per_image_with_missing_prices_last(
    base_url: str, page: Any
) -> None:
    data = raw("image-generators")
    priced = {i: e["api_price_min"] for i, e in data.items() if "api_price_min" in e}
    assert len(priced) >= 3, "too few generators with an API price to sort"
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url + "image-generators/?sort=api_price_min")
    page.locator(f"{TABLE} .kb-toolbar").get_by_label("Retired tools last").uncheck()
    ids = shown_ids(page)
    cheapest_first = sorted(priced, key=lambda i: (priced[i], data[i]["name"].lower()))
    assert ids[: len(priced)] == cheapest_first  # by number, not by text ("0.1" < "0.02")
    assert set(ids[len(priced) :]) == set(data) - set(priced)  # the rest after them
    first = page.locator(f'{TABLE} tr[data-kb-id="{ids[0]}"] td[data-kb-field="api_price_min"]')
    assert first.inner_text().startswith("US$") and first.inner_text().endswith("/image")
    assert_clean(page)


def test_a_buyers_vendor_question_answers_through_the_url(base_url: str, page: Any) -> None:
    # "Exports COCO, pre-labels or segments with a model, and holds SOC 2": OR within a
    # facet, AND across facets, as the URL contract says.
    data = raw("annotation-vendors")
    expected = sorted(
        i
        for i, e in data.items()
        if "coco" in e.get("export_formats", [])
        and set(e.get("model_assist", [])) & set(ASSIST)
        and "soc2" in e.get("certifications", [])
    )
    assert expected, "no vendor in the catalog answers the question; the test shows nothing"
    query = [("export_formats", "coco"), ("certifications", "soc2")]
    query += [("model_assist", a) for a in ASSIST]
    page.goto(base_url + "annotation-vendors/?" + urlencode(query))
    page.locator(f"{TABLE} .kb-toolbar").wait_for()
    assert sorted(shown_ids(page)) == expected
    for field, value in query:
        box = page.locator(f"fieldset[data-kb-facet={field}] input[value={value}]")
        if box.count():  # a value no vendor holds is not offered
            assert box.is_checked()
    assert_clean(page)


@pytest.mark.parametrize(
    "path",
    ["image-generators/midjourney/", "annotation-vendors/v7-darwin/", "image-optimizers/avifenc/"],
)
def test_every_fact_on_an_entry_page_cites_a_listed_source(
    base_url: str, page: Any, path: str
) -> None:
    catalog, entry_id = path.strip("/").split("/")
    entry = raw(catalog)[entry_id]
    page.goto(base_url + path)
    page.locator(".kb-facts").wait_for()
    supported = {f for s in entry["sources"] for f in s.get("supports", [])}
    rows = page.locator(".kb-facts tr[data-kb-field]")
    cited_rows = 0
    for i in range(rows.count()):
        row = rows.nth(i)
        field = row.get_attribute("data-kb-field")
        links = row.locator(".kb-cite a")
        if field not in supported:
            continue
        assert links.count() >= 1, f"{field} has no citation"
        cited_rows += 1
        for j in range(links.count()):
            href = links.nth(j).get_attribute("href") or ""
            anchor = href.split("#", 1)[1]
            target = page.locator(f"#{anchor}")
            assert target.count() == 1 and target.evaluate("e => e.tagName") == "LI"
            number = int(anchor.removeprefix("source-"))
            source = entry["sources"][number - 1]
            assert field in source["supports"]  # the link leads to a source stating it
            assert target.locator("a").first.get_attribute("href") == source["url"]
    assert cited_rows >= 3
    # Keyboard: a citation is a link reachable by Tab like any other.
    first = page.locator(".kb-facts .kb-cite a").first
    first.focus()
    assert page.evaluate("document.activeElement.closest('.kb-cite') !== null")
