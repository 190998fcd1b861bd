"""The title block's Timetable (the report's route) and key decision rows read in Welsh on a Welsh page,
in the Welsh and the bilingual PDF, the Word file and the text file, and in English on English ones: the
published revision keeps each step's committee, date and role and the forward plan reference beside
the English wording, and each edition words them again (as the date rows are)."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from committee import routes
from committee.models import Consultation
from documents.bilingual_pdf import render_bilingual_pdf
from reports.models import ReportRevision, ReportTemplate, TitleBlockRow
from reports.templates_setup import start_report_from_template
from tests.conftest import make_committee, make_meeting, make_welsh_council
from tests.reports.test_template_welsh_wording import visible_text
from tests.reports.test_templates import publish, squash

pytestmark = pytest.mark.django_db

Kind = TitleBlockRow.Field

TIMETABLE = "Scrutiny Committee, 16 January 2027 (for comment); Planning Committee, 24 February 2027 (for decision)"
KEY = "Yes (forward plan reference FP/2027/04)"
AMSERLEN = "Pwyllgor Craffu, 16 Ionawr 2027 (er sylw); Pwyllgor Cynllunio, 24 Chwefror 2027 (ar gyfer penderfyniad)"
ALLWEDDOL = "Ie (cyfeirnod y flaenraglen FP/2027/04)"
# What an English row would leave on a Welsh page.
ENGLISH = (
    "January",
    "February",
    "for comment",
    "for decision",
    "Scrutiny",
    "Planning Committee",
    "forward plan",
    "Yes",
)


def _report(governance_officer, languages=ReportTemplate.Languages.READER, *, published=True):
    make_welsh_council()
    scrutiny = make_committee("Scrutiny Committee", name_cy="Pwyllgor Craffu")
    planning = make_committee("Planning Committee", name_cy="Pwyllgor Cynllunio")
    template = ReportTemplate.objects.create(name="Key decisions", languages=languages)
    TitleBlockRow.objects.create(template=template, position=0, field=Kind.TITLE, label="Title")
    TitleBlockRow.objects.create(
        template=template, position=1, field=Kind.ROUTE, label="Timetable", label_cy="Amserlen"
    )
    TitleBlockRow.objects.create(template=template, position=2, field=Kind.KEY_DECISION, label="Key decision")
    report = start_report_from_template(
        template,
        committee=planning,
        title="Local development plan",
        title_cy="Cynllun datblygu lleol",
        report_of="Head of Planning",
        key_decision=True,
        forward_plan_reference="FP/2027/04",
    )
    for committee, day, role in (
        (scrutiny, datetime.date(2027, 1, 16), Consultation.Role.COMMENT),
        (planning, datetime.date(2027, 2, 24), Consultation.Role.DECISION),
    ):
        meeting = make_meeting(committee, day)
        routes.add_step(report, governance_officer, committee=committee, meeting=meeting, role=role)
    return publish(report) if published else report


def _left_in_english(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


def test_the_rows_read_in_welsh_on_the_welsh_page_and_in_english_on_the_english(client, governance_officer):
    report = _report(governance_officer)
    welsh = visible_text(client.get(f"/cy/reports/{report.pk}/").content.decode())
    assert f"Amserlen {AMSERLEN}" in welsh
    assert f"Penderfyniad allweddol {ALLWEDDOL}" in welsh
    assert not _left_in_english(welsh)
    english = visible_text(client.get(reverse("reports:report_detail", args=[report.pk])).content.decode())
    assert f"Timetable {TIMETABLE}" in english and f"Key decision {KEY}" in english
    assert "Ionawr" not in english and "Pwyllgor" not in english and "cyfeirnod" not in english


def test_the_welsh_pdf_word_and_text_files_print_them_in_welsh(client, governance_officer):
    report = _report(governance_officer)
    data = b"".join(client.get(f"/cy/reports/{report.pk}/pdf/").streaming_content)
    pdf = squash(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
    assert AMSERLEN in pdf and ALLWEDDOL in pdf
    assert not _left_in_english(pdf)
    word = docx.Document(io.BytesIO(client.get(f"/cy/reports/{report.pk}/docx/").content))
    cells = [squash(cell.text) for table in word.tables for row in table.rows for cell in row.cells]
    assert AMSERLEN in cells and ALLWEDDOL in cells
    assert not _left_in_english(" ".join(cells + [p.text for p in word.paragraphs]))
    text = squash(client.get(f"/cy/reports/{report.pk}/text/").content.decode())
    assert AMSERLEN in text and ALLWEDDOL in text
    assert not _left_in_english(text)
    english = squash(client.get(f"/reports/{report.pk}/text/").content.decode())
    assert TIMETABLE in english and KEY in english


def test_the_bilingual_pdf_prints_the_welsh_in_the_welsh_and_the_english_in_the_english(governance_officer):
    report = _report(governance_officer)
    revision = report.revisions.get(is_published=True)
    text = squash(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_bilingual_pdf(revision.content))).pages)
    )
    assert AMSERLEN in text and ALLWEDDOL in text
    assert TIMETABLE in text and KEY in text
    assert text.index(AMSERLEN) < text.index(TIMETABLE)


def test_a_drafts_welsh_preview_reads_them_in_welsh(client, governance_officer):
    report = _report(governance_officer, published=False)
    client.force_login(governance_officer)
    welsh = visible_text(client.get(f"/cy/reports/{report.pk}/preview/").content.decode())
    assert AMSERLEN in welsh and ALLWEDDOL in welsh
    assert not _left_in_english(welsh)
    english = visible_text(client.get(f"/reports/{report.pk}/preview/").content.decode())
    assert TIMETABLE in english and KEY in english


def test_a_welsh_first_template_prints_both_for_every_reader(client, governance_officer):
    report = _report(governance_officer, ReportTemplate.Languages.WELSH_FIRST)
    for path in (f"/cy/reports/{report.pk}/", f"/reports/{report.pk}/"):
        text = visible_text(client.get(path).content.decode())
        assert f"{AMSERLEN} / {TIMETABLE}" in text, path
        assert f"{ALLWEDDOL} / {KEY}" in text, path


def test_a_copy_published_before_rows_kept_their_facts_keeps_what_it_has(client, governance_officer):
    report = _report(governance_officer)
    revision = ReportRevision.objects.get(report=report, is_published=True)
    for row in revision.content["title_rows"]:
        row.pop("steps", None)
        row.pop("reference", None)
    revision.save()
    welsh = visible_text(client.get(f"/cy/reports/{report.pk}/").content.decode())
    assert TIMETABLE in welsh and KEY in welsh


def test_the_published_revision_keeps_each_steps_facts_and_the_reference(governance_officer):
    report = _report(governance_officer)
    rows = {row["field"]: row for row in report.revisions.get(is_published=True).content["title_rows"]}
    assert rows[Kind.ROUTE]["value"] == TIMETABLE
    assert rows[Kind.ROUTE]["steps"] == [
        {"committee": "Scrutiny Committee", "committee_cy": "Pwyllgor Craffu", "date": "2027-01-16", "role": "comment"},
        {
            "committee": "Planning Committee",
            "committee_cy": "Pwyllgor Cynllunio",
            "date": "2027-02-24",
            "role": "decision",
        },
    ]
    assert (rows[Kind.KEY_DECISION]["value"], rows[Kind.KEY_DECISION]["reference"]) == (KEY, "FP/2027/04")
