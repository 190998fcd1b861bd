"""A committee's agenda with a public report about a ward, an exempt report, and a procedural item."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from committee import access, agenda
from committee.models import Committee, Meeting, Ward
from publishing import publication
from reports import revisions, workflow
from reports.models import Recommendation, Report
from tests.conftest import LONDON, make_committee, make_meeting, make_report, make_user

EXEMPT_SECRET = "CANARYEXEMPTDEPOTPRICEEND"


@dataclass
class Agenda:
    committee: Committee
    meeting: Meeting
    ward: Ward
    public_report: Report
    exempt_report: Report
    officer: object


def approved_report(committee, officer, approver, author, **extra) -> Report:
    report = make_report(committee, author=author, **extra)
    Recommendation.objects.create(report=report, text=f"<p>Recommend {extra.get('summary', '')}</p>")
    revisions.record(report, author)
    workflow.submit(report, author, {"legal": approver})
    workflow.sign_off(report, approver, "legal", approve=True)
    workflow.approve_for_publication(report, officer)
    return report


def agenda_ready(name: str = "Environment Committee") -> Agenda:
    committee = make_committee(name, requires_finance_signoff=False, requires_director_signoff=False)
    officer = make_user(f"officer-{committee.pk}", access.GOVERNANCE_OFFICERS, is_staff=True)
    approver = make_user(f"legal-{committee.pk}", access.LEGAL_APPROVERS)
    author = make_user(f"author-{committee.pk}", access.REPORT_AUTHORS)
    ward = Ward.objects.get_or_create(name="Hale", slug="hale")[0]
    meeting = make_meeting(committee, datetime.date(2030, 3, 21))
    public = approved_report(
        committee,
        officer,
        approver,
        author,
        title="Library opening hours in Hale",
        summary="<p>Longer opening hours for the branch library.</p>",
        all_wards=False,
    )
    public.wards.add(ward)
    exempt = approved_report(
        committee,
        officer,
        approver,
        author,
        title="Disposal of the depot",
        summary=f"<p>The library depot's price is {EXEMPT_SECRET}.</p>",
        is_exempt=True,
        exempt_paragraph=3,
        all_wards=False,
    )
    exempt.wards.add(ward)
    agenda.add_opening_items(meeting, officer)
    agenda.add_report_item(meeting, officer, public)
    agenda.add_report_item(meeting, officer, exempt)
    return Agenda(committee, meeting, ward, public, exempt, officer)


def publish(built: Agenda, now=None):
    return publication.publish_agenda(
        built.meeting, built.officer, now=now or datetime.datetime(2030, 3, 1, 12, tzinfo=LONDON)
    )
