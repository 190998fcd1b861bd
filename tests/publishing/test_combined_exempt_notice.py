"""One notice for all of a report's exempt appendices where the template prints it so (Cardiff's: "Appendices
2 - 6 of this report are not for publication as they contain exempt information …"), on the public page, in
the PDF, the Word file, the text file and the title block's Enclosures row, in English and in Welsh; a
template that prints a notice for each appendix still does, in each of them."""

from __future__ import annotations

import io

import docx
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
from tests.conftest import make_welsh_council
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


def published(committee, officer, notices: str, *, enclosures: bool = False) -> Report:
    template = ReportTemplate.objects.create(
        name=f"Cabinet report ({notices})",
        appendix_labels=ReportTemplate.AppendixLabels.NUMBERS,
        exempt_appendix_notices=notices,
    )
    # Cardiff's title block has no Enclosures row; a council's that has one names each appendix in it.
    TitleBlockRow.objects.create(template=template, position=0, field=TitleBlockRow.Field.TITLE, label="Title")
    if enclosures:
        TitleBlockRow.objects.create(
            template=template, position=1, field=TitleBlockRow.Field.ENCLOSURES, label="Enclosures"
        )
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


def downloaded(client, report, prefix: str = "") -> dict[str, str]:
    """What a reader reads of the published report, at ``prefix`` ("/cy" for Welsh): the page's report, the
    Word file (its paragraphs and the title block's cells, read back) and the text file."""
    page = client.get(f"{prefix}{report.get_absolute_url()}").content.decode()
    response = client.get(f"{prefix}/reports/{report.pk}/docx/")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = client.get(f"{prefix}/reports/{report.pk}/text/").content.decode()
    return {
        "page": flat(page.split('<article class="council-report', 1)[1].split("</article>", 1)[0]),
        "word": flat(" ".join([*(p.text for p in document.paragraphs), *cells])),
        "text": flat(text),
    }


ENCLOSURES = "Appendix 1 – Draft Atlantic Wharf masterplan; Appendix 2 – Land ownership and valuations; "
ENCLOSURES_CY = "Atodiad 1 – Draft Atlantic Wharf masterplan; Atodiad 2 – Land ownership and valuations; "


def test_the_word_and_text_files_and_the_enclosures_row_print_the_one_notice_too(
    client, committee, governance_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        report = published(
            committee, governance_officer, ReportTemplate.ExemptAppendixNotices.COMBINED, enclosures=True
        )
    # Made a Welsh council once it is published: its language scheme would ask for the Welsh of the report.
    make_welsh_council(name="Cardiff Council", welsh_name="Cyngor Caerdydd")
    english, welsh = downloaded(client, report), downloaded(client, report, "/cy")
    # The Enclosures row names each appendix, then says the one notice: "…; Appendix 6 – Legal advice on the
    # land transactions. Appendices 2 - 6 of this report are not for publication …".
    row = f"Appendix 6 – Legal advice on the land transactions. {CARDIFF}"
    row_cy = f"Atodiad 6 – Legal advice on the land transactions. {CARDIFF_CY}"
    for kind in ("page", "word", "text"):
        assert ONE_EACH not in english[kind] and CARDIFF_CY not in english[kind], kind
        assert ENCLOSURES in english[kind] and row in english[kind], kind
        assert ENCLOSURES_CY in welsh[kind] and row_cy in welsh[kind], kind
        assert "Atodiad 2 — Land" not in welsh[kind] and CARDIFF not in welsh[kind], kind
    # Under the title and in the Enclosures row; the text file says it once more after its list of appendices.
    assert [english[kind].count(CARDIFF) for kind in ("page", "word", "text")] == [2, 2, 3]
    assert [welsh[kind].count(CARDIFF_CY) for kind in ("page", "word", "text")] == [2, 2, 3]
    appendices = english["text"].split(" Appendices ---------- Appendix 1 ", 1)[1]
    assert appendices.startswith("– Draft Atlantic Wharf masterplan Appendix 2 – Land ownership and valuations")
    assert appendices.endswith(f"Appendix 6 – Legal advice on the land transactions {CARDIFF}")


def test_a_template_that_names_each_prints_a_notice_for_each_in_every_file(
    client, committee, governance_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        report = published(committee, governance_officer, ReportTemplate.ExemptAppendixNotices.EACH, enclosures=True)
    make_welsh_council()
    english, welsh = downloaded(client, report), downloaded(client, report, "/cy")
    one_each_cy = "Atodiad 2 — Land ownership and valuations: nid i'w gyhoeddi, wedi'i eithrio o dan baragraff 14"
    for kind in ("page", "word", "text"):
        assert ONE_EACH in english[kind] and CARDIFF not in english[kind], kind
        assert one_each_cy in welsh[kind] and CARDIFF_CY not in welsh[kind], kind
        assert english[kind].count("not for publication") == welsh[kind].count("nid i'w gyhoeddi") > 5, kind
