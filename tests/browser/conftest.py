"""Fixtures of the browser tests: the real site, built once per engine (MkDocs, and Zensical
after ``kb generate``) and served on 127.0.0.1, and a Chromium tab that records console
errors and blocks (and records) off-host requests."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from builtsite import SITE_PREFIX, build_with
from hostile.site import serve


@pytest.fixture(scope="session", params=["mkdocs", "zensical"])
def base_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The URL of the real site as each engine builds it (``mkdocs build --strict``;
    ``kb generate`` then ``zensical build``), served locally under the path of its
    ``site_url`` (/cv-kb/), as it is published.

    Material's instant navigation only takes over links listed in sitemap.xml, matched by
    host *and port*; the copy served here gets a sitemap naming the local address, as a
    build whose site_url is that address would have.
    """
    root = tmp_path_factory.mktemp("served")
    copy = root / SITE_PREFIX.strip("/")
    shutil.copytree(build_with(request.param, tmp_path_factory), copy)
    with serve(root) as url:
        sitemap = copy / "sitemap.xml"
        published = re.search(r"<loc>(https?://[^/<]+)", sitemap.read_text("utf-8"))
        assert published, "sitemap.xml lists no page"
        local = url.rstrip("/")
        sitemap.write_text(sitemap.read_text("utf-8").replace(published.group(1), local), "utf-8")
        yield url + SITE_PREFIX.lstrip("/")
