"""kb.outputs.pages: every page and file a site gets from the catalogs, engine-neutral."""

from __future__ import annotations

from kb.data.catalog import KnowledgeBase
from kb.data.models import CATALOGS
from kb.outputs.pages import files, pages
from kb.render.urls import Linker


def test_a_catalog_page_a_compare_page_and_a_page_per_entry(loaded: KnowledgeBase) -> None:
    made = {p.src: p for p in pages(loaded, "contributing.md", lambda path: None)}
    for catalog in CATALOGS:
        assert f"{catalog}/index.md" in made and f"{catalog}/compare.md" in made
        for entry_id in loaded.entries[catalog]:
            assert f"{catalog}/{entry_id}.md" in made
    assert made["sourcing-modes/compare.md"].title == "Compare sourcing modes"
    assert made["image-generators/compare.md"].title == "Compare AI image generators"
    html = str(made["sourcing-modes/in-house.md"].html(Linker("sourcing-modes/in-house/")))
    assert "data-kb-entry-name" in html and "Employees of the company" in html


def test_downloads_schemas_and_the_contract_script(loaded: KnowledgeBase) -> None:
    out = files(loaded)
    for catalog in CATALOGS:
        assert f"downloads/{catalog}.csv" in out and f"downloads/{catalog}.json" in out
        assert f"schema/{catalog}.schema.json" in out
    assert out["assets/kb/contract.js"].startswith("/* Generated")
