"""A generated page as MkDocs sees it: a page whose HTML comes from ``kb``, not from
Markdown.

MkDocs renders every page's Markdown with a new ``markdown.Markdown`` instance, all
extensions loaded, even when the Markdown is empty, as it is for a generated page (its HTML
is put in place by the plugin's ``on_page_content``). For 1,000 entry pages that was a fifth
of the build. MkDocs lets a plugin give a file its page (``File.page``) before it would
make one; the plugin does that for the generated pages that are not in the navigation,
with this class, whose ``render`` skips the Markdown. Everything else (events, theme,
search, output) is MkDocs' own, and the page comes out the same.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class HtmlPage(Page):
    """A page outside the navigation whose content the plugin supplies."""

    def __init__(self, file: File, config: MkDocsConfig) -> None:
        super().__init__(None, file, config)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """What rendering empty Markdown gives: no content (``on_page_content`` supplies
        it), no table of contents, no anchors, no title."""
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()
