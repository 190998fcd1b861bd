"""Exempt appendices and passages of a public report (reports/exemption.py): marked in the editor
without JavaScript, kept by revisions, taken out of the public edition with the numbering unchanged,
and the file routes refusing an exempt appendix to those not entitled to Part 2."""

from __future__ import annotations

import pytest
from django.urls import reverse

from committee import access
from reports import exemption, revisions, workflow
from reports.access import public_appendices
from reports.models import Appendix, Paragraph, Recommendation, Report
from reports.structure import loaded_structure
from reports.templates_setup import ensure_standard_template, start_report_from_template
from tests.conftest import make_user
from tests.reports.test_uploads import pdf_bytes, upload


def by_number(doc) -> dict:
    """Every paragraph of a report read back from a snapshot, by its number."""
    found = {}

    def walk(paragraphs):
        for p in paragraphs:
            found[p.number] = p
            walk(p.children)

    for section in doc.sections:
        walk(section.paragraphs)
    return found


NOTICE = "This paragraph contains exempt information (paragraph 3 of Schedule 12A)"


@pytest.fixture
def draft(db, committee, author):
    report = start_report_from_template(
        ensure_standard_template(), committee=committee, title="Depot contract", report_of="Director", author=author
    )
    revisions.record(report, author)
    return report


def version(report) -> int:
    return Report.objects.get(pk=report.pk).version


# In the editor ---------------------------------------------------------------------------------


def test_the_appendix_form_offers_the_exemption_and_keeps_it(client, author, draft):
    client.force_login(author)
    form = client.get(reverse("reports:report_edit", args=[draft.pk]) + "?add=appendix-new").content.decode()
    assert 'name="exempt_paragraph"' in form and "Exempt: paragraph 3." in form
    response = client.post(
        reverse("reports:appendix_add", args=[draft.pk]),
        {
            "version": version(draft),
            "title": "Tender Price Breakdown",
            "file": upload("prices.pdf", pdf_bytes()),
            "exempt_paragraph": "3",
            "public_interest_reason": "The bids are commercially sensitive.",
        },
    )
    assert response.status_code == 302
    appendix = Appendix.objects.get(report=draft)
    assert (appendix.exempt_paragraph, appendix.public_interest_reason) == (3, "The bids are commercially sensitive.")
    page = client.get(reverse("reports:report_edit", args=[draft.pk])).content.decode()
    assert "Exempt</strong> paragraph 3 of Schedule 12A" in page


def test_a_public_interest_reason_without_a_paragraph_is_refused_keeping_what_was_typed(client, author, draft):
    client.force_login(author)
    response = client.post(
        reverse("reports:appendix_add", args=[draft.pk]),
        {
            "version": version(draft),
            "title": "Tender Price Breakdown",
            "file": upload("prices.pdf", pdf_bytes()),
            "public_interest_reason": "Sensitive.",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose the paragraph of Schedule 12A that makes the appendix exempt" in body
    assert "Sensitive." in body and 'value="Tender Price Breakdown"' in body
    assert not Appendix.objects.exists()


def test_paragraphs_and_recommendations_are_marked_exempt_in_their_forms(client, author, draft):
    client.force_login(author)
    section = draft.sections.filter(is_background_papers=False).first()
    client.post(
        reverse("reports:paragraph_add", args=[draft.pk, section.pk]),
        {"version": version(draft), "text": "The bids were 1.2m and 1.4m.", "exempt_paragraph": "3"},
    )
    client.post(
        reverse("reports:recommendation_add", args=[draft.pk]),
        {"version": version(draft), "text": "Award to bidder 1.", "exempt_paragraph": "3"},
    )
    paragraph = Paragraph.objects.get(section=section)
    recommendation = Recommendation.objects.get(report=draft)
    assert paragraph.exempt_paragraph == 3 and recommendation.exempt_paragraph == 3
    # Saving the paragraph again without the choice makes it public again.
    client.post(
        reverse("reports:paragraph_change", args=[draft.pk, paragraph.pk, "save"]),
        {"version": version(draft), "text": "The bids were 1.2m and 1.4m."},
    )
    paragraph.refresh_from_db()
    assert paragraph.exempt_paragraph is None
    response = client.post(
        reverse("reports:recommendation_change", args=[draft.pk, recommendation.pk, "save"]),
        {"version": version(draft), "text": "Award.", "exempt_paragraph": "99"},
    )
    assert response.status_code == 400
    assert "Choose a paragraph of Schedule 12A" in response.content.decode()


# The public edition ----------------------------------------------------------------------------


@pytest.fixture
def published(draft, author, governance_officer, committee):
    section = draft.sections.filter(is_background_papers=False).first()
    Paragraph.objects.create(section=section, position=0, text="<p>Public opening.</p>")
    secret = Paragraph.objects.create(section=section, position=1, heading="Bids", text="<p>SECRETBIDS</p>")
    Paragraph.objects.create(section=section, position=0, parent=secret, text="<p>SECRETCHILD</p>")
    Paragraph.objects.filter(pk=secret.pk).update(exempt_paragraph=3)
    Paragraph.objects.create(section=section, position=2, text="<p>Public closing.</p>")
    Recommendation.objects.create(report=draft, position=0, text="<p>Note the report.</p>")
    Recommendation.objects.create(report=draft, position=1, text="<p>SECRETAWARD</p>", exempt_paragraph=3)
    Appendix.objects.create(report=draft, position=0, title="Site plan", file="reports/plan.pdf")
    Appendix.objects.create(
        report=draft, position=1, title="Tender Price Breakdown", file="reports/prices.pdf", exempt_paragraph=3
    )
    Report.objects.filter(pk=draft.pk).update(status=Report.Status.APPROVED)
    report = Report.objects.get(pk=draft.pk)
    workflow.publish(report, governance_officer)
    return Report.objects.get(pk=draft.pk)


def test_the_title_block_names_the_exempt_appendix_and_classifies_the_report(published):
    rows = {row.field: row.value for row in loaded_structure(published).title_rows}
    assert rows["status"] == "Public, with exempt appendix B (paragraph 3) and exempt passages (paragraph 3)"
    assert rows["enclosures"] == (
        "Appendix A – Site plan; Appendix B — Tender Price Breakdown: not for publication, exempt under "
        "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"
    )


def test_the_public_edition_keeps_every_number_and_none_of_the_exempt_text(published):
    content = revisions.latest_published_revision(published).content
    public = exemption.public_edition(content)
    whole, shown = revisions.structure_from_snapshot(content), revisions.structure_from_snapshot(public)
    assert list(by_number(whole)) == list(by_number(shown))
    assert [n for n, _ in whole.recommendations] == [n for n, _ in shown.recommendations]
    assert [a.title for a in shown.appendices] == ["Site plan", "Tender Price Breakdown"]
    text = str(public)
    for secret in ("SECRETBIDS", "SECRETCHILD", "SECRETAWARD", "reports/prices.pdf"):
        assert secret not in text
    assert "reports/plan.pdf" in text
    assert by_number(shown)["1.2"].text == f"<p>{NOTICE}</p>"
    assert by_number(shown)["1.2.1"].text == f"<p>{NOTICE}</p>"  # under an exempt heading
    assert "SECRETBIDS" in str(content)  # the revision itself keeps everything, for Part 2 readers


def test_the_public_page_shows_notices_and_members_read_the_whole(client, published, committee):
    page = client.get(published.get_absolute_url()).content.decode()
    assert NOTICE in page and "This recommendation contains exempt information (paragraph 3" in page
    assert "SECRETBIDS" not in page and "SECRETAWARD" not in page
    member = make_user("member2", access.COMMITTEE_MEMBERS, committee=committee)
    client.force_login(member)
    members_page = client.get(published.get_absolute_url())
    assert "SECRETBIDS" in members_page.content.decode() and "SECRETAWARD" in members_page.content.decode()
    assert "public" not in members_page.get("Cache-Control", "")


def test_the_exempt_appendix_file_is_refused_to_the_public_and_other_committees(client, published, other_committee):
    exempt = published.appendices.get(exempt_paragraph=3)
    url = reverse("reports:appendix_file", args=[published.pk, exempt.pk])
    assert client.get(url).status_code == 404
    client.force_login(make_user("outsider", access.COMMITTEE_MEMBERS, committee=other_committee))
    assert client.get(url).status_code == 404
    assert not public_appendices().filter(pk=exempt.pk).exists()
    assert public_appendices().filter(report=published).count() == 1


def test_a_correction_keeps_the_flags_and_its_public_rendering_respects_them(client, published, governance_officer):
    revisions.record(published, governance_officer)  # a working revision of the correction: the flags are in it
    latest = published.revisions.order_by("-number").first()
    assert by_number(revisions.structure_from_snapshot(latest.content))["1.2"].exempt_paragraph == 3
    first = published.revisions.filter(is_published=True).first()
    page = client.get(reverse("reports:revision_detail", args=[published.pk, first.number]))
    assert page.status_code == 200
    assert NOTICE in page.content.decode() and "SECRETBIDS" not in page.content.decode()
