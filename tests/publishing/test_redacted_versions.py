"""Later disclosure by redaction (issue 18): an officer publishes a redacted version of an exempt
appendix or paragraph of a published report. The public get the redacted version in its place from then on; the
whole appendix stays with those entitled to Part 2, on every route, the earlier revisions included."""

from __future__ import annotations

import pytest
import weasyprint
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from publishing import publication
from reports import access as report_access
from reports import exemption, uploads, workflow
from reports.models import Appendix, Paragraph, Recommendation, Report
from tests.browser.builders import pdf_text
from tests.report_builders import report_with_content

SECRET = "TENDERSECRETPRICES"
REDACTED = "TENDERREDACTEDSUMMARY"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf_saying(text: str) -> bytes:
    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


@pytest.fixture
def published(committee, governance_officer, django_capture_on_commit_callbacks):
    report = report_with_content(
        committee, sections=1, paragraphs=1, title="Depot contract", status=Report.Status.APPROVED
    )
    appendix = Appendix(
        report=report, position=1, title="Tender prices", exempt_paragraph=3, content_type="application/pdf"
    )
    appendix.file.save("tender.pdf", ContentFile(pdf_saying(SECRET)), save=False)
    appendix.save()
    with django_capture_on_commit_callbacks(execute=False):
        publication.publish_report(report, governance_officer)
    return report


def redacted_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("tender-redacted.pdf", pdf_saying(REDACTED), content_type="application/pdf")


def redact_through_the_page(client, report, appendix, capture, **extra):
    data = {"file": redacted_upload(), "reason": "Unit prices taken out; totals published.", "confirm": "on", **extra}
    with capture(execute=False):
        return client.post(reverse("reports:appendix_redact", args=[report.pk, appendix.pk]), data)


def test_an_officer_publishes_a_redacted_version_and_the_public_get_it_in_place(
    client, published, governance_officer, committee_member, django_capture_on_commit_callbacks
):
    appendix = published.appendices.get()
    first = published.revisions.get(is_published=True).number
    client.force_login(governance_officer)
    listing = client.get(reverse("reports:report_exemptions", args=[published.pk])).content.decode()
    assert reverse("reports:appendix_redact", args=[published.pk, appendix.pk]) in listing
    response = redact_through_the_page(client, published, appendix, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    latest = published.revisions.filter(is_published=True).order_by("-number").first()
    assert latest.number > first and latest.created_by == governance_officer
    assert "a redacted version is published in its place" in latest.revision_note
    client.logout()

    page = client.get(published.get_absolute_url()).content.decode()
    assert "Tender prices: published as a redacted version" in page
    redacted_url = reverse("reports:appendix_redacted_file", args=[published.pk, appendix.pk])
    assert redacted_url in page and "Tender prices (redacted version)" in page
    assert SECRET not in page
    opened = client.get(redacted_url)
    assert opened.status_code == 200 and REDACTED in pdf_text(b"".join(opened.streaming_content))[1]
    whole_url = reverse("reports:appendix_file", args=[published.pk, appendix.pk])
    assert client.get(whole_url).status_code == 404
    # The earlier revision, published before the redacted version, still says only that it is exempt.
    earlier = client.get(reverse("reports:revision_detail", args=[published.pk, first])).content.decode()
    assert "Tender prices: not for publication" in earlier and redacted_url not in earlier

    client.force_login(committee_member)
    whole = client.get(whole_url)
    assert whole.status_code == 200 and SECRET in pdf_text(b"".join(whole.streaming_content))[1]
    member_page = client.get(published.get_absolute_url()).content.decode()
    assert "Tender prices: not for publication" in member_page  # members read the appendix whole


def test_the_public_edition_carries_the_redacted_file_and_members_the_whole_one(published, governance_officer):
    appendix = published.appendices.get()
    upload = redacted_upload()
    publication.publish_redacted_appendix(
        published, governance_officer, appendix, upload, uploads.check_upload(upload), "Redacted."
    )
    content = published.revisions.filter(is_published=True).order_by("-number").first().content
    public = exemption.public_edition(content)["appendices"][0]
    assert public["file"].endswith(".pdf") and public["file"] != content["appendices"][0]["file"]
    assert public["redacted_version"] is True and "redacted" not in public
    assert exemption.edition(content, entitled=True)["appendices"][0]["file"] == appendix.file.name


def test_a_redacted_version_not_yet_published_stays_with_those_working_on_the_report(
    client, published, governance_officer
):
    appendix = published.appendices.get()
    # Put on the row while a correction is drafted, not published.
    appendix.redacted_file.save("draft-redacted.pdf", ContentFile(pdf_saying(REDACTED)), save=True)
    url = reverse("reports:appendix_redacted_file", args=[published.pk, appendix.pk])
    assert client.get(url).status_code == 404
    assert REDACTED not in client.get(published.get_absolute_url()).content.decode()
    client.force_login(governance_officer)
    assert client.get(url).status_code == 200


def test_only_an_officer_redacts_and_only_an_exempt_appendix_with_a_checked_file(
    client, published, committee, author, committee_member, governance_officer, django_capture_on_commit_callbacks
):
    appendix = published.appendices.get()
    url = reverse("reports:appendix_redact", args=[published.pk, appendix.pk])
    assert client.get(url).status_code == 302  # anonymous: to sign in
    for user in (author, committee_member):
        client.force_login(user)
        assert client.get(url).status_code == 403
        refused = redact_through_the_page(client, published, appendix, django_capture_on_commit_callbacks)
        assert refused.status_code == 403
        upload = redacted_upload()
        with pytest.raises(PermissionDenied):
            publication.publish_redacted_appendix(
                published, user, appendix, upload, uploads.check_upload(upload), "Redacted."
            )
    client.force_login(governance_officer)
    assert client.put(url).status_code == 405
    refused = redact_through_the_page(
        client,
        published,
        appendix,
        django_capture_on_commit_callbacks,
        file=SimpleUploadedFile("notes.pdf", b"not a pdf at all"),
    )
    assert refused.status_code == 400
    assert "Unit prices taken out; totals published." in refused.content.decode()
    no_confirm = redact_through_the_page(client, published, appendix, django_capture_on_commit_callbacks, confirm="")
    assert no_confirm.status_code == 400
    public = Appendix.objects.create(report=published, position=2, title="Site plan", content_type="application/pdf")
    assert client.get(reverse("reports:appendix_redact", args=[published.pk, public.pk])).status_code == 404
    upload = redacted_upload()
    with pytest.raises(workflow.InvalidTransition, match="not exempt"):
        publication.publish_redacted_appendix(
            published, governance_officer, public, upload, uploads.check_upload(upload), "Redacted."
        )
    appendix.refresh_from_db()
    assert not appendix.redacted_file
    assert not report_access.can_open_redacted_appendix(None, published, appendix)


# A redacted version of an exempt paragraph --------------------------------------------------------

PASSAGE = "BIDSECRETNAMES"


@pytest.fixture
def with_passage(committee, governance_officer, django_capture_on_commit_callbacks):
    report = report_with_content(committee, sections=1, paragraphs=1, title="Depot bids", status=Report.Status.APPROVED)
    section = report.sections.filter(is_background_papers=False).first()
    Paragraph.objects.create(
        section=section, position=5, text=f"<p>Three bids came in, from {PASSAGE}.</p>", exempt_paragraph=3
    )
    with django_capture_on_commit_callbacks(execute=False):
        publication.publish_report(report, governance_officer)
    return report


def test_an_officer_publishes_a_redacted_paragraph_the_public_read_it_and_members_the_whole(
    client, with_passage, governance_officer, committee_member, django_capture_on_commit_callbacks
):
    paragraph = Paragraph.objects.get(section__report=with_passage, exempt_paragraph=3)
    first = with_passage.revisions.get(is_published=True).number
    url = reverse("reports:paragraph_redact", args=[with_passage.pk, paragraph.pk])
    client.force_login(governance_officer)
    assert url in client.get(reverse("reports:report_exemptions", args=[with_passage.pk])).content.decode()
    form = client.get(url).content.decode()
    assert PASSAGE in form  # the officer starts from the whole text
    refused = client.post(url, {"text": "", "reason": "Bidders' names out.", "confirm": "on"})
    assert refused.status_code == 400 and "Write the redacted version" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=False):
        done = client.post(url, {"text": "Three bids came in.", "reason": "Bidders' names out.", "confirm": "on"})
    assert done.status_code == 302
    client.logout()

    page = client.get(with_passage.get_absolute_url()).content.decode()
    assert "Three bids came in." in page and PASSAGE not in page
    assert "Redacted: exempt information (paragraph 3 of Schedule 12A) has been taken out of this paragraph" in page
    text = client.get(reverse("reports:report_text", args=[with_passage.pk])).content.decode()
    assert "Three bids came in." in text and PASSAGE not in text
    earlier = client.get(reverse("reports:revision_detail", args=[with_passage.pk, first])).content.decode()
    assert "Three bids came in." not in earlier and "This paragraph contains exempt information" in earlier

    client.force_login(committee_member)
    assert PASSAGE in client.get(with_passage.get_absolute_url()).content.decode()
    assert PASSAGE in client.get(reverse("reports:revision_detail", args=[with_passage.pk, first])).content.decode()


def test_only_an_officer_redacts_a_paragraph_and_only_an_exempt_one(
    client, with_passage, author, committee_member, governance_officer
):
    paragraph = Paragraph.objects.get(section__report=with_passage, exempt_paragraph=3)
    url = reverse("reports:paragraph_redact", args=[with_passage.pk, paragraph.pk])
    assert client.get(url).status_code == 302
    for user in (author, committee_member):
        client.force_login(user)
        assert client.post(url, {"text": "x", "reason": "x", "confirm": "on"}).status_code == 403
        with pytest.raises(PermissionDenied):
            publication.publish_redacted_text(with_passage, user, paragraph, "<p>x</p>", "Redacted.")
    public = Paragraph.objects.filter(section__report=with_passage, exempt_paragraph__isnull=True).first()
    client.force_login(governance_officer)
    assert client.get(reverse("reports:paragraph_redact", args=[with_passage.pk, public.pk])).status_code == 404
    with pytest.raises(workflow.InvalidTransition, match="not exempt"):
        publication.publish_redacted_text(with_passage, governance_officer, public, "<p>x</p>", "Redacted.")
    paragraph.refresh_from_db()
    assert paragraph.redacted_text == ""


# A redacted version of an exempt recommendation ---------------------------------------------------

AWARD = "AWARDTOSECRETBIDDER"


@pytest.fixture
def with_recommendation(committee, governance_officer, django_capture_on_commit_callbacks):
    report = report_with_content(
        committee, sections=1, paragraphs=1, title="Depot award", status=Report.Status.APPROVED
    )
    Recommendation.objects.create(
        report=report, position=5, text=f"<p>That the contract is awarded to {AWARD}.</p>", exempt_paragraph=3
    )
    with django_capture_on_commit_callbacks(execute=False):
        publication.publish_report(report, governance_officer)
    return report


def test_an_officer_publishes_a_redacted_recommendation_the_public_read_it_and_members_the_whole(
    client, with_recommendation, governance_officer, committee_member, django_capture_on_commit_callbacks
):
    report = with_recommendation
    recommendation = report.recommendations.get(exempt_paragraph=3)
    first = report.revisions.get(is_published=True).number
    url = reverse("reports:recommendation_redact", args=[report.pk, recommendation.pk])
    client.force_login(governance_officer)
    assert url in client.get(reverse("reports:report_exemptions", args=[report.pk])).content.decode()
    assert AWARD in client.get(url).content.decode()  # the officer starts from the whole text
    refused = client.post(url, {"text": "", "reason": "Bidder out.", "confirm": "on"})
    assert refused.status_code == 400 and "Write the redacted version" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=False):
        done = client.post(url, {"text": "That the contract is awarded.", "reason": "Bidder out.", "confirm": "on"})
    assert done.status_code == 302
    client.logout()

    page = " ".join(client.get(report.get_absolute_url()).content.decode().split())
    assert "That the contract is awarded." in page and AWARD not in page
    assert (
        "Redacted: exempt information (paragraph 3 of Schedule 12A) has been taken out of this recommendation" in page
    )
    text = client.get(reverse("reports:report_text", args=[report.pk])).content.decode()
    assert "That the contract is awarded." in text and AWARD not in text
    pdf = client.get(reverse("reports:report_pdf", args=[report.pk]))
    if pdf.status_code == 200 and pdf.get("Content-Type") == "application/pdf":
        assert AWARD not in pdf_text(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content)[1]
    earlier = client.get(reverse("reports:revision_detail", args=[report.pk, first])).content.decode()
    assert "That the contract is awarded." not in earlier and "This recommendation contains exempt" in earlier

    client.force_login(committee_member)
    assert AWARD in client.get(report.get_absolute_url()).content.decode()
    assert AWARD in client.get(reverse("reports:revision_detail", args=[report.pk, first])).content.decode()


def test_only_an_officer_redacts_a_recommendation_and_only_an_exempt_one(
    client, with_recommendation, author, committee_member, governance_officer
):
    report = with_recommendation
    recommendation = report.recommendations.get(exempt_paragraph=3)
    url = reverse("reports:recommendation_redact", args=[report.pk, recommendation.pk])
    for user in (author, committee_member):
        client.force_login(user)
        assert client.post(url, {"text": "x", "reason": "x", "confirm": "on"}).status_code == 403
        with pytest.raises(PermissionDenied):
            publication.publish_redacted_text(report, user, recommendation, "<p>x</p>", "Redacted.")
    public = report.recommendations.filter(exempt_paragraph__isnull=True).first()
    client.force_login(governance_officer)
    assert client.get(reverse("reports:recommendation_redact", args=[report.pk, public.pk])).status_code == 404
    with pytest.raises(workflow.InvalidTransition, match="not exempt"):
        publication.publish_redacted_text(report, governance_officer, public, "<p>x</p>", "Redacted.")
    recommendation.refresh_from_db()
    assert recommendation.redacted_text == ""
