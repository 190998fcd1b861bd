"""What the officers' dashboard shows a signed-in person, in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from committee import access
from reports.models import Report, SignOff

S = Report.Status
DUE_SOON_DAYS = 14
RECENT_DAYS = 60
# A report still needs its author's or approvers' work in these states; cleared is on time.
NOT_YET_CLEARED = (S.DRAFT, S.SUBMITTED)


@dataclass
class Due:
    report: Report
    deadline: datetime.date


@dataclass
class Dashboard:
    drafts: list[Report]
    waiting: list[SignOff]
    overdue: list[Due]
    due_soon: list[Due]
    for_approval: list[Report]
    published: list[Report]


def dashboard_for(user, today: datetime.date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    governance = access.is_governance_officer(user)
    mine = Q(author=user) | Q(shared_with=user)
    base = Report.objects.select_related("committee", "meeting__committee")

    drafts = list(
        base.filter(pk__in=Report.objects.filter(mine).values("pk"))
        .filter(status__in=[S.DRAFT, S.SUBMITTED, S.CLEARED, S.APPROVED])
        .order_by("meeting__starts_at", "title")
    )
    waiting = list(
        SignOff.objects.filter(approver=user, decision=SignOff.Decision.PENDING, report__status=S.SUBMITTED)
        .select_related("report__committee", "report__meeting")
        .order_by("report__meeting__starts_at", "report__title")
    )
    # Deadlines: the author sees their own; the governance team sees every report with a meeting.
    watched = base.filter(status__in=NOT_YET_CLEARED, meeting__isnull=False)
    if not governance:
        watched = watched.filter(pk__in=Report.objects.filter(mine).values("pk"))
    overdue, due_soon = [], []
    for report in watched.order_by("meeting__starts_at"):
        if report.meeting.date < today:
            continue  # the meeting has been; the report's lateness is for the agenda to explain
        deadline = report.meeting.report_deadline()
        if deadline < today:
            overdue.append(Due(report, deadline))
        elif deadline <= today + datetime.timedelta(days=DUE_SOON_DAYS):
            due_soon.append(Due(report, deadline))
    for_approval = list(base.filter(status=S.CLEARED).order_by("meeting__starts_at")) if governance else []
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    published = base.filter(status=S.PUBLISHED, published_at__gte=since)
    if not governance:
        published = published.filter(pk__in=Report.objects.filter(mine).values("pk"))
    return Dashboard(
        drafts=drafts,
        waiting=waiting,
        overdue=overdue,
        due_soon=due_soon,
        for_approval=for_approval,
        published=list(published.order_by("-published_at")[:10]),
    )
