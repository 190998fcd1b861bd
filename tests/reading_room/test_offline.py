from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from committee.models import Membership
from reading_room import papers
from tests.conftest import make_meeting
from tests.reading_room.builders import coming_meeting


@pytest.fixture
def coming(committee, author, approver, governance_officer):
    return coming_meeting(committee, author, approver, governance_officer)


def test_the_service_worker_is_served_from_the_root_with_its_scope_allowed(client):
    response = client.get("/reading-room-sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "Content-Security-Policy" in response
    assert b"reading-room-part2" in response.content


def test_a_device_is_told_which_committees_part_2_papers_it_may_keep(client, committee_member, committee, settings):
    settings.READING_ROOM_OFFLINE_DAYS = 12
    client.force_login(committee_member)
    told = client.get(reverse("reading_room:offline_entitlement")).json()
    assert (told["committees"], told["days"]) == ([committee.pk], 12)
    # Membership ended: the next sync removes the committee's Part 2 papers from the device.
    Membership.objects.filter(person__user=committee_member).delete()
    assert client.get(reverse("reading_room:offline_entitlement")).json()["committees"] == []


def test_signed_out_the_device_is_sent_to_sign_in(client):
    assert "/login/" in client.get(reverse("reading_room:offline_entitlement"))["Location"]


def test_signing_out_clears_the_browsers_storage_and_cache(client, committee_member):
    client.force_login(committee_member)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_part_2_papers_are_kept_apart_for_entitled_members_only(committee_member, other_committee_member, coming):
    meeting, public, exempt = coming
    kept = {p["url"]: p["part2"] for p in papers.meeting_papers(committee_member, meeting).offline()}
    assert kept[reverse("reading_room:report", args=[exempt.pk])] is True
    assert kept[reverse("reading_room:report", args=[public.pk])] is False
    assert kept[reverse("reading_room:meeting", args=[meeting.pk])] is True  # its Part 2 items' descriptions
    outsider = {p["url"] for p in papers.meeting_papers(other_committee_member, meeting).offline()}
    assert reverse("reading_room:report", args=[exempt.pk]) not in outsider
    assert reverse("reading_room:report", args=[public.pk]) in outsider


def test_a_device_is_told_to_keep_the_next_meeting_of_each_of_the_members_committees(
    client, committee_member, other_committee_member, committee, author, approver, governance_officer, coming
):
    meeting, public, exempt = coming
    later, _, later_exempt = coming_meeting(committee, author, approver, governance_officer, days=42)
    client.force_login(committee_member)
    told = client.get(reverse("reading_room:offline_entitlement")).json()
    [kept] = told["keep"]  # the next meeting, not the one after
    assert (kept["meeting"], kept["committee"]) == (meeting.pk, committee.pk)
    part2 = {paper["url"]: paper["part2"] for paper in kept["papers"]}
    assert part2[reverse("reading_room:report", args=[exempt.pk])] is True
    assert part2[reverse("reading_room:report", args=[public.pk])] is False
    assert reverse("reading_room:report", args=[later_exempt.pk]) not in part2
    assert any(asset.endswith(".css") for asset in told["assets"])
    # The modules the scripts import, at the address they import them from: without the words' module
    # the reading room's script does not run on a kept page.
    assert {"/static/js/words.js", "/static/build/govuk-frontend.min.js"} <= set(told["assets"])
    # A member of another committee is given nothing of this one's; a member of none, nothing at all.
    client.force_login(other_committee_member)
    assert client.get(reverse("reading_room:offline_entitlement")).json()["keep"] == []
    Membership.objects.filter(person__user=committee_member).delete()
    client.force_login(committee_member)
    assert client.get(reverse("reading_room:offline_entitlement")).json()["keep"] == []


def test_a_meeting_whose_agenda_is_not_published_is_not_kept(client, committee_member, committee):
    make_meeting(committee, timezone.localdate() + datetime.timedelta(days=7))
    client.force_login(committee_member)
    assert client.get(reverse("reading_room:offline_entitlement")).json()["keep"] == []
