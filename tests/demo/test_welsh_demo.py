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
    assert "Mynychu o bell" in agenda and "Cyfarfod aml-leoliad yw hwn" in agenda  # multi-location meeting
    english = client.get(item.meeting.get_absolute_url()).content.decode()
    assert "Attending remotely" in english and "This is a multi-location meeting" in english


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


def test_its_packs_have_a_bilingual_cover_and_agenda_and_one_is_all_in_welsh(
    client, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    from committee.models import AgendaPack
    from documents import packs
    from tests.documents.test_pdf_tagging import tagging

    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddemo", council="wales", stdout=io.StringIO())
    report = Report.objects.get(title="Library opening hours")
    for pk in AgendaPack.objects.filter(status=AgendaPack.Status.QUEUED).values_list("pk", flat=True):
        packs.build_pack.call(pk)
    built = {p.variant: p for p in AgendaPack.objects.filter(meeting=report.meeting)}
    assert set(built) == {"public", "welsh"}

    def text_of(pack):
        with pack.file.open("rb") as handle:
            data = handle.read()
        pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]
        return data, pages

    english, pages = text_of(built["public"])
    front = " ".join(pages[:2])
    assert "Dyddiad / Date" in front and "Oriau agor llyfrgelloedd / Library opening hours" in front
    assert "Mynychu o bell / Attending remotely" in front and "Cyfarfod aml-leoliad yw hwn" in front
    assert "Neuadd y Sir, Rhuthun / County Hall, Ruthin" in front  # the venue in both, Welsh first
    assert "The three libraries are open for 32 hours a week." in " ".join(pages)
    welsh, pages = text_of(built["welsh"])
    assert tagging(welsh).lang == "cy"
    assert "Mae'r tair llyfrgell ar agor am 32 awr yr wythnos." in " ".join(pages)
    assert "The three libraries" not in " ".join(pages)
    response = client.get(f"/cy{report.meeting.get_absolute_url()}")
    assert "/pack/welsh.pdf" in response.content.decode()
    download = client.get(f"/meetings/{report.meeting.pk}/pack/welsh.pdf")
    assert download.status_code == 200 and "agenda-pack-" in download["Content-Disposition"]


def test_its_wards_people_and_venue_are_in_welsh_too(welsh_demo, client):
    from committee.models import Person, Ward

    assert Ward.objects.get(name="Ruthin").name_cy == "Rhuthun"
    councillor = Person.objects.get(user__username="councillor")
    assert (councillor.party_cy, councillor.job_title_cy, councillor.ward.name_cy) == (
        "Annibynnol",
        "Aelod Cabinet dros Dai",
        "Rhuthun",
    )
    assert Person.objects.get(user__username="translator").job_title_cy == "Cyfieithydd"
    report = Report.objects.get(title="Library opening hours")
    agenda = client.get(f"/cy{report.meeting.get_absolute_url()}").content.decode()
    assert "Neuadd y Sir, Rhuthun<br>Ffordd Wynnstay<br>Rhuthun<br>LL15 1YN" in agenda
    page = client.get(f"/cy/reports/{report.pk}/").content.decode()
    assert "Dinbych Uchaf / Henllan, De Orllewin y Rhyl, Rhuthun" in page
    assert "Arweinydd Strategol, Llyfrgelloedd" in page
