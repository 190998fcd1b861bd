"""Which alerts a publication matches, and why (the e-mail words the why in its reader's language).

A publication (an agenda or a supplementary agenda: publishing/publication.py) is matched once it
has committed, by the worker (alerts/tasks.py). The rules, in the council's words:
- The public's alerts (a committee, a ward, words) match only what anybody may read: a Part 1 item
  of a published agenda whose report, if it has one, is public (the access rules' queryset forms,
  AgendaItem.objects.public() and Report.objects.public(), decide; nothing here does). Part 2 items
  are never matched for them, nor is anything unpublished.
- Words are matched as the search page matches them, in what the search index holds of the public
  item and its report (publishing/search.py), which is only ever published text; narrowed to one
  committee if the alert says so, as the search page's filter.
- A ward matches a report that names the ward (a report for all wards is not news for each ward).
- A councillor followed by the public matches the public items of the committees they sit on that day
  (a clerk's seat is not theirs to follow).
- A councillor's alert matches every published item for the committees they sit on whose report
  they may read, Part 2 included: its e-mail says only that a Part 2 paper is waiting, with a link
  that asks them to sign in.

Two more things are matched, each as it commits:
- A change to an entry on the Forward Plan (added, updated, moved, withdrawn, taken without full
  notice) matches every Forward Plan alert, once the entry is on the published plan: what the public
  plan shows is all the e-mail says (a private item: its title and Schedule 12A paragraph).
- A change, or a gift or hospitality, the monitoring officer publishes on a councillor's register
  matches the alerts following that councillor; a sensitive interest's details are never in the e-mail.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone

from alerts.models import Alert, AlertMatch
from committee import access
from committee.models import AgendaItem, Membership, SearchDocument, WorkProgrammeChange
from members import access as member_access
from members.models import EntryVersion, Gift
from publishing import search
from reports import access as report_access
from reports.models import Report
from work_programme import forward_plan


def public_item_ids(item_ids) -> set[int]:
    """Of these agenda items, those anybody may read in full: published, Part 1, any report public."""
    items = AgendaItem.objects.public().filter(pk__in=list(item_ids), part=AgendaItem.Part.PUBLIC)
    items = items.filter(Q(report__isnull=True) | Q(report__in=Report.objects.public()))
    return set(items.values_list("pk", flat=True))


def member_may_read(user, item: AgendaItem) -> bool:
    """A councillor is sent an item of their committee whose report they may read (reports/access.py)."""
    return item.report_id is None or report_access.can_view_report(user, item.report)


def _items_with_words(words: str, items: list[AgendaItem]) -> set[int]:
    """The public items whose indexed text (the item's, or its report's) the search finds for `words`."""
    by_report = {item.report_id: item.pk for item in items if item.report_id}
    found = search.matches(AnonymousUser(), search.SearchFilters(query=words)).filter(
        Q(kind=SearchDocument.Kind.AGENDA_ITEM, object_id__in=[item.pk for item in items])
        | Q(kind=SearchDocument.Kind.REPORT, object_id__in=list(by_report))
    )
    ids = set()
    for kind, object_id in found.values_list("kind", "object_id"):
        ids.add(object_id if kind == SearchDocument.Kind.AGENDA_ITEM else by_report[object_id])
    return ids


def _ward_ids(item: AgendaItem) -> set[int]:
    report = item.report
    if report is None or report.all_wards:
        return set()
    return {ward.pk for ward in report.wards.all()}


def _match(alert: Alert, item: AgendaItem) -> AlertMatch:
    # Why it matched is worded when the e-mail is written, in its reader's language (alerts/mail.py `reason`).
    return AlertMatch(alert=alert, agenda_item=item)


def _in_committee(alert: Alert, item: AgendaItem) -> bool:
    return alert.committee_id is None or item.meeting.committee_id == alert.committee_id


def _seats(person_ids) -> dict[int, list[Membership]]:
    seats: dict[int, list[Membership]] = defaultdict(list)
    for seat in Membership.objects.filter(person_id__in=person_ids).exclude(role=Membership.Role.CLERK):
        seats[seat.person_id].append(seat)
    return seats


def _sits_on(seats: dict[int, list[Membership]], person_id: int, item: AgendaItem) -> bool:
    return any(
        s.committee_id == item.meeting.committee_id and s.is_current(item.meeting.date) for s in seats[person_id]
    )


def find_matches(item_ids) -> list[AlertMatch]:
    """The matches (not yet saved) of every confirmed alert for these newly published agenda items."""
    # Only published items, whoever the alert is for: an item added after publication waits for its
    # supplementary agenda, and an agenda being built is nobody's news yet.
    items = list(
        AgendaItem.objects.public()
        .filter(pk__in=list(item_ids))
        .select_related("meeting__committee", "report")
        .prefetch_related("report__wards")
    )
    public_ids = public_item_ids([item.pk for item in items])
    public = [item for item in items if item.pk in public_ids]
    found: list[AlertMatch] = []

    alerts = list(Alert.objects.confirmed().select_related("committee", "ward", "user", "person"))
    seats = _seats({alert.person_id for alert in alerts if alert.kind == Alert.Kind.COUNCILLOR})
    for alert in alerts:
        if alert.kind == Alert.Kind.MEMBER_PAPERS:
            committees = access.member_committee_ids(alert.user) if alert.user.is_active else frozenset()
            for item in items:
                if item.meeting.committee_id in committees and member_may_read(alert.user, item):
                    found.append(_match(alert, item))
            continue
        with_words = _items_with_words(alert.words, public) if alert.kind == Alert.Kind.WORDS and public else set()
        for item in public:
            if (
                (alert.kind == Alert.Kind.COMMITTEE and item.meeting.committee_id == alert.committee_id)
                or (alert.kind == Alert.Kind.WARD and alert.ward_id in _ward_ids(item))
                or (alert.kind == Alert.Kind.WORDS and item.pk in with_words and _in_committee(alert, item))
                or (alert.kind == Alert.Kind.COUNCILLOR and _sits_on(seats, alert.person_id, item))
            ):
                found.append(_match(alert, item))
    return found


def on_forward_plan(change: WorkProgrammeChange, today=None) -> bool:
    """The change is to an entry the public Forward Plan shows (or showed, for a withdrawal), made once it was
    published there: a change before publication is nobody's news."""
    item = change.item
    today = today or timezone.localdate()
    published = item.first_published_on
    return (
        forward_plan.needs_notice(item)
        and published is not None
        and published <= today
        and published <= timezone.localdate(change.at)
    )


def plan_changes(change_ids):
    return WorkProgrammeChange.objects.filter(pk__in=list(change_ids)).select_related(
        "item__committee", "item__target_meeting", "deferral"
    )


def find_plan_matches(change_id: int) -> list[AlertMatch]:
    """The matches (not yet saved) of every confirmed Forward Plan alert for this change to the plan."""
    change = plan_changes([change_id]).first()
    if change is None or not on_forward_plan(change):
        return []
    return [
        AlertMatch(alert=alert, plan_change=change)
        for alert in Alert.objects.confirmed().filter(kind=Alert.Kind.FORWARD_PLAN)
    ]


def register_versions(version_ids):
    """Published register changes of people with a public register."""
    return (
        EntryVersion.objects.published()
        .filter(pk__in=list(version_ids), entry__person__in=member_access.public_people())
        .select_related("entry__person")
    )


def find_register_matches(version_id: int) -> list[AlertMatch]:
    """The matches (not yet saved) of every confirmed alert following the councillor whose register changed."""
    version = register_versions([version_id]).first()
    if version is None:
        return []
    alerts = Alert.objects.confirmed().filter(kind=Alert.Kind.COUNCILLOR, person=version.entry.person)
    return [AlertMatch(alert=alert, register_version=version) for alert in alerts]


def published_gifts(gift_ids):
    """Published gifts and hospitality of people with a public register."""
    return Gift.objects.filter(
        pk__in=list(gift_ids), published_at__isnull=False, person__in=member_access.public_people()
    ).select_related("person")


def find_gift_matches(gift_id: int) -> list[AlertMatch]:
    """The matches (not yet saved) of every confirmed alert following the councillor whose gift was published."""
    gift = published_gifts([gift_id]).first()
    if gift is None:
        return []
    alerts = Alert.objects.confirmed().filter(kind=Alert.Kind.COUNCILLOR, person=gift.person)
    return [AlertMatch(alert=alert, gift=gift) for alert in alerts]


def record_matches(item_ids) -> dict[str, set[int]]:
    """Save the matches for these items (once: matching again adds nothing); the alerts matched, by frequency."""
    return record(find_matches(item_ids))


def record(found: list[AlertMatch]) -> dict[str, set[int]]:
    """Save these matches (once: saving them again adds nothing); the alerts matched, by frequency."""
    AlertMatch.objects.bulk_create(found, ignore_conflicts=True)
    by_frequency: dict[str, set[int]] = defaultdict(set)
    for match in found:
        by_frequency[match.alert.frequency].add(match.alert_id)
    return dict(by_frequency)
