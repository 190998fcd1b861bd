"""Public and confidential titles of a Part 2 item (issue 18): the public agenda's wording cannot
itself disclose what the exemption protects; those entitled to Part 2 read the full title."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.urls import reverse

from committee import agenda
from committee.agenda import AgendaError
from committee.models import AgendaItem
from reports.agendas import agenda_for
from tests.conftest import make_meeting, make_report


@pytest.fixture
def meeting(committee):
    return make_meeting(committee)


def test_an_exempt_reports_item_is_titled_with_its_public_title_and_keeps_its_own_as_confidential(
    meeting, committee, governance_officer
):
    report = make_report(
        committee,
        title="Sale of the Oak Lane depot to Smith Ltd",
        public_title="Disposal of a depot",
        is_exempt=True,
        exempt_paragraph=3,
    )
    item = agenda.add_report_item(meeting, governance_officer, report)
    assert item.title == "Disposal of a depot"
    assert item.confidential_title == "Sale of the Oak Lane depot to Smith Ltd"


def test_an_exempt_report_without_a_public_title_is_titled_as_it_is(meeting, committee, governance_officer):
    report = make_report(committee, title="Depot disposal", is_exempt=True, exempt_paragraph=3)
    item = agenda.add_report_item(meeting, governance_officer, report)
    assert (item.title, item.confidential_title) == ("Depot disposal", "")


def test_a_public_reports_public_title_is_not_used(meeting, committee, governance_officer):
    report = make_report(committee, title="Library hours")
    item = agenda.add_report_item(meeting, governance_officer, report)
    assert (item.title, item.confidential_title) == ("Library hours", "")


def test_only_a_part_2_item_has_a_confidential_title(meeting, governance_officer):
    with pytest.raises(AgendaError, match="Only a Part 2 item"):
        agenda.add_item(meeting, governance_officer, title="Budget", confidential_title="Budget cuts to X")
    item = agenda.add_item(meeting, governance_officer, title="Budget")
    with pytest.raises(AgendaError, match="Only a Part 2 item"):
        agenda.update_item(item, governance_officer, title="Budget", confidential_title="Secret")
    with pytest.raises(IntegrityError):
        AgendaItem.objects.filter(pk=item.pk).update(confidential_title="Secret")


def test_the_agenda_shows_each_reader_the_title_they_may_read(
    meeting, governance_officer, committee_member, other_committee_member
):
    item = agenda.add_item(
        meeting,
        governance_officer,
        title="Staffing matter",
        confidential_title="Dismissal of the head of parks",
        part=AgendaItem.Part.EXEMPT,
        exempt_paragraph=1,
    )
    meeting.agenda_published_at = meeting.starts_at
    meeting.save()
    titles = {
        who: [e.title for e in agenda_for(meeting, user).part2]
        for who, user in (
            ("member", committee_member),
            ("other", other_committee_member),
            ("officer", governance_officer),
        )
    }
    assert titles == {
        "member": ["Dismissal of the head of parks"],
        "other": ["Staffing matter"],
        "officer": ["Dismissal of the head of parks"],
    }
    assert item.title == "Staffing matter"


def test_the_officer_sets_both_titles_through_the_forms(client, meeting, governance_officer):
    client.force_login(governance_officer)
    response = client.post(
        reverse("committee:agenda_item_add", args=[meeting.pk]),
        {"title": "Staffing matter", "confidential_title": "Dismissal of X", "part": 2, "exempt_paragraph": 1},
    )
    assert response.status_code == 302
    item = meeting.agenda_items.get()
    assert (item.title, item.confidential_title) == ("Staffing matter", "Dismissal of X")
    edit = reverse("committee:agenda_item_edit", args=[meeting.pk, item.pk])
    assert "Confidential title" in client.get(edit).content.decode()
    client.post(edit, {"title": "Staffing matter", "confidential_title": "Dismissal of Y", "description": ""})
    item.refresh_from_db()
    assert item.confidential_title == "Dismissal of Y"

    refused = client.post(
        reverse("committee:agenda_item_add", args=[meeting.pk]),
        {"title": "Budget", "confidential_title": "Cuts", "part": 1},
    )
    assert refused.status_code == 400
    assert "Only a Part 2 item has a confidential title." in refused.content.decode()
    assert meeting.agenda_items.count() == 1


def test_a_part_1_items_edit_form_has_no_confidential_title(client, meeting, governance_officer):
    item = agenda.add_item(meeting, governance_officer, title="Budget")
    client.force_login(governance_officer)
    page = client.get(reverse("committee:agenda_item_edit", args=[meeting.pk, item.pk])).content.decode()
    assert "Confidential title" not in page
