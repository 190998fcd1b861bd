"""A template's wording in Welsh (issue 17, Denbighshire): its headings, lead-in, labels and section
headings given in Welsh on the builder, printed in the reader's language, or Welsh first beside the
English for every reader ("Cyfarfod: 6 Medi 2006 / Meeting: 6 September 2006"); rows printed on the
line of the row before and a title block in capitals (Cardiff). The public page (from the published
revision), at its English and its Welsh address, and the PDF."""

from __future__ import annotations

import datetime
import html as html_module
import io
import re

import docx
import pytest
from django.urls import reverse

from reports import revisions
from reports.models import Paragraph, Recommendation, ReportTemplate, TemplateSection, TitleBlockRow
from reports.templates_setup import start_report_from_template
from tests.conftest import make_committee, make_meeting
from tests.reports.test_template_builder import SETTINGS, formset
from tests.reports.test_templates import publish, squash, surfaces

pytestmark = pytest.mark.django_db

Kind = TitleBlockRow.Field


def visible_text(html: str) -> str:
    """The page's report as a reader reads it: tags out, spacing squashed."""
    article = html[html.index('<article class="council-report') : html.index("</article>")]
    return squash(html_module.unescape(re.sub(r"<[^>]+>", " ", article))).replace(" :", ":").strip()


def denbighshire_report(languages: str):
    committee = make_committee("Planning Committee", name_cy="Pwyllgor Cynllunio")
    meeting = make_meeting(committee, datetime.date(2006, 9, 6))
    template = ReportTemplate.objects.create(
        name="Planning applications",
        languages=languages,
        title_block_layout=ReportTemplate.TitleBlockLayout.LINES,
        heading_case=ReportTemplate.HeadingCase.AS_WRITTEN,
        opening=ReportTemplate.Opening.SUMMARY_FIRST,
        summary_heading="Preamble",
        summary_heading_cy="Rhagymadrodd",
        recommendations_heading="Recommendation",
        recommendations_heading_cy="Argymhelliad",
        recommendations_lead_in="Members are asked to:",
        recommendations_lead_in_cy="Gofynnir i'r Aelodau:",
    )
    TitleBlockRow.objects.create(
        template=template, position=0, field=Kind.COMMITTEE, label="Committee", show_label=False
    )
    TitleBlockRow.objects.create(
        template=template, position=1, field=Kind.MEETING_DATE, label="Meeting", label_cy="Cyfarfod"
    )
    TemplateSection.objects.create(template=template, position=0, heading="Index to report", heading_cy="Mynegai")
    report = start_report_from_template(
        template,
        committee=committee,
        meeting=meeting,
        title="Applications for permission for development",
        title_cy="Ceisiadau am ganiatâd datblygu",
        report_of="Head of Planning",
        summary="<p>These are reports by Officers.</p>",
        summary_cy="<p>Adroddiadau gan Swyddogion.</p>",
    )
    Recommendation.objects.create(report=report, position=0, text="<p>Approve.</p>", text_cy="<p>Cymeradwyo.</p>")
    section = report.sections.get()
    Paragraph.objects.create(
        section=section, position=0, text="<p>Land at Meliden.</p>", text_cy="<p>Tir ym Mhrestatyn.</p>"
    )
    return publish(report)


def test_a_section_starts_with_its_templates_welsh_heading(db):
    report = denbighshire_report(ReportTemplate.Languages.READER)
    assert report.sections.get().heading_cy == "Mynegai"


def test_the_templates_welsh_prints_on_the_welsh_page_and_the_english_on_the_english(client):
    report = denbighshire_report(ReportTemplate.Languages.READER)
    english = visible_text(client.get(reverse("reports:report_detail", args=[report.pk])).content.decode())
    welsh = visible_text(client.get(f"/cy/reports/{report.pk}/").content.decode())

    assert "Preamble" in english and "Rhagymadrodd" not in english
    assert "Meeting: 6 September 2006" in english and "Cyfarfod" not in english
    assert "Members are asked to:" in english and "Gofynnir" not in english
    assert "Rhagymadrodd" in welsh and "Preamble" not in welsh
    assert "Argymhelliad" in welsh and "Gofynnir i'r Aelodau:" in welsh
    assert "Cyfarfod:" in welsh and "Mynegai" in welsh


def test_a_welsh_first_template_prints_welsh_then_english_for_every_reader(client):
    report = denbighshire_report(ReportTemplate.Languages.WELSH_FIRST)
    pages = {
        "English page": client.get(reverse("reports:report_detail", args=[report.pk])).content.decode(),
        "Welsh page": client.get(f"/cy/reports/{report.pk}/").content.decode(),
    }
    for name, html in pages.items():
        text = visible_text(html)
        in_order = [
            "Pwyllgor Cynllunio / Planning Committee",
            "Cyfarfod: 6 Medi 2006 / Meeting: 6 September 2006",
            "Rhagymadrodd / Preamble",
            "Adroddiadau gan Swyddogion.",
            "These are reports by Officers.",
            "Argymhelliad / Recommendation",
            "Gofynnir i'r Aelodau:",
            "Members are asked to:",
            "1. Cymeradwyo.",
            "Approve.",
            "1. Mynegai / Index to report",
            "1.1 Tir ym Mhrestatyn.",
            "Land at Meliden.",
        ]
        at = 0
        for expected in in_order:
            found = text.find(expected, at)
            assert found >= 0, f"{name}: {expected!r} not after {text[at - 80 : at]!r} in {text}"
            at = found + len(expected)
        assert '<span lang="cy">Rhagymadrodd</span> / <span lang="en-GB">Preamble</span>' in html, name
    pdf = surfaces(client, report)["pdf"]
    assert "Cyfarfod: 6 Medi 2006 / Meeting: 6 September 2006" in pdf
    assert pdf.index("Adroddiadau gan Swyddogion.") < pdf.index("These are reports by Officers.")


def test_a_row_prints_on_the_line_before_and_the_title_block_in_capitals(client):
    committee = make_committee("Cabinet")
    meeting = make_meeting(committee, datetime.date(2020, 12, 17))
    template = ReportTemplate.objects.create(
        name="Cabinet report",
        title_block_layout=ReportTemplate.TitleBlockLayout.LINES,
        title_block_case=ReportTemplate.TitleBlockCase.CAPITALS,
        title_placement=ReportTemplate.TitlePlacement.ROW,
    )
    rows = [
        (Kind.COMMITTEE, "Committee", False, False),
        (Kind.MEETING_DATE, "MEETING", True, True),
        (Kind.TITLE, "Title", False, False),
        (Kind.FREE, "Portfolio", False, False),
        (Kind.REPORT_OF, "Report of", True, True),
    ]
    for position, (kind, label, show_label, same_line) in enumerate(rows):
        TitleBlockRow.objects.create(
            template=template, position=position, field=kind, label=label, show_label=show_label, same_line=same_line
        )
    report = start_report_from_template(
        template,
        committee=committee,
        meeting=meeting,
        title="Atlantic Wharf Masterplan",
        report_of="Director",
        extra_title_rows={"Portfolio": "Investment & Development"},
    )
    report = publish(report)
    html = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    lines = [
        visible_text(f'<article class="council-report">{p}</article>')
        for p in re.findall(r"<p [^>]*>(.*?)</p>", html, re.S)
    ]
    assert "Cabinet MEETING: 17 December 2020" in lines
    assert "Investment & Development Report of: Director" in lines
    assert "council-report--title-capitals" in html
    # The PDF prints the title block in capitals (its stylesheet), on the same lines.
    pdf = surfaces(client, report)["pdf"]
    assert "CABINET MEETING: 17 DECEMBER 2020" in pdf
    assert "INVESTMENT & DEVELOPMENT REPORT OF: DIRECTOR" in pdf


def test_a_revision_keeps_the_rows_welsh_labels_and_lines():
    report = denbighshire_report(ReportTemplate.Languages.WELSH_FIRST)
    TitleBlockRow.objects.filter(label="Meeting").update(same_line=True)
    content = revisions.snapshot(report)
    rows = revisions.structure_from_snapshot(content).title_rows
    assert [(r.label, r.label_cy, r.same_line) for r in rows] == [
        ("Committee", "", False),
        ("Meeting", "Cyfarfod", True),
    ]


def test_the_builder_saves_the_welsh_wording_labels_headings_and_lines(admin_client):
    data = {
        **SETTINGS,
        "summary_heading_cy": "Crynodeb gweithredol",
        "recommendations_heading_cy": "Argymhellion",
        "recommendations_lead_in_cy": "Argymhellir bod y Cabinet yn:",
        "empty_subsection_text_cy": "Dim yng nghyd-destun yr adroddiad hwn.",
        "languages": "welsh_first",
        "title_block_case": "capitals",
        **formset(
            "rows",
            [
                {"label": "Committee", "kind": "committee", "show_label": False},
                {
                    "label": "Meeting",
                    "label_cy": "Cyfarfod",
                    "kind": "meeting_date",
                    "show_label": True,
                    "same_line": True,
                },
            ],
        ),
        **formset(
            "sections", [{"heading": "Background", "heading_cy": "Cefndir", "level": "section", "kind": "printed"}]
        ),
        "save": "1",
    }
    response = admin_client.post(reverse("reports:template_new"), data)
    assert response.status_code == 302
    template = ReportTemplate.objects.get(name=SETTINGS["name"])
    assert template.summary_heading_cy == "Crynodeb gweithredol"
    assert template.empty_subsection_text_cy == "Dim yng nghyd-destun yr adroddiad hwn."
    assert template.languages == ReportTemplate.Languages.WELSH_FIRST
    assert template.title_block_case == ReportTemplate.TitleBlockCase.CAPITALS
    assert [(r.label, r.label_cy, r.same_line) for r in template.title_block_rows.all()] == [
        ("Committee", "", False),
        ("Meeting", "Cyfarfod", True),
    ]
    assert list(template.sections.values_list("heading", "heading_cy")) == [("Background", "Cefndir")]
    # The page shows what was saved, to be changed again.
    page = admin_client.get(reverse("reports:template_edit", args=[template.pk])).content.decode()
    assert 'value="Cyfarfod"' in page and 'value="Cefndir"' in page and 'value="Crynodeb gweithredol"' in page


def test_the_welsh_word_file_and_text_use_the_templates_welsh(client):
    report = denbighshire_report(ReportTemplate.Languages.READER)
    document = docx.Document(io.BytesIO(client.get(f"/cy/reports/{report.pk}/docx/").content))
    word = squash("\n".join(p.text for p in document.paragraphs))
    assert "Rhagymadrodd" in word and "Preamble" not in word
    assert "Gofynnir i'r Aelodau:" in word and "Members are asked to:" not in word
    english = docx.Document(io.BytesIO(client.get(reverse("reports:report_docx", args=[report.pk])).content))
    assert "Preamble" in squash("\n".join(p.text for p in english.paragraphs))


def _in_order(name: str, text: str, expected: list[str]) -> None:
    at = 0
    for piece in expected:
        found = text.find(piece, at)
        assert found >= 0, f"{name}: {piece!r} not after {text[max(0, at - 80) : at]!r} in {text}"
        at = found + len(piece)


WELSH_FIRST_FILE = [
    "Ceisiadau am ganiatâd datblygu / Applications for permission for development",
    "Pwyllgor Cynllunio / Planning Committee",
    "Cyfarfod: 6 Medi 2006 / Meeting: 6 September 2006",
    "Rhagymadrodd / Preamble",
    "Adroddiadau gan Swyddogion.",
    "These are reports by Officers.",
    "Argymhelliad / Recommendation",
    "Gofynnir i'r Aelodau:",
    "Members are asked to:",
    "Cymeradwyo.",
    "Approve.",
    "Mynegai / Index to report",
    "Tir ym Mhrestatyn.",
    "Land at Meliden.",
]


def _run_languages(document) -> dict[str, set[str]]:
    """Each run's text and the language Word is told it is in (w:lang on the run, else the document's)."""
    from docx.oxml.ns import qn

    default = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    document_lang = default.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val"))
    found: dict[str, set[str]] = {}
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            rpr = run._r.rPr
            tag = rpr.find(qn("w:lang")) if rpr is not None else None
            found.setdefault(run.text.strip(), set()).add(tag.get(qn("w:val")) if tag is not None else document_lang)
    return found


@pytest.mark.parametrize("address", ["/reports/{pk}/docx/", "/cy/reports/{pk}/docx/"])
def test_a_welsh_first_reports_word_file_prints_welsh_then_english_each_run_tagged(client, address):
    report = denbighshire_report(ReportTemplate.Languages.WELSH_FIRST)
    response = client.get(address.format(pk=report.pk))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    _in_order(address, squash("\n".join(p.text for p in document.paragraphs)), WELSH_FIRST_FILE)
    languages = _run_languages(document)
    for welsh in ("Rhagymadrodd", "Adroddiadau gan Swyddogion.", "Cymeradwyo.", "Tir ym Mhrestatyn.", "Mynegai"):
        assert languages[welsh] == {"cy-GB"}, (welsh, languages[welsh])
    for english in ("Preamble", "These are reports by Officers.", "Approve.", "Land at Meliden.", "Index to report"):
        assert languages[english] == {"en-GB"}, (english, languages[english])


@pytest.mark.parametrize("address", ["/reports/{pk}/text/", "/cy/reports/{pk}/text/"])
def test_a_welsh_first_reports_text_file_prints_welsh_then_english(client, address):
    report = denbighshire_report(ReportTemplate.Languages.WELSH_FIRST)
    text = client.get(address.format(pk=report.pk)).content.decode()
    expected = [piece.upper() if piece.startswith("Ceisiadau") else piece for piece in WELSH_FIRST_FILE]
    _in_order(address, squash(text), expected)


def test_a_welsh_first_sub_headings_text_prints_welsh_then_english_on_the_page_and_in_the_files(client):
    report = denbighshire_report(ReportTemplate.Languages.WELSH_FIRST)
    Paragraph.objects.create(
        section=report.sections.get(),
        position=1,
        heading="Site visit",
        heading_cy="Ymweliad safle",
        text="<p>Members visited the land.</p>",
        text_cy="<p>Ymwelodd yr Aelodau â'r tir.</p>",
    )
    revisions.record(report, None, published=True)
    expected = ["Ymweliad safle / Site visit", "Ymwelodd yr Aelodau â'r tir.", "Members visited the land."]
    _in_order("page", visible_text(client.get(f"/cy/reports/{report.pk}/").content.decode()), expected)
    word = docx.Document(io.BytesIO(client.get(f"/reports/{report.pk}/docx/").content))
    _in_order("Word", squash("\n".join(p.text for p in word.paragraphs)), expected)
    _in_order("text", squash(client.get(f"/reports/{report.pk}/text/").content.decode()), expected)
