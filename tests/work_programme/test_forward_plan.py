"""The 28-clear-day rule for key decisions and private items, and the routes round it."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import translation

from committee import deadlines, routes
from committee.models import Consultation, Meeting, WorkProgrammeChange, WorkProgrammeItem
from tests.conftest import make_committee, make_meeting, make_report
from work_programme import forward_plan
from work_programme.programme import ProgrammeError

Route = WorkProgrammeItem.ForwardPlanRoute


def item_for(meeting: Meeting, published: datetime.date | None, **extra) -> WorkProgrammeItem:
    extra.setdefault("key_decision", True)
    extra.setdefault("title", "Award of contract")
    return WorkProgrammeItem.objects.create(
        committee=meeting.committee,
        target_meeting=meeting,
        first_published_on=published,
        **extra,
    )


@pytest.fixture
def cabinet(db):
    return make_committee("Policy and Resources Committee", takes_key_decisions=True)


@pytest.mark.parametrize(
    ("published", "meeting", "clear_days", "given"),
    [
        # 27, 28 and 29 clear days: the day of publication and of the meeting do not count.
        (datetime.date(2027, 3, 3), datetime.date(2027, 3, 31), 27, False),
        (datetime.date(2027, 3, 2), datetime.date(2027, 3, 31), 28, True),
        (datetime.date(2027, 3, 1), datetime.date(2027, 3, 31), 29, True),
        # Across a month end in an ordinary year: February has 28 days.
        (datetime.date(2027, 1, 31), datetime.date(2027, 3, 1), 28, True),
        (datetime.date(2027, 2, 1), datetime.date(2027, 3, 1), 27, False),
        # A leap year: 29 February counts as a clear day.
        (datetime.date(2028, 2, 1), datetime.date(2028, 3, 1), 28, True),
        (datetime.date(2028, 2, 2), datetime.date(2028, 3, 1), 27, False),
        # Across the year end.
        (datetime.date(2026, 12, 15), datetime.date(2027, 1, 13), 28, True),
    ],
)
def test_notice_counts_clear_days_between_publication_and_meeting(cabinet, published, meeting, clear_days, given):
    item = item_for(make_meeting(cabinet, meeting), published)
    notice = forward_plan.notice_for(item)
    assert notice.clear_days == clear_days
    assert notice.given is given
    assert notice.short is (not given)
    assert notice.short_by == (0 if given else 28 - clear_days)


@pytest.mark.parametrize(
    ("meeting", "latest"),
    [
        (datetime.date(2027, 3, 31), datetime.date(2027, 3, 2)),
        (datetime.date(2027, 3, 1), datetime.date(2027, 1, 31)),
        (datetime.date(2028, 3, 1), datetime.date(2028, 2, 1)),
        (datetime.date(2028, 3, 29), datetime.date(2028, 2, 29)),
    ],
)
def test_the_required_by_date_is_the_last_day_that_still_gives_28_clear_days(cabinet, meeting, latest):
    notice = forward_plan.notice_for(item_for(make_meeting(cabinet, meeting), None))
    assert notice.required_by == latest
    assert deadlines.forward_plan_notice_given(latest, meeting)
    assert not deadlines.forward_plan_notice_given(latest + datetime.timedelta(days=1), meeting)


def test_an_item_never_published_has_no_notice(cabinet):
    notice = forward_plan.notice_for(item_for(make_meeting(cabinet, datetime.date(2027, 3, 31)), None))
    assert notice.clear_days is None
    assert notice.short and notice.needs_route
    assert notice.short_by == 28


def test_an_item_without_a_meeting_is_not_short(cabinet):
    item = WorkProgrammeItem.objects.create(committee=cabinet, title="Later", key_decision=True)
    assert not forward_plan.notice_for(item).short


def test_private_items_need_the_same_notice_as_key_decisions(cabinet):
    meeting = make_meeting(cabinet, datetime.date(2027, 3, 31))
    private = item_for(meeting, None, key_decision=False, is_exempt=True, exempt_paragraph=3)
    ordinary = item_for(meeting, None, key_decision=False)
    assert forward_plan.needs_notice(private)
    assert not forward_plan.needs_notice(ordinary)


def test_committees_that_take_no_key_decisions_need_no_notice(db):
    committee = make_committee("Audit Committee")
    item = item_for(make_meeting(committee, datetime.date(2027, 3, 31)), None)
    assert not forward_plan.needs_notice(item)
    with time_machine.travel(datetime.date(2027, 3, 1)):
        assert forward_plan.short_of_notice() == []


@time_machine.travel(datetime.datetime(2027, 3, 10, 9, tzinfo=datetime.UTC))
def test_short_of_notice_lists_only_upcoming_short_items_soonest_first(cabinet):
    late = item_for(make_meeting(cabinet, datetime.date(2027, 3, 31)), datetime.date(2027, 3, 5))
    unpublished = item_for(make_meeting(cabinet, datetime.date(2027, 3, 24)), None)
    item_for(make_meeting(cabinet, datetime.date(2027, 5, 5)), datetime.date(2027, 3, 5))  # plenty of notice
    item_for(make_meeting(cabinet, datetime.date(2027, 3, 1)), None)  # already held
    cancelled = make_meeting(cabinet, datetime.date(2027, 3, 25), status=Meeting.Status.CANCELLED)
    item_for(cancelled, None)
    item_for(make_meeting(cabinet, datetime.date(2027, 3, 26)), None, status=WorkProgrammeItem.Status.WITHDRAWN)
    assert [item for item, _ in forward_plan.short_of_notice()] == [unpublished, late]


@time_machine.travel(datetime.datetime(2027, 3, 10, 9, tzinfo=datetime.UTC))
def test_the_published_plan_holds_published_key_decisions_and_private_items_only(cabinet):
    meeting = make_meeting(cabinet, datetime.date(2027, 4, 20))
    key = item_for(meeting, datetime.date(2027, 3, 1))
    private = item_for(meeting, datetime.date(2027, 3, 1), key_decision=False, is_exempt=True, exempt_paragraph=3)
    item_for(meeting, None)  # not yet published
    item_for(meeting, datetime.date(2027, 3, 1), key_decision=False)  # not a key decision
    assert {item for item, _ in forward_plan.published_plan()} == {key, private}


def test_general_exception_needs_five_clear_days(cabinet):
    meeting = make_meeting(cabinet, datetime.date(2027, 3, 31))
    item = item_for(meeting, None)
    with pytest.raises(ProgrammeError, match="special urgency"):
        forward_plan.record_route(
            item, Route.GENERAL_EXCEPTION, "Grant deadline", noticed_on=datetime.date(2027, 3, 26)
        )
    forward_plan.record_route(item, Route.GENERAL_EXCEPTION, "Grant deadline", noticed_on=datetime.date(2027, 3, 25))
    item.refresh_from_db()
    assert item.forward_plan_route == Route.GENERAL_EXCEPTION
    # The exception notice is the item's first publication.
    assert item.first_published_on == datetime.date(2027, 3, 25)
    assert forward_plan.notice_for(item).short and not forward_plan.notice_for(item).needs_route
    assert WorkProgrammeChange.objects.filter(item=item, kind=WorkProgrammeChange.Kind.ROUTE).count() == 1


def test_special_urgency_needs_the_chairs_agreement_and_a_reason(cabinet):
    item = item_for(make_meeting(cabinet, datetime.date(2027, 3, 31)), None)
    with pytest.raises(ProgrammeError, match="chair"):
        forward_plan.record_route(item, Route.SPECIAL_URGENCY, "Contract lapses", noticed_on=datetime.date(2027, 3, 29))
    with pytest.raises(ProgrammeError, match="reason"):
        forward_plan.record_route(item, Route.SPECIAL_URGENCY, " ", "Cllr Chair", noticed_on=datetime.date(2027, 3, 29))
    forward_plan.record_route(
        item, Route.SPECIAL_URGENCY, "Contract lapses", "Cllr Chair", noticed_on=datetime.date(2027, 3, 29)
    )
    item.refresh_from_db()
    assert item.forward_plan_route_agreed_by == "Cllr Chair"


def test_no_route_is_recorded_for_an_item_with_full_notice(cabinet):
    item = item_for(make_meeting(cabinet, datetime.date(2027, 3, 31)), datetime.date(2027, 3, 2))
    with pytest.raises(ProgrammeError, match="already has 28 clear days"):
        forward_plan.record_route(item, Route.GENERAL_EXCEPTION, "x", noticed_on=datetime.date(2027, 3, 20))


def test_a_route_notice_must_come_before_the_meeting(cabinet):
    item = item_for(make_meeting(cabinet, datetime.date(2027, 3, 31)), None)
    with pytest.raises(ProgrammeError, match="before the day of the meeting"):
        forward_plan.record_route(item, Route.SPECIAL_URGENCY, "x", "Chair", noticed_on=datetime.date(2027, 3, 31))


@time_machine.travel(datetime.datetime(2027, 1, 2, 9, tzinfo=datetime.UTC))
def test_the_published_plan_shows_each_key_decisions_route(client, cabinet, governance_officer):
    pac = make_committee("Policy Advisory Committee")
    meeting = make_meeting(cabinet, datetime.date(2027, 1, 24))
    item = item_for(meeting, datetime.date(2026, 12, 1), title="Leisure strategy")
    report = make_report(cabinet, title="Leisure strategy", work_programme_item=item)
    pac_meeting = make_meeting(pac, datetime.date(2027, 1, 16))
    routes.add_step(report, governance_officer, committee=pac, meeting=pac_meeting, role=Consultation.Role.COMMENT)
    routes.add_step(report, governance_officer, committee=cabinet, meeting=meeting, role=Consultation.Role.DECISION)
    other = item_for(meeting, datetime.date(2026, 12, 1), title="Depot")
    assert forward_plan.route_steps([item, other]) == {item.pk: routes.steps_of(report)}
    page = client.get("/forward-plan/").content.decode()
    assert "Policy Advisory Committee, 16 January 2027 (for comment)" in page
    assert "Policy and Resources Committee, 24 January 2027 (for decision)" in page


@time_machine.travel(datetime.datetime(2027, 1, 2, 9, tzinfo=datetime.UTC))
def test_a_welsh_councils_plan_states_welsh_law_not_englands_28_days(client, cabinet, settings):
    item_for(make_meeting(cabinet, datetime.date(2027, 1, 24)), datetime.date(2026, 12, 1), title="Leisure strategy")
    english = client.get("/forward-plan/").content.decode()
    assert "28 clear days" in english and "general exception" in english
    settings.COUNCIL_NATION = "wales"
    page = client.get("/forward-plan/").content.decode()
    assert "Forward work programme of executive decisions" in page and "Leisure strategy" in page
    assert "do not apply in Wales" in page
    assert "Required by" not in page and "28 clear days&#x27; notice" not in page
    welsh = client.get("/cy/forward-plan/").content.decode()
    assert "Blaenraglen waith penderfyniadau'r weithrediaeth" in welsh.replace("&#x27;", "'")


def test_a_refused_route_reads_welsh_in_welsh(cabinet):
    item = item_for(make_meeting(cabinet, datetime.date(2027, 3, 31)), None)
    with translation.override("cy"), pytest.raises(ProgrammeError) as refused:
        forward_plan.record_route(
            item, Route.GENERAL_EXCEPTION, "Grant deadline", noticed_on=datetime.date(2027, 3, 26)
        )
    assert str(refused.value) == (
        "Mae eithriad cyffredinol yn gofyn am o leiaf 5 diwrnod clir o rybudd cyn y cyfarfod; "
        "defnyddiwch frys arbennig gyda chytundeb y cadeirydd."
    )
