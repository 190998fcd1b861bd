"""The public's decisions data: the council's and each decision-maker's decisions page with its
filters, the decisions awaiting call-in, the Atom feed, and the decision notices' CSV and JSON. An
exempt decision shows its title and paragraph only on every one of them."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
import time_machine
from django.urls import reverse

from committee import agenda, decision_records, decisions, minutes
from tests.conftest import LONDON, make_committee, make_meeting, make_report

pytestmark = pytest.mark.django_db

D = datetime.date
SECRET = "Bidder-B-secret"
TODAY = datetime.datetime(2026, 4, 8, 12, tzinfo=LONDON)


@pytest.fixture
def cabinet(db):
    return make_committee("Cabinet", kind="executive")


@pytest.fixture
def board(db):
    return make_committee("Joint Waste Board", kind="executive")


def decide(committee, day, title, officer, *, part=1, key=False, text="<p>Open on Sundays.</p>", **notice):
    meeting = make_meeting(committee, day)
    report = make_report(committee, title=title, key_decision=True) if key else None
    item = agenda.add_item(
        meeting, officer, title=title, part=part, exempt_paragraph=3 if part == 2 else None, report=report
    )
    meeting.agenda_published_at = meeting.starts_at - datetime.timedelta(days=10)
    meeting.save()
    decision = minutes.set_decision(item, officer, outcome="agreed", text=text)
    published = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(10), tzinfo=LONDON)
    notice.setdefault("reasons", "Demand is high.")
    return decisions.publish_notice(decision, officer, now=published, **notice)


@pytest.fixture
def notices(cabinet, board, governance_officer):
    """Cabinet's decisions of March and April 2026 (one key, one exempt and called in, one urgent), the
    Board's of April; on 8 April the library and waste decisions are still open for call-in."""
    old = decide(cabinet, D(2026, 3, 2), "Parks byelaws", governance_officer)
    key = decide(cabinet, D(2026, 4, 1), "Library opening hours", governance_officer, key=True)
    exempt = decide(
        cabinet,
        D(2026, 4, 2),
        "Depot lease",
        governance_officer,
        part=2,
        text=f"<p>Lease to {SECRET}.</p>",
        reasons=f"Reasons {SECRET}",
        alternatives_rejected=f"Alternatives {SECRET}",
        urgent=False,
    )
    decisions.call_in(
        exempt, governance_officer, requested_by="Cllr Ahmed", reason=f"Because {SECRET}", on=D(2026, 4, 6)
    )
    urgent = decide(
        cabinet,
        D(2026, 4, 3),
        "Flood defences",
        governance_officer,
        urgent=True,
        urgency_consent_by="Cllr Dee",
        urgency_reason="The grant lapses on Friday.",
    )
    waste = decide(board, D(2026, 4, 6), "Waste collection rounds", governance_officer)
    return {"old": old, "key": key, "exempt": exempt, "urgent": urgent, "waste": waste}


def titles(page: str) -> set[str]:
    return {
        t
        for t in ("Parks byelaws", "Library opening hours", "Depot lease", "Flood defences", "Waste collection")
        if t in page
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Parks byelaws", "Library opening hours", "Depot lease", "Flood defences", "Waste collection"}),
        ("?maker=joint-waste-board", {"Waste collection"}),
        ("?maker=cabinet&from=2026-04-01&to=2026-04-02", {"Library opening hours", "Depot lease"}),
        ("?key=yes", {"Library opening hours"}),
        ("?key=no&maker=cabinet", {"Parks byelaws", "Depot lease", "Flood defences"}),
        ("?called_in=yes", {"Depot lease"}),
        ("?called_in=no&from=2026-04-03", {"Flood defences", "Waste collection"}),
    ],
)
def test_the_decisions_page_filters(client, notices, query, expected):
    page = client.get(reverse("committee:decision_list") + query).content.decode()
    assert titles(page) == expected


def test_each_decision_maker_has_its_own_decisions_page(client, notices, board):
    page = client.get(reverse("committee:committee_decisions", args=[board.slug])).content.decode()
    assert "Decisions of Joint Waste Board" in page and titles(page) == {"Waste collection"}
    assert client.get(reverse("committee:committee_decisions", args=["no-such-body"])).status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=yesterday", "Enter the ‘from’ date as a real date"),
        ("?to=2026-02-30", "Enter the ‘to’ date as a real date"),
        ("?from=99999-01-01", "Enter the ‘from’ date as a real date"),
        ("?key=maybe", "Choose yes or no for ‘key decision’"),
        ("?called_in=%E2%80%8B", "Choose yes or no for ‘called in’"),
        ("?maker=" + "x" * 5000, "Choose a decision-maker from the list"),
        ("?maker=%F0%9F%98%80&key[]=1", "Choose a decision-maker from the list"),
    ],
)
def test_bad_query_strings_get_a_message_not_an_error(client, notices, query, message):
    response = client.get(reverse("committee:decision_list") + query)
    assert response.status_code == 200 and message in response.content.decode()


def test_the_decisions_page_runs_a_constant_number_of_queries(
    client, notices, cabinet, governance_officer, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        client.get(reverse("committee:decision_list"))
    for n in range(5):
        decide(cabinet, D(2026, 5, 4) + datetime.timedelta(days=n), f"More {n}", governance_officer)
    with django_assert_max_num_queries(8):
        assert "More 4" in client.get(reverse("committee:decision_list")).content.decode()


def test_the_decisions_awaiting_call_in_with_their_deadlines(client, notices):
    with time_machine.travel(TODAY):
        page = client.get(reverse("committee:decisions_awaiting_call_in")).content.decode()
    # Not the March one (closed), the called-in one or the urgent one.
    assert titles(page) == {"Library opening hours", "Waste collection"}
    assert page.index("Library opening hours") < page.index("Waste collection")  # the soonest deadline first
    assert "Monday 13 April 2026" in page  # Library: published Thursday 2 April, over Easter
    assert "Wednesday 15 April 2026" in page  # Waste: published Tuesday 7 April, implemented from the 15th


def test_the_feed_lists_decisions_and_an_exempt_ones_title_and_paragraph_only(
    client, notices, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("committee:decisions_feed"))
    feed = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Library opening hours" in feed and "Open on Sundays." in feed
    assert "Depot lease" in feed and "Exempt: paragraph 3 of Schedule 12A." in feed
    assert "Called in: awaiting the scrutiny committee" in feed
    assert SECRET not in feed


def _download(client, fmt, query=""):
    response = client.get(reverse("opendata:download", args=["decision-notices", fmt]) + query)
    assert response.status_code == 200
    body = response.content.decode()
    if fmt == "csv":
        return body, list(csv.DictReader(io.StringIO(body)))
    return body, json.loads(body)["data"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_notices_download_holds_an_exempt_decisions_title_and_paragraph_only(client, notices, fmt):
    body, rows = _download(client, fmt)
    assert SECRET not in body  # the marker string of every exempt field
    by_item = {row["item"]: row for row in rows}
    assert set(by_item) == {
        "Parks byelaws",
        "Library opening hours",
        "Depot lease",
        "Flood defences",
        "Waste collection rounds",
    }
    exempt = by_item["Depot lease"]
    assert str(exempt["exempt_paragraph"]) == "3" and exempt["called_in_by"] == "Cllr Ahmed"
    assert exempt["decision"] == exempt["reasons"] == exempt["alternatives_rejected"] == exempt["call_in_reason"] == ""
    library = by_item["Library opening hours"]
    assert library["decision"] == "Open on Sundays." and library["reasons"] == "Demand is high."
    assert library["call_in_deadline"] == "2026-04-13" and library["key_decision"] in ("Yes", True)
    urgent = by_item["Flood defences"]
    assert urgent["urgency_consent_by"] == "Cllr Dee" and urgent["call_in_deadline"] == ""
    assert urgent["implementable_from"] == "2026-04-04"


def test_the_notices_download_of_one_decision_maker(client, notices, board):
    _, rows = _download(client, "json", f"?committee={board.slug}")
    assert [row["item"] for row in rows] == ["Waste collection rounds"]


def publish_record(officer, taken_by, title, *, exempt_paragraph=None, publish=True):
    record = decision_records.save_draft(
        None,
        officer,
        maker="cabinet_member" if taken_by.startswith("Councillor") else "officer",
        taken_by=taken_by,
        title=title,
        decision=f"The decision on {title}.",
        reasons="Reasons.",
        decided_on=D(2026, 4, 7),
        exempt_paragraph=exempt_paragraph,
    )
    if publish:
        decision_records.publish(record, officer, now=TODAY)
    return record


def test_the_decision_maker_filter_offers_cabinet_members_and_officers_with_published_records(
    client, notices, governance_officer
):
    publish_record(governance_officer, "Councillor Jo Bell, Cabinet Member for Housing", "Homelessness grants")
    publish_record(governance_officer, "Director of Place", "Bus shelter contract")
    publish_record(governance_officer, "Chief Executive", "Unpublished draft decision", publish=False)
    page = client.get(reverse("committee:decision_list")).content.decode()
    assert 'value="by:Councillor Jo Bell, Cabinet Member for Housing"' in page
    assert 'value="by:Director of Place"' in page
    assert "Chief Executive" not in page
    one = client.get(reverse("committee:decision_list"), {"maker": "by:Director of Place"}).content.decode()
    assert "Bus shelter contract" in one and "Homelessness grants" not in one and titles(one) == set()
    assert 'value="by:Director of Place" selected' in one
    draft_maker = client.get(reverse("committee:decision_list"), {"maker": "by:Chief Executive"}).content.decode()
    assert "Choose a decision-maker from the list" in draft_maker and "Unpublished draft decision" not in draft_maker
    committees_only = client.get(reverse("committee:decision_list"), {"maker": "cabinet"}).content.decode()
    assert "Bus shelter contract" not in committees_only and "Parks byelaws" in committees_only
