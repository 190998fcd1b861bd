import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from committee import agenda
from committee.agenda import AgendaError
from committee.models import AgendaPublication, Meeting
from publishing import publication as publishing
from reports import agendas
from reports.models import Report
from tests.conftest import make_report

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
    assert built.agenda_items.filter(publication=publication).count() == 5


def test_it_refuses_publish_while_reports_are_not_approved_and_lists_them(built, governance_officer, committee):
    draft = make_report(committee, title="School places strategy")
    cleared = make_report(committee, title="Complaints report", status=Report.Status.CLEARED)
    agenda.add_report_item(built, governance_officer, draft)
    agenda.add_report_item(built, governance_officer, cleared)
    with pytest.raises(publishing.PublishRefused) as refused:
        publishing.publish_agenda(built, governance_officer, now=IN_TIME)
    assert {r.title for r in refused.value.reports} == {"School places strategy", "Complaints report"}
    assert "School places strategy" in str(refused.value) and "(draft)" in str(refused.value)
    built.refresh_from_db()
    assert built.agenda_published_at is None
    assert not AgendaPublication.objects.exists()
    assert Report.objects.get(title="Libraries review").status == Report.Status.APPROVED


def test_it_warns_when_late_and_needs_a_reason(built, governance_officer):
    check = publishing.check_publication(built, today=LATE.date())
    assert check.is_late and check.deadline == datetime.date(2017, 2, 13)
    with pytest.raises(publishing.LateReasonRequired, match="Monday 13 February 2017"):
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
    assert "Late item" in built.late_publication_reason and "Awaiting Ofsted letter" in built.late_publication_reason


def test_a_reason_given_in_time_is_not_recorded(built, governance_officer):
    publication = publishing.publish_agenda(built, governance_officer, late_reason="urgency", now=IN_TIME)
    assert not publication.was_late and publication.late_reason == ""


def test_it_publishes_only_once(built, governance_officer):
    publishing.publish_agenda(built, governance_officer, now=IN_TIME)
    with pytest.raises(AgendaError, match="already published"):
        publishing.publish_agenda(built, governance_officer, now=IN_TIME)


def test_an_empty_or_cancelled_agenda_is_not_published(meeting, governance_officer):
    with pytest.raises(AgendaError, match="no items"):
        publishing.publish_agenda(meeting, governance_officer, now=IN_TIME)
    agenda.add_item(meeting, governance_officer, title="A")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    with pytest.raises(AgendaError, match="cancelled"):
        publishing.publish_agenda(meeting, governance_officer, now=IN_TIME)


@pytest.mark.parametrize("persona", ["author", "committee_member", "approver"])
def test_only_governance_officers_publish(built, persona, request):
    with pytest.raises(PermissionDenied):
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
    with pytest.raises(AgendaError, match="Publish the agenda first"):
        publishing.publish_supplementary(built, governance_officer, now=IN_TIME)
    publishing.publish_agenda(built, governance_officer, now=IN_TIME)
    with pytest.raises(AgendaError, match="nothing new"):
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
    agenda.update_item(item, governance_officer, title="Urgent business")
    agenda.remove_item(item, governance_officer)
