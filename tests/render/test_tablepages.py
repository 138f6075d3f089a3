"""kb.render.tablepages: a large catalog's data files carry what the table script cannot
rebuild, and the script's rebuild gives back the server's cells."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest
from bigsite import ROOT, generated_id, write_entries

from kb.data.loader import load
from kb.render.sharedtable import catalog_table
from kb.render.tablepages import data_path, markup_text, more_path, table_data
from kb.render.urls import Linker

CATALOG = "image-optimizers"


def test_markup_text_reads_text_nodes_unescaped_once_lower_cased() -> None:
    markup = (
        '<th data-kb-sort="a"><a href="x/">Caf&#233; &amp; &lt;Co&gt; &#34;Q&#34; &#x27;S&#39;'
        '</a><span title="not &gt; text">\u03a3 Big</span><span>\u03a3 Big</span></th>'
    )
    assert markup_text(markup) == "café & <co> \"q\" 's'\x1f\u03c3 big"


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The real catalogs plus 1,001 generated image optimizers, loaded; their data files."""
    root = tmp_path_factory.mktemp("large") / "catalog"
    shutil.copytree(ROOT / "catalog", root)
    write_entries(root / CATALOG, 1001)
    kb = load(root)
    files = table_data(kb, CATALOG)
    page = str(catalog_table(kb, CATALOG, Linker(f"{CATALOG}/")))
    return {
        "data": json.loads(files[data_path(CATALOG)]),
        "more": json.loads(files[more_path(CATALOG)]),
        "page": page,
        "files": files,
    }


def test_first_view_file_holds_the_shown_columns_the_other_the_hidden(large: dict) -> None:
    data, more, page = large["data"], large["more"], large["page"]
    heads = re.findall(r'<th scope="col" data-kb-field="([a-z_]+)"([^>]*)>', page)
    shown = [field for field, rest in heads if " hidden" not in rest]
    hidden = [field for field, rest in heads if " hidden" in rest]
    assert shown[:2] == ["name", "kind"] and "website" in hidden
    assert sorted(data["columns"]) == sorted(shown)
    assert sorted(more["columns"]) == sorted(hidden)
    assert set(data["cells"]) == set(shown) | set(hidden)
    # every row its own name and website: no index list for those columns
    assert data["cells"]["name"] is None and data["cells"]["website"] is None
    assert isinstance(data["cells"]["kind"], list)
    assert f'data-kb-more-href="{more_path(CATALOG).split("/")[1]}"' in page


def test_script_rebuilds_the_servers_cells_and_search_texts(large: dict) -> None:
    """Each cell of the server's first rows, rebuilt as the script does (the sort value put
    back from the key, the search text from the markup where the file gives none)."""
    data, more, page = large["data"], large["more"], large["page"]
    columns = {**data["columns"], **more["columns"]}
    ids = data["ids"]
    rows = re.findall(r'<tr data-kb-id="([^"]+)"[^>]*data-kb-text="([^"]*)"[^>]*>(.*?)</tr>', page)
    assert len(rows) == 100
    emptied = 0
    for entry_id, text, cells in rows:
        n = ids.index(entry_id)
        pieces: list[str] = []
        for found_cell in re.finditer(r'<t[hd][^>]* data-kb-field="([a-z_]+)".*?</t[hd]>', cells):
            field, markup = found_cell[1], found_cell[0]
            column = columns[field]
            at = n if data["cells"][field] is None else data["cells"][field][n]
            stored = column["html"][at]
            emptied += 'data-kb-sort=""' in stored and 'data-kb-sort=""' not in markup
            rebuilt = stored.replace('data-kb-sort=""', f'data-kb-sort="{column["keys"][at]}"', 1)
            assert rebuilt == markup.replace(" hidden", ""), (entry_id, field)
            if field in data["columns"]:
                given = column.get("texts", [None] * (at + 1))[at]
                found = given if given is not None else markup_text(stored)
                pieces += [p for p in found.split("\x1f") if p and p not in pieces]
        assert " ".join(pieces) == html.unescape(text), entry_id
    assert emptied > 100  # the sort values were left out of the file, not kept


def test_generated_entries_texts_are_left_to_the_script(large: dict) -> None:
    name = large["data"]["columns"]["name"]
    texts = name.get("texts") or []
    ids = large["data"]["ids"]
    assert all(texts[ids.index(generated_id(n))] is None for n in range(0, 1001, 97)) or not texts
