"""Small helpers for the drafting pages."""

from __future__ import annotations

from django import template

from core import editable_text, schedule_12a
from reports import comments

register = template.Library()


@register.filter
def key(kind: str, pk) -> str:
    """ "paragraph"|key:12 → "paragraph-12": the anchor and the ?edit= value of one item."""
    return f"{kind}-{pk}"


@register.filter
def on_paragraph(number: str) -> str:
    """ "1.2"|on_paragraph → "paragraph 1.2", as it follows "on" (reports/comments.py)."""
    return comments.on_paragraph(number)


@register.filter
def on_recommendation(number) -> str:
    return comments.on_recommendation(number)


@register.filter
def on_title_row(label: str) -> str:
    return comments.on_title_row(label)


@register.filter
def part(counts: dict, key: str):
    """The comment count of one part of the report ("paragraph-12"), or None (reports/comments.py `counts`)."""
    return counts.get(key) if counts else None


@register.filter
def field_errors(form, name: str) -> list[str]:
    """A bound form's errors for one field (empty when there is no form)."""
    if not form:
        return []
    return list(form.errors.get(name, []))


@register.filter
def posted(form, name: str):
    """What the person typed, to put back in the box after a refusal."""
    if not form or not form.is_bound:
        return None
    return form.data.get(name, "")


@register.filter
def as_editable_text(html: str) -> str:
    """Stored text as its text box shows it: plain text with simple marks, never HTML (core/editable_text.py)."""
    return editable_text.to_text(html or "")


@register.filter
def user_label(user) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


@register.filter
def spaced(text: str, value) -> str:
    """ "Recommendation"|spaced:2 → "Recommendation 2" (the add filter cannot join text and a number)."""
    return f"{text} {value}"


@register.filter
def section_name(section) -> str:
    """ "section 5", or the section's heading in quotes where the template leaves headings unnumbered."""
    if section.number != "":
        return f"section {section.number}"
    return f"“{section.heading}”"


@register.filter
def schedule_12a_paragraphs(_unused) -> list[tuple[int, str]]:
    """The paragraphs of Schedule 12A an author may choose for an exempt part of a report."""
    return schedule_12a.offered()
