"""kb.render.links: relative links of generated HTML resolved like a browser does, and the
ones naming nothing of the site found."""

from __future__ import annotations

from kb.render.links import broken_links, site_path


def test_links_resolve_from_the_page_that_holds_them() -> None:
    assert site_path("gpu-clouds/alpha/", "../") == "gpu-clouds/"
    assert site_path("gpu-clouds/alpha/", "../../api/v1/gpu-clouds.json") == (
        "api/v1/gpu-clouds.json"
    )
    assert site_path("gpu-clouds/", "compare/?id=a&id=b") == "gpu-clouds/compare/"
    assert site_path("gpu-clouds/", "../concepts/x/#method") == "concepts/x/"
    assert site_path("", "stats/") == "stats/"
    assert site_path("gpu-clouds/alpha.html", "beta.html") == "gpu-clouds/beta.html"
    assert site_path("a/", "../../..") == ""  # never above the site's root


def test_links_that_leave_the_site_or_stay_on_the_page_are_not_checked() -> None:
    for link in ("https://example.com/", "mailto:a@example.com", "#top", "/abs/", "?q=x"):
        assert site_path("gpu-clouds/", link) is None, link


def test_only_links_to_nothing_are_reported_once_each() -> None:
    html = (
        '<a href="../">up</a> <a href="compare/?id=a">cmp</a> <img src="../assets/kb/x.svg">'
        " <a href='../concepts/missing/#m'>gone</a> <a href=\"../concepts/missing/#m\">again</a>"
        ' <a href="https://elsewhere.example/">out</a> <a href="alpha/">entry</a>'
    )
    exists = {"", "gpu-clouds/compare/", "assets/kb/x.svg", "gpu-clouds/alpha/index.html"}
    assert broken_links(html, "gpu-clouds/", exists) == ["../concepts/missing/#m"]


def test_escaped_addresses_are_read_as_the_browser_reads_them() -> None:
    html = '<a href="a%20b/?x=1&amp;y=2">x</a>'
    assert broken_links(html, "", {"a b/"}) == []
