"""What a report must have written before it goes for clearance: the template's required sections."""

from __future__ import annotations

from html import unescape

from django.utils.html import strip_tags

from reports.models import Report


def has_text(html: str) -> bool:
    """Whether sanitised HTML says anything: an empty paragraph or a lone space is not writing."""
    return bool(unescape(strip_tags(html or "")).replace("\xa0", " ").strip())


def unwritten_required_sections(report: Report) -> list[str]:
    """The headings of the report's required sections with nothing written in them, in order. A
    background-papers section is written once it lists a paper."""
    sections = list(report.sections.filter(is_required=True).prefetch_related("paragraphs").order_by("position", "id"))
    has_papers = report.background_papers.exists() if any(s.is_background_papers for s in sections) else False
    unwritten = []
    for section in sections:
        if section.is_background_papers and has_papers:
            continue
        if not any(has_text(paragraph.text) for paragraph in section.paragraphs.all()):
            unwritten.append(section.heading)
    return unwritten


def unwritten_message(headings: list[str]) -> str:
    """The message an author reads when submission is refused, naming every section still to write."""
    if len(headings) == 1:
        return f"Write the required section “{headings[0]}” before submitting the report for clearance."
    listed = ", ".join(f"“{h}”" for h in headings[:-1]) + f" and “{headings[-1]}”"
    return f"Write the required sections {listed} before submitting the report for clearance."
