"""`loaddemo --council wales`: a Welsh council with bilingual committees, a report translated block by
block and published with its bilingual agenda, and a report waiting for its translator."""

import io

import pytest
from django.core.management import call_command

from committee.models import AgendaItem, Committee, Council
from core.council import current_council
from reports import translation
from reports.models import Report, SignOff

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh_demo():
    call_command("loaddemo", council="wales", stdout=io.StringIO())


def test_the_welsh_demo_is_a_welsh_council_with_bilingual_committees(welsh_demo):
    council = current_council()
    assert (council.name, council.welsh_name, council.is_welsh) == (
        "Denbighshire County Council",
        "Cyngor Sir Ddinbych",
        True,
    )
    assert Committee.objects.get(slug="communities-scrutiny-committee").name_cy == "Pwyllgor Craffu Cymunedau"


def test_its_translated_report_is_published_with_a_bilingual_agenda(welsh_demo, client):
    report = Report.objects.get(title="Library opening hours")
    assert report.status == Report.Status.PUBLISHED
    assert not translation.outstanding(report)
    item = AgendaItem.objects.get(report=report)
    assert item.title_cy == "Oriau agor llyfrgelloedd"
    assert item.meeting.agenda_is_published
    opening = item.meeting.agenda_items.exclude(pk=item.pk)
    assert opening.exists() and all(i.title_cy for i in opening)
    page = client.get(f"/cy/reports/{report.pk}/").content.decode()
    assert "Mae'r tair llyfrgell ar agor am 32 awr yr wythnos." in page
    agenda = client.get(f"/cy{item.meeting.get_absolute_url()}").content.decode()
    assert "Oriau agor llyfrgelloedd" in agenda and "Cabinet" in agenda


def test_a_second_report_waits_for_its_translator(welsh_demo, client):
    waiting = Report.objects.get(title="Public toilets strategy")
    assert waiting.status == Report.Status.SUBMITTED
    signoff = waiting.signoffs.get(role=SignOff.Role.TRANSLATION)
    assert signoff.approver.username == "translator"
    client.force_login(signoff.approver)
    page = client.get(f"/reports/{waiting.pk}/welsh/").content.decode()
    assert "These parts have no Welsh yet" in page


def test_loading_it_twice_changes_nothing(welsh_demo):
    counts = (Report.objects.count(), AgendaItem.objects.count(), Committee.objects.count())
    call_command("loaddemo", council="wales", stdout=io.StringIO())
    assert (Report.objects.count(), AgendaItem.objects.count(), Committee.objects.count()) == counts
    assert Council.objects.get().nation == Council.Nation.WALES
