"""What the browser tests read from a page: the catalog's own YAML (independently of the
package), the listed rows, console and network cleanliness, and axe's serious findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.request import urlopen

from ruamel.yaml import YAML

CATALOG = Path(__file__).resolve().parents[2] / "catalog"


def raw(catalog: str) -> dict[str, dict[str, Any]]:
    """The catalog's YAML files as plain data, read independently of the package."""
    yaml = YAML(typ="safe")
    return {p.stem: yaml.load(p.read_text("utf-8")) for p in (CATALOG / catalog).glob("*.yml")}


def downloaded(base_url: str, catalog: str) -> dict[str, dict[str, Any]]:
    """The catalog's JSON download from the served site, by id: what a reader gets, derived
    ratings included (they are computed by published rules, so the YAML has none)."""
    with urlopen(f"{base_url}downloads/{catalog}.json") as response:
        return {e["id"]: e for e in json.load(response)}


def shown_ids(scope: Any) -> list[str]:
    """Ids of the rows the main table lists, in order (a page or a frame)."""
    rows = scope.locator("div[data-kb-state=url] tbody tr:not([hidden])")
    return [str(r.get_attribute("data-kb-id")) for r in rows.all()]


def assert_clean(page: Any) -> None:
    """No console error and no request to another host on this tab."""
    assert page.errors == [], page.errors
    assert page.off_host == [], page.off_host


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """axe's serious and critical findings on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
