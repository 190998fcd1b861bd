"""Template filters for rendering reports (page, preview and PDF alike)."""

from __future__ import annotations

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_LEADING_PARAGRAPH = re.compile(r"^\s*<p(\s[^>]*)?>", re.IGNORECASE)


@register.filter
def hanging_number(html: str, number: str) -> SafeString:
    """Sanitised paragraph HTML with its number as the first thing inside its first <p>.

    Inside the paragraph, the number stays on the same line and page as the text it numbers;
    a number placed before the <p> can be left alone at the foot of a page.
    ``html`` must already be sanitised (reports.richtext.clean): it is stored that way.
    """
    number_html = format_html('<span class="council-paragraph__number">{}</span>', number)
    html = html or ""
    match = _LEADING_PARAGRAPH.match(html)
    if match:
        return mark_safe(html[: match.end()] + number_html + html[match.end() :])
    return mark_safe(number_html + html)
