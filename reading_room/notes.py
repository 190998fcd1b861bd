"""A member's private notes and highlights: added, read back anchored to the report as it reads now,
exported and deleted. Every function takes the member: nobody reads or removes another's notes, the
administrators included (there is no function that would let them)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from core.text import normalise_line, normalise_text
from reading_room import anchoring, sealing
from reading_room.anchoring import Placement
from reading_room.models import Note
from reports.models import Report

MAX_QUOTE = 2000
MAX_TEXT = 10000


class NoteRefused(ValueError):
    """Said to the member in the form's words."""


@dataclass
class ReadNote:
    pk: int
    kind: str
    paragraph: str  # as written on
    quote: str
    text: str
    created_at: datetime.datetime
    placement: anchoring.Placement

    @property
    def shown_at(self) -> str | None:
        return self.placement.paragraph

    @property
    def detached(self) -> bool:
        return self.placement.detached

    @property
    def is_highlight(self) -> bool:
        return self.kind == Note.Kind.HIGHLIGHT


def add_note(
    user, report: Report, content: dict, *, paragraph: str, quote: str = "", text: str = "", kind: str = ""
) -> Note:
    """Keep a note on ``paragraph`` of ``content`` (the edition this member reads). A highlight needs
    the words it marks; a note needs its text."""
    texts = anchoring.paragraph_texts(content)
    paragraph = normalise_line(paragraph or "").strip()
    quote = anchoring.normalise(normalise_text(quote or ""))
    text = normalise_text(text or "").strip()
    kind = kind if kind in Note.Kind.values else (Note.Kind.NOTE if text else Note.Kind.HIGHLIGHT)
    if paragraph not in texts:
        raise NoteRefused("Choose a paragraph of the report.")
    if quote and quote not in texts[paragraph]:
        raise NoteRefused(
            f"Paragraph {paragraph} does not say “{quote[:80]}”: copy the words exactly, or leave them out."
        )
    if kind == Note.Kind.HIGHLIGHT and not quote:
        raise NoteRefused("Select the words to highlight.")
    if kind == Note.Kind.NOTE and not text:
        raise NoteRefused("Write your note.")
    if len(quote) > MAX_QUOTE or len(text) > MAX_TEXT:
        raise NoteRefused(f"A note can quote up to {MAX_QUOTE} characters and say up to {MAX_TEXT}.")
    return Note.objects.create(
        user=user, report=report, paragraph=paragraph, kind=kind, sealed=sealing.seal(quote, text)
    )


def _read(note: Note, texts: dict[str, str] | None) -> ReadNote:
    try:
        quote, text = sealing.unseal(note.sealed)
    except sealing.NoteUnreadable as error:
        quote, text = "", str(error)
    if texts is None:  # as written: the export
        return ReadNote(note.pk, note.kind, note.paragraph, quote, text, note.created_at, Placement(note.paragraph))
    placement = anchoring.place(note.paragraph, quote, texts)
    return ReadNote(note.pk, note.kind, note.paragraph, quote, text, note.created_at, placement)


def notes_on(user, report: Report, content: dict) -> list[ReadNote]:
    """The member's notes on a report, placed in ``content`` (the edition they read now), in the
    report's order; detached ones last."""
    if not getattr(user, "is_authenticated", False):
        return []
    texts = anchoring.paragraph_texts(content)
    order = {number: index for index, number in enumerate(texts)}
    read = [_read(note, texts) for note in Note.objects.filter(user=user, report=report)]
    return sorted(read, key=lambda n: (n.detached, order.get(n.shown_at, 0), n.created_at))


def all_notes(user) -> list[tuple[Report, list[ReadNote]]]:
    """Every note of the member's, report by report (for the export), as written."""
    by_report: dict[int, list[ReadNote]] = {}
    notes = list(Note.objects.filter(user=user).order_by("report_id", "created_at", "id"))
    for note in notes:
        by_report.setdefault(note.report_id, []).append(_read(note, None))
    reports = Report.objects.in_bulk(list(by_report))
    return [(reports[pk], by_report[pk]) for pk in by_report]


def delete_note(user, pk) -> bool:
    return Note.objects.filter(user=user, pk=pk).delete()[0] > 0


@transaction.atomic
def delete_all(user) -> int:
    return Note.objects.filter(user=user).delete()[0]
