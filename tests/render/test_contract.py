"""kb.render.contract: the names the HTML and the table script share are written once."""

from __future__ import annotations

import json
import re
from importlib import resources

from kb.data.fields import ID_PATTERN
from kb.render.contract import CONTRACT, contract_js


def test_the_script_gets_the_same_contract() -> None:
    body = contract_js().split("=", 1)[1].strip().rstrip(";")
    assert json.loads(body) == CONTRACT
    assert CONTRACT["idPattern"] == ID_PATTERN


def test_table_js_holds_no_copy_of_the_contract() -> None:
    script = resources.files("kb").joinpath("assets", "table.js").read_text("utf-8")
    assert CONTRACT["idSlot"] not in script
    assert "[a-z0-9]" not in script  # the id pattern comes from contract.js
    assert re.search(r"window\.kbContract", script)
