"""Script-injection payloads a hostile contributor might put in any text field.

Every payload that ran would set ``window.__pwned`` (or ``top.__pwned``), so the browser proof
only has to look for that marker. Each fits the shortest text limit (a name: 80 characters).
"""

from __future__ import annotations

MARKER = "__pwned"

# name -> payload. Plain text fields must show these verbatim as inert text.
PAYLOADS: dict[str, str] = {
    "script": "<script>window.__pwned=1</script>",
    "script-mixed-case": "<ScRiPt>window.__pwned=1</sCrIpT>",
    "img-onerror": '<img src=x onerror="window.__pwned=1">',
    "svg-onload": '<svg onload="window.__pwned=1"><circle r="9"/></svg>',
    "svg-script": "<svg><script>window.__pwned=1</script></svg>",
    "breakout-double": '"><img src=x onerror=window.__pwned=1>',
    "breakout-single": "'><svg/onload=window.__pwned=1>",
    "breakout-unquoted": "x onmouseover=window.__pwned=1 autofocus onfocus=window.__pwned=1 x=",
    "close-containers": "</title></textarea></script><script>window.__pwned=1</script>",
    "a-javascript": '<a href="javascript:window.__pwned=1">x</a>',
    "a-javascript-mixed": '<a href="JaVaScRiPt:window.__pwned=1">x</a>',
    "a-javascript-entity": '<a href="&#106;avascript&#58;window.__pwned=1">x</a>',
    "a-javascript-tab": '<a href="jav&#x09;ascript:window.__pwned=1">x</a>',
    "a-vbscript": '<a href="vbscript:window.__pwned=1">x</a>',
    "iframe-data": '<iframe src="data:text/html,<script>top.__pwned=1</script>"></iframe>',
    "details-ontoggle": "<details open ontoggle=window.__pwned=1>",
    "input-autofocus": "<input autofocus onfocus=window.__pwned=1>",
    "meta-refresh": '<meta http-equiv=refresh content="0;url=javascript:top.__pwned=1">',
    "math-mutation": "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>",
    "jinja-expression": "{{ 7*191 }} {{ config.site_name }} {{ ''.__class__ }}",
    "jinja-statement": "{% for x in range(3) %}LOOP{% endfor %}{% raw %}",
    "entity-text": "&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp; &#60;b&#62;",
}

# Markdown-only payloads: links and images with dangerous URL schemes, raw HTML blocks,
# reference definitions, autolinks and attribute lists. A description holds them all.
MARKDOWN_PAYLOADS: dict[str, str] = {
    "md-link-javascript": "[click](javascript:window.__pwned=1)",
    "md-link-javascript-mixed": "[click](JaVaScRiPt:window.__pwned=1)",
    "md-link-javascript-entity": "[click](&#106;avascript&#x3A;window.__pwned=1)",
    "md-link-javascript-percent": "[click](javascript%3Awindow.__pwned=1)",
    "md-link-javascript-angle": "[click](<javascript:window.__pwned=1>)",
    "md-link-vbscript": "[click](vbscript:window.__pwned=1)",
    "md-link-data": "[click](data:text/html;base64,PHNjcmlwdD50b3AuX19wd25lZD0xPC9zY3JpcHQ+)",
    "md-image-data-svg": (
        "![pic](data:image/svg+xml;base64,"
        "PHN2ZyBvbmxvYWQ9InRvcC5fX3B3bmVkPTEiIHhtbG5zPSJodHRwOi8vd3d3LnczLm9yZy8yMDAwL3N2ZyIvPg==)"
    ),
    "md-image-onerror": '![x" onerror="window.__pwned=1](https://example.com/x.png)',
    "md-link-title-breakout": '[t](https://example.com/ "a\\" onmouseover=\\"window.__pwned=1")',
    "md-autolink-javascript": "<javascript:window.__pwned=1>",
    "md-reference-javascript": "[ref][evil]\n\n[evil]: javascript:window.__pwned=1",
    "md-attr-list": 'A paragraph.\n{: onclick="window.__pwned=1" }',
    "md-raw-html-block": (
        '<div onclick="window.__pwned=1">\n<script>window.__pwned=1</script>\n</div>'
    ),
    "md-in-html": '<div markdown="1">\n<img src=x onerror="window.__pwned=1">\n</div>',
    "md-style": "<style>body{background:url('javascript:window.__pwned=1')}</style>",
    "md-object": '<object data="javascript:window.__pwned=1"></object><embed src="x.svg">',
    "md-form": '<form action="javascript:window.__pwned=1"><button>go</button></form>',
    "md-base": '<base href="javascript:window.__pwned=1//">',
    "md-jinja": "Total: {{ 7*191 }} and {% include 'base.html' %}",
}

# Values that are valid http(s) URLs yet try to break out of an href attribute.
HOSTILE_URLS: dict[str, str] = {
    # Only characters a URI may hold get this far ('"', '<' and '>' are refused at validation,
    # see the corpus): a single quote, and escapes that a careless decoder would turn back.
    "url-breakout-double": "https://example.com/%22%3E%3Cimg/src=x/onerror=window.__pwned=1%3E",
    "url-breakout-single": "https://example.com/'onmouseover='window.__pwned=1'",
    "url-query-script": "https://example.com/?q=%3Cscript%3Ewindow.__pwned=1%3C/script%3E",
}
