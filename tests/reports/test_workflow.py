"""The clearance workflow: every step × every state × every kind of person.

The expected tables below are written out by hand, not read from reports.workflow, so a
change to the module's table that nobody meant shows up here.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone, translation

from committee import access
from reports import access as report_access
from reports import workflow
from reports.models import Report, ReportRevision, ReportTransition, SignOff
from tests.conftest import make_committee, make_report, make_user

S = Report.Status
ALL_STATES = [S.DRAFT, S.SUBMITTED, S.CLEARED, S.APPROVED, S.PUBLISHED, S.WITHDRAWN]
PERSONAS = ["author", "shared", "other_author", "legal", "governance", "admin", "member", "anonymous"]

STARTS_FROM = {
    "submit": {S.DRAFT},
    "approve_for_publication": {S.CLEARED},
    "publish": {S.APPROVED},
    "withdraw": {S.DRAFT, S.SUBMITTED, S.CLEARED, S.APPROVED},
    "return_to_draft": {S.SUBMITTED, S.CLEARED, S.APPROVED, S.WITHDRAWN},
    "publish_correction": {S.PUBLISHED},
}
ENDS_IN = {
    "submit": S.SUBMITTED,
    "approve_for_publication": S.APPROVED,
    "publish": S.PUBLISHED,
    "withdraw": S.WITHDRAWN,
    "return_to_draft": S.DRAFT,
    "publish_correction": S.PUBLISHED,
}
MAY = {
    "submit": {"author", "shared", "governance", "admin"},
    "approve_for_publication": {"governance", "admin"},
    "publish": {"governance", "admin"},
    "withdraw": {"author", "shared", "governance", "admin"},
    "return_to_draft": {"author", "shared", "governance", "admin"},
    "publish_correction": {"governance", "admin"},
}


@pytest.fixture
def people(db, committee):
    return {
        "author": make_user("author", access.REPORT_AUTHORS),
        "shared": make_user("shared", access.REPORT_AUTHORS),
        "other_author": make_user("otherauthor", access.REPORT_AUTHORS),
        "legal": make_user("legal", access.LEGAL_APPROVERS, first_name="Grace", last_name="Obi"),
        "finance": make_user("finance", access.FINANCE_APPROVERS),
        "director": make_user("director", access.DIRECTOR_APPROVERS),
        "governance": make_user("governance", access.GOVERNANCE_OFFICERS),
        "admin": make_user("admin", is_superuser=True, is_staff=True),
        "member": make_user("member", access.COMMITTEE_MEMBERS, committee=committee),
        "anonymous": AnonymousUser(),
    }


def report_in(state: str, committee, people) -> Report:
    report = make_report(committee, status=state, author=people["author"])
    report.shared_with.add(people["shared"])
    if state != S.DRAFT and state != S.WITHDRAWN:
        decision = SignOff.Decision.PENDING if state == S.SUBMITTED else SignOff.Decision.APPROVED
        for role in committee.required_signoff_roles:
            SignOff.objects.create(report=report, role=role, approver=people[role], decision=decision)
    return report


def run(action: str, report: Report, user):
    if action == "publish_correction":
        return workflow.publish_correction(report, user, "Paragraph 1.2 corrected.")
    return getattr(workflow, action)(report, user)


CASES = [(action, state, who) for action in STARTS_FROM for state in ALL_STATES for who in PERSONAS]


@pytest.mark.parametrize(("action", "state", "who"), CASES)
def test_every_step_from_every_state_for_every_person(action, state, who, committee, people):
    report = report_in(state, committee, people)
    transitions_before = ReportTransition.objects.count()
    if state not in STARTS_FROM[action]:
        expected = workflow.InvalidTransition
    elif who not in MAY[action]:
        expected = workflow.NotAllowed
    else:
        expected = None

    if expected is None:
        run(action, report, people[who])
        report.refresh_from_db()
        assert report.status == ENDS_IN[action]
        last = ReportTransition.objects.filter(report=report).last()
        assert (last.from_status, last.by) == (state, people[who])
    else:
        with pytest.raises(expected):
            run(action, report, people[who])
        report.refresh_from_db()
        assert report.status == state, "a refused step leaves the report as it was"
        assert ReportTransition.objects.count() == transitions_before


SIGN_OFF_CASES = [(state, who, approve) for state in ALL_STATES for who in PERSONAS for approve in (True, False)]


@pytest.mark.parametrize(("state", "who", "approve"), SIGN_OFF_CASES)
def test_only_the_assigned_approver_signs_off_and_only_while_submitted(state, who, approve, committee, people):
    report = report_in(state, committee, people)
    if state != S.SUBMITTED:
        expected = workflow.InvalidTransition
    elif who != "legal":
        expected = workflow.NotAllowed
    else:
        expected = None
    if expected is None:
        workflow.sign_off(report, people[who], "legal", approve=approve, comment="Para 5.3 needs the statute.")
        report.refresh_from_db()
        assert report.status == (S.SUBMITTED if approve else S.DRAFT)
    else:
        with pytest.raises(expected):
            workflow.sign_off(report, people[who], "legal", approve=approve, comment="x")
        report.refresh_from_db()
        assert report.status == state
        assert set(report.signoffs.values_list("decision", flat=True)) <= {
            SignOff.Decision.PENDING,
            SignOff.Decision.APPROVED,
        }


def test_withdrawn_is_reachable_from_every_state_before_published_and_not_after():
    for state in ALL_STATES:
        reachable = S.WITHDRAWN in workflow.allowed_targets(state)
        assert reachable == (state not in {S.PUBLISHED, S.WITHDRAWN}), state


def test_submitting_asks_each_required_approver_and_emails_them(
    committee, people, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://127.0.0.1:8123"
    report = report_in(S.DRAFT, committee, people)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(report, people["author"])
    assert report.status == S.SUBMITTED
    assigned = {s.role: s.approver.username for s in report.signoffs.all()}
    assert assigned == {"legal": "legal", "finance": "finance", "director": "director"}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "director@example.gov.uk",
        "finance@example.gov.uk",
        "legal@example.gov.uk",
    ]
    assert f"http://127.0.0.1:8123/reports/{report.pk}/manage/" in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Sign-off requested")


def test_submitting_uses_the_approver_the_author_chose(committee, people):
    other_lawyer = make_user("lawyer2", access.LEGAL_APPROVERS)
    report = report_in(S.DRAFT, committee, people)
    workflow.submit(report, people["author"], approvers={"legal": other_lawyer})
    assert report.signoffs.get(role="legal").approver == other_lawyer


def test_it_refuses_an_approver_who_is_not_in_that_roles_group(committee, people):
    report = report_in(S.DRAFT, committee, people)
    # The message names the person: their full name, or their user name when they have none.
    with pytest.raises(workflow.InvalidTransition, match="^finance is not a legal approver.$"):
        workflow.submit(report, people["author"], approvers={"legal": people["finance"]})
    with pytest.raises(workflow.InvalidTransition, match="^Grace Obi is not a finance approver.$"):
        workflow.submit(report, people["author"], approvers={"finance": people["legal"]})
    report.refresh_from_db()
    assert report.status == S.DRAFT
    assert not report.signoffs.exists()


def test_it_refuses_to_submit_when_nobody_can_sign_off(db, people):
    committee = make_committee("Audit Committee")
    report = report_in(S.DRAFT, committee, people)
    people["legal"].groups.clear()
    with pytest.raises(workflow.InvalidTransition, match="Legal approvers"):
        workflow.submit(report, people["author"])
    report.refresh_from_db()
    assert report.status == S.DRAFT


def test_a_committee_that_needs_no_signoffs_clears_a_report_on_submission(db, people):
    committee = make_committee(
        "Licensing Sub-Committee",
        requires_legal_signoff=False,
        requires_finance_signoff=False,
        requires_director_signoff=False,
    )
    report = report_in(S.DRAFT, committee, people)
    workflow.submit(report, people["author"])
    assert report.status == S.CLEARED
    assert [(t.from_status, t.to_status) for t in report.transitions.all()] == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.CLEARED),
    ]


def test_a_committee_can_ask_for_fewer_signoffs(db, people):
    committee = make_committee("Planning Committee", requires_finance_signoff=False)
    report = report_in(S.DRAFT, committee, people)
    workflow.submit(report, people["author"])
    assert sorted(report.signoffs.values_list("role", flat=True)) == ["director", "legal"]
    workflow.sign_off(report, people["legal"], "legal", approve=True)
    workflow.sign_off(report, people["director"], "director", approve=True)
    report.refresh_from_db()
    assert report.status == S.CLEARED


def test_the_report_is_cleared_only_when_every_required_signoff_is_approved(
    committee, people, django_capture_on_commit_callbacks
):
    report = report_in(S.DRAFT, committee, people)
    workflow.submit(report, people["author"])
    workflow.sign_off(report, people["legal"], "legal", approve=True, comment="Fine.")
    workflow.sign_off(report, people["finance"], "finance", approve=True)
    report.refresh_from_db()
    assert report.status == S.SUBMITTED
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.sign_off(report, people["director"], "director", approve=True)
    report.refresh_from_db()
    assert report.status == S.CLEARED
    assert [m.to for m in mail.outbox] == [["governance@example.gov.uk"]]
    history = [(t.from_status, t.to_status, t.by.username) for t in report.transitions.all()]
    assert history == [
        (S.DRAFT, S.SUBMITTED, "author"),
        (S.SUBMITTED, S.SUBMITTED, "legal"),
        (S.SUBMITTED, S.SUBMITTED, "finance"),
        (S.SUBMITTED, S.SUBMITTED, "director"),
        (S.SUBMITTED, S.CLEARED, "director"),
    ]
    assert report.transitions.all()[1].comment == "Legal sign-off approved. Fine."


def test_a_request_for_changes_needs_a_comment(committee, people):
    report = report_in(S.DRAFT, committee, people)
    workflow.submit(report, people["author"])
    with pytest.raises(workflow.InvalidTransition, match="Say what needs to change"):
        workflow.sign_off(report, people["legal"], "legal", approve=False, comment="  ")
    report.refresh_from_db()
    assert report.status == S.SUBMITTED
    assert report.signoffs.get(role="legal").decision == SignOff.Decision.PENDING


def test_a_request_for_changes_sends_the_report_back_to_the_author_with_the_comment(
    committee, people, django_capture_on_commit_callbacks
):
    report = report_in(S.DRAFT, committee, people)
    workflow.submit(report, people["author"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.sign_off(report, people["legal"], "legal", approve=False, comment="Cite section 15a.")
    report.refresh_from_db()
    assert report.status == S.DRAFT
    last = report.transitions.last()
    assert (last.from_status, last.to_status, last.comment) == (S.SUBMITTED, S.DRAFT, "Legal: Cite section 15a.")
    assert sorted(m.to[0] for m in mail.outbox) == ["author@example.gov.uk", "shared@example.gov.uk"]
    assert "Cite section 15a." in mail.outbox[0].body


def test_resubmitting_asks_the_same_approvers_again_from_scratch(committee, people):
    # Someone who now comes first in the legal group is not asked instead of the lawyer who read it.
    make_user("adams", access.LEGAL_APPROVERS, first_name="Ann", last_name="Adams")
    report = report_in(S.DRAFT, committee, people)
    workflow.submit(report, people["author"], approvers={"legal": people["legal"]})
    workflow.sign_off(report, people["finance"], "finance", approve=True)
    workflow.sign_off(report, people["legal"], "legal", approve=False, comment="Cite section 15a.")
    workflow.submit(report, people["author"])
    signoffs = {s.role: (s.approver.username, s.decision) for s in report.signoffs.all()}
    assert signoffs == {
        "legal": ("legal", SignOff.Decision.PENDING),
        "finance": ("finance", SignOff.Decision.PENDING),
        "director": ("director", SignOff.Decision.PENDING),
    }


def test_an_approver_cannot_sign_off_twice(committee, people):
    report = report_in(S.DRAFT, committee, people)
    workflow.submit(report, people["author"])
    workflow.sign_off(report, people["legal"], "legal", approve=True)
    with pytest.raises(workflow.InvalidTransition, match="already"):
        workflow.sign_off(report, people["legal"], "legal", approve=False, comment="Changed my mind")
    report.refresh_from_db()
    assert report.status == S.SUBMITTED


def test_an_approver_who_left_the_group_can_no_longer_sign_off(committee, people):
    report = report_in(S.DRAFT, committee, people)
    workflow.submit(report, people["author"])
    people["legal"].groups.clear()
    legal = type(people["legal"]).objects.get(pk=people["legal"].pk)
    with pytest.raises(workflow.NotAllowed):
        workflow.sign_off(report, legal, "legal", approve=True)


def test_returning_to_draft_clears_the_signoffs(committee, people):
    report = report_in(S.CLEARED, committee, people)
    report.signoffs.update(comment="Fine by legal.", decided_at=timezone.now())
    workflow.return_to_draft(report, people["author"], "Adding the latest figures.")
    report.refresh_from_db()
    assert report.status == S.DRAFT
    # Nothing of the old decision is left to be shown beside the new request.
    assert set(report.signoffs.values_list("decision", "comment", "decided_at")) == {
        (SignOff.Decision.PENDING, "", None)
    }
    assert report.transitions.last().comment == "Adding the latest figures."


def test_publishing_freezes_a_published_revision_and_tells_the_author(
    committee, people, django_capture_on_commit_callbacks
):
    report = report_in(S.APPROVED, committee, people)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(report, people["governance"])
    # The caller's copy (the page it redirects from) already holds the publication time.
    published_at = report.published_at
    report.refresh_from_db()
    assert report.status == S.PUBLISHED
    assert report.published_at is not None and published_at == report.published_at
    assert report.transitions.last().comment == "", "no comment is invented for the history"
    revision = ReportRevision.objects.get(report=report)
    assert revision.is_published and revision.content["title"] == "A report"
    assert {m.to[0] for m in mail.outbox} == {"author@example.gov.uk", "shared@example.gov.uk"}
    assert mail.outbox[0].subject.startswith("Published")


def test_publish_keeps_the_signature_the_agenda_calls(committee, people):
    import inspect

    assert list(inspect.signature(workflow.publish).parameters) == ["report", "user"]


def test_a_correction_adds_a_published_revision_and_keeps_the_first(committee, people):
    report = report_in(S.APPROVED, committee, people)
    workflow.publish(report, people["governance"])
    Report.objects.filter(pk=report.pk).update(title="A corrected report")
    caller = Report.objects.get(pk=report.pk)
    workflow.publish_correction(caller, people["governance"], "Title corrected.")
    # A correction keeps the date the report was first published, in the caller's copy too.
    assert caller.published_at == Report.objects.get(pk=report.pk).published_at is not None
    first, second = ReportRevision.objects.filter(report=report, is_published=True).order_by("number")
    assert first.content["title"] == "A report"
    assert second.content["title"] == "A corrected report"
    assert second.revision_note == "Title corrected."


def test_a_correction_needs_a_note(committee, people):
    report = report_in(S.PUBLISHED, committee, people)
    with pytest.raises(workflow.InvalidTransition):
        workflow.publish_correction(report, people["governance"], " ")
    assert not ReportRevision.objects.exists()


def test_a_stale_copy_of_the_report_cannot_be_submitted_twice(committee, people):
    report = report_in(S.DRAFT, committee, people)
    stale = Report.objects.get(pk=report.pk)
    workflow.submit(report, people["author"])
    with pytest.raises(workflow.InvalidTransition):
        workflow.submit(stale, people["shared"])
    assert stale.status == S.SUBMITTED, "the refused call refreshed the caller's copy"
    assert stale.version == Report.objects.get(pk=report.pk).version
    assert report.transitions.count() == 1


def test_not_allowed_is_a_permission_denied_so_an_unhandled_one_is_a_403():
    from django.core.exceptions import PermissionDenied

    assert issubclass(workflow.NotAllowed, PermissionDenied)


@pytest.mark.parametrize(
    ("state", "who", "expected"),
    [
        (S.DRAFT, "author", ["submit", "withdraw"]),
        (S.DRAFT, "other_author", []),
        (S.DRAFT, "member", []),
        (S.SUBMITTED, "legal", ["sign_off"]),
        (S.SUBMITTED, "finance", ["sign_off"]),
        (S.SUBMITTED, "author", ["return_to_draft", "withdraw"]),
        (S.CLEARED, "governance", ["approve_for_publication", "return_to_draft", "withdraw"]),
        (S.CLEARED, "legal", []),
        (S.APPROVED, "governance", ["publish", "return_to_draft", "withdraw"]),
        (S.PUBLISHED, "governance", ["publish_correction"]),
        (S.PUBLISHED, "author", []),
        (S.WITHDRAWN, "author", ["return_to_draft"]),
    ],
)
def test_the_staff_page_offers_exactly_the_steps_the_person_may_take(state, who, expected, committee, people):
    report = report_in(state, committee, people)
    assert workflow.available_actions(people[who], report) == expected


def test_a_correction_with_nothing_changed_since_publication_is_refused(committee, people):
    report = report_in(S.APPROVED, committee, people)
    workflow.publish(report, people["governance"])
    with pytest.raises(workflow.InvalidTransition, match="has not changed since it was last published"):
        workflow.publish_correction(report, people["governance"], "Nothing, in fact.")
    assert ReportRevision.objects.filter(report=report, is_published=True).count() == 1


# A sign-off the committee no longer asks for --------------------------------


def finance_asked_then_dropped(committee, people) -> Report:
    """Finance approved, legal asked for changes, and then the committee stopped asking for finance."""
    report = report_in(S.DRAFT, committee, people)
    workflow.submit(report, people["author"])
    workflow.sign_off(report, people["finance"], "finance", approve=True)
    workflow.sign_off(report, people["legal"], "legal", approve=False, comment="Cite section 15a.")
    committee.requires_finance_signoff = False
    committee.save()
    return Report.objects.get(pk=report.pk)


def test_resubmitting_after_the_committee_needs_fewer_signoffs_drops_the_old_one(committee, people):
    report = finance_asked_then_dropped(committee, people)
    workflow.submit(report, people["author"])
    assert sorted(report.signoffs.values_list("role", flat=True)) == ["director", "legal"]
    assert not report_access.can_view_report(people["finance"], report)
    assert not Report.objects.visible_to(people["finance"]).filter(pk=report.pk).exists()
    workflow.sign_off(report, people["legal"], "legal", approve=True)
    workflow.sign_off(report, people["director"], "director", approve=True)
    report.refresh_from_db()
    assert report.status == S.CLEARED


def test_a_signoff_the_committee_no_longer_asks_for_gives_no_access_even_before_resubmission(committee, people):
    report = finance_asked_then_dropped(committee, people)
    finance = people["finance"]
    assert not report_access.can_view_report(finance, report)
    assert not report_access.can_see_report_history(finance, report)
    assert not Report.objects.visible_to(finance).filter(pk=report.pk).exists()
    # The approvers the committee still asks for keep theirs.
    assert report_access.can_view_report(people["legal"], report)
    assert Report.objects.visible_to(people["legal"]).filter(pk=report.pk).exists()


def test_a_pending_signoff_the_committee_no_longer_asks_for_cannot_be_given(committee, people):
    report = report_in(S.DRAFT, committee, people)
    workflow.submit(report, people["author"])
    committee.requires_finance_signoff = False
    committee.save()
    report = Report.objects.get(pk=report.pk)
    assert "sign_off" not in workflow.available_actions(people["finance"], report)
    with pytest.raises(workflow.NotAllowed):
        workflow.sign_off(report, people["finance"], "finance", approve=False, comment="Not my call any more.")
    report.refresh_from_db()
    assert report.status == S.SUBMITTED


def test_moving_a_draft_to_a_committee_that_needs_fewer_signoffs_ends_the_old_approvers_access(committee, people):
    report = finance_asked_then_dropped(committee, people)
    committee.requires_finance_signoff = True
    committee.save()
    planning = make_committee("Planning Committee", requires_finance_signoff=False)
    Report.objects.filter(pk=report.pk).update(committee=planning)
    report = Report.objects.get(pk=report.pk)
    assert not report_access.can_view_report(people["finance"], report)
    workflow.submit(report, people["author"])
    assert not report.signoffs.filter(role="finance").exists()


def test_approvers_are_offered_by_surname_then_first_name_then_user_name_and_only_active_ones(db, people):
    # Created out of order, so the order below comes from the names and not from the table.
    make_user("grace", access.LEGAL_APPROVERS, first_name="Grace", last_name="Obi")
    make_user("zara", access.LEGAL_APPROVERS, first_name="Ada", last_name="Obi")
    make_user("zoe", access.LEGAL_APPROVERS, first_name="Zoe", last_name="Adams")
    make_user("left", access.LEGAL_APPROVERS, first_name="Alan", last_name="Aaron", is_active=False)
    offered = [user.username for user in workflow.approvers_for_role("legal")]
    assert offered == ["zoe", "zara", "grace", "legal"]


def test_a_refused_step_says_what_and_why_in_words(committee, people):
    report = report_in(S.PUBLISHED, committee, people)
    with pytest.raises(workflow.InvalidTransition) as refused:
        workflow.submit(report, people["author"])
    assert str(refused.value) == "“Submit for clearance” is not possible while the report is published."


def test_a_refused_step_reads_welsh_in_welsh(committee, people):
    report = report_in(S.DRAFT, committee, people)
    with translation.override("cy"), pytest.raises(workflow.InvalidTransition) as refused:
        workflow.publish(report, people["governance"])
    assert str(refused.value) == "Nid yw “Cyhoeddi” yn bosibl pan fo statws yr adroddiad yn “drafft”."
    with translation.override("cy"), pytest.raises(workflow.NotAllowed) as refused:
        workflow.submit(report, people["other_author"])
    assert str(refused.value) == "Dim ond awduron yr adroddiad all ei gyflwyno i'w gymeradwyo."
