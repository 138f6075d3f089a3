"""kb.render.embeds: directives in a page's Markdown, expanded without any site engine."""

from __future__ import annotations

import re

import pytest

from kb.data.catalog import KnowledgeBase
from kb.data.vocab import vocab
from kb.render.embeds import EmbedError, expand
from kb.render.urls import Linker

HERE = Linker("concepts/page/")


def test_a_table_directive_becomes_the_rendered_table(loaded: KnowledgeBase) -> None:
    page = 'Intro.\n\n{{< kb-table catalog="annotation-techniques" sort="-name" >}}\n\nEnd.'
    expansion = expand(loaded, page, "docs/page.md", HERE)
    assert "kb-table" not in expansion.markdown  # Markdown never sees the HTML
    html = expansion.apply(f"<p>Intro.</p>\n<p>{expansion.markdown.split()[1]}</p>")
    # the contract: a <table> carrying data-kb-catalog (other attributes may sit beside it)
    assert re.search(r'<table\b[^>]*\sdata-kb-catalog="annotation-techniques"', html)
    # the author's sort: Polygon before Bounding box
    assert html.index('data-kb-id="polygon"') < html.index('data-kb-id="bounding-box"')


def test_inline_directives_and_counts(loaded: KnowledgeBase) -> None:
    page = 'See {{< kb-link catalog="annotation-techniques" id="polygon" >}} among '
    page += '{{< kb-count catalog="annotation-vendors" filter="license=open-source" >}} tools.'
    expansion = expand(loaded, page, "docs/page.md", HERE)
    html = expansion.apply(f"<p>{expansion.markdown}</p>")
    assert '<a href="../../annotation-techniques/polygon/" class="kb-link">Polygon</a>' in html
    assert html.endswith(" among 1 tools.</p>")


def test_code_keeps_its_directives(loaded: KnowledgeBase) -> None:
    page = '```\n{{< kb-table catalog="nope" >}}\n```\n\nWrite `{{< kb-count catalog="x" >}}`.'
    assert expand(loaded, page, "docs/page.md", HERE).markdown == page


def test_every_mistake_is_listed_with_page_and_line(loaded: KnowledgeBase) -> None:
    page = "\n".join(
        [
            '{{< kb-tabel catalog="sourcing-modes" >}}',
            '{{< kb-table catalog="sourcing-mode" >}}',
            '{{< kb-count catalog="annotation-vendors" filter="license=gpl" >}}',
            'Text {{< kb-table catalog="sourcing-modes" >}}',
        ]
    )
    with pytest.raises(EmbedError) as caught:
        expand(loaded, page, "docs/page.md", HERE)
    licences = ", ".join(t.code for t in vocab("license"))  # every term, in the file's order
    assert caught.value.lines == [
        "docs/page.md:1: unknown directive 'kb-tabel'; did you mean 'kb-table'?",
        "docs/page.md:2: unknown catalog 'sourcing-mode'; did you mean 'sourcing-modes'?",
        f"docs/page.md:3: filter: 'gpl' is not a value of license (known: {licences})",
        "docs/page.md:4: kb-table must stand alone on its own line",
    ]
