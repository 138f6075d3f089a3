"""The embeddable view ``/embed/<catalog>/``: the catalog's table alone, for an iframe.

It is a standalone HTML file, not a page of the site: every engine (MkDocs, ProperDocs,
Zensical) wraps its pages in the theme's header, navigation and footer, which an embed must
not show, and a file is copied as it is by all of them. It links the package's own assets
(table script and styles, plus the embed script that reports the height to the parent).

Its ``<base href>`` is the catalog page's folder, so the table is the very markup of the
catalog page (rendered once for both) and every link in it leads where it does there.
"""

from __future__ import annotations

from markupsafe import Markup

from kb.catalog import KnowledgeBase
from kb.models import CATALOGS
from kb.sharedtable import catalog_table
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
    here = Linker(embed_path(catalog), directory_urls)
    # Links below are relative to the base, the catalog page, exactly as on that page.
    ln = Linker(Linker("", directory_urls).catalog(catalog), directory_urls)
    spec = CATALOGS[catalog]
    html: Markup = render(
        "embed.html",
        catalog=catalog,
        title=spec.title,
        site_name=site_name,
        base_href=here.catalog(catalog),
        catalog_href=ln.catalog(catalog),
        styles=[ln.file(a) for a in assets if a.endswith(".css")],
        scripts=[ln.file(a) for a in assets if a.endswith(".js")],
        table=catalog_table(kb, catalog, ln),
    )
    return str(html)
