"""A catalog of 10,000 entries in a real Chromium: the real project with 10,000 generated
image optimizers added, built once (``mkdocs build --strict``). The table answers as it does
at 30 rows (filters with counts, sort, search, columns, compare selection, URL state), lists
a window of rows with "Show more", and without JavaScript every entry is one link away
through the pages of the table."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from bigsite import CATALOG, COMPRESSION, KINDS, build, generated_id, write_project
from localweb import serve

from browser.reading import assert_clean, raw, shown_ids

pytestmark = [pytest.mark.browser, pytest.mark.slow]

COUNT = 10_000
REAL = raw(CATALOG)  # the project's own entries, also in the built catalog
TOTAL = COUNT + len(REAL)
FIRST = 30  # rows listed at once by the script (LIST_STEP in table.js)


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once for this module (about 1.5 minutes on 2 cores)."""
    base = tmp_path_factory.mktemp("large")
    project = write_project(base / "project", COUNT)
    proc = build(project, base / "site")
    if proc.returncode:
        pytest.fail(f"mkdocs build --strict failed:\n{proc.stderr[-4000:]}", pytrace=False)
    return base / "site"


@pytest.fixture(scope="module")
def large_url(large_site: Path) -> Iterator[str]:
    with serve(large_site) as url:
        yield url + CATALOG + "/"


def generated_kind(n: int) -> str:
    return KINDS[n % 4]


def status(page: Any) -> str:
    return str(page.locator(".kb-status").first.inner_text())


def ready(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-kb-table][data-kb-state=url] input[type=search]")


def test_lists_a_window_of_rows_and_shows_more(large_url: str, page: Any) -> None:
    ready(page, large_url)
    assert status(page) == f"Showing {TOTAL} of {TOTAL}"
    ids = shown_ids(page)
    assert len(ids) == FIRST
    more = page.locator("button.kb-more")
    assert more.inner_text() == f"Show {FIRST} more ({TOTAL - FIRST} not listed yet)"
    more.click()
    after = shown_ids(page)
    assert after[:FIRST] == ids and len(after) == 2 * FIRST
    assert len(set(after)) == len(after)
    assert_clean(page)


def test_search_finds_rows_beyond_the_window(large_url: str, page: Any) -> None:
    ready(page, large_url)
    page.locator("[data-kb-table] input[type=search]").fill("optimizer 9999")
    assert shown_ids(page) == [generated_id(9999)]
    assert status(page) == f"Showing 1 of {TOTAL}"
    page.locator("[data-kb-table] input[type=search]").fill("optimizer 100")
    expected = {
        generated_id(n) for n in range(COUNT) if f"optimizer {n}".startswith("optimizer 100")
    }
    assert set(shown_ids(page)) == expected  # 100 and 1000-1009
    page.wait_for_url(re.compile(r"q=optimizer\+100"))
    assert_clean(page)


def test_search_finds_escaped_and_non_ascii_text(
    large_url: str, page: Any, large_site: Path
) -> None:
    """Names with characters HTML escapes and letters outside ASCII are found, typed in any
    case: their search text is not in the data file but read from the cell's markup by the
    script (the data file leaves out every text the markup gives)."""
    data = json.loads((large_site / CATALOG / "table-data.json").read_text("utf-8"))
    ids = data["ids"]
    texts = data["columns"]["name"].get("texts") or [None] * len(ids)
    index = data["cells"]["name"] or list(range(len(ids)))
    assert texts[index[ids.index(generated_id(1500))]] is None
    ready(page, large_url)
    page.locator("[data-kb-table] input[type=search]").fill("«ÜNÏCODE» & <co> \"q\" 's'")
    assert sorted(shown_ids(page)) == [generated_id(n) for n in range(500, COUNT, 1000)]
    assert_clean(page)


def test_facet_counts_filter_and_back(large_url: str, page: Any) -> None:
    ready(page, large_url)
    desktop = sum(1 for n in range(COUNT) if generated_kind(n) == "desktop")
    desktop += sum(1 for d in REAL.values() if d.get("kind") == "desktop")
    box = page.locator("fieldset[data-kb-facet=kind] input[value=desktop]")
    label = page.locator(f"label[for='{box.get_attribute('id')}']")
    assert label.inner_text().endswith(f"({desktop})")
    box.check()
    assert status(page) == f"Showing {desktop} of {TOTAL}"
    listed = page.locator("div[data-kb-state=url] tbody tr")
    kinds = listed.evaluate_all("rows => rows.map(r => JSON.parse(r.dataset.kbValues).kind)")
    assert kinds and all(k == ["desktop"] for k in kinds)
    page.wait_for_url(re.compile(r"kind=desktop"))
    page.go_back()
    page.wait_for_function(
        f"() => document.querySelector('.kb-status').textContent.includes('Showing {TOTAL} of')"
    )
    assert not box.is_checked()
    assert_clean(page)


def test_counts_under_a_search_and_a_filter(large_url: str, page: Any) -> None:
    """Each value's count is how many rows it would show given the search and every other
    filter, as at 30 entries (worked out here from how the entries were generated)."""
    page.goto(large_url + "?q=optimizer+12&kind=desktop")
    page.wait_for_selector("[data-kb-table][data-kb-state=url] input[type=search]")
    found = [n for n in range(COUNT) if f"optimizer {n}".startswith("optimizer 12")]
    desktop = [n for n in found if generated_kind(n) == "desktop"]
    page.wait_for_function(
        f"() => document.querySelector('.kb-status').textContent === "
        f"'Showing {len(desktop)} of {TOTAL}'"
    )

    def count(facet: str, value: str) -> str:
        box = page.locator(f"fieldset[data-kb-facet={facet}] input[value={value}]")
        label = page.locator(f"label[for='{box.get_attribute('id')}']")
        return str(label.inner_text()).rsplit("(", 1)[1].rstrip(")")

    for kind in ("online", "desktop", "plugin", "api"):
        assert count("kind", kind) == str(sum(generated_kind(n) == kind for n in found))
    for value in ("lossy", "lossless"):
        expected = sum(value in COMPRESSION[n % 3] for n in desktop)
        assert count("compression", value) == str(expected), value
    assert_clean(page)


def test_sort_by_number_empty_last_both_ways(large_url: str, page: Any) -> None:
    # "optimizer 100": entries 100 and 1000-1009; 1001 and 1008 (multiples of 7) have no size
    ready(page, large_url + "?q=optimizer+100&sort=max_file_size_mb")
    found = [100, *range(1000, 1010)]
    sizes = {n: (n * 37) % 500 / 4 + 0.5 for n in found if n % 7}
    empty = [generated_id(n) for n in found if not n % 7]
    assert len(empty) == 2
    ascending = sorted(sizes, key=lambda n: (sizes[n], n))
    assert shown_ids(page) == [generated_id(n) for n in ascending] + empty
    header = page.locator("th[data-kb-field=max_file_size_mb]")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    descending = sorted(sizes, key=lambda n: (-sizes[n], n))
    assert shown_ids(page) == [generated_id(n) for n in descending] + empty  # still last
    page.wait_for_url(re.compile(r"sort=-max_file_size_mb"))
    assert_clean(page)


def test_url_state_round_trips(large_url: str, page: Any) -> None:
    url = large_url + "?q=optimizer+12&kind=api&kind=plugin&sort=-max_batch&cols=kind,features"
    ready(page, url)
    first = shown_ids(page)
    assert page.locator("[data-kb-table] input[type=search]").input_value() == "optimizer 12"
    assert page.locator("fieldset[data-kb-facet=kind] input[value=api]").is_checked()
    assert page.locator("th[data-kb-field=max_batch]").get_attribute("aria-sort") == "descending"
    assert page.locator("th[data-kb-field=features]").is_visible()
    assert not page.locator("th[data-kb-field=pricing]").is_visible()
    wanted = {"api", "plugin"}
    for row_id in first:
        n = int(row_id.rsplit("-", 1)[1])
        assert generated_kind(n) in wanted and f"optimizer {n}".startswith("optimizer 12")
    batches = [1 + int(i.rsplit("-", 1)[1]) % 50 for i in first]
    assert batches == sorted(batches, reverse=True)
    page.reload()
    page.wait_for_selector("[data-kb-table] input[type=search]")
    assert shown_ids(page) == first
    assert "cols=kind,features" in page.url
    assert_clean(page)


def test_column_chooser_reaches_rows_listed_later(large_url: str, page: Any) -> None:
    ready(page, large_url)
    page.locator("button.kb-columns-toggle").click()
    page.locator("input[data-kb-column=features]").check()
    assert page.locator("th[data-kb-field=features]").is_visible()
    page.locator("button.kb-more").click()
    cells = page.locator("div[data-kb-state=url] tbody tr td[data-kb-field=features]")
    assert cells.count() == 2 * FIRST
    assert all(cells.nth(i).is_visible() for i in (0, FIRST, 2 * FIRST - 1))
    page.wait_for_url(re.compile(r"cols="))
    assert_clean(page)


def test_compare_selection_survives_filtering(large_url: str, page: Any) -> None:
    ready(page, large_url)
    search = page.locator("[data-kb-table] input[type=search]")
    search.fill("optimizer 4321")
    page.locator(f"tr[data-kb-id={generated_id(4321)}] input.kb-select").check()
    search.fill("optimizer 8765")
    page.locator(f"tr[data-kb-id={generated_id(8765)}] input.kb-select").check()
    search.fill("optimizer 4321")  # the first row comes back ticked
    assert page.locator(f"tr[data-kb-id={generated_id(4321)}] input.kb-select").is_checked()
    button = page.locator("button.kb-compare-button")
    assert button.inner_text() == "Compare selected (2)"
    button.click()
    page.wait_for_url(re.compile(r"/compare/\?id="))
    assert f"id={generated_id(4321)}" in page.url and f"id={generated_id(8765)}" in page.url
    heads = page.locator(".kb-compare-table thead th[data-kb-id]")
    heads.first.wait_for()
    assert heads.evaluate_all("hs => hs.map(h => h.dataset.kbId)") == [
        generated_id(4321),
        generated_id(8765),
    ]
    assert_clean(page)


ROWS_IN_PAGE = """(hiddenCells) => Array.from(
  document.querySelectorAll('div[data-kb-state=url] tbody tr')).map(tr => {
    const c = tr.cloneNode(true); c.querySelector('.kb-select').remove();
    c.querySelectorAll('[hidden]')
      .forEach(n => hiddenCells ? n.removeAttribute('hidden') : n.remove());
    return c.outerHTML; })"""

ROWS_SERVED = """([html, hiddenCells]) => {
  const d = new DOMParser().parseFromString(html, 'text/html');
  return Array.from(d.querySelectorAll('div[data-kb-state=url] tbody tr')).map(tr => {
    tr.querySelectorAll('[hidden]')
      .forEach(n => hiddenCells ? n.removeAttribute('hidden') : n.remove());
    return tr.outerHTML; }); }"""


def test_script_rows_match_server_rows(large_url: str, page: Any, large_site: Path) -> None:
    """A row the script builds from the data files is the row the server renders: the page
    starts with the server's rows; a search for one entry refills the first row element
    and removes the others, and clearing it refills that one and makes new ones. Until the
    hidden columns' data is fetched, the rows it lists carry those cells empty (and hidden);
    once it is in, every cell is the server's."""
    html = (large_site / CATALOG / "index.html").read_text("utf-8")
    server = re.findall(r'<tr data-kb-id="([^"]+)".*?</tr>', html, re.S)
    assert len(server) == 100
    ready(page, large_url)
    search = page.locator("[data-kb-table] input[type=search]")

    def refill() -> None:
        search.fill("optimizer 9999")
        assert shown_ids(page) == [generated_id(9999)]
        search.fill("")
        assert len(shown_ids(page)) == FIRST

    refill()
    rendered = page.evaluate(ROWS_IN_PAGE, False)
    assert rendered == page.evaluate(ROWS_SERVED, [html, False])[: len(rendered)]
    hidden = page.locator("div[data-kb-state=url] tbody tr td[data-kb-field=website]")
    assert hidden.nth(1).evaluate("td => td.hidden && td.childNodes.length") == 0
    page.locator("button.kb-columns-toggle").click()
    page.wait_for_function("() => !document.querySelector('fieldset.kb-columns[aria-busy]')")
    refill()
    rendered = page.evaluate(ROWS_IN_PAGE, True)
    assert rendered == page.evaluate(ROWS_SERVED, [html, True])[: len(rendered)]


def test_hidden_columns_data_comes_when_asked(large_url: str, page: Any) -> None:
    """The hidden columns' data is not fetched with the page; opening the column chooser
    fetches it, and an address that shows or sorts by a hidden column gets its cells filled
    and its order right from the start."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    ready(page, large_url)
    page.wait_for_load_state("networkidle")
    assert any(u.endswith("/table-data.json") for u in asked)
    assert not any(u.endswith("/table-columns.json") for u in asked)
    page.locator("button.kb-columns-toggle").click()
    page.wait_for_function("() => !document.querySelector('fieldset.kb-columns[aria-busy]')")
    assert any(u.endswith("/table-columns.json") for u in asked)

    page.goto(large_url + "?q=optimizer+999&cols=website,max_batch&sort=-website")
    page.wait_for_selector("[data-kb-table][data-kb-state=url] input[type=search]")
    page.wait_for_function(
        "() => document.querySelector('th[data-kb-field=website]')"
        ".getAttribute('aria-sort') === 'descending'"
    )
    ids = shown_ids(page)
    assert ids == [generated_id(n) for n in range(9999, 9989, -1)] + [generated_id(999)]
    sites = page.locator("div[data-kb-state=url] tbody td[data-kb-field=website] a")
    assert sites.first.is_visible()
    assert sites.evaluate_all("as => as.map(a => a.textContent)")[:2] == [
        f"example.com/{generated_id(9999)}",
        f"example.com/{generated_id(9998)}",
    ]
    assert_clean(page)


def test_embed_filters_the_large_table_and_links_to_entries(large_url: str, page: Any) -> None:
    embed = urljoin(large_url, f"../embed/{CATALOG}/?q=optimizer+4444")
    page.goto(embed)
    page.wait_for_selector("[data-kb-table] input[type=search]")
    assert shown_ids(page) == [generated_id(4444)]
    link = page.locator(f"tr[data-kb-id={generated_id(4444)}] .kb-name a")
    assert urljoin(page.url, str(link.get_attribute("href"))) == urljoin(
        large_url, generated_id(4444) + "/"
    )
    assert_clean(page)


def test_every_entry_reachable_without_javascript(large_url: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(large_url)
        pages = tab.locator("nav.kb-pager a").evaluate_all("as => as.map(a => a.href)")
        assert len(pages) == -(-TOTAL // 100) - 1  # every page but this one
        seen = set(tab.locator("tbody tr").evaluate_all("rs => rs.map(r => r.dataset.kbId)"))
        for href in pages:
            tab.goto(href)
            rows = tab.locator("tbody tr a[href]:first-of-type")
            links = rows.evaluate_all(
                "as => as.filter(a => a.closest('.kb-name'))"
                ".map(a => [a.closest('tr').dataset.kbId, a.href])"
            )
            for entry_id, href_to in links:
                assert href_to == urljoin(large_url, entry_id + "/")
                seen.add(entry_id)
        assert seen == {generated_id(n) for n in range(COUNT)} | set(REAL)
    finally:
        context.close()


def test_pages_stay_light(large_site: Path) -> None:
    def gz(path: Path) -> int:
        return len(gzip.compress(path.read_bytes()))

    catalog = large_site / CATALOG / "index.html"
    data = large_site / CATALOG / "table-data.json"
    more = large_site / CATALOG / "table-columns.json"
    assert 'data-kb-rows-href="table-data.json"' in catalog.read_text("utf-8")
    assert 'data-kb-more-href="table-columns.json"' in catalog.read_text("utf-8")
    # everything the page may fetch, then what it fetches when opened
    assert gz(catalog) + gz(data) + gz(more) <= 1_000_000
    embed = large_site / "embed" / CATALOG / "index.html"
    assert '"../../image-optimizers/table-data.json"' in embed.read_text("utf-8")
    assert gz(catalog) + gz(data) < 200_000
    assert gz(embed) + gz(data) < 200_000
    for page in (
        catalog,
        large_site / CATALOG / generated_id(5) / "index.html",
        large_site / CATALOG / "compare" / "index.html",
        large_site / "embed" / CATALOG / "index.html",
        large_site / CATALOG / "page" / "42" / "index.html",
    ):
        assert gz(page) < 200_000, page
