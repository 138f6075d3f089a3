"""kb.render.widgets: the small fragments hand-written pages embed."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import Tree

from kb.data.catalog import KnowledgeBase
from kb.data.loader import load
from kb.render.urls import Linker
from kb.render.widgets import field_reference, link, rank

HERE = Linker("concepts/page/")


def test_the_ranking_knows_only_the_rated_criteria(loaded: KnowledgeBase) -> None:
    criteria = [("ease_of_use", "high", "Ease"), ("cost", "low", "Cost")]
    html = str(rank(loaded, "image-generators", criteria, HERE))
    data = json.loads(re.search(r"data-kb-rank-data='([^']*)'", html).group(1))  # type: ignore[union-attr]
    (entry,) = data["entries"]
    # Pic Maker is rated on ease of use only: cost is absent, never a guessed value
    assert entry["ranks"] == {"ease_of_use": 3}


def test_a_mention_of_a_superseded_product_says_so(tree: Tree) -> None:
    tree.supersede("annotation-techniques", "polygon", "bounding-box")
    kb = load(Path("catalog"))
    html = str(link(kb, "annotation-techniques", "polygon", HERE, ""))
    assert html.strip().endswith('Polygon</a> <span class="kb-status-note">(superseded)</span>')


def test_the_field_reference_names_nested_keys(loaded: KnowledgeBase) -> None:
    html = str(field_reference(loaded, "image-generators"))
    assert "list of {url, title, kind, accessed, published, supports}" in html
    assert "rating {rating, basis, source}" in html
