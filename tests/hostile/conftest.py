"""Fixtures of the hostile-input tests: a headless Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """The system Chromium: $KB_CHROMIUM, /usr/bin/chromium, or one on the PATH."""
    for candidate in (os.environ.get("KB_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium. Skipped without one, unless KB_REQUIRE_BROWSER=1 (CI): then the
    missing browser is a failure, never a silent skip."""
    executable = chromium_path()
    if executable is None:
        if os.environ.get("KB_REQUIRE_BROWSER") == "1":
            pytest.fail("KB_REQUIRE_BROWSER=1 but no Chromium found (set KB_CHROMIUM)")
        pytest.skip("no Chromium found (set KB_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
