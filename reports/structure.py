"""A report, fully evaluated and numbered, ready for any output (page, PDF, Word, e-mail).

Rendering never queries the database: everything a template needs is here,
loaded in a constant number of queries whatever the report's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from core.numbering import Node, paragraph_numbers, sequence_numbers
from reports import exemption
from reports.models import Paragraph, Report, Section, TitleBlockRow

DEFAULT_TITLE_BLOCK = [
    (TitleBlockRow.Field.TITLE, "Title"),
    (TitleBlockRow.Field.REPORT_OF, "Report of"),
    (TitleBlockRow.Field.WARDS, "Wards"),
    (TitleBlockRow.Field.STATUS, "Status"),
    (TitleBlockRow.Field.URGENT, "Urgent"),
    (TitleBlockRow.Field.KEY_DECISION, "Key"),
    (TitleBlockRow.Field.ENCLOSURES, "Enclosures"),
    (TitleBlockRow.Field.CONTACT, "Officer Contact Details"),
]


@dataclass
class NumberedParagraph:
    number: str
    heading: str
    text: str
    pk: int
    children: list[NumberedParagraph] = field(default_factory=list)
    background_paper: object = None
    exempt_paragraph: int | None = None
    withheld: bool = False  # the public edition's notice stands in its place (reports/exemption.py)

    @property
    def depth(self) -> int:
        return self.number.count(".")


@dataclass
class NumberedSection:
    number: int
    heading: str
    pk: int
    is_background_papers: bool
    guidance: str
    paragraphs: list[NumberedParagraph]


@dataclass
class TitleRow:
    field: str
    label: str
    value: str
    contacts: list = field(default_factory=list)


@dataclass
class ReportStructure:
    report: Report
    title_rows: list[TitleRow]
    recommendations: list[tuple[int, str]]
    sections: list[NumberedSection]
    background_papers: list
    appendices: list
    meeting_date: object
    # Recommendation number → its Schedule 12A paragraph, for the exempt ones.
    exempt_recommendations: dict[int, int] = field(default_factory=dict)

    def paragraph_by_number(self) -> dict[str, NumberedParagraph]:
        found: dict[str, NumberedParagraph] = {}

        def walk(paragraphs):
            for paragraph in paragraphs:
                found[paragraph.number] = paragraph
                walk(paragraph.children)

        for section in self.sections:
            walk(section.paragraphs)
        return found


def prefetch_report(queryset=None):
    queryset = queryset if queryset is not None else Report.objects.all()
    return queryset.select_related("committee", "meeting__venue", "template").prefetch_related(
        "recommendations",
        Prefetch(
            "sections",
            queryset=Section.objects.prefetch_related(Prefetch("paragraphs", queryset=Paragraph.objects.all())),
        ),
        "background_papers",
        "appendices",
        "wards",
        "contact_officers",
        "template__title_block_rows",
    )


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _title_rows(report: Report) -> list[TitleRow]:
    template_rows = list(report.template.title_block_rows.all()) if report.template_id else []
    rows = [(row.field, row.label) for row in template_rows] or DEFAULT_TITLE_BLOCK
    wards = "All" if report.all_wards else ", ".join(ward.name for ward in report.wards.all()) or "None"
    appendices = list(report.appendices.all())
    enclosures = "; ".join(_enclosure(i, a) for i, a in enumerate(appendices, 1)) or "None"
    values = {
        TitleBlockRow.Field.TITLE: report.title,
        TitleBlockRow.Field.REPORT_OF: report.report_of,
        TitleBlockRow.Field.WARDS: wards,
        TitleBlockRow.Field.STATUS: _classification(report, appendices),
        TitleBlockRow.Field.URGENT: _yes_no(report.urgent),
        TitleBlockRow.Field.KEY_DECISION: _yes_no(report.key_decision),
        TitleBlockRow.Field.ENCLOSURES: enclosures,
        TitleBlockRow.Field.DECISION_MAKER: report.decision_maker,
        TitleBlockRow.Field.LEAD_HEAD_OF_SERVICE: report.lead_head_of_service,
    }
    result = []
    for field_name, label in rows:
        if field_name == TitleBlockRow.Field.CONTACT:
            result.append(TitleRow(field_name, label, "", contacts=list(report.contact_officers.all())))
        elif field_name == TitleBlockRow.Field.FREE:
            result.append(TitleRow(field_name, label, str(report.extra_title_rows.get(label, ""))))
        else:
            result.append(TitleRow(field_name, label, values.get(field_name, "")))
    return result


def _enclosure(position: int, appendix) -> str:
    label = exemption.appendix_label(position)
    if appendix.exempt_paragraph:
        return exemption.appendix_notice(label, appendix.title, appendix.exempt_paragraph)
    return f"{label} – {appendix.title}"


def _classification(report: Report, appendices: list) -> str:
    passages = [r.exempt_paragraph for r in report.recommendations.all() if r.exempt_paragraph]
    passages += [p.exempt_paragraph for s in report.sections.all() for p in s.paragraphs.all() if p.exempt_paragraph]
    return exemption.classification(
        is_exempt=report.is_exempt,
        paragraph=report.exempt_paragraph,
        appendices=[
            (exemption.appendix_label(i)[len("Appendix ") :], a.exempt_paragraph)
            for i, a in enumerate(appendices, 1)
            if a.exempt_paragraph
        ],
        passages=passages,
    )


def _paragraph_tree(section_number: int, paragraphs: list[Paragraph]) -> list[NumberedParagraph]:
    numbers = paragraph_numbers(section_number, [Node(p.id, p.parent_id, p.position) for p in paragraphs])
    by_number = {
        numbers[p.id]: NumberedParagraph(numbers[p.id], p.heading, p.text, p.id, exempt_paragraph=p.exempt_paragraph)
        for p in paragraphs
    }
    roots: list[NumberedParagraph] = []
    # Hang each paragraph under the one its number says, so the tree always agrees with the numbers.
    for number in sorted(by_number, key=lambda n: [int(part) for part in n.split(".")]):
        parent = by_number.get(number.rsplit(".", 1)[0])
        (parent.children if parent else roots).append(by_number[number])
    return roots


def _background_paper_paragraphs(section_number: int, section: Section, papers: list) -> list[NumberedParagraph]:
    """The background papers section lists each paper as a numbered paragraph after any written ones."""
    start = len([p for p in section.paragraphs.all() if p.parent_id is None])
    return [
        NumberedParagraph(f"{section_number}.{start + index}", "", "", paper.pk, background_paper=paper)
        for index, paper in enumerate(papers, start=1)
    ]


def loaded_structure(report: Report) -> ReportStructure:
    """A report's structure, loading it with everything prefetched unless the caller already did."""
    if not getattr(report, "_prefetched_objects_cache", None):
        report = prefetch_report().get(pk=report.pk)
    return report_structure(report)


def report_structure(report: Report) -> ReportStructure:
    """Number and gather a report. Pass one loaded with prefetch_report() to avoid extra queries."""
    recommendations = list(report.recommendations.all())
    rec_numbers = sequence_numbers(recommendations)
    sections = list(report.sections.all())
    background_papers = list(report.background_papers.all())
    section_numbers = sequence_numbers(sections)
    numbered_sections = [
        NumberedSection(
            number=section_numbers[s.id],
            heading=s.heading,
            pk=s.id,
            is_background_papers=s.is_background_papers,
            guidance=s.guidance,
            paragraphs=_paragraph_tree(section_numbers[s.id], list(s.paragraphs.all()))
            + (
                _background_paper_paragraphs(section_numbers[s.id], s, background_papers)
                if s.is_background_papers
                else []
            ),
        )
        for s in sorted(sections, key=lambda s: section_numbers[s.id])
    ]
    meeting_date = timezone.localtime(report.meeting.starts_at).date() if report.meeting_id else None
    return ReportStructure(
        report=report,
        title_rows=_title_rows(report),
        recommendations=[(rec_numbers[r.id], r.text) for r in sorted(recommendations, key=lambda r: rec_numbers[r.id])],
        sections=numbered_sections,
        background_papers=background_papers,
        appendices=list(report.appendices.all()),
        meeting_date=meeting_date,
        exempt_recommendations={rec_numbers[r.id]: r.exempt_paragraph for r in recommendations if r.exempt_paragraph},
    )
