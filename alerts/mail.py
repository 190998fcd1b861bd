"""An alert's e-mails, from named templates under templates/emails/: what was published, for which
meeting, why it matched, with direct links; a one-click unsubscribe (RFC 8058) and a link to manage
every alert of the address. Nothing exempt is ever in them: a Part 2 paper is a line saying it is
waiting, with a link that asks the councillor to sign in."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.mail import EmailMessage
from django.urls import reverse

from alerts import links, matching
from alerts.models import Alert, AlertMatch
from committee import access
from committee.models import AgendaItem
from core.council import current_council
from reports.notifications import render_plain_text


@dataclass(frozen=True)
class Entry:
    """One published item as an alert's e-mail tells it."""

    title: str
    published_as: str  # "Agenda" or "Supplementary agenda"
    committee: str
    meeting_date: str
    meeting_url: str
    read_url: str  # the report, or the item on the agenda; for Part 2, the sign-in page leading there
    reason: str
    is_part_2: bool
    exempt_paragraph: int | None


def _entry(match: AgendaItem | AlertMatch) -> Entry:
    item = match.agenda_item
    meeting = item.meeting
    meeting_path = meeting.get_absolute_url()
    read_path = item.report.get_absolute_url() if item.report_id else f"{meeting_path}#item-{item.pk}"
    is_part_2 = item.part == AgendaItem.Part.EXEMPT
    if is_part_2:
        read_path = reverse("login") + "?" + urlencode({"next": read_path})
    return Entry(
        title=item.title,
        published_as=item.publication.get_kind_display() if item.publication_id else "Agenda",
        committee=meeting.committee.name,
        meeting_date=f"{meeting.date:%A %-d %B %Y}",
        meeting_url=links.absolute(meeting_path),
        read_url=links.absolute(read_path),
        reason=match.reason,
        is_part_2=is_part_2,
        exempt_paragraph=item.exempt_paragraph if is_part_2 else None,
    )


def sendable(alert: Alert, matches: list[AlertMatch]) -> tuple[list[AlertMatch], list[AlertMatch]]:
    """The matches that may still be sent, and those that may not. Asked again at sending: an item made
    exempt, or a seat given up, since it was matched is not sent."""
    if alert.is_for_member:
        committees = access.member_committee_ids(alert.user) if alert.user.is_active else frozenset()
        ok = [
            m
            for m in matches
            if m.agenda_item.meeting.committee_id in committees and matching.member_may_read(alert.user, m.agenda_item)
        ]
    else:
        public = matching.public_item_ids([m.agenda_item_id for m in matches])
        ok = [m for m in matches if m.agenda_item_id in public]
    return ok, [m for m in matches if m not in ok]


def _field(name: str) -> str:
    return " ".join(name.split())


def alert_message(alert: Alert, matches: list[AlertMatch], *, digest: bool) -> EmailMessage:
    entries = [_entry(m) for m in matches]
    unsubscribe = links.unsubscribe_url(alert)
    context = {
        "council_name": current_council().name,
        "alert": alert,
        "what": alert.describe(),
        "entries": entries,
        "digest": digest,
        "meetings": sorted({(e.committee, e.meeting_date) for e in entries}),
        "waiting": sum(e.is_part_2 for e in entries),
        "unsubscribe_url": unsubscribe,
        "manage_url": links.manage_url(alert.subscriber),
    }
    subject = _field(render_plain_text("emails/alert_subject.txt", context))
    body = render_plain_text("emails/alert.txt", context)
    return EmailMessage(
        subject,
        body,
        None,
        [alert.subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def confirmation_message(alert: Alert) -> EmailMessage:
    context = {
        "council_name": current_council().name,
        "what": alert.describe(),
        "alert": alert,
        "confirm_url": links.confirm_url(alert),
        "days": links.CONFIRM_WITHIN.days,
    }
    subject = _field(render_plain_text("emails/alert_confirm_subject.txt", context))
    return EmailMessage(subject, render_plain_text("emails/alert_confirm.txt", context), None, [alert.subscriber.email])
