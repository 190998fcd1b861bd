"""Template filters for rendering reports (page, preview and PDF alike)."""

from __future__ import annotations

import re

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core import richtext
from core.paths import path_to
from reports import exemption

register = template.Library()

_LEADING_PARAGRAPH = re.compile(r"^\s*<p(\s[^>]*)?>", re.IGNORECASE)


@register.filter
def exempt_banner(paragraph: int) -> str:
    """``{{ report.exempt_paragraph|exempt_banner }}``: the running banner, in the reader's language."""
    return exemption.banner(paragraph)


@register.filter
def exempt_banner_in_full(paragraph: int) -> str:
    return exemption.banner_in_full(paragraph)


@register.filter
def recommendation_label(number: int, wording) -> str:
    """``{{ number|recommendation_label:doc.wording }}``: 1., (a) or (i), as the template numbers them."""
    return wording.recommendation_label(number) if wording else f"{number}."


@register.filter
def paragraph_label(number: str, wording) -> str:
    """``{{ p.number|paragraph_label:wording }}``: 4.2.1, or (a)/(i) below the first level if the template says so."""
    return wording.paragraph_label(number) if wording else number


@register.filter
def hanging_number(html: str, number: str) -> SafeString:
    """Sanitised paragraph HTML with its number as the first thing inside its first <p>.

    Inside the paragraph, the number stays on the same line and page as the text it numbers;
    a number placed before the <p> can be left alone at the foot of a page.
    ``html`` must already be sanitised (core.richtext.clean): it is stored that way.
    """
    # A real space after the number, so that text copied or read aloud says "1 To seek", not "1To seek";
    # the stylesheets take the space back from the number's box, so the text still lines up.
    number_html = format_html('<span class="council-paragraph__number">{}</span> ', number) if number else ""
    # Cleaned again on the way out: text that reached the database some other way (the admin,
    # an import, an old revision) is made as safe as text typed in the editor.
    html = richtext.clean_for_output(html or "")
    match = _LEADING_PARAGRAPH.match(html)
    if match:
        return mark_safe(html[: match.end()] + number_html + html[match.end() :])
    return mark_safe(number_html + html)


@register.filter
def as_list(item) -> list:
    """One item as a list of one, for an include that loops over several."""
    return [item]


@register.filter
def rich_text(html: str) -> SafeString:
    """Stored report text as HTML, through the one sanitiser (core.richtext.clean) again
    on the way out, so that nothing but the safe subset can ever reach a page or a PDF."""
    return mark_safe(richtext.clean_for_output(html or ""))  # noqa: S308 - sanitised by nh3 just now


_SAFE_LINK = re.compile(r"^(https?://|mailto:|tel:|/(?!/))", re.IGNORECASE)


@register.filter
def safe_url(url: str) -> str:
    """A link target that can only go somewhere: web, e-mail and phone links and our own
    paths. Anything else (javascript:, data: ...) becomes an empty link rather than code."""
    url = (url or "").strip()
    return url if _SAFE_LINK.match(url) else ""


@register.filter
def paper_href(paper) -> str:
    """Where a background paper is read: its link, or the uploaded PDF at its full address (the
    printed report shows addresses in full, and a PDF is read away from the site)."""
    if paper.url:
        return safe_url(paper.url)
    # A published revision's paper is a snapshot: it links only while the uploaded file is still stored.
    if paper.file and getattr(paper, "pk", None):
        return settings.SITE_URL + reverse("reports:paper_file", args=[paper.report_id, paper.pk])
    return ""


@register.filter
def meeting_href(meeting_id) -> str:
    """The meeting's public page at its full address (a PDF is read away from the site)."""
    return settings.SITE_URL + path_to("committee:meeting_detail", int(meeting_id))


@register.filter
def exempt_appendix_notice(appendix) -> str:
    """ "Appendix B — Tender prices: not for publication, exempt under paragraph 3 of …": said to everyone."""
    return exemption.appendix_notice(
        exemption.appendix_label(appendix.label),
        appendix.title,
        appendix.exempt_paragraph,
        redacted=getattr(appendix, "redacted_version", False),
    )
