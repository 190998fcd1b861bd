"""One notice for all of a report's exempt appendices where the template prints it so (Cardiff's: "Appendices
2 - 6 of this report are not for publication as they contain exempt information …"), on the public page and
in the PDF, in English and in Welsh; a template that prints a notice for each appendix still does."""

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
from reports.models import Appendix, Report, ReportTemplate, TitleBlockRow
from reports.revisions import structure_from_snapshot
from tests.report_builders import report_with_content

CARDIFF = (
    "Appendices 2 - 6 of this report are not for publication as they contain exempt information of the "
    "description contained in paragraphs 14 and 16 of Part 4 and paragraph 21 of Part 5 of Schedule 12A of the "
    "Local Government Act 1972."
)
CARDIFF_CY = (
    "Nid yw Atodiadau 2 - 6 i'r adroddiad hwn i'w cyhoeddi gan eu bod yn cynnwys gwybodaeth eithriedig o'r math a "
    "ddisgrifir o dan baragraffau 14 ac 16 o Ran 4 a pharagraff 21 o Ran 5 o Atodlen 12A i Ddeddf Llywodraeth Leol "
    "1972."
)
APPENDICES = [
    ("Draft Atlantic Wharf masterplan", None),
    ("Land ownership and valuations", 14),
    ("Development appraisal", 14),
    ("Indoor Arena heads of terms", 14),
    ("Procurement options", 14),
    ("Legal advice on the land transactions", 16),
]
ONE_EACH = "Appendix 2 — Land ownership and valuations: not for publication"


def test_the_combined_notice_names_the_appendices_and_paragraphs_as_cardiff_does():
    appendices = [("2", 14), ("3", 14), ("4", 14), ("5", 14), ("6", 16)]
    assert exemption.combined_appendix_notice(appendices) == CARDIFF
    with translation.override("cy"):
        assert exemption.combined_appendix_notice(appendices) == CARDIFF_CY
    # England's Part 1, without Wales's public interest paragraph; short runs listed, long ones ranged.
    assert exemption.combined_appendix_notice([("B", 3)]) == (
        "Appendix B of this report is not for publication as it contains exempt information of the description "
        "contained in paragraph 3 of Part 1 of Schedule 12A of the Local Government Act 1972."
    )
    assert exemption.combined_appendix_notice([("A", 3), ("C", 1), ("D", 3), ("E", 3)]).startswith(
        "Appendices A and C - E of this report are not for publication as they contain exempt information of the "
        "description contained in paragraphs 1 and 3 of Part 1 of"
    )
    assert exemption.combined_appendix_notice([]) == ""


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def published(committee, officer, notices: str) -> Report:
    template = ReportTemplate.objects.create(
        name=f"Cabinet report ({notices})",
        appendix_labels=ReportTemplate.AppendixLabels.NUMBERS,
        exempt_appendix_notices=notices,
    )
    # A title block without an Enclosures row, which names each appendix whatever the notices say.
    TitleBlockRow.objects.create(template=template, position=0, field=TitleBlockRow.Field.TITLE, label="Title")
    report = report_with_content(
        committee, sections=1, paragraphs=1, title="Atlantic Wharf", status=Report.Status.APPROVED, template=template
    )
    for position, (title, paragraph) in enumerate(APPENDICES, start=1):
        appendix = Appendix(report=report, position=position, title=title, exempt_paragraph=paragraph)
        data = weasyprint.HTML(string=f"<p>{title}</p>").write_pdf()
        appendix.file.save(f"a{position}.pdf", ContentFile(data), save=False)
        appendix.content_type = "application/pdf"
        appendix.save()
    publication.publish_report(report, officer)
    return report


def flat(text: str) -> str:
    return " ".join(text.replace("&#x27;", "'").replace("&#39;", "'").split())


def printed(report, language: str) -> str:
    content = report.revisions.get(is_published=True).content
    with translation.override(language):
        data = pdf.render_report_pdf(structure_from_snapshot(exemption.public_edition(content)))
    return flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def test_a_template_that_combines_them_prints_one_notice_on_the_page_and_in_the_pdf(
    client, committee, governance_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        report = published(committee, governance_officer, ReportTemplate.ExemptAppendixNotices.COMBINED)
    english = flat(client.get(report.get_absolute_url()).content.decode())
    welsh = flat(client.get("/cy" + report.get_absolute_url()).content.decode())
    assert english.count('class="council-exempt-banner council-exempt-appendix') == 1
    assert CARDIFF in english and ONE_EACH not in english
    assert CARDIFF_CY in welsh and CARDIFF not in welsh
    text = printed(report, "en-gb")
    assert " ".join(CARDIFF.split()[:12]) in text and ONE_EACH not in text
    assert " ".join(CARDIFF_CY.split()[:12]) in printed(report, "cy")


def test_a_template_that_names_each_prints_a_notice_for_each(
    client, committee, governance_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        report = published(committee, governance_officer, ReportTemplate.ExemptAppendixNotices.EACH)
    english = flat(client.get(report.get_absolute_url()).content.decode())
    assert english.count('class="council-exempt-banner council-exempt-appendix') == 5
    assert ONE_EACH in english and CARDIFF not in english
