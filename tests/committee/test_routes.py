"""A report's route through meetings (committee/routes.py) and the agenda builder following it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from committee import agenda, minutes, routes
from committee.agenda import AgendaError
from committee.models import Consultation, ItemDecision, Meeting
from committee.routes import RouteError
from tests.conftest import make_committee, make_meeting, make_report

pytestmark = pytest.mark.django_db

COMMENT, RECOMMEND, DECIDE = (Consultation.Role.COMMENT, Consultation.Role.RECOMMENDATION, Consultation.Role.DECISION)


@pytest.fixture
def pac(db):
    return make_committee("Policy Advisory Committee")


@pytest.fixture
def cabinet(db):
    return make_committee("Cabinet", kind="executive")


@pytest.fixture
def pac_meeting(pac):
    return make_meeting(pac, datetime.date(2027, 1, 16))


@pytest.fixture
def cabinet_meeting(cabinet):
    return make_meeting(cabinet, datetime.date(2027, 1, 24))


@pytest.fixture
def report(cabinet):
    return make_report(cabinet, title="Leisure strategy")


@pytest.fixture
def routed(report, pac, cabinet, pac_meeting, cabinet_meeting, governance_officer):
    routes.add_step(report, governance_officer, committee=pac, meeting=pac_meeting, role=COMMENT)
    routes.add_step(report, governance_officer, committee=cabinet, meeting=cabinet_meeting, role=DECIDE)
    return report


def described(report):
    return [routes.describe_step(step) for step in routes.steps_of(report)]


def test_a_route_lists_its_steps_in_order_with_their_roles(routed):
    assert described(routed) == [
        "Policy Advisory Committee, 16 January 2027 (for comment)",
        "Cabinet, 24 January 2027 (for decision)",
    ]
    assert [step.decides for step in routes.steps_of(routed)] == [False, True]


def test_the_timetable_row_joins_the_steps_and_says_when_a_date_is_not_yet_fixed(
    routed, governance_officer, other_committee
):
    routes.add_step(routed, governance_officer, committee=other_committee, role=RECOMMEND)
    assert routes.timetable(routes.steps_of(routed)) == (
        "Policy Advisory Committee, 16 January 2027 (for comment); Cabinet, 24 January 2027 (for decision); "
        "Adults and Safeguarding Committee, date to be decided (for recommendation)"
    )


def test_only_governance_officers_change_a_route(report, pac, author, committee_member):
    for user in (author, committee_member):
        with pytest.raises(PermissionDenied):
            routes.add_step(report, user, committee=pac, role=COMMENT)
    assert not Consultation.objects.exists()


def test_a_step_needs_a_role_a_meeting_of_its_committee_and_an_open_meeting(
    report, pac, cabinet_meeting, pac_meeting, governance_officer
):
    with pytest.raises(RouteError, match="comment, recommend or decide"):
        routes.add_step(report, governance_officer, committee=pac, role="ratify")
    with pytest.raises(RouteError, match="of Cabinet, not Policy Advisory Committee"):
        routes.add_step(report, governance_officer, committee=pac, meeting=cabinet_meeting, role=COMMENT)
    pac_meeting.status = Meeting.Status.CANCELLED
    pac_meeting.save()
    with pytest.raises(RouteError, match="cancelled"):
        routes.add_step(report, governance_officer, committee=pac, meeting=pac_meeting, role=COMMENT)
    assert not Consultation.objects.exists()


def test_a_meeting_is_on_a_route_once(routed, pac, pac_meeting, governance_officer):
    with pytest.raises(RouteError, match="already on the route"):
        routes.add_step(routed, governance_officer, committee=pac, meeting=pac_meeting, role=RECOMMEND)


def test_a_route_goes_forward_in_time(report, pac, cabinet, pac_meeting, cabinet_meeting, governance_officer):
    routes.add_step(report, governance_officer, committee=cabinet, meeting=cabinet_meeting, role=DECIDE)
    with pytest.raises(RouteError, match="forward in time: Policy Advisory Committee on 16 January 2027"):
        routes.add_step(report, governance_officer, committee=pac, meeting=pac_meeting, role=COMMENT)
    # A step to be decided may stand anywhere, and moving it up keeps the dates in order.
    step = routes.add_step(report, governance_officer, committee=pac, role=COMMENT)
    routes.move_step(step, governance_officer, "up")
    assert [s.committee for s in routes.steps_of(report)] == [pac, cabinet]
    with pytest.raises(RouteError, match="forward in time"):
        routes.change_step(
            step,
            governance_officer,
            role=COMMENT,
            meeting=pac_meeting.__class__.objects.create(
                committee=pac, starts_at=cabinet_meeting.starts_at + datetime.timedelta(days=1)
            ),
        )


def test_moving_a_step_past_either_end_does_nothing(routed, governance_officer):
    first, last = routes.steps_of(routed)
    routes.move_step(first, governance_officer, "up")
    routes.move_step(last, governance_officer, "down")
    assert routes.steps_of(routed) == [first, last]
    with pytest.raises(RouteError, match="up or down"):
        routes.move_step(first, governance_officer, "sideways")


def test_removing_a_step_renumbers_the_rest(routed, governance_officer, other_committee):
    routes.add_step(routed, governance_officer, committee=other_committee, role=RECOMMEND)
    first, middle, last = routes.steps_of(routed)
    routes.remove_step(middle, governance_officer)
    assert [(s.pk, s.position) for s in routes.steps_of(routed)] == [(first.pk, 0), (last.pk, 1)]


def test_a_step_whose_meeting_has_the_report_on_its_agenda_stays(routed, pac_meeting, governance_officer):
    agenda.add_report_item(pac_meeting, governance_officer, routed)
    step = routes.steps_of(routed)[0]
    with pytest.raises(RouteError, match="on the agenda of Policy Advisory Committee on 16 January 2027"):
        routes.remove_step(step, governance_officer)
    with pytest.raises(RouteError, match="take it off that agenda"):
        routes.change_step(step, governance_officer, role=COMMENT, meeting=None)
    # Its role may still change.
    routes.change_step(step, governance_officer, role=RECOMMEND, meeting=pac_meeting)
    assert routes.steps_of(routed)[0].role == RECOMMEND


# The agenda builder -----------------------------------------------------------------------------


def test_a_routed_report_goes_on_the_agenda_of_every_meeting_on_its_route(
    routed, pac_meeting, cabinet_meeting, governance_officer
):
    first = agenda.add_report_item(pac_meeting, governance_officer, routed)
    second = agenda.add_report_item(cabinet_meeting, governance_officer, routed)
    assert first.report == second.report == routed
    assert first.title == second.title == "Leisure strategy"
    routed.refresh_from_db()
    # The header names its own committee's meeting, not the adviser's.
    assert routed.meeting == cabinet_meeting


def test_the_agenda_builder_offers_reports_by_their_route(
    routed, report, pac, cabinet, pac_meeting, cabinet_meeting, committee, meeting
):
    from reports.models import Report

    unrouted_cabinet = make_report(cabinet, title="Cabinet only")
    make_report(committee, title="Elsewhere")

    def offered(m):
        return sorted(Report.objects.filter(routes.offered_to(m)).distinct().values_list("title", flat=True))

    assert offered(pac_meeting) == ["Leisure strategy"]
    assert offered(cabinet_meeting) == ["Cabinet only", "Leisure strategy"]
    assert offered(meeting) == ["Elsewhere"]
    assert unrouted_cabinet.pk


def test_a_committee_off_the_route_cannot_take_the_report(routed, meeting, governance_officer):
    with pytest.raises(AgendaError, match="not on that report's route"):
        agenda.add_report_item(meeting, governance_officer, routed)


def test_a_step_to_be_decided_takes_the_meeting_that_considers_the_report(report, pac, governance_officer):
    routes.add_step(report, governance_officer, committee=pac, role=COMMENT)
    later = make_meeting(pac, datetime.date(2027, 2, 20))
    agenda.add_report_item(later, governance_officer, report)
    assert routes.steps_of(report)[0].meeting == later


def test_a_deferred_report_moves_its_step_to_the_next_meeting(routed, pac, pac_meeting, governance_officer):
    item = agenda.add_report_item(pac_meeting, governance_officer, routed)
    next_pac = make_meeting(pac, datetime.date(2027, 1, 20))
    with pytest.raises(AgendaError, match="already considered that report"):
        agenda.add_report_item(next_pac, governance_officer, routed)
    minutes.set_decision(item, governance_officer, outcome=ItemDecision.Outcome.DEFERRED)
    agenda.add_report_item(next_pac, governance_officer, routed)
    assert routes.steps_of(routed)[0].meeting == next_pac


def test_a_step_cannot_move_past_a_later_meeting_of_the_route(routed, pac, governance_officer):
    after_cabinet = make_meeting(pac, datetime.date(2027, 3, 1))
    with pytest.raises(AgendaError, match="forward in time"):
        agenda.add_report_item(after_cabinet, governance_officer, routed)
    assert not after_cabinet.agenda_items.exists()


def test_a_report_without_a_route_stays_with_its_own_committee(meeting, other_committee, governance_officer):
    with pytest.raises(AgendaError, match="another committee"):
        agenda.add_report_item(meeting, governance_officer, make_report(other_committee))


# What each meeting did --------------------------------------------------------------------------


def minute(item, user, outcome=ItemDecision.Outcome.AGREED, text=""):
    minutes.set_decision(item, user, outcome=outcome, text=text)


def test_later_meetings_read_what_earlier_ones_minuted_once_the_minutes_are_published(
    routed, pac_meeting, cabinet_meeting, governance_officer
):
    from publishing import publication

    routed.status = routed.Status.APPROVED
    routed.save()
    pac_item = agenda.add_report_item(pac_meeting, governance_officer, routed)
    agenda.add_report_item(cabinet_meeting, governance_officer, routed)
    publication.publish_agenda(pac_meeting, governance_officer)
    minute(pac_item, governance_officer, ItemDecision.Outcome.NOTED, "<p>The committee supported option B.</p>")

    # Officers read the minute being written; the public only once the minutes are published.
    officers = routes.earlier_outcomes(cabinet_meeting, [routed.pk], public=False)[routed.pk]
    assert [o.decision.text for o in officers] == ["<p>The committee supported option B.</p>"]
    assert routes.earlier_outcomes(cabinet_meeting, [routed.pk], public=True).get(routed.pk) == []
    minutes.publish_minutes(pac_meeting, governance_officer)
    public = routes.earlier_outcomes(cabinet_meeting, [routed.pk], public=True)[routed.pk]
    assert [(o.step.committee.name, o.decision.outcome) for o in public] == [("Policy Advisory Committee", "noted")]
    # The first meeting has nothing before it.
    assert routed.pk not in routes.earlier_outcomes(pac_meeting, [routed.pk], public=False)


def test_outcomes_show_each_step_considered_or_not(routed, pac_meeting, governance_officer):
    agenda.add_report_item(pac_meeting, governance_officer, routed)
    route = routes.outcomes([routed.pk], public=False)[routed.pk]
    assert [(o.considered, o.decision) for o in route] == [(True, None), (False, None)]


def test_outcomes_load_in_a_fixed_number_of_queries(
    routed, pac, cabinet, governance_officer, django_assert_max_num_queries
):
    others = [make_report(cabinet, title=f"Report {n}") for n in range(4)]
    for other in others:
        routes.add_step(other, governance_officer, committee=pac, role=COMMENT)
        routes.add_step(other, governance_officer, committee=cabinet, role=DECIDE)
    with django_assert_max_num_queries(7):
        result = routes.outcomes([routed.pk, *(o.pk for o in others)], public=True)
        [o.step.committee.name for route in result.values() for o in route]
    assert len(result) == 5


# Part 2 papers ----------------------------------------------------------------------------------


def test_members_of_every_committee_on_the_route_read_its_exempt_report(
    routed, cabinet, pac, other_committee, governance_officer
):
    from committee import access
    from reports import access as report_access
    from reports.models import Report
    from tests.conftest import make_user

    exempt = make_report(pac, title="Depot sale", is_exempt=True, exempt_paragraph=3, status=Report.Status.PUBLISHED)
    routes.add_step(exempt, governance_officer, committee=pac, role=COMMENT)
    routes.add_step(exempt, governance_officer, committee=cabinet, role=DECIDE)
    cabinet_member = make_user("cabinetmember", access.COMMITTEE_MEMBERS, committee=cabinet)
    outsider = make_user("outsider", access.COMMITTEE_MEMBERS, committee=other_committee)
    assert report_access.can_view_report(cabinet_member, exempt)
    assert report_access.can_read_exempt_parts(cabinet_member, exempt)
    assert exempt in Report.objects.visible_to(cabinet_member)
    assert not report_access.can_view_report(outsider, exempt)
    assert not report_access.can_read_exempt_parts(outsider, exempt)
    assert exempt not in Report.objects.visible_to(outsider)
