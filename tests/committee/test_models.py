"""Database constraints keep the council's rules even when a form forgets them."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from committee.models import AgendaItem, Membership, Person, WorkProgrammeItem
from reports.models import BackgroundPaper, Report, SignOff
from tests.conftest import make_meeting, make_report

pytestmark = pytest.mark.django_db


def refused(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_an_exempt_report_must_give_its_schedule_12a_paragraph(committee):
    refused(lambda: make_report(committee, is_exempt=True))
    refused(lambda: make_report(committee, is_exempt=True, exempt_paragraph=8))
    refused(lambda: make_report(committee, is_exempt=False, exempt_paragraph=3))
    assert make_report(committee, is_exempt=True, exempt_paragraph=3).status_label.startswith("Exempt")


def test_a_part_2_agenda_item_needs_a_paragraph_and_a_part_1_item_has_none(meeting):
    refused(lambda: AgendaItem.objects.create(meeting=meeting, title="Land sale", part=2))
    refused(lambda: AgendaItem.objects.create(meeting=meeting, title="Apologies", part=1, exempt_paragraph=1))
    AgendaItem.objects.create(meeting=meeting, title="Land sale", part=2, exempt_paragraph=3)


def test_an_exempt_work_programme_item_needs_a_paragraph(committee):
    refused(lambda: WorkProgrammeItem.objects.create(committee=committee, title="Contract", is_exempt=True))
    WorkProgrammeItem.objects.create(committee=committee, title="Contract", is_exempt=True, exempt_paragraph=3)


def test_a_membership_cannot_end_before_it_starts(committee):
    person = Person.objects.create(name="Cllr A")
    refused(
        lambda: Membership.objects.create(
            person=person,
            committee=committee,
            start_date=datetime.date(2026, 5, 1),
            end_date=datetime.date(2026, 4, 1),
        )
    )


def test_a_committee_cannot_be_its_own_parent(committee):
    committee.parent = committee
    refused(committee.save)


def test_a_background_paper_needs_a_link_or_a_file(committee):
    report = make_report(committee)
    refused(lambda: BackgroundPaper.objects.create(report=report, title="Nothing"))
    BackgroundPaper.objects.create(report=report, title="HMIC report", url="https://example.org/r.pdf")


def test_one_sign_off_per_role(committee):
    report = make_report(committee)
    SignOff.objects.create(report=report, role="legal")
    refused(lambda: SignOff.objects.create(report=report, role="legal"))


def test_report_deadline_is_the_publication_deadline_less_the_committees_lead_time(committee):
    meeting = make_meeting(committee, datetime.date(2017, 2, 21))
    assert meeting.statutory_publication_deadline() == datetime.date(2017, 2, 13)
    assert meeting.report_deadline() == datetime.date(2017, 2, 6)


def test_published_and_public_querysets(committee):
    make_report(committee, title="Draft")
    make_report(committee, title="Exempt", status="published", is_exempt=True, exempt_paragraph=1)
    make_report(committee, title="Public", status="published")
    assert set(Report.objects.published().values_list("title", flat=True)) == {"Exempt", "Public"}
    assert list(Report.objects.public().values_list("title", flat=True)) == ["Public"]
