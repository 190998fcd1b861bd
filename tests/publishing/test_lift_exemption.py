"""Later disclosure (issue 18): an officer lifts the exemption of an appendix or passage of a published
report. Lifting publishes a correction at once; the earlier revisions keep the information exempt for
ever, with those entitled to Part 2."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.urls import reverse

from publishing import publication
from reports import access as report_access
from reports import workflow
from reports.models import Appendix, Paragraph, Report
from tests.report_builders import report_with_content

SECRET = "LIFTEDSECRET"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def published(committee, governance_officer, django_capture_on_commit_callbacks):
    report = report_with_content(
        committee, sections=1, paragraphs=1, title="Depot contract", status=Report.Status.APPROVED
    )
    section = report.sections.filter(is_background_papers=False).first()
    Paragraph.objects.create(section=section, position=5, text=f"<p>Bids {SECRET}</p>", exempt_paragraph=3)
    appendix = Appendix(
        report=report, position=1, title="Tender prices", exempt_paragraph=3, content_type="application/pdf"
    )
    appendix.file.save("tender.pdf", ContentFile(b"%PDF-1.4 tender"), save=False)
    appendix.save()
    with django_capture_on_commit_callbacks(execute=False):
        publication.publish_report(report, governance_officer)
    return report


def lift(report, officer, part, capture, note=""):
    with capture(execute=False):
        return publication.lift_exemption(Report.objects.get(pk=report.pk), officer, part, note)


def revision_page(client, report, number) -> str:
    response = client.get(reverse("reports:revision_detail", args=[report.pk, number]))
    assert response.status_code == 200
    return response.content.decode()


def test_lifting_a_passage_publishes_it_and_the_earlier_revision_keeps_it_exempt(
    client, published, governance_officer, committee_member, django_capture_on_commit_callbacks
):
    first = published.revisions.get(is_published=True).number
    passage = Paragraph.objects.get(section__report=published, exempt_paragraph=3)
    lift(published, governance_officer, passage, django_capture_on_commit_callbacks)

    latest = published.revisions.filter(is_published=True).order_by("-number").first()
    assert latest.number > first
    assert "no longer exempt" in latest.revision_note
    assert SECRET in client.get(published.get_absolute_url()).content.decode()
    earlier = revision_page(client, published, first)
    assert SECRET not in earlier and "This paragraph contains exempt information (paragraph 3" in earlier
    client.force_login(committee_member)
    assert SECRET in revision_page(client, published, first)


def test_lifting_an_appendix_opens_its_file_to_the_public(
    client, published, governance_officer, django_capture_on_commit_callbacks
):
    appendix = published.appendices.get()
    url = reverse("reports:appendix_file", args=[published.pk, appendix.pk])
    assert client.get(url).status_code == 404
    lift(published, governance_officer, appendix, django_capture_on_commit_callbacks, note="Contract signed.")
    assert client.get(url).status_code == 200
    appendix.refresh_from_db()
    assert (appendix.exempt_paragraph, appendix.public_interest_reason) == (None, "")
    assert published.revisions.filter(is_published=True).order_by("-number").first().revision_note == "Contract signed."


def test_lifting_is_refused_while_a_correction_is_drafted_and_nothing_changes(
    published, governance_officer, django_capture_on_commit_callbacks
):
    Report.objects.filter(pk=published.pk).update(title="Depot contract (draft correction)")
    appendix = published.appendices.get()
    with pytest.raises(workflow.InvalidTransition, match="correction is being drafted"):
        lift(published, governance_officer, appendix, django_capture_on_commit_callbacks)
    appendix.refresh_from_db()
    assert appendix.exempt_paragraph == 3


def test_only_an_officer_lifts_and_only_an_exempt_part_of_this_report(
    published, committee, governance_officer, committee_member, author, django_capture_on_commit_callbacks
):
    appendix = published.appendices.get()
    for user in (committee_member, author):
        with pytest.raises(PermissionDenied):
            lift(published, user, appendix, django_capture_on_commit_callbacks)
    public_paragraph = Paragraph.objects.filter(section__report=published, exempt_paragraph__isnull=True).first()
    with pytest.raises(workflow.InvalidTransition, match="not exempt"):
        lift(published, governance_officer, public_paragraph, django_capture_on_commit_callbacks)
    other = report_with_content(committee, sections=1, paragraphs=1, title="Other")
    with pytest.raises(workflow.InvalidTransition, match="not in this report"):
        lift(other, governance_officer, appendix, django_capture_on_commit_callbacks)
    appendix.refresh_from_db()
    assert appendix.exempt_paragraph == 3


def test_an_exemption_cleared_in_a_correction_keeps_the_file_from_the_public_until_it_is_published(
    client, published, governance_officer, committee_member, django_capture_on_commit_callbacks
):
    appendix = published.appendices.get()
    url = reverse("reports:appendix_file", args=[published.pk, appendix.pk])
    # A correction is drafted on the live rows: the appendix's exemption is cleared there.
    Report.objects.filter(pk=published.pk).update(title="Depot contract (draft correction)")
    Appendix.objects.filter(pk=appendix.pk).update(exempt_paragraph=None)
    assert client.get(url).status_code == 404
    assert not report_access.public_appendices().filter(pk=appendix.pk).exists()
    client.force_login(committee_member)
    assert client.get(url).status_code == 200
    client.logout()

    with django_capture_on_commit_callbacks(execute=False):
        publication.publish_correction(Report.objects.get(pk=published.pk), governance_officer, "Prices public now.")
    assert client.get(url).status_code == 200
    assert report_access.public_appendices().filter(pk=appendix.pk).exists()
