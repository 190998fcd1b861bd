"""The one form report text is stored in: a small, safe subset of HTML.

Everything that reaches the database passes through `clean()`: no script,
style, event handler or `javascript:` link survives, whatever was typed or pasted.
"""

from __future__ import annotations

import functools

import nh3

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


def clean(html: str) -> str:
    return nh3.clean(
        html or "",
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
    return nh3.clean(html or "", tags=set(), clean_content_tags={"script", "style"}).strip()
