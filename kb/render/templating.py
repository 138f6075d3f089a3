"""The package's Jinja environment (autoescaping, strict undefined) and the helpers every
renderer shares: rendering a template to safe HTML and packing data into an attribute."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from kb.render.contract import CONTRACT


@cache
def environment() -> Environment:
    """The Jinja environment: package templates, autoescaping on, undefined is an error.

    MkDocs' own environment does not autoescape; every value from YAML goes through this one.
    """
    env = Environment(
        loader=PackageLoader("kb", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        auto_reload=False,  # templates ship in the package; no stat() per page
    )
    env.globals["contract"] = CONTRACT  # the names table.js reads (see kb.render.contract)
    # Jinja's capitalize lower-cases the rest ("Ai image generator"); this keeps it as written.
    env.filters["upper_first"] = upper_first
    env.filters["address"] = address
    return env


def address(text: str) -> Markup:
    """A web address shown as text, escaped, with a line-break opportunity after each "/"
    (browsers do not break there, so a long address would otherwise be cut mid-word)."""
    return Markup("/<wbr>").join(Markup.escape(part) for part in str(text).split("/"))


def upper_first(text: str) -> str:
    """The text with its first letter in capitals and the rest as written."""
    return text[:1].upper() + text[1:]


def render(template: str, **context: Any) -> Markup:
    """Render a package template to safe HTML."""
    return Markup(environment().get_template(template).render(**context))


def macro(name: str) -> Any:
    """A macro of the package's ``_macros.html``, to call from Python (one call per cell or
    row, without rendering a template around it)."""
    return getattr(environment().get_template("_macros.html").module, name)


def attribute_json(data: Any) -> Markup:
    """JSON for a single-quoted HTML attribute: only the characters that matter there are
    escaped, so the many double quotes of JSON stay as they are (a third of the bytes).

    Data goes in attributes, not in ``<script type="application/json">``: Material's instant
    navigation re-creates every script of a new page without its attributes and runs it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "&amp;"), ("'", "&#39;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(char, escape)
    return Markup(text)  # escaped for a single-quoted attribute just above
