"""A report, fully evaluated and numbered, ready for any output (page, PDF, Word, e-mail).

Rendering never queries the database: everything a template needs is here,
loaded in a constant number of queries whatever the report's size.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field, fields

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from committee import routes
from committee.models import AgendaItem, Person
from core import bilingual, dates
from core.language import WELSH
from core.numbering import (
    Node,
    agenda_numbers,
    appendix_label,
    paragraph_label,
    paragraph_numbers,
    recommendation_label,
    running_numbers,
    sequence_numbers,
    with_full_stop,
)
from reports import exemption
from reports.models import Paragraph, Report, ReportTemplate, Section, TitleBlockRow

DEFAULT_TITLE_BLOCK = [
    (TitleBlockRow.Field.TITLE, gettext_noop("Title")),
    (TitleBlockRow.Field.REPORT_OF, gettext_noop("Report of")),
    (TitleBlockRow.Field.WARDS, gettext_noop("Wards")),
    (TitleBlockRow.Field.STATUS, gettext_noop("Status")),
    (TitleBlockRow.Field.URGENT, gettext_noop("Urgent")),
    (TitleBlockRow.Field.KEY_DECISION, gettext_noop("Key")),
    (TitleBlockRow.Field.ENCLOSURES, gettext_noop("Enclosures")),
    (TitleBlockRow.Field.CONTACT, gettext_noop("Officer Contact Details")),
]


@dataclass(frozen=True)
class Wording:
    """What the template prints around the report's own text, and how it numbers and labels.
    The defaults are the wording every report had before templates said otherwise."""

    summary_heading: str = gettext_noop("Summary")
    recommendations_heading: str = gettext_noop("Recommendations")
    recommendations_lead_in: str = ""
    empty_subsection_text: str = ""
    # Their Welsh ("" : the Welsh catalogue's, where it has the English), and where it prints.
    summary_heading_cy: str = ""
    recommendations_heading_cy: str = ""
    recommendations_lead_in_cy: str = ""
    empty_subsection_text_cy: str = ""
    languages: str = ReportTemplate.Languages.READER.value
    title_block_case: str = ReportTemplate.TitleBlockCase.AS_WRITTEN.value
    numbering: str = ReportTemplate.Numbering.DECIMAL.value
    appendix_labels: str = ReportTemplate.AppendixLabels.LETTERS.value
    title_placement: str = ReportTemplate.TitlePlacement.BOTH.value
    heading_case: str = ReportTemplate.HeadingCase.CAPITALS.value
    recommendation_numbering: str = ReportTemplate.RecommendationNumbering.NUMBERS.value
    sub_numbering: str = ReportTemplate.SubNumbering.DECIMAL.value
    title_block_layout: str = ReportTemplate.TitleBlockLayout.TABLE.value
    opening: str = ReportTemplate.Opening.SUMMARY_FIRST.value
    implications_layout: str = ReportTemplate.ImplicationsLayout.TABLE.value
    full_stops: str = ReportTemplate.FullStops.SECTIONS.value
    date_style: str = ReportTemplate.DateStyle.DAY_MONTH_YEAR.value
    exempt_appendix_notices: str = ReportTemplate.ExemptAppendixNotices.EACH.value

    @classmethod
    def of(cls, template: ReportTemplate | None) -> Wording:
        if template is None:
            return cls()
        return cls(**{f.name: str(getattr(template, f.name)) for f in fields(cls)})

    def changes(self) -> dict:
        """What differs from the defaults: all a snapshot needs to keep (an older one reads as the defaults)."""
        return {key: value for key, value in asdict(self).items() if value != getattr(Wording, key)}

    @classmethod
    def from_changes(cls, data: dict | None) -> Wording:
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in (data or {}).items() if key in known})

    @property
    def flat(self) -> bool:
        """Numbered straight through unnumbered headings; unnumbered reports are counted so too."""
        return self.numbering in (ReportTemplate.Numbering.FLAT, ReportTemplate.Numbering.NONE)

    @property
    def unnumbered(self) -> bool:
        return self.numbering == ReportTemplate.Numbering.NONE

    def recommendation_label(self, number: int) -> str:
        return recommendation_label(number, self.recommendation_numbering)

    def paragraph_label(self, number: str) -> str:
        """The number a paragraph prints with: none where the template numbers nothing (the editor still
        counts them, to name each paragraph); "4.2" or "4.2." as the template puts full stops."""
        if self.unnumbered:
            return ""
        label = paragraph_label(number, self.sub_numbering, first_level=0 if self.flat else 1)
        return with_full_stop(label) if self.full_stops == ReportTemplate.FullStops.ALL else label

    def section_label(self, number: int | str) -> str:
        """A section heading's number: "1." or "1" as the template puts full stops; "" for none."""
        if number == "":
            return ""
        return str(number) if self.full_stops == ReportTemplate.FullStops.NONE else f"{number}."

    def date(self, value: datetime.date | datetime.datetime) -> str:
        """A date as the template prints it in the title block and the header (core.dates.DATE_STYLES)."""
        return dates.styled_date(value, self.date_style)

    @property
    def capitals(self) -> bool:
        return self.heading_case == ReportTemplate.HeadingCase.CAPITALS

    @property
    def title_block_capitals(self) -> bool:
        return self.title_block_case == ReportTemplate.TitleBlockCase.CAPITALS

    @property
    def welsh_first(self) -> bool:
        """Headings, lead-ins and labels printed in Welsh and English, Welsh first, for every reader."""
        return self.languages == ReportTemplate.Languages.WELSH_FIRST

    @property
    def combines_appendix_notices(self) -> bool:
        """One notice for all the exempt appendices, as Cardiff prints it, rather than one each."""
        return self.exempt_appendix_notices == ReportTemplate.ExemptAppendixNotices.COMBINED

    def welsh(self, name: str) -> str:
        """The Welsh of one of the template's words (``summary_heading`` …): as the template gives it."""
        return getattr(self, f"{name}_cy", "")

    def parts(self, has_summary: bool, has_recommendations: bool = True) -> list[str]:
        """The report's parts after its title block, in the template's order; a summary left empty is not
        printed (a template whose sections carry the summary, or a short report, needs none), nor are
        recommendations where there are none (a report for information), rather than a heading over "None"."""
        order = {
            ReportTemplate.Opening.RECOMMENDATIONS_FIRST: ["recommendations", "summary", "sections"],
            ReportTemplate.Opening.SECTIONS_FIRST: ["summary", "sections", "recommendations"],
        }.get(self.opening, ["summary", "recommendations", "sections"])
        left_out = {"summary"} if not has_summary else set()
        if not has_recommendations:
            left_out.add("recommendations")
        return [part for part in order if part not in left_out]

    @property
    def implications_table(self) -> bool:
        return self.implications_layout == ReportTemplate.ImplicationsLayout.TABLE

    @property
    def title_block_as_lines(self) -> bool:
        return self.title_block_layout == ReportTemplate.TitleBlockLayout.LINES

    @property
    def title_as_heading(self) -> bool:
        """Whether the title is printed as the report's visible heading (it stays its h1 for screen readers)."""
        return self.title_placement not in (ReportTemplate.TitlePlacement.ROW, ReportTemplate.TitlePlacement.HIDDEN)


@dataclass
class NumberedParagraph:
    number: str
    heading: str
    text: str
    pk: int
    children: list[NumberedParagraph] = field(default_factory=list)
    background_paper: object = None
    exempt_paragraph: int | None = None
    redacted_text: str = ""
    withheld: bool = False  # the public edition's notice stands in its place (reports/exemption.py)
    signed_off_by: str = ""  # an issue of the implications: the officer who signed it off (public)
    heading_cy: str = ""  # the Welsh (reports/welsh_edition.py prints it on Welsh pages)
    text_cy: str = ""

    @property
    def depth(self) -> int:
        return self.number.count(".")


@dataclass
class NumberedSection:
    number: int | str  # "" where the template numbers paragraphs straight through unnumbered headings
    heading: str
    pk: int
    is_background_papers: bool
    guidance: str
    paragraphs: list[NumberedParagraph]
    is_optional: bool = False
    left_out: bool = False  # optional and empty: not printed, not numbered, still edited
    is_required: bool = False  # submission waits until it is written (reports/completeness.py)
    is_implications: bool = False  # its sub-headings are issues, each with its sign-off
    heading_cy: str = ""


@dataclass
class TitleRow:
    field: str
    label: str
    value: str  # several lines for several people
    contacts: list = field(default_factory=list)
    show_label: bool = True
    # The Welsh of the title, "report of", the wards and the people named; of the other computed rows
    # too for a Welsh-first template.
    value_cy: str = ""
    label_cy: str = ""
    same_line: bool = False  # printed on the line of the row before
    # The date a row prints (the meeting's, or one the report fills in) and its style, so that each
    # edition can word it in its own language (`date_row_value`): the value is worded once.
    date: datetime.date | None = None
    date_style: str = ""
    # Likewise the Timetable row's steps (committee/routes.py `StepFacts`) and a key decision's forward
    # plan reference (`worded_in_language`).
    steps: list = field(default_factory=list)
    reference: str = ""


@dataclass
class ReportStructure:
    report: Report
    title_rows: list[TitleRow]  # those printed with their label; see `title_lines` for the rest
    recommendations: list[tuple[int, str]]
    sections: list[NumberedSection]
    background_papers: list
    appendices: list  # each with .label ("A", or "1" where the template numbers appendices)
    meeting_date: object
    wording: Wording = field(default_factory=Wording)
    meeting_id: int | None = None
    # Every section in order, those left out while empty included: what the editor shows.
    editing_sections: list[NumberedSection] = field(default_factory=list)
    # Recommendation number → its Schedule 12A paragraph, for the exempt ones.
    exempt_recommendations: dict[int, int] = field(default_factory=dict)
    # Recommendation number → its Welsh, for those that have some.
    recommendations_cy: dict[int, str] = field(default_factory=dict)

    @property
    def parts(self) -> list[str]:
        return self.wording.parts(bool(self.report.summary or self.report.summary_cy), bool(self.recommendations))

    @property
    def masthead_names_meeting(self) -> bool:
        return masthead_names_meeting(self.title_rows)

    @property
    def masthead_names_date(self) -> bool:
        return masthead_names_date(self.title_rows)

    @property
    def title_lines(self) -> list[TitleRow]:
        """The rows printed as lines on their own, without a label, above the labelled rows."""
        return [row for row in self.title_rows if not row.show_label]

    @property
    def labelled_rows(self) -> list[TitleRow]:
        return [row for row in self.title_rows if row.show_label]

    # Recommendation number → its redacted version, for the exempt ones that have one.
    redacted_recommendations: dict[int, str] = field(default_factory=dict)

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
        "route__committee",
        "route__meeting",
    )


def row_value_or_none(row) -> str:
    """What a title-block row prints: its value; "None" for a fact the report lacks (no wards, no
    enclosures); nothing for a row its author left empty (Mole Valley's blank "Amendments /amplifications")."""
    if row.value:
        return str(row.value)
    return "" if row.field in TitleBlockRow.FILLED_IN else "None"


def masthead_names_meeting(title_rows) -> bool:
    """Whether the masthead names the committee and the meeting's date: not when the title block does."""
    return not any(row.field in (TitleBlockRow.Field.COMMITTEE, TitleBlockRow.Field.MEETING) for row in title_rows)


def masthead_names_date(title_rows) -> bool:
    """Whether the masthead gives the meeting's date: not when a row of the title block prints it (the
    Isle of Wight's "Date : 7 JUNE 2005"), so that it is not printed twice."""
    return not any(row.field == TitleBlockRow.Field.MEETING_DATE for row in title_rows)


def _yes_no(value: bool) -> str:
    return gettext_noop("Yes") if value else gettext_noop("No")


# A yes / no / not applicable row's stored answer and what it prints.
YES_NO_ANSWERS = {"yes": gettext_noop("Yes"), "no": gettext_noop("No"), "n/a": gettext_noop("Not applicable")}


def placed_rows(rows: list[tuple], placement: str) -> list[tuple]:
    """The title block's rows (kind, label, …) as the template places the title: printed once as a
    heading (its row left out), once as a row (one added first if the template has none), both, or
    neither (the page keeps its title for screen readers)."""
    title = TitleBlockRow.Field.TITLE
    if placement in (ReportTemplate.TitlePlacement.HEADING, ReportTemplate.TitlePlacement.HIDDEN):
        return [row for row in rows if row[0] != title]
    if placement == ReportTemplate.TitlePlacement.ROW and not any(row[0] == title for row in rows):
        return [(title, "Title", True), *rows]
    return rows


def _title_rows(report: Report, appendices: list, wording: Wording) -> list[TitleRow]:
    template_rows = list(report.template.title_block_rows.all()) if report.template_id else []
    # (kind, label, printed label, date style, Welsh label, on the line before): a date row may print
    # its date its own way.
    rows = placed_rows(
        [(row.field, row.label, row.show_label, row.date_style, row.label_cy, row.same_line) for row in template_rows]
        or [(kind, label, True) for kind, label in DEFAULT_TITLE_BLOCK],
        wording.title_placement,
    )
    kinds = {row[0] for row in rows}
    wards = gettext_noop("All") if report.all_wards else ", ".join(ward.name for ward in report.wards.all()) or "None"
    wards_cy = "" if report.all_wards else wards_in_welsh(report.wards.all())
    enclosures = enclosures_row(appendices, combined=wording.combines_appendix_notices)
    key_decision = _yes_no(report.key_decision)
    reference = report.forward_plan_reference if report.key_decision else ""
    if reference:
        key_decision = key_decision_value(reference)
    values = {
        TitleBlockRow.Field.TITLE: report.title,
        TitleBlockRow.Field.REPORT_OF: report.report_of,
        TitleBlockRow.Field.WARDS: wards,
        TitleBlockRow.Field.STATUS: _classification(report, appendices),
        TitleBlockRow.Field.URGENT: _yes_no(report.urgent),
        TitleBlockRow.Field.KEY_DECISION: key_decision,
        TitleBlockRow.Field.FORWARD_PLAN_REFERENCE: report.forward_plan_reference,
        TitleBlockRow.Field.ENCLOSURES: enclosures,
        TitleBlockRow.Field.DECISION_MAKER: report.decision_maker,
        TitleBlockRow.Field.LEAD_HEAD_OF_SERVICE: report.lead_head_of_service,
        TitleBlockRow.Field.COMMITTEE: report.committee.name,
    }

    meeting_day = timezone.localtime(report.meeting.starts_at).date() if report.meeting_id else None

    # Rows that cost a query are looked up only where the template has them.
    if TitleBlockRow.Field.AGENDA_ITEM in kinds:
        values[TitleBlockRow.Field.AGENDA_ITEM] = _agenda_item_number(report)
    named = _people_named(report) if TitleBlockRow.Field.PEOPLE in kinds else []
    people = {person.pk: person_line(person) for person in named}
    # The people in Welsh (their roles, a councillor's honorific), kept only where that changes a line.
    has_welsh = any(person_line(person, welsh=True) != person_line(person) for person in named)
    people_in_welsh = {person.pk: person_line(person, welsh=True) for person in named} if has_welsh else {}
    people_cy: dict[int, str] = {}
    result = []
    for field_name, label, show_label, *more in rows:
        own_style, label_cy, same_line = more or ("", "", False)
        date_style = own_style or wording.date_style
        day, steps = None, []
        if field_name == TitleBlockRow.Field.CONTACT:
            value, contacts = "", list(report.contact_officers.all())
        elif field_name == TitleBlockRow.Field.ROUTE:
            steps = _timetable(report)
            value, contacts = routes.worded_timetable(steps), []
        elif field_name in TitleBlockRow.FILLED_IN:
            stored = report.extra_title_rows.get(label)
            value, contacts = _filled_in(field_name, stored, people, date_style), []
            if field_name == TitleBlockRow.Field.PEOPLE:
                people_cy[len(result)] = _filled_in(field_name, stored, people_in_welsh, date_style)
            if field_name == TitleBlockRow.Field.DATE:
                day = _iso_date(stored)
        elif field_name in (TitleBlockRow.Field.MEETING_DATE, TitleBlockRow.Field.MEETING):
            day, contacts = meeting_day, []
            value = date_row_value(field_name, day, date_style, report.committee.name)
        else:
            value, contacts = values.get(field_name, ""), []
        result.append(
            TitleRow(
                field_name,
                label,
                value,
                contacts=contacts,
                show_label=show_label,
                label_cy=label_cy,
                same_line=same_line,
                date=day,
                date_style=date_style if field_name in DATE_ROWS else "",
                steps=steps,
                reference=reference if field_name == TitleBlockRow.Field.KEY_DECISION else "",
            )
        )
    welsh = {
        TitleBlockRow.Field.TITLE: report.title_cy,
        TitleBlockRow.Field.REPORT_OF: report.report_of_cy,
        TitleBlockRow.Field.WARDS: wards_cy,
    }
    if wording.welsh_first:  # the computed rows in Welsh too, printed beside the English
        welsh.update(_computed_in_welsh(report, values, wards_cy))
    committee = report.committee
    for index, row in enumerate(result):
        row.value_cy = people_cy.get(index, "") if row.field == TitleBlockRow.Field.PEOPLE else welsh.get(row.field, "")
        if wording.welsh_first and row.field in DATE_ROWS:
            # Dates in both languages, each in the row's style, whatever language the page is in.
            with translation.override(settings.LANGUAGE_CODE):
                row.value = date_row_value(row.field, row.date, row.date_style, committee.name, fallback=row.value)
            with translation.override(WELSH):
                name = committee.name_cy or committee.name
                row.value_cy = date_row_value(row.field, row.date, row.date_style, name, fallback="")
        elif wording.welsh_first and (row.steps or row.reference):
            with translation.override(settings.LANGUAGE_CODE):
                row.value = worded_in_language(row)
            with translation.override(WELSH):
                row.value_cy = worded_in_language(row)
    return result


def key_decision_value(reference: str) -> str:
    """A key decision's row with its forward plan reference, in the active language."""
    return gettext("Yes (forward plan reference %(reference)s)") % {"reference": reference}


def worded_in_language(row) -> str:
    """The Timetable or key decision row worded in the active language from the facts it keeps (its
    route's steps, its forward plan reference); as kept where it keeps none (a copy published before
    rows kept them)."""
    if getattr(row, "steps", None):
        return routes.worded_timetable(row.steps)
    if getattr(row, "reference", ""):
        return key_decision_value(row.reference)
    return row.value


# Rows that print a date: worded again in each edition's language from the date itself.
DATE_ROWS = (TitleBlockRow.Field.MEETING_DATE, TitleBlockRow.Field.MEETING, TitleBlockRow.Field.DATE)
TO_BE_DECIDED = gettext_noop("To be decided")


def date_row_value(kind: str, day: datetime.date | None, style: str, committee_name: str, *, fallback: str = "") -> str:
    """A row that prints a date, in the active language: the meeting's date ("6 Medi 2006"), the
    committee and its date, or a date the report fills in (``fallback``, as stored, where it is no date)."""
    if kind == TitleBlockRow.Field.DATE:
        return dates.styled_date(day, style) if day else fallback
    when = dates.styled_date(day, style) if day else gettext(TO_BE_DECIDED)
    return f"{committee_name}, {when}" if kind == TitleBlockRow.Field.MEETING else when


def _iso_date(stored) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(stored))
    except ValueError:
        return None


def _computed_in_welsh(report: Report, english: dict, wards_cy: str) -> dict:
    """The computed rows a Welsh-first template prints in Welsh beside the English: the committee's
    and the wards' Welsh names and the council's standard words ("Yes", "All"); the dates are
    `date_row_value`'s."""
    found = {TitleBlockRow.Field.COMMITTEE: report.committee.name_cy}
    for kind in (TitleBlockRow.Field.WARDS, TitleBlockRow.Field.URGENT, TitleBlockRow.Field.KEY_DECISION):
        found[kind] = bilingual.welsh_for(english.get(kind, ""))
    found[TitleBlockRow.Field.WARDS] = wards_cy or found[TitleBlockRow.Field.WARDS]
    return found


def wards_in_welsh(wards) -> str:
    """The "Wards affected" row in Welsh ("Rhuthun, Dinbych"), a ward without a Welsh name by its English
    one; "" when none of them has a Welsh name, so that the row is read as English."""
    wards = list(wards)
    if not any(ward.name_cy for ward in wards):
        return ""
    return ", ".join(ward.name_cy or ward.name for ward in wards)


def _filled_in(kind: str, stored, people: dict[int, str], date_style: str) -> str:
    """What a row the report fills in prints, from the value the editor stored; a date in the row's style."""
    if stored in (None, "", []):
        return ""
    if kind == TitleBlockRow.Field.YES_NO:
        return YES_NO_ANSWERS.get(str(stored), "")
    if kind == TitleBlockRow.Field.DATE:
        try:
            return dates.styled_date(datetime.date.fromisoformat(str(stored)), date_style)
        except ValueError:
            return str(stored)
    if kind == TitleBlockRow.Field.PEOPLE:
        ids = stored if isinstance(stored, list) else []
        return "\n".join(people[pk] for pk in ids if pk in people)
    return str(stored)


def person_line(person: Person, *, welsh: bool = False) -> str:
    """A person as a title block names them: "John Pearce, Corporate Director of Children's Services";
    with ``welsh``, their role in Welsh where it is written in Welsh and their honorific in Welsh."""
    name = bilingual.name_in_welsh(person.name) if welsh else person.name
    job_title = (welsh and person.job_title_cy) or person.job_title
    return f"{name}, {job_title}" if job_title else name


def _people_named(report: Report) -> list[Person]:
    ids = [pk for value in report.extra_title_rows.values() if isinstance(value, list) for pk in value]
    ids = [pk for pk in ids if isinstance(pk, int)]
    return list(Person.objects.filter(pk__in=ids)) if ids else []


def _agenda_item_number(report: Report) -> str:
    """The report's number on its meeting's agenda, numbered as the agenda numbers it."""
    if not report.meeting_id:
        return ""
    items = list(AgendaItem.objects.filter(meeting_id=report.meeting_id).only("id", "part", "position", "report_id"))
    numbers = agenda_numbers(items)
    return next((numbers[item.id] for item in items if item.report_id == report.pk), "")


def _timetable(report: Report) -> list[routes.StepFacts]:
    """The route's steps; a report without one goes to its own committee's meeting."""
    steps = list(report.route.all())
    if steps:
        return [routes.StepFacts.of(step) for step in steps]
    committee = report.committee
    return [routes.StepFacts(committee.name, committee.name_cy, report.meeting.date if report.meeting_id else None)]


def enclosures_row(appendices: list, *, combined: bool = False) -> str:
    """The title block's Enclosures, in the active language ("None" where there are none): each appendix
    named, an exempt one with its notice, or, where the template prints one notice for all the exempt
    ones (``combined``, Cardiff's), each named and that one notice after them."""
    names, notice = exemption.appendices_named(appendices, combined=combined)
    if not names:
        return "None"
    return f"{'; '.join(names)}. {notice}" if notice else "; ".join(names)


def _classification(report: Report, appendices: list) -> str:
    passages = [r.exempt_paragraph for r in report.recommendations.all() if r.exempt_paragraph]
    passages += [p.exempt_paragraph for s in report.sections.all() for p in s.paragraphs.all() if p.exempt_paragraph]
    return exemption.classification(
        is_exempt=report.is_exempt,
        paragraph=report.exempt_paragraph,
        appendices=[(a.label, a.exempt_paragraph) for a in appendices if a.exempt_paragraph],
        passages=passages,
    )


def _paragraph_tree(numbers: dict[int, str], paragraphs: list[Paragraph]) -> list[NumberedParagraph]:
    by_number = {
        numbers[p.id]: NumberedParagraph(
            numbers[p.id],
            p.heading,
            p.text,
            p.id,
            exempt_paragraph=p.exempt_paragraph,
            redacted_text=p.redacted_text,
            signed_off_by=p.signed_off_by,
            heading_cy=p.heading_cy,
            text_cy=p.text_cy,
        )
        for p in paragraphs
    }
    roots: list[NumberedParagraph] = []
    # Hang each paragraph under the one its number says, so the tree always agrees with the numbers.
    for number in sorted(by_number, key=lambda n: [int(part) for part in n.split(".")]):
        parent = by_number.get(number.rsplit(".", 1)[0]) if "." in number else None
        (parent.children if parent else roots).append(by_number[number])
    return roots


def _is_empty(section: Section, papers: list) -> bool:
    if section.is_background_papers and papers:
        return False
    return not any(p.text for p in section.paragraphs.all())


# The background papers are numbered as paragraphs after any written ones: each stands in as a node
# with a negative id (never a paragraph's) placed after every real position.
_AFTER_ALL = 2**62


def _nodes(section: Section, papers: list) -> list[Node]:
    nodes = [Node(p.id, p.parent_id, p.position) for p in section.paragraphs.all()]
    if section.is_background_papers:
        nodes += [Node(-index, None, _AFTER_ALL + index) for index in range(1, len(papers) + 1)]
    return nodes


def _numbered_sections(sections: list[Section], papers: list, wording: Wording) -> list[NumberedSection]:
    """Each section numbered as the template says; an optional one left empty is left out, and its
    number goes to the next (the numbers are those of the report as printed)."""
    printed = [s for s in sections if not (s.is_optional and _is_empty(s, papers))]
    if wording.flat:
        running = running_numbers([_nodes(s, papers) for s in printed])
        numbers_of = {s.id: found for s, found in zip(printed, running, strict=True)}
        section_numbers: dict[int, int | str] = dict.fromkeys((s.id for s in printed), "")
    else:
        section_numbers = dict(sequence_numbers(printed))
        numbers_of = {s.id: paragraph_numbers(section_numbers[s.id], _nodes(s, papers)) for s in printed}
    result = []
    for s in sections:
        left_out = s.id not in section_numbers
        # A section left out is still edited: its paragraphs are numbered as a section 0 would be.
        numbers = numbers_of.get(s.id) or paragraph_numbers(0, _nodes(s, []))
        paragraphs = _paragraph_tree(numbers, list(s.paragraphs.all()))
        if s.is_background_papers and not left_out:
            paragraphs += [
                NumberedParagraph(numbers[-index], "", "", paper.pk, background_paper=paper)
                for index, paper in enumerate(papers, start=1)
            ]
        result.append(
            NumberedSection(
                number="" if left_out else section_numbers[s.id],
                heading=s.heading,
                pk=s.id,
                is_background_papers=s.is_background_papers,
                guidance=s.guidance,
                paragraphs=paragraphs,
                is_optional=s.is_optional,
                left_out=left_out,
                is_required=s.is_required,
                is_implications=s.is_implications,
                heading_cy=s.heading_cy,
            )
        )
    return result


def loaded_structure(report: Report) -> ReportStructure:
    """A report's structure, loading it with everything prefetched unless the caller already did."""
    if not getattr(report, "_prefetched_objects_cache", None):
        report = prefetch_report().get(pk=report.pk)
    return report_structure(report)


def report_structure(report: Report) -> ReportStructure:
    """Number and gather a report. Pass one loaded with prefetch_report() to avoid extra queries."""
    wording = Wording.of(report.template if report.template_id else None)
    recommendations = list(report.recommendations.all())
    rec_numbers = sequence_numbers(recommendations)
    sections = sorted(report.sections.all(), key=lambda s: (s.position, s.id))
    background_papers = list(report.background_papers.all())
    numbered_sections = _numbered_sections(sections, background_papers, wording)
    appendices = list(report.appendices.all())
    for index, appendix in enumerate(appendices, start=1):
        appendix.label = appendix.own_label or appendix_label(index, wording.appendix_labels)
    meeting_date = timezone.localtime(report.meeting.starts_at).date() if report.meeting_id else None
    return ReportStructure(
        report=report,
        title_rows=_title_rows(report, appendices, wording),
        recommendations=[(rec_numbers[r.id], r.text) for r in sorted(recommendations, key=lambda r: rec_numbers[r.id])],
        sections=[s for s in numbered_sections if not s.left_out],
        background_papers=background_papers,
        appendices=appendices,
        meeting_date=meeting_date,
        wording=wording,
        meeting_id=report.meeting_id,
        editing_sections=numbered_sections,
        exempt_recommendations={rec_numbers[r.id]: r.exempt_paragraph for r in recommendations if r.exempt_paragraph},
        recommendations_cy={rec_numbers[r.id]: r.text_cy for r in recommendations if r.text_cy},
        redacted_recommendations={
            rec_numbers[r.id]: r.redacted_text for r in recommendations if r.exempt_paragraph and r.redacted_text
        },
    )


@dataclass(frozen=True)
class ExemptPart:
    """One exempt appendix, recommendation or paragraph of a report, named as the report numbers it."""

    kind: str  # "appendix", "recommendation" or "paragraph"
    pk: int
    name: str
    paragraph: int


def exempt_parts(doc: ReportStructure) -> list[ExemptPart]:
    """Each part of a report marked exempt, in the report's order and words: what an officer may lift."""
    parts = []
    recommendations = list(doc.report.recommendations.all())
    numbers = sequence_numbers(recommendations)
    for recommendation in sorted(recommendations, key=lambda r: numbers[r.id]):
        if recommendation.exempt_paragraph:
            name = f"Recommendation {numbers[recommendation.id]}"
            parts.append(ExemptPart("recommendation", recommendation.pk, name, recommendation.exempt_paragraph))

    def walk(paragraphs):
        for p in paragraphs:
            if p.exempt_paragraph:
                name = f"Paragraph {p.number}" + (f" — {p.heading}" if p.heading else "")
                parts.append(ExemptPart("paragraph", p.pk, name, p.exempt_paragraph))
            walk(p.children)

    for section in doc.sections:
        walk(section.paragraphs)
    for appendix in doc.appendices:
        if appendix.exempt_paragraph:
            name = f"Appendix {appendix.label} — {appendix.title}"
            parts.append(ExemptPart("appendix", appendix.pk, name, appendix.exempt_paragraph))
    return parts
