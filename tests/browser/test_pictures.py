"""The project's pictures and the baseline remark in a real Chromium: every drawing is an
image with a text alternative and a visible caption, and reads in Material's light and dark
palettes (its strokes stand out from the page in both); the case-study table says which
results are no better than their majority baseline."""

from __future__ import annotations

from typing import Any

import pytest

from browser.reading import assert_clean, raw, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Page, and how many drawings it shows (from the catalogs: one per technique; three tasks).
PICTURED = [
    ("concepts/image-annotation/", len(raw("annotation-techniques"))),
    ("concepts/recognition-vs-classification/", 3),
    ("annotation-techniques/polygon/", 1),
    ("annotation-techniques/landmarking/", 1),
]

# The drawings as a reader's browser paints them: name, caption, and the colours of the
# annotation and of the scene against the page's background (alpha blended onto it).
PAINTED = """() => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const bg = rgb(getComputedStyle(document.body).backgroundColor);
  const over = (c, opacity) => {
    const a = (c.length > 3 ? c[3] : 1) * opacity;
    return [0, 1, 2].map(i => Math.round(c[i] * a + bg[i] * (1 - a)));
  };
  return [...document.querySelectorAll("figure[data-kb-diagram]")].map(f => {
    const svg = f.querySelector("svg");
    const mark = svg.querySelector(".kb-dg-marks > *");
    const scene = svg.querySelector(".kb-dg-scene > *");
    const paint = (el) => {  // a filled shape (a mask, a point) by its fill, others by line
      const s = getComputedStyle(el);
      const filled = s.fill !== "none" && !el.matches(".kb-dg-vertex");
      return filled ? over(rgb(s.fill), Number(s.fillOpacity))
                    : over(rgb(s.stroke), Number(s.strokeOpacity));
    };
    const caption = f.querySelector("figcaption");
    return {
      role: svg.getAttribute("role"), label: svg.getAttribute("aria-label"),
      title: svg.querySelector("title").textContent,
      caption: caption.innerText.trim(), captionShown: caption.offsetHeight > 0,
      width: svg.getBoundingClientRect().width,
      mark: paint(mark), scene: paint(scene), background: over(bg, 1),
    };
  });
}"""


def contrast(a: list[int], b: list[int]) -> float:
    """WCAG contrast ratio of two sRGB colours."""

    def luminance(c: list[int]) -> float:
        lin = [(v / 255) / 12.92 if v <= 10 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def to_dark(page: Any) -> None:
    """Material's own palette toggle (the header's button), as a reader switches."""
    page.locator("label[title='Switch to dark mode']").first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")


@pytest.mark.parametrize(("path", "count"), PICTURED)
def test_pictures_have_text_and_read_in_both_palettes(
    base_url: str, page: Any, path: str, count: int
) -> None:
    page.goto(base_url + path)
    light = page.evaluate(PAINTED)
    assert len(light) == count
    for drawing in light:
        assert drawing["role"] == "img"
        assert drawing["label"] and drawing["label"] == drawing["title"]
        assert drawing["caption"] and drawing["captionShown"]
        assert drawing["width"] > 100, "drawn too small to read"
    to_dark(page)
    dark = page.evaluate(PAINTED)
    assert dark[0]["background"] != light[0]["background"], "the palette did not change"
    for drawings in (light, dark):
        for d in drawings:
            assert contrast(d["mark"], d["background"]) >= 3, d
            assert contrast(d["scene"], d["background"]) >= 3, d
    # the scene follows the text colour: light lines on the dark page, dark on the light one
    assert dark[0]["scene"] != light[0]["scene"]
    assert_clean(page)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "path", ["concepts/recognition-vs-classification/", "annotation-techniques/masking/"]
)
def test_pictured_pages_pass_axe(base_url: str, page: Any, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + path, wait_until="networkidle")
    serious = serious_violations(page)
    assert serious == [], serious


@pytest.mark.parametrize("width", [1280, 390])
def test_the_case_study_table_says_which_results_miss_the_baseline(
    base_url: str, page: Any, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + "case-studies/")
    page.locator("div[data-kb-state=url] .kb-toolbar").wait_for()
    studies = raw("case-studies")
    for entry_id, data in studies.items():
        row = page.locator(f"div[data-kb-state=url] tr[data-kb-id='{entry_id}']")
        remark = row.locator("td[data-kb-field=result] [data-kb-remark]")
        base = data.get("majority_baseline")
        if base is not None and data["metric"] == "test-accuracy" and data["result"] <= base:
            assert remark.is_visible()
            shown = f"{round(base * 100, 4):g}\N{NO-BREAK SPACE}%"
            word = "below" if data["result"] < base else "no better than"
            assert remark.inner_text() == f"{word} the majority baseline ({shown})"
        else:
            assert remark.count() == 0
    below = [i for i, d in studies.items() if d.get("majority_baseline", 0) >= d["result"]]
    assert below, "no study to show the remark on"
    assert_clean(page)


def test_the_entry_page_notes_it_beside_the_result(base_url: str, page: Any) -> None:
    page.goto(base_url + "case-studies/fake-news-lstm/")
    result = page.locator(".kb-facts tr[data-kb-field=result] td")
    assert "below the majority baseline" in result.inner_text()
    assert "Always answering the most common class scores 61.77" in result.inner_text()
    assert_clean(page)
