"""The embeddable view ``/embed/<catalog>/``: the catalog's table alone, for an iframe.

It is a standalone HTML file, not a page of the site: every engine (MkDocs, ProperDocs,
Zensical) wraps its pages in the theme's header, navigation and footer, which an embed must
not show, and a file is copied as it is by all of them. It links the package's own assets
(table script and styles, plus the embed script that reports the height to the parent).

No ``<base>`` element (the security checks refuse any on a page): links are relative to
the embed itself, and the embed script opens them in a new tab.
"""

from __future__ import annotations

from markupsafe import Markup

from kb.catalog import KnowledgeBase
from kb.models import CATALOGS
from kb.table import CatalogTable
from kb.templating import render
from kb.urls import Linker, embed_path


def embed_page(
    kb: KnowledgeBase,
    catalog: str,
    site_name: str,
    assets: tuple[str, ...],
    directory_urls: bool = True,
) -> str:
    """The whole HTML document. ``assets`` are site paths of the scripts and styles."""
    ln = Linker(embed_path(catalog), directory_urls)
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
        table=CatalogTable.from_catalog(kb, catalog).as_html(ln, state="url"),
    )
    return str(html)
