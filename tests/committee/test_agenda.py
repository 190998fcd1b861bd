import re

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from committee import agenda
from committee.agenda import AgendaError
from committee.models import AgendaItem, AgendaPublication
from publishing import publication
from reports import agendas
from reports.models import Report
from tests.conftest import make_report

pytestmark = pytest.mark.django_db


def titles(meeting, user):
    return [(e.number, e.item.title) for e in agendas.agenda_for(meeting, user).entries]


def test_it_adds_the_committees_opening_items_at_the_top_once(meeting, governance_officer):
    agenda.add_item(meeting, governance_officer, title="Budget monitoring")
    added = agenda.add_opening_items(meeting, governance_officer)
    again = agenda.add_opening_items(meeting, governance_officer)
    assert [i.title for i in added] == meeting.committee.opening_item_titles()
    assert again == []
    assert titles(meeting, governance_officer) == [
        ("1", "Apologies for absence"),
        ("2", "Declarations of interest"),
        ("3", "Minutes of the previous meeting"),
        ("4", "Public questions"),
        ("5", "Budget monitoring"),
    ]


def test_opening_items_follow_the_committees_own_settings(meeting, governance_officer):
    meeting.committee.standard_opening_items = "Welcome\n\n  Apologies  \n"
    meeting.committee.save()
    agenda.add_opening_items(meeting, governance_officer)
    assert titles(meeting, governance_officer) == [("1", "Welcome"), ("2", "Apologies")]


def test_exempt_items_are_grouped_in_part_2_after_the_exclusion_motion(meeting, governance_officer, committee):
    secret = make_report(committee, title="Award of contract", is_exempt=True, exempt_paragraph=3)
    public = make_report(committee, title="Libraries review")
    agenda.add_report_item(meeting, governance_officer, secret)
    agenda.add_report_item(meeting, governance_officer, public)
    agenda.add_item(meeting, governance_officer, title="Any other business")
    built = agendas.agenda_for(meeting, governance_officer)
    assert [(e.number, e.item.title) for e in built.part1] == [("1", "Libraries review"), ("2", "Any other business")]
    assert [(e.number, e.item.title, e.item.exempt_paragraph) for e in built.part2] == [("3", "Award of contract", 3)]
    assert built.part2[0].paragraph_text.startswith("Information relating to the financial")
    assert "press and public be excluded" in built.exclusion_motion


def test_no_exclusion_motion_without_part_2(meeting, governance_officer):
    agenda.add_item(meeting, governance_officer, title="Budget")
    assert agendas.agenda_for(meeting, governance_officer).exclusion_motion == ""


def test_an_exempt_item_needs_its_paragraph(meeting, governance_officer):
    with pytest.raises(AgendaError, match="Schedule 12A paragraph"):
        agenda.add_item(meeting, governance_officer, title="Secret", part=2)
    with pytest.raises(AgendaError, match="Schedule 12A paragraph"):
        agenda.add_item(meeting, governance_officer, title="Secret", part=2, exempt_paragraph=9)
    item = agenda.add_item(meeting, governance_officer, title="Secret", part=2, exempt_paragraph=1)
    assert item.kind == AgendaItem.Kind.EXEMPT


def test_a_blank_title_is_refused(meeting, governance_officer):
    with pytest.raises(AgendaError, match="title"):
        agenda.add_item(meeting, governance_officer, title="   ")


def test_a_report_of_another_committee_or_twice_is_refused(meeting, governance_officer, other_committee, committee):
    with pytest.raises(AgendaError, match="another committee"):
        agenda.add_report_item(meeting, governance_officer, make_report(other_committee))
    report = make_report(committee)
    agenda.add_report_item(meeting, governance_officer, report)
    with pytest.raises(AgendaError, match="already on this agenda"):
        agenda.add_report_item(meeting, governance_officer, report)


def test_moving_items_renumbers_them(meeting, governance_officer):
    a = agenda.add_item(meeting, governance_officer, title="A")
    agenda.add_item(meeting, governance_officer, title="B")
    c = agenda.add_item(meeting, governance_officer, title="C")
    agenda.move_item(c, governance_officer, "up")
    assert titles(meeting, governance_officer) == [("1", "A"), ("2", "C"), ("3", "B")]
    agenda.move_item(a, governance_officer, "up")  # already first: nothing happens
    agenda.move_item(a, governance_officer, "down")
    assert titles(meeting, governance_officer) == [("1", "C"), ("2", "A"), ("3", "B")]


def test_reorder_sets_a_parts_order_and_keeps_part_2_at_the_end(meeting, governance_officer):
    a = agenda.add_item(meeting, governance_officer, title="A")
    b = agenda.add_item(meeting, governance_officer, title="B")
    x = agenda.add_item(meeting, governance_officer, title="X", part=2, exempt_paragraph=1)
    agenda.reorder(meeting, governance_officer, [b.pk, a.pk])
    assert titles(meeting, governance_officer) == [("1", "B"), ("2", "A"), ("3", "X")]
    with pytest.raises(AgendaError, match="each part on its own"):
        agenda.reorder(meeting, governance_officer, [x.pk, a.pk, b.pk])
    with pytest.raises(AgendaError, match="every item"):
        agenda.reorder(meeting, governance_officer, [a.pk])
    with pytest.raises(AgendaError, match="not on this agenda"):
        agenda.reorder(meeting, governance_officer, [a.pk, b.pk, 999999])


def test_editing_and_removing_an_item(meeting, governance_officer):
    item = agenda.add_item(meeting, governance_officer, title="Draft title")
    agenda.update_item(item, governance_officer, title="Final title", description="About it")
    item.refresh_from_db()
    assert (item.title, item.description) == ("Final title", "About it")
    agenda.remove_item(item, governance_officer)
    assert not meeting.agenda_items.exists()


@pytest.mark.parametrize("persona", ["author", "committee_member", "approver"])
def test_only_governance_officers_build_agendas(meeting, governance_officer, persona, request):
    user = request.getfixturevalue(persona)
    item = agenda.add_item(meeting, governance_officer, title="A")
    for attempt in (
        lambda: agenda.add_opening_items(meeting, user),
        lambda: agenda.add_item(meeting, user, title="B"),
        lambda: agenda.update_item(item, user, title="C"),
        lambda: agenda.move_item(item, user, "down"),
        lambda: agenda.remove_item(item, user),
        lambda: agenda.reorder(meeting, user, [item.pk]),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["A"]


def test_a_cancelled_meetings_agenda_cannot_change(meeting, governance_officer):
    meeting.status = meeting.Status.CANCELLED
    meeting.save()
    with pytest.raises(AgendaError, match="cancelled"):
        agenda.add_item(meeting, governance_officer, title="A")


def test_the_public_sees_no_agenda_before_publication(meeting, governance_officer, client):
    agenda.add_item(meeting, governance_officer, title="A")
    from django.contrib.auth.models import AnonymousUser

    assert not agendas.agenda_for(meeting, AnonymousUser())


def test_putting_a_report_on_an_agenda_sets_its_meeting(client, meeting, governance_officer, committee):
    report = make_report(committee, title="Libraries review", status=Report.Status.APPROVED)
    assert report.meeting is None
    agenda.add_report_item(meeting, governance_officer, report)
    report.refresh_from_db()
    assert report.meeting == meeting
    client.force_login(governance_officer)
    staff_page = client.get(reverse("reports:report_manage", args=[report.pk])).content.decode()
    assert "Not decided yet" not in staff_page and "Tuesday 21 February 2017" in staff_page

    # Published with the agenda, the report's header gives the meeting's date, linked to its page.
    publication.publish_agenda(meeting, governance_officer, late_reason=AgendaPublication.LateReason.URGENCY)
    client.logout()
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    meeting_link = settings.SITE_URL + reverse("committee:meeting_detail", args=[meeting.pk])
    assert re.search(
        rf'<a [^>]*href="{re.escape(meeting_link)}"><time datetime="2017-02-21">21 February 2017</time></a>', page
    )


def test_an_item_the_admin_adds_to_a_published_agenda_waits_for_its_supplementary_agenda(
    client, meeting, governance_officer, administrator
):
    agenda.add_item(meeting, governance_officer, title="Apologies")
    publication.publish_agenda(meeting, governance_officer, late_reason=AgendaPublication.LateReason.URGENCY)
    client.force_login(administrator)
    response = client.post(
        reverse("admin:committee_agendaitem_add"),
        {"meeting": meeting.pk, "position": 9, "title": "Late admin item", "kind": "procedural", "part": 1},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = AgendaItem.objects.get(title="Late admin item")
    assert item.is_supplementary and item.publication is None
    client.logout()
    page = client.get(reverse("committee:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Apologies" in page and "Late admin item" not in page
