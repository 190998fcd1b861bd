"""Builders for reports with content, shared by the rendering tests (PDF, page, Word, text)."""

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
