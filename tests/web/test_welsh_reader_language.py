"""What a reader at a /cy/ address reads of the council's own words: its Welsh name on pages, files and
in open data; a published report's status in Welsh (worded again from the revision, not as it was
stored); the text file's headings, appendix notices and the note that appendices are in English."""

from __future__ import annotations

import html

import pytest

from committee import access
from reports import workflow
from tests.conftest import make_user
from tests.opendata_builders import add_appendix
from tests.report_builders import bilingual_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def with_appendices(welsh_council, committee):
    report = bilingual_report(committee)
    plans = add_appendix(report, "Site plans", name="plans.pdf")
    plans.title_cy = "Cynlluniau'r safle"
    plans.position = 0
    plans.save()
    prices = add_appendix(report, "Tender prices", name="prices.pdf")
    prices.title_cy = "Prisiau'r tendrau"
    prices.position = 1
    prices.exempt_paragraph = 14
    prices.save()
    workflow.publish(report, make_user("officer", access.GOVERNANCE_OFFICERS))
    return report


def test_the_status_names_exempt_appendices_in_the_readers_language(client, with_appendices):
    welsh = client.get(f"/cy/reports/{with_appendices.pk}/").content.decode()
    assert "Cyhoeddus, gydag atodiad eithriedig B (paragraff 14)" in welsh
    assert "Public, with" not in welsh
    english = client.get(f"/reports/{with_appendices.pk}/").content.decode()
    assert "Public, with exempt appendix B (paragraph 14)" in english and "Cyhoeddus" not in english


def test_the_welsh_text_file_is_welsh_and_says_the_appendices_are_in_english(client, with_appendices):
    text = client.get(f"/cy/reports/{with_appendices.pk}/text/").content.decode()
    assert text.startswith("Cyngor Sir Ddinbych\n")
    assert "Atodiadau" in text and "Atodiad A – Cynlluniau'r safle" in text
    flat = " ".join(text.split())
    assert "Nid yw'r atodiad i'r adroddiad hwn ar gael yn Gymraeg, yn unol â Chynllun Iaith Gymraeg y Cyngor." in flat
    assert "Atodiad B — Prisiau'r tendrau: nid i'w gyhoeddi, wedi'i eithrio o dan baragraff 14 o Ran 4" in flat
    assert "Cyhoeddus, gydag atodiad eithriedig B (paragraff 14)" in flat
    for english in ("Appendices", "Appendix ", "not for publication", "Public, with", "None"):
        assert english not in text
    plain = client.get(f"/reports/{with_appendices.pk}/text/").content.decode()
    assert plain.startswith("Denbighshire County Council\n") and "Appendix A – Site plans" in plain
    assert "not available in Welsh" not in plain


def test_the_welsh_report_page_says_the_appendices_are_in_english(client, with_appendices):
    welsh = html.unescape(client.get(f"/cy/reports/{with_appendices.pk}/").content.decode())
    assert "Nid yw'r atodiad i'r adroddiad hwn ar gael yn Gymraeg" in welsh
    assert "not available in Welsh" not in client.get(f"/reports/{with_appendices.pk}/").content.decode()


def test_welsh_pages_name_the_council_in_welsh(client, welsh_council):
    welsh = client.get("/cy/").content.decode()
    assert '<span class="council-header__name">Cyngor Sir Ddinbych</span>' in welsh
    assert "Denbighshire County Council" not in welsh
    english = client.get("/").content.decode()
    assert '<span class="council-header__name">Denbighshire County Council</span>' in english


def test_an_english_council_without_a_welsh_name_keeps_its_name_on_welsh_pages(client, db):
    from tests.committee.test_council import save_council

    save_council(name="Barnet Council")
    assert '<span class="council-header__name">Barnet Council</span>' in client.get("/cy/").content.decode()


def test_open_data_names_the_council_in_both_languages(client, welsh_council, committee):
    from tests.oparl_validation import validate_object

    body = client.get("/oparl/v1/body/1").json()
    assert body["name"] == "Denbighshire County Council" and body["keyword"] == ["Cyngor Sir Ddinbych"]
    validate_object(body)


def test_the_agenda_builder_names_a_reports_exempt_parts_in_the_readers_language(client, with_appendices, meeting):
    from committee.models import AgendaItem

    AgendaItem.objects.create(meeting=meeting, title="Depot contract", kind="report", report=with_appendices)
    client.force_login(make_user("governance", access.GOVERNANCE_OFFICERS))
    welsh = html.unescape(client.get(f"/cy/manage/meetings/{meeting.pk}/agenda/").content.decode())
    assert "Cyhoeddus, gydag atodiad eithriedig B (paragraff 14)" in welsh
    assert "Public, with" not in welsh
    english = client.get(f"/manage/meetings/{meeting.pk}/agenda/").content.decode()
    assert "Public, with exempt appendix B (paragraph 14)" in english and "Cyhoeddus" not in english


def test_a_step_taken_on_a_welsh_page_says_it_is_done_in_welsh(client, meeting):
    from django.urls import reverse, translate_url

    client.force_login(make_user("governance", access.GOVERNANCE_OFFICERS))
    path = translate_url(reverse("committee:agenda_opening_items", args=[meeting.pk]), "cy")
    assert path.startswith("/cy/")
    page = html.unescape(client.post(path, follow=True).content.decode())
    assert "Ychwanegwyd yr eitemau agoriadol arferol." in page and "Standard opening items added." not in page
    item = meeting.agenda_items.order_by("position").last()
    english = client.post(reverse("committee:agenda_item_move", args=[meeting.pk, item.pk, "up"]), follow=True)
    assert "Item moved." in english.content.decode()
