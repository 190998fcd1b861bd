"""A member's private notes and highlights: added, read back anchored to the report as it reads now
(or to a page of one of its PDF appendices), exported and deleted. Every function takes the member:
nobody reads or removes another's notes, the administrators included (there is no function that would
let them)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext, ngettext

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
    appendix_label: str = ""  # on a page of an appendix: its label, and the page
    page: int | None = None
    link: str = ""  # where the page opens (set by the view for the appendices the member opens)

    @property
    def on_appendix(self) -> bool:
        return bool(self.appendix_label)

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
    if paragraph not in texts:
        raise NoteRefused(gettext("Choose a paragraph of the report."))
    quote = anchoring.normalise(normalise_text(quote or ""))
    if quote and quote not in texts[paragraph]:
        raise NoteRefused(
            gettext("Paragraph %(paragraph)s does not say “%(quote)s”: copy the words exactly, or leave them out.")
            % {"paragraph": paragraph, "quote": quote[:80]}
        )
    quote, text, kind = _checked(quote, text, kind)
    return Note.objects.create(
        user=user, report=report, paragraph=paragraph, kind=kind, sealed=sealing.seal(quote, text)
    )


def _checked(quote: str, text: str, kind: str) -> tuple[str, str, str]:
    quote = anchoring.normalise(normalise_text(quote or ""))
    text = normalise_text(text or "").strip()
    kind = kind if kind in Note.Kind.values else (Note.Kind.NOTE if text else Note.Kind.HIGHLIGHT)
    if kind == Note.Kind.HIGHLIGHT and not quote:
        raise NoteRefused(gettext("Select the words to highlight."))
    if kind == Note.Kind.NOTE and not text:
        raise NoteRefused(gettext("Write your note."))
    if len(quote) > MAX_QUOTE or len(text) > MAX_TEXT:
        raise NoteRefused(
            gettext("A note can quote up to %(quote)s characters and say up to %(text)s.")
            % {"quote": MAX_QUOTE, "text": MAX_TEXT}
        )
    return quote, text, kind


def add_appendix_note(
    user,
    report: Report,
    appendix,
    label: str,
    pages: int,
    *,
    page: int,
    quote: str = "",
    text: str = "",
    kind: str = "",
) -> Note:
    """Keep a note on ``page`` of a PDF appendix of ``pages`` pages, labelled ``label`` as the member
    reads it; the words, if any, are those the member copied from it. The caller has checked that the
    member may open the appendix (reports/access.py can_open_report_file)."""
    if not 1 <= page <= pages:
        raise NoteRefused(
            ngettext(
                "Appendix %(label)s has %(pages)s page: choose one of them.",
                "Appendix %(label)s has %(pages)s pages: choose one of them.",
                pages,
            )
            % {"label": label, "pages": pages}
        )
    quote, text, kind = _checked(quote, text, kind)
    return Note.objects.create(
        user=user,
        report=report,
        appendix=appendix,
        appendix_label=label,
        page=page,
        kind=kind,
        sealed=sealing.seal(quote, text),
    )


def _read(note: Note, texts: dict[str, str] | None, appendices: set[int] | None = None) -> ReadNote:
    try:
        quote, text = sealing.unseal(note.sealed)
    except sealing.NoteUnreadable as error:
        quote, text = "", str(error)
    if note.appendix_label:
        # Detached once the appendix is gone (a correction removed it) or is no longer one this member opens.
        here = texts is None or (note.appendix_id is not None and note.appendix_id in (appendices or set()))
        placement = Placement(f"appendix-{note.appendix_label}" if here else None)
    elif texts is None:  # as written: the export
        placement = Placement(note.paragraph)
    else:
        placement = anchoring.place(note.paragraph, quote, texts)
    return ReadNote(
        note.pk, note.kind, note.paragraph, quote, text, note.created_at, placement, note.appendix_label, note.page
    )


def notes_on(user, report: Report, content: dict, appendices: set[int] | None = None) -> list[ReadNote]:
    """The member's notes on a report, placed in ``content`` (the edition they read now), in the
    report's order, then those on the pages of the PDF ``appendices`` they open (by id), then the
    detached ones."""
    if not getattr(user, "is_authenticated", False):
        return []
    texts = anchoring.paragraph_texts(content)
    order = {number: index for index, number in enumerate(texts)}
    read = [_read(note, texts, appendices) for note in Note.objects.filter(user=user, report=report)]
    return sorted(
        read,
        key=lambda n: (
            n.detached,
            n.on_appendix,
            order.get(n.shown_at, 0),
            n.appendix_label,
            n.page or 0,
            n.created_at,
        ),
    )


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
