"""The report's staff page and its clearance buttons, for each kind of visitor."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from committee import access
from reports import workflow
from reports.models import Report, SignOff
from tests.conftest import make_report, make_user

S = Report.Status


@pytest.fixture
def approvers(db):
    return {
        "legal": make_user("legal", access.LEGAL_APPROVERS, first_name="Grace", last_name="Obi"),
        "finance": make_user("finance", access.FINANCE_APPROVERS),
        "director": make_user("director", access.DIRECTOR_APPROVERS),
    }


@pytest.fixture
def report(committee, meeting, author):
    return make_report(committee, meeting=meeting, author=author, title="Libraries review")


def url(name, report):
    return reverse(f"reports:{name}", args=[report.pk])


def test_the_author_submits_choosing_the_approvers(client, author, report, approvers):
    other_lawyer = make_user("lawyer2", access.LEGAL_APPROVERS, first_name="Sam", last_name="Adeyemi")
    client.force_login(author)
    page = client.get(url("report_submit", report)).content.decode()
    assert "Grace Obi" in page and "Sam Adeyemi" in page
    response = client.post(
        url("report_submit", report),
        {
            "approver_legal": other_lawyer.pk,
            "approver_finance": approvers["finance"].pk,
            "approver_director": approvers["director"].pk,
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == S.SUBMITTED
    assert report.signoffs.get(role="legal").approver == other_lawyer


def test_the_staff_page_shows_history_signoffs_and_only_allowed_buttons(
    client, author, report, approvers, governance_officer, django_assert_max_num_queries
):
    workflow.submit(report, author)
    workflow.sign_off(report, approvers["legal"], "legal", approve=True, comment="Legal is content.")
    client.force_login(approvers["finance"])
    with django_assert_max_num_queries(20):
        body = client.get(url("report_manage", report)).content.decode()
    assert "Your finance sign-off" in body
    assert "Your legal sign-off" not in body
    assert "Legal is content." in body  # the sign-off comment, and the transition comment
    assert "Approve for publication" not in body and "Withdraw the report" not in body
    client.force_login(author)
    body = client.get(url("report_manage", report)).content.decode()
    assert "Your finance sign-off" not in body
    assert "Withdraw the report" in body and "Return to draft" in body


def test_an_approver_requests_changes_and_the_author_sees_the_comment(
    client, author, report, approvers, django_capture_on_commit_callbacks
):
    workflow.submit(report, author)
    client.force_login(approvers["legal"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("report_sign_off", report),
            {"role": "legal", "decision": "changes", "comment": "Cite section 15a of the Constitution."},
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == S.DRAFT
    assert any("Cite section 15a" in m.body and m.to == ["author@example.gov.uk"] for m in mail.outbox)
    client.force_login(author)
    body = client.get(url("report_manage", report)).content.decode()
    assert "Changes requested" in body
    assert "Cite section 15a of the Constitution." in body


def test_requesting_changes_without_a_comment_is_refused_next_to_the_field(client, author, report, approvers):
    workflow.submit(report, author)
    client.force_login(approvers["legal"])
    response = client.post(url("report_sign_off", report), {"role": "legal", "decision": "changes", "comment": ""})
    assert response.status_code == 400
    assert "Say what needs to change" in response.content.decode()
    report.refresh_from_db()
    assert report.status == S.SUBMITTED


def test_signing_off_what_is_not_yours_is_forbidden_and_changes_nothing(client, author, report, approvers):
    workflow.submit(report, author)
    client.force_login(approvers["finance"])
    response = client.post(url("report_sign_off", report), {"role": "legal", "decision": "approve"})
    assert response.status_code == 403
    assert report.signoffs.get(role="legal").decision == SignOff.Decision.PENDING


def test_a_governance_officer_approves_and_publishes(client, author, report, approvers, governance_officer):
    workflow.submit(report, author)
    for role, user in approvers.items():
        workflow.sign_off(report, user, role, approve=True)
    client.force_login(author)
    assert client.post(url("report_approve", report)).status_code == 403
    client.force_login(governance_officer)
    client.post(url("report_approve", report), {"comment": "Fine for the agenda."})
    report.refresh_from_db()
    assert report.status == S.APPROVED
    client.post(url("report_publish", report))
    report.refresh_from_db()
    assert report.status == S.PUBLISHED


def test_a_step_from_the_wrong_state_is_refused_with_a_clear_message(client, governance_officer, report):
    client.force_login(governance_officer)
    response = client.post(url("report_publish", report))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "“Publish” is not possible while the report is draft." in page
    report.refresh_from_db()
    assert report.status == S.DRAFT


def test_withdraw_and_reinstate(client, author, report):
    client.force_login(author)
    client.post(url("report_withdraw", report), {"comment": "Deferred to March."})
    report.refresh_from_db()
    assert report.status == S.WITHDRAWN
    assert report.transitions.last().comment == "Deferred to March."
    client.post(url("report_return_to_draft", report))
    report.refresh_from_db()
    assert report.status == S.DRAFT


def test_a_correction_to_a_published_report_keeps_the_first_version_readable(
    client, governance_officer, report, author
):
    report.status = S.APPROVED
    report.save()
    workflow.publish(report, governance_officer)
    client.force_login(governance_officer)
    client.post(url("summary_save", report), {"version": report.version, "summary": "Corrected figures."})
    response = client.post(url("report_correct", report), {"note": "The figures in 1.2 were corrected."})
    assert response.status_code == 302
    first, second = report.revisions.filter(is_published=True).order_by("number")
    client.logout()
    old = client.get(reverse("reports:revision_detail", args=[report.pk, first.number])).content.decode()
    new = client.get(reverse("reports:revision_detail", args=[report.pk, second.number])).content.decode()
    assert "This version has been superseded" in old and "Corrected figures." not in old
    assert "Revised on" in new and "The figures in 1.2 were corrected." in new and "Corrected figures." in new
    assert "sign-off" not in new.lower()


def test_working_revisions_are_not_public(client, author, report, committee_member):
    from reports import revisions

    revisions.record(report, author)
    revision_url = reverse("reports:revision_detail", args=[report.pk, 1])
    assert client.get(revision_url).status_code == 404
    client.force_login(committee_member)
    assert client.get(revision_url).status_code == 404
    client.force_login(author)
    assert client.get(revision_url).status_code == 200


WORKFLOW_URLS = [
    ("report_manage", "get"),
    ("report_submit", "get"),
    ("revision_list", "get"),
    ("report_sign_off", "post"),
    ("report_approve", "post"),
    ("report_publish", "post"),
    ("report_withdraw", "post"),
    ("report_return_to_draft", "post"),
]


@pytest.mark.parametrize(("name", "method"), WORKFLOW_URLS)
def test_clearance_urls_answer_each_kind_of_visitor(client, name, method, report, author, other_author):
    target = url(name, report)
    response = getattr(client, method)(target)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(other_author)
    assert getattr(client, method)(target).status_code == 404
    wrong = client.delete if method == "get" else client.get
    client.force_login(author)
    assert wrong(target).status_code == 405


def test_readers_of_a_published_report_may_not_see_its_clearance(client, report, committee_member):
    Report.objects.filter(pk=report.pk).update(status=S.PUBLISHED)
    client.force_login(committee_member)
    assert client.get(url("report_manage", report)).status_code == 403
    assert client.post(url("report_withdraw", report)).status_code == 403
    assert Report.objects.get(pk=report.pk).status == S.PUBLISHED


def test_the_public_page_shows_a_correction_only_once_it_is_published(client, governance_officer, report):
    report.status = S.APPROVED
    report.save()
    workflow.publish(report, governance_officer)
    public = reverse("reports:report_detail", args=[report.pk])
    staff = Client()
    staff.force_login(governance_officer)
    staff.post(url("summary_save", report), {"version": report.version, "summary": "Corrected figures."})
    assert "Corrected figures." not in client.get(public).content.decode()
    staff.post(url("report_correct", report), {"note": "The figures in 1.2 were corrected."})
    body = client.get(public).content.decode()
    assert "Corrected figures." in body
    assert "Revised on" in body and "The figures in 1.2 were corrected." in body
    first = report.revisions.filter(is_published=True).order_by("number").first()
    assert reverse("reports:revision_detail", args=[report.pk, first.number]) in body


def test_signoffs_never_reach_the_published_pdf(author, report, approvers, governance_officer):
    import io

    from pypdf import PdfReader

    from documents.pdf_store import frozen_pdf_bytes

    workflow.submit(report, author)
    for role, user in approvers.items():
        workflow.sign_off(report, user, role, approve=True, comment=f"INTERNAL {role} note")
    workflow.approve_for_publication(report, governance_officer)
    workflow.publish(report, governance_officer)
    revision = report.revisions.get(is_published=True)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(frozen_pdf_bytes(revision))).pages)
    assert "Libraries review" in text
    for internal in ("INTERNAL", "sign-off", "Sign-off", "Grace Obi"):
        assert internal not in text
