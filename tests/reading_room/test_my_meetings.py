from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committee import agenda
from publishing import publication
from reading_room import papers
from tests.conftest import make_meeting
from tests.reading_room.builders import coming_meeting, published_report, reword


@pytest.fixture
def coming(committee, author, approver, governance_officer):
    return coming_meeting(committee, author, approver, governance_officer)


def test_a_member_sees_their_committees_coming_meetings_marked_new(client, committee_member, coming):
    meeting, _public, _exempt = coming
    client.force_login(committee_member)
    response = client.get(reverse("reading_room:my_meetings"))
    assert response.status_code == 200
    assert reverse("reading_room:meeting", args=[meeting.pk]) in response.content.decode()
    assert papers.coming_meetings(committee_member)[0].mark == papers.NEW
    assert response["Cache-Control"] == "private, no-store"


def test_a_member_of_another_committee_sees_none_of_them(client, other_committee_member, coming):
    meeting, _public, _exempt = coming
    client.force_login(other_committee_member)
    response = client.get(reverse("reading_room:my_meetings"))
    assert reverse("reading_room:meeting", args=[meeting.pk]) not in response.content.decode()


def test_the_reading_room_asks_anonymous_visitors_to_sign_in(client, coming):
    assert "/login/" in client.get(reverse("reading_room:my_meetings"))["Location"]


def test_the_meeting_page_has_part_2_papers_for_the_committees_members_only(
    client, committee_member, other_committee_member, coming
):
    meeting, public, exempt = coming
    url = reverse("reading_room:meeting", args=[meeting.pk])
    client.force_login(committee_member)
    page = client.get(url).content.decode()
    assert reverse("reading_room:report", args=[exempt.pk]) in page
    assert reverse("reading_room:report", args=[public.pk]) in page
    client.force_login(other_committee_member)
    page = client.get(url).content.decode()
    assert reverse("reading_room:report", args=[exempt.pk]) not in page
    assert reverse("reading_room:report", args=[public.pk]) in page
    assert client.get(reverse("reading_room:report", args=[exempt.pk])).status_code == 404


def test_what_is_new_is_marked_until_read_and_again_once_corrected(
    client, committee_member, governance_officer, coming
):
    meeting, public, _exempt = coming
    client.force_login(committee_member)

    def marks():
        return {r.report.pk: r.mark for r in papers.meeting_papers(committee_member, meeting).reports.values()}

    assert marks()[public.pk] == papers.NEW
    client.get(reverse("reading_room:report", args=[public.pk]))
    assert marks()[public.pk] == ""
    reword(public, governance_officer, 1, "<p>Visits rose by a fifth in 2016.</p>")
    assert marks()[public.pk] == papers.CHANGED
    page = client.get(reverse("reading_room:report", args=[public.pk])).content.decode()
    assert "See what changed" in page


def test_a_supplementary_paper_is_new_since_the_member_last_looked(
    client, committee_member, governance_officer, coming
):
    meeting, _public, _exempt = coming
    client.force_login(committee_member)
    client.get(reverse("reading_room:meeting", args=[meeting.pk]))
    item = agenda.add_item(meeting, governance_officer, title="Late item: library roof")
    publication.publish_supplementary(meeting, governance_officer, late_reason="late_item", late_reason_detail="Roof.")
    assert papers.coming_meetings(committee_member)[0].mark == papers.UPDATED
    assert item.pk in papers.meeting_papers(committee_member, meeting).new_items
    client.get(reverse("reading_room:meeting", args=[meeting.pk]))
    assert papers.meeting_papers(committee_member, meeting).new_items == set()


def test_the_meeting_page_takes_a_fixed_number_of_queries(
    client, committee_member, committee, author, approver, governance_officer, coming, django_assert_max_num_queries
):
    meeting, _public, _exempt = coming
    client.force_login(committee_member)
    url = reverse("reading_room:meeting", args=[meeting.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(3):
        extra = published_report(committee, author, approver, governance_officer, title=f"More {n}", meeting=meeting)
        agenda.add_report_item(meeting, governance_officer, extra)
    publication.publish_supplementary(meeting, governance_officer, late_reason="late_item", late_reason_detail="x")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_meeting_whose_agenda_is_not_published_is_not_found(client, committee_member, committee):
    meeting = make_meeting(committee)
    client.force_login(committee_member)
    assert client.get(reverse("reading_room:meeting", args=[meeting.pk])).status_code == 404
