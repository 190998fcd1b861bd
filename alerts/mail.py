"""An alert's e-mails, from named templates under templates/emails/: what was published, for which
meeting, why it matched, with direct links; a one-click unsubscribe (RFC 8058) and a link to manage
every alert of the address. Each is drawn in its reader's language (``language``, committee/correspondence.py):
the sender wraps it in ``translation.override``, so every sentence, date and committee name (its Welsh
name where it has one) comes out in that language; why each item matched is worded then, from what
matched, never stored as a sentence. Nothing exempt is ever in them: a Part 2 paper is a line saying it is
waiting, with a link that asks the councillor to sign in; a private entry on the Forward Plan is its
title and paragraph, as on the plan; a sensitive interest is "withheld", as on the register."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alerts import links, matching
from alerts.models import Alert, AlertMatch
from committee import access, correspondence
from committee.models import AgendaItem, WorkProgrammeChange
from core.bilingual import bilingual_text, phrase
from core.council import current_council
from core.dates import long_date, short_date
from core.paths import path_to
from members import access as member_access
from members import categories
from members.models import EntryVersion
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
    kind: str = "paper"


@dataclass(frozen=True)
class Change:
    """A change to the Forward Plan, or to a councillor's register of interests, as an alert's e-mail tells it."""

    kind: str  # "plan" or "register"
    title: str
    what_changed: str
    details: list[str]
    read_url: str
    reason: str


def _plan_change(match: AlertMatch) -> Change:
    change = match.plan_change
    item = change.item
    if change.kind == WorkProgrammeChange.Kind.MOVED and change.deferral_id:
        d = change.deferral
        what = _("Moved from %(was)s to %(now)s") % {"was": _day(d.from_date), "now": _day(d.to_date)}
    else:
        what = str(change.get_kind_display())
    meeting = item.target_meeting
    details = [
        _("Decision-maker: %(committee)s; meeting: %(meeting)s.")
        % {"committee": _name(item.committee), "meeting": _day(meeting.date if meeting else None)}
    ]
    if item.is_exempt:
        details.append(
            _("Private: paragraph %(number)s of Schedule 12A to the Local Government Act 1972.")
            % {"number": item.exempt_paragraph}
        )
    elif item.purpose:
        details.append(" ".join(item.purpose.split()))
    if change.kind == WorkProgrammeChange.Kind.ROUTE:
        details.append(
            _("%(route)s. Reason: %(reason)s")
            % {"route": item.get_forward_plan_route_display(), "reason": item.forward_plan_route_reason}
        )
    # A withdrawn decision has left the plan: the link is to the plan as it now stands.
    anchor = "" if change.kind == WorkProgrammeChange.Kind.WITHDRAWN else f"#decision-{item.pk}"
    url = links.absolute(f"{reverse('committee:forward_plan')}{anchor}")
    return Change("plan", item.title, what, details, url, reason(match))


def _register_change(match: AlertMatch) -> Change:
    version = match.register_version
    entry = version.entry
    person = entry.person
    if version.ended_on:
        what = _("Interest ended on %(date)s") % {"date": short_date(version.ended_on)}
    elif version.pk == version.first_published_pk:
        what = _("New interest")
    else:
        what = _("Interest changed")
    # A sensitive interest is published as withheld (s.32(2)), and so it is in the e-mail.
    shown = _(member_access.WITHHELD) if version.sensitive else " ".join(version.description.split())
    dates = {"arose": short_date(version.arose_on), "published": short_date(version.published_at)}
    details = [shown, _("Arose on %(arose)s; published %(published)s.") % dates]
    url = links.absolute(f"{path_to('members:councillor', person.pk)}#register")
    title = f"{person.name}: {phrase(categories.label(entry.category))}"
    return Change("register", title, what, details, url, reason(match))


def _gift(match: AlertMatch) -> Change:
    gift = match.gift
    person = gift.person
    details = [
        _("%(gift)s, from %(donor)s, worth £%(value)s.")
        % {"gift": " ".join(gift.description.split()), "donor": gift.donor, "value": f"{gift.value:,.2f}"},
        _("Received on %(received)s; published %(published)s.")
        % {"received": short_date(gift.received_on), "published": short_date(gift.published_at)},
    ]
    url = links.absolute(f"{path_to('members:councillor', person.pk)}#gifts")
    title = _("%(person)s: gifts and hospitality") % {"person": person.name}
    return Change("register", title, _("Gift or hospitality registered"), details, url, reason(match))


def _change(match: AlertMatch) -> Change:
    if match.plan_change_id:
        return _plan_change(match)
    if match.gift_id:
        return _gift(match)
    return _register_change(match)


def _first_published(matches: list[AlertMatch]) -> None:
    """Each register change's entry's first published version, so the e-mail can say "new" or "changed"."""
    versions = [m.register_version for m in matches if m.register_version_id]
    entry_ids = {v.entry_id for v in versions}
    first: dict[int, int] = {}
    for entry_id, pk in (
        EntryVersion.objects.published()
        .filter(entry_id__in=entry_ids)
        .order_by("entry_id", "published_at", "id")
        .values_list("entry_id", "pk")
    ):
        first.setdefault(entry_id, pk)
    for version in versions:
        version.first_published_pk = first.get(version.entry_id)


def _entry(match: AgendaItem | AlertMatch) -> Entry:
    item = match.agenda_item
    meeting = item.meeting
    meeting_path = meeting.get_absolute_url()
    read_path = item.report.get_absolute_url() if item.report_id else f"{meeting_path}#item-{item.pk}"
    is_part_2 = item.part == AgendaItem.Part.EXEMPT
    if is_part_2:
        read_path = reverse("login") + "?" + urlencode({"next": read_path})
    return Entry(
        title=bilingual_text(item, "title"),
        published_as=str(item.publication.get_kind_display() if item.publication_id else _("Agenda")),
        committee=_name(meeting.committee),
        meeting_date=long_date(meeting.date),
        meeting_url=links.absolute(meeting_path),
        read_url=links.absolute(read_path),
        reason=reason(match),
        is_part_2=is_part_2,
        exempt_paragraph=item.exempt_paragraph if is_part_2 else None,
    )


def sendable(alert: Alert, matches: list[AlertMatch]) -> tuple[list[AlertMatch], list[AlertMatch]]:
    """The matches that may still be sent, and those that may not. Asked again at sending: an item made
    exempt, or a seat given up, since it was matched is not sent."""
    papers = [m for m in matches if m.agenda_item_id]
    ok = _sendable_papers(alert, papers) if papers else []
    ok += [m for m in matches if m.plan_change_id and matching.on_forward_plan(m.plan_change)]
    versions = {m.register_version_id for m in matches if m.register_version_id}
    still = set(matching.register_versions(versions).values_list("pk", flat=True)) if versions else set()
    ok += [m for m in matches if m.register_version_id in still]
    gifts = {m.gift_id for m in matches if m.gift_id}
    published = set(matching.published_gifts(gifts).values_list("pk", flat=True)) if gifts else set()
    ok += [m for m in matches if m.gift_id in published]
    ok.sort(key=lambda m: m.pk or 0)
    return ok, [m for m in matches if m not in ok]


def _sendable_papers(alert: Alert, matches: list[AlertMatch]) -> list[AlertMatch]:
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
    return ok


def _field(name: str) -> str:
    return " ".join(name.split())


def _headline(entries: list[Entry], changes: list[Change]) -> str:
    """What the e-mail brings, counted: "a paper", "a paper and 2 changes to the Forward Plan"."""
    plan = sum(c.kind == "plan" for c in changes)
    register = len(changes) - plan
    # "a paper" for one; for more, the language's plural forms ("3 papers", "3 o bapurau").
    n, parts = len(entries), []
    if n:
        parts.append(_("a paper") if n == 1 else ngettext("%(count)d paper", "%(count)d papers", n) % {"count": n})
    if plan:
        parts.append(
            _("a change to the Forward Plan")
            if plan == 1
            else ngettext("%(count)d change to the Forward Plan", "%(count)d changes to the Forward Plan", plan)
            % {"count": plan}
        )
    if register:
        parts.append(
            _("a change to a register of interests")
            if register == 1
            else ngettext(
                "%(count)d change to registers of interests", "%(count)d changes to registers of interests", register
            )
            % {"count": register}
        )
    headline = parts[0] if parts else ""
    for part in parts[1:]:
        headline = _("%(first)s and %(then)s") % {"first": headline, "then": part}
    return headline


def _name(committee) -> str:
    """A committee's name in the e-mail's language: its Welsh name in Welsh where it has one."""
    return bilingual_text(committee, "name")


def _day(date) -> str:
    return short_date(date) if date else _("to be scheduled")


def reason(match: AlertMatch) -> str:
    """Why the item matched the alert, worded in the active language from what matched (the rules are
    alerts/matching.py's: each kind of alert matches for one reason)."""
    alert = match.alert
    if match.plan_change_id:
        item = match.plan_change.item
        if item.key_decision:
            return _("it is a key decision for %(committee)s on the Forward Plan") % {
                "committee": _name(item.committee)
            }
        return _("%(committee)s expects to consider it in private, as the Forward Plan says") % {
            "committee": _name(item.committee)
        }
    if match.register_version_id:
        person = match.register_version.entry.person
        return _("you follow %(person)s, whose register of interests has changed") % {"person": person.name}
    if match.gift_id:
        person = match.gift.person
        return _("you follow %(person)s, whose register of gifts and hospitality has changed") % {"person": person.name}
    committee = _name(match.agenda_item.meeting.committee)
    if alert.kind == Alert.Kind.MEMBER_PAPERS:
        return _("you sit on %(committee)s") % {"committee": committee}
    if alert.kind == Alert.Kind.COMMITTEE:
        return _("it is for %(committee)s") % {"committee": committee}
    if alert.kind == Alert.Kind.WARD:
        return _("it is about %(ward)s ward") % {"ward": bilingual_text(alert.ward, "name")}
    if alert.kind == Alert.Kind.WORDS:
        return _("it mentions “%(words)s”") % {"words": alert.words}
    return _("%(person)s sits on %(committee)s") % {"person": alert.person.name, "committee": committee}


def language(alert: Alert) -> str:
    """The language the alert's e-mails are written in: a councillor's own alert, their account's
    e-mail language; any other, the language it was asked for in (or changed to on the alerts page)."""
    if alert.is_for_member:
        return correspondence.for_user(alert.user)
    return correspondence.known(alert.language)


def alert_message(alert: Alert, matches: list[AlertMatch], *, digest: bool) -> EmailMessage:
    _first_published(matches)
    entries = [_entry(m) for m in matches if m.agenda_item_id]
    changes = [_change(m) for m in matches if not m.agenda_item_id]
    unsubscribe = links.unsubscribe_url(alert)
    context = {
        "council_name": current_council().reader_name,
        "alert": alert,
        "what": alert.describe(),
        "headline": _headline(entries, changes),
        "entries": entries,
        "changes": changes,
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
        "council_name": current_council().reader_name,
        "what": alert.describe(),
        "alert": alert,
        "confirm_url": links.confirm_url(alert),
        "days": links.CONFIRM_WITHIN.days,
    }
    subject = _field(render_plain_text("emails/alert_confirm_subject.txt", context))
    return EmailMessage(subject, render_plain_text("emails/alert_confirm.txt", context), None, [alert.subscriber.email])
