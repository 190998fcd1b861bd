"""The clearance workflow: the one place a report's state changes.

    Draft → Submitted for clearance → Cleared → Approved for publication → Published
    Withdrawn from any state before Published; back to Draft when changes are requested or
    when someone edits a report that is in clearance.

Every function here locks the report row (`select_for_update`), checks the state against
TRANSITIONS and the person against committee/access.py, writes a ReportTransition row, and
raises InvalidTransition or NotAllowed otherwise, leaving the report as it was. Views never
assign `Report.status` themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from committee import access
from reports import access as report_access
from reports import completeness, notifications, revisions, translation
from reports.models import Report, ReportTransition, SignOff

Status = Report.Status


class WorkflowError(Exception):
    """A workflow step that cannot happen; the message is written for the person who tried."""


class InvalidTransition(WorkflowError):
    """The report is not in a state this step starts from (or something it needs is missing)."""


class RequiredSectionsUnwritten(InvalidTransition):
    """The template's required sections are not all written; the message names each one."""


class WelshOutstanding(InvalidTransition):
    """The Welsh the council requires before publication is missing or out of date; the message lists
    each part (reports/translation.py)."""


def _check_welsh(locked: Report, doing: str) -> None:
    outstanding = translation.outstanding(locked)
    if outstanding:
        raise WelshOutstanding(
            gettext("%(doing)s needs the report's Welsh. %(outstanding)s")
            % {"doing": doing, "outstanding": outstanding.message()}
        )


class NotAllowed(WorkflowError, PermissionDenied):
    """The person may not take this step. A PermissionDenied, so an unhandled one is a 403."""


@dataclass(frozen=True)
class Step:
    label: str
    sources: frozenset[str]
    target: str


# The allowed-transitions table. `sign_off` is not here: it changes a sign-off, and through it
# may `clear` (all approved) or `request_changes` (back to draft).
TRANSITIONS: dict[str, Step] = {
    "submit": Step(gettext_noop("Submit for clearance"), frozenset({Status.DRAFT}), Status.SUBMITTED),
    "clear": Step(gettext_noop("Cleared"), frozenset({Status.SUBMITTED}), Status.CLEARED),
    "request_changes": Step(gettext_noop("Changes requested"), frozenset({Status.SUBMITTED}), Status.DRAFT),
    "approve_for_publication": Step(
        gettext_noop("Approve for publication"), frozenset({Status.CLEARED}), Status.APPROVED
    ),
    "publish": Step(gettext_noop("Publish"), frozenset({Status.APPROVED}), Status.PUBLISHED),
    "withdraw": Step(
        gettext_noop("Withdraw"),
        frozenset({Status.DRAFT, Status.SUBMITTED, Status.CLEARED, Status.APPROVED}),
        Status.WITHDRAWN,
    ),
    "return_to_draft": Step(
        gettext_noop("Return to draft"),
        frozenset({Status.SUBMITTED, Status.CLEARED, Status.APPROVED, Status.WITHDRAWN}),
        Status.DRAFT,
    ),
    "publish_correction": Step(gettext_noop("Publish a correction"), frozenset({Status.PUBLISHED}), Status.PUBLISHED),
}

# States in which someone is still working on the report's content and sign-offs.
IN_CLEARANCE = frozenset({Status.SUBMITTED, Status.CLEARED, Status.APPROVED})


def allowed_targets(status: str) -> set[str]:
    """Every state one step can take a report in `status` to."""
    return {step.target for step in TRANSITIONS.values() if status in step.sources}


def _display(user) -> str:
    if user is None:
        return gettext("the system")
    return user.get_full_name() or user.get_username()


def _lock(report: Report) -> Report:
    """Re-read the report under a row lock and copy the fresh state onto the caller's object."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    report.status = locked.status
    report.version = locked.version
    report.published_at = locked.published_at
    return locked


def _check_state(report: Report, action: str) -> Step:
    step = TRANSITIONS[action]
    if report.status not in step.sources:
        raise InvalidTransition(
            gettext("“%(step)s” is not possible while the report is %(status)s.")
            % {"step": gettext(step.label), "status": report.get_status_display().lower()}
        )
    return step


def _move(report: Report, locked: Report, target: str, user, comment: str = "", **fields) -> ReportTransition:
    source = locked.status
    locked.status = target
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=["status", "modified", *fields])
    report.status = target
    for name, value in fields.items():
        setattr(report, name, value)
    return ReportTransition.objects.create(
        report=locked, from_status=source, to_status=target, by=user, comment=comment
    )


def _note(locked: Report, user, comment: str) -> ReportTransition:
    """An audit row for something that happened without a change of state (a sign-off approved)."""
    return ReportTransition.objects.create(
        report=locked, from_status=locked.status, to_status=locked.status, by=user, comment=comment
    )


def _reset_signoffs(report: Report) -> None:
    report.signoffs.update(decision=SignOff.Decision.PENDING, comment="", decided_at=None)


# Who signs off -------------------------------------------------------------


def approvers_for_role(role: str):
    """Everyone who may be asked to sign off as `role` (legal, finance, director)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=access.APPROVER_GROUP_FOR_ROLE[role])
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


def _choose_approvers(report: Report, approvers: Mapping[str, object] | None) -> dict[str, object]:
    approvers = dict(approvers or {})
    existing = {s.role: s.approver for s in report.signoffs.select_related("approver")}
    chosen = {}
    for role in report.committee.required_signoff_roles:
        approver = approvers.get(role) or existing.get(role) or approvers_for_role(role).first()
        if approver is None:
            group = access.APPROVER_GROUP_FOR_ROLE[role]
            raise InvalidTransition(
                gettext("Nobody is in the “%(group)s” group to sign this report off. Ask an administrator.")
                % {"group": group}
            )
        if role not in access.approver_roles(approver):
            label = SignOff.Role(role).label.lower()
            raise InvalidTransition(
                gettext("%(person)s is not a %(role)s approver.") % {"person": _display(approver), "role": label}
            )
        chosen[role] = approver
    return chosen


# The steps -----------------------------------------------------------------


@transaction.atomic
def submit(report: Report, user, approvers: Mapping[str, object] | None = None, comment: str = "") -> Report:
    """Send a draft for clearance, asking each required approver to sign it off.

    `approvers` maps a role to the person chosen for it; a role left out keeps the person who
    signed it off last time, or the first person in that role's group.
    """
    locked = _lock(report)
    _check_state(locked, "submit")
    if not report_access.can_edit_report(user, locked):
        raise NotAllowed(gettext("Only the report's authors can submit it for clearance."))
    unwritten = completeness.unwritten_required_sections(locked)
    if unwritten:
        raise RequiredSectionsUnwritten(completeness.unwritten_message(unwritten))
    chosen = _choose_approvers(locked, approvers)
    locked.signoffs.exclude(role__in=list(chosen)).delete()
    for role, approver in chosen.items():
        SignOff.objects.update_or_create(
            report=locked,
            role=role,
            defaults={"approver": approver, "decision": SignOff.Decision.PENDING, "comment": "", "decided_at": None},
        )
    _move(report, locked, Status.SUBMITTED, user, comment)
    if not chosen:
        # This committee asks for no sign-offs: the report is cleared as soon as it is submitted.
        _move(report, locked, Status.CLEARED, user, "No sign-offs are required for this committee.")
    else:
        transaction.on_commit(lambda: notifications.signoff_requested(locked, list(chosen.items())))
    return report


@transaction.atomic
def sign_off(report: Report, user, role: str, approve: bool, comment: str = "") -> SignOff:
    """An approver's decision. Approving the last outstanding sign-off clears the report;
    requesting changes (a comment is required) sends it back to the author as a draft."""
    locked = _lock(report)
    _check_state(locked, "clear" if approve else "request_changes")
    signoff = locked.signoffs.filter(role=role).select_related("approver").first()
    if signoff is None or not report_access.can_sign_off(user, signoff):
        raise NotAllowed(gettext("This sign-off is not assigned to you."))
    if signoff.decision != SignOff.Decision.PENDING:
        raise InvalidTransition(gettext("You have already given this sign-off."))
    comment = comment.strip()
    if not approve and not comment:
        raise InvalidTransition(gettext("Say what needs to change, so the author knows what to do."))
    if approve and role == translation.TRANSLATION_ROLE:
        _check_welsh(locked, gettext("Signing off the translation"))
    signoff.decision = SignOff.Decision.APPROVED if approve else SignOff.Decision.CHANGES_REQUESTED
    signoff.comment = comment
    signoff.decided_at = timezone.now()
    signoff.save(update_fields=["decision", "comment", "decided_at"])
    label = signoff.get_role_display()
    if not approve:
        _move(report, locked, Status.DRAFT, user, f"{label}: {comment}")
        transaction.on_commit(lambda: notifications.changes_requested(locked, signoff))
        return signoff
    _note(locked, user, f"{label} sign-off approved." + (f" {comment}" if comment else ""))
    required = set(locked.committee.required_signoff_roles)
    approved = set(
        locked.signoffs.filter(decision=SignOff.Decision.APPROVED, role__in=required).values_list("role", flat=True)
    )
    if approved >= required:
        _move(report, locked, Status.CLEARED, user, "Every required sign-off is approved.")
        transaction.on_commit(lambda: notifications.cleared(locked))
    return signoff


@transaction.atomic
def approve_for_publication(report: Report, user, comment: str = "") -> Report:
    locked = _lock(report)
    _check_state(locked, "approve_for_publication")
    if not report_access.can_approve_for_publication(user, locked):
        raise NotAllowed(gettext("Only a governance officer can approve a report for publication."))
    _move(report, locked, Status.APPROVED, user, comment)
    transaction.on_commit(lambda: notifications.approved(locked))
    return report


@transaction.atomic
def publish(report: Report, user) -> Report:
    """Publish an approved report (the agenda calls this when it publishes the meeting's papers).

    The content is frozen from here: a published revision is kept at its own address.
    """
    locked = _lock(report)
    _check_state(locked, "publish")
    if not report_access.can_publish_report(user, locked):
        raise NotAllowed(gettext("Only a governance officer can publish a report."))
    _check_welsh(locked, gettext("Publishing"))
    now = timezone.now()
    _move(report, locked, Status.PUBLISHED, user, published_at=now)
    revisions.record(locked, user, published=True)
    transaction.on_commit(lambda: notifications.report_published(locked))
    return report


@transaction.atomic
def publish_correction(report: Report, user, note: str) -> Report:
    """A correction to a published report: a new published revision with a "Revised on …" note;
    the earlier published revisions stay readable."""
    locked = _lock(report)
    _check_state(locked, "publish_correction")
    if not report_access.can_correct_published_report(user, locked):
        raise NotAllowed(gettext("Only a governance officer can correct a published report."))
    note = note.strip()
    if not note:
        raise InvalidTransition(gettext("Say what was corrected: the note is shown with the report."))
    # A correction is what changed since the last published revision: the same form sent twice (a
    # double click, six tabs) finds it published already, as publishing an agenda twice does.
    _check_welsh(locked, gettext("Publishing a correction"))
    content = revisions.unpublished_changes(locked)
    if content is None:
        raise InvalidTransition(
            gettext(
                "There is nothing to publish: the report has not changed since it was last published. "
                "Make the correction in the editor first."
            )
        )
    revisions.record(locked, user, published=True, note=note, content=content)
    _move(report, locked, Status.PUBLISHED, user, f"Correction published: {note}")
    return report


@transaction.atomic
def withdraw(report: Report, user, comment: str = "") -> Report:
    locked = _lock(report)
    _check_state(locked, "withdraw")
    if not report_access.can_withdraw_report(user, locked):
        raise NotAllowed(gettext("Only the report's authors or a governance officer can withdraw it."))
    _move(report, locked, Status.WITHDRAWN, user, comment.strip())
    return report


@transaction.atomic
def return_to_draft(report: Report, user, comment: str = "") -> Report:
    """Take a report out of clearance (to edit it) or reinstate a withdrawn one. Its sign-offs are
    cleared: approvers sign off what they have read, so an edited report needs them again."""
    locked = _lock(report)
    _check_state(locked, "return_to_draft")
    if not report_access.can_withdraw_report(user, locked):
        raise NotAllowed(gettext("Only the report's authors or a governance officer can return it to draft."))
    _reset_signoffs(locked)
    _move(report, locked, Status.DRAFT, user, comment.strip())
    return report


# What the staff page offers ------------------------------------------------


def available_actions(user, report: Report, signoffs: list[SignOff] | None = None) -> list[str]:
    """The steps `user` may take on `report` now, for the buttons on its staff page. Asks the same
    questions as the functions above, so a button never leads to a refusal."""
    actions = []
    status = report.status
    if status in TRANSITIONS["submit"].sources and report_access.can_edit_report(user, report):
        actions.append("submit")
    if status == Status.SUBMITTED:
        signoffs = signoffs if signoffs is not None else list(report.signoffs.all())
        if any(s.decision == SignOff.Decision.PENDING and report_access.can_sign_off(user, s) for s in signoffs):
            actions.append("sign_off")
    if status in TRANSITIONS["approve_for_publication"].sources and report_access.can_approve_for_publication(
        user, report
    ):
        actions.append("approve_for_publication")
    if status in TRANSITIONS["publish"].sources and report_access.can_publish_report(user, report):
        actions.append("publish")
    if status in TRANSITIONS["publish_correction"].sources and report_access.can_correct_published_report(user, report):
        actions.append("publish_correction")
    if status in TRANSITIONS["return_to_draft"].sources and report_access.can_withdraw_report(user, report):
        actions.append("return_to_draft")
    if status in TRANSITIONS["withdraw"].sources and report_access.can_withdraw_report(user, report):
        actions.append("withdraw")
    return actions
