"""The one form report text is stored in: a small, safe subset of HTML.

Everything that reaches the database passes through `clean()`: no script,
style, event handler or `javascript:` link survives, whatever was typed or pasted.
"""

from __future__ import annotations

import functools
import html as htmllib
import re

import nh3

from core import text

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


# Every element name HTML knows (with SVG's and MathML's), and the prefixes of the Office tags in
# Word's clipboard (<o:p>, <v:shape>, <w:sdt>, <st1:place>): a "<" followed by anything else is text.
_ELEMENT_NAMES = """a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink
    blockquote body br button canvas caption center cite code col colgroup data datalist dd del details dfn
    dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6
    head header hgroup hr html i iframe image img input ins isindex kbd keygen label legend li link listing
    main map mark marquee menu menuitem meta meter multicol nav nextid nobr noembed noframes noscript object
    ol optgroup option output p param picture plaintext portal pre progress q rb rp rt rtc ruby s samp script
    search section select slot small source spacer span strike strong style sub summary sup table tbody td
    template textarea tfoot th thead time title tr track tt u ul var video wbr xml xmp
    svg animate circle clippath defs desc ellipse filter foreignobject g line lineargradient marker mask path
    pattern polygon polyline radialgradient rect set stop symbol text textpath tspan use view
    math annotation annotation-xml maction malignmark menclose merror mfenced mfrac mglyph mi mmultiscripts mn
    mo mover mpadded mphantom mroot mrow ms mspace msqrt mstyle msub msubsup msup mtable mtd mtext mtr munder
    munderover semantics"""
HTML_ELEMENTS = frozenset(_ELEMENT_NAMES.split())
OFFICE_PREFIXES = re.compile(r"^(?:o|v|w|m|x|st\d+|w\d+|wp|wpc|wps|wpg|a|pic|dt)$")
# Attributes written without a value; any other bare word makes "<b and c>" the text it is.
_BOOLEAN_NAMES = """allowfullscreen async autofocus autoplay checked compact controls declare default defer disabled
    formnovalidate hidden inert ismap itemscope loop multiple muted nohref noresize noshade novalidate nowrap
    open playsinline readonly required reversed scoped seamless selected truespeed"""
BOOLEAN_ATTRIBUTES = frozenset(_BOOLEAN_NAMES.split())
_TAG_START = re.compile(r"<(/?)([a-zA-Z][\w.:-]*)")
_TAG_REST = re.compile(r"""(?:"[^"]*"|'[^']*'|[^'">])*""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")


def _opens_tag(html: str, at: int) -> int:
    """Where the tag starting at ``html[at]`` (a "<") ends, or 0 when that "<" is text: it is
    followed by no element name we know ("<priya.shah@example.gov.uk>", "<Enter>", "a<3"), or by
    one with bare words no HTML would carry ("if a<b and c>d")."""
    if html.startswith(("<!", "<?"), at):  # comments, Word's conditional comments, declarations
        return at + 2
    start = _TAG_START.match(html, at)
    if not start:
        return 0
    closing, name = start.group(1), start.group(2).lower()
    end = start.end()
    if end < len(html) and not (html[end].isspace() or html[end] in "/>"):
        return 0
    prefix, colon, _ = name.partition(":")
    if not (name in HTML_ELEMENTS or (colon and OFFICE_PREFIXES.match(prefix))):
        return 0
    rest = _TAG_REST.match(html, end)
    if not closing:
        for attribute in _ATTRIBUTE.finditer(rest.group(0)):
            if not attribute.group(2) and attribute.group(1).lower() not in BOOLEAN_ATTRIBUTES:
                return 0
    return rest.end()


def escape_stray_brackets(html: str) -> str:
    """``html`` with every "<" that does not open a tag written as "&lt;", so that a sanitiser (or a
    browser) keeps it, and the words after it, as text instead of dropping them as an unknown tag."""
    if "<" not in html:
        return html
    out, at = [], 0
    while (found := html.find("<", at)) != -1:
        out.append(html[at:found])
        end = _opens_tag(html, found)
        if end:
            out.append(html[found:end])
            at = end
        else:
            out.append("&lt;")
            at = found + 1
    out.append(html[at:])
    return "".join(out)


def has_markup(value: str) -> bool:
    """Whether ``value`` holds any tag or comment, rather than text with the odd "<" in it."""
    return "<" in value and escape_stray_brackets(value).count("<") > 0


def clean(html: str) -> str:
    return nh3.clean(
        escape_stray_brackets(text.normalise_text(html or "")),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


@functools.lru_cache(maxsize=4096)
def clean_for_output(html: str) -> str:
    """``clean(html)``, remembered: stored text is cleaned again each time it is shown or printed
    (it may have reached the database some other way than the editor), and the same paragraphs are
    shown over and over. ``clean`` depends on nothing but its argument, so the remembered result is
    exactly what cleaning again would give; the cache is keyed by the text itself, not a hash of it."""
    return clean(html)


def to_plain_text(html: str) -> str:
    """Text without tags, for e-mails and search snippets."""
    return nh3.clean(escape_stray_brackets(html or ""), tags=set(), clean_content_tags={"script", "style"}).strip()


_BLOCK_END = re.compile(r"</(p|li|tr|h\d|caption|div)>|<br\s*/?>", re.IGNORECASE)


def to_plain_lines(html: str) -> list[str]:
    """Readable lines of HTML, one per paragraph, list item, row or heading, with entities decoded."""
    broken = _BLOCK_END.sub("\n", html or "")
    return [htmllib.unescape(line).strip() for line in to_plain_text(broken).splitlines() if line.strip()]
