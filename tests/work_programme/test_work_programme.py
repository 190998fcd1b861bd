"""The programme's rules: status follows the report, deferral history, publishing,
and what the officers' view chases."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import translation

from committee.models import AgendaItem, Meeting, WorkProgrammeChange, WorkProgrammeItem
from reports.models import Report
from tests.conftest import make_meeting, make_report
from work_programme import programme as work_programme
from work_programme.programme import ProgrammeError, effective_status

Status = WorkProgrammeItem.Status
NOW = datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC)


def fresh(item: WorkProgrammeItem) -> WorkProgrammeItem:
    return WorkProgrammeItem.objects.with_status_data().get(pk=item.pk)


@pytest.fixture
def item(committee):
    meeting = make_meeting(committee, datetime.date(2027, 3, 15))
    return WorkProgrammeItem.objects.create(committee=committee, title="School places strategy", target_meeting=meeting)


# Status follows the report ---------------------------------------------------


@time_machine.travel(NOW)
def test_status_follows_the_report_from_drafting_to_agenda_to_considered(item, committee):
    assert effective_status(fresh(item)) == Status.PLANNED
    report = make_report(committee, title=item.title, work_programme_item=item, meeting=item.target_meeting)
    assert effective_status(fresh(item)) == Status.DRAFTING
    AgendaItem.objects.create(meeting=item.target_meeting, title=report.title, kind="report", report=report)
    assert effective_status(fresh(item)) == Status.ON_AGENDA
    Meeting.objects.filter(pk=item.target_meeting_id).update(status=Meeting.Status.HELD)
    assert effective_status(fresh(item)) == Status.CONSIDERED
    # Nobody touched the item's stored status.
    item.refresh_from_db()
    assert item.status == Status.PLANNED


def test_a_meeting_whose_time_has_passed_counts_as_held(item, committee):
    report = make_report(committee, work_programme_item=item)
    AgendaItem.objects.create(meeting=item.target_meeting, title="x", kind="report", report=report)
    with time_machine.travel(datetime.datetime(2027, 3, 15, 18, tzinfo=datetime.UTC)):
        assert effective_status(fresh(item)) == Status.ON_AGENDA
    with time_machine.travel(datetime.datetime(2027, 3, 15, 20, tzinfo=datetime.UTC)):
        assert effective_status(fresh(item)) == Status.CONSIDERED


@time_machine.travel(NOW)
def test_a_cancelled_meeting_leaves_the_report_in_drafting(item, committee):
    report = make_report(committee, work_programme_item=item)
    cancelled = make_meeting(committee, datetime.date(2027, 2, 1), status=Meeting.Status.CANCELLED)
    AgendaItem.objects.create(meeting=cancelled, title="x", kind="report", report=report)
    assert effective_status(fresh(item)) == Status.DRAFTING


@time_machine.travel(NOW)
def test_a_withdrawn_report_hands_the_status_back_to_the_plan(item, committee):
    make_report(committee, work_programme_item=item, status=Report.Status.WITHDRAWN)
    WorkProgrammeItem.objects.filter(pk=item.pk).update(status=Status.CONFIRMED)
    assert effective_status(fresh(item)) == Status.CONFIRMED


@time_machine.travel(NOW)
def test_withdrawing_the_item_wins_over_its_report(item, committee):
    make_report(committee, work_programme_item=item)
    work_programme.withdraw_item(item)
    assert effective_status(fresh(item)) == Status.WITHDRAWN
    with pytest.raises(ProgrammeError):
        work_programme.withdraw_item(fresh(item))


def test_a_stale_stored_report_status_without_a_report_reads_as_planned(item):
    WorkProgrammeItem.objects.filter(pk=item.pk).update(status=Status.ON_AGENDA)
    assert effective_status(fresh(item)) == Status.PLANNED


def test_effective_status_reads_only_prefetched_data(item, committee, django_assert_num_queries):
    report = make_report(committee, work_programme_item=item)
    AgendaItem.objects.create(meeting=item.target_meeting, title="x", kind="report", report=report)
    loaded = fresh(item)
    with django_assert_num_queries(0):
        effective_status(loaded)


# Deferral history ------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_moving_to_a_later_meeting_defers_the_item_and_keeps_the_history(item, committee, governance_officer):
    april = make_meeting(committee, datetime.date(2027, 4, 26))
    may = make_meeting(committee, datetime.date(2027, 5, 24))
    work_programme.move_item(item, april, "Waiting for the census data", by=governance_officer)
    work_programme.move_item(fresh(item), may, "Consultation extended", by=governance_officer)
    item.refresh_from_db()
    assert item.target_meeting == may
    assert item.status == Status.DEFERRED
    history = work_programme.deferral_history(item)
    assert [(d.from_date, d.to_date, d.reason) for d in history] == [
        (datetime.date(2027, 3, 15), datetime.date(2027, 4, 26), "Waiting for the census data"),
        (datetime.date(2027, 4, 26), datetime.date(2027, 5, 24), "Consultation extended"),
    ]
    assert all(d.by == governance_officer and d.at == NOW for d in history)
    assert WorkProgrammeChange.objects.filter(item=item, kind=WorkProgrammeChange.Kind.MOVED).count() == 2


@time_machine.travel(NOW)
def test_moving_earlier_keeps_the_status_and_moving_off_the_calendar_defers(item, committee):
    WorkProgrammeItem.objects.filter(pk=item.pk).update(status=Status.CONFIRMED)
    earlier = make_meeting(committee, datetime.date(2027, 3, 8))
    work_programme.move_item(fresh(item), earlier, "Brought forward at the chair's request")
    assert fresh(item).status == Status.CONFIRMED
    work_programme.move_item(fresh(item), None, "Awaiting government guidance")
    moved = fresh(item)
    assert moved.target_meeting is None and moved.status == Status.DEFERRED
    assert work_programme.deferral_history(moved)[-1].to_date is None


@time_machine.travel(NOW)
def test_the_draft_report_follows_the_item_to_its_new_meeting(item, committee):
    report = make_report(committee, work_programme_item=item, meeting=item.target_meeting)
    april = make_meeting(committee, datetime.date(2027, 4, 26))
    work_programme.move_item(item, april, "Not ready")
    report.refresh_from_db()
    assert report.meeting == april


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("no_reason", "reason"),
        ("same", "already planned"),
        ("other_committee", "same committee"),
        ("past", "already taken place"),
        ("cancelled", "cancelled"),
        ("on_agenda", "on an agenda"),
        ("withdrawn", "withdrawn"),
    ],
)
def test_a_move_the_rules_forbid_changes_nothing(item, committee, other_committee, setup, message):
    target = make_meeting(committee, datetime.date(2027, 4, 26))
    reason = "A reason"
    if setup == "no_reason":
        reason = "  "
    elif setup == "same":
        target = item.target_meeting
    elif setup == "other_committee":
        target = make_meeting(other_committee, datetime.date(2027, 4, 26))
    elif setup == "past":
        target = make_meeting(committee, datetime.date(2027, 2, 1))
    elif setup == "cancelled":
        Meeting.objects.filter(pk=target.pk).update(status=Meeting.Status.CANCELLED)
        target.refresh_from_db()
    elif setup == "on_agenda":
        report = make_report(committee, work_programme_item=item)
        AgendaItem.objects.create(meeting=item.target_meeting, title="x", kind="report", report=report)
    elif setup == "withdrawn":
        WorkProgrammeItem.objects.filter(pk=item.pk).update(status=Status.WITHDRAWN)
    with pytest.raises(ProgrammeError, match=message):
        work_programme.move_item(fresh(item), target, reason)
    assert fresh(item).target_meeting_id == item.target_meeting_id
    assert not item.deferrals.exists()


# Publishing ------------------------------------------------------------------


def test_publishing_stamps_the_first_published_date_once(committee, item):
    withdrawn = WorkProgrammeItem.objects.create(committee=committee, title="Gone", status=Status.WITHDRAWN)
    assert work_programme.publish_programme(committee, on=datetime.date(2027, 2, 1)) == 1
    assert work_programme.publish_programme(committee, on=datetime.date(2027, 2, 9)) == 0
    item.refresh_from_db()
    withdrawn.refresh_from_db()
    assert item.first_published_on == datetime.date(2027, 2, 1)
    assert withdrawn.first_published_on is None


@time_machine.travel(NOW)
def test_the_public_programme_groups_by_meeting_and_drops_what_is_done(committee, item):
    later = make_meeting(committee, datetime.date(2027, 4, 26))
    past = make_meeting(committee, datetime.date(2027, 2, 1))
    published = datetime.date(2027, 2, 1)
    WorkProgrammeItem.objects.filter(pk=item.pk).update(first_published_on=published)
    a = WorkProgrammeItem.objects.create(
        committee=committee, title="A", target_meeting=later, first_published_on=published
    )
    b = WorkProgrammeItem.objects.create(committee=committee, title="B", first_published_on=published)
    WorkProgrammeItem.objects.create(
        committee=committee, title="Old", target_meeting=past, first_published_on=published
    )
    WorkProgrammeItem.objects.create(committee=committee, title="Unpublished", target_meeting=later)
    considered = WorkProgrammeItem.objects.create(
        committee=committee, title="Done early", target_meeting=later, first_published_on=published
    )
    report = make_report(committee, work_programme_item=considered)
    AgendaItem.objects.create(meeting=past, title="x", kind="report", report=report)
    groups = work_programme.public_programme(committee)
    assert [(g.label, [e.item for e in g.entries]) for g in groups] == [
        ("15 March 2027", [item]),
        ("26 April 2027", [a]),
        ("To be scheduled", [b]),
    ]


# The officers' view ----------------------------------------------------------


@time_machine.travel(datetime.datetime(2027, 2, 26, 9, tzinfo=datetime.UTC))
def test_officers_see_items_without_a_draft_and_drafts_past_their_deadline(committee, item):
    # 15 March 2027: agenda out by 5 March (5 clear working days), reports due 7 days earlier: today.
    assert item.target_meeting.report_deadline() == datetime.date(2027, 2, 26)
    soon = make_meeting(committee, datetime.date(2027, 3, 8))
    far = make_meeting(committee, datetime.date(2027, 9, 1))
    late = WorkProgrammeItem.objects.create(committee=committee, title="Late", target_meeting=soon)
    WorkProgrammeItem.objects.create(committee=committee, title="Far off", target_meeting=far)
    drafted = WorkProgrammeItem.objects.create(committee=committee, title="Drafted", target_meeting=soon)
    make_report(committee, work_programme_item=drafted)
    approved = WorkProgrammeItem.objects.create(committee=committee, title="Approved", target_meeting=soon)
    make_report(committee, work_programme_item=approved, status=Report.Status.APPROVED)

    due = work_programme.due_without_draft()
    assert [(d.item, d.overdue) for d in due] == [(late, True), (item, False)]
    assert [d.item for d in work_programme.overdue_drafts()] == [drafted]


def test_a_refused_move_reads_welsh_in_welsh(committee, item):
    with translation.override("cy"), pytest.raises(ProgrammeError) as refused:
        work_programme.move_item(fresh(item), make_meeting(committee, datetime.date(2027, 4, 26)), " ")
    assert str(refused.value) == "Rhowch y rheswm dros symud yr eitem."
