"""Template filters for rendering reports (page, preview and PDF alike)."""

from __future__ import annotations

import re

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core import bilingual, richtext
from core.language import WELSH, is_welsh
from core.paths import path_to
from reports import exemption
from reports.structure import row_value_or_none

register = template.Library()
ENGLISH = bilingual.ENGLISH_TAG

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
def row_value(row) -> str:
    """``{{ row|row_value }}``: the row's value, "None" for a fact the report lacks, nothing for a row left
    empty by its author (reports.structure.row_value_or_none)."""
    return row_value_or_none(row)


@register.filter
def section_label(number, wording) -> str:
    """``{{ section.number|section_label:doc.wording }}``: "1." or "1", as the template puts full stops."""
    if wording:
        return wording.section_label(number)
    return f"{number}." if number != "" else ""


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


@register.simple_tag
def exempt_appendix_notices(doc) -> list[str]:
    """``{% exempt_appendix_notices doc as notices %}``: the notices under the title of a report's exempt
    appendices (reports/exemption.py ``appendix_notices``), one each or one for them all as the template
    prints them."""
    return exemption.appendix_notices(list(doc.appendices), combined=doc.wording.combines_appendix_notices)


# The template's own words in two languages ----------------------------------------------------------
# A Welsh-first template (Denbighshire's) prints its headings, lead-ins and labels "Welsh / English" to
# every reader; any other prints them in the reader's language, the Welsh as the template or the Welsh
# catalogue gives it.


def in_languages(english: str, welsh: str, wording, separator: str = " / ") -> SafeString:
    """``english`` as the template prints it: Welsh first then English, or in the reader's language."""
    if not english:
        return SafeString("")
    welsh = welsh or bilingual.welsh_for(english)
    if wording is not None and wording.welsh_first and welsh and welsh != english:
        return format_html(
            '<span lang="{}">{}</span>{}<span lang="{}">{}</span>', WELSH, welsh, separator, ENGLISH, english
        )
    if welsh and is_welsh():
        return format_html('<span lang="{}">{}</span>', WELSH, welsh)
    return format_html('<span lang="{}">{}</span>', ENGLISH, english) if is_welsh() else format_html("{}", english)


@register.simple_tag
def template_heading(wording, name: str) -> str:
    """``{% template_heading doc.wording "summary_heading" as heading %}``: one of the template's headings as
    plain words in the reader's language, for the editor's buttons and labels ("Edit the Executive
    Summary"): on a Welsh page its Welsh where the template or the catalogue has it, else as typed."""
    english = getattr(wording, name, "") if wording else ""
    if english and is_welsh():
        return wording.welsh(name) or bilingual.welsh_for(english) or english
    return english


@register.simple_tag
def template_words(wording, name: str) -> SafeString:
    """``{% template_words doc.wording "summary_heading" %}``: one of the template's words, as it prints them."""
    return in_languages(getattr(wording, name), wording.welsh(name), wording)


@register.filter
def heading_in_languages(item, wording) -> SafeString:
    """A section's or sub-heading's heading as the template prints it: Welsh / English for a Welsh-first
    template; else as the reader's edition (reports/welsh_edition.py) has put it already."""
    if not getattr(wording, "welsh_first", False):
        return format_html("{}", item.heading)
    return in_languages(item.heading, getattr(item, "heading_cy", ""), wording)


@register.filter
def welsh_first_text(english_html: str, welsh_html: str) -> SafeString:
    """A passage of a Welsh-first report: its Welsh, then its English (each sanitised again on the way out)."""
    if not welsh_html:
        return rich_text(english_html)
    return format_html(
        '<div lang="{}">{}</div><div lang="{}">{}</div>', WELSH, rich_text(welsh_html), ENGLISH, rich_text(english_html)
    )


@register.simple_tag
def numbered_text(english_html: str, welsh_html: str, label: str, wording) -> SafeString:
    """A numbered paragraph or recommendation: in a Welsh-first report its Welsh (numbered) then its
    English, where it has Welsh; else the text the reader's edition gives, numbered."""
    if not (welsh_html and getattr(wording, "welsh_first", False)):
        return hanging_number(english_html, label)
    return format_html(
        '<div lang="{}">{}</div><div lang="{}">{}</div>',
        WELSH,
        hanging_number(welsh_html, label),
        ENGLISH,
        rich_text(english_html),
    )


@register.filter
def welsh_of_number(welsh: dict, number) -> str:
    """``{{ doc.recommendations_cy|welsh_of_number:number }}``: one recommendation's Welsh, or ""."""
    return (welsh or {}).get(number, "")


@register.filter
def empty_text(wording) -> SafeString:
    """What the template prints under an empty sub-heading, in its languages (nothing if it says nothing)."""
    if not wording.empty_subsection_text:
        return SafeString("")
    return in_languages(wording.empty_subsection_text, wording.welsh("empty_subsection_text"), wording)


@register.filter
def welsh_label(row) -> str:
    """A title-block row's label in Welsh: as the template gives it, else the Welsh catalogue's, else ""."""
    return getattr(row, "label_cy", "") or bilingual.welsh_for(row.label)


@register.simple_tag
def row_label(row, wording) -> SafeString:
    """A title-block row's label in the template's languages."""
    return in_languages(row.label, getattr(row, "label_cy", ""), wording)


@register.filter
def grouped_lines(rows) -> list[list]:
    """Title-block rows gathered into the lines they print on: a row marked "on the line before" joins
    the line of the row before it (Cardiff's "INVESTMENT & DEVELOPMENT (COUNCILLOR …) AGENDA ITEM: 11")."""
    lines: list[list] = []
    for row in rows:
        if not (row.value or row.contacts or row.show_label):
            continue  # an unlabelled row with nothing to say prints nothing
        if getattr(row, "same_line", False) and lines:
            lines[-1].append(row)
        else:
            lines.append([row])
    return lines
