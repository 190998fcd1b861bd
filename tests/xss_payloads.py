"""Classic cross-site scripting payloads, and a check that HTML carries none of them alive.

Each payload carries its own marker (xss-N) so a test can say which one got through.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

PAYLOADS = [
    '<script>alert("xss-1")</script>',
    '<img src=x onerror=alert("xss-2")>',
    "<a href=\"javascript:alert('xss-3')\">link xss-3</a>",
    '<svg onload=alert("xss-4")><circle r="1"/></svg>',
    "<p style=\"background:url(javascript:alert('xss-5'));width:expression(alert('xss-5'))\">styled xss-5</p>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLTYnKTwvc2NyaXB0Pg==">data xss-6</a>',
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('xss-7')\">entities xss-7</a>",
    '&lt;script&gt;alert("xss-8")&lt;/script&gt;',
    "<iframe src=\"javascript:alert('xss-9')\"></iframe>",
    '"><script>alert("xss-10")</script><input value="',
    "<a href=\"jav&#x09;ascript:alert('xss-11')\">tab xss-11</a>",
    '<math><mtext><table><mglyph><style><img src=x onerror=alert("xss-12")>',
    '<object data="data:text/html,<script>alert(13)</script>">xss-13</object>',
    "<form action=\"javascript:alert('xss-14')\"><button>go xss-14</button></form>",
    '<body onload=alert("xss-15")>',
    "<a href=\"  JaVaScRiPt:alert('xss-16')\">case xss-16</a>",
    "<a href=\"vbscript:msgbox('xss-17')\">vb xss-17</a>",
    '<style>@import "javascript:alert(18)";</style>styles xss-18',
    '<base href="javascript:alert(19)//">base xss-19',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(20)">meta xss-20',
    '<details open ontoggle=alert("xss-21")>',
    "<a href='https://example.org/' onmouseover='alert(22)'>hover xss-22</a>",
    '<!--<img src="--><img src=x onerror=alert("xss-23")//">',
    "{{ 7*7 }}{% debug %} xss-24",
]

# Dangerous wherever they appear, whatever their attributes.
FORBIDDEN_TAGS = {"iframe", "object", "embed", "svg", "math", "style", "base", "meta", "frame", "frameset", "applet"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset"}
_UNSAFE_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)


class _LiveMarkupFinder(HTMLParser):
    def __init__(self, allowed_script_prefix: str, allowed_image_prefixes: tuple[str, ...]):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.allowed_script_prefix = allowed_script_prefix
        self.allowed_image_prefixes = allowed_image_prefixes
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "head":
            self._in_head = True
        if tag in FORBIDDEN_TAGS and not (tag == "meta" and self._in_head and "http-equiv" not in attributes):
            self.problems.append(f"<{tag}>")
        # A JSON data block (Django's json_script, which escapes <, > and &) is never run; a payload that
        # closed it early would open a script tag of its own here and be caught.
        data_block = tag == "script" and attributes.get("type") == "application/json" and "src" not in attributes
        if (
            tag == "script"
            and not data_block
            and not (attributes.get("src") or "").startswith(self.allowed_script_prefix)
        ):
            self.problems.append(f"<script src={attributes.get('src')!r}>")
        if tag == "img" and not (attributes.get("src") or "").startswith(self.allowed_image_prefixes):
            self.problems.append(f"<img src={attributes.get('src')!r}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name == "style":
                self.problems.append(f"style= on <{tag}>")
            if name in URL_ATTRIBUTES:
                # Browsers ignore whitespace and control characters inside a scheme.
                squeezed = re.sub(r"[\x00-\x20]", "", value or "")
                if _UNSAFE_SCHEME.match(squeezed) and not (tag == "img" and squeezed.startswith("data:image/")):
                    self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False


def live_markup(html: str, *, script_prefix: str = "/static/", image_prefixes: tuple[str, ...] = ("/static/",)):
    """Everything in `html` that a browser would run or load from a payload. Empty means inert."""
    finder = _LiveMarkupFinder(script_prefix, image_prefixes)
    finder.feed(html)
    finder.close()
    return finder.problems
