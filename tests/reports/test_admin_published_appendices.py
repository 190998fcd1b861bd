"""The admin is no way round publication (issue 18): a published report's appendix keeps its file
there, and no appendix is added to a published report there, since either would be public at once,
unreviewed and with no correction recorded. Corrections go through the report's page."""

from __future__ import annotations

import pytest
import weasyprint
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from publishing import publication
from reports.models import Appendix, Report
from tests.browser.builders import pdf_text
from tests.report_builders import report_with_content

PUBLISHED = "DEPOTPLANASPUBLISHED"
REPLACEMENT = "DEPOTPLANSWAPPEDINADMIN"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf_saying(text: str) -> bytes:
    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


@pytest.fixture
def published(committee, governance_officer, django_capture_on_commit_callbacks):
    report = report_with_content(committee, sections=1, paragraphs=1, title="Depot", status=Report.Status.APPROVED)
    appendix = Appendix(report=report, position=1, title="Site plan", content_type="application/pdf")
    appendix.file.save("plan.pdf", ContentFile(pdf_saying(PUBLISHED)), save=False)
    appendix.save()
    with django_capture_on_commit_callbacks(execute=False):
        publication.publish_report(report, governance_officer)
    return report


def public_file_text(client, report, appendix) -> str:
    client.logout()
    response = client.get(reverse("reports:appendix_file", args=[report.pk, appendix.pk]))
    assert response.status_code == 200
    return pdf_text(b"".join(response.streaming_content))[1]


def test_a_published_appendix_file_cannot_be_replaced_in_the_admin(client, administrator, published):
    appendix = published.appendices.get()
    stored = appendix.file.name
    client.force_login(administrator)
    url = reverse("admin:reports_appendix_change", args=[appendix.pk])
    page = client.get(url).content.decode()
    assert 'type="file"' not in page and "plan" in page  # shown, not offered for upload
    upload = SimpleUploadedFile("plan.pdf", pdf_saying(REPLACEMENT), content_type="application/pdf")
    response = client.post(url, {"report": published.pk, "position": 1, "title": "Site plan (revised)", "file": upload})
    assert response.status_code == 302
    appendix.refresh_from_db()
    assert appendix.file.name == stored and appendix.title == "Site plan (revised)"
    text = public_file_text(client, published, appendix)
    assert PUBLISHED in text and REPLACEMENT not in text


def test_a_draft_appendix_file_can_still_be_replaced_in_the_admin(client, administrator, committee):
    draft = report_with_content(committee, sections=1, paragraphs=1, title="Depot draft")
    appendix = Appendix(report=draft, position=1, title="Site plan", content_type="application/pdf")
    appendix.file.save("plan.pdf", ContentFile(pdf_saying(PUBLISHED)), save=False)
    appendix.save()
    client.force_login(administrator)
    upload = SimpleUploadedFile("plan2.pdf", pdf_saying(REPLACEMENT), content_type="application/pdf")
    response = client.post(
        reverse("admin:reports_appendix_change", args=[appendix.pk]),
        {"report": draft.pk, "position": 1, "title": "Site plan", "file": upload},
    )
    assert response.status_code == 302
    appendix.refresh_from_db()
    assert "plan2" in appendix.file.name


def test_no_appendix_is_added_to_a_published_report_in_the_admin(client, administrator, published):
    client.force_login(administrator)
    upload = SimpleUploadedFile("extra.pdf", pdf_saying(REPLACEMENT), content_type="application/pdf")
    response = client.post(
        reverse("admin:reports_appendix_add"),
        {"report": published.pk, "position": 2, "title": "Extra", "file": upload},
    )
    assert response.status_code == 200
    assert "added or its file replaced in a correction" in response.content.decode()
    assert published.appendices.count() == 1


def test_the_report_admin_offers_no_upload_for_a_published_report_appendices(client, administrator, published):
    client.force_login(administrator)
    page = client.get(reverse("admin:reports_report_change", args=[published.pk])).content.decode()
    assert "Site plan" in page
    assert 'name="appendices-0-file"' not in page
    assert "appendices-empty" not in page  # no blank row to add one
