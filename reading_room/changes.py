"""What changed in a report since the revision a member last opened: the revision comparison
(reports/revisions.py compare), between the two editions this member may read."""

from __future__ import annotations

from dataclasses import dataclass

from reports import access as report_access
from reports import exemption, revisions
from reports.models import ReportRevision


@dataclass
class Changes:
    since: ReportRevision | None  # None: the member may not read (or never had) an earlier revision
    latest: ReportRevision
    parts: list[revisions.PartDiff]


def since(user, report, latest: ReportRevision, number: int | None) -> Changes:
    """The changes from published revision ``number`` (else the one before ``latest``) to ``latest``,
    part by part, as this member may read them: a revision published exempt only for Part 2 readers."""
    earlier = report_access.revisions_visible_to(user, report).filter(is_published=True, number__lt=latest.number)
    earlier = earlier.filter(number=number) if number is not None else earlier.order_by("-number")
    old = earlier.first()
    if old is None:
        return Changes(None, latest, [])
    entitled = report_access.can_read_exempt_parts(user, report)
    parts = revisions.changed_parts(
        exemption.edition(old.content, entitled=entitled), exemption.edition(latest.content, entitled=entitled)
    )
    return Changes(old, latest, parts)
