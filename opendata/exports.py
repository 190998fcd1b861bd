"""CSV and JSON downloads of the public record: committees, meetings, decisions and work programmes.

Built on the same public querysets as the pages, OParl and the Modern.gov service, so a download
never holds more than the public pages show: exempt work programme items and Part 2 decisions keep
their title (and Schedule 12A paragraph) and nothing else.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from committee import access
from committee import actions as action_rules
from committee import decisions as decision_rules
from committee import minutes as minutes_rules
from committee.models import AgendaItem, Committee, Meeting
from core.numbering import agenda_numbers
from members import access as member_access
from members import attendance, register
from reports.models import Report
from reports.published import last_published
from reports.published import prefetch as published_heads
from work_programme.programme import effective_status, status_label


def plain(value: str) -> str:
    """Stored report text is sanitised HTML; a spreadsheet wants words. Only for rich text: a plain
    field (a title, a purpose) goes out as it is, or "<Enter>" in it would be lost as a tag."""
    return html.unescape(strip_tags(value or "")).strip()


def local(value) -> str:
    return timezone.localtime(value).isoformat(timespec="minutes") if value else ""


@dataclass(frozen=True)
class Dataset:
    title: str
    description: str
    columns: list[str]
    rows: Callable[[Callable[[str], str], Committee | None], list[dict]]


def committee_rows(absolute, committee: Committee | None) -> list[dict]:
    committees = access.public_committees().select_related("parent").order_by("name", "pk")
    if committee is not None:
        committees = committees.filter(pk=committee.pk)
    return [
        {
            "id": c.pk,
            "name": c.name,
            "kind": c.get_kind_display(),
            "parent": c.parent.name if c.parent_id else "",
            "active": c.active,
            "takes_key_decisions": c.takes_key_decisions,
            "terms_of_reference": c.terms_of_reference.strip(),  # plain text, typed as it reads
            "url": absolute(c.get_absolute_url()),
        }
        for c in committees
    ]


def meeting_rows(absolute, committee: Committee | None) -> list[dict]:
    meetings = Meeting.objects.public().select_related("committee", "venue").order_by("starts_at", "pk")
    if committee is not None:
        meetings = meetings.filter(committee=committee)
    return [
        {
            "id": m.pk,
            "committee": m.committee.name,
            "committee_id": m.committee_id,
            "starts_at": local(m.starts_at),
            "status": m.get_status_display(),
            "status_notice": m.status_notice,
            "venue": m.venue.name if m.venue_id else "",
            "agenda_published": m.agenda_is_published,
            "url": absolute(m.get_absolute_url()),
        }
        for m in meetings
    ]


def _count(value: int | None):
    return "" if value is None else value


def decision_rows(absolute, committee: Committee | None) -> list[dict]:
    decisions: QuerySet = (
        minutes_rules.with_resolutions(access.public_decisions())
        .select_related("agenda_item__meeting__committee", "agenda_item__report")
        .prefetch_related(published_heads("agenda_item__report__"))
    )
    if committee is not None:
        decisions = decisions.filter(agenda_item__meeting__committee=committee)
    decisions = list(decisions.order_by("agenda_item__meeting__starts_at", "agenda_item__meeting_id"))
    meeting_ids = {d.agenda_item.meeting_id for d in decisions}
    siblings = list(
        AgendaItem.objects.public().filter(meeting_id__in=meeting_ids).only("id", "meeting_id", "part", "position")
    )
    numbers: dict[int, str] = {}
    for meeting_id in meeting_ids:
        numbers.update(agenda_numbers([s for s in siblings if s.meeting_id == meeting_id]))
    public_report_ids = set(
        Report.objects.public().filter(agenda_items__in=[d.agenda_item for d in decisions]).values_list("pk", flat=True)
    )
    rows = []
    for decision in sorted(
        decisions,
        key=lambda d: (d.agenda_item.meeting.starts_at, d.agenda_item.part, d.agenda_item.position, d.agenda_item_id),
    ):
        item = decision.agenda_item
        shown = access.agenda_item_content_is_public(item)
        report = item.report if shown and item.report_id in public_report_ids else None
        rows.append(
            {
                "meeting_id": item.meeting_id,
                "committee": item.meeting.committee.name,
                "date": timezone.localtime(item.meeting.starts_at).date().isoformat(),
                "item_number": numbers.get(item.pk, ""),
                "item": item.title,
                "exempt_paragraph": item.exempt_paragraph or "",
                "outcome": decision.get_outcome_display() if shown else "",
                "decision": plain(decision.text) if shown else "",
                "referred_to": decision.referred_to.name if shown and decision.referred_to_id else "",
                "votes_for": _count(decision.votes_for) if shown else "",
                "votes_against": _count(decision.votes_against) if shown else "",
                "votes_abstaining": _count(decision.votes_abstaining) if shown else "",
                "recommendations": "\n".join(minutes_rules.resolution_lines(decision)) if shown else "",
                "report": last_published(report).title if report else "",
                "report_url": absolute(report.get_absolute_url()) if report else "",
                "meeting_url": absolute(item.meeting.get_absolute_url()),
            }
        )
    return rows


def decision_notice_rows(absolute, committee: Committee | None) -> list[dict]:
    """Executive decisions' notices with their call-in, Cabinet's and those taken outside meetings:
    an exempt decision by its title, paragraph and dates only, never its decision, reasons,
    alternatives or the members' reasons."""
    notices = access.public_decision_notices().select_related(*decision_rules.NOTICE_RELATED)
    if committee is not None:
        notices = notices.filter(decision__agenda_item__meeting__committee=committee)
    rows = []
    for notice in notices.order_by("published_at", "id"):
        about = decision_rules.subject(notice)
        shown = about.part == 1
        call = getattr(notice, "call_in", None)
        status = decision_rules.status(notice)
        rows.append(
            {
                "id": notice.pk,
                "committee": about.maker,
                "date": about.decided_on.isoformat(),
                "item": about.title,
                "exempt_paragraph": about.exempt_paragraph or "",
                "key_decision": about.key_decision,
                "outcome": about.outcome if shown else "",
                "decision": plain(about.text) if shown else "",
                "reasons": notice.reasons if shown else "",
                "alternatives_rejected": notice.alternatives_rejected if shown else "",
                "published_at": local(notice.published_at),
                "urgent": notice.urgent,
                "urgency_consent_by": notice.urgency_consent_by,
                "urgency_reason": notice.urgency_reason if shown else "",
                "call_in_deadline": notice.call_in_deadline.isoformat() if _callable_in(notice) else "",
                "called_in_by": call.requested_by if call else "",
                "called_in_on": call.requested_on.isoformat() if call else "",
                "call_in_reason": call.reason if call and shown else "",
                "scrutiny_outcome": call.get_outcome_display() if call else "",
                "scrutiny_outcome_on": call.outcome_on.isoformat() if call and call.outcome_on else "",
                "status": status.label,
                "implementable_from": status.implementable_from.isoformat() if status.implementable_from else "",
                "reconsiders": (
                    absolute(reverse("committee:decision_notice", args=[notice.reconsideration_of.notice_id]))
                    if notice.reconsideration_of_id
                    else ""
                ),
                "url": absolute(reverse("committee:decision_notice", args=[notice.pk])),
            }
        )
    return rows


def _callable_in(notice) -> bool:
    return notice.call_in_applies and not notice.urgent


def action_rows(absolute, committee: Committee | None) -> list[dict]:
    """Actions arising from public minutes, done or not, never one from a Part 2 item (committee/actions.py)."""
    actions = action_rules.public().select_related("meeting__committee", "agenda_item")
    if committee is not None:
        actions = actions.filter(meeting__committee=committee)
    actions = actions.order_by("meeting__committee__name", "meeting__starts_at", "id")
    return [
        {
            "id": action.pk,
            "committee": action.meeting.committee.name,
            "meeting_date": action.meeting.date.isoformat(),
            "item": action.agenda_item.title if action.agenda_item_id else "",
            "action": action.description,
            "owner": action.owner,
            "due_on": action.due_on.isoformat() if action.due_on else "",
            "status": action.get_status_display(),
            "progress": action.update,
            "done_on": action.done_on.isoformat() if action.done_on else "",
            "meeting_url": absolute(action.meeting.get_absolute_url()),
        }
        for action in actions
    ]


def work_programme_rows(absolute, committee: Committee | None) -> list[dict]:

    items = access.public_work_programme_items().with_status_data()
    if committee is not None:
        items = items.filter(committee=committee)
    # By committee, then meeting date, with "to be scheduled" items last.
    items = sorted(
        items,
        key=lambda i: (
            i.committee.name,
            i.target_meeting is None,
            i.target_meeting.date if i.target_meeting else datetime.date.min,
            i.title,
            i.pk,
        ),
    )
    rows = []
    for item in items:
        detail = not item.is_exempt
        rows.append(
            {
                "id": item.pk,
                "committee": item.committee.name,
                "title": item.title,
                "purpose": item.purpose.strip() if detail else "",  # plain text, typed as it reads
                "report_of": item.report_of if detail else "",
                "meeting_date": item.target_meeting.date.isoformat() if item.target_meeting_id else "",
                "status": status_label(effective_status(item)),
                "key_decision": item.key_decision,
                "exempt_paragraph": item.exempt_paragraph or "",
                "first_published_on": item.first_published_on.isoformat() if item.first_published_on else "",
                "url": absolute(reverse("committee:work_programme_item", args=[item.pk])),
            }
        )
    return rows


# Councillors (members/): attendance from public minutes, and the published register of interests,
# sensitive interests withheld (s.32). `committee` narrows attendance to its meetings and the register
# to its members.
ALL_TIME = attendance.Period(datetime.date(1900, 1, 1), datetime.date(2999, 12, 31))


def attendance_rows(absolute, committee: Committee | None) -> list[dict]:
    rows = attendance.meeting_by_meeting(ALL_TIME, committee.pk if committee else None)
    people = member_access.public_people().in_bulk({pid for pid, _ in rows})
    return [
        {
            "person_id": pid,
            "name": people[pid].name,
            "meeting_id": row.meeting.pk,
            "committee": row.meeting.committee.name,
            "date": row.meeting.date.isoformat(),
            "attendance": row.label,
            "url": absolute(reverse("members:councillor", args=[pid])),
        }
        for pid, row in rows
        if pid in people
    ]


def _register_people(committee: Committee | None):
    people = member_access.public_people().order_by("name", "pk")
    if committee is not None:
        people = people.filter(memberships__committee=committee).distinct()
    return list(people)


def interest_rows(absolute, committee: Committee | None) -> list[dict]:
    people = _register_people(committee)
    interests = register.published_interests([p.pk for p in people])
    gifts: dict[int, list] = {}
    for gift in register.published_gifts([p.pk for p in people]).order_by("received_on", "pk"):
        gifts.setdefault(gift.person_id, []).append(gift)
    rows = []
    for person in people:
        url = absolute(reverse("members:councillor", args=[person.pk]))
        for i in interests.get(person.pk, []):
            rows.append(
                {
                    "person_id": person.pk,
                    "name": person.name,
                    "kind": i.category_label,
                    "interest": i.description,
                    "sensitive": i.sensitive,
                    "since": i.arose_on.isoformat(),
                    "ended": i.ended_on.isoformat() if i.ended_on else "",
                    "registered": local(i.registered_at),
                    "published": local(i.published_at),
                    "donor": "",
                    "value": "",
                    "url": url,
                }
            )
        for gift in gifts.get(person.pk, []):
            rows.append(
                {
                    "person_id": person.pk,
                    "name": person.name,
                    "kind": "Gift or hospitality",
                    "interest": gift.description,
                    "sensitive": False,
                    "since": gift.received_on.isoformat(),
                    "ended": "",
                    "registered": local(gift.submitted_at),
                    "published": local(gift.published_at),
                    "donor": gift.donor,
                    "value": str(gift.value),
                    "url": url,
                }
            )
    return rows


DATASETS = {
    "committees": Dataset(
        "Committees",
        "Every committee, its kind, parent committee and terms of reference.",
        ["id", "name", "kind", "parent", "active", "takes_key_decisions", "terms_of_reference", "url"],
        committee_rows,
    ),
    "meetings": Dataset(
        "Meetings",
        "Every meeting: committee, date and time, status, venue, and whether its agenda is published.",
        ["id", "committee", "committee_id", "starts_at", "status", "status_notice", "venue", "agenda_published", "url"],
        meeting_rows,
    ),
    "decisions": Dataset(
        "Decisions",
        "What each committee decided on each agenda item, from published minutes. Exempt items: title only.",
        [
            "meeting_id",
            "committee",
            "date",
            "item_number",
            "item",
            "exempt_paragraph",
            "outcome",
            "decision",
            "referred_to",
            "votes_for",
            "votes_against",
            "votes_abstaining",
            "recommendations",
            "report",
            "report_url",
            "meeting_url",
        ],
        decision_rows,
    ),
    "decision-notices": Dataset(
        "Decision notices",
        "Executive decisions' notices, Cabinet's and those of cabinet members and officers: reasons, call-in "
        "deadline, call-in and the scrutiny committee's outcome, and when each may be implemented. Exempt "
        "decisions: title and paragraph only.",
        [
            "id",
            "committee",
            "date",
            "item",
            "exempt_paragraph",
            "key_decision",
            "outcome",
            "decision",
            "reasons",
            "alternatives_rejected",
            "published_at",
            "urgent",
            "urgency_consent_by",
            "urgency_reason",
            "call_in_deadline",
            "called_in_by",
            "called_in_on",
            "call_in_reason",
            "scrutiny_outcome",
            "scrutiny_outcome_on",
            "status",
            "implementable_from",
            "reconsiders",
            "url",
        ],
        decision_notice_rows,
    ),
    "actions": Dataset(
        "Actions",
        "Actions arising from each committee's published minutes: owner, due date, progress and when done. "
        "Actions arising from exempt items are not published.",
        [
            "id",
            "committee",
            "meeting_date",
            "item",
            "action",
            "owner",
            "due_on",
            "status",
            "progress",
            "done_on",
            "meeting_url",
        ],
        action_rows,
    ),
    "work-programmes": Dataset(
        "Work programmes",
        "The reports each committee plans to consider, and when. Exempt items: title and paragraph only.",
        [
            "id",
            "committee",
            "title",
            "purpose",
            "report_of",
            "meeting_date",
            "status",
            "key_decision",
            "exempt_paragraph",
            "first_published_on",
            "url",
        ],
        work_programme_rows,
    ),
    "attendance": Dataset(
        "Attendance",
        "Each councillor's attendance at each meeting with published minutes: present, present as substitute, "
        "apologies or absent. Cancelled and postponed meetings are not counted.",
        ["person_id", "name", "meeting_id", "committee", "date", "attendance", "url"],
        attendance_rows,
    ),
    "interests": Dataset(
        "Registers of interests",
        "Each councillor's published register of interests, and gifts and hospitality over the council's "
        "threshold. A sensitive interest is withheld under section 32(2) of the Localism Act 2011.",
        [
            "person_id",
            "name",
            "kind",
            "interest",
            "sensitive",
            "since",
            "ended",
            "registered",
            "published",
            "donor",
            "value",
            "url",
        ],
        interest_rows,
    ),
}


def as_csv(dataset: Dataset, rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=dataset.columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {key: ("Yes" if value is True else "No" if value is False else value) for key, value in row.items()}
        )
    return buffer.getvalue()
