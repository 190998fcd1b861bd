from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import F
from django.urls import reverse
from pypdf import PdfReader

from reading_room.models import Note
from reports.models import Appendix, Paragraph
from tests.conftest import make_meeting
from tests.reading_room.builders import coming_meeting, correct, paragraph, reword
from tests.reports.test_uploads import pdf_bytes

SECRET = "Ask the director about Sunday openings"


@pytest.fixture
def coming(committee, author, approver, governance_officer):
    return coming_meeting(committee, author, approver, governance_officer)


def _add(client, report, **data):
    return client.post(reverse("reading_room:note_add", args=[report.pk]), data)


def _page(client, report) -> str:
    return client.get(reverse("reading_room:report", args=[report.pk])).content.decode()


def test_a_note_is_kept_and_shown_to_its_member(client, committee_member, coming):
    _meeting, public, _exempt = coming
    client.force_login(committee_member)
    response = _add(client, public, paragraph="1.1", quote="opens at nine", text=SECRET, kind="note")
    assert response.status_code == 302
    assert response["Location"].endswith("#paragraph-1.1")
    page = _page(client, public)
    assert SECRET in page and "opens at nine" in page


def test_the_database_row_holds_no_note_text_nor_quote(client, committee_member, coming):
    _meeting, public, _exempt = coming
    client.force_login(committee_member)
    _add(client, public, paragraph="1.1", quote="opens at nine", text=SECRET, kind="note")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM reading_room_note")
        row = " ".join(str(value) for value in cursor.fetchone())
    assert "Sunday" not in row and "opens at nine" not in row


def test_nobody_else_sees_a_note_not_another_member_nor_the_administrator(
    client, committee_member, administrator, governance_officer, other_committee_member, coming
):
    _meeting, public, _exempt = coming
    client.force_login(committee_member)
    _add(client, public, paragraph="1.1", quote="", text=SECRET, kind="note")
    for other in (administrator, governance_officer, other_committee_member):
        client.force_login(other)
        assert SECRET not in _page(client, public)
        for fmt in ("docx", "pdf"):
            response = client.get(reverse("reading_room:notes_export") + f"?format={fmt}")
            assert SECRET not in _text(response)
        assert (
            client.post(
                reverse("reading_room:note_delete", args=[public.pk]), {"note": Note.objects.get().pk}
            ).status_code
            == 302
        )
    assert Note.objects.count() == 1  # nobody else could delete it either


def test_notes_are_not_in_the_admin():
    assert Note not in admin.site._registry


def _text(response) -> str:
    content = response.content
    if content.startswith(b"%PDF"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_member_exports_their_notes(client, committee_member, coming, fmt):
    _meeting, public, _exempt = coming
    client.force_login(committee_member)
    _add(client, public, paragraph="1.2", quote="Visits rose", text=SECRET, kind="note")
    response = client.get(reverse("reading_room:notes_export") + f"?format={fmt}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = _text(response)
    assert SECRET in text and "Visits rose" in text and "Library opening hours" in text


def test_a_member_deletes_one_note_and_then_all(client, committee_member, coming):
    _meeting, public, exempt = coming
    client.force_login(committee_member)
    _add(client, public, paragraph="1.1", text="first", kind="note")
    _add(client, exempt, paragraph="1.2", quote="Visits", kind="highlight")
    first = Note.objects.get(report=public)
    client.post(reverse("reading_room:note_delete", args=[public.pk]), {"note": first.pk})
    assert list(Note.objects.values_list("report_id", flat=True)) == [exempt.pk]
    client.post(reverse("reading_room:notes_delete_all"))
    assert not Note.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"paragraph": "9.9", "text": "x"}, "Choose a paragraph of the report"),
        ({"paragraph": "1.1", "quote": "closes at ten", "text": "x"}, "does not say"),
        ({"paragraph": "1.1", "kind": "highlight"}, "Select the words to highlight"),
        ({"paragraph": "1.1", "kind": "note"}, "Write your note"),
    ],
)
def test_a_refused_note_says_why_and_keeps_what_was_typed(client, committee_member, coming, data, message):
    _meeting, public, _exempt = coming
    client.force_login(committee_member)
    response = _add(client, public, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Note.objects.exists()
    if data.get("quote"):
        assert data["quote"] in response.content.decode()


def test_bad_numbers_get_a_clear_400(client, committee_member, coming):
    _meeting, public, _exempt = coming
    client.force_login(committee_member)
    assert client.post(reverse("reading_room:note_delete", args=[public.pk]), {"note": "x"}).status_code == 400
    assert client.get(reverse("reading_room:report_changes", args=[public.pk]) + "?since=abc").status_code == 400
    assert client.get(reverse("reading_room:notes_export") + "?format=exe").status_code == 200


def test_a_note_survives_a_correction_that_keeps_its_paragraph(client, committee_member, governance_officer, coming):
    _meeting, public, _exempt = coming
    client.force_login(committee_member)
    _add(client, public, paragraph="1.1", quote="opens at nine", text=SECRET, kind="note")
    reword(public, governance_officer, 0, "<p>From May the library opens at nine every weekday.</p>")
    page = _page(client, public)
    assert SECRET in page and "Detached" not in page
    assert '<a class="govuk-link" href="#paragraph-1.1">Paragraph 1.1</a>' in page


def test_a_note_whose_words_went_is_detached_with_its_old_quote(client, committee_member, governance_officer, coming):
    _meeting, public, _exempt = coming
    client.force_login(committee_member)
    _add(client, public, paragraph="1.1", quote="opens at nine", text=SECRET, kind="note")
    reword(public, governance_officer, 0, "<p>The library opens at ten.</p>")
    page = _page(client, public)
    assert "Detached" in page and "“opens at nine”" in page and SECRET in page


def test_a_note_follows_its_words_to_a_renumbered_paragraph(client, committee_member, governance_officer, coming):
    _meeting, public, _exempt = coming
    client.force_login(committee_member)
    _add(client, public, paragraph="1.2", quote="Visits rose by a tenth", text=SECRET, kind="note")

    def insert(locked):
        section = paragraph(locked, 0).section
        Paragraph.objects.filter(section=section).update(position=F("position") + 1)
        Paragraph.objects.create(section=section, position=0, text="<p>A new first paragraph.</p>")

    correct(public, governance_officer, insert)
    page = _page(client, public)
    assert 'href="#paragraph-1.3">Paragraph 1.3</a> (was 1.2)' in page


def test_a_note_follows_the_report_to_its_next_meeting(client, committee_member, committee, coming):
    meeting, public, _exempt = coming
    client.force_login(committee_member)
    _add(client, public, paragraph="1.1", text=SECRET, kind="note")
    later = make_meeting(committee, meeting.date.replace(year=meeting.date.year + 1))
    type(public).objects.filter(pk=public.pk).update(meeting=later)
    assert SECRET in _page(client, public)


# Notes on a page of a PDF appendix --------------------------------------------------------------------


def with_pdf_appendix(report, officer, *, pages: int = 3, exempt: bool = False) -> Appendix:
    """A published correction adding a PDF appendix of ``pages`` pages (exempt under paragraph 3 if asked)."""

    def change(locked):
        Appendix.objects.create(
            report=locked,
            position=0,
            title="Depot site plan",
            file=ContentFile(pdf_bytes(pages), name="site-plan.pdf"),
            content_type="application/pdf",
            exempt_paragraph=3 if exempt else None,
        )

    correct(report, officer, change, "Site plan added.")
    return Appendix.objects.get(report=report)


def _add_on_appendix(client, report, appendix, **data):
    return client.post(reverse("reading_room:appendix_note_add", args=[report.pk]), {"appendix": appendix.pk, **data})


def test_a_note_on_a_page_of_an_appendix_is_sealed_and_opens_the_appendix_at_its_page(
    client, committee_member, governance_officer, coming
):
    _meeting, public, _exempt = coming
    appendix = with_pdf_appendix(public, governance_officer)
    client.force_login(committee_member)
    response = _add_on_appendix(client, public, appendix, page="2", quote="Plot 4", text=SECRET)
    assert response.status_code == 302 and response["Location"].endswith("#appendix-notes")
    page = _page(client, public)
    link = reverse("reports:appendix_file", args=[public.pk, appendix.pk]) + "#page=2"
    assert f'href="{link}">Appendix A, page 2</a>' in page
    assert SECRET in page and "Plot 4" in page
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM reading_room_note")
        row = " ".join(str(value) for value in cursor.fetchone())
    assert "Sunday" not in row and "Plot 4" not in row
    exported = client.get(reverse("reading_room:notes_export") + "?format=pdf").content
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(exported)).pages)
    assert "Appendix A, page 2" in text and SECRET in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"page": "4", "text": SECRET}, "Appendix A has 3 pages: choose one of them."),
        ({"page": "0", "text": SECRET}, "Give the page as a number, like 3."),
        ({"page": "two", "text": SECRET}, "Give the page as a number, like 3."),
        ({"page": "1"}, "Select the words to highlight."),
    ],
)
def test_a_refused_appendix_note_says_why_and_keeps_what_was_typed(
    client, committee_member, governance_officer, coming, data, message
):
    _meeting, public, _exempt = coming
    appendix = with_pdf_appendix(public, governance_officer)
    client.force_login(committee_member)
    response = _add_on_appendix(client, public, appendix, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert SECRET in response.content.decode() or "text" not in data
    assert not Note.objects.exists()


def test_nobody_notes_on_an_exempt_appendix_they_may_not_open_and_nobody_else_sees_a_note(
    client, committee_member, other_committee_member, administrator, governance_officer, coming
):
    _meeting, public, _exempt = coming
    appendix = with_pdf_appendix(public, governance_officer, exempt=True)
    client.force_login(other_committee_member)
    assert "Note on a page of an appendix" not in _page(client, public)
    assert _add_on_appendix(client, public, appendix, page="1", text=SECRET).status_code == 400
    assert not Note.objects.exists()
    client.force_login(committee_member)
    assert _add_on_appendix(client, public, appendix, page="1", text=SECRET).status_code == 302
    for other in (other_committee_member, administrator):
        client.force_login(other)
        assert SECRET not in _page(client, public)


def test_a_note_on_an_appendix_a_correction_removed_is_shown_detached(
    client, committee_member, governance_officer, coming
):
    _meeting, public, _exempt = coming
    appendix = with_pdf_appendix(public, governance_officer)
    client.force_login(committee_member)
    _add_on_appendix(client, public, appendix, page="3", quote="Plot 4", text=SECRET)
    correct(
        public, governance_officer, lambda locked: Appendix.objects.filter(report=locked).delete(), "Plan withdrawn."
    )
    page = _page(client, public)
    assert "Detached" in page and "Appendix A, which you noted on page 3 of" in page
    assert SECRET in page and "Plot 4" in page
