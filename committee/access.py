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

REPORT_AUTHORS = "Report authors"
LEGAL_APPROVERS = "Legal approvers"
FINANCE_APPROVERS = "Finance approvers"
DIRECTOR_APPROVERS = "Director approvers"
GOVERNANCE_OFFICERS = "Governance officers"
COMMITTEE_MEMBERS = "Committee members"
ADMINISTRATORS = "Administrators"

ALL_GROUPS = [
    REPORT_AUTHORS,
    LEGAL_APPROVERS,
    FINANCE_APPROVERS,
    DIRECTOR_APPROVERS,
    GOVERNANCE_OFFICERS,
    COMMITTEE_MEMBERS,
    ADMINISTRATORS,
]
APPROVER_GROUP_FOR_ROLE = {"legal": LEGAL_APPROVERS, "finance": FINANCE_APPROVERS, "director": DIRECTOR_APPROVERS}


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


def is_staff_user(user) -> bool:
    """Anyone who works on reports: sees the officers' pages."""
    return is_governance_officer(user) or bool(
        _groups(user) & {REPORT_AUTHORS, LEGAL_APPROVERS, FINANCE_APPROVERS, DIRECTOR_APPROVERS}
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
        from committee.models import Membership

        today = timezone.localdate()
        cached = frozenset(
            Membership.objects.filter(person__user=user)
            .filter(Q(start_date__isnull=True) | Q(start_date__lte=today))
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .values_list("committee_id", flat=True)
        )
        user._access_committees = cached
    return cached


def can_see_exempt_papers(user, committee_id: int) -> bool:
    """Part 2 papers: the committee's own members and the governance team."""
    return is_governance_officer(user) or committee_id in member_committee_ids(user)


# Reports ------------------------------------------------------------------


def _report_is_working_copy_of(user, report) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if report.author_id == user.pk:
        return True
    return report.shared_with.filter(pk=user.pk).exists()


def _assigned_approver(user, report) -> bool:
    """A sign-off gives access only while the report's committee still asks for that role: one left
    from before the committee needed fewer sign-offs (or before the report moved) gives none."""
    if not getattr(user, "is_authenticated", False):
        return False
    return report.signoffs.filter(approver=user, role__in=report.committee.required_signoff_roles).exists()


def _live_signoff_of(user) -> Q:
    """The queryset form of `_assigned_approver`, on reports."""
    required = Q()
    for role in APPROVER_GROUP_FOR_ROLE:
        required |= Q(signoffs__role=role, **{f"committee__requires_{role}_signoff": True})
    return Q(signoffs__approver=user) & required


def can_view_report(user, report) -> bool:
    from reports.models import Report

    if is_governance_officer(user):
        return True
    if report.status == Report.Status.PUBLISHED:
        if not published_report_is_exempt(report):
            return True
        if can_see_exempt_papers(user, report.committee_id):
            return True
    return _report_is_working_copy_of(user, report) or _assigned_approver(user, report)


def published_report_is_exempt(report) -> bool:
    """A published report is exempt if its live row or its latest published revision says so: a
    correction changes what the public may read only once it is published (reports/published.py)."""
    from reports.published import was_published_exempt

    return report.is_exempt or was_published_exempt(report)


def can_edit_report(user, report) -> bool:
    """Drafting: the author, those it is shared with, and governance officers, until it is published."""
    from reports.models import Report

    if report.status in (Report.Status.PUBLISHED, Report.Status.WITHDRAWN):
        return False
    if is_governance_officer(user):
        return True
    return is_author(user) and _report_is_working_copy_of(user, report)


def can_withdraw_report(user, report) -> bool:
    """Withdrawing (or reinstating as a draft): the report's own authors and the governance team."""
    if is_governance_officer(user):
        return True
    return is_author(user) and _report_is_working_copy_of(user, report)


def can_sign_off(user, signoff) -> bool:
    """Only the approver a sign-off is assigned to, while they are still in that role's group and
    the report's committee still asks for that role."""
    if not getattr(user, "is_authenticated", False) or signoff.approver_id != user.pk:
        return False
    return signoff.role in approver_roles(user) and signoff.role in signoff.report.committee.required_signoff_roles


def can_approve_for_publication(user, report) -> bool:
    return is_governance_officer(user)


def can_publish_report(user, report) -> bool:
    return is_governance_officer(user)


def can_correct_published_report(user, report) -> bool:
    """A published report is frozen: only the governance team may issue a correction."""
    from reports.models import Report

    return report.status == Report.Status.PUBLISHED and is_governance_officer(user)


def can_see_report_history(user, report) -> bool:
    """Sign-offs, transitions and revisions are internal: staff who work on the report, never the public."""
    if is_governance_officer(user):
        return True
    return _report_is_working_copy_of(user, report) or _assigned_approver(user, report)


def can_read_revision(user, report, revision) -> bool:
    """A working revision: the people working on the report. A published revision: whoever may read
    the report, except one published while the report was exempt, which stays with those entitled
    to Part 2 for ever, even after a correction lifted the exemption (the Part 2 text is in it)."""
    if not can_view_report(user, report):
        return False
    if can_see_report_history(user, report):
        return True
    if not revision.is_published:
        return False
    # A snapshot that does not say is treated as exempt: the safe reading.
    return not revision.content.get("is_exempt", True) or can_see_exempt_papers(user, report.committee_id)


def revisions_visible_to(user, report) -> QuerySet:
    """The queryset form of `can_read_revision`: the report's revisions this user may read."""
    revisions = report.revisions.all()
    if not can_view_report(user, report):
        return revisions.none()
    if can_see_report_history(user, report):
        return revisions
    revisions = revisions.filter(is_published=True)
    if can_see_exempt_papers(user, report.committee_id):
        return revisions
    return revisions.filter(content__is_exempt=False)


def can_open_report_file(user, report, attachment) -> bool:
    """An appendix or background paper of a report: readable with the report, except one added
    while a correction is drafted, which only the people working on the report see until the
    correction is published. Every route to such a file asks this (or, for open data, its public
    queryset form `public_appendices` / `public_background_papers`), and nothing else."""
    if not can_view_report(user, report):
        return False
    return not attachment.awaiting_publication or can_see_report_history(user, report)


def reports_visible_to(user) -> QuerySet:
    """Every report the user may read, as one queryset (for lists, search and feeds)."""
    from reports.models import Report

    qs = Report.objects.all()
    if is_governance_officer(user):
        return qs
    from reports.published import public_condition

    published = Q(status=Report.Status.PUBLISHED)
    visible = public_condition()
    if getattr(user, "is_authenticated", False):
        visible |= published & Q(committee_id__in=member_committee_ids(user))
        visible |= Q(author=user) | Q(shared_with=user) | _live_signoff_of(user)
    return qs.filter(pk__in=qs.filter(visible).values("pk"))


def report_is_public(report) -> bool:
    """Anybody may read it (published and not exempt): what may be kept in a cache shared by all visitors."""
    from reports.models import Report

    return report.status == Report.Status.PUBLISHED and not published_report_is_exempt(report)


def public_reports() -> QuerySet:
    """What anybody may read: published and not exempt."""
    from reports.models import Report

    return Report.objects.public()


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


def can_download_pack(user, pack) -> bool:
    from committee.models import AgendaPack

    if pack.variant == AgendaPack.Variant.MEMBERS:
        return can_see_exempt_papers(user, pack.meeting.committee_id)
    return can_see_agenda(user, pack.meeting)


def search_documents_visible_to(user) -> QuerySet:
    """The search index, less the Part 2 papers of committees the user does not sit on."""
    from committee.models import SearchDocument

    qs = SearchDocument.objects.all()
    if is_governance_officer(user):
        return qs
    return qs.filter(Q(is_exempt=False) | Q(committee_id__in=member_committee_ids(user)))


# Open data (OParl, the Modern.gov web service, exports) -------------------
# What anybody may read, as querysets, so every open-data surface starts from the same rules
# as the public pages. None of them depends on who asks: open data is public data only.


def public_committees() -> QuerySet:
    from committee.models import Committee

    return Committee.objects.all()


def public_people() -> QuerySet:
    """Councillors and co-opted members, anyone who sits on or clerks a committee (the committee
    pages list them), and the contact officers named on public reports."""
    from committee.models import Person

    shown = (
        Q(kind__in=[Person.Kind.COUNCILLOR, Person.Kind.CO_OPTED])
        | Q(memberships__isnull=False)
        | Q(reports_as_contact__in=public_reports())
    )
    return Person.objects.filter(pk__in=Person.objects.filter(shown).values("pk"))


def public_memberships() -> QuerySet:
    from committee.models import Membership

    return Membership.objects.all()


def public_meetings() -> QuerySet:
    """Every meeting's date, place and status is public; its agenda only once published."""
    from committee.models import Meeting

    return Meeting.objects.all()


def public_agenda_items() -> QuerySet:
    """Items of published agendas. Exempt items are listed too (title and paragraph are public):
    callers show their content only where `agenda_item_content_is_public` says so."""
    from committee.models import AgendaItem

    # The queryset form of `can_see_agenda_item` for the public.
    return AgendaItem.objects.filter(meeting__agenda_published_at__isnull=False).filter(
        Q(publication__isnull=False) | Q(is_supplementary=False)
    )


def agenda_item_content_is_public(item) -> bool:
    """An item's papers reach the public only in Part 1."""
    return item.part == 1


def public_considered_reports() -> QuerySet:
    """Agenda items at which a public report was considered in public (OParl's Consultation)."""
    return public_agenda_items().filter(part=1, report__in=public_reports())


def withdrawn_public_reports() -> QuerySet:
    """Reports the public once saw and that have since been withdrawn: open data lists them as deleted."""
    from reports.models import Report
    from reports.published import published_exempt

    return Report.objects.filter(status=Report.Status.WITHDRAWN, published_at__isnull=False, is_exempt=False).exclude(
        published_exempt()
    )


def public_appendices() -> QuerySet:
    """The queryset form of `can_open_report_file` for the public: appendices of public reports,
    less those added in a correction not yet published."""
    from reports.models import Appendix

    return Appendix.objects.filter(report__in=public_reports(), awaiting_publication=False)


def public_background_papers() -> QuerySet:
    """As `public_appendices`, for background papers."""
    from reports.models import BackgroundPaper

    return BackgroundPaper.objects.filter(report__in=public_reports(), awaiting_publication=False)


def public_minutes() -> QuerySet:
    """Minutes the public may read: published as draft, or confirmed (the queryset form of `can_see_minutes`)."""
    from committee.models import Minutes

    return Minutes.objects.exclude(status=Minutes.Status.DRAFT)


def public_agenda_packs() -> QuerySet:
    """Agenda packs anybody may download: the public pack of a published agenda, once built (the
    queryset form of `can_download_pack` for the public; the members' pack never)."""
    from committee.models import AgendaPack

    return AgendaPack.objects.filter(
        variant=AgendaPack.Variant.PUBLIC, status=AgendaPack.Status.READY, meeting__agenda_published_at__isnull=False
    ).exclude(file="")


def public_decisions() -> QuerySet:
    """Decisions recorded in minutes the public may read, on items of published agendas. Part 2
    items are included: callers show their title only (`can_see_decision_text`)."""
    from committee.models import ItemDecision

    return ItemDecision.objects.filter(
        agenda_item__in=public_agenda_items(), agenda_item__meeting__minutes__in=public_minutes()
    )


def public_work_programme_items() -> QuerySet:
    """Items that have appeared on a published programme; exempt ones show title and paragraph only."""
    from committee.models import WorkProgrammeItem

    return WorkProgrammeItem.objects.published()
