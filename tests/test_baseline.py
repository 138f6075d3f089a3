"""A case study's result read against its majority-class baseline: the core derives the
remark from the two numbers (no field says it), and the table row and the entry page show it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import Tree
from ruamel.yaml import YAML

from definitions.concepts import CaseStudy
from kb.data.loader import load
from kb.data.numbers import NBSP
from kb.render.table import CatalogTable
from kb.render.urls import Linker
from kb.render.views import entry_page

CATALOG = Path(__file__).resolve().parents[1] / "catalog" / "case-studies"


def real(entry_id: str) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load((CATALOG / f"{entry_id}.yml").read_text("utf-8"))
    return data


def study(**changes: Any) -> CaseStudy:
    return CaseStudy.model_validate({**real("fake-news-bert"), **changes})


@pytest.mark.parametrize(
    ("metric", "result", "baseline", "said"),
    [
        ("test-accuracy", 0.6133, 0.6177, f"below the majority baseline (61.77{NBSP}%)"),
        ("test-accuracy", 0.5, 0.5, f"no better than the majority baseline (50{NBSP}%)"),
        ("test-accuracy", 0.9, 0.6177, None),  # above it: nothing to say
        ("test-accuracy", 0.6, None, None),  # no baseline known
        ("train-accuracy", 0.6, 0.7, None),  # a training figure is not compared
    ],
)
def test_the_remark_follows_from_the_two_numbers(
    metric: str, result: float, baseline: float | None, said: str | None
) -> None:
    remark = study(metric=metric, result=result, majority_baseline=baseline).remarks()
    assert (remark["result"].text if remark else None) == said


def test_the_fake_news_studies_are_below_it_and_churn_has_none() -> None:
    for entry_id in ("fake-news-bert", "fake-news-lstm"):
        remarks = CaseStudy.model_validate(real(entry_id)).remarks()
        assert remarks["result"].text == f"below the majority baseline (61.77{NBSP}%)"
        assert "61.77" in remarks["result"].why
    churn = CaseStudy.model_validate(real("churn-ann"))
    assert churn.majority_baseline is None and churn.remarks() == {}


def test_the_table_row_and_the_entry_page_say_so(tree: Tree) -> None:
    # the real BERT study, its task pointed at a task the small tree has
    text = (CATALOG / "fake-news-bert.yml").read_text("utf-8")
    tree.write(
        "case-studies",
        "fake-news-bert",
        text.replace("text-classification", "image-classification"),
    )
    kb = load(tree.root)
    assert kb.ok, [p.text() for p in kb.problems]
    html = CatalogTable.from_catalog(kb, "case-studies").as_html(Linker("case-studies/"))
    rows = {
        m.group(1): m.group(0) for m in re.finditer(r'<tr data-kb-id="([^"]+)".*?</tr>', html, re.S)
    }
    result = re.search(r'<td data-kb-field="result".*?</td>', rows["fake-news-bert"], re.S)
    assert result and f"61.33{NBSP}%" in result.group(0)
    assert f"below the majority baseline (61.77{NBSP}%)</span>" in result.group(0)
    assert "data-kb-remark" not in rows["churn-ann"]  # the fixture's churn study: no baseline

    bert = kb.entries["case-studies"]["fake-news-bert"]
    page = entry_page(kb, "case-studies", bert, Linker("case-studies/fake-news-bert/"), None)
    row = re.search(r'<tr data-kb-field="result">.*?</tr>', page, re.S)
    assert row and "below the majority baseline" in row.group(0)
    assert f"Always answering the most common class scores 61.77{NBSP}%" in row.group(0)
