"""A Welsh council's members read Part 2 in Welsh: the members' edition of a report and the members'
agenda pack are made in Welsh too, tagged `cy`, their text Welsh, their exempt parts in place; the
pack's page numbers, banners and notices are in the pack's language."""

from __future__ import annotations

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from committee import agenda
from committee.models import AgendaPack
from documents import packs
from publishing import publication as publishing
from reports.models import RenderedPdf, Report
from tests.conftest import make_report
from tests.documents.test_pdf_tagging import tagging
from tests.documents.test_report_pdf_store import body, publish, run_pdf_tasks
from tests.report_builders import translated_report

pytestmark = pytest.mark.django_db
IN_TIME = datetime.datetime(2017, 2, 13, 12, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_a_member_reading_in_welsh_gets_the_members_edition_in_welsh(
    client, welsh_council, committee, governance_officer, committee_member, django_capture_on_commit_callbacks
):
    report = translated_report(committee)
    revision = publish(report, governance_officer, django_capture_on_commit_callbacks)
    run_pdf_tasks()  # a Welsh council's worker renders the Welsh editions at publication
    kept = RenderedPdf.objects.get(members_welsh_revision=revision)
    assert kept.file.name == f"reports/{report.pk}/members-welsh/revision-{revision.number}.pdf"

    client.force_login(committee_member)
    data = body(client.get(f"/cy/reports/{report.pk}/pdf/"))
    assert tagging(data).lang == "cy"
    text = pdf_text(data)
    assert "Y cynnig isaf oedd 90,000." in text  # the exempt passage, in place, in Welsh
    assert "Mae'r depo yn hen." in text and "CEFNDIR" in text and "Tudalen 1 o" in text
    assert "The lowest bid" not in text and "The depot is old" not in text
    assert text.index("Cyngor Sir Ddinbych") < text.index("Denbighshire County Council")  # the masthead
    # The title block's status names the exempt passage in Welsh, not as it was stored.
    assert "Cyhoeddus, gyda darnau eithriedig (paragraff 14)" in text and "Public, with" not in text

    english = pdf_text(body(client.get(f"/reports/{report.pk}/pdf/")))
    assert "The lowest bid was 90,000." in english and "Y cynnig isaf" not in english
    assert "Public, with exempt passages (paragraph 14)" in english


def test_the_public_reading_in_welsh_never_gets_the_members_edition(
    client, welsh_council, committee, governance_officer, django_capture_on_commit_callbacks
):
    report = translated_report(committee)
    publish(report, governance_officer, django_capture_on_commit_callbacks)
    run_pdf_tasks()
    text = pdf_text(body(client.get(f"/cy/reports/{report.pk}/pdf/")))
    assert "Mae'r depo yn hen." in text
    assert "90,000" not in text
    assert "Mae'r paragraff hwn yn cynnwys gwybodaeth eithriedig (paragraff 14 o Atodlen 12A)" in text


@pytest.fixture
def welsh_packs(welsh_council, meeting, committee, governance_officer, django_capture_on_commit_callbacks):
    committee.name_cy = "Pwyllgor Plant"
    committee.save()
    public = translated_report(committee)
    exempt = make_report(
        committee,
        status=Report.Status.APPROVED,
        title="Award of contract",
        title_cy="Dyfarnu contract",
        report_of_cy="Cyfarwyddwr Comisiynu",
        summary="<p>The winning bidder.</p>",
        summary_cy="<p>Y cynigydd llwyddiannus.</p>",
        is_exempt=True,
        exempt_paragraph=14,
    )
    agenda.add_opening_items(meeting, governance_officer)
    for report in (public, exempt):
        agenda.add_report_item(meeting, governance_officer, report)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_agenda(meeting, governance_officer, now=IN_TIME)
    for pk in AgendaPack.objects.filter(status=AgendaPack.Status.QUEUED).values_list("pk", flat=True):
        packs.build_pack.call(pk)
    return {pack.variant: pack for pack in AgendaPack.objects.filter(meeting=meeting)}


def pages_of(pack: AgendaPack) -> tuple[bytes, list[str]]:
    with pack.file.open("rb") as handle:
        data = handle.read()
    return data, [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def test_a_welsh_council_builds_its_members_pack_in_welsh_too(welsh_packs):
    assert set(welsh_packs) == {"public", "welsh", "members", "members_welsh"}
    data, pages = pages_of(welsh_packs["members_welsh"])
    assert tagging(data).lang == "cy"
    text = " ".join(pages)
    assert "Y cynnig isaf oedd 90,000." in text and "Y cynigydd llwyddiannus." in text  # Part 2, in Welsh
    assert "The lowest bid" not in text and "The winning bidder" not in text
    assert "Eithriedig — nid i'w gyhoeddi: paragraff 14 o Atodlen 12A" in text
    assert "Exempt — not for publication" not in text
    # The cover's notice and the agenda, bilingual, Welsh first.
    assert "Pecyn yr aelodau: yn cynnwys papurau eithriedig (Rhan 2). Nid i'w gyhoeddi. / Members' pack" in text


def test_the_welsh_packs_number_their_pages_in_welsh(welsh_packs):
    for variant in ("welsh", "members_welsh"):
        _data, pages = pages_of(welsh_packs[variant])
        for number, page in enumerate(pages, start=1):
            assert f"Tudalen {number} o {len(pages)}" in page
            assert f"Page {number} of" not in page
        agenda_text = " ".join(pages[:2])
        assert "Tudalen 3" in agenda_text or "Tudalen 4" in agenda_text  # the agenda's page references
    _data, english = pages_of(welsh_packs["public"])
    assert all(f"Page {number} of {len(english)}" in page for number, page in enumerate(english, start=1))


def test_only_those_entitled_to_part_2_download_the_welsh_members_pack(client, welsh_packs, committee_member):
    pack = welsh_packs["members_welsh"]
    address = f"/meetings/{pack.meeting_id}/pack/members_welsh.pdf"
    assert client.get(address).status_code == 404
    client.force_login(committee_member)
    response = client.get(address)
    assert response.status_code == 200 and "-members-cy.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
