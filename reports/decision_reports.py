"""Decision records drafted in the editor: a cabinet member's decision or an officer's decision record
started from a template of that kind (`ReportTemplate.Kind`), written and cleared like any report, and
published as the decision with its notice (publishing/publication.py calls `record_values` and then
committee/decision_records.py, which holds the rules for notices and call-in).

Where each part of the published record comes from:
- the decision: the recommendations, numbered as the template numbers them (its heading is "Decision");
- the reasons: the summary (its heading is "Reasons for the decision"), then any section marked as
  recording them;
- the alternatives rejected, interests declared and dispensations: the sections the template marks as
  recording each (`SectionRecords`, chosen on the template builder, whatever their headings say), all
  their paragraphs in order;
- who took it: the "Final decision-maker" row, else "Report of";
- the date of the decision: the template's date row labelled "Date of decision", else the day it is
  published;
- exempt: the report's Schedule 12A paragraph, and its public title as the record's title.
"""

from __future__ import annotations

import datetime
import html
import re

from django.utils import timezone
from django.utils.html import strip_tags

from committee.models import DecisionRecord
from reports.models import Report, ReportTemplate, SectionRecords, TitleBlockRow

Kind = ReportTemplate.Kind

MAKERS = {
    Kind.CABINET_MEMBER_DECISION: DecisionRecord.Maker.CABINET_MEMBER,
    Kind.OFFICER_DECISION: DecisionRecord.Maker.OFFICER,
}

DATE_LABEL = "Date of decision"


_BLOCK_END = re.compile(r"</(p|li|h\d|tr)>|<br\s*/?>", re.IGNORECASE)


def is_decision_record(report: Report) -> bool:
    return report.template_id is not None and report.template.kind in MAKERS


def maker(report: Report) -> str | None:
    """The record's decision-maker kind, or None for a committee report."""
    return MAKERS.get(report.template.kind) if report.template_id else None


def plain(fragment: str) -> str:
    """Stored report HTML as the plain text a decision record holds: one line per paragraph or item."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", fragment or "")))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def decided_on(report: Report, today: datetime.date | None = None) -> datetime.date:
    value = (report.extra_title_rows or {}).get(DATE_LABEL)
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return today or timezone.localdate()


def record_values(report: Report, today: datetime.date | None = None) -> dict:
    """The values of the decision record (committee/decision_records.py FIELDS) the report publishes."""
    recommendations = list(report.recommendations.order_by("position", "id"))
    decision = "\n".join(
        f"{index}. {plain(r.text)}" if len(recommendations) > 1 else plain(r.text)
        for index, r in enumerate(recommendations, start=1)
    )
    values = {
        "maker": maker(report),
        "taken_by": report.decision_maker or report.report_of,
        "title": (report.public_title or report.title) if report.is_exempt else report.title,
        "decision": decision,
        "reasons": plain(report.summary),  # with any section recording reasons, below
        "key_decision": report.key_decision,
        "decided_on": decided_on(report, today),
        "exempt_paragraph": report.exempt_paragraph if report.is_exempt else None,
    }
    sections = list(report.sections.prefetch_related("paragraphs").order_by("position", "id"))
    for records in [r for r in SectionRecords if r != SectionRecords.NOTHING]:
        texts = [
            plain(paragraph.text)
            for section in sections
            if section.records == records
            for paragraph in sorted(section.paragraphs.all(), key=lambda p: (p.position, p.id))
        ]
        if records == SectionRecords.REASONS:
            texts.insert(0, values["reasons"])
        values[records.value] = "\n".join(text for text in texts if text)
    return values


# The templates a council starts with: one of each kind, for administrators to change.
TEMPLATES = {
    Kind.CABINET_MEMBER_DECISION: {
        "name": "Cabinet member decision",
        "lead_in": "The Cabinet Member has decided:",
        "guidance": "The decision is published with its notice and may be called in by scrutiny.",
    },
    Kind.OFFICER_DECISION: {
        "name": "Officer decision record",
        "lead_in": "The officer has decided:",
        "guidance": "Recorded and published under the Openness of Local Government Bodies Regulations 2014, reg. 7.",
    },
}

TEMPLATE_ROWS = [
    (TitleBlockRow.Field.TITLE, "Title"),
    (TitleBlockRow.Field.DECISION_MAKER, "Decision-maker"),
    (TitleBlockRow.Field.DATE, DATE_LABEL),
    (TitleBlockRow.Field.WARDS, "Wards"),
    (TitleBlockRow.Field.STATUS, "Status"),
    (TitleBlockRow.Field.KEY_DECISION, "Key decision"),
    (TitleBlockRow.Field.CONTACT, "Officer contact details"),
]

# Heading, guidance, required (written before submission; the others are left out while empty), and what
# the record reads from it.
TEMPLATE_SECTIONS = [
    ("Background", "What the decision is about, and the authority under which it is taken.", True, ""),
    (
        "Alternative options considered and rejected",
        "Each option and why it was rejected.",
        False,
        SectionRecords.ALTERNATIVES,
    ),
    (
        "Interests declared",
        "Any interest the decision-maker declared; leave empty if none.",
        False,
        SectionRecords.INTERESTS,
    ),
    ("Dispensations granted", "Any dispensation granted; leave empty if none.", False, SectionRecords.DISPENSATIONS),
]
