"""What a member has opened in the reading room, and so what is new to them."""

from __future__ import annotations

from django.utils import timezone

from reading_room.models import Seen


def record_meeting(user, meeting) -> None:
    Seen.objects.update_or_create(user=user, meeting=meeting, defaults={"seen_at": timezone.now()})


def record_report(user, report, revision: int) -> None:
    Seen.objects.update_or_create(user=user, report=report, defaults={"seen_at": timezone.now(), "revision": revision})


def meetings_seen(user, meeting_ids) -> dict[int, Seen]:
    return {s.meeting_id: s for s in Seen.objects.filter(user=user, meeting_id__in=list(meeting_ids))}


def reports_seen(user, report_ids) -> dict[int, Seen]:
    return {s.report_id: s for s in Seen.objects.filter(user=user, report_id__in=list(report_ids))}


def report_seen(user, report) -> Seen | None:
    return Seen.objects.filter(user=user, report=report).first()
