"""Actions arising from minutes: recorded with an owner and a due date, updated until done, and shown
as a tracker on the committee's later agendas; the public sees those from public minutes, never one
arising from a Part 2 item."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from committee import actions, agenda
from committee.models import Action
from publishing import publication
from tests.conftest import LONDON, make_meeting

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def meetings(committee, governance_officer):
    first = make_meeting(committee, D(2026, 3, 3))
    public_item = agenda.add_item(first, governance_officer, title="Library opening hours")
    secret_item = agenda.add_item(first, governance_officer, title="Depot lease", part=2, exempt_paragraph=3)
    publication.publish_agenda(first, governance_officer, now=datetime.datetime(2026, 2, 20, 9, tzinfo=LONDON))
    second = make_meeting(committee, D(2026, 4, 14))
    agenda.add_item(second, governance_officer, title="Minutes of the last meeting")
    publication.publish_agenda(second, governance_officer, now=datetime.datetime(2026, 4, 1, 9, tzinfo=LONDON))
    return first, second, public_item, secret_item


def test_an_action_needs_what_and_who_and_is_not_due_before_its_meeting(meetings, governance_officer, author):
    first, _second, item, _secret = meetings
    with pytest.raises(actions.ActionError, match="Name who owns"):
        actions.add(first, governance_officer, description="Report back", owner=" ")
    with pytest.raises(actions.ActionError, match="before the meeting"):
        actions.add(
            first, governance_officer, description="Report back", owner="Head of Libraries", due_on=D(2026, 3, 2)
        )
    with pytest.raises(PermissionDenied):
        actions.add(first, author, description="Report back", owner="Head of Libraries")
    assert not Action.objects.exists()


def test_the_next_agenda_tracks_actions_until_done_and_the_public_never_sees_a_part_2_one(
    client, meetings, governance_officer
):
    first, second, item, secret = meetings
    shown = actions.add(
        first,
        governance_officer,
        description="Survey Sunday demand",
        owner="Head of Libraries",
        due_on=D(2026, 4, 1),
        agenda_item=item,
    )
    actions.add(
        first, governance_officer, description="Value the depot site", owner="Head of Property", agenda_item=secret
    )
    url = reverse("committee:meeting_detail", args=[second.pk])
    assert "Survey Sunday demand" not in client.get(url).content.decode()  # the minutes are not public yet
    publication.publish_minutes(first, governance_officer)
    page = client.get(url).content.decode()
    assert "Actions tracker" in page and "Survey Sunday demand" in page and "Head of Libraries" in page
    assert "Value the depot site" not in page
    client.force_login(governance_officer)
    assert "Value the depot site" in client.get(url).content.decode()
    # Not on the meeting it arose from: the tracker lists earlier meetings' actions.
    assert (
        "Survey Sunday demand" not in client.get(reverse("committee:meeting_detail", args=[first.pk])).content.decode()
    )
    response = client.post(
        reverse("committee:action_update", args=[shown.pk]),
        {f"action{shown.pk}-status": "done", f"action{shown.pk}-progress": "Survey done."},
    )
    assert response.status_code == 302
    shown.refresh_from_db()
    assert shown.status == "done" and shown.done_on is not None
    client.logout()
    assert "Survey Sunday demand" not in client.get(url).content.decode()


def test_officers_record_an_action_on_the_minutes_page(client, meetings, governance_officer):
    first, _second, item, _secret = meetings
    client.force_login(governance_officer)
    url = reverse("committee:minutes_action", args=[first.pk])
    response = client.post(url, {"description": "Report back", "owner": "", "due_on": "2026-04-01"})
    assert response.status_code == 400 and "Report back" in response.content.decode()
    response = client.post(
        url,
        {"description": "Report back", "owner": "Head of Libraries", "due_on": "2026-04-01", "agenda_item": item.pk},
    )
    assert response.status_code == 302
    assert Action.objects.get().agenda_item == item
    page = client.get(reverse("committee:actions_manage")).content.decode()
    assert "Report back" in page and "Head of Libraries" in page


def test_the_committees_page_and_open_data_show_public_actions_once_the_minutes_are_published(
    client, meetings, governance_officer, committee
):
    first, _second, item, secret = meetings
    actions.add(
        first,
        governance_officer,
        description="Survey Sunday demand",
        owner="Head of Libraries",
        due_on=D(2026, 4, 1),
        agenda_item=item,
    )
    actions.add(
        first, governance_officer, description="Value the depot site", owner="Head of Property", agenda_item=secret
    )
    page_url = reverse("committee:committee_detail", args=[committee.slug])
    csv_url = reverse("opendata:download", args=["actions", "csv"])
    json_url = reverse("opendata:download", args=["actions", "json"])
    assert "Survey Sunday demand" not in client.get(page_url).content.decode()
    assert "Survey Sunday demand" not in client.get(csv_url).content.decode()
    publication.publish_minutes(first, governance_officer)

    page = client.get(page_url).content.decode()
    assert "Actions tracker" in page and "Survey Sunday demand" in page and "Head of Libraries" in page
    assert "Value the depot site" not in page
    assert f"{csv_url}?committee={committee.slug}" in page and f"{json_url}?committee={committee.slug}" in page
    rows = list(csv.DictReader(io.StringIO(client.get(csv_url).content.decode())))
    assert [(r["action"], r["owner"], r["due_on"], r["item"], r["status"]) for r in rows] == [
        ("Survey Sunday demand", "Head of Libraries", "2026-04-01", "Library opening hours", "Open")
    ]
    data = json.loads(client.get(json_url, {"committee": committee.slug}).content)["data"]
    assert [d["action"] for d in data] == ["Survey Sunday demand"]
    assert "Value the depot site" not in client.get(json_url).content.decode()
    client.force_login(governance_officer)
    assert "Value the depot site" in client.get(page_url).content.decode()
    assert "Value the depot site" not in client.get(csv_url).content.decode()


def test_the_committees_page_runs_a_constant_number_of_queries_whatever_the_actions(
    client, meetings, governance_officer, committee
):
    first = meetings[0]
    publication.publish_minutes(first, governance_officer)
    actions.add(first, governance_officer, description="Action 0", owner="Clerk")
    url = reverse("committee:committee_detail", args=[committee.slug])
    client.get(url)  # caches warmed

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    with_one = queries()
    for n in range(1, 6):
        actions.add(first, governance_officer, description=f"Action {n}", owner="Clerk")
    assert queries() == with_one
    assert "Action 5" in client.get(url).content.decode()


def test_a_welsh_officer_reads_an_actions_refusal_in_welsh(meetings, governance_officer):
    first, *_ = meetings
    with translation.override("cy"), pytest.raises(actions.ActionError) as refused:
        actions.add(first, governance_officer, description="Report back", owner=" ")
    assert str(refused.value) == "Enwch berchennog y cam gweithredu."
