"""Decisions as data: the minutes record the decision on each recommendation of an item's report
(agreed, agreed as amended with the amendment's mover and seconder, deferred, referred on, rejected,
noted) and the vote as counts; the public minutes, the meeting page and open data show them, and a
Part 2 item's decision stays private."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse

from committee import agenda, minutes
from committee.minutes import RecommendationOutcome
from committee.models import ItemDecision, Person, RecommendationDecision
from publishing import publication
from reports import revisions
from tests.conftest import make_committee
from tests.report_builders import report_with_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return Person.objects.create(name="Cllr Ahmed"), Person.objects.create(name="Cllr Bryce")


@pytest.fixture
def cabinet(db):
    return make_committee("Cabinet", kind="executive")


@pytest.fixture
def items(meeting, governance_officer, committee):
    """A Part 1 report with two recommendations and a Part 2 one, both published for the meeting."""
    public_report = report_with_content(committee, meeting=meeting, sections=1, paragraphs=1)
    revisions.record(public_report, governance_officer, published=True)
    secret_report = report_with_content(
        committee, meeting=meeting, sections=1, paragraphs=1, title="Contract award", is_exempt=True, exempt_paragraph=3
    )
    revisions.record(secret_report, governance_officer, published=True)
    public = agenda.add_item(meeting, governance_officer, title="Library service review", report=public_report)
    secret = agenda.add_item(
        meeting, governance_officer, title="Contract award", part=2, exempt_paragraph=3, report=secret_report
    )
    meeting.agenda_published_at = meeting.starts_at
    meeting.save()
    return public, secret


def record_library_decision(item, officer, people, cabinet):
    mover, seconder = people
    return minutes.set_decision(
        item,
        officer,
        outcome="agreed",
        text="<p>Resolved as below.</p>",
        recommendations=[
            RecommendationOutcome(number=1, outcome="noted"),
            RecommendationOutcome(
                number=2,
                outcome="amended",
                amendment="<p>That the Committee agrees the plan, with Sunday opening added.</p>",
                mover=mover,
                seconder=seconder,
                votes=(7, 2, 1),
            ),
        ],
    )


def test_each_recommendation_has_its_own_decision_amendment_and_vote(
    meeting, governance_officer, items, people, cabinet
):
    decision = record_library_decision(items[0], governance_officer, people, cabinet)
    noted, amended = decision.recommendations.all()
    assert (noted.number, noted.outcome, noted.has_vote) == (1, "noted", False)
    assert (amended.mover.name, amended.seconder.name) == ("Cllr Ahmed", "Cllr Bryce")
    assert minutes.describe_resolution(amended) == (
        "Agreed as amended (moved by Cllr Ahmed, seconded by Cllr Bryce): "
        "That the Committee agrees the plan, with Sunday opening added. For 7, against 2, abstaining 1."
    )
    # Saving again replaces the set: a recommendation left out has no decision recorded.
    minutes.set_decision(
        items[0],
        governance_officer,
        outcome="referred",
        referred_to=cabinet,
        recommendations=[RecommendationOutcome(number=2, outcome="referred", referred_to=cabinet)],
    )
    decision.refresh_from_db()
    assert decision.referred_to == cabinet
    assert [(r.number, r.outcome, r.referred_to) for r in decision.recommendations.all()] == [(2, "referred", cabinet)]
    assert minutes.describe_resolution(decision) == "Referred to Cabinet."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"outcome": "amended", "amendment": "", "mover": 0, "seconder": 1}, "give the recommendation as amended"),
        ({"outcome": "amended", "amendment": "<p>New</p>", "mover": 0}, "who moved and who seconded"),
        ({"outcome": "amended", "amendment": "<p>New</p>", "mover": 0, "seconder": 0}, "other than its mover"),
        ({"outcome": "referred"}, "which committee"),
        ({"outcome": "referred", "referred_to": "own"}, "another body"),
        ({"outcome": "vetoed"}, "Choose the decision on recommendation 1"),
        ({"outcome": "agreed", "votes": (3, None, 1)}, "votes for, against and abstaining"),
        ({"outcome": "agreed", "votes": (3, -1, 1)}, "votes for, against and abstaining"),
    ],
)
def test_an_incomplete_recommendation_decision_is_refused_and_nothing_is_saved(
    meeting, governance_officer, items, people, change, message
):
    change = dict(change)
    for role in ("mover", "seconder"):
        if role in change:
            change[role] = people[change[role]]
    if change.get("referred_to") == "own":
        change["referred_to"] = meeting.committee
    with pytest.raises(minutes.MinutesError, match=message):
        minutes.set_decision(
            items[0], governance_officer, outcome="agreed", recommendations=[RecommendationOutcome(number=1, **change)]
        )
    assert not ItemDecision.objects.exists() and not RecommendationDecision.objects.exists()


def test_a_recommendation_is_decided_once(meeting, governance_officer, items):
    with pytest.raises(minutes.MinutesError, match="one decision"):
        minutes.set_decision(
            items[0],
            governance_officer,
            outcome="agreed",
            recommendations=[RecommendationOutcome(1, "agreed"), RecommendationOutcome(1, "rejected")],
        )


def test_confirmed_minutes_refuse_a_recommendation_decision(meeting, governance_officer, items, people, cabinet):
    record_library_decision(items[0], governance_officer, people, cabinet)
    minutes.publish_minutes(meeting, governance_officer)
    minutes.confirm_minutes(meeting, governance_officer)
    with pytest.raises(minutes.MinutesError, match="confirmed"):
        minutes.set_decision(
            items[0], governance_officer, outcome="agreed", recommendations=[RecommendationOutcome(1, "rejected")]
        )
    assert RecommendationDecision.objects.get(number=1).outcome == "noted"


def _post(client, meeting, item, data):
    return client.post(reverse("committee:minutes_decision", args=[meeting.pk, item.pk]), data)


def test_the_minutes_page_records_each_recommendation_without_javascript(
    client, meeting, governance_officer, items, people, cabinet
):
    client.force_login(governance_officer)
    page = client.get(reverse("committee:minutes_edit", args=[meeting.pk])).content.decode()
    # The recommendations as published are shown beside their own decision fields.
    assert "That the Committee agrees the plan." in page
    item = items[0]
    assert f'name="item{item.pk}-rec2-mover"' in page and f'name="item{item.pk}-rec2-votes_for"' in page
    mover, seconder = people
    response = _post(
        client,
        meeting,
        item,
        {
            f"item{item.pk}-outcome": "agreed",
            f"item{item.pk}-rec1-outcome": "rejected",
            f"item{item.pk}-rec1-votes_for": "3",
            f"item{item.pk}-rec1-votes_against": "8",
            f"item{item.pk}-rec1-votes_abstaining": "0",
            f"item{item.pk}-rec2-outcome": "amended",
            f"item{item.pk}-rec2-amendment": "With Sunday opening.",
            f"item{item.pk}-rec2-mover": mover.pk,
            f"item{item.pk}-rec2-seconder": seconder.pk,
        },
    )
    assert response.status_code == 302
    rejected, amended = RecommendationDecision.objects.order_by("number")
    assert (rejected.outcome, rejected.votes_for, rejected.votes_against, rejected.votes_abstaining) == (
        "rejected",
        3,
        8,
        0,
    )
    assert amended.amendment == "<p>With Sunday opening.</p>" and amended.seconder == seconder
    # The page shows what was recorded, ready to correct.
    page = client.get(reverse("committee:minutes_edit", args=[meeting.pk])).content.decode()
    assert "With Sunday opening." in page


def test_a_refused_amendment_comes_back_with_everything_typed_kept(client, meeting, governance_officer, items, people):
    client.force_login(governance_officer)
    item = items[0]
    response = _post(
        client,
        meeting,
        item,
        {
            f"item{item.pk}-outcome": "agreed",
            f"item{item.pk}-text": "<p>The minute as typed.</p>",
            f"item{item.pk}-rec2-outcome": "amended",
            f"item{item.pk}-rec2-amendment": "Sunday opening added",
            f"item{item.pk}-rec2-mover": people[0].pk,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "say who moved and who seconded the amendment" in page
    assert "Sunday opening added</textarea>" in page and "The minute as typed." in page
    assert not ItemDecision.objects.exists()


@pytest.mark.parametrize("persona", ["public", "other_committee_member", "committee_member"])
def test_public_minutes_and_the_meeting_page_show_each_recommendation_but_not_part_2s(
    client, meeting, governance_officer, items, people, cabinet, persona, request
):
    record_library_decision(items[0], governance_officer, people, cabinet)
    minutes.set_decision(
        items[1],
        governance_officer,
        outcome="agreed",
        text="<p>Award to Bidder B.</p>",
        recommendations=[
            RecommendationOutcome(
                1, "amended", amendment="<p>At £2.1m secret.</p>", mover=people[0], seconder=people[1], votes=(5, 4, 0)
            )
        ],
    )
    meeting_page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Sunday opening added" not in meeting_page, "the draft minutes are not public yet"
    minutes.publish_minutes(meeting, governance_officer)
    if persona != "public":
        client.force_login(request.getfixturevalue(persona))
    entitled = persona == "committee_member"
    amended = (
        "Recommendation 2: Agreed as amended (moved by Cllr Ahmed, seconded by Cllr Bryce): That the Committee"
        " agrees the plan, with Sunday opening added. For 7, against 2, abstaining 1."
    )
    for url in (
        reverse("committee:meeting_minutes", args=[meeting.pk]),
        reverse("committee:meeting_decisions", args=[meeting.pk]),
        meeting.get_absolute_url(),
    ):
        body = client.get(url).content.decode()
        assert "Recommendation 1: Noted." in body and amended in body, url
        assert "Contract award" in body
        assert ("£2.1m secret" in body) is entitled and ("For 5, against 4" in body) is entitled, url


def test_open_data_gives_each_recommendation_and_the_vote_but_nothing_of_part_2(
    client, meeting, governance_officer, items, people, cabinet
):
    record_library_decision(items[0], governance_officer, people, cabinet)
    minutes.set_decision(
        items[1],
        governance_officer,
        outcome="referred",
        referred_to=cabinet,
        votes=(5, 4, 0),
        recommendations=[
            RecommendationOutcome(
                1, "amended", amendment="<p>At £2.1m secret.</p>", mover=people[0], seconder=people[1]
            )
        ],
    )
    minutes.publish_minutes(meeting, governance_officer)
    amended = "Recommendation 2: Agreed as amended (moved by Cllr Ahmed, seconded by Cllr Bryce)"

    rows = json.loads(client.get("/open-data/decisions.json").content)["data"]
    public = next(r for r in rows if r["item"] == "Library service review")
    assert public["recommendations"].splitlines()[0] == "Recommendation 1: Noted."
    assert amended in public["recommendations"] and "For 7, against 2, abstaining 1." in public["recommendations"]
    secret = next(r for r in rows if r["item"] == "Contract award")
    assert secret["recommendations"] == secret["referred_to"] == secret["votes_for"] == ""
    csv_body = client.get("/open-data/decisions.csv").content.decode()
    assert amended in csv_body and "2.1m" not in csv_body and "Cabinet" not in csv_body

    oparl_items = json.loads(client.get(f"/oparl/v1/meeting/{meeting.pk}").content)["agendaItem"]
    library = next(i for i in oparl_items if i["name"] == "Library service review")
    assert library["result"] == "Agreed"
    assert library["resolutionText"].splitlines() == [
        "Resolved as below.",
        "Recommendation 1: Noted.",
        amended + ": That the Committee agrees the plan, with Sunday opening added. For 7, against 2, abstaining 1.",
    ]
    contract = next(i for i in oparl_items if i["name"] == "Contract award")
    assert "result" not in contract and "resolutionText" not in contract

    xml = client.get("/mgWebService.asmx/GetMeeting", {"lMeetingId": meeting.pk}).content.decode()
    bodies = {
        entry.findtext("agendaitemtitle"): entry.findtext("minutesnonemptyhtmlbody")
        for entry in ET.fromstring(xml).iter("agendaitem")
    }
    assert "<p>Recommendation 1: Noted.</p>" in bodies["Library service review"]
    assert bodies["Contract award"] == "" and "2.1m" not in xml


def test_search_finds_a_part_1_amendment_but_not_a_part_2_one(
    client, meeting, governance_officer, items, people, cabinet
):
    record_library_decision(items[0], governance_officer, people, cabinet)
    minutes.set_decision(
        items[1],
        governance_officer,
        outcome="agreed",
        recommendations=[
            RecommendationOutcome(
                1, "amended", amendment="<p>Sunday bidders only.</p>", mover=people[0], seconder=people[1]
            )
        ],
    )
    publication.publish_minutes(meeting, governance_officer)
    assert "Minutes:" in client.get("/search/?q=sunday+opening").content.decode()
    assert "Minutes:" not in client.get("/search/?q=bidders").content.decode()
