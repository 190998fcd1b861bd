"""Tombstones: what open data says about public things that have been deleted.

OParl clients keep copies and ask what changed since their last visit (`modified_since`); a deleted
object must then appear as `deleted: true`, or the copy keeps it for ever. Once a row is gone from its
own table nothing else remembers it, so a tombstone is written as it goes.

Why a signal, when the house style keeps side effects out of signals: the app's own functions never
delete anything the public has seen (a published agenda item cannot be removed); such deletions come
from the admin — its delete pages, its bulk action, the membership inlines — and from cascades (a
deleted meeting takes its agenda items with it). `pre_delete` is the one place that sees all of them,
and it runs before any row of a cascade is gone, so whether the public could see the object is still
known. A tombstone is the open-data record of a deletion, not a business rule.

Only what the public could see gets a tombstone: a deleted item of an unpublished agenda, or an
exempt report's appendix, leaves no trace.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, pre_delete
from django.utils import timezone

from committee.models import AgendaItem, AgendaPack, Committee, Meeting, Membership, Minutes, Person, Venue
from opendata.models import CouncilTerm, Tombstone
from reports import access as report_access
from reports.models import Appendix, BackgroundPaper, Report

Kind = Tombstone.Kind


def record(kind: str, object_id: int, created, parent_id: int | None = None, committee_id: int | None = None) -> None:
    Tombstone.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={
            "created": created or timezone.now(),
            "deleted_at": timezone.now(),
            "parent_id": parent_id,
            "committee_id": committee_id,
        },
    )


def _seen_report(pk: int | None) -> bool:
    """Whether open data has shown this report: it is public, or withdrawn and listed as deleted."""
    if pk is None:
        return False
    return (
        Report.objects.public().filter(pk=pk).exists()
        or report_access.withdrawn_public_reports().filter(pk=pk).exists()
    )


def agenda_item_deleted(sender, instance: AgendaItem, **kwargs) -> None:
    if not AgendaItem.objects.public().filter(pk=instance.pk).exists():
        return
    record(Kind.AGENDA_ITEM, instance.pk, instance.created, parent_id=instance.meeting_id)
    # An item at which a public report was considered was also a Consultation of that report.
    if instance.part == AgendaItem.Part.PUBLIC and _seen_report(instance.report_id):
        record(Kind.CONSULTATION, instance.pk, instance.created, parent_id=instance.report_id)


def meeting_deleted(sender, instance: Meeting, **kwargs) -> None:
    record(Kind.MEETING, instance.pk, instance.created)
    # Its minutes and agenda pack were Files of their own, and go with it.
    minutes = Minutes.objects.public().filter(meeting=instance).first()
    if minutes is not None:
        record(Kind.MINUTES_FILE, instance.pk, minutes.published_at, parent_id=instance.pk)
    pack = AgendaPack.objects.public().filter(meeting=instance).first()
    if pack is not None:
        record(Kind.AGENDA_PACK_FILE, instance.pk, pack.requested_at, parent_id=instance.pk)


def membership_deleted(sender, instance: Membership, **kwargs) -> None:
    record(
        Kind.MEMBERSHIP,
        instance.pk,
        instance.created,
        parent_id=instance.person_id,
        committee_id=instance.committee_id,
    )


def membership_gone(sender, instance: Membership, **kwargs) -> None:
    """After the row is gone: someone who was public only for that seat (not a councillor, nobody's
    contact officer) is no longer listed, and so is deleted as far as open data is concerned."""
    person = Person.objects.filter(pk=instance.person_id).first()
    if person is not None and not report_access.public_people().filter(pk=person.pk).exists():
        record(Kind.PERSON, person.pk, person.created)


def committee_deleted(sender, instance: Committee, **kwargs) -> None:
    record(Kind.ORGANIZATION, instance.pk, instance.created)


def person_deleted(sender, instance: Person, **kwargs) -> None:
    if report_access.public_people().filter(pk=instance.pk).exists():
        record(Kind.PERSON, instance.pk, instance.created)


def venue_deleted(sender, instance: Venue, **kwargs) -> None:
    record(Kind.LOCATION, instance.pk, instance.created)
    # Its meetings lose their venue by an UPDATE that leaves their `modified` alone; they did change
    # (OParl embeds the venue in each), so say so, or clients asking for changes keep the old one.
    Meeting.objects.filter(venue=instance).update(modified=timezone.now())


def term_deleted(sender, instance: CouncilTerm, **kwargs) -> None:
    record(Kind.LEGISLATIVE_TERM, instance.pk, instance.created)


def report_deleted(sender, instance: Report, **kwargs) -> None:
    if _seen_report(instance.pk):
        record(Kind.PAPER, instance.pk, instance.created)
        record(Kind.REPORT_FILE, instance.pk, instance.published_at or instance.created, parent_id=instance.pk)


def appendix_deleted(sender, instance: Appendix, **kwargs) -> None:
    if _seen_report(instance.report_id):
        record(Kind.APPENDIX_FILE, instance.pk, instance.created, parent_id=instance.report_id)


def background_paper_deleted(sender, instance: BackgroundPaper, **kwargs) -> None:
    if _seen_report(instance.report_id):
        created = Report.objects.filter(pk=instance.report_id).values_list("created", flat=True).first()
        record(Kind.BACKGROUND_PAPER_FILE, instance.pk, created, parent_id=instance.report_id)


RECEIVERS = {
    AgendaItem: agenda_item_deleted,
    Meeting: meeting_deleted,
    Membership: membership_deleted,
    Committee: committee_deleted,
    Person: person_deleted,
    Venue: venue_deleted,
    CouncilTerm: term_deleted,
    Report: report_deleted,
    Appendix: appendix_deleted,
    BackgroundPaper: background_paper_deleted,
}


def connect() -> None:
    for model, receiver in RECEIVERS.items():
        pre_delete.connect(receiver, sender=model, dispatch_uid=f"opendata-tombstone-{model._meta.label}")
    post_delete.connect(membership_gone, sender=Membership, dispatch_uid="opendata-tombstone-membership-gone")
