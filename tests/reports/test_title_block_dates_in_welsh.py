"""A title-block row that prints a date (the meeting's, the committee and the meeting's, or a date the
report fills in) reads in Welsh on a Welsh page, PDF, Word file and text file, in the row's own style:
the published revision keeps the date beside its English wording, and each edition words it again."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports import revisions
from reports.models import ReportRevision, ReportTemplate, TitleBlockRow
from tests.reports.test_template_welsh_wording import denbighshire_report, visible_text

pytestmark = pytest.mark.django_db

Kind = TitleBlockRow.Field


def _with_rows(languages: str):
    report = denbighshire_report(languages)
    template = report.template
    TitleBlockRow.objects.create(
        template=template,
        position=2,
        field=Kind.MEETING,
        label="Meeting and date",
        label_cy="Cyfarfod a dyddiad",
        date_style="with_weekday",
    )
    TitleBlockRow.objects.create(template=template, position=3, field=Kind.DATE, label="Date of the site visit")
    report.extra_title_rows = {"Date of the site visit": "2006-08-30"}
    report.save()
    revisions.record(report, None, published=True)
    return report


def _pdf_text(response) -> str:
    data = b"".join(response.streaming_content)
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_the_meetings_date_reads_in_welsh_on_the_welsh_page_and_in_english_on_the_english(client):
    report = _with_rows(ReportTemplate.Languages.READER)
    welsh = visible_text(client.get(f"/cy/reports/{report.pk}/").content.decode())
    assert "Cyfarfod: 6 Medi 2006" in welsh
    assert "Pwyllgor Cynllunio, Dydd Mercher, 6 Medi 2006" in welsh  # the row's own style, in Welsh
    assert "30 Awst 2006" in welsh
    for english in ("September", "August", "Wednesday", "Planning Committee"):
        assert english not in welsh
    page = visible_text(client.get(reverse("reports:report_detail", args=[report.pk])).content.decode())
    assert "Meeting: 6 September 2006" in page
    assert "Planning Committee, Wednesday 6 September 2006" in page and "30 August 2006" in page
    assert "Medi" not in page


def test_the_welsh_pdf_word_and_text_files_print_the_meetings_date_in_welsh(client):
    report = _with_rows(ReportTemplate.Languages.READER)
    pdf = _pdf_text(client.get(f"/cy/reports/{report.pk}/pdf/"))
    assert "Cyfarfod: 6 Medi 2006" in pdf and "September" not in pdf
    text = client.get(f"/cy/reports/{report.pk}/text/").content.decode()
    assert "Cyfarfod:" in text and "6 Medi 2006" in text and "Dydd Mercher, 6 Medi 2006" in text
    assert "Pwyllgor Cynllunio" in text
    for english in ("September", "August", "Planning Committee"):
        assert english not in text
    word = docx.Document(io.BytesIO(client.get(f"/cy/reports/{report.pk}/docx/").content))
    lines = "\n".join(p.text for p in word.paragraphs)
    assert "Cyfarfod: 6 Medi 2006" in lines and "September" not in lines


def test_a_revision_kept_before_rows_kept_their_date_still_reads_in_welsh(client):
    report = _with_rows(ReportTemplate.Languages.READER)
    revision = ReportRevision.objects.filter(report=report, is_published=True).order_by("-number").first()
    for row in revision.content["title_rows"]:
        row.pop("date", None)
        row.pop("date_style", None)
    revision.save()
    welsh = visible_text(client.get(f"/cy/reports/{report.pk}/").content.decode())
    assert "Cyfarfod: 6 Medi 2006" in welsh and "Dydd Mercher, 6 Medi 2006" in welsh
    assert "September" not in welsh


def test_a_welsh_first_drafts_welsh_preview_keeps_the_english_date_beside_the_welsh(client, governance_officer):
    report = _with_rows(ReportTemplate.Languages.WELSH_FIRST)
    client.force_login(governance_officer)
    for path in (f"/cy/reports/{report.pk}/preview/", f"/reports/{report.pk}/preview/"):
        response = client.get(path)
        assert response.status_code == 200, path
        text = visible_text(response.content.decode())
        assert "Cyfarfod: 6 Medi 2006 / Meeting: 6 September 2006" in text, path
        assert "Pwyllgor Cynllunio, Dydd Mercher, 6 Medi 2006" in text, path
        assert "Planning Committee, Wednesday 6 September 2006" in text, path


def test_a_meeting_not_yet_decided_reads_in_welsh():
    from django.utils import translation

    from reports.structure import date_row_value

    with translation.override("cy"):
        assert date_row_value(Kind.MEETING_DATE, None, "", "Cabinet") == "I'w benderfynu"
    assert date_row_value(Kind.MEETING_DATE, datetime.date(2006, 9, 6), "numeric", "Cabinet") == "06/09/2006"
