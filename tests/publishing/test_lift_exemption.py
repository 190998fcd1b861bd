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


# The officer's page ---------------------------------------------------------------------------------


def test_an_officer_lifts_an_exemption_through_the_pages_with_a_reason_and_confirmation(
    client, published, governance_officer, django_capture_on_commit_callbacks
):
    client.force_login(governance_officer)
    manage = client.get(reverse("reports:report_manage", args=[published.pk])).content.decode()
    listing_url = reverse("reports:report_exemptions", args=[published.pk])
    assert listing_url in manage
    listing = client.get(listing_url).content.decode()
    appendix = published.appendices.get()
    lift_url = reverse("reports:exemption_lift", args=[published.pk, "appendix", appendix.pk])
    assert "Appendix A — Tender prices" in listing and lift_url in listing
    assert "Paragraph 1.3" in listing  # the exempt passage, numbered as the report numbers it

    confirm = client.get(lift_url).content.decode()
    assert "publishes it to everyone at once" in confirm
    refused = client.post(lift_url, {"reason": "Contract signed on 3 March."})
    assert refused.status_code == 400
    assert "Confirm that the information may be published now" in refused.content.decode()
    assert "Contract signed on 3 March." in refused.content.decode()
    appendix.refresh_from_db()
    assert appendix.exempt_paragraph == 3

    with django_capture_on_commit_callbacks(execute=False):
        done = client.post(lift_url, {"reason": "Contract signed on 3 March.", "confirm": "on"})
    assert done.status_code == 302
    appendix.refresh_from_db()
    assert appendix.exempt_paragraph is None
    latest = published.revisions.filter(is_published=True).order_by("-number").first()
    assert latest.created_by == governance_officer
    assert latest.revision_note.startswith("Appendix A — Tender prices: no longer exempt (was paragraph 3")
    assert latest.revision_note.endswith("Contract signed on 3 March.")
    assert published.transitions.filter(by=governance_officer, comment__contains="Contract signed").exists()
    client.logout()
    file_url = reverse("reports:appendix_file", args=[published.pk, appendix.pk])
    assert client.get(file_url).status_code == 200
    # Nothing left to lift there: the page for it is gone.
    client.force_login(governance_officer)
    assert client.get(lift_url).status_code == 404


def test_the_lifting_pages_are_for_governance_officers_only(
    client, published, author, committee_member, other_committee_member
):
    appendix = published.appendices.get()
    urls = [
        reverse("reports:report_exemptions", args=[published.pk]),
        reverse("reports:exemption_lift", args=[published.pk, "appendix", appendix.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # anonymous: to sign in
    for user in (author, committee_member, other_committee_member):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403
        assert client.post(urls[1], {"reason": "x", "confirm": "on"}).status_code == 403
    appendix.refresh_from_db()
    assert appendix.exempt_paragraph == 3


def test_the_lifting_pages_refuse_wrong_methods_and_unknown_parts(client, published, governance_officer):
    client.force_login(governance_officer)
    assert client.post(reverse("reports:report_exemptions", args=[published.pk])).status_code == 405
    appendix = published.appendices.get()
    public = Paragraph.objects.filter(section__report=published, exempt_paragraph__isnull=True).first()

    def lift_url(kind, pk):
        return reverse("reports:exemption_lift", args=[published.pk, kind, pk])

    assert client.put(lift_url("appendix", appendix.pk)).status_code == 405
    assert client.get(lift_url("section", appendix.pk)).status_code == 404
    assert client.get(lift_url("paragraph", public.pk)).status_code == 404
