"""The embeddable view ``/embed/<catalog>/``: the catalog's table alone, for an iframe.

It is a standalone HTML file, not a page of the site: every engine (MkDocs, ProperDocs,
Zensical) wraps its pages in the theme's header, navigation and footer, which an embed must
not show, and a file is copied as it is by all of them. It links the package's own assets
(table script and styles, plus the embed script that reports the height to the parent).

The table is the catalog page's own markup (rendered once for both) with its relative
links moved to where the embed lives: a ``<base href>`` would do that without the
rewriting, but no page may carry one (the security checks refuse any). The embed script
opens every link in a new tab.
"""

from __future__ import annotations

import posixpath
import re
from functools import cache

from markupsafe import Markup

from kb.data.catalog import KnowledgeBase
from kb.data.models import CATALOGS
from kb.render.sharedtable import catalog_table
from kb.render.templating import render
from kb.render.urls import Linker, embed_path


def embed_page(
    kb: KnowledgeBase,
    catalog: str,
    site_name: str,
    assets: tuple[str, ...],
    directory_urls: bool = True,
) -> str:
    """The whole HTML document. ``assets`` are site paths of the scripts and styles."""
    ln = Linker(embed_path(catalog), directory_urls)
    page = Linker(Linker("", directory_urls).catalog(catalog), directory_urls)
    prefix = ln.file(f"{catalog}/")  # the catalog page's folder, seen from the embed
    spec = CATALOGS[catalog]
    html: Markup = render(
        "embed.html",
        catalog=catalog,
        title=spec.title,
        site_name=site_name,
        catalog_href=ln.catalog(catalog),
        styles=[ln.file(a) for a in assets if a.endswith(".css")],
        scripts=[ln.file(a) for a in assets if a.endswith(".js")],
        icon_href=ln.file("assets/kb/icon.svg"),
        table=relocate(catalog_table(kb, catalog, page), prefix),
    )
    return str(html)


# A URL attribute whose value is relative: no scheme, not from the root, not a fragment.
_RELATIVE = re.compile(
    r'(\s(?:href|src|data-kb-[a-z-]*href)=")((?![a-z][a-z0-9+.-]*:)[^"/#][^"]*)"'
)


@cache
def _moved(prefix: str, url: str) -> str:
    path, sep, rest = url.partition("?") if "?" in url else url.partition("#")
    moved = posixpath.normpath(prefix + path)
    return moved + ("/" if path.endswith("/") or path in ("", ".") else "") + sep + rest


def relocate(html: Markup, prefix: str) -> Markup:
    """``html`` written for one folder, its relative URLs rewritten for a page whose path to
    that folder is ``prefix`` (e.g. ``../../annotation-vendors/``)."""
    return Markup(_RELATIVE.sub(lambda m: f'{m[1]}{_moved(prefix, m[2])}"', str(html)))
