"""The ``kb.engines.markdown`` extension on its own, and the link it adjusts for Zensical."""

from __future__ import annotations

import markdown
import pytest
from conftest import Tree

from kb.engines.markdown import body_start, source_relative
from kb.render.embeds import EmbedError


def test_plain_python_markdown_expands_directives(tree: Tree) -> None:
    html = markdown.markdown(
        'There are {{< kb-count catalog="sourcing-modes" >}} modes.\n\n'
        '{{< kb-table catalog="annotation-techniques" >}}\n\n'
        '`{{< kb-count catalog="x" >}}` stays as written in code.\n',
        extensions=["kb.engines.markdown"],
    )
    assert "<p>There are 1 modes.</p>" in html
    assert '<table data-kb-catalog="annotation-techniques"' in html
    assert 'href="annotation-techniques/polygon/"' in html  # relative to the site's root
    assert '<code>{{&lt; kb-count catalog="x" &gt;}}</code>' in html


def test_plain_python_markdown_reports_every_broken_directive(tree: Tree) -> None:
    with pytest.raises(EmbedError) as raised:
        markdown.markdown(
            'Intro\n\n{{< kb-count catalog="sourcing-mode" >}}\n\n{{< kb-nope >}}\n',
            extensions=["kb.engines.markdown"],
        )
    assert raised.value.lines[0] == (
        "page:3: unknown catalog 'sourcing-mode'; did you mean 'sourcing-modes'?"
    )
    assert raised.value.lines[1].startswith("page:5: unknown directive 'kb-nope'")


def test_body_start_counts_the_lines_of_front_matter() -> None:
    assert body_start("# Title\n") == ("# Title\n", 1)
    assert body_start("---\ntitle: T\nhide: [toc]\n---\n\n# Title\n") == ("# Title\n", 6)
    assert body_start("---\n\n# Not front matter\n") == ("---\n\n# Not front matter\n", 1)


def test_links_become_relative_to_the_source_folder_for_zensical() -> None:
    # The page concepts/x.md is served at concepts/x/; Zensical resolves its links from
    # concepts/ and writes them relative to concepts/x/ again.
    html = (
        '<a href="../../sourcing-modes/in-house/">a</a> <a href="../y/?id=1#f">b</a> '
        '<a href="./">c</a> <a href="https://example.com/">d</a> <a href="#top">e</a> '
        '<div data-kb-compare-href="../../sourcing-modes/compare/"></div> '
        '<noscript><a href="../../sourcing-modes/">f</a></noscript>'
    )
    assert source_relative(html, "concepts/x/", "concepts/x.md") == (
        '<a href="../sourcing-modes/in-house/">a</a> <a href="y/?id=1#f">b</a> '
        '<a href="x/">c</a> <a href="https://example.com/">d</a> <a href="#top">e</a> '
        '<div data-kb-compare-href="../../sourcing-modes/compare/"></div> '
        '<noscript><a href="../../sourcing-modes/">f</a></noscript>'
    )


def test_links_of_index_pages_are_left_alone() -> None:
    html = '<a href="../contributing/">a</a>'
    assert source_relative(html, "sourcing-modes/", "sourcing-modes/index.md") == html
    assert source_relative(html, "", "index.md") == html
