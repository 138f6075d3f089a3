"""What the search plugin reads of a page: its HTML without the parts marked
``data-search-exclude`` and, in a generated page, without the tags it does not read.

Material's search plugin leaves such an element out of the index, but only after running
Python's ``html.parser`` over every tag inside it: for a catalog page of 1,000 entries
(a table of tens of thousands of tags, all excluded) that took a fifth of the whole build.
The plugin hands the search a copy of the page with each excluded element replaced by an
HTML comment (which the search ignores) and puts the elements back before the theme
renders the page. The page is the same, byte for byte, whatever the cut: a wrong cut could
only change what the search reads, never what is published. The index now holds exactly
what the markup allows: Material's parser used to lose track of an excluded element and let
part of it through (the ratings legend inside a catalog table).

A generated page's entry page is mostly tags around a few words (a fact's chips, links,
citation marks): there the copy also leaves out the tags the index never shows, and every
attribute but a heading's id, which leaves the index as it was (up to runs of spaces) and
halves the search's time on these pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MARK = "data-search-exclude"
# The start tag of an element marked for exclusion (the attribute alone or with a value).
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^>]*?\s" + MARK + r"(?=[\s=/>])[^>]*>")
# Elements without an end tag: nothing inside them to skip.
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


# In a generated page (made by kb's own templates, where no heading is ever inside one of
# them), tags that only wrap text the search indexes anyway: the search reads the same
# words without them, and each tag costs its HTML parser more than the words inside.
# ``code``, ``sub`` and ``sup`` are tags the search keeps (it writes them into the index).
# fmt: off
_UNWRAP = frozenset({
    "a", "abbr", "b", "br", "button", "caption", "cite", "col", "colgroup",
    "data", "dd", "del", "dfn", "dl", "dt", "em", "i", "img",
    "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span",
    "strong", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "var", "wbr", "svg", "g", "path", "rect", "line", "polyline",
    "polygon", "circle", "ellipse", "text", "tspan", "title", "desc", "defs", "use",
    "marker",
})
# fmt: on
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^>]*)?/?>")
_HEADING_ID = re.compile(r"""\sid=("[^"]*"|'[^']*')""")


def _light_tag(match: re.Match[str]) -> str:
    tag = match.group(1).lower()
    if tag in _UNWRAP:
        return ""
    whole = match.group(0)
    if whole.startswith("</") or match.end(1) == match.end() - 1:
        return whole  # an end tag, or a start tag without attributes
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        found = _HEADING_ID.search(whole)  # the id makes a heading a section of the index
        return f"<{tag} id={found.group(1)}>" if found else f"<{tag}>"
    return f"<{tag}>"  # the search reads no other attribute


@dataclass
class SearchView:
    """A page's HTML as the search should read it, and how to put the original back."""

    light: str
    original: str
    cut: dict[str, str] = field(default_factory=dict)  # placeholder -> original HTML

    def restore(self, html: str) -> str:
        """The original page when ``html`` is still the light copy; otherwise (another
        plugin changed it) ``html`` with every cut element back in its place."""
        if html == self.light:
            return self.original
        for placeholder, original in self.cut.items():
            html = html.replace(placeholder, original, 1)
        return html


def _end(html: str, tag: str, start: int) -> int | None:
    """Where the element whose start tag begins at ``start`` ends (after its end tag),
    counting nested elements of the same name; None when it is never closed."""
    pattern = re.compile(rf"<(/?){re.escape(tag)}(?=[\s/>])[^>]*>", re.IGNORECASE)
    depth = 0
    for match in pattern.finditer(html, start):
        if match.group(1):
            depth -= 1
            if depth == 0:
                return match.end()
        elif not match.group(0).endswith("/>"):
            depth += 1
    return None


def search_view(html: str, generated: bool = False) -> SearchView | None:
    """The light copy of ``html``: without the elements marked for exclusion and, for a
    ``generated`` page, with only the tags the search reads (None when it would be the
    same as ``html``)."""
    view = _cut(html)
    if generated:
        view = view or SearchView(html, html)
        view.light = _TAG.sub(_light_tag, view.light)
    return view


def _cut(html: str) -> SearchView | None:
    """``html`` with each element marked ``data-search-exclude`` replaced by a comment."""
    if MARK not in html:
        return None
    parts: list[str] = []
    cut: dict[str, str] = {}
    position = 0
    for match in _START.finditer(html):
        if match.start() < position:
            continue  # inside an element already cut
        tag = match.group(1).lower()
        if tag in _VOID:
            continue
        end = _end(html, tag, match.start())
        if end is None:
            continue
        placeholder = f"<!--kb-search-excluded-{len(cut)}-->"
        while placeholder in html:  # never a comment the page already holds
            placeholder = placeholder.replace("-->", "-x-->")
        parts.append(html[position : match.start()])
        parts.append(placeholder)
        cut[placeholder] = html[match.start() : end]
        position = end
    if not cut:
        return None
    parts.append(html[position:])
    return SearchView("".join(parts), html, cut)
