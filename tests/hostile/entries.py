"""Valid entries that carry hostile text in every text field type, one per payload.

They must validate (HTML and template syntax are just text to the validator) and keep every
value verbatim; the site built from them must show the text and run none of it. The YAML is
assembled from hand-written templates; every value is a JSON string, which is also a YAML
double-quoted scalar, so the payload reaches the file byte for byte.
"""

from __future__ import annotations

import json

from hostile.payloads import HOSTILE_URLS, MARKDOWN_PAYLOADS, PAYLOADS

SOURCES_TAIL = """\
    accessed: 2024-05-01
    kind: vendor
last_verified: 2024-05-02
added: 2024-04-01
"""


def q(text: str) -> str:
    """``text`` as a YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def description(payload: str) -> str:
    """A Markdown description holding the payload and every Markdown-only payload."""
    return "\n\n".join([payload, *MARKDOWN_PAYLOADS.values()])


def task(entry_id: str, payload: str, url: str) -> str:
    """A vision task with ``payload`` in name, summary, description, focus, output, list
    items, a nested mapping's text, and a source title."""
    p = q(payload)
    return f"""\
id: {entry_id}
name: {p}
summary: {p}
description: {q(description(payload))}
modality: image
focus: {p}
output: {p}
localizes: true
complexity: {{basis: {p}}}
processing_time: {{basis: "Not compared."}}
use_cases: [{p}, "plain use case"]
applications:
  - area: security
    role: {p}
part_of: image-classification
website: {q(url)}
sources:
  - url: {q(url)}
    title: {p}
{SOURCES_TAIL}"""


# A payload for the other catalogs' own text fields (maker, layers, typical uses ...).
_P = PAYLOADS["breakout-double"]
_S = PAYLOADS["script"]
_URL = HOSTILE_URLS["url-breakout-double"]
_SRC = "https://example.com/sourcing"

OTHER_CATALOGS: dict[tuple[str, str], tuple[str, dict[tuple[str | int, ...], str]]] = {
    ("image-generators", "xss-generator"): (
        f"""\
id: xss-generator
name: {q(_S)}
summary: {q(_P)}
description: {q(description(_S))}
maker: {q(_P)}
access: [web, api]
pricing: [free-tier]
features: [inpainting]
technology: {q(PAYLOADS["jinja-expression"])}
free_allowance: {q(PAYLOADS["img-onerror"])}
ease_of_use: {{rating: high, basis: {q(PAYLOADS["svg-onload"])}, source: {q(_URL)}}}
api_price_min: 0.04
api_price_basis: {q(PAYLOADS["img-onerror"])}
current_model: {q(PAYLOADS["breakout-single"])}
website: {q(HOSTILE_URLS["url-breakout-single"])}
sources:
  - url: {q(_URL)}
    title: {q(PAYLOADS["svg-onload"])}
    supports: [access, pricing, features, api_price_min, current_model]
{SOURCES_TAIL}""",
        {
            ("name",): _S,
            ("maker",): _P,
            ("technology",): PAYLOADS["jinja-expression"],
            ("free_allowance",): PAYLOADS["img-onerror"],
            ("api_price_basis",): PAYLOADS["img-onerror"],
            ("current_model",): PAYLOADS["breakout-single"],
            ("website",): HOSTILE_URLS["url-breakout-single"],
            ("sources", 0, "title"): PAYLOADS["svg-onload"],
        },
    ),
    ("image-optimizers", "xss-optimizer"): (
        f"""\
id: xss-optimizer
name: {q(PAYLOADS["a-javascript"])}
summary: {q(PAYLOADS["close-containers"])}
kind: online
compression: [lossy, lossless]
input_formats: [png]
pricing: [free]
max_batch: 20
website: {q(HOSTILE_URLS["url-query-script"])}
sources:
  - url: {q(HOSTILE_URLS["url-query-script"])}
    title: {q(PAYLOADS["jinja-statement"])}
    supports: [kind, compression, input_formats, pricing, max_batch]
{SOURCES_TAIL}""",
        {
            ("name",): PAYLOADS["a-javascript"],
            ("summary",): PAYLOADS["close-containers"],
            ("website",): HOSTILE_URLS["url-query-script"],
        },
    ),
    ("annotation-vendors", "xss-vendor"): (
        f"""\
id: xss-vendor
name: {q(PAYLOADS["breakout-single"])}
summary: {q(PAYLOADS["details-ontoggle"])}
offering: tool
license: open-source
techniques: [bounding-box]
data_types: [image]
sourcing_modes: [in-house]
repository: {q(_URL)}
website: {q(HOSTILE_URLS["url-breakout-single"])}
sources:
  - url: https://example.com/vendor
    title: {q(PAYLOADS["input-autofocus"])}
    supports: [offering, license, techniques, data_types, sourcing_modes]
{SOURCES_TAIL}""",
        {
            ("name",): PAYLOADS["breakout-single"],
            ("repository",): _URL,
            ("sources", 0, "title"): PAYLOADS["input-autofocus"],
        },
    ),
    ("sourcing-modes", "xss-sourcing"): (
        f"""\
id: xss-sourcing
name: {q(PAYLOADS["svg-script"])}
summary: {q(PAYLOADS["meta-refresh"])}
time_required: {{rating: low, basis: {q(PAYLOADS["svg-script"])}, source: {q(_SRC)}}}
price: {{rating: cheap, basis: {q(PAYLOADS["meta-refresh"])}, source: {q(_SRC)}}}
labeling_quality: {{basis: {q(PAYLOADS["math-mutation"])}}}
security: {{rating: low, basis: "Rated low.", source: {q(_SRC)}}}
who_labels: {q(PAYLOADS["math-mutation"])}
sources:
  - url: {_SRC}
    title: {q(_S)}
{SOURCES_TAIL}""",
        {("who_labels",): PAYLOADS["math-mutation"], ("name",): PAYLOADS["svg-script"]},
    ),
    ("annotation-techniques", "xss-technique"): (
        f"""\
id: xss-technique
name: {q(PAYLOADS["iframe-data"])}
summary: {q(PAYLOADS["a-vbscript"])}
geometry: points
dimensions: [2d]
typical_uses: [{q(_S)}, {q(_P)}, {q(PAYLOADS["jinja-expression"])}]
sources:
  - url: https://example.com/technique
    title: {q(PAYLOADS["a-javascript-entity"])}
{SOURCES_TAIL}""",
        {
            ("typical_uses", 0): _S,
            ("typical_uses", 2): PAYLOADS["jinja-expression"],
            ("sources", 0, "title"): PAYLOADS["a-javascript-entity"],
        },
    ),
    ("case-studies", "xss-case"): (
        f"""\
id: xss-case
name: {q(PAYLOADS["entity-text"][:80])}
summary: {q(_P)}
description: {q(description(PAYLOADS["a-javascript-tab"]))}
task: image-classification
model_type: {q(_S)}
dataset: {q(PAYLOADS["svg-onload"])}
layers: [{q(_S)}, {q(_S)}, {q(PAYLOADS["img-onerror"])}]
loss: {q(PAYLOADS["jinja-statement"])}
optimizer: {q(PAYLOADS["breakout-unquoted"])}
metric: test-accuracy
result: 0.5
sources:
  - url: https://example.com/case
    title: {q(PAYLOADS["a-javascript-mixed"])}
    supports: [result]
{SOURCES_TAIL}""",
        {
            ("layers", 1): _S,
            ("loss",): PAYLOADS["jinja-statement"],
            ("optimizer",): PAYLOADS["breakout-unquoted"],
            ("model_type",): _S,
        },
    ),
}


def hostile_entries() -> dict[tuple[str, str], tuple[str, dict[tuple[str | int, ...], str]]]:
    """(catalog, id) -> (YAML text, {field path: value it must keep verbatim})."""
    urls = list(HOSTILE_URLS.values())
    found = dict(OTHER_CATALOGS)
    for n, (name, payload) in enumerate(PAYLOADS.items()):
        entry_id = f"xss-{name}"
        url = urls[n % len(urls)]
        keep: dict[tuple[str | int, ...], str] = {
            (field,): payload for field in ("name", "summary", "focus", "output")
        }
        keep[("description",)] = description(payload)
        keep[("use_cases", 0)] = payload
        keep[("applications", 0, "role")] = payload
        keep[("sources", 0, "title")] = payload
        keep[("sources", 0, "url")] = url
        found[("vision-tasks", entry_id)] = (task(entry_id, payload, url), keep)
    return found
