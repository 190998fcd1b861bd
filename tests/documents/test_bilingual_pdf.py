"""A Welsh council's report in Welsh and English in one PDF, set out as the council chooses (the Welsh
then the English, or side by side), made from the public editions and kept with the revision."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from committee.models import Council
from core.council import current_council
from reports.models import Report
from tests.conftest import make_welsh_council
from tests.documents.test_pdf_tagging import tagging
from tests.documents.test_report_pdf_store import body, publish, run_pdf_tasks
from tests.report_builders import translated_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pages_of(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def published(committee, officer, capture) -> Report:
    report = translated_report(committee)
    publish(report, officer, capture)
    run_pdf_tasks()  # a Welsh council's worker renders it at publication
    return report


def test_the_welsh_then_the_english(client, committee, governance_officer, django_capture_on_commit_callbacks):
    make_welsh_council(bilingual_layout=Council.BilingualLayout.SEQUENTIAL)
    report = published(committee, governance_officer, django_capture_on_commit_callbacks)
    response = client.get(f"/reports/{report.pk}/pdf/bilingual/")
    assert response.status_code == 200 and "-cy-en.pdf" in response["Content-Disposition"]
    data = body(response)
    assert tagging(data).lang == "cy" and tagging(data).has_structure
    text = " ".join(pages_of(data))
    assert text.index("Mae'r depo yn hen.") < text.index("The depot is old.")
    assert "Tudalen 1 o" in text and "Page 2 of" in text  # each part's footer in its own language
    assert "90,000" not in text  # the public editions: Part 2 stays in the members' editions
    assert "Mae'r paragraff hwn yn cynnwys gwybodaeth eithriedig" in text and "This paragraph contains" in text


def test_side_by_side_each_part_beside_its_english(
    client, committee, governance_officer, django_capture_on_commit_callbacks
):
    make_welsh_council(bilingual_layout=Council.BilingualLayout.SIDE_BY_SIDE)
    assert current_council().bilingual_layout == "side_by_side"
    report = published(committee, governance_officer, django_capture_on_commit_callbacks)
    data = body(client.get(f"/cy/reports/{report.pk}/pdf/bilingual/"))
    assert tagging(data).lang == "cy"
    pages = pages_of(data)
    assert "Cymraeg" in pages[0] and "English" in pages[0]
    assert "Contract y depo" in pages[0] and "Depot contract" in pages[0]
    together = [page for page in pages if "Mae'r depo yn hen." in page]
    assert together and "The depot is old." in together[0]  # one row: the same page
    assert "Bod y contract yn cael ei ddyfarnu." in " ".join(pages) and "That the contract is awarded." in " ".join(
        pages
    )


def test_the_report_page_offers_it_and_a_draft_has_none(
    client, committee, governance_officer, django_capture_on_commit_callbacks
):
    make_welsh_council(bilingual_layout=Council.BilingualLayout.SEQUENTIAL)
    report = published(committee, governance_officer, django_capture_on_commit_callbacks)
    page = client.get(f"/cy/reports/{report.pk}/").content.decode()
    assert f'href="/cy/reports/{report.pk}/pdf/bilingual/"' in page
    draft = translated_report(committee)
    client.force_login(governance_officer)
    assert client.get(f"/reports/{draft.pk}/pdf/bilingual/").status_code == 404
