"""kb.render.urls: every generated link is relative to the page it is on."""

from __future__ import annotations

import pytest

from kb.render.urls import Linker


@pytest.mark.parametrize(
    ("page", "target", "expected"),
    [
        ("", "sourcing-modes/in-house.md", "sourcing-modes/in-house/"),
        ("sourcing-modes/", "sourcing-modes/in-house.md", "in-house/"),
        (
            "sourcing-modes/in-house/",
            "annotation-techniques/polygon.md",
            "../../annotation-techniques/polygon/",
        ),
        ("sourcing-modes/in-house/", "sourcing-modes/index.md", "../"),
        ("concepts/image-annotation/", "index.md", "../../"),
        ("sourcing-modes/in-house/", "sourcing-modes/in-house.md", "./"),
    ],
)
def test_directory_urls(page: str, target: str, expected: str) -> None:
    assert Linker(page).page(target) == expected


def test_files_and_plain_urls() -> None:
    assert Linker("sourcing-modes/").file("downloads/sourcing-modes.csv") == (
        "../downloads/sourcing-modes.csv"
    )
    flat = Linker("sourcing-modes/in-house.html", directory_urls=False)
    assert flat.entry("annotation-techniques", "polygon") == "../annotation-techniques/polygon.html"
    assert flat.catalog("sourcing-modes") == "index.html"
