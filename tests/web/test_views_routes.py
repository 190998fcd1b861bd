"""The page that sets a report's route, and the agenda builder and agendas following it."""

import datetime

import pytest
from django.urls import reverse

from committee import agenda, minutes, routes
from committee.models import Consultation, ItemDecision
from publishing import publication
from reports.models import Report
from tests.conftest import make_committee, make_meeting, make_report

pytestmark = pytest.mark.django_db


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
def report(cabinet, author):
    return make_report(cabinet, title="Leisure strategy", author=author)


@pytest.fixture
def officer_client(client, governance_officer):
    client.force_login(governance_officer)
    return client


def route_url(report):
    return reverse("reports:report_route", args=[report.pk])


def step_url(report, step, action):
    return reverse("reports:report_route_step", args=[report.pk, step.pk, action])


def test_an_officer_sets_a_route_step_by_step(officer_client, report, pac, cabinet, pac_meeting):
    page = officer_client.get(route_url(report))
    assert page.status_code == 200 and "No route yet: the report goes to Cabinet alone." in page.content.decode()
    added = officer_client.post(route_url(report), {"committee": pac.pk, "meeting": pac_meeting.pk, "role": "comment"})
    assert added.status_code == 302
    officer_client.post(route_url(report), {"committee": cabinet.pk, "meeting": "", "role": "decision"})
    page = officer_client.get(route_url(report)).content.decode()
    assert "Policy Advisory Committee, 16 January 2027 (for comment)" in page
    assert "Cabinet, date to be decided (for decision)" in page
    manage = officer_client.get(reverse("reports:report_manage", args=[report.pk])).content.decode()
    assert "Policy Advisory Committee, 16 January 2027 (for comment)" in manage and "Set the route" in manage


def test_a_refused_step_comes_back_with_the_reason_and_what_was_chosen(officer_client, report, pac, cabinet_meeting):
    refused = officer_client.post(
        route_url(report), {"committee": pac.pk, "meeting": cabinet_meeting.pk, "role": "comment"}
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "That meeting is of Cabinet, not Policy Advisory Committee." in page
    assert f'<option value="{pac.pk}" selected>' in page
    missing = officer_client.post(route_url(report), {"committee": pac.pk})
    assert missing.status_code == 400 and "Choose what the meeting is asked to do." in missing.content.decode()
    assert not Consultation.objects.exists()


def test_steps_move_change_and_go(
    officer_client, report, pac, cabinet, pac_meeting, cabinet_meeting, governance_officer
):
    first = routes.add_step(report, governance_officer, committee=pac, role=Consultation.Role.COMMENT)
    second = routes.add_step(report, governance_officer, committee=cabinet, role=Consultation.Role.DECISION)
    officer_client.post(step_url(report, first, "down"))
    assert [s.pk for s in routes.steps_of(report)] == [second.pk, first.pk]
    officer_client.post(step_url(report, first, "up"))
    saved = officer_client.post(
        step_url(report, second, "save"),
        {f"step-{second.pk}-meeting": cabinet_meeting.pk, f"step-{second.pk}-role": "decision"},
    )
    assert saved.status_code == 302 and routes.steps_of(report)[1].meeting == cabinet_meeting
    # A date out of order is refused with its reason.
    late_pac = make_meeting(pac, datetime.date(2027, 2, 1))
    refused = officer_client.post(
        step_url(report, first, "save"), {f"step-{first.pk}-meeting": late_pac.pk, f"step-{first.pk}-role": "comment"}
    )
    assert refused.status_code == 302
    assert "forward in time" in officer_client.get(route_url(report)).content.decode()
    officer_client.post(step_url(report, first, "remove"))
    assert [s.pk for s in routes.steps_of(report)] == [second.pk]
    assert officer_client.post(step_url(report, second, "sideways")).status_code == 404
    assert officer_client.get(step_url(report, second, "up")).status_code == 405


def test_a_step_of_another_report_is_not_found(officer_client, report, cabinet, governance_officer):
    other = make_report(cabinet, title="Other")
    step = routes.add_step(other, governance_officer, committee=cabinet, role=Consultation.Role.DECISION)
    assert officer_client.post(step_url(report, step, "remove")).status_code == 404
    assert Consultation.objects.filter(pk=step.pk).exists()


@pytest.mark.parametrize("persona, expected", [("author", 403), ("other_author", 404), ("committee_member", 404)])
def test_only_governance_officers_set_routes(client, request, report, persona, expected):
    assert client.get(route_url(report)).status_code == 302  # anonymous: to the login page
    client.force_login(request.getfixturevalue(persona))
    assert client.get(route_url(report)).status_code == expected


def test_the_agenda_builder_offers_and_shows_a_routed_report_to_each_meeting(
    officer_client, report, pac, cabinet, pac_meeting, cabinet_meeting, governance_officer
):
    routes.add_step(report, governance_officer, committee=pac, meeting=pac_meeting, role=Consultation.Role.COMMENT)
    routes.add_step(report, governance_officer, committee=cabinet, role=Consultation.Role.DECISION)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.APPROVED)
    builder = officer_client.get(reverse("committee:agenda_build", args=[pac_meeting.pk])).content.decode()
    assert f'<option value="{report.pk}">Leisure strategy</option>' in builder
    officer_client.post(reverse("committee:agenda_report_add", args=[pac_meeting.pk]), {"report": report.pk})
    officer_client.post(reverse("committee:agenda_report_add", args=[cabinet_meeting.pk]), {"report": report.pk})
    assert routes.steps_of(report)[1].meeting == cabinet_meeting
    pac_item = pac_meeting.agenda_items.get()
    publication.publish_agenda(pac_meeting, governance_officer)
    minutes.set_decision(
        pac_item, governance_officer, outcome=ItemDecision.Outcome.NOTED, text="<p>Members preferred option B.</p>"
    )
    builder = officer_client.get(reverse("committee:agenda_build", args=[cabinet_meeting.pk])).content.decode()
    assert "Considered earlier on its route" in builder and "Members preferred option B." in builder

    # The public read it on Cabinet's agenda once the minutes and Cabinet's agenda are published.
    publication.publish_minutes(pac_meeting, governance_officer)
    publication.publish_agenda(cabinet_meeting, governance_officer)
    officer_client.logout()
    public = officer_client.get(reverse("committee:meeting_detail", args=[cabinet_meeting.pk])).content.decode()
    assert "Policy Advisory Committee, 16 January 2027 (for comment): Noted." in public
    assert "Members preferred option B." in public


def test_the_public_report_page_shows_the_route_and_each_published_outcome(
    client, report, pac, cabinet, pac_meeting, cabinet_meeting, governance_officer
):
    routes.add_step(report, governance_officer, committee=pac, meeting=pac_meeting, role=Consultation.Role.COMMENT)
    routes.add_step(report, governance_officer, committee=cabinet, role=Consultation.Role.DECISION)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.APPROVED)
    pac_item = agenda.add_report_item(pac_meeting, governance_officer, report)
    publication.publish_agenda(pac_meeting, governance_officer)
    minutes.set_decision(pac_item, governance_officer, outcome=ItemDecision.Outcome.AGREED, text="<p>Supported.</p>")
    url = reverse("reports:report_detail", args=[report.pk])
    page = client.get(url).content.decode()
    assert "The report’s route through meetings" in page
    assert "Policy Advisory Committee, 16 January 2027 (for comment)" in page
    assert "Cabinet, date to be decided (for decision)" in page
    assert "Supported." not in page  # the minutes are still being written
    publication.publish_minutes(pac_meeting, governance_officer)
    page = client.get(url).content.decode()
    assert "<strong>Agreed.</strong>" in page and "Supported." in page
    assert reverse("committee:meeting_decisions", args=[pac_meeting.pk]) + f"#decision-{pac_item.pk}" in page


def test_a_part_2_outcome_is_not_on_the_public_route(report, pac, pac_meeting, governance_officer):
    routes.add_step(report, governance_officer, committee=pac, meeting=pac_meeting, role=Consultation.Role.COMMENT)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.APPROVED)
    item = agenda.add_report_item(pac_meeting, governance_officer, report)
    AgendaItemModel = type(item)
    AgendaItemModel.objects.filter(pk=item.pk).update(part=2, exempt_paragraph=3)
    publication.publish_agenda(pac_meeting, governance_officer)
    minutes.set_decision(item, governance_officer, outcome=ItemDecision.Outcome.AGREED, text="<p>Secret terms.</p>")
    publication.publish_minutes(pac_meeting, governance_officer)
    public = routes.outcomes([report.pk], public=True)[report.pk]
    assert public[0].decision is None
    assert routes.outcomes([report.pk], public=False)[report.pk][0].decision.text == "<p>Secret terms.</p>"
