import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from committee import agenda
from committee.models import AgendaPublication, Meeting, Venue
from reports import agendas
from reports.models import Report
from tests.conftest import make_report

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def officer_client(client, governance_officer):
    client.force_login(governance_officer)
    return client


def post_urls(meeting, item):
    return [
        reverse("committee:agenda_opening_items", args=[meeting.pk]),
        reverse("committee:agenda_item_add", args=[meeting.pk]),
        reverse("committee:agenda_report_add", args=[meeting.pk]),
        reverse("committee:agenda_item_move", args=[meeting.pk, item.pk, "up"]),
        reverse("committee:agenda_item_remove", args=[meeting.pk, item.pk]),
        reverse("committee:agenda_publish", args=[meeting.pk]),
        reverse("committee:agenda_publish_supplementary", args=[meeting.pk]),
    ]


def test_state_changes_refuse_get(officer_client, meeting, governance_officer):
    item = agenda.add_item(meeting, governance_officer, title="A")
    for url in post_urls(meeting, item):
        assert officer_client.get(url).status_code == 405, url


def test_anonymous_visitors_are_sent_to_sign_in(client, meeting, governance_officer):
    item = agenda.add_item(meeting, governance_officer, title="A")
    for url in post_urls(meeting, item):
        response = client.post(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    response = client.get(reverse("committee:agenda_build", args=[meeting.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["author", "committee_member", "approver"])
def test_other_staff_and_members_are_refused(client, meeting, governance_officer, persona, request):
    item = agenda.add_item(meeting, governance_officer, title="A")
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("committee:agenda_build", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("committee:meetings_manage")).status_code == 403
    for url in post_urls(meeting, item):
        assert client.post(url).status_code == 403, url
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["A"]


def test_an_unknown_meeting_is_404(officer_client):
    assert officer_client.get(reverse("committee:agenda_build", args=[999999])).status_code == 404


def test_building_and_publishing_an_agenda_through_the_pages(officer_client, meeting, committee):
    report = make_report(committee, title="Libraries review", status=Report.Status.APPROVED)
    secret = make_report(
        committee, title="Contract award", status=Report.Status.APPROVED, is_exempt=True, exempt_paragraph=3
    )
    build = reverse("committee:agenda_build", args=[meeting.pk])
    officer_client.post(reverse("committee:agenda_opening_items", args=[meeting.pk]))
    officer_client.post(reverse("committee:agenda_report_add", args=[meeting.pk]), {"report": report.pk})
    officer_client.post(reverse("committee:agenda_report_add", args=[meeting.pk]), {"report": secret.pk})
    officer_client.post(
        reverse("committee:agenda_item_add", args=[meeting.pk]), {"title": "Any other business", "part": 1}
    )
    page = officer_client.get(build).content.decode()
    assert "Apologies for absence" in page and "Libraries review" in page
    assert "Motion to exclude the press and public" in page and "Exempt: paragraph 3" in page
    with time_machine.travel(datetime.datetime(2017, 2, 10, 9, tzinfo=LONDON)):
        response = officer_client.post(reverse("committee:agenda_publish", args=[meeting.pk]), follow=True)
    assert "The agenda and its reports are published." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.agenda_is_published
    assert Report.objects.get(pk=report.pk).status == Report.Status.PUBLISHED


def test_publish_refused_lists_the_unapproved_reports(officer_client, meeting, committee, governance_officer):
    agenda.add_report_item(meeting, governance_officer, make_report(committee, title="School places strategy"))
    build = reverse("committee:agenda_build", args=[meeting.pk])
    assert "These reports are not approved yet" in officer_client.get(build).content.decode()
    response = officer_client.post(reverse("committee:agenda_publish", args=[meeting.pk]), follow=True)
    assert "School places strategy" in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.agenda_is_published


def test_a_late_publication_asks_for_and_records_a_reason(officer_client, meeting, governance_officer):
    agenda.add_item(meeting, governance_officer, title="Budget")
    publish = reverse("committee:agenda_publish", args=[meeting.pk])
    with time_machine.travel(datetime.datetime(2017, 2, 16, 9, tzinfo=LONDON)):
        page = officer_client.get(reverse("committee:agenda_build", args=[meeting.pk])).content.decode()
        assert "Publishing now is late" in page
        refused = officer_client.post(publish, follow=True).content.decode()
        assert "Say why this is late" in refused
        officer_client.post(publish, {"late_reason": "urgency", "late_reason_detail": "Chair agreed"})
    publication = AgendaPublication.objects.get(meeting=meeting)
    assert publication.was_late and publication.late_reason == "urgency"
    assert publication.late_reason_detail == "Chair agreed"


def test_an_exempt_item_without_a_paragraph_is_refused_with_a_message(officer_client, meeting):
    response = officer_client.post(
        reverse("committee:agenda_item_add", args=[meeting.pk]), {"title": "Secret", "part": 2}, follow=True
    )
    assert "Choose the Schedule 12A paragraph" in response.content.decode()
    assert not meeting.agenda_items.exists()


def test_moving_editing_and_removing_items(officer_client, meeting, governance_officer):
    a = agenda.add_item(meeting, governance_officer, title="A")
    b = agenda.add_item(meeting, governance_officer, title="B")
    officer_client.post(reverse("committee:agenda_item_move", args=[meeting.pk, b.pk, "up"]))
    assert [e.item.title for e in agendas.agenda_for(meeting, governance_officer).entries] == ["B", "A"]
    edit = reverse("committee:agenda_item_edit", args=[meeting.pk, a.pk])
    assert officer_client.get(edit).status_code == 200
    officer_client.post(edit, {"title": "A, renamed", "description": ""})
    officer_client.post(reverse("committee:agenda_item_remove", args=[meeting.pk, b.pk]))
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["A, renamed"]


def test_supplementary_agenda_through_the_pages(officer_client, meeting, governance_officer):
    agenda.add_item(meeting, governance_officer, title="Budget")
    with time_machine.travel(datetime.datetime(2017, 2, 10, 9, tzinfo=LONDON)):
        officer_client.post(reverse("committee:agenda_publish", args=[meeting.pk]))
        officer_client.post(reverse("committee:agenda_item_add", args=[meeting.pk]), {"title": "Urgent", "part": 1})
        page = officer_client.get(reverse("committee:agenda_build", args=[meeting.pk])).content.decode()
        assert "Supplementary, not yet published" in page
        officer_client.post(reverse("committee:agenda_publish_supplementary", args=[meeting.pk]))
    assert AgendaPublication.objects.filter(meeting=meeting, kind="supplementary").count() == 1


def test_scheduling_a_meeting_and_a_series(officer_client, committee):
    venue = Venue.objects.create(name="Hendon Town Hall")
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=LONDON)):
        url = reverse("committee:meeting_schedule", args=[committee.slug])
        assert officer_client.get(url).status_code == 200
        officer_client.post(url, {"date": "2026-12-07", "time": "19:00", "venue": venue.pk})
        again = officer_client.post(url, {"date": "2026-12-07", "time": "19:00"})
        assert "already meets" in again.content.decode()
        past = officer_client.post(url, {"date": "2020-12-07", "time": "19:00"})
        assert "must be in the future" in past.content.decode()
        series = reverse("committee:meeting_schedule_series", args=[committee.slug])
        officer_client.post(series, {"first": "2027-01-11", "time": "18:30", "every_weeks": 6, "count": 4})
    assert committee.meetings.count() == 5
    assert committee.meetings.filter(venue=venue).count() == 1


def test_postponing_and_cancelling_show_a_public_notice(officer_client, client, committee, governance_officer):
    from committee import scheduling

    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=LONDON)):
        meeting = scheduling.schedule_meeting(
            committee, governance_officer, datetime.datetime(2026, 12, 7, 19, tzinfo=LONDON)
        )
        url = reverse("committee:meeting_postpone", args=[meeting.pk])
        assert officer_client.get(url).status_code == 200
        assert "Notice for the public" in officer_client.post(url, {"notice": ""}).content.decode()
        officer_client.post(url, {"notice": "Moved to January.", "new_date": "2027-01-11", "new_time": "19:00"})
        meeting.refresh_from_db()
        assert meeting.status == Meeting.Status.POSTPONED
        new = meeting.rescheduled_to
        officer_client.post(reverse("committee:meeting_cancel", args=[new.pk]), {"notice": "Not quorate."})
        new.refresh_from_db()
        assert new.status == Meeting.Status.CANCELLED and new.status_notice == "Not quorate."


def test_a_refused_item_or_late_publication_comes_back_with_what_was_typed(officer_client, meeting, governance_officer):
    add = reverse("committee:agenda_item_add", args=[meeting.pk])
    refused = officer_client.post(
        add, {"title": "Land at Brent Cross", "description": "Disposal of the site", "part": 2}
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Choose the Schedule 12A paragraph" in page
    assert 'value="Land at Brent Cross"' in page and "Disposal of the site</textarea>" in page
    assert not meeting.agenda_items.exists()

    wrong_report = officer_client.post(reverse("committee:agenda_report_add", args=[meeting.pk]), {"report": 999999})
    assert wrong_report.status_code == 400
    assert "Choose a report for this committee that is not on the agenda yet." in wrong_report.content.decode()

    agenda.add_item(meeting, governance_officer, title="Budget")
    publish = reverse("committee:agenda_publish", args=[meeting.pk])
    with time_machine.travel(datetime.datetime(2017, 2, 16, 9, tzinfo=LONDON)):
        late = officer_client.post(publish, {"late_reason_detail": "The Chair agreed on 15 February."})
    assert late.status_code == 400
    page = late.content.decode()
    assert "Say why this is late" in page and "The Chair agreed on 15 February.</textarea>" in page
    meeting.refresh_from_db()
    assert not meeting.agenda_is_published


def test_an_officer_corrects_the_title_of_a_published_item_and_nothing_else(
    officer_client, client, meeting, governance_officer, author, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import connection

    from documents import packs
    from publishing import publication as publishing

    rebuilt = []
    monkeypatch.setattr(packs, "request_packs", rebuilt.append)

    with time_machine.travel(datetime.datetime(2017, 2, 10, 9, tzinfo=LONDON)):
        item = agenda.add_item(meeting, governance_officer, title="Libraries review", description="Kept")
        publishing.publish_agenda(meeting, governance_officer)
    # Stored before titles were normalised (Word's manual line break): only SQL could mend it until now.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE committee_agendaitem SET title = %s WHERE id = %s", ["Libraries\x0breview", item.pk])
    build = reverse("committee:agenda_build", args=[meeting.pk])
    edit = reverse("committee:agenda_item_edit", args=[meeting.pk, item.pk])
    assert edit in officer_client.get(build).content.decode()
    page = officer_client.get(edit).content.decode()
    assert "Correct a published item" in page and 'name="description"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(edit, {"title": "Libraries review\x0b2017", "description": "Changed"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.description, item.publication_id is not None) == ("Libraries review 2017", "Kept", True)
    assert "Libraries review 2017" in client.get(meeting.get_absolute_url()).content.decode()
    assert rebuilt == [meeting]  # the packs are rebuilt with the new title
    # Still only for governance officers.
    client.force_login(author)
    assert client.post(edit, {"title": "Mine now"}).status_code == 403
    item.refresh_from_db()
    assert item.title == "Libraries review 2017"


def test_a_past_meeting_is_recorded_as_history_and_its_agenda_published_as_a_record(
    officer_client, client, committee, governance_officer
):
    report = make_report(committee, title="Libraries review", status=Report.Status.APPROVED)
    url = reverse("committee:meeting_schedule", args=[committee.slug])
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=LONDON)):
        future = officer_client.post(url, {"date": "2026-12-07", "time": "19:00", "already_held": "on"})
        assert "must already have taken place" in future.content.decode()
        response = officer_client.post(url, {"date": "2025-03-04", "time": "18:00", "already_held": "on"})
    meeting = committee.meetings.get()
    assert response.status_code == 302
    assert (meeting.status, meeting.recorded_as_history) == (Meeting.Status.HELD, True)

    agenda.add_report_item(meeting, governance_officer, report)
    page = officer_client.get(reverse("committee:agenda_build", args=[meeting.pk])).content.decode()
    assert "Publishing now is late" not in page
    assert "None: the meeting is recorded as history" in page
    # Published with no lateness reason asked: a record, not a late notice.
    officer_client.post(reverse("committee:agenda_publish", args=[meeting.pk]))
    publication = AgendaPublication.objects.get(meeting=meeting)
    assert not publication.was_late and publication.late_reason == ""
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
    public = client.get(reverse("committee:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Historical record" in public and "published after the meeting, as a record" in public


def test_a_meeting_that_simply_passed_still_needs_a_lateness_reason(officer_client, meeting, governance_officer):
    agenda.add_item(meeting, governance_officer, title="Budget")
    with time_machine.travel(datetime.datetime(2017, 3, 1, 9, tzinfo=LONDON)):
        refused = officer_client.post(reverse("committee:agenda_publish", args=[meeting.pk]), follow=True)
    assert "Say why this is late" in refused.content.decode()
    assert not AgendaPublication.objects.exists()
