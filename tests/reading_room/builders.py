"""A coming meeting with a public and a Part 2 report on its published agenda, and corrections."""

from __future__ import annotations

import datetime

from django.utils import timezone

from committee import agenda
from publishing import publication
from reports import editing, revisions, workflow
from reports.models import Paragraph, Recommendation, Report, Section
from tests.conftest import make_meeting, make_report


def published_report(committee, author, approver, officer, *, title: str, meeting=None, exempt: bool = False):
    extra = {"is_exempt": True, "exempt_paragraph": 3} if exempt else {}
    # Legal sign-off only, as the matrix's committee: the test has one approver.
    committee.requires_finance_signoff = committee.requires_director_signoff = False
    committee.save()
    report = make_report(committee, title=title, author=author, meeting=meeting, summary="<p>Summary.</p>", **extra)
    Recommendation.objects.create(report=report, text="<p>That the Committee agrees the plan.</p>")
    section = Section.objects.create(report=report, heading="Background")
    Paragraph.objects.create(section=section, position=0, text="<p>The library opens at nine every weekday.</p>")
    Paragraph.objects.create(section=section, position=1, text="<p>Visits rose by a tenth in 2016.</p>")
    revisions.record(report, author)
    workflow.submit(report, author, {"legal": approver})
    workflow.sign_off(report, approver, "legal", approve=True)
    workflow.approve_for_publication(report, officer)
    return report


def coming_meeting(committee, author, approver, officer, *, days: int = 14):
    """A meeting in ``days`` days, its agenda published with a public and an exempt report."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    meeting = make_meeting(committee, day)
    public = published_report(committee, author, approver, officer, title="Library opening hours", meeting=meeting)
    exempt = published_report(
        committee, author, approver, officer, title="Depot disposal", meeting=meeting, exempt=True
    )
    agenda.add_report_item(meeting, officer, public)
    agenda.add_report_item(meeting, officer, exempt)
    publication.publish_agenda(meeting, officer)
    meeting.refresh_from_db()
    public.refresh_from_db()
    exempt.refresh_from_db()
    return meeting, public, exempt


def correct(report: Report, officer, change, note: str = "Corrected.") -> Report:
    """A governance officer's correction, published."""
    with editing.changing(report, officer, Report.objects.get(pk=report.pk).version) as locked:
        change(locked)
    report.refresh_from_db()
    publication.publish_correction(report, officer, note)
    report.refresh_from_db()
    return report


def paragraph(report: Report, position: int) -> Paragraph:
    return Paragraph.objects.get(section__report=report, section__is_background_papers=False, position=position)


def reword(report: Report, officer, position: int, text: str) -> Report:
    """A published correction rewording one paragraph of the report's first section."""

    def change(locked):
        Paragraph.objects.filter(pk=paragraph(locked, position).pk).update(text=text)

    return correct(report, officer, change)
