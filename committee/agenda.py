"""Building a meeting's agenda: the standard opening items, report items, Part 2 (exempt) items
with their Schedule 12A paragraph, and their order. Numbers are computed (core.numbering),
never stored.

Items of a published agenda are frozen: a late paper goes on as a supplementary item, which
stays private until its supplementary agenda is published (publishing/publication.py).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from committee import access, routes
from committee.models import AgendaItem, Meeting
from core import bilingual, schedule_12a


class AgendaError(Exception):
    """A change the agenda cannot take; the message says why, in the officer's words."""


def _require_manager(user) -> None:
    if not access.can_manage_meetings(user):
        raise PermissionDenied("Only governance officers build agendas.")


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _next_position(meeting: Meeting, part: int) -> int:
    last = meeting.agenda_items.filter(part=part).aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def _check_open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise AgendaError(gettext("This meeting is cancelled: its agenda cannot change."))


def _check_paragraph(part: int, paragraph: int | None) -> int | None:
    if part == AgendaItem.Part.EXEMPT:
        if not schedule_12a.is_offered(paragraph):
            numbers = [number for number, _label in schedule_12a.offered()]
            raise AgendaError(
                gettext("An exempt item needs its Schedule 12A paragraph (%(first)s to %(last)s).")
                % {"first": numbers[0], "last": numbers[-1]}
            )
        return paragraph
    return None


def _check_confidential_title(part: int, confidential_title: str, title: str) -> str:
    """A Part 2 item may have a confidential title beside its public one; a Part 1 item is all public."""
    confidential_title = (confidential_title or "").strip()
    if confidential_title and part != AgendaItem.Part.EXEMPT:
        raise AgendaError(gettext("Only a Part 2 item has a confidential title: a Part 1 item's title is public."))
    return "" if confidential_title == title else confidential_title


def is_published(item: AgendaItem) -> bool:
    """Whether the item is on a published agenda, and so frozen but for its title's wording."""
    return item.publication_id is not None or (item.meeting.agenda_is_published and not item.is_supplementary)


def arrive_late(item: AgendaItem) -> None:
    """A new item on a published agenda, however it was added (the admin included), is a supplementary
    item: it stays off the public agenda until its supplementary agenda is published."""
    if item.pk is None and item.publication_id is None and item.meeting.agenda_is_published:
        item.is_supplementary = True


def _check_not_published(item: AgendaItem) -> None:
    if is_published(item):
        raise AgendaError(
            gettext("“%(title)s” is on the published agenda and can no longer change.")
            % {"title": bilingual.bilingual_text(item, "title")}
        )


@transaction.atomic
def add_opening_items(meeting: Meeting, user) -> list[AgendaItem]:
    """The committee's standard opening items, at the top of Part 1. Titles already on the agenda
    are not added twice, so pressing the button again does no harm."""
    _require_manager(user)
    meeting = _lock(meeting)
    _check_open(meeting)
    if meeting.agenda_is_published:
        raise AgendaError(gettext("The agenda is published: add late items as supplementary items."))
    existing = set(meeting.agenda_items.values_list("title", flat=True))
    titles = [t for t in meeting.committee.opening_item_titles() if t not in existing]
    if not titles:
        return []
    # Opening items go first: shift everything in Part 1 down to make room.
    for item in meeting.agenda_items.filter(part=AgendaItem.Part.PUBLIC).order_by("-position"):
        item.position += len(titles)
        item.save(update_fields=["position", "modified"])
    return [
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=title,
            title_cy=bilingual.welsh_for(title),
            kind=AgendaItem.Kind.PROCEDURAL,
        )
        for position, title in enumerate(titles)
    ]


@transaction.atomic
def add_item(
    meeting: Meeting,
    user,
    *,
    title: str,
    description: str = "",
    kind: str = AgendaItem.Kind.PROCEDURAL,
    part: int = AgendaItem.Part.PUBLIC,
    exempt_paragraph: int | None = None,
    report=None,
    confidential_title: str = "",
) -> AgendaItem:
    """Add an item at the end of its part. After publication it becomes a supplementary item. A Part 2
    item's ``title`` is the public agenda's; its ``confidential_title``, if any, is for those entitled."""
    _require_manager(user)
    return append_item(
        meeting,
        title=title,
        description=description,
        kind=kind,
        part=part,
        exempt_paragraph=exempt_paragraph,
        report=report,
        confidential_title=confidential_title,
    )


@transaction.atomic
def append_item(
    meeting: Meeting,
    *,
    title: str,
    description: str = "",
    kind: str = AgendaItem.Kind.PROCEDURAL,
    part: int = AgendaItem.Part.PUBLIC,
    exempt_paragraph: int | None = None,
    report=None,
    confidential_title: str = "",
    referred_recommendations: list[int] | None = None,
) -> AgendaItem:
    """`add_item` without asking who: for items the council's rules put on an agenda themselves
    (a decision called in goes to scrutiny's next meeting, committee/call_in.py)."""
    meeting = _lock(meeting)
    _check_open(meeting)
    title = (title or "").strip()
    if not title:
        raise AgendaError(gettext("Give the item a title."))
    exempt_paragraph = _check_paragraph(part, exempt_paragraph)
    confidential_title = _check_confidential_title(part, confidential_title, title)
    if part == AgendaItem.Part.EXEMPT and kind == AgendaItem.Kind.PROCEDURAL:
        kind = AgendaItem.Kind.EXEMPT
    return AgendaItem.objects.create(
        meeting=meeting,
        position=_next_position(meeting, part),
        title=title,
        confidential_title=confidential_title,
        description=description,
        kind=kind,
        part=part,
        exempt_paragraph=exempt_paragraph,
        report=report,
        referred_recommendations=referred_recommendations or [],
        is_supplementary=meeting.agenda_is_published,
    )


@transaction.atomic
def add_report_item(meeting: Meeting, user, report, *, title: str = "") -> AgendaItem:
    """A report item: an exempt report goes into Part 2 with the report's own paragraph. The
    meeting takes its step of the report's route (committee/routes.py): a report with a route goes
    to any meeting on it, one without to its own committee's.

    On its own committee's agenda the report's meeting becomes this one: its header, staff page and
    published copies name that meeting, not the one guessed when it was started (or none)."""
    if AgendaItem.objects.filter(meeting=meeting, report=report).exists():
        raise AgendaError(
            gettext("“%(title)s” is already on this agenda.") % {"title": bilingual.bilingual_text(report, "title")}
        )
    _require_manager(user)
    try:
        routes.take_step(meeting, report)
    except routes.RouteError as error:
        raise AgendaError(str(error)) from error
    item = _add_report_item(meeting, user, report, title)
    if report.committee_id == meeting.committee_id and report.meeting_id != meeting.pk:
        report.meeting = meeting
        report.save(update_fields=["meeting", "modified"])
    return item


def _add_report_item(meeting: Meeting, user, report, title: str) -> AgendaItem:
    if report.is_exempt:
        # The public agenda shows the report's public title; its own title stays with those entitled.
        public_title = title or report.public_title or report.title
        return add_item(
            meeting,
            user,
            title=public_title,
            confidential_title=report.title,
            kind=AgendaItem.Kind.EXEMPT,
            part=AgendaItem.Part.EXEMPT,
            exempt_paragraph=report.exempt_paragraph,
            report=report,
        )
    item = add_item(meeting, user, title=title or report.title, kind=AgendaItem.Kind.REPORT, report=report)
    if not title and getattr(report, "title_cy", ""):  # a Welsh council's agenda carries the report's Welsh title
        item.title_cy = report.title_cy
        item.save(update_fields=["title_cy"])
    return item


@transaction.atomic
def update_item(
    item: AgendaItem, user, *, title: str, description: str = "", confidential_title: str | None = None
) -> AgendaItem:
    """``confidential_title`` None leaves it as it is."""
    _require_manager(user)
    _lock(item.meeting)
    _check_not_published(item)
    title = (title or "").strip()
    if not title:
        raise AgendaError(gettext("Give the item a title."))
    if confidential_title is not None:
        item.confidential_title = _check_confidential_title(item.part, confidential_title, title)
    item.title = title
    item.description = description
    item.save(update_fields=["title", "confidential_title", "description", "modified"])
    return item


@transaction.atomic
def remove_item(item: AgendaItem, user) -> None:
    _require_manager(user)
    _lock(item.meeting)
    _check_not_published(item)
    item.delete()


@transaction.atomic
def move_item(item: AgendaItem, user, direction: str) -> None:
    """Swap an item with its neighbour above ("up") or below ("down") within its part."""
    if direction not in ("up", "down"):
        raise AgendaError(gettext("Move an item up or down."))
    _require_manager(user)
    meeting = _lock(item.meeting)
    siblings = list(meeting.agenda_items.filter(part=item.part).order_by("position", "id"))
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(siblings):
        return  # already first or last: nothing to do
    for moving in (siblings[index], siblings[other]):
        _check_not_published(moving)
    siblings[index], siblings[other] = siblings[other], siblings[index]
    _renumber_positions(siblings)


@transaction.atomic
def reorder(meeting: Meeting, user, item_ids: list[int]) -> None:
    """Set the order of one part's items (all of them, in the order given)."""
    _require_manager(user)
    meeting = _lock(meeting)
    items = {item.pk: item for item in meeting.agenda_items.all()}
    if set(item_ids) - set(items):
        raise AgendaError(gettext("Some of those items are not on this agenda."))
    chosen = [items[pk] for pk in item_ids]
    parts = {item.part for item in chosen}
    if len(parts) > 1:
        raise AgendaError(gettext("Part 2 items stay together at the end; reorder each part on its own."))
    if parts and {pk for pk, i in items.items() if i.part in parts} != set(item_ids):
        raise AgendaError(gettext("Give every item of the part, in its new order."))
    current = sorted(chosen, key=lambda i: (i.position, i.id))
    for before, after in zip(current, chosen, strict=True):
        if before.pk != after.pk:
            _check_not_published(after)
    _renumber_positions(chosen)


def _renumber_positions(ordered: list[AgendaItem]) -> None:
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position", "modified"])
