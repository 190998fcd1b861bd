"""A recommendation to full Council: a report a meeting referred to Council goes on Council's next
meeting once the minutes are published, with its report, in the part it was taken in, and only once."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from committee import agenda, decisions, minutes
from committee.models import AgendaItem, Meeting
from publishing import publication
from tests.conftest import LONDON, make_committee, make_meeting, make_report

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_report_cabinet_recommends_to_council_goes_on_councils_next_meeting_when_the_minutes_are_published(
    governance_officer,
):
    cabinet = make_committee("Cabinet", kind="executive")
    council = make_committee("Council", kind="full_council")
    make_meeting(council, D(2026, 3, 1))  # before Cabinet's meeting
    make_meeting(council, D(2026, 3, 20), status=Meeting.Status.CANCELLED)
    next_council = make_meeting(council, D(2026, 3, 25))
    meeting = make_meeting(cabinet, D(2026, 3, 10))
    budget = make_report(cabinet, title="Budget 2026/27", status="approved")
    depot = make_report(cabinet, title="Depot sale", status="approved")
    fees = make_report(cabinet, title="Leisure fees", status="approved")
    budget_item = agenda.add_item(meeting, governance_officer, title="Budget 2026/27", report=budget)
    depot_item = agenda.add_item(
        meeting, governance_officer, title="Depot sale", report=depot, part=2, exempt_paragraph=3
    )
    fees_item = agenda.add_item(meeting, governance_officer, title="Leisure fees", report=fees)
    publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2026, 3, 1, 9, tzinfo=LONDON))
    minutes.set_decision(
        budget_item, governance_officer, outcome="referred", referred_to=council, text="<p>Recommend.</p>"
    )
    minutes.set_decision(depot_item, governance_officer, outcome="referred", referred_to=council, text="<p>Sell.</p>")
    minutes.set_decision(fees_item, governance_officer, outcome="agreed", text="<p>Agreed.</p>")
    assert not next_council.agenda_items.exists()  # nothing until the minutes are published

    publication.publish_minutes(meeting, governance_officer)
    items = {i.report: i for i in next_council.agenda_items.all()}
    assert set(items) == {budget, depot}
    assert items[budget].kind == AgendaItem.Kind.REPORT and items[budget].part == AgendaItem.Part.PUBLIC
    assert items[budget].description == "Recommended to Council by Cabinet on 10 March 2026."
    assert (items[depot].part, items[depot].exempt_paragraph) == (AgendaItem.Part.EXEMPT, 3)
    assert decisions.refer_recommendations_to_council(meeting) == []  # already on Council's agenda
    assert next_council.agenda_items.count() == 2


def test_cabinet_recommending_only_some_recommendations_refers_those_and_councils_agenda_shows_them(
    governance_officer, client
):
    from committee.minutes import RecommendationOutcome
    from reports.models import Recommendation

    cabinet = make_committee("Cabinet", kind="executive")
    council = make_committee("Council", kind="full_council")
    next_council = make_meeting(council, D(2026, 3, 25))
    meeting = make_meeting(cabinet, D(2026, 3, 10))
    budget = make_report(cabinet, title="Budget 2026/27", status="approved")
    for position, text in enumerate(
        ["That Cabinet notes the forecast.", "That Council sets the council tax.", "That Council agrees the fees."]
    ):
        Recommendation.objects.create(report=budget, position=position, text=f"<p>{text}</p>")
    Recommendation.objects.filter(report=budget, position=2).update(exempt_paragraph=3)
    item = agenda.add_item(meeting, governance_officer, title="Budget 2026/27", report=budget)
    publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2026, 3, 1, 9, tzinfo=LONDON))
    assert budget.revisions.filter(is_published=True).exists()
    minutes.set_decision(
        item,
        governance_officer,
        outcome="agreed",
        text="<p>Agreed as set out.</p>",
        recommendations=[
            RecommendationOutcome(number=1, outcome="noted"),
            RecommendationOutcome(number=2, outcome="referred", referred_to=council),
            RecommendationOutcome(number=3, outcome="referred", referred_to=council),
        ],
    )
    publication.publish_minutes(meeting, governance_officer)
    referred = next_council.agenda_items.get()
    assert referred.report == budget and referred.referred_recommendations == [2, 3]
    assert referred.description.startswith(
        "Recommended to Council by Cabinet on 10 March 2026: recommendations 2 and 3 of the report."
    )
    assert "2. That Council sets the council tax." in referred.description
    assert "That Cabinet notes the forecast" not in referred.description
    # The exempt recommendation is named by its number and paragraph only.
    assert "3. Exempt: paragraph 3 of Schedule 12A." in referred.description
    assert "agrees the fees" not in referred.description
    publication.publish_agenda(next_council, governance_officer, now=datetime.datetime(2026, 3, 16, 9, tzinfo=LONDON))
    page = client.get(next_council.get_absolute_url()).content.decode()
    assert "recommendations 2 and 3 of the report" in page and "That Council sets the council tax." in page
    assert "agrees the fees" not in page


def test_the_officer_is_warned_when_councils_agenda_is_published_and_may_refer_to_the_next_meeting(
    governance_officer, client
):
    cabinet = make_committee("Cabinet", kind="executive")
    council = make_committee("Council", kind="full_council")
    published_council = make_meeting(council, D(2026, 3, 25))
    later_council = make_meeting(council, D(2026, 4, 22))
    meeting = make_meeting(cabinet, D(2026, 3, 10))
    budget = make_report(cabinet, title="Budget 2026/27", status="approved")
    item = agenda.add_item(meeting, governance_officer, title="Budget 2026/27", report=budget)
    publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2026, 3, 1, 9, tzinfo=LONDON))
    agenda.add_item(published_council, governance_officer, title="Apologies")
    publication.publish_agenda(
        published_council, governance_officer, now=datetime.datetime(2026, 3, 12, 9, tzinfo=LONDON)
    )
    minutes.set_decision(item, governance_officer, outcome="referred", referred_to=council, text="<p>Recommend.</p>")
    referral = decisions.council_referral(meeting)
    assert referral.target == published_council and referral.following == later_council
    assert referral.needs_supplementary_agenda
    client.force_login(governance_officer)
    page = client.get(reverse("committee:minutes_edit", args=[meeting.pk])).content.decode()
    assert "Council&#x27;s meeting on 25 March 2026 already has its agenda published" in page
    assert "would need a supplementary agenda" in page and "The next meeting, 22 April 2026" in page
    response = client.post(
        reverse("committee:minutes_publish", args=[meeting.pk]), {"council_meeting": later_council.pk}
    )
    assert response.status_code == 302
    assert not published_council.agenda_items.filter(report=budget).exists()
    moved = later_council.agenda_items.get(report=budget)
    assert not moved.is_supplementary


def test_a_referral_to_a_meeting_that_is_not_a_later_council_meeting_is_refused(governance_officer):
    cabinet = make_committee("Cabinet", kind="executive")
    council = make_committee("Council", kind="full_council")
    make_meeting(council, D(2026, 3, 25))
    meeting = make_meeting(cabinet, D(2026, 3, 10))
    other = make_meeting(cabinet, D(2026, 4, 1))
    budget = make_report(cabinet, title="Budget 2026/27", status="approved")
    item = agenda.add_item(meeting, governance_officer, title="Budget 2026/27", report=budget)
    publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2026, 3, 1, 9, tzinfo=LONDON))
    minutes.set_decision(item, governance_officer, outcome="referred", referred_to=council, text="<p>Recommend.</p>")
    with pytest.raises(decisions.DecisionError):
        publication.publish_minutes(meeting, governance_officer, council_meeting=other)
    assert not AgendaItem.objects.filter(report=budget, meeting__committee=council).exists()
