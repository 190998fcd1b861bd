"""Importing a Word report: where each part of the document goes in a draft made from a template.

reports/word_reading.py reads the .docx into blocks; ``plan`` maps them, without writing anything:
- the title-block table (a table before the first heading whose left column names title-block
  rows) fills the title block: title, report of, wards, status, urgent, key decision, contact
  officers, the template's free rows;
- the heading that matches the template's summary heading (or "Summary") gives the summary, and
  the one matching its recommendations heading gives one recommendation per paragraph;
- every other top-level heading ("1. Introduction", "WHY THIS REPORT IS NEEDED") is matched to
  the template's section of that name, or becomes a new section;
- sub-headings ("5.1 Risk Management") fill the template's sub-headings or become new ones;
- numbered paragraphs lose their number ("1.1", "a)") and nest by it (5.2.1 under 5.2);
- bullet lists and tables stay with the paragraph they follow;
- in the background papers section, each paragraph with a web address becomes a background paper.
Whatever has no place is listed as unplaced, so the author sees it before the draft is made.
``create_draft`` then writes the plan as a new draft in one transaction.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from committee.models import Person, Ward
from core import schedule_12a
from reports import editing, pasting, revisions, templates_setup
from reports.models import BackgroundPaper, Paragraph, Recommendation, Report, ReportTemplate, TitleBlockRow
from reports.structure import DEFAULT_TITLE_BLOCK
from reports.word_reading import is_roman, table_html

NO_HEADINGS_MESSAGE = (
    "We found no headings in this document, so we cannot tell where its sections start. In Word, give each "
    "section heading the “Heading 1” style (or number it and make it bold, as in “1. Introduction”) and try again."
)

Field = TitleBlockRow.Field

# Other names councils give the title block's rows, by field.
TITLE_ROW_ALIASES = {
    Field.TITLE: {"title", "report title", "subject", "title of report"},
    Field.REPORT_OF: {"report of", "report by", "report from", "lead officer", "report author"},
    Field.WARDS: {"wards", "ward", "wards affected", "ward(s)", "ward(s) affected"},
    Field.STATUS: {"status", "public or exempt", "exempt", "classification"},
    Field.URGENT: {"urgent"},
    Field.KEY_DECISION: {"key", "key decision"},
    Field.ENCLOSURES: {"enclosures", "appendices", "appendix"},
    Field.CONTACT: {"officer contact details", "contact officer", "contact officers", "contact", "report author"},
    Field.DECISION_MAKER: {"final decision-maker", "decision maker", "decision-maker", "final decision maker"},
    Field.LEAD_HEAD_OF_SERVICE: {"lead head of service", "head of service"},
}
SUMMARY_HEADINGS = {"summary", "executive summary", "purpose of report", "purpose of the report"}
RECOMMENDATION_HEADINGS = {"recommendations", "recommendation", "recommendation(s)"}
BACKGROUND_HEADINGS = {"background papers", "background documents", "list of background papers"}
# A bold numbered line longer than this, or ending like a sentence, is a paragraph, not a heading.
MAX_HEADING_LENGTH = 150
_URL = re.compile(r"<?(https?://[^\s<>]+)>?")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_YES = {"yes", "y", "true"}
# The Report fields a title block sets directly (the rest are the title, report of, wards, contacts).
REPORT_FACTS = {
    "all_wards",
    "is_exempt",
    "exempt_paragraph",
    "urgent",
    "key_decision",
    "decision_maker",
    "lead_head_of_service",
}


def normalise(heading: str) -> str:
    """A heading as compared: no number, no case, "&" as "and", single spaces, no closing colon."""
    heading = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-z][.)])\s+", "", heading, flags=re.IGNORECASE)
    heading = heading.replace("&", " and ").replace("’", "'").lower().rstrip(" :.")
    return " ".join(heading.split())


# The plan ------------------------------------------------------------------------------------


@dataclass
class Placement:
    source: str  # the start of the text as it is in the Word document
    destination: str  # where it goes, in the words of the editor ("Section 5, sub-heading 5.3")


@dataclass
class PlannedParagraph:
    heading: str = ""
    html: str = ""
    children: list[PlannedParagraph] = field(default_factory=list)
    template_heading: bool = False  # the template's own sub-heading, already in a new draft


@dataclass
class PlannedSection:
    heading: str
    in_template: bool
    is_background_papers: bool = False
    paragraphs: list[PlannedParagraph] = field(default_factory=list)
    # Where the next top-level paragraph goes: after the template's sub-headings the document has
    # reached, before those it has not (which keep the template's order).
    cursor: int = 0


@dataclass
class Plan:
    title: str = ""
    report_of: str = ""
    facts: dict = field(default_factory=dict)  # Report fields from the title block
    wards: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    extra_title_rows: dict = field(default_factory=dict)
    summary: str = ""
    recommendations: list[str] = field(default_factory=list)
    sections: list[PlannedSection] = field(default_factory=list)
    papers: list[dict] = field(default_factory=list)
    placed: list[Placement] = field(default_factory=list)
    unplaced: list[Placement] = field(default_factory=list)  # destination: why it has no place

    def place(self, source: str, destination: str) -> None:
        self.placed.append(Placement(_short(source), destination))

    def leave(self, source: str, reason: str) -> None:
        self.unplaced.append(Placement(_short(source), reason))


def _short(text: str, length: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class WordImportError(Exception):
    """The document cannot become a draft; the message is written for the officer."""


def plan(blocks: list[dict], template: ReportTemplate) -> Plan:
    """Where each block of the Word document goes in a draft made from ``template``."""
    result = Plan()
    # A title or cover heading above the title-block table is front matter, not the first section.
    fields = _title_fields(template)
    title_table = next((i for i, b in enumerate(blocks) if _is_title_block(b, fields)), -1)
    headings = [None] * (title_table + 1) + _classify_headings(blocks[title_table + 1 :], template)
    if not any(h is not None for h in headings):
        raise WordImportError(NO_HEADINGS_MESSAGE)
    first_heading = next(i for i, h in enumerate(headings) if h is not None)
    _front_matter(result, blocks[:first_heading], template)
    mapper = _Mapper(result, template)
    for block, heading in zip(blocks[first_heading:], headings[first_heading:], strict=True):
        if heading is not None:
            mapper.heading(block, *heading)
        else:
            mapper.body(block)
    mapper.finish()
    return result


def _heading_level(block: dict, template_names: set[str]) -> int | None:
    """A block's heading level (1 for a section, 2 for a sub-heading …), or None for body text."""
    if block["kind"] == "heading":
        return block["level"]
    if block["kind"] != "paragraph" or not block["bold"]:
        return None
    text = block["text"]
    if len(text) > MAX_HEADING_LENGTH or text.rstrip().endswith((".", ";", ",")):
        return None
    label = block["label"]
    if label and re.fullmatch(r"\d+(?:\.\d+)*", label):
        return label.count(".") + 1
    if not label and normalise(text) in template_names:
        return 1
    return None


def _classify_headings(blocks: list[dict], template: ReportTemplate) -> list[tuple[int, bool] | None]:
    """For each block: None (body text), or (depth, is_section) where the shallowest heading level
    used in the document is the section level."""
    names = {normalise(s.heading) for s in template.sections.all()} | SUMMARY_HEADINGS | RECOMMENDATION_HEADINGS
    names |= BACKGROUND_HEADINGS | {normalise(template.summary_heading), normalise(template.recommendations_heading)}
    levels = [_heading_level(b, names) for b in blocks]
    used = [level for level in levels if level is not None]
    if not used:
        return [None] * len(blocks)
    top = min(used)
    return [None if level is None else (level - top, level == top) for level in levels]


# Before the first heading: the title and the title block --------------------------------------


def _title_fields(template: ReportTemplate) -> dict[str, tuple[str, str]]:
    """Normalised label → (field, the template's label) for every row the template has, and the
    usual names of the standard fields."""
    rows = list(template.title_block_rows.all()) or [
        TitleBlockRow(field=f, label=label) for f, label in DEFAULT_TITLE_BLOCK
    ]
    found = {normalise(row.label): (row.field, row.label) for row in rows}
    labels = {row.field: row.label for row in rows if row.field != Field.FREE}
    for field_name, aliases in TITLE_ROW_ALIASES.items():
        for alias in aliases:
            found.setdefault(alias, (field_name, labels.get(field_name, Field(field_name).label)))
    return found


def _is_title_block(block: dict, fields: dict) -> bool:
    if block["kind"] != "table":
        return False
    known = sum(1 for row in block["rows"] if len(row) >= 2 and normalise(row[0]["text"]) in fields)
    return known >= 2


def _front_matter(result: Plan, blocks: list[dict], template: ReportTemplate) -> None:
    fields = _title_fields(template)
    for block in blocks:
        if _is_title_block(block, fields):
            _title_block(result, block, fields)
        elif block["kind"] in ("title", "heading") and not result.title:
            result.title = block["text"]
            result.place(block["text"], "Title")
        elif block["kind"] == "table":
            result.leave(block["text"], "A table before the first heading: paste it into the section it belongs to.")
        else:
            result.leave(block["text"], "Text before the first heading (a cover page?): not part of any section.")


def _title_block(result: Plan, block: dict, fields: dict) -> None:
    for row in block["rows"]:
        if len(row) < 2 or not row[0]["text"]:
            text = " ".join(c["text"] for c in row)
            result.leave(text, "The committee and meeting are chosen on the import form, not read from the document.")
            continue
        label, value = row[0]["text"], " ".join(c["text"] for c in row[1:]).strip()
        found = fields.get(normalise(label))
        source = f"{label}: {value}"
        if found is None:
            result.leave(source, "The template's title block has no row of this name.")
            continue
        field_name, row_label = found
        destination = f"Title block, “{row_label}”"
        if field_name == Field.TITLE:
            result.title = value
        elif field_name == Field.REPORT_OF:
            result.report_of = value
        elif field_name == Field.WARDS:
            if not _wards(result, value):
                result.leave(source, "No ward of that name: choose the wards in the report's details.")
                continue
        elif field_name == Field.STATUS:
            if not _status(result, value):
                result.leave(source, "Exempt, but which paragraph of Schedule 12A? Choose it in the report's details.")
                continue
        elif field_name in (Field.URGENT, Field.KEY_DECISION):
            result.facts[str(field_name)] = value.strip().lower() in _YES
        elif field_name == Field.ENCLOSURES:
            if value.strip().lower() not in {"", "none", "n/a"}:
                result.leave(source, "Upload each appendix in the editor: the enclosures row lists them.")
            continue
        elif field_name == Field.CONTACT:
            if not _contacts(result, value):
                result.leave(source, "Nobody with that e-mail address or name is known: choose the contact officer.")
                continue
        elif field_name in (Field.DECISION_MAKER, Field.LEAD_HEAD_OF_SERVICE):
            result.facts[str(field_name)] = value
        else:
            result.extra_title_rows[row_label] = value
        result.place(source, destination)


def _wards(result: Plan, value: str) -> bool:
    if value.strip().lower() in {"all", "all wards"}:
        result.facts["all_wards"] = True
        return True
    names = [n.strip() for n in re.split(r"[,;\n]|\band\b", value) if n.strip()]
    wards = list(Ward.objects.filter(name__in=names))
    if not wards or len(wards) != len(names):
        return False
    result.facts["all_wards"] = False
    result.wards = [w.pk for w in wards]
    return True


def _status(result: Plan, value: str) -> bool:
    lowered = value.lower()
    if "exempt" not in lowered and "part 2" not in lowered and "private" not in lowered:
        return True
    paragraph = re.search(r"paragraph\s+(\d+)", lowered)
    if not paragraph or not schedule_12a.is_offered(int(paragraph.group(1))):
        return False
    result.facts["is_exempt"] = True
    result.facts["exempt_paragraph"] = int(paragraph.group(1))
    return True


def _contacts(result: Plan, value: str) -> bool:
    officers = Person.objects.filter(kind=Person.Kind.OFFICER).order_by("pk")
    by_email = Q()
    for email in _EMAIL.findall(value):
        by_email |= Q(email__iexact=email)
    people = list(officers.filter(by_email)) if by_email else []
    if not people:  # no address, or not one we know: the name as written ("Edward Gilbert, …")
        people = [p for p in officers.exclude(name="") if p.name in value][:1]
    result.contacts = [p.pk for p in people]
    return bool(people)


# From the first heading on -----------------------------------------------------------------------


class _Mapper:
    def __init__(self, result: Plan, template: ReportTemplate):
        self.result = result
        self.template = template
        template_sections = list(template.sections.all())
        self.tops = [s for s in template_sections if s.parent_id is None]
        self.children = {s.id: [c.heading for c in template_sections if c.parent_id == s.id] for s in self.tops}
        self.summary_names = SUMMARY_HEADINGS | {normalise(template.summary_heading)}
        self.recommendation_names = RECOMMENDATION_HEADINGS | {normalise(template.recommendations_heading)}
        self.lead_in = normalise(template.recommendations_lead_in)
        self.sections = {}  # template section id → PlannedSection
        self.target = None  # "summary", "recommendations" or a PlannedSection
        self.stack: list[PlannedParagraph] = []  # the open paragraph at each depth
        self.label_depth = -1  # depth of the last decimal-numbered paragraph
        self.summary_parts: list[str] = []
        self.word_level: int | None = None  # the list level of the section's first Word-numbered paragraph
        self.pending_list: list[tuple[int, str, str]] = []  # (level, "ul" or "ol", item) not yet added

    # Headings ---------------------------------------------------------------------

    def heading(self, block: dict, depth: int, is_section: bool) -> None:
        self._flush_list()
        if is_section:
            self._section(block)
            return
        if not isinstance(self.target, PlannedSection):
            self.result.leave(block["text"], "A sub-heading outside any section.")
            return
        section = self.target
        name = normalise(block["text"])
        if block["label"] and re.fullmatch(r"\d+(?:\.\d+)*", block["label"]):
            depth = block["label"].count(".") - 1  # "5.1 Risk" is a sub-heading of section 5
        else:
            depth -= 1  # "Heading 2" under a "Heading 1" section is a top-level sub-heading
        depth = max(0, min(depth, len(self.stack)))
        if depth == 0:
            for index, paragraph in enumerate(section.paragraphs):
                if paragraph.template_heading and normalise(paragraph.heading) == name and not paragraph.children:
                    if index < section.cursor:  # the document has it later than the template does
                        section.paragraphs.insert(section.cursor - 1, section.paragraphs.pop(index))
                    else:
                        section.cursor = index + 1
                    self.stack = [paragraph]
                    self.result.place(block["text"], f"{section.heading}: the template's sub-heading")
                    return
        node = PlannedParagraph(heading=_plain_heading(block))
        self._add(node, depth)
        self.result.place(block["text"], f"{section.heading}: a new sub-heading")

    def _section(self, block: dict) -> None:
        self.stack, self.label_depth, self.word_level = [], -1, None
        name = normalise(block["text"])
        if name in self.summary_names:
            self.target = "summary"
            self.result.place(block["text"], "The summary heading (the template prints its own)")
            return
        if name in self.recommendation_names:
            self.target = "recommendations"
            self.result.place(block["text"], "The recommendations heading (the template prints its own)")
            return
        template_section = self._template_section(name)
        if template_section is not None and template_section.id not in self.sections:
            planned = PlannedSection(
                template_section.heading, True, is_background_papers=template_section.is_background_papers
            )
            planned.paragraphs = [
                PlannedParagraph(heading=h, template_heading=True) for h in self.children[template_section.id]
            ]
            self.sections[template_section.id] = planned
            self.result.sections.append(planned)
            self.target = planned
            self.result.place(block["text"], f"Section “{planned.heading}” of the template")
            return
        planned = PlannedSection(_plain_heading(block), False, is_background_papers=name in BACKGROUND_HEADINGS)
        self.result.sections.append(planned)
        self.target = planned
        self.result.place(block["text"], f"A new section “{planned.heading}” (not in the template)")

    def _template_section(self, name: str):
        by_name = {normalise(s.heading): s for s in self.tops}
        if name in by_name:
            return by_name[name]
        if name in BACKGROUND_HEADINGS:
            return next((s for s in self.tops if s.is_background_papers), None)
        close = difflib.get_close_matches(name, list(by_name), n=1, cutoff=0.85)
        return by_name[close[0]] if close else None

    # Body text --------------------------------------------------------------------

    def body(self, block: dict) -> None:
        if block["kind"] == "bullet" or (block["kind"] == "numbered" and self.target == "summary"):
            self._list_item(block)
            return
        self._flush_list()
        if self.target == "summary":
            self.summary_parts.append(table_html(block) if block["kind"] == "table" else f"<p>{block['html']}</p>")
            self.result.place(block["text"], "Summary")
        elif self.target == "recommendations":
            self._recommendation(block)
        elif self.target.is_background_papers:
            self._paper(block)
        else:
            self._paragraph(block)

    # A bullet list belongs to the text before it: its items are gathered and added as one list.

    def _list_item(self, block: dict) -> None:
        tag = "ul" if block["kind"] == "bullet" else "ol"
        self.pending_list.append((block["level"], tag, block["html"]))
        if self.target == "summary":
            where = "Summary (a list)"
        elif self.target == "recommendations":
            where = f"Recommendation {max(1, len(self.result.recommendations))} (a list in it)"
        else:
            where = f"{self.target.heading}: a list in the paragraph before it"
        self.result.place(block["text"], where)

    def _flush_list(self) -> None:
        if not self.pending_list:
            return
        html = _list_html(self.pending_list)
        self.pending_list = []
        if self.target == "summary":
            self.summary_parts.append(html)
        elif self.target == "recommendations":
            if self.result.recommendations:
                self.result.recommendations[-1] += html
            else:
                self.result.recommendations.append(html)
        elif self.stack and self.stack[-1].html:
            self.stack[-1].html += html
        else:
            self._add(PlannedParagraph(html=html), len(self.stack) if self.stack else 0)

    def _recommendation(self, block: dict) -> None:
        recommendations = self.result.recommendations
        if block["kind"] == "table" and recommendations:
            recommendations[-1] += table_html(block)
            self.result.place(block["text"], f"Recommendation {len(recommendations)} (a table in it)")
            return
        if not block["label"] and (normalise(block["text"]) == self.lead_in or block["text"].endswith(":")):
            self.result.leave(block["text"], "The lead-in to the recommendations: the template prints its own.")
            return
        recommendations.append(table_html(block) if block["kind"] == "table" else f"<p>{block['html']}</p>")
        self.result.place(block["text"], f"Recommendation {len(recommendations)}")

    def _paragraph(self, block: dict) -> None:
        label, kind = block["label"], block["kind"]
        last = self.stack[-1] if self.stack else None
        if kind == "table" and last is not None and last.html:
            last.html += table_html(block)
            self.result.place(block["text"], f"{self.target.heading}: a table in the paragraph before it")
            return
        if label and re.fullmatch(r"\d+(?:\.\d+)*", label):
            depth = max(0, label.count(".") - 1)
            self.label_depth = depth
        elif label:  # a), (ii): one level under the last numbered paragraph, two for roman under letters
            depth = self.label_depth + 1
            if is_roman(label) and len(self.stack) > depth + 1:
                depth += 1
        elif kind == "numbered":  # Word's own numbering: its levels, counted from the section's first
            if self.word_level is None:
                self.word_level = block["level"]
            depth = max(0, block["level"] - self.word_level)
        elif last is None:
            depth = 0
        else:
            depth = len(self.stack) if (last.heading and not last.html) else len(self.stack) - 1
        html = table_html(block) if kind == "table" else f"<p>{block['html']}</p>"
        self._add(PlannedParagraph(html=html), depth)
        self.result.place(block["text"], f"{self.target.heading}: a paragraph")

    def _add(self, node: PlannedParagraph, depth: int) -> None:
        depth = max(0, min(depth, len(self.stack)))
        if depth > 0:
            self.stack[depth - 1].children.append(node)
        else:
            self.target.paragraphs.insert(self.target.cursor, node)
            self.target.cursor += 1
        self.stack = self.stack[:depth] + [node]

    def _paper(self, block: dict) -> None:
        text = block["content"]
        links = re.findall(r'href="([^"]+)"', block["html"])
        urls = [u for u in links if u.startswith(("http://", "https://"))] or _URL.findall(text)
        title = _URL.sub("", text).strip().rstrip(":–- ").strip()
        papers = self.result.papers
        if not title and urls and papers and not papers[-1]["url"]:
            papers[-1]["url"] = urls[0]  # the address on its own line under its title
            self.result.place(text, f"Background paper {len(papers)}: its web address")
            return
        if not title:
            self.result.leave(text, "Nothing to call the background paper.")
            return
        papers.append({"title": title[:500], "url": urls[0][:1000] if urls else "", "date": _first_date(title)})
        self.result.place(text, f"Background paper {len(papers)}")

    def finish(self) -> None:
        self._flush_list()
        self.result.summary = "".join(self.summary_parts)
        for paper in [p for p in self.result.papers if not p["url"]]:
            self.result.papers.remove(paper)
            self.result.leave(paper["title"], "A background paper with no web address: add its file in the editor.")
        self.result.summary = _stored(self.result.summary)
        self.result.recommendations = [_stored(r) for r in self.result.recommendations]
        for section in self.result.sections:
            _store_paragraphs(section.paragraphs)


def _list_html(items: list[tuple[int, str, str]]) -> str:
    """Consecutive list items as one list, an item one level deeper nested in the item before it."""
    out, open_lists = [], []
    for level, tag, html in items:
        level = min(level, len(open_lists))
        while len(open_lists) > level + 1:
            out.append(f"</li></{open_lists.pop()}>")
        if len(open_lists) == level + 1:
            out.append("</li><li>")
        else:
            out.append(f"<{tag}><li>")
            open_lists.append(tag)
        out.append(html)
    while open_lists:
        out.append(f"</li></{open_lists.pop()}>")
    return "".join(out)


def _plain_heading(block: dict) -> str:
    text = re.sub(r"^\s*\d+(?:\.\d+)*\.?\s+", "", block["text"]).strip()
    return text[:300]


def _first_date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    day, month, year = int(match.group(1)), _MONTHS.index(match.group(2).lower()) + 1, int(match.group(3))
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _stored(html: str) -> str:
    """The one stored form of report text (sanitised, as the editor saves it), as pasted text is."""
    return pasting.to_html(html) if html else ""


def _store_paragraphs(paragraphs: list[PlannedParagraph]) -> None:
    for paragraph in paragraphs:
        paragraph.html = _stored(paragraph.html)
        _store_paragraphs(paragraph.children)


# Writing the draft ------------------------------------------------------------------------------


@transaction.atomic
def create_draft(result: Plan, *, template: ReportTemplate, committee, meeting, author, title: str = "") -> Report:
    """A new draft from ``template``, filled as the plan says, with its first revision kept."""
    facts = {k: v for k, v in result.facts.items() if k in REPORT_FACTS}
    report = templates_setup.start_report_from_template(
        template,
        committee=committee,
        meeting=meeting,
        title=(result.title or title or "Imported report")[:500],
        report_of=result.report_of[:200],
        author=author,
        summary=result.summary,
        extra_title_rows=result.extra_title_rows,
        **facts,
    )
    if result.wards:
        report.wards.set(result.wards)
    if result.contacts:
        report.contact_officers.set(result.contacts)
    for position, text in enumerate(result.recommendations):
        Recommendation.objects.create(report=report, position=position, text=text)
    sections = {s.heading: s for s in report.sections.all()}
    for planned in result.sections:
        section = sections.get(planned.heading) if planned.in_template else None
        if section is None:  # not in the template: after its sections, before the background papers
            section = editing.add_section(report, planned.heading)
        _write_paragraphs(section, None, planned.paragraphs)
    for position, paper in enumerate(result.papers):
        BackgroundPaper.objects.create(
            report=report,
            position=position,
            title=paper["title"],
            url=paper["url"],
            date=datetime.date.fromisoformat(paper["date"]) if paper["date"] else None,
        )
    revisions.record(report, author)
    return report


def _write_paragraphs(section, parent, planned: list[PlannedParagraph]) -> None:
    existing = {p.heading: p for p in Paragraph.objects.filter(section=section, parent=parent) if p.heading}
    for position, item in enumerate(planned):
        if item.template_heading and item.heading in existing:
            node = existing[item.heading]
            if node.position != position:
                node.position = position
                node.save(update_fields=["position"])
        else:
            node = Paragraph.objects.create(
                section=section, parent=parent, position=position, heading=item.heading, text=item.html
            )
        _write_paragraphs(section, node, item.children)
