"""The register of members' interests (Localism Act 2011 ss.29-34): a member submits an entry or a
change, the monitoring officer's team publishes it; gifts and hospitality over the council's threshold;
dispensations (s.33); and the declarations at meetings the register does not explain.

Every change is a new `EntryVersion` with its dates: nothing here edits or deletes a version."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from committee.models import Declaration, Person
from members import access, categories
from members.models import Dispensation, EntryVersion, Gift, RegisterEntry

# A new interest is registered within 28 days of the member becoming aware of it (Localism Act s.30(1)).
REGISTRATION_DAYS = 28


# What follows a change or gift published on a register (the e-mail alerts of a councillor's followers,
# alerts/) registers here: members sits below alerts and cannot call it.
_published_listeners: list[Callable[[int], None]] = []
_gift_listeners: list[Callable[[int], None]] = []


def on_version_published(listener: Callable[[int], None]) -> None:
    """Have `listener(version_id)` called after each register change the monitoring officer publishes commits."""
    if listener not in _published_listeners:
        _published_listeners.append(listener)


def on_gift_published(listener: Callable[[int], None]) -> None:
    """Have `listener(gift_id)` called after each gift or hospitality the monitoring officer publishes commits."""
    if listener not in _gift_listeners:
        _gift_listeners.append(listener)


class RegisterError(ValueError):
    """A change the register cannot take; the message says why."""


def _require_own(user, person: Person) -> None:
    # The monitoring officer's team may enter a change from the member's signed paper form.
    if not (access.can_keep_register(user, person) or access.is_monitoring_officer(user)):
        raise PermissionDenied("Members keep their own register.")


def _require_monitoring_officer(user) -> None:
    if not access.is_monitoring_officer(user):
        raise PermissionDenied("Only the monitoring officer's team publishes the register.")


def _check(description: str, arose_on: datetime.date | None, ended_on: datetime.date | None, today) -> str:
    description = (description or "").strip()
    if not description:
        raise RegisterError(gettext("Describe the interest."))
    if arose_on is None:
        raise RegisterError(gettext("Give the date the interest arose."))
    if arose_on > today:
        raise RegisterError(gettext("The interest cannot arise in the future."))
    if ended_on is not None and ended_on < arose_on:
        raise RegisterError(gettext("The interest cannot end before it arose."))
    return description


@transaction.atomic
def submit_entry(
    person: Person,
    user,
    *,
    category: str,
    description: str,
    arose_on: datetime.date | None,
    sensitive: bool = False,
    now: datetime.datetime | None = None,
) -> EntryVersion:
    """A new interest on the member's register, waiting for the monitoring officer's team."""
    _require_own(user, person)
    now = now or timezone.now()
    if category not in dict(categories.choices()):
        raise RegisterError(gettext("Choose the kind of interest."))
    description = _check(description, arose_on, None, timezone.localdate(now))
    entry = RegisterEntry.objects.create(person=person, category=category)
    return EntryVersion.objects.create(
        entry=entry,
        description=description,
        sensitive=sensitive,
        arose_on=arose_on,
        submitted_at=now,
        submitted_by=user,
    )


@transaction.atomic
def change_entry(
    entry: RegisterEntry,
    user,
    *,
    description: str,
    arose_on: datetime.date | None,
    ended_on: datetime.date | None = None,
    sensitive: bool = False,
    now: datetime.datetime | None = None,
) -> EntryVersion:
    """A change to an interest (or that it has ended), as a new version waiting to be checked."""
    _require_own(user, entry.person)
    now = now or timezone.now()
    description = _check(description, arose_on, ended_on, timezone.localdate(now))
    RegisterEntry.objects.select_for_update().get(pk=entry.pk)
    return EntryVersion.objects.create(
        entry=entry,
        description=description,
        sensitive=sensitive,
        arose_on=arose_on,
        ended_on=ended_on,
        submitted_at=now,
        submitted_by=user,
    )


@transaction.atomic
def publish_version(version: EntryVersion, user, *, now: datetime.datetime | None = None) -> EntryVersion:
    """The monitoring officer's team has checked the change: it is the register's from now on."""
    _require_monitoring_officer(user)
    version = EntryVersion.objects.select_for_update().get(pk=version.pk)
    if version.published_at is not None:
        raise RegisterError(gettext("This change is already published."))
    latest = EntryVersion.objects.filter(entry_id=version.entry_id).order_by("-submitted_at", "-id").first()
    if latest.pk != version.pk:
        raise RegisterError(gettext("The member has changed this interest again since: publish the latest change."))
    version.published_at = now or timezone.now()
    version.published_by = user
    version.save(update_fields=["published_at", "published_by"])
    for listener in _published_listeners:
        transaction.on_commit(partial(listener, version.pk))
    return version


def is_late(arose_on: datetime.date, submitted_at: datetime.datetime) -> bool:
    """Registered more than 28 days after the interest arose."""
    return (timezone.localdate(submitted_at) - arose_on).days > REGISTRATION_DAYS


def days_late(arose_on: datetime.date, submitted_at: datetime.datetime) -> int:
    return max(0, (timezone.localdate(submitted_at) - arose_on).days - REGISTRATION_DAYS)


# What the register says --------------------------------------------------------------------------


@dataclass(frozen=True)
class Interest:
    """One interest as a reader sees it: a sensitive one's description only for the monitoring officer."""

    entry_id: int
    person_id: int
    category: str
    category_label: str
    description: str
    sensitive: bool
    arose_on: datetime.date
    ended_on: datetime.date | None
    registered_at: datetime.datetime
    published_at: datetime.datetime | None
    late: bool

    @property
    def is_pecuniary(self) -> bool:
        return categories.is_pecuniary(self.category)

    def current_on(self, day: datetime.date) -> bool:
        return self.arose_on <= day and (self.ended_on is None or day <= self.ended_on)


def _interest(version: EntryVersion, first: EntryVersion, show_sensitive: bool) -> Interest:
    entry = version.entry
    shown = version.description if (show_sensitive or not version.sensitive) else access.WITHHELD
    return Interest(
        entry_id=entry.pk,
        person_id=entry.person_id,
        category=entry.category,
        category_label=categories.label(entry.category),
        description=shown,
        sensitive=version.sensitive,
        arose_on=version.arose_on,
        ended_on=version.ended_on,
        registered_at=first.submitted_at,
        published_at=version.published_at,
        late=is_late(first.arose_on, first.submitted_at),
    )


def published_interests(person_ids, user=None) -> dict[int, list[Interest]]:
    """Each person's register as published: the latest published version of each entry, by category.
    Ended interests are included (with their end date): callers show current and past apart."""
    show = access.can_see_sensitive_detail(user)
    versions = (
        EntryVersion.objects.published()
        .filter(entry__person_id__in=list(person_ids))
        .select_related("entry")
        .order_by("entry_id", "submitted_at", "id")
    )
    latest: dict[int, EntryVersion] = {}
    first: dict[int, EntryVersion] = {}
    for version in versions:
        first.setdefault(version.entry_id, version)
        latest[version.entry_id] = version
    order = {value: i for i, (value, _) in enumerate(categories.choices())}
    found: dict[int, list[Interest]] = defaultdict(list)
    for entry_id, version in latest.items():
        interest = _interest(version, first[entry_id], show)
        found[interest.person_id].append(interest)
    for interests in found.values():
        interests.sort(key=lambda i: (order.get(i.category, 99), i.arose_on, i.entry_id))
    return found


@dataclass(frozen=True)
class HistoryLine:
    version: EntryVersion
    category_label: str
    description: str
    status: str  # "Published", "Waiting to be checked", "Replaced before publication"


def history(person: Person, user=None, *, waiting: bool = False) -> list[HistoryLine]:
    """Every version of the person's register, newest first: the published ones for everybody; those
    waiting too when `waiting` (the member's own page, the monitoring officer's)."""
    show = access.can_see_sensitive_detail(user)
    versions = list(
        EntryVersion.objects.filter(entry__person=person).select_related("entry").order_by("-submitted_at", "-id")
    )
    newest_of: dict[int, int] = {}
    for version in versions:
        newest_of.setdefault(version.entry_id, version.pk)
    lines = []
    for version in versions:
        if version.published_at is None and not waiting:
            continue
        if version.published_at is not None:
            status = "Published"
        elif newest_of[version.entry_id] == version.pk:
            status = "Waiting to be checked"
        else:
            status = "Replaced before publication"
        shown = version.description if (show or not version.sensitive) else access.WITHHELD
        lines.append(HistoryLine(version, categories.label(version.entry.category), shown, status))
    return lines


def waiting_versions() -> list[EntryVersion]:
    """The monitoring officer's queue: the latest version of each entry, not yet published."""
    versions = EntryVersion.objects.select_related("entry__person").order_by("entry_id", "-submitted_at", "-id")
    latest = {}
    for version in versions:
        latest.setdefault(version.entry_id, version)
    return sorted((v for v in latest.values() if v.published_at is None), key=lambda v: v.submitted_at)


# Gifts and hospitality ---------------------------------------------------------------------------


def gifts_threshold() -> Decimal:
    return Decimal(settings.GIFTS_THRESHOLD)


@transaction.atomic
def register_gift(
    person: Person,
    user,
    *,
    donor: str,
    description: str,
    value: Decimal | None,
    received_on: datetime.date | None,
    now: datetime.datetime | None = None,
) -> Gift:
    _require_own(user, person)
    now = now or timezone.now()
    donor, description = (donor or "").strip(), (description or "").strip()
    if not donor:
        raise RegisterError(gettext("Say who gave the gift or hospitality."))
    if not description:
        raise RegisterError(gettext("Describe the gift or hospitality."))
    if received_on is None or received_on > timezone.localdate(now):
        raise RegisterError(gettext("Give the date it was received (today or earlier)."))
    threshold = gifts_threshold()
    if value is None or value <= threshold:
        raise RegisterError(
            gettext("Only gifts and hospitality worth more than £%(threshold)s are registered.")
            % {"threshold": f"{threshold:,.0f}"}
        )
    return Gift.objects.create(
        person=person,
        donor=donor,
        description=description,
        value=value,
        received_on=received_on,
        submitted_at=now,
        submitted_by=user,
    )


@transaction.atomic
def publish_gift(gift: Gift, user, *, now: datetime.datetime | None = None) -> Gift:
    _require_monitoring_officer(user)
    gift = Gift.objects.select_for_update().get(pk=gift.pk)
    if gift.published_at is not None:
        raise RegisterError(gettext("This gift is already published."))
    gift.published_at = now or timezone.now()
    gift.published_by = user
    gift.save(update_fields=["published_at", "published_by"])
    for listener in _gift_listeners:
        transaction.on_commit(partial(listener, gift.pk))
    return gift


def published_gifts(person_ids) -> QuerySet:
    return Gift.objects.filter(person_id__in=list(person_ids), published_at__isnull=False)


# Dispensations and declarations ------------------------------------------------------------------


@transaction.atomic
def grant_dispensation(
    person: Person,
    user,
    *,
    scope: str,
    granted_on: datetime.date | None,
    expires_on: datetime.date | None,
    committee=None,
    granted_by: str = "Standards Committee",
) -> Dispensation:
    _require_monitoring_officer(user)
    scope = (scope or "").strip()
    if not scope:
        raise RegisterError(gettext("Say what business the dispensation covers."))
    if granted_on is None or expires_on is None:
        raise RegisterError(gettext("Give the dates the dispensation was granted and expires."))
    if expires_on < granted_on:
        raise RegisterError(gettext("A dispensation expires after it is granted."))
    # s.33(3): a dispensation lasts at most four years.
    if expires_on > granted_on + relativedelta(years=4):
        raise RegisterError(gettext("A dispensation lasts at most four years (Localism Act 2011 s.33(3))."))
    return Dispensation.objects.create(
        person=person,
        scope=scope,
        granted_on=granted_on,
        expires_on=expires_on,
        committee=committee,
        granted_by=(granted_by or "").strip() or "Standards Committee",
    )


@dataclass(frozen=True)
class DeclarationView:
    """A declaration at a meeting as the register sees it: the dispensations that allowed the member to
    take part, and whether the register holds an interest that explains it."""

    declaration: Declaration
    dispensations: list[Dispensation]
    matched: bool

    @property
    def needs_register_entry(self) -> bool:
        return self.declaration.interest != Declaration.Interest.NON_REGISTERABLE


def _explains(interest: Interest, declaration: Declaration) -> bool:
    if not interest.current_on(declaration.meeting.date):
        return False
    if declaration.interest == Declaration.Interest.PECUNIARY:
        return interest.is_pecuniary
    return categories.is_wales() or not interest.is_pecuniary


def with_register(declarations: list[Declaration]) -> list[DeclarationView]:
    """Load the declarations' meetings first (`select_related("meeting")`)."""
    people = {d.person_id for d in declarations}
    interests = published_interests(people)
    dispensations: dict[int, list[Dispensation]] = defaultdict(list)
    for dispensation in Dispensation.objects.filter(person_id__in=people).select_related("committee"):
        dispensations[dispensation.person_id].append(dispensation)
    views = []
    for declaration in declarations:
        meeting = declaration.meeting
        allowed = [d for d in dispensations[declaration.person_id] if d.covers(meeting.committee_id, meeting.date)]
        matched = declaration.interest == Declaration.Interest.NON_REGISTERABLE or any(
            _explains(i, declaration) for i in interests.get(declaration.person_id, [])
        )
        views.append(DeclarationView(declaration, allowed, matched))
    return views


def unexplained_declarations() -> list[DeclarationView]:
    """Declarations of a registrable interest for which the member's published register held no
    interest of that kind on the day: for the monitoring officer to follow up."""
    declarations = list(
        Declaration.objects.exclude(interest=Declaration.Interest.NON_REGISTERABLE)
        .select_related("person", "meeting__committee", "agenda_item")
        .order_by("-meeting__starts_at", "id")
    )
    return [view for view in with_register(declarations) if not view.matched]
