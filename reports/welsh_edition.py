"""A report as a Welsh reader reads it: each block's Welsh where it has some, else its English marked
``lang="en-GB"`` (so a screen reader reads it in English), numbers and layout unchanged.

Made from a structure (reports/structure.py, or a revision's: reports/revisions.py) without changing
it; the English reader's structure is the same object as before. Exempt passages are withheld before
this (reports/exemption.py takes their Welsh with their English).
"""

from __future__ import annotations

import copy
import dataclasses
from types import SimpleNamespace

from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import bilingual
from core.language import WELSH, is_welsh
from reports import structure

ENGLISH = bilingual.ENGLISH_TAG
# Title-block rows whose value the report's author writes, with its Welsh beside it.
WRITTEN_ROWS = ("title", "report_of")
# The row reports/exemption.py words, in the reader's language.
STATUS = "status"
ENCLOSURES = "enclosures"
COMMITTEE = "committee"
CONTACT = "contact"
# Rows that name the council's wards and people, in Welsh where they have Welsh names and roles (the
# English otherwise, "All" and "None" as standard words).
NAMED_ROWS = ("wards", "people")


def for_reader(doc):
    """The structure in the reader's language: the Welsh edition on a Welsh page, else ``doc``."""
    return welsh_edition(doc) if is_welsh() else doc


def _welsh_or_english(obj, field: str, welsh: str):
    """A copy of ``obj`` with ``field`` in Welsh (``welsh``), or marked English where there is none."""
    shown = copy.copy(obj)
    if welsh:
        setattr(shown, field, welsh)
        shown.lang = WELSH
    else:
        shown.lang = ENGLISH
    return shown


def _paragraph(p):
    if getattr(p, "withheld", False) and p.exempt_paragraph:  # the public edition's notice, in Welsh
        notice = _("This paragraph contains exempt information (paragraph %(number)s of Schedule 12A)")
        shown = copy.copy(p)
        shown.text = format_html("<p>{}</p>", notice % {"number": p.exempt_paragraph})
        shown.lang = WELSH
        shown.children = [_paragraph(child) for child in p.children]
        return shown
    welsh_text = getattr(p, "text_cy", "")
    shown = _welsh_or_english(p, "text", welsh_text if p.text else "")
    if not p.text:  # a sub-heading alone: its heading says the language
        shown.lang = WELSH if getattr(p, "heading_cy", "") or bilingual.welsh_for(p.heading) else ENGLISH
    if p.heading:
        shown.heading = getattr(p, "heading_cy", "") or bilingual.welsh_for(p.heading) or p.heading
    if p.background_paper is not None:
        paper = p.background_paper
        shown.background_paper = _welsh_or_english(paper, "title", getattr(paper, "title_cy", ""))
        shown.lang = shown.background_paper.lang
    shown.children = [_paragraph(child) for child in p.children]
    return shown


WORDING = ("summary_heading", "recommendations_heading", "recommendations_lead_in", "empty_subsection_text")


def wording_in_welsh(wording):
    """The template's headings and lead-in in Welsh, where it or the Welsh catalogue gives them."""
    changes = {}
    for name in WORDING:
        english = getattr(wording, name)
        welsh = wording.welsh(name) or bilingual.welsh_for(english)
        if english and welsh:
            changes.update({name: welsh, f"{name}_cy": welsh})
    return dataclasses.replace(wording, **changes)


def welsh_edition(doc):
    if getattr(doc.wording, "welsh_first", False):
        return doc  # printed in Welsh and English, Welsh first, for every reader: the one edition
    shown = copy.copy(doc)
    shown.lang = WELSH
    # Pages ask core.bilingual for the title and summary; the Word file and the text file read them here.
    report = copy.copy(doc.report)
    report.title = bilingual.welsh_of(report, "title") or report.title
    report.summary = bilingual.welsh_of(report, "summary") or report.summary
    shown.report = report
    welsh_recommendations = getattr(doc, "recommendations_cy", {})
    shown.recommendations = [
        (number, welsh_recommendations.get(number) or text) for number, text in doc.recommendations
    ]
    shown.english_recommendations = [
        number for number, _text in doc.recommendations if number not in welsh_recommendations
    ]
    sections = []
    for section in doc.sections:
        heading = getattr(section, "heading_cy", "") or bilingual.welsh_for(section.heading)
        welsh = _welsh_or_english(section, "heading", heading)
        welsh.paragraphs = [_paragraph(p) for p in section.paragraphs]
        sections.append(welsh)
    shown.sections = sections
    shown.wording = wording_in_welsh(doc.wording)
    appendices = [_welsh_or_english(a, "title", getattr(a, "title_cy", "")) for a in doc.appendices]
    committee_cy = bilingual.welsh_of(doc.report.committee, "name")
    committee_name = committee_cy or doc.report.committee.name
    rows = []
    for row in doc.title_rows:
        if row.field in WRITTEN_ROWS or (row.field in NAMED_ROWS and getattr(row, "value_cy", "")):
            shown_row = _welsh_or_english(row, "value", getattr(row, "value_cy", ""))
        elif row.field == CONTACT:
            shown_row = copy.copy(row)
            shown_row.contacts = [_contact(person) for person in row.contacts]
        elif row.field == STATUS:  # worded in the reader's language (reports/exemption.py)
            shown_row = copy.copy(row)
            shown_row.lang = WELSH
        elif row.field == ENCLOSURES and appendices:  # named again, by their Welsh titles where they have them
            shown_row = copy.copy(row)
            shown_row.value = structure.enclosures_row(appendices, combined=doc.wording.combines_appendix_notices)
            shown_row.lang = WELSH
        elif row.field in structure.DATE_ROWS:  # the date worded again in Welsh: the value is kept in English
            shown_row = _date_row(row, committee_name)
        elif row.field == COMMITTEE:
            shown_row = _welsh_or_english(row, "value", committee_cy)
        elif getattr(row, "steps", None) or getattr(row, "reference", ""):  # the Timetable, a key decision
            shown_row = copy.copy(row)
            with translation.override(WELSH):
                shown_row.value = structure.worded_in_language(row)
            shown_row.lang = WELSH
        else:  # the rest are the council's standard words ("Yes", "All"): core.bilingual.phrase
            shown_row = copy.copy(row)
        label = getattr(row, "label_cy", "") or bilingual.welsh_for(row.label)
        if label:  # the template's Welsh label, for the Word file and the text file as for the page
            shown_row.label = shown_row.label_cy = label
        rows.append(shown_row)
    shown.title_rows = rows
    if "labelled_rows" in vars(shown):  # a revision's structure keeps these as lists, not properties
        shown.labelled_rows = [row for row in rows if row.show_label]
        shown.title_lines = [row for row in rows if not row.show_label]
    shown.appendices = appendices
    shown.background_papers = [_welsh_or_english(p, "title", getattr(p, "title_cy", "")) for p in doc.background_papers]
    shown.english_only_note = english_only_note(shown.appendices)
    return shown


def _contact(person):
    """A contact officer with their role in Welsh, or their English role marked as English (and a
    councillor's honorific in Welsh)."""
    welsh = getattr(person, "job_title_cy", "")
    return SimpleNamespace(
        name=bilingual.name_in_welsh(person.name),
        job_title=welsh or person.job_title,
        job_title_lang=WELSH if welsh else ENGLISH,
        email=person.email,
        phone=person.phone,
    )


def _date_row(row, committee_name: str):
    shown = copy.copy(row)
    with translation.override(WELSH):
        shown.value = structure.date_row_value(
            row.field, getattr(row, "date", None), getattr(row, "date_style", ""), committee_name, fallback=row.value
        )
    shown.lang = WELSH if shown.value != row.value or not row.value else ENGLISH
    return shown


def english_only_note(appendices) -> str:
    """The note a Welsh reader reads where the report's appendices are files supplied in English (an
    uploaded appendix has one file, in the language it was written in), as Welsh councils print it
    under their language schemes; "" when there are none."""
    files = [a for a in appendices if getattr(a, "file", "") and not getattr(a, "withheld", False)]
    if not files:
        return ""
    return ngettext(
        "The appendix to this report is not available in Welsh, in line with the council's Welsh Language Scheme.",
        "The appendices to this report are not available in Welsh, in line with the council's Welsh Language Scheme.",
        len(files),
    )
