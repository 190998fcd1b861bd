import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from committee import agenda
from committee.agenda import AgendaError
from committee.models import AgendaItem, AgendaPublication, Meeting
from publishing import publication as publishing
from reports import agendas
from reports.models import Report
from tests.conftest import make_meeting, make_report

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
# The fixture meeting is Tuesday 21 February 2017: five clear working days means publishing by Monday 13th.
IN_TIME = datetime.datetime(2017, 2, 13, 16, 0, tzinfo=LONDON)
LATE = datetime.datetime(2017, 2, 16, 9, 0, tzinfo=LONDON)


@pytest.fixture
def approved(committee):
    return make_report(committee, title="Libraries review", status=Report.Status.APPROVED)


@pytest.fixture
def built(meeting, governance_officer, approved):
    agenda.add_opening_items(meeting, governance_officer)
    agenda.add_report_item(meeting, governance_officer, approved)
    return meeting


def test_the_deadline_is_five_clear_working_days_before(meeting):
    assert meeting.statutory_publication_deadline() == datetime.date(2017, 2, 13)


def test_publishing_in_time_publishes_the_agenda_and_its_reports(built, governance_officer, approved):
    publication = publishing.publish_agenda(built, governance_officer, now=IN_TIME)
    built.refresh_from_db()
    approved.refresh_from_db()
    assert built.agenda_published_at == IN_TIME
    assert approved.status == Report.Status.PUBLISHED
    assert publication.kind == AgendaPublication.Kind.AGENDA
    assert not publication.was_late and publication.late_reason == ""
    assert built.agenda_items.filter(publication=publication, modified=IN_TIME).count() == 5
    assert publication.published_by == governance_officer and publication.published_at == IN_TIME


def test_it_refuses_publish_while_reports_are_not_approved_and_lists_them(built, governance_officer, committee):
    draft = make_report(committee, title="School places strategy")
    cleared = make_report(committee, title="Complaints report", status=Report.Status.CLEARED)
    agenda.add_report_item(built, governance_officer, draft)
    agenda.add_report_item(built, governance_officer, cleared)
    with pytest.raises(publishing.PublishRefused) as refused:
        publishing.publish_agenda(built, governance_officer, now=IN_TIME)
    assert {r.title for r in refused.value.reports} == {"School places strategy", "Complaints report"}
    assert str(refused.value) == (
        "These reports are not approved yet: “School places strategy” (draft); “Complaints report” (cleared)."
    )
    built.refresh_from_db()
    assert built.agenda_published_at is None
    assert not AgendaPublication.objects.exists()
    assert Report.objects.get(title="Libraries review").status == Report.Status.APPROVED


def test_it_warns_when_late_and_needs_a_reason(built, governance_officer):
    check = publishing.check_publication(built, today=LATE.date())
    assert check.is_late and check.deadline == datetime.date(2017, 2, 13)
    # What the officer is about to publish: the whole agenda, not only supplementary items.
    assert len(check.items) == 5 and check.can_publish
    with pytest.raises(
        publishing.LateReasonRequired,
        match="^The deadline to publish was Monday 13 February 2017. Say why this is late: a late item, or urgency.$",
    ):
        publishing.publish_agenda(built, governance_officer, now=LATE)
    with pytest.raises(publishing.LateReasonRequired):
        publishing.publish_agenda(built, governance_officer, late_reason="because", now=LATE)
    built.refresh_from_db()
    assert built.agenda_published_at is None


def test_a_late_publication_records_its_reason(built, governance_officer):
    publication = publishing.publish_agenda(
        built, governance_officer, late_reason="late_item", late_reason_detail="Awaiting Ofsted letter", now=LATE
    )
    built.refresh_from_db()
    assert publication.was_late and publication.late_reason == AgendaPublication.LateReason.LATE_ITEM
    assert publication.late_reason_detail == "Awaiting Ofsted letter"
    assert "Late item" in built.late_publication_reason and "Awaiting Ofsted letter" in built.late_publication_reason


def test_a_reason_given_in_time_is_not_recorded(built, governance_officer):
    publication = publishing.publish_agenda(
        built, governance_officer, late_reason="urgency", late_reason_detail="Chair agreed", now=IN_TIME
    )
    assert not publication.was_late and publication.late_reason == "" and publication.late_reason_detail == ""
    assert Meeting.objects.get(pk=built.pk).late_publication_reason == ""


def test_each_late_publication_adds_its_reason_on_a_line_of_its_own(built, governance_officer, committee):
    publishing.publish_agenda(built, governance_officer, late_reason="urgency", now=LATE)
    agenda.add_report_item(built, governance_officer, make_report(committee, status=Report.Status.APPROVED))
    publishing.publish_supplementary(
        built, governance_officer, late_reason="late_item", late_reason_detail="Awaiting Ofsted letter", now=LATE
    )
    assert Meeting.objects.get(pk=built.pk).late_publication_reason == (
        "Agenda: Urgency: the chair agreed the matter cannot wait until the next meeting\n"
        "Supplementary agenda: Late item: the report could not be available in time — Awaiting Ofsted letter"
    )


def test_it_publishes_only_once(built, governance_officer):
    publishing.publish_agenda(built, governance_officer, now=IN_TIME)
    with pytest.raises(
        AgendaError, match="^The agenda is already published. Add late papers as a supplementary agenda.$"
    ):
        publishing.publish_agenda(built, governance_officer, now=IN_TIME)


def test_an_empty_or_cancelled_agenda_is_not_published(meeting, governance_officer):
    with pytest.raises(AgendaError, match="^The agenda has no items.$"):
        publishing.publish_agenda(meeting, governance_officer, now=IN_TIME)
    agenda.add_item(meeting, governance_officer, title="A")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    with pytest.raises(AgendaError, match="^This meeting is cancelled: there is no agenda to publish.$"):
        publishing.publish_agenda(meeting, governance_officer, now=IN_TIME)


@pytest.mark.parametrize("persona", ["author", "committee_member", "approver"])
def test_only_governance_officers_publish(built, persona, request):
    with pytest.raises(PermissionDenied, match="^Only governance officers publish agendas.$"):
        publishing.publish_agenda(built, request.getfixturevalue(persona), now=IN_TIME)


def test_a_supplementary_agenda_adds_late_papers_after_publication(built, governance_officer, committee):
    publishing.publish_agenda(built, governance_officer, now=IN_TIME)
    built.refresh_from_db()
    late = make_report(committee, title="Ofsted monitoring letter", status=Report.Status.APPROVED)
    item = agenda.add_report_item(built, governance_officer, late)
    assert item.is_supplementary
    # Not public until its supplementary agenda is published.
    public_titles = [e.item.title for e in agendas.agenda_for(built, AnonymousUser()).entries]
    assert "Libraries review" in public_titles and "Ofsted monitoring letter" not in public_titles
    with pytest.raises(publishing.LateReasonRequired):
        publishing.publish_supplementary(built, governance_officer, now=LATE)
    supplement = publishing.publish_supplementary(built, governance_officer, late_reason="late_item", now=LATE)
    assert supplement.kind == AgendaPublication.Kind.SUPPLEMENTARY and supplement.was_late
    assert supplement.published_at == LATE
    # No detail given: none is invented for the record.
    assert supplement.late_reason_detail == ""
    assert Meeting.objects.get(pk=built.pk).late_publication_reason == (
        "Supplementary agenda: Late item: the report could not be available in time"
    )
    late.refresh_from_db()
    assert late.status == Report.Status.PUBLISHED
    entries = agendas.agenda_for(built, AnonymousUser()).entries
    assert [(e.number, e.item.title, e.item.is_supplementary) for e in entries][-1] == (
        "6",
        "Ofsted monitoring letter",
        True,
    )
    built.refresh_from_db()
    assert built.agenda_published_at == IN_TIME  # the original publication date stands


def test_a_supplementary_agenda_needs_a_published_agenda_and_something_new(built, governance_officer):
    with pytest.raises(AgendaError, match="^Publish the agenda first; a supplementary agenda follows it.$"):
        publishing.publish_supplementary(built, governance_officer, now=IN_TIME)
    publishing.publish_agenda(built, governance_officer, now=IN_TIME)
    with pytest.raises(AgendaError, match="^There is nothing new to publish.$"):
        publishing.publish_supplementary(built, governance_officer, late_reason="urgency", now=LATE)


def test_a_supplementary_item_with_an_unapproved_report_is_refused(built, governance_officer, committee):
    publishing.publish_agenda(built, governance_officer, now=IN_TIME)
    agenda.add_report_item(built, governance_officer, make_report(committee, title="Unfinished"))
    with pytest.raises(publishing.PublishRefused, match="Unfinished"):
        publishing.publish_supplementary(built, governance_officer, late_reason="urgency", now=LATE)


def test_published_items_are_frozen(built, governance_officer):
    publishing.publish_agenda(built, governance_officer, now=IN_TIME)
    item = built.agenda_items.first()
    with pytest.raises(AgendaError, match="published agenda"):
        agenda.update_item(item, governance_officer, title="Changed")
    with pytest.raises(AgendaError, match="published agenda"):
        agenda.remove_item(item, governance_officer)
    with pytest.raises(AgendaError, match="published"):
        agenda.add_opening_items(built, governance_officer)


def test_an_unpublished_supplementary_item_can_still_change(built, governance_officer):
    publishing.publish_agenda(built, governance_officer, now=IN_TIME)
    item = agenda.add_item(built, governance_officer, title="Urgent item")
    assert item.is_supplementary and item.publication_id is None
    agenda.update_item(item, governance_officer, title="Urgent business")
    assert AgendaItem.objects.get(pk=item.pk).title == "Urgent business"
    public_titles = [e.item.title for e in agendas.agenda_for(built, AnonymousUser()).entries]
    assert "Urgent business" not in public_titles, "not public until its supplementary agenda is"
    agenda.remove_item(item, governance_officer)
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


@pytest.fixture
def packs_requested(monkeypatch):
    """The meetings whose agenda packs were asked to be rebuilt (without building them here)."""
    from documents import packs

    requested = []
    monkeypatch.setattr(packs, "request_packs", lambda meeting, **kwargs: requested.append(meeting.pk))
    return requested


def test_publishing_the_agenda_asks_for_its_packs(
    built, governance_officer, packs_requested, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_agenda(built, governance_officer, now=IN_TIME)
    assert packs_requested == [built.pk]


def test_a_correction_refreshes_search_and_packs_of_the_published_agendas_it_is_on(
    meeting, committee, governance_officer, approved, packs_requested, django_capture_on_commit_callbacks, client
):
    # The report on this meeting's agenda, and another meeting's agenda published with other business.
    agenda.add_report_item(meeting, governance_officer, approved)
    publishing.publish_agenda(meeting, governance_officer, now=IN_TIME)
    other = make_meeting(committee, datetime.date(2017, 3, 21))
    agenda.add_item(other, governance_officer, title="Apologies for absence")
    publishing.publish_agenda(other, governance_officer, now=IN_TIME)
    # A meeting the report is also listed for, whose agenda is not yet published.
    later = make_meeting(committee, datetime.date(2017, 4, 25))
    agenda.add_report_item(later, governance_officer, approved)

    Report.objects.filter(pk=approved.pk).update(title="Libraries review: closure of Friern Barnet")
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_correction(Report.objects.get(pk=approved.pk), governance_officer, "Closure added.")

    assert packs_requested == [meeting.pk]
    assert "closure of Friern Barnet" in client.get("/search/?q=Friern").content.decode()
