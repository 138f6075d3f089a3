"""Every page of the built site reads right where templates reuse a catalog's label: the
article fits the word after it ("an AI image generator", never "a AI ..."), and AI keeps its
capitals ("AI image generators", never "ai image generators" or "Ai image generator")."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from builtsite import build_site

# Each slip with what it should have been; the patterns are matched against the visible
# text of every page (scripts and styles left out).
SLIPS = {
    r"\b[Aa] (?:AI|ai|image|annotation|optimizer|entry|example)\b": "an before a vowel sound",
    r"\b[Aa]n (?:task|case study|sourcing|vision|generator|tool|vendor)\b": "a before a consonant",
    r"\bai image": "AI in capitals",
    r"(?<![.\w])Ai image": "AI in capitals",
    r"\b(?:All|Compare|Missing) ai\b": "AI in capitals",
}


class _Text(HTMLParser):
    """The visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def text_of(path: Path) -> str:
    reader = _Text()
    reader.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(reader.parts).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory)


def test_no_article_or_casing_slips_on_any_page(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100  # every catalog, entry, compare and concept page
    found = []
    for path in pages:
        text = text_of(path)
        for pattern, rule in SLIPS.items():
            for match in re.finditer(pattern, text):
                where = text[max(0, match.start() - 40) : match.end() + 20]
                found.append(f"{path.relative_to(site)}: {rule}: …{where}…")
    assert found == [], "\n".join(found[:20])


def test_the_patterns_catch_the_slips_they_name() -> None:
    # the checks above are only as good as these patterns: each must catch its slip
    samples = [
        "Missing a AI image generator?",
        "Fields of a image optimizer entry",
        "Missing a annotation vendor",
        "Compare ai image generators",
        "All ai image generators",
        "Ai image generator",
        "Add an task",
    ]
    for sample in samples:
        assert any(re.search(p, sample) for p in SLIPS), sample
    for fine in ("an AI image generator", "a sourcing mode", "Leonardo.Ai image tools", "a task"):
        assert not any(re.search(p, fine) for p in SLIPS), fine
