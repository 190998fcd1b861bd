"""Who may see and do what. Every view, template, queryset, feed and file
download asks this module; nothing else decides.

The rules, in the council's words:
- The public (no login) sees published public reports and published agendas.
  An exempt (Part 2) item shows its title and Schedule 12A paragraph, never its content.
- Members of a committee also see that committee's published Part 2 papers.
- Authors see and edit their own reports (and ones shared with them) until published.
- Clearance approvers see the reports assigned to them for sign-off.
- Governance officers and administrators see everything and approve and publish.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from committee.models import (
    AgendaItem,
    Committee,
    DecisionNotice,
    ItemDecision,
    Membership,
    Minutes,
    SearchDocument,
    WorkProgrammeItem,
)

REPORT_AUTHORS = "Report authors"
LEGAL_APPROVERS = "Legal approvers"
FINANCE_APPROVERS = "Finance approvers"
DIRECTOR_APPROVERS = "Director approvers"
# Write a report's Welsh beside its English and sign the translation off (Welsh councils).
TRANSLATORS = "Translators"
GOVERNANCE_OFFICERS = "Governance officers"
COMMITTEE_MEMBERS = "Committee members"
ADMINISTRATORS = "Administrators"
# The monitoring officer's team: checks and publishes the register of interests, and alone reads the
# details of a sensitive interest (Localism Act 2011 s.32). Not implied by any other group.
MONITORING_OFFICERS = "Monitoring officers"

ALL_GROUPS = [
    REPORT_AUTHORS,
    LEGAL_APPROVERS,
    FINANCE_APPROVERS,
    DIRECTOR_APPROVERS,
    TRANSLATORS,
    GOVERNANCE_OFFICERS,
    COMMITTEE_MEMBERS,
    ADMINISTRATORS,
    MONITORING_OFFICERS,
]
APPROVER_GROUP_FOR_ROLE = {
    "legal": LEGAL_APPROVERS,
    "finance": FINANCE_APPROVERS,
    "director": DIRECTOR_APPROVERS,
    "translation": TRANSLATORS,
}


def _groups(user) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_access_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._access_groups = cached
    return cached


def is_administrator(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or ADMINISTRATORS in _groups(user)


def is_governance_officer(user) -> bool:
    return is_administrator(user) or GOVERNANCE_OFFICERS in _groups(user)


def is_author(user) -> bool:
    return REPORT_AUTHORS in _groups(user) or is_governance_officer(user)


def is_monitoring_officer(user) -> bool:
    return MONITORING_OFFICERS in _groups(user)


def is_staff_user(user) -> bool:
    """Anyone who works on reports: sees the officers' pages."""
    return is_governance_officer(user) or bool(
        _groups(user) & {REPORT_AUTHORS, LEGAL_APPROVERS, FINANCE_APPROVERS, DIRECTOR_APPROVERS, TRANSLATORS}
    )


def approver_roles(user) -> list[str]:
    groups = _groups(user)
    return [role for role, group in APPROVER_GROUP_FOR_ROLE.items() if group in groups]


def member_committee_ids(user) -> frozenset[int]:
    """Committees the user currently sits on (through their Person record)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_access_committees", None)
    if cached is None:
        today = timezone.localdate()
        cached = frozenset(
            Membership.objects.filter(person__user=user)
            .filter(Q(start_date__isnull=True) | Q(start_date__lte=today))
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .values_list("committee_id", flat=True)
        )
        user._access_committees = cached
    return cached


def load_groups_and_committees(user) -> None:
    """Work out now what the functions above ask of the database, so that a user kept between requests
    (web/readers.py) carries the answers."""
    _groups(user)
    member_committee_ids(user)


def can_see_exempt_papers(user, committee_id: int) -> bool:
    """Part 2 papers: the committee's own members and the governance team."""
    return is_governance_officer(user) or committee_id in member_committee_ids(user)


# Meetings and agendas -----------------------------------------------------


def can_see_agenda(user, meeting) -> bool:
    return meeting.agenda_is_published or is_governance_officer(user)


def can_see_agenda_item_content(user, item) -> bool:
    """An exempt item's title and paragraph are public; its papers are not."""
    if not can_see_agenda(user, item.meeting):
        return False
    if item.part == 2:
        return can_see_exempt_papers(user, item.meeting.committee_id)
    return True


def can_manage_meetings(user) -> bool:
    return is_governance_officer(user)


# Work programmes ----------------------------------------------------------


def can_manage_work_programme(user) -> bool:
    return is_governance_officer(user)


def can_see_work_programme_item_detail(user, item) -> bool:
    """Exempt items show their title and paragraph, never their content."""
    return not item.is_exempt or can_see_exempt_papers(user, item.committee_id)


def can_see_agenda_item(user, item) -> bool:
    """Whether an item appears on the agenda at all: an item added after publication stays
    off the public agenda until its supplementary agenda is published."""
    if is_governance_officer(user):
        return True
    if not item.meeting.agenda_is_published:
        return False
    return item.publication_id is not None or not item.is_supplementary


def can_see_minutes(user, minutes) -> bool:
    return minutes.is_public or is_governance_officer(user)


def can_see_decision_text(user, item) -> bool:
    """A Part 2 item's decision is recorded in the minutes by title only for the public."""
    if item.part == 2:
        return can_see_exempt_papers(user, item.meeting.committee_id)
    return True


def can_see_notice_text(user, notice) -> bool:
    """A decision notice's decision, reasons and call-in reasons: for an exempt decision, only those
    entitled to its exempt papers (a record taken outside a meeting: governance officers)."""
    if notice.record_id:
        return notice.record.exempt_paragraph is None or can_manage_meetings(user)
    return can_see_decision_text(user, notice.decision.agenda_item)


def can_download_pack(user, pack) -> bool:

    if pack.is_members_pack:
        return can_see_exempt_papers(user, pack.meeting.committee_id)
    return can_see_agenda(user, pack.meeting)


def search_documents_visible_to(user) -> QuerySet:
    """The search index, less the Part 2 papers of committees the user does not sit on."""

    qs = SearchDocument.objects.all()
    if is_governance_officer(user):
        return qs
    return qs.filter(Q(is_exempt=False) | Q(committee_id__in=member_committee_ids(user)))


# Open data (OParl, the Modern.gov web service, exports) -------------------
# What anybody may read, as querysets, so every open-data surface starts from the same rules
# as the public pages. None of them depends on who asks: open data is public data only.


def public_committees() -> QuerySet:

    return Committee.objects.all()


def public_memberships() -> QuerySet:

    return Membership.objects.all()


def agenda_item_content_is_public(item) -> bool:
    """An item's papers reach the public only in Part 1."""
    return item.part == 1


def public_decisions() -> QuerySet:
    """Decisions recorded in minutes the public may read, on items of published agendas. Part 2
    items are included: callers show their title only (`can_see_decision_text`)."""
    return ItemDecision.objects.filter(
        agenda_item__in=AgendaItem.objects.public(), agenda_item__meeting__minutes__in=Minutes.objects.public()
    )


def public_decision_notices() -> QuerySet:
    """Published decision notices on items of published agendas, and their call-ins. A Part 2 item's
    notice is listed (title, paragraph, outcome and dates are public): callers show its reasons,
    alternatives and the call-in's reasons only where `can_see_notice_text` says so. A decision taken
    outside a meeting has a notice only once published."""
    return DecisionNotice.objects.filter(
        Q(decision__agenda_item__in=AgendaItem.objects.public()) | Q(record__isnull=False)
    )


def public_work_programme_items() -> QuerySet:
    """Items that have appeared on a published programme; exempt ones show title and paragraph only."""
    return WorkProgrammeItem.objects.published()
