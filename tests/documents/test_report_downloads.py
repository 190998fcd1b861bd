"""Downloading a report as PDF, Word or text: who may, what they get, and how caches treat it."""

from __future__ import annotations

import io

import docx
import pytest
from pypdf import PdfReader

from reports import revisions
from reports.models import Report
from tests.conftest import make_meeting
from tests.report_builders import report_with_content

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def public_report(committee):
    meeting = make_meeting(committee)
    return report_with_content(committee, meeting=meeting, sections=1, paragraphs=2, title="Library service review")


def url(report, kind: str) -> str:
    return f"/reports/{report.pk}/{kind}/"


def body(response) -> bytes:
    """A download's bytes: PDFs are streamed from their file (read once, so kept), Word and text are not."""
    if not response.streaming:
        return response.content
    if not hasattr(response, "read_back"):
        response.read_back = b"".join(response.streaming_content)
    return response.read_back


def test_anyone_may_download_a_published_public_report_as_pdf(client, public_report):
    response = client.get(url(public_report, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == PDF
    assert body(response).startswith(b"%PDF")
    assert response["Content-Disposition"] == (
        'inline; filename="children-education-libraries-and-safeguarding-committee'
        '-2017-02-21-library-service-review.pdf"'
    )
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert response["ETag"]
    assert "Library service review" in PdfReader(io.BytesIO(body(response))).pages[0].extract_text()


def test_a_browser_that_has_the_file_is_told_it_is_unchanged(client, public_report):
    first = client.get(url(public_report, "pdf"))
    again = client.get(url(public_report, "pdf"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    changed = client.get(url(public_report, "pdf"), HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200


def test_the_etag_changes_when_the_report_does(client, public_report):
    first = client.get(url(public_report, "pdf"))["ETag"]
    Report.objects.filter(pk=public_report.pk).update(title="Library service review (revised)")
    second = client.get(url(public_report, "pdf"))
    assert second["ETag"] != first
    assert "revised" in PdfReader(io.BytesIO(body(second))).pages[0].extract_text()


@pytest.mark.parametrize("kind", ["pdf", "docx", "text"])
def test_an_unpublished_report_is_not_found_for_the_public(client, committee, kind):
    report = report_with_content(committee, sections=1, paragraphs=1, status=Report.Status.DRAFT)
    assert client.get(url(report, kind)).status_code == 404


@pytest.mark.parametrize("kind", ["pdf", "docx", "text"])
def test_an_exempt_report_is_not_found_for_the_public_or_another_committees_member(
    client, committee, other_committee_member, kind
):
    report = report_with_content(committee, sections=1, paragraphs=1, is_exempt=True, exempt_paragraph=3)
    assert client.get(url(report, kind)).status_code == 404
    client.force_login(other_committee_member)
    assert client.get(url(report, kind)).status_code == 404


def test_a_committee_member_may_download_their_committees_exempt_report_privately(client, committee, committee_member):
    report = report_with_content(committee, sections=1, paragraphs=1, is_exempt=True, exempt_paragraph=3)
    client.force_login(committee_member)
    response = client.get(url(report, "pdf"))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert "paragraph 3 of Schedule 12A" in PdfReader(io.BytesIO(body(response))).pages[0].extract_text()


def test_an_author_may_download_their_own_draft(client, committee, author):
    report = report_with_content(committee, sections=1, paragraphs=1, status=Report.Status.DRAFT, author=author)
    client.force_login(author)
    response = client.get(url(report, "pdf"))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("kind", ["pdf", "docx", "text"])
def test_downloads_refuse_other_methods(client, public_report, kind):
    assert client.post(url(public_report, kind)).status_code == 405


def test_a_missing_report_is_not_found(client, db):
    assert client.get("/reports/999999/pdf/").status_code == 404


def test_the_word_download_opens_in_word(client, public_report):
    response = client.get(url(public_report, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('library-service-review.docx"')
    document = docx.Document(io.BytesIO(response.content))
    assert document.core_properties.title == "Library service review"
    again = client.get(url(public_report, "docx"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_text_download_is_utf8_plain_text(client, public_report):
    response = client.get(url(public_report, "text"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode("utf-8")
    assert "1.1     The library service" in text
    assert "Recommendations" in text


def test_a_published_revisions_pdf_is_frozen(client, public_report, governance_officer, monkeypatch):
    from documents import pdf

    revision = revisions.record(public_report, governance_officer, published=True)
    first = client.get(url(public_report, "pdf"))
    assert first["ETag"] == f'"r{public_report.pk}.{revision.number}"'
    # Later changes to how reports print do not change what was published.
    monkeypatch.setattr(pdf, "RENDERER_VERSION", "changed")
    Report.objects.filter(pk=public_report.pk).update(title="Edited behind the workflow's back")
    second = client.get(url(public_report, "pdf"))
    assert body(second) == body(first)
    assert "Library service review" in PdfReader(io.BytesIO(body(second))).pages[0].extract_text()
    assert client.get(url(public_report, "pdf"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_an_uploaded_background_paper_is_linked_from_the_page_and_the_pdf(
    client, public_report, governance_officer, settings
):
    from django.core.files.base import ContentFile

    settings.SITE_URL = "https://committees.example.gov.uk"

    from reports.models import BackgroundPaper

    paper = BackgroundPaper(report=public_report, title="Inspection letter", position=5)
    paper.file.save("inspection-letter.pdf", ContentFile(b"%PDF-1.4 letter"), save=True)
    revisions.record(public_report, governance_officer, published=True)
    address = f"https://committees.example.gov.uk/reports/{public_report.pk}/papers/{paper.pk}/"

    page = client.get(f"/reports/{public_report.pk}/").content.decode()
    assert f'href="{address}">Inspection letter</a> (PDF)' in page
    download = client.get(address.removeprefix(settings.SITE_URL))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 letter", "the public may read it"

    reader = PdfReader(io.BytesIO(body(client.get(url(public_report, "pdf")))))
    links = [
        annotation.get_object()["/A"].get("/URI")
        for p in reader.pages
        for annotation in p.get("/Annots") or []
        if annotation.get_object().get("/A")
    ]
    assert address in links

    # Once the paper is deleted, the published revision names it without a dead link.
    paper.file.delete(save=False)
    paper.delete()
    page = client.get(f"/reports/{public_report.pk}/").content.decode()
    assert "Inspection letter" in page and address not in page
