"""A Welsh officer reads the route's, the agenda builder's and the calendar's refusals in Welsh (issue 21)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from committee import agenda, routes, scheduling
from committee.models import AgendaItem, Consultation
from tests.conftest import make_committee, make_meeting, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def pac(db):
    return make_committee("Policy Advisory Committee", name_cy="Pwyllgor Cynghori ar Bolisi")


@pytest.fixture
def cabinet(db):
    return make_committee("Cabinet", kind="executive", name_cy="Cabinet")


def test_a_refused_route_step_on_a_welsh_page_reads_welsh_naming_the_committees_in_welsh(
    client, governance_officer, pac, cabinet
):
    report = make_report(cabinet, title="Leisure strategy")
    cabinet_meeting = make_meeting(cabinet, datetime.date(2027, 1, 24))
    client.force_login(governance_officer)
    with translation.override("cy"):
        url = reverse("reports:report_route", args=[report.pk])
    assert url.startswith("/cy/")
    refused = client.post(url, {"committee": pac.pk, "meeting": cabinet_meeting.pk, "role": "comment"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Pwyllgor y cyfarfod hwnnw yw Cabinet, nid Pwyllgor Cynghori ar Bolisi." in page
    assert "That meeting is of" not in page
    assert not Consultation.objects.exists()


def test_a_route_out_of_order_reads_welsh_with_welsh_dates(governance_officer, pac, cabinet):
    report = make_report(cabinet)
    pac_meeting = make_meeting(pac, datetime.date(2027, 1, 16))
    routes.add_step(
        report,
        governance_officer,
        committee=cabinet,
        meeting=make_meeting(cabinet, datetime.date(2027, 1, 14)),
        role=Consultation.Role.DECISION,
    )
    routes.add_step(report, governance_officer, committee=pac, meeting=pac_meeting, role=Consultation.Role.COMMENT)
    with translation.override("cy"), pytest.raises(routes.RouteError) as refused:
        routes.add_step(report, governance_officer, committee=pac, meeting=pac_meeting, role=Consultation.Role.COMMENT)
    assert str(refused.value) == "Mae'r cyfarfod hwnnw ar y llwybr eisoes."
    earlier = routes.steps_of(report)[0]
    earlier.meeting = make_meeting(cabinet, datetime.date(2027, 2, 24))
    earlier.save()
    with translation.override("cy"), pytest.raises(routes.RouteError) as refused:
        routes.check_order(routes.steps_of(report))
    assert str(refused.value) == (
        "Mae'r llwybr yn mynd ymlaen mewn amser: daw Pwyllgor Cynghori ar Bolisi ar 16 Ionawr 2027 "
        "ar ôl Cabinet ar 24 Chwefror 2027."
    )


def test_an_agenda_refusal_reads_welsh_with_the_reports_welsh_title(governance_officer, cabinet):
    meeting = make_meeting(cabinet, datetime.date(2027, 1, 24))
    report = make_report(cabinet, title="Leisure strategy", title_cy="Strategaeth hamdden")
    agenda.add_report_item(meeting, governance_officer, report)
    with translation.override("cy"), pytest.raises(agenda.AgendaError) as refused:
        agenda.add_report_item(meeting, governance_officer, report)
    assert str(refused.value) == "Mae “Strategaeth hamdden” ar yr agenda hon eisoes."
    with translation.override("cy"), pytest.raises(agenda.AgendaError) as refused:
        agenda.add_item(meeting, governance_officer, title="  ", part=AgendaItem.Part.PUBLIC)
    assert str(refused.value) == "Rhowch deitl i'r eitem."
    # In English, as before.
    with pytest.raises(agenda.AgendaError, match="“Leisure strategy” is already on this agenda."):
        agenda.add_report_item(meeting, governance_officer, report)


def test_a_scheduling_refusal_reads_welsh(governance_officer, pac):
    starts_at = timezone.now() + datetime.timedelta(days=30)
    scheduling.schedule_meeting(pac, governance_officer, starts_at=starts_at)
    with translation.override("cy"), pytest.raises(scheduling.SchedulingError) as refused:
        scheduling.schedule_meeting(pac, governance_officer, starts_at=starts_at)
    assert str(refused.value) == "Mae Pwyllgor Cynghori ar Bolisi eisoes yn cyfarfod ar yr adeg honno."
    with translation.override("cy"), pytest.raises(scheduling.SchedulingError) as refused:
        scheduling.series_dates(datetime.date(2027, 1, 4), 1, 60)
    assert str(refused.value) == "Trefnwch rhwng 1 a 52 o gyfarfodydd ar y tro."
