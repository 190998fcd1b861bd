"""The Word import pages (web/views/word_import.py): upload, review what goes where, create the draft;
bad files refused with a message and nothing saved; only report authors; POST only where it writes."""

from __future__ import annotations

import datetime

import docx
import pytest
import time_machine
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from committee import access
from reports.models import Report
from reports.templates_setup import ensure_standard_template
from tests.conftest import make_meeting, make_user
from tests.reports.word_builders import council_report_docx, example_report_docx, upload
from web.views import word_import

IMPORT = reverse("reports:report_import")
CREATE = reverse("reports:report_import_create")


@pytest.fixture
def author_client(client, author):
    ensure_standard_template()
    client.force_login(author)
    return client


def review(client, committee, document=None, **extra):
    data = {"committee": committee.pk, "file": document or upload(council_report_docx()), **extra}
    return client.post(IMPORT, data)


def test_the_import_page_offers_the_upload_form(author_client):
    page = author_client.get(IMPORT).content.decode()
    assert 'enctype="multipart/form-data"' in page and "Word document (.docx)" in page


def test_the_start_page_links_to_the_import(author_client):
    assert IMPORT in author_client.get(reverse("reports:report_new")).content.decode()


def test_the_review_shows_what_goes_where_and_what_has_no_place_and_saves_nothing(author_client, committee):
    response = review(author_client, committee)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Check what goes where" in page
    assert "3. Why this report is needed" in page and "Section “Why this report is needed” of the template" in page
    assert "Budget code: LIB-2027" in page and "no row of this name" in page
    assert "&lt;priya.shah@example.gov.uk&gt;" in page
    assert Report.objects.count() == 0


@time_machine.travel(datetime.datetime(2017, 1, 16, 10, tzinfo=datetime.UTC), tick=False)
def test_creating_the_draft_makes_it_for_the_chosen_meeting_and_opens_the_editor(author_client, committee, author):
    meeting = make_meeting(committee)
    page = review(author_client, committee, upload(example_report_docx()), meeting=meeting.pk).content.decode()
    token = page.split('name="document" value="', 1)[1].split('"', 1)[0]
    template = ensure_standard_template()
    response = author_client.post(
        CREATE, {"document": token, "committee": committee.pk, "meeting": meeting.pk, "template": template.pk}
    )
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:report_edit", args=[report.pk])
    assert report.author == author and report.meeting == meeting and report.status == Report.Status.DRAFT
    assert report.title.startswith("HMIC") and report.recommendations.count() == 3
    editor = author_client.get(response["Location"]).content.decode()
    assert "Your draft is made from the Word document." in editor


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 a pdf", "not a Word document"),
        (b"PK\x03\x04 broken", "damaged"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_saved(author_client, committee, content, message):
    response = review(author_client, committee, SimpleUploadedFile("report.docx", content))
    assert response.status_code == 400 and message in response.content.decode()
    assert Report.objects.count() == 0


def test_a_document_without_headings_is_refused(author_client, committee):
    document = docx.Document()
    document.add_paragraph("Only text.")
    response = review(author_client, committee, upload(document))
    assert response.status_code == 400 and "no headings" in response.content.decode()


def test_a_file_too_big_is_refused(author_client, committee, monkeypatch):
    monkeypatch.setattr("reports.word_reading.MAX_DOCX_BYTES", 100)
    response = review(author_client, committee)
    assert response.status_code == 400 and "far smaller" in response.content.decode()


def test_no_file_and_no_committee_are_asked_for(author_client):
    page = author_client.post(IMPORT, {}).content.decode()
    assert "Choose the Word document to import" in page and "Choose the committee the report goes to" in page


def test_a_forged_expired_or_someone_elses_import_creates_nothing(author_client, committee):
    template = ensure_standard_template()
    base = {"committee": committee.pk, "template": template.pk}
    someone_else = signing.dumps({"user": 999999, "blocks": [], "name": "x"}, salt=word_import.SALT, compress=True)
    for token in ("", "forged:token", someone_else):
        response = author_client.post(CREATE, {**base, "document": token})
        assert response.status_code == 400 and "expired" in response.content.decode()
    assert Report.objects.count() == 0


def test_create_is_post_only(author_client):
    assert author_client.get(CREATE).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert "login" in client.get(IMPORT)["Location"]
    assert "login" in client.post(CREATE)["Location"]


def test_approvers_and_councillors_may_not_import(client, committee):
    for user in (make_user("legal2", access.LEGAL_APPROVERS), make_user("cllr", committee=committee)):
        client.force_login(user)
        assert client.get(IMPORT).status_code == 403
        assert client.post(CREATE).status_code == 403
