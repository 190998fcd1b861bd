"""A file added while a correction is drafted stays out of public reach until the correction is
published, as the correction's text does (committee/access.py can_open_report_file)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from committee import agenda
from publishing import publication
from reports import access as report_access
from reports import editing, workflow
from reports.models import Report
from tests.conftest import make_report

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def published_report(meeting, committee, governance_officer):
    report = make_report(committee, meeting=meeting, title="Library opening hours", status=Report.Status.APPROVED)
    agenda.add_report_item(meeting, governance_officer, report)
    publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2017, 2, 1, tzinfo=ZoneInfo("UTC")))
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
    return report


def add_files(report: Report, user):
    with editing.changing(report, user, Report.objects.get(pk=report.pk).version) as locked:
        appendix = editing.add_appendix(
            locked,
            title="Branch closure consultation",
            content_type="application/pdf",
            size=len(PDF),
            sha512="",
            file=ContentFile(PDF, name="consultation.pdf"),
        )
        paper = editing.add_background_paper(
            locked, title="Closure options", url="", date=None, file=ContentFile(PDF, name="options.pdf")
        )
    return appendix, paper


def test_files_added_in_a_correction_are_public_only_once_it_is_published(client, published_report, governance_officer):
    appendix, paper = add_files(published_report, governance_officer)
    appendix_url = reverse("reports:appendix_file", args=[published_report.pk, appendix.pk])
    paper_url = reverse("reports:paper_file", args=[published_report.pk, paper.pk])
    oparl_url = f"/oparl/v1/file/appendix-{appendix.pk}"

    assert client.get(appendix_url).status_code == 404
    assert client.get(paper_url).status_code == 404
    assert client.get(oparl_url).status_code == 404
    assert not report_access.public_appendices().filter(pk=appendix.pk).exists()
    assert not report_access.public_background_papers().filter(pk=paper.pk).exists()
    client.force_login(governance_officer)
    assert client.get(appendix_url).status_code == 200, "the officer correcting it sees it"
    client.logout()

    published_report.refresh_from_db()
    workflow.publish_correction(published_report, governance_officer, "The consultation is now appended.")
    assert client.get(appendix_url).status_code == 200
    assert client.get(paper_url).status_code == 200
    assert client.get(oparl_url).status_code == 200
    assert report_access.public_appendices().filter(pk=appendix.pk).exists()


def test_files_added_while_drafting_are_published_with_the_report(client, meeting, committee, governance_officer):
    report = make_report(committee, meeting=meeting, title="School places", author=governance_officer)
    appendix, paper = add_files(report, governance_officer)
    assert not appendix.awaiting_publication and not paper.awaiting_publication, "a draft is not public anyway"
    Report.objects.filter(pk=report.pk).update(status=Report.Status.APPROVED)
    agenda.add_report_item(meeting, governance_officer, report)
    publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2017, 2, 1, tzinfo=ZoneInfo("UTC")))
    assert client.get(reverse("reports:appendix_file", args=[report.pk, appendix.pk])).status_code == 200
