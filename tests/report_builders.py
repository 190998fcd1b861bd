"""Builders for reports with content, shared by the rendering tests (PDF, page, Word, text), and for a
report written in Welsh and English, shared by the tests of Welsh editions (a Welsh council to print it:
tests/conftest.py ``make_welsh_council`` and the ``welsh_council`` fixture)."""

from __future__ import annotations

from reports.models import BackgroundPaper, Paragraph, Recommendation, Report, Section
from tests.conftest import make_report

FILLER = "The library service was reviewed in detail by the team. " * 8


def report_with_content(committee, *, sections: int = 3, paragraphs: int = 8, **extra) -> Report:
    """A report with recommendations, numbered sections of paragraphs, a sub-section and a background paper."""
    extra.setdefault("title", "Library service review")
    extra.setdefault("status", Report.Status.PUBLISHED)
    report = make_report(committee, **extra)
    Recommendation.objects.create(report=report, position=0, text="<p>That the Committee notes the review.</p>")
    Recommendation.objects.create(report=report, position=1, text="<p>That the Committee agrees the plan.</p>")
    for s in range(sections):
        section = Section.objects.create(report=report, position=s, heading=f"Section heading {s + 1}")
        for p in range(paragraphs):
            Paragraph.objects.create(section=section, position=p, text=f"<p>{FILLER}</p>")
        sub = Paragraph.objects.create(section=section, position=paragraphs, heading="Risk Management")
        Paragraph.objects.create(
            section=section, parent=sub, position=0, text="<p>None in the context of this report.</p>"
        )
    papers = Section.objects.create(
        report=report, position=sections, heading="Background papers", is_background_papers=True
    )
    assert papers
    BackgroundPaper.objects.create(
        report=report, title="Library strategy 2020", url="https://example.gov.uk/strategy.pdf"
    )
    return report


def bilingual_report(committee, **extra) -> Report:
    """An approved report whose opening is written in Welsh too: its title, who it is from, its summary."""
    values = {
        "status": Report.Status.APPROVED,
        "title": "Depot contract",
        "title_cy": "Contract y depo",
        "report_of_cy": "Cyfarwyddwr Comisiynu",
        "summary": "<p>A new depot.</p>",
        "summary_cy": "<p>Depo newydd.</p>",
        **extra,
    }
    return make_report(committee, **values)


def translated_report(committee, **extra) -> Report:
    """A ``bilingual_report`` translated throughout: a recommendation and a section of two paragraphs in
    Welsh and English, the second exempt (paragraph 14 of Schedule 12A, Wales's Part 4)."""
    report = bilingual_report(committee, **extra)
    Recommendation.objects.create(
        report=report,
        position=0,
        text="<p>That the contract is awarded.</p>",
        text_cy="<p>Bod y contract yn cael ei ddyfarnu.</p>",
    )
    section = Section.objects.create(report=report, position=0, heading="Background", heading_cy="Cefndir")
    Paragraph.objects.create(
        section=section, position=0, text="<p>The depot is old.</p>", text_cy="<p>Mae'r depo yn hen.</p>"
    )
    Paragraph.objects.create(
        section=section,
        position=1,
        text="<p>The lowest bid was 90,000.</p>",
        text_cy="<p>Y cynnig isaf oedd 90,000.</p>",
        exempt_paragraph=14,
    )
    return report
