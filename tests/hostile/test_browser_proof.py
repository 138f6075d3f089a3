"""Browser proof: a site built from hostile entries runs none of their script.

Builds a site with the real ``mkdocs build --strict`` from the test catalog plus an entry per
payload (script tags, event handlers, javascript:/data:/vbscript: links, entity and mixed-case
obfuscation, SVG, attribute breakouts, template syntax; in names, summaries, Markdown
descriptions, list items, nested mappings and source titles), then opens every generated page
in headless Chromium. A payload that ran would set ``window.__pwned``. For every page: no
marker, no dangerous URL scheme in any link, source or form target as the browser resolves it,
no inline event handler carrying a payload, no console error, no request off localhost; and
on each hostile entry's page its payload text is visible, as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hostile.entries import hostile_entries
from hostile.payloads import MARKER, PAYLOADS
from hostile.site import build, make_project, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Everything a page could do with a URL, read back through the DOM (so entities, case, tabs
# and newlines are already decoded the way a click or a load would see them).
_SCAN = """
() => {
  const bad = [];
  const safe = new Set(["http:", "https:", "mailto:"]);
  const urlProps = {A: "href", AREA: "href", IMG: "src", IFRAME: "src", FRAME: "src",
    EMBED: "src", OBJECT: "data", SCRIPT: "src", SOURCE: "src", VIDEO: "src", AUDIO: "src",
    TRACK: "src", FORM: "action", LINK: "href", INPUT: "src"};
  const describe = (el) => el.outerHTML.slice(0, 120);
  for (const el of document.querySelectorAll("*")) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const squeezed = attr.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (name.startsWith("on") && attr.value.includes("__pwned"))
        bad.push("event handler: " + describe(el));
      if (/^(javascript|vbscript|livescript):/.test(squeezed))
        bad.push("script URL in " + name + ": " + describe(el));
      if (["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster",
           "background", "ping"].includes(name) && squeezed.startsWith("data:text/html"))
        bad.push("data: document in " + name + ": " + describe(el));
      if (name === "style" && squeezed.includes("javascript:"))
        bad.push("script URL in style: " + describe(el));
    }
    const prop = urlProps[el.tagName];
    const value = prop && el.getAttribute(prop) !== null ? el[prop] : "";
    if (value) {
      let protocol = "";
      try { protocol = new URL(value, location.href).protocol; } catch (e) { protocol = "?"; }
      if (!safe.has(protocol) && !(protocol === "data:" && el.tagName === "IMG"
          && !value.includes("__pwned")))
        bad.push(protocol + " URL: " + describe(el));
    }
    // A JSON data block never runs; it is safe as long as a payload could not end it early
    // (then its text would no longer parse). Any other script carrying a payload is a hit.
    const isData = el.tagName === "SCRIPT" && el.type === "application/json";
    if (isData) {
      try { JSON.parse(el.textContent); }
      catch (e) { bad.push("broken data block: " + describe(el)); }
    } else if (el.tagName === "SCRIPT" && el.textContent.includes("__pwned"))
      bad.push("script element: " + describe(el));
    if (["IFRAME", "OBJECT", "EMBED", "BASE", "FRAME"].includes(el.tagName))
      bad.push("embedding element: " + describe(el));
    if (el.tagName === "META" && (el.getAttribute("http-equiv") || "").toLowerCase() === "refresh")
      bad.push("meta refresh: " + describe(el));
  }
  return bad;
}
"""

_MARKERS = f"""
() => {{
  const seen = [];
  if (window.{MARKER} !== undefined) seen.push("window");
  for (let i = 0; i < window.frames.length; i++) {{
    try {{ if (window.frames[i].{MARKER} !== undefined) seen.push("frame " + i); }}
    catch (e) {{ /* a cross-origin frame: flagged by the scan as an embedding element */ }}
  }}
  return seen;
}}
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built hostile site (``site/`` of a throw-away project)."""
    entries = {key: text for key, (text, _) in hostile_entries().items()}
    project = make_project(tmp_path_factory.mktemp("hostile-project"), entries)
    result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


def _pages(site: Path) -> list[str]:
    """Every generated HTML page, as a path relative to the site root."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


def _visit(page: Any, url: str) -> dict[str, list[str]]:
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(50)  # any timer a payload might have set
    return {
        "markers": page.evaluate(_MARKERS),
        "dangerous": page.evaluate(_SCAN),
        "errors": list(page.errors),
        "off_host": list(page.off_host),
    }


def test_every_page_is_inert(hostile_site: Path, page: Any) -> None:
    pages = _pages(hostile_site)
    assert len(pages) >= len(hostile_entries()) + 8, pages  # an entry page for each
    findings: dict[str, dict[str, list[str]]] = {}
    with serve(hostile_site) as base:
        for rel in pages:
            page.errors.clear()
            page.off_host.clear()
            found = _visit(page, base + rel)
            if any(found.values()):
                findings[rel] = {k: v for k, v in found.items() if v}
    assert not findings, findings


def test_payloads_show_as_text_on_entry_pages(hostile_site: Path, page: Any) -> None:
    """Each hostile entry's page shows its name payload verbatim as text: escaped, neither
    run nor silently dropped; template syntax is shown, not evaluated."""
    entries = hostile_entries()
    missing = {}
    with serve(hostile_site) as base:
        for (catalog, entry_id), (_, keep) in entries.items():
            rel = f"{catalog}/{entry_id}/"
            assert (hostile_site / rel / "index.html").is_file(), rel
            page.goto(base + rel, wait_until="load")
            shown = page.locator("body").inner_text()
            name = str(keep.get(("name",), ""))
            if name and name not in shown:
                missing[rel] = name
            if entry_id == "xss-jinja-expression":
                assert PAYLOADS["jinja-expression"] in shown
                assert "1337" not in shown  # 7*191, had the template been evaluated
            if entry_id == "xss-jinja-statement":
                assert "LOOPLOOP" not in shown
    assert not missing, missing


def test_search_results_are_inert(hostile_site: Path, page: Any) -> None:
    """The search box renders snippets of the hostile pages: they must stay text too."""
    with serve(hostile_site) as base:
        page.goto(base, wait_until="load")
        search = page.locator("input[data-md-component=search-query]")
        if search.count() == 0:
            pytest.fail("no search box on the home page")
        shown = 0
        for query in ("pwned", "script", "onerror", "javascript"):
            search.click()  # the header search field (desktop width)
            search.fill("")
            search.press_sequentially(query, delay=20)  # Material searches on key events
            page.wait_for_timeout(400)
            shown += page.locator(".md-search-result__item").count()
            assert page.evaluate(_MARKERS) == [], query
            assert page.evaluate(_SCAN) == [], query
        assert shown > 0, "no search result was shown: the test would prove nothing"
        assert page.errors == [] and page.off_host == []


UNSAFE_PAGE = """<!doctype html><html><head><title>unsafe</title></head><body>
<a href="JaVa&#x09;ScRiPt:void(0)">entity and case</a>
<a href=" javascript:void(0)">space</a>
<img src="x.png" onerror="window.__pwned=1">
<form action="vbscript:x"><button>go</button></form>
<iframe src="about:blank"></iframe>
<script>window.__pwned = 1</script>
</body></html>"""


def test_the_detector_sees_a_payload_that_runs(tmp_path: Path, page: Any) -> None:
    """The checks above can fail: on a hand-written unsafe page they find the marker and
    every dangerous construct (so a quiet result on the real site means something)."""
    (tmp_path / "index.html").write_text(UNSAFE_PAGE, encoding="utf-8")
    with serve(tmp_path) as base:
        found = _visit(page, base)
    assert found["markers"] == ["window"]
    kinds = " | ".join(found["dangerous"])
    assert kinds.count("script URL in href") == 2
    assert "event handler" in kinds and "script element" in kinds
    assert "vbscript: URL" in kinds and "embedding element" in kinds
