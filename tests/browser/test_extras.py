"""The stats page and the embeddable views in a real Chromium: a bar opens its filtered
table; an embed in a host page's iframe applies its URL state and sizes the frame; the
"Embed this view" snippet reproduces the view; the stats page passes axe."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hostile.site import serve

from browser.reading import assert_clean, raw, serious_violations, shown_ids

pytestmark = [pytest.mark.browser, pytest.mark.slow]


# The bottom edge of the embed's content, in the frame's own pixels.
CONTENT_BOTTOM = "Math.ceil(document.querySelector('main').getBoundingClientRect().bottom)"


@pytest.fixture
def host(tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """A host page on another origin (another local server): write it, get its URL."""
    with serve(tmp_path) as url:

        def page_with(body: str) -> str:
            (tmp_path / "host.html").write_text(body, "utf-8")
            return url + "host.html"

        yield page_with


def test_clicking_a_stats_bar_opens_the_catalog_filtered(base_url: str, page: Any) -> None:
    data = raw("annotation-vendors")
    open_source = sorted(i for i, d in data.items() if d["license"] == "open-source")
    page.goto(base_url + "stats/")
    bar = page.locator("#annotation-vendors-by-license a.kb-chart-bar[aria-label^='Open source:']")
    # a plain href (SVG 2), the link a crawler follows
    assert str(bar.get_attribute("href")).endswith("annotation-vendors/?license=open-source")
    assert bar.get_attribute("aria-label") == (
        f"Open source: {len(open_source)} of {len(data)} entries"
    )
    assert bar.locator(".kb-chart-count").text_content() == str(len(open_source))
    bar.click()
    page.wait_for_url("**/annotation-vendors/?license=open-source")
    page.locator(".kb-status").wait_for()
    assert sorted(shown_ids(page)) == open_source
    assert page.locator(".kb-status").first.inner_text() == (
        f"Showing {len(open_source)} of {len(data)}"
    )
    assert page.locator("fieldset[data-kb-facet=license] input[value=open-source]").is_checked()
    assert_clean(page)


def test_chart_labels_stay_readable_on_a_phone(base_url: str, page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "stats/")
    sizes = page.evaluate("""() => [...document.querySelectorAll(".kb-chart-svg")].map(svg => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const label = svg.querySelector(".kb-chart-label");
      return {px: parseFloat(getComputedStyle(label).fontSize) * scale,
              right: svg.getBoundingClientRect().right,
              labelLeft: label.getBoundingClientRect().left};
    })""")
    assert sizes
    for chart in sizes:
        assert chart["px"] >= 10, f"chart labels render at {chart['px']:.1f} px on a phone"
        assert chart["right"] <= 390 and chart["labelLeft"] >= 0
    assert_clean(page)


def test_stats_page_works_after_instant_navigation(base_url: str, page: Any) -> None:
    page.goto(base_url)
    page.locator("nav.md-nav--primary a[href$='stats/']").first.click()
    page.wait_for_url("**/stats/")
    page.locator("#annotation-vendors-by-license").wait_for()  # swapped in after the URL
    # Three sourcing modes, one per price: the table offers no price filter, so no bar links.
    assert page.locator("#sourcing-modes-by-price a.kb-chart-bar").count() == 0
    data = raw("annotation-vendors")
    open_source = sorted(i for i, d in data.items() if d["license"] == "open-source")
    bar = page.locator("#annotation-vendors-by-license a.kb-chart-bar[aria-label^='Open source:']")
    bar.scroll_into_view_if_needed()
    bar.dispatch_event("click")  # the sticky header may sit over it; the link is what counts
    page.wait_for_url("**/annotation-vendors/?license=open-source")
    page.locator(".kb-status").first.wait_for()
    assert sorted(shown_ids(page)) == open_source
    assert_clean(page)


def test_embed_in_a_host_page_applies_url_state_and_sizes_its_frame(
    base_url: str, page: Any, host: Callable[[str], str]
) -> None:
    data = raw("annotation-vendors")
    self_hosted = [i for i, d in data.items() if "self-hosted" in d.get("deployment", [])]
    expected = sorted(self_hosted, key=lambda i: data[i]["name"].lower(), reverse=True)
    src = base_url + "embed/annotation-vendors/?deployment=self-hosted&sort=-name"
    # The host's listener follows the documented message, not the package's snippet.
    page.goto(
        host(
            f"<!doctype html><title>Host</title><p>Before the frame</p>"
            f'<iframe id="kb" src="{src}" title="Vendors" '
            'style="width:900px;height:150px;border:0">'
            "</iframe><p>After the frame</p><script>window.seen = [];"
            "addEventListener('message', function (e) {"
            "  if (e.data && e.data.type === 'kb-embed-height') {"
            "    window.seen.push(e.data.height);"
            "    document.getElementById('kb').style.height = e.data.height + 'px'; } });</script>",
        )
    )
    frame = page.frame_locator("#kb")
    frame.locator(".kb-status").wait_for()
    assert shown_ids(frame) == expected
    assert frame.locator(".kb-status").inner_text() == f"Showing {len(expected)} of {len(data)}"
    page.wait_for_function("window.seen.length > 0")
    handle = page.frame(url=lambda u: "/embed/" in u)
    content = handle.evaluate(CONTENT_BOTTOM)
    page.wait_for_function(
        "h => Math.abs(document.getElementById('kb').getBoundingClientRect().height - h) <= 2",
        arg=content,
    )
    assert content > 150  # it grew to its content
    # no scroll bar inside the frame: everything fits
    assert handle.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")
    # growing the content (more rows) sends a new height
    before = page.evaluate("window.seen[window.seen.length - 1]")
    frame.locator("button:has-text('Reset')").click()
    page.wait_for_function("h => window.seen[window.seen.length - 1] > h", arg=before)
    # links open the full site in a new tab, not inside the frame
    first = shown_ids(frame)[0]  # a listed row (rows past the first page are not in the DOM)
    with page.context.expect_page() as opened:
        frame.locator(f"tr[data-kb-id={first}] a").first.click()
    new_tab = opened.value
    new_tab.wait_for_load_state()
    assert urlsplit(new_tab.url).path.endswith(f"/annotation-vendors/{first}/")
    assert handle.url.startswith(base_url + "embed/annotation-vendors/")
    assert page.errors == [], page.errors


def test_embed_tells_its_parent_the_height_and_nothing_else(
    base_url: str, page: Any, host: Callable[[str], str]
) -> None:
    # The reader's search and a filter in the embed's address: a page that frames the embed
    # (any origin may) must not learn them from what the embed posts to it.
    secret = "zqx-private-search"
    src = base_url + f"embed/annotation-vendors/?q={secret}&license=open-source"
    page.goto(
        host(
            f'<!doctype html><title>Host</title><iframe id="kb" src="{src}" title="Vendors">'
            "</iframe><script>window.got = [];"
            "addEventListener('message', function (e) {"
            "  window.got.push({data: JSON.stringify(e.data), keys: Object.keys(e.data || {})});"
            "});</script>",
        )
    )
    page.frame_locator("#kb").locator(".kb-status").wait_for()
    page.wait_for_function("window.got.length > 0")
    got = page.evaluate("window.got")
    for message in got:
        assert sorted(message["keys"]) == ["height", "type"], message
        data = json.loads(message["data"])
        assert data["type"] == "kb-embed-height" and isinstance(data["height"], int | float)
        for leak in (secret, "q=", "license", "open-source", "embed/", "http", "127.0.0.1"):
            assert leak not in message["data"], message


def test_embed_this_view_snippet_reproduces_the_view(
    base_url: str, page: Any, host: Callable[[str], str]
) -> None:
    page.goto(base_url + "annotation-vendors/")
    page.locator("fieldset[data-kb-facet=license] input[value=commercial]").check()
    page.locator(".kb-search input").press_sequentially("label", delay=20)
    page.locator("th[data-kb-field=name] button").click()
    page.wait_for_url("**sort=name**")
    page.locator("th[data-kb-field=name] button").click()  # descending
    page.wait_for_url(
        lambda u: all(p in u for p in ("license=commercial", "sort=-name", "q=label"))
    )
    wanted = shown_ids(page)
    state = urlsplit(page.url).query
    page.locator("summary:has-text('Embed this view')").click()
    code = page.locator(".kb-embed-share textarea").input_value()
    assert f'/embed/annotation-vendors/?{state.replace("&", "&amp;")}"' in code, code
    page.goto(host(f"<!doctype html><title>Host</title><h1>Partner site</h1>{code}"))
    frame = page.frame_locator("iframe[data-kb-embed]")
    frame.locator(".kb-status").wait_for()
    assert shown_ids(frame) == wanted and wanted
    assert frame.locator(".kb-search input").input_value() == "label"
    handle = page.frame(url=lambda u: "/embed/" in u)
    content = handle.evaluate(CONTENT_BOTTOM)
    page.wait_for_function(
        "h => Math.abs(document.querySelector('iframe').getBoundingClientRect().height - h) <= 2",
        arg=content,
    )
    assert page.errors == [], page.errors


def test_embed_without_javascript_shows_the_whole_table(base_url: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base_url + "embed/annotation-vendors/?license=open-source")
    rows = tab.locator("table[data-kb-catalog=annotation-vendors] tbody tr")
    assert rows.count() == len(raw("annotation-vendors"))
    assert tab.locator("header, nav, footer").count() == 0
    context.close()


def test_stats_page_passes_axe_and_stays_on_host(base_url: str, page: Any) -> None:
    page.goto(base_url + "stats/", wait_until="networkidle")
    serious = serious_violations(page)
    assert serious == [], json.dumps(serious, indent=1)
    assert_clean(page)


# Measured on the unchanged build (each chart on its own scale, a table beside every chart,
# one-bar charts) at 1280 px: 19,111 px, with the 30 annotation vendors then on main.
OLD_STATS_HEIGHT = 19_111


def test_stats_page_is_sized_to_its_content(base_url: str, page: Any) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + "stats/", wait_until="networkidle")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= OLD_STATS_HEIGHT / 2, height
    # the numbers are folded under each chart, and open on a click
    details = page.locator("figure.kb-chart details.kb-chart-numbers")
    assert details.count() == page.locator("figure.kb-chart svg").count() > 20
    first = details.first
    assert not first.locator("table").is_visible()
    first.locator("summary").click()
    assert first.locator("table").is_visible()
    # and, open, they pass axe too
    page.evaluate(
        "document.querySelectorAll('details.kb-chart-numbers').forEach(d => d.open = true)"
    )
    serious = serious_violations(page)
    assert serious == [], json.dumps(serious, indent=1)
    assert_clean(page)


@pytest.mark.parametrize("url", ["stats/", "use-the-data/", "embed/annotation-vendors/"])
def test_new_pages_load_without_errors_or_off_host_requests(
    base_url: str, page: Any, url: str
) -> None:
    page.goto(base_url + url, wait_until="networkidle")
    assert_clean(page)
