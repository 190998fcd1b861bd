"""The text that stands in for exempt information is said in the reader's language (issue 18): a
Welsh reader's page and PDF print the Welsh notices for an exempt paragraph, recommendation and
appendix, and the redaction note; the English reader's are unchanged."""

from __future__ import annotations

import io

import pytest
import weasyprint
from django.core.files.base import ContentFile
from django.utils import translation
from pypdf import PdfReader

from documents import pdf
from publishing import publication
from reports import exemption
from reports.models import Appendix, Paragraph, Recommendation, Report
from reports.revisions import structure_from_snapshot
from tests.report_builders import report_with_content

SECRET = "WELSHNOTICESECRET"

WELSH = [
    "Mae'r paragraff hwn yn cynnwys gwybodaeth eithriedig (paragraff 3 o Atodlen 12A)",
    "Mae'r argymhelliad hwn yn cynnwys gwybodaeth eithriedig (paragraff 3 o Atodlen 12A)",
    "Atodiad A — Tender prices: nid i'w gyhoeddi, wedi'i eithrio o dan baragraff 3 o Ran 1 o Atodlen 12A i "
    "Ddeddf Llywodraeth Leol 1972",
]
ENGLISH = [
    "This paragraph contains exempt information (paragraph 3 of Schedule 12A)",
    "This recommendation contains exempt information (paragraph 3 of Schedule 12A)",
    "Appendix A — Tender prices: not for publication, exempt under paragraph 3 of Part 1 of Schedule 12A to the "
    "Local Government Act 1972",
]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def published(committee, governance_officer, django_capture_on_commit_callbacks):
    report = report_with_content(committee, sections=1, paragraphs=2, title="Depot", status=Report.Status.APPROVED)
    paragraph = Paragraph.objects.filter(section__report=report, parent=None).order_by("position").last()
    Paragraph.objects.filter(pk=paragraph.pk).update(text=f"<p>Bids {SECRET}</p>", exempt_paragraph=3)
    last = report.recommendations.order_by("position").last()
    Recommendation.objects.filter(pk=last.pk).update(text=f"<p>Award {SECRET}</p>", exempt_paragraph=3)
    appendix = Appendix(report=report, position=1, title="Tender prices", exempt_paragraph=3)
    appendix.file.save("t.pdf", ContentFile(weasyprint.HTML(string=f"<p>{SECRET}</p>").write_pdf()), save=False)
    appendix.content_type = "application/pdf"
    appendix.save()
    with django_capture_on_commit_callbacks(execute=False):
        publication.publish_report(report, governance_officer)
    return report


def flat(text: str) -> str:
    return " ".join(text.replace("&#x27;", "'").replace("&#39;", "'").split())


def test_a_welsh_reader_page_says_the_exempt_notices_in_welsh(client, published):
    welsh = flat(client.get("/cy" + published.get_absolute_url()).content.decode())
    english = flat(client.get(published.get_absolute_url()).content.decode())
    for notice in WELSH:
        assert notice in welsh
    for notice in ENGLISH:
        assert notice in english
    # The title block's list of enclosures is frozen, in English, with the revision it was published in.
    for notice in ENGLISH[:2]:
        assert notice not in welsh
    assert SECRET not in welsh and SECRET not in english


def printed(report, language: str) -> str:
    content = report.revisions.get(is_published=True).content
    with translation.override(language):
        data = pdf.render_report_pdf(structure_from_snapshot(exemption.public_edition(content)))
    return flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def test_a_welsh_pdf_prints_the_exempt_notices_in_welsh(published):
    welsh, english = printed(published, "cy"), printed(published, "en-gb")
    for cy, en in zip(WELSH, ENGLISH, strict=True):
        # A PDF's text wraps: compare the notice's opening words, enough to tell the languages apart.
        assert " ".join(cy.split()[:6]) in welsh and " ".join(en.split()[:6]) in english
    # (The title block's list of enclosures is frozen, in English, with the published revision.)
    for en in ENGLISH[:2]:
        assert " ".join(en.split()[:6]) not in welsh
    assert SECRET not in welsh and SECRET not in english


def test_the_redaction_notes_are_translated():
    with translation.override("cy"):
        assert exemption.redacted_passage_notice(14) == (
            "Wedi'i olygu: tynnwyd gwybodaeth eithriedig (paragraff 14 o Atodlen 12A) o'r paragraff hwn"
        )
        assert exemption.redacted_recommendation_notice(14) == (
            "Wedi'i olygu: tynnwyd gwybodaeth eithriedig (paragraff 14 o Atodlen 12A) o'r argymhelliad hwn"
        )
        assert exemption.appendix_notice("Atodiad B", "Prisiau", 14, redacted=True).startswith(
            "Atodiad B — Prisiau: cyhoeddwyd fersiwn wedi'i golygu, gyda'r wybodaeth sydd wedi'i heithrio o dan "
            "baragraff 14 o Ran 4"
        )
