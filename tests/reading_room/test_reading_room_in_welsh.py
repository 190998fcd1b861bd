"""The reading room at its Welsh address (issue 21): a member reads their meetings, papers, notes, what
changed and their exported notes in Welsh, the committee's, item's, report's and appendix's Welsh names
where the council wrote them; a refused note says why in Welsh."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from committee.models import AgendaItem
from reports.models import Appendix, Report
from tests.reading_room.builders import coming_meeting, correct, reword
from tests.reports.test_uploads import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def welsh(committee, author, approver, governance_officer):
    """The coming meeting, its committee, item, report and appendix given their Welsh."""
    meeting, public, _exempt = coming_meeting(committee, author, approver, governance_officer)
    committee.name_cy = "Pwyllgor Plant ac Addysg"
    committee.save()
    AgendaItem.objects.filter(report=public).update(title_cy="Oriau agor llyfrgelloedd")

    def change(locked):
        Report.objects.filter(pk=locked.pk).update(title_cy="Oriau agor llyfrgelloedd")
        Appendix.objects.create(
            report=locked,
            position=0,
            title="Site plan",
            title_cy="Cynllun y safle",
            file=ContentFile(pdf_bytes(2), name="site-plan.pdf"),
            content_type="application/pdf",
        )

    correct(public, governance_officer, change, "Welsh added.")
    return meeting, public


def _text(client, path: str) -> str:
    return html.unescape(client.get(path).content.decode())


def test_my_meetings_and_a_meetings_papers_read_in_welsh(client, committee_member, welsh):
    meeting, public = welsh
    client.force_login(committee_member)
    mine = _text(client, "/cy/reading-room/")
    assert "Pwyllgor Plant ac Addysg" in mine and "Fy nghyfarfodydd" in mine
    assert "Children, Education" not in mine
    papers = _text(client, f"/cy/reading-room/meetings/{meeting.pk}/")
    assert "Oriau agor llyfrgelloedd" in papers and "Library opening hours" not in papers
    assert "Atodiad A: Cynllun y safle" in papers and "Appendix A" not in papers
    assert 'aria-label="Atodiadau: Oriau agor llyfrgelloedd"' in papers
    english = _text(client, f"/reading-room/meetings/{meeting.pk}/")
    assert "Appendix A: Site plan" in english and "Library opening hours" in english


def test_a_papers_page_carries_its_scripts_and_its_offline_notices_words_in_its_language(
    client, committee_member, welsh
):
    """What the reading room's script writes and what its service worker writes on the kept copy, offline,
    it reads from the page (core/script_words.py): the Welsh at the Welsh address, none at the English."""
    meeting, public = welsh
    client.force_login(committee_member)

    def carried(path: str) -> dict:
        page = client.get(path).content.decode()
        found = re.search(r'<script id="script-words" type="application/json">([^<]*)</script>', page)
        assert found, path
        assert 'id="reading-room-words"' not in page  # the one way
        return json.loads(found.group(1))

    for path in (f"/cy/reading-room/reports/{public.pk}/", f"/cy/reading-room/meetings/{meeting.pk}/"):
        words = carried(path)
        assert words["Highlight"] == "Amlygu" and words["Selected words"] == "Geiriau a ddewiswyd"
        assert words["Kept %(kept)s papers for offline reading."] == "Papurau a gadwyd i'w darllen all-lein: %(kept)s."
        assert words["You are offline: this is the copy kept on this device on %(when)s. It may have changed since."]
        assert words["Warning"] == "Rhybudd"
    assert carried(f"/reading-room/reports/{public.pk}/") == {}


def test_a_refused_note_says_why_in_welsh(client, committee_member, welsh):
    _meeting, public = welsh
    client.force_login(committee_member)
    response = client.post(f"/cy/reading-room/reports/{public.pk}/notes/", {"paragraph": "1.1", "kind": "highlight"})
    assert response.status_code == 400
    assert "Dewiswch y geiriau i'w hamlygu." in html.unescape(response.content.decode())
    page = _text(client, f"/cy/reading-room/reports/{public.pk}/")
    assert "Atodiad A: Cynllun y safle" in page  # the appendix form's choice


def _export(client, fmt: str) -> str:
    content = client.get(f"/cy/reading-room/notes/export/?format={fmt}").content
    if fmt == "pdf":
        return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode() + archive.read("docProps/core.xml").decode()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_notes_exported_from_the_welsh_reading_room_are_in_welsh(client, committee_member, welsh, fmt):
    _meeting, public = welsh
    client.force_login(committee_member)
    client.post(f"/reading-room/reports/{public.pk}/notes/", {"paragraph": "1.2", "quote": "Visits rose"})
    text = _export(client, fmt)
    for welsh_words in ("Fy nodiadau", "Paragraff 1.2 (amlygiad)", "Allforiwyd", "Oriau agor llyfrgelloedd"):
        assert welsh_words in text, welsh_words
    for english in ("My notes", "Paragraph", "Exported", "highlight"):
        assert english not in text, english
    if fmt == "docx":
        assert "<dc:language>cy-GB</dc:language>" in text


def test_what_changed_reads_in_welsh(client, committee_member, governance_officer, welsh):
    _meeting, public = welsh
    client.force_login(committee_member)
    client.get(f"/reading-room/reports/{public.pk}/")
    first = public.revisions.filter(is_published=True).order_by("-number").first().number
    reword(public, governance_officer, 1, "<p>Visits rose by a fifth in 2016.</p>")
    shown = _text(client, f"/cy/reading-room/reports/{public.pk}/changes/?since={first}")
    assert ">Cynt<" in shown and ">Nawr<" in shown
    assert ">Before<" not in shown and ">Now<" not in shown
