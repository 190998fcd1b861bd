"""Who may see and do what with a report: its pages, revisions, files and every list of reports.

The rules, in the council's words:
- The public (no login) sees published public reports, as last published (reports/published.py).
- Members of a committee also see that committee's published Part 2 reports, and those whose route
  (committee/routes.py) passes through it.
- Authors see and edit their own reports (and ones shared with them) until published.
- Clearance approvers see the reports assigned to them for sign-off, while the committee asks for it.
- Governance officers and administrators see everything and approve and publish.

Who people are (groups, memberships) is committee/access.py's; every view, feed, file route and
open-data list asks one of these two modules, and nothing else decides.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, Q, QuerySet

from committee.access import (
    approver_roles,
    can_see_exempt_papers,
    is_author,
    is_governance_officer,
    load_groups_and_committees,
    member_committee_ids,
)
from committee.models import AgendaItem, Consultation, Person
from reports import exemption
from reports.models import (
    Appendix,
    BackgroundPaper,
    Report,
    SignOff,
    appendix_published_exempt,
    appendix_redaction_published,
)
from reports.published import appendix_is_exempt, published_exempt, published_redacted_files, was_published_exempt


def _report_is_working_copy_of(user, report) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if report.author_id == user.pk:
        return True
    if getattr(user, "_access_own_reports", None) is False:
        return False  # known to have no report shared with them
    return report.shared_with.filter(pk=user.pk).exists()


def _assigned_approver(user, report) -> bool:
    """A sign-off gives access only while the report's committee still asks for that role: one left
    from before the committee needed fewer sign-offs (or before the report moved) gives none."""
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "_access_own_reports", None) is False:
        return False  # known to have been asked to sign off nothing
    return report.signoffs.filter(approver=user, role__in=report.committee.required_signoff_roles).exists()


def sits_on_a_considering_committee(user, report) -> bool:
    """Part 2 papers of a report: the members of its own committee and of every committee on its
    route, and the governance team."""
    if can_see_exempt_papers(user, report.committee_id):
        return True
    committees = member_committee_ids(user)
    if not committees:
        return False
    route = getattr(report, _ROUTE_COMMITTEES, None)
    if route is not None:
        return not route.isdisjoint(committees)
    return Consultation.objects.filter(report_id=report.pk, committee_id__in=committees).exists()


_ROUTE_COMMITTEES = "_access_route_committee_ids"


def load_route_committees(report) -> None:
    """Read now the committees on the report's route, which ``sits_on_a_considering_committee`` asks
    about, for a report row kept between requests (web/fragments.py kept_rows, under the public edition
    that every change to a route moves)."""
    committees = Consultation.objects.filter(report_id=report.pk).values_list("committee_id", flat=True)
    setattr(report, _ROUTE_COMMITTEES, frozenset(committees))


def can_view_report(user, report) -> bool:
    if is_governance_officer(user):
        return True
    if report.status == Report.Status.PUBLISHED:
        if not published_report_is_exempt(report):
            return True
        if sits_on_a_considering_committee(user, report):
            return True
    return _report_is_working_copy_of(user, report) or _assigned_approver(user, report)


def published_report_is_exempt(report) -> bool:
    """A published report is exempt if its live row or its latest published revision says so: a
    correction changes what the public may read only once it is published (reports/published.py)."""
    return report.is_exempt or was_published_exempt(report)


def can_edit_report(user, report) -> bool:
    """Drafting: the author, those it is shared with, and governance officers, until it is published."""
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


def can_read_exempt_parts(user, report) -> bool:
    """The exempt appendices and passages of a report (reports/exemption.py): the committee's members
    and the governance team, as for a Part 2 report, and the people working on the report."""
    return sits_on_a_considering_committee(user, report) or can_see_report_history(user, report)


def reads_members_edition(user, report, revision) -> bool:
    """Which PDF of a published revision a reader gets: its members' edition (exempt parts in place)
    if it has exempt parts and the reader is entitled to them; otherwise its public edition. Every
    route to a published report's PDF asks this. The revision's snapshot is read only for those
    entitled, and only when no members' edition is recorded yet."""
    if not can_read_exempt_parts(user, report):
        return False
    try:
        revision.members_pdf  # noqa: B018 -- recorded: the revision has exempt parts
        return True
    except ObjectDoesNotExist:
        pass
    if "content" in revision.get_deferred_fields():
        revision.refresh_from_db(fields=["content"])
    return exemption.has_exempt_parts(revision.content)


def can_open_report_file(user, report, attachment) -> bool:
    """An appendix or background paper of a report: readable with the report, except one added
    while a correction is drafted, which only the people working on the report see until the
    correction is published, and an exempt appendix, which only those entitled to Part 2 open.
    Every route to such a file asks this (or, for open data, its public queryset form
    `public_appendices` / `public_background_papers`), and nothing else."""
    if not can_view_report(user, report):
        return False
    withheld = isinstance(attachment, Appendix) and appendix_is_exempt(report, attachment)
    if withheld and not can_read_exempt_parts(user, report):
        return False
    return not attachment.awaiting_publication or can_see_report_history(user, report)


def can_open_redacted_appendix(user, report, appendix) -> bool:
    """An exempt appendix's redacted version: whoever may read the report, once a published revision
    publishes it; before then only the people working on the report. Every route to it asks this."""
    if not appendix.redacted_file or not can_view_report(user, report):
        return False
    if can_see_report_history(user, report):
        return True
    return appendix.redacted_file.name in published_redacted_files(report)


def shared_reader(user) -> str | None:
    """Whom this reader's view of published meetings and reports is the same as, for page parts kept
    for everyone who reads the same (web/fragments.py): outside the governance team, and for anyone
    with no report of their own, what they see depends only on the committees whose Part 2 papers they
    may read (they sit on them), so it names those; the public sits on none. None when what they see
    is their own: the governance team, and anyone who wrote a report, has one shared with them or has
    been asked to sign one off (they may read it before it is published)."""
    if not getattr(user, "is_authenticated", False):
        return "committees:"
    if is_governance_officer(user) or has_reports_of_their_own(user):
        return None
    return "committees:" + ",".join(str(pk) for pk in sorted(member_committee_ids(user)))


def has_reports_of_their_own(user) -> bool:
    """Whether they wrote a report, have one shared with them or were ever asked to sign one off."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_access_own_reports", None)
    if cached is None:
        # One query of three indexed lookups: an OR across the joins would read every report.
        cached = any(
            get_user_model()
            .objects.filter(pk=user.pk)
            .values_list(
                Exists(Report.objects.filter(author=user)),
                Exists(Report.shared_with.through.objects.filter(user=user)),
                Exists(SignOff.objects.filter(approver=user)),
            )
            .get()
        )
        user._access_own_reports = cached
    return cached


def load_entitlements(user) -> None:
    """Work out now everything the rules ask of the database about who the user is (their groups,
    committees, reports of their own), so that a user kept between requests (web/readers.py) carries
    the answers; the keeper must forget them whenever one could change."""
    load_groups_and_committees(user)
    has_reports_of_their_own(user)


def report_is_public(report) -> bool:
    """Anybody may read it (published and not exempt): what may be kept in a cache shared by all visitors."""
    return report.status == Report.Status.PUBLISHED and not published_report_is_exempt(report)


# Open data: what anybody may read of reports ---------------------------------


def public_people() -> QuerySet:
    """Councillors and co-opted members, anyone who sits on or clerks a committee (the committee
    pages list them), and the contact officers named on public reports."""
    shown = (
        Q(kind__in=[Person.Kind.COUNCILLOR, Person.Kind.CO_OPTED])
        | Q(memberships__isnull=False)
        | Q(reports_as_contact__in=Report.objects.public())
    )
    return Person.objects.filter(pk__in=Person.objects.filter(shown).values("pk"))


def public_considered_reports() -> QuerySet:
    """Agenda items at which a public report was considered in public (OParl's Consultation)."""
    return AgendaItem.objects.public().filter(part=1, report__in=Report.objects.public())


def withdrawn_public_reports() -> QuerySet:
    """Reports the public once saw and that have since been withdrawn: open data lists them as deleted."""
    return Report.objects.filter(status=Report.Status.WITHDRAWN, published_at__isnull=False, is_exempt=False).exclude(
        published_exempt()
    )


def public_appendices() -> QuerySet:
    """The queryset form of `can_open_report_file` for the public: appendices of public reports,
    less those added in a correction not yet published and the exempt ones."""
    return Appendix.objects.filter(
        report__in=Report.objects.public(), awaiting_publication=False, exempt_paragraph__isnull=True
    ).exclude(appendix_published_exempt())


def public_redacted_appendices() -> QuerySet:
    """The queryset form of `can_open_redacted_appendix` for the public: exempt appendices of public
    reports whose redacted version the report's latest published revision publishes."""
    return (
        Appendix.objects.filter(report__in=Report.objects.public(), awaiting_publication=False)
        .exclude(redacted_file="")
        .filter(appendix_redaction_published())
    )


def public_files_of_appendices() -> QuerySet:
    """`public_appendices` and `public_redacted_appendices` in one queryset, each marked
    ``redacted_version`` if what the public get is its redacted version (one query for both)."""
    return (public_appendices() | public_redacted_appendices()).annotate(
        redacted_version=appendix_redaction_published()
    )


def announced_appendices() -> QuerySet:
    """Every appendix the public is told of: those of `public_appendices`, and the exempt appendices of
    public reports, which open data names (Modern.gov's isrestricted) and never links to."""
    return Appendix.objects.filter(report__in=Report.objects.public(), awaiting_publication=False)


def public_background_papers() -> QuerySet:
    """As `public_appendices`, for background papers."""
    return BackgroundPaper.objects.filter(report__in=Report.objects.public(), awaiting_publication=False)


# Comments where the text is (reports/comments.py) ------------------------------


def can_comment_on_report(user, report) -> bool:
    """Commenting, replying, suggesting and resolving: the people working on the report (its
    authors, the approvers asked to sign it off, the governance team) while it is drafted or in
    clearance. Comments are internal: whoever may not see the report's history never sees them."""
    if report.status in (Report.Status.PUBLISHED, Report.Status.WITHDRAWN):
        return False
    return can_see_report_history(user, report)


def can_open_in_editor(user, report) -> bool:
    """The editor page (the report as a document): those who may change its text, and, to comment
    where the text is, those who may comment (the approvers asked to sign it off read it there and
    suggest changes, but never type into it). Every other drafting step asks `can_edit_report`."""
    if can_edit_report(user, report) or can_correct_published_report(user, report):
        return True
    return can_comment_on_report(user, report)
