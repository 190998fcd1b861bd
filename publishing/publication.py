"""Everything that follows a publication starts here: an agenda, a supplementary agenda, a report on
its own, a correction, an exemption made or lifted on a published report, minutes.

Each function changes state through the module that owns it (reports/workflow.py for a report,
committee/minutes.py for minutes, the agenda's publication records here), then, in the same
transaction, calls down into what keeps copies of what was published: the worker's rendering of each
published report's PDF and its open-data facts (documents/tasks.py), the search index
(publishing/search.py) and the agenda packs (documents/packs.py). What sits above this layer and
follows an agenda's publication (the e-mail alerts, alerts/) registers with `on_agenda_published`.

The rules for agendas, in the council's words:
- An agenda is not published while any of its reports is not yet approved (we say which).
- Publishing later than the statutory deadline (5 clear working days in England, 3 in Wales;
  committee/deadlines.py) needs a recorded reason: a late item, or urgency.
- Publishing the agenda publishes its reports.
- Papers added after publication go out as a supplementary agenda, shown as such.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from committee import access, actions, decision_records
from committee import decisions as decision_rules
from committee import minutes as minutes_record
from committee.agenda import AgendaError
from committee.models import AgendaItem, AgendaPublication, Meeting, Minutes
from core import dates
from core.bilingual import bilingual_text
from documents import packs, tasks
from publishing import search
from reports import access as report_access
from reports import decision_reports, editing, revisions, translation, workflow
from reports import published as published_reports
from reports.models import Appendix, Paragraph, Recommendation, Report

READY_STATUSES = {Report.Status.APPROVED, Report.Status.PUBLISHED}

# Who else follows each agenda publication from a layer above this one (alerts/ registers in its
# AppConfig.ready): told the publication's id once it has committed, never if it was rolled back.
_agenda_listeners: list[Callable[[int], None]] = []


def on_agenda_published(listener: Callable[[int], None]) -> None:
    """Have `listener(publication_id)` called after each agenda or supplementary agenda publication commits."""
    if listener not in _agenda_listeners:
        _agenda_listeners.append(listener)


class PublishRefused(AgendaError):
    """Reports on the agenda are not approved yet."""

    def __init__(self, reports: list[Report]):
        self.reports = reports
        titles = "; ".join(f"“{bilingual_text(r, 'title')}” ({r.get_status_display().lower()})" for r in reports)
        super().__init__(gettext("These reports are not approved yet: %(reports)s.") % {"reports": titles})


class WelshOutstanding(AgendaError):
    """Reports on the agenda lack the Welsh the council requires before publication (Wales)."""

    def __init__(self, reports: list[tuple[Report, translation.Outstanding]]):
        self.reports = reports
        listed = " ".join(
            f"“{bilingual_text(report, 'title')}”: {outstanding.message()}" for report, outstanding in reports
        )
        super().__init__(
            gettext("These reports need their Welsh before the agenda is published. %(reports)s") % {"reports": listed}
        )


class LateReasonRequired(AgendaError):
    """Publishing after the deadline needs a reason on the record."""


@dataclass
class PublicationCheck:
    """What an officer needs to know before pressing publish."""

    deadline: datetime.date
    is_late: bool
    # A meeting recorded as history: its agenda is published as a record, after the meeting.
    is_record: bool = False
    unapproved: list[Report] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    # Approved reports still short of the Welsh the council requires, with what each lacks.
    welsh_outstanding: list[tuple[Report, translation.Outstanding]] = field(default_factory=list)

    @property
    def can_publish(self) -> bool:
        return bool(self.items) and not self.unapproved and not self.welsh_outstanding


def _pending_items(meeting: Meeting, supplementary: bool) -> list[AgendaItem]:
    items = meeting.agenda_items.filter(publication__isnull=True).select_related("report")
    if supplementary:
        items = items.filter(is_supplementary=True)
    return list(items)


def check_publication(meeting: Meeting, *, supplementary: bool = False, today=None) -> PublicationCheck:
    today = today or timezone.localdate()
    deadline = meeting.statutory_publication_deadline()
    items = _pending_items(meeting, supplementary)
    unapproved = [i.report for i in items if i.report_id and i.report.status not in READY_STATUSES]
    is_record = meeting.recorded_as_history
    to_publish = [i.report for i in items if i.report_id and i.report.status == Report.Status.APPROVED]
    welsh = [(report, translation.outstanding(report)) for report in to_publish]
    return PublicationCheck(
        welsh_outstanding=[(report, outstanding) for report, outstanding in welsh if outstanding],
        deadline=deadline,
        is_late=today > deadline and not is_record,
        is_record=is_record,
        unapproved=unapproved,
        items=items,
    )


def _publish_report(report: Report, user) -> None:
    workflow.publish(report, user)
    _render_when_committed(report)
    if decision_reports.is_decision_record(report):
        _publish_decision(report, user)


def _publish_decision(report: Report, user) -> None:
    """A decision record drafted in the editor is published as the decision, with its notice: call-in
    where it applies (committee/decision_records.py). What it lacks refuses the whole publication."""
    try:
        record = decision_records.save_draft(None, user, report=report, **decision_reports.record_values(report))
        decision_records.publish(record, user)
    except decision_records.DecisionError as error:
        raise workflow.InvalidTransition(
            gettext("The decision cannot be published yet: %(reason)s") % {"reason": error}
        ) from error


def _render_when_committed(report: Report) -> None:
    """The worker renders the newly published revision's PDF, once, and records its open-data facts."""
    tasks.queue_published_report(revisions.latest_published_revision(report))


def _publish(meeting: Meeting, user, kind: str, late_reason: str, late_reason_detail: str, now) -> AgendaPublication:
    if not access.can_manage_meetings(user):
        raise PermissionDenied("Only governance officers publish agendas.")
    now = now or timezone.now()
    supplementary = kind == AgendaPublication.Kind.SUPPLEMENTARY
    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise AgendaError(gettext("This meeting is cancelled: there is no agenda to publish."))
    if supplementary and not meeting.agenda_is_published:
        raise AgendaError(gettext("Publish the agenda first; a supplementary agenda follows it."))
    if not supplementary and meeting.agenda_is_published:
        raise AgendaError(gettext("The agenda is already published. Add late papers as a supplementary agenda."))
    check = check_publication(meeting, supplementary=supplementary, today=timezone.localdate(now))
    if not check.items:
        raise AgendaError(
            gettext("There is nothing new to publish.") if supplementary else gettext("The agenda has no items.")
        )
    if check.unapproved:
        raise PublishRefused(check.unapproved)
    if check.welsh_outstanding:
        raise WelshOutstanding(check.welsh_outstanding)
    late_reason_detail = (late_reason_detail or "").strip()
    if check.is_late:
        if late_reason not in AgendaPublication.LateReason.values:
            raise LateReasonRequired(
                gettext("The deadline to publish was %(deadline)s. Say why this is late: a late item, or urgency.")
                % {"deadline": dates.long_date(check.deadline)}
            )
    else:
        late_reason, late_reason_detail = "", ""

    publication = AgendaPublication.objects.create(
        meeting=meeting,
        kind=kind,
        published_at=now,
        published_by=user,
        was_late=check.is_late,
        late_reason=late_reason,
        late_reason_detail=late_reason_detail,
    )
    AgendaItem.objects.filter(pk__in=[i.pk for i in check.items]).update(publication=publication, modified=now)
    if not supplementary:
        meeting.agenda_published_at = now
    if check.is_late:
        label = AgendaPublication.LateReason(late_reason).label
        detail = f" — {late_reason_detail}" if late_reason_detail else ""
        reason = f"{publication.get_kind_display()}: {label}{detail}"
        meeting.late_publication_reason = "\n".join(filter(None, [meeting.late_publication_reason, reason]))
    meeting.save(update_fields=["agenda_published_at", "late_publication_reason", "modified"])

    for item in check.items:
        if item.report_id and item.report.status == Report.Status.APPROVED:
            _publish_report(item.report, user)
    _after_publication(meeting)
    for listener in _agenda_listeners:
        transaction.on_commit(partial(listener, publication.pk))
    return publication


def _after_publication(meeting: Meeting) -> None:
    """Make what was published findable, and get its agenda packs built."""
    search.index_meeting(meeting)
    transaction.on_commit(lambda: packs.request_packs(meeting))


def _refresh_copies(report: Report) -> None:
    """The agendas the report is on hold a stale copy of it: re-index it for search and get those
    meetings' packs rebuilt (each re-renders only this report)."""
    meetings = Meeting.objects.filter(agenda_items__report=report, agenda_published_at__isnull=False).distinct()
    for meeting in meetings:
        search.index_meeting(meeting)
        transaction.on_commit(lambda meeting=meeting: packs.request_packs(meeting))


@transaction.atomic
def correct_item_title(item: AgendaItem, user, *, title: str) -> AgendaItem:
    """Mend the wording of a published item's title (a stray character pasted from Word, a typo).
    Nothing else of a published item changes; its number, part and papers stay. The packs and the
    search index are refreshed as after a report's correction."""
    if not access.can_manage_meetings(user):
        raise PermissionDenied("Only governance officers correct agendas.")
    item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    title = (title or "").strip()
    if not title:
        raise AgendaError(gettext("Give the item a title."))
    if item.title != title:
        item.title = title
        item.save(update_fields=["title", "modified"])
        _after_publication(item.meeting)
    return item


@transaction.atomic
def publish_agenda(meeting: Meeting, user, *, late_reason="", late_reason_detail="", now=None) -> AgendaPublication:
    return _publish(meeting, user, AgendaPublication.Kind.AGENDA, late_reason, late_reason_detail, now)


@transaction.atomic
def publish_supplementary(meeting: Meeting, user, *, late_reason="", late_reason_detail="", now=None):
    """Papers added after the agenda was published, as a supplementary agenda."""
    return _publish(meeting, user, AgendaPublication.Kind.SUPPLEMENTARY, late_reason, late_reason_detail, now)


# A report -----------------------------------------------------------------------------------------


@transaction.atomic
def publish_report(report: Report, user) -> Report:
    """Publish one approved report on its own (an agenda publishes its reports itself)."""
    _publish_report(report, user)
    return report


@transaction.atomic
def publish_correction(report: Report, user, note: str) -> Report:
    """Publish a correction: a new published revision, its PDF rendered, and the copies refreshed."""
    workflow.publish_correction(report, user, note)
    _render_when_committed(report)
    _refresh_copies(report)
    return report


@transaction.atomic
def lift_exemption(report: Report, user, part: Appendix | Recommendation | Paragraph, note: str = "") -> Report:
    """An officer lifts the exemption of one exempt appendix, recommendation or paragraph of a published
    report: the information is no longer exempt. Lifting is itself a correction, published at once, so
    nothing is public before it is published; the earlier revisions keep it exempt for ever (their
    public edition withholds it; reports/exemption.py), with those entitled to Part 2."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if not report_access.can_correct_published_report(user, locked):
        raise PermissionDenied("Only a governance officer can lift an exemption of a published report.")
    part = type(part).objects.select_for_update().get(pk=part.pk)
    owner = part.section.report_id if isinstance(part, Paragraph) else part.report_id
    if owner != report.pk:
        raise workflow.InvalidTransition(gettext("That part is not in this report."))
    if not part.exempt_paragraph:
        raise workflow.InvalidTransition(gettext("That part is not exempt."))
    if revisions.unpublished_changes(locked) is not None:
        raise workflow.InvalidTransition(
            gettext(
                "A correction is being drafted: publish it first, so that lifting the exemption publishes nothing else."
            )
        )
    paragraph = part.exempt_paragraph
    part.exempt_paragraph = None
    fields = ["exempt_paragraph"]
    if isinstance(part, Appendix):
        part.public_interest_reason = ""
        fields.append("public_interest_reason")
    part.save(update_fields=fields)
    note = note.strip() or f"Information exempt under paragraph {paragraph} of Schedule 12A is no longer exempt."
    return publish_correction(locked, user, note)


@transaction.atomic
def publish_redacted_appendix(report: Report, user, appendix: Appendix, upload, checked, note: str) -> Report:
    """An officer publishes a redacted version of an exempt appendix of a published report (``checked``:
    reports/uploads.py check_upload's verdict on ``upload``). It is published at once as a correction,
    so the public get it in the appendix's place from then on (reports/exemption.py public_edition);
    the full appendix stays with those entitled to Part 2 on every route, earlier revisions included.
    A later redacted version replaces this one in the same way."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if not report_access.can_correct_published_report(user, locked):
        raise PermissionDenied("Only a governance officer can publish a redacted version of a published report.")
    appendix = Appendix.objects.select_for_update().get(pk=appendix.pk)
    if appendix.report_id != report.pk:
        raise workflow.InvalidTransition(gettext("That appendix is not in this report."))
    if not appendix.exempt_paragraph:
        raise workflow.InvalidTransition(gettext("That appendix is not exempt: it is published whole."))
    if revisions.unpublished_changes(locked) is not None:
        raise workflow.InvalidTransition(
            gettext(
                "A correction is being drafted: publish it first, so that the redacted version publishes nothing else."
            )
        )
    appendix.redacted_file.save(upload.name, upload, save=False)
    stored = appendix.redacted_file.name
    appendix.redacted_content_type = checked.content_type
    appendix.redacted_size = checked.size
    appendix.redacted_sha512 = checked.sha512
    appendix.save(update_fields=["redacted_file", "redacted_content_type", "redacted_size", "redacted_sha512"])
    try:
        return publish_correction(locked, user, note)
    except BaseException:
        appendix.redacted_file.storage.delete(stored)
        raise


@transaction.atomic
def publish_redacted_text(report: Report, user, part: Paragraph | Recommendation, text: str, note: str) -> Report:
    """An officer publishes a redacted version of an exempt paragraph or recommendation of a published
    report: ``text`` (sanitised HTML) is what the public read in its place from now on, numbered as
    before, with a note that exempt information was taken out (reports/exemption.py); those entitled to
    Part 2 keep it whole, in this revision and every earlier one. Published at once as a correction."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if not report_access.can_correct_published_report(user, locked):
        raise PermissionDenied("Only a governance officer can publish a redacted version of a published report.")
    is_paragraph = isinstance(part, Paragraph)
    part = type(part).objects.select_for_update().get(pk=part.pk)
    report_id = part.section.report_id if isinstance(part, Paragraph) else part.report_id
    if report_id != report.pk:
        raise workflow.InvalidTransition(
            gettext("That paragraph is not in this report.")
            if is_paragraph
            else gettext("That recommendation is not in this report.")
        )
    if not part.exempt_paragraph:
        raise workflow.InvalidTransition(
            gettext("That paragraph is not exempt: it is published whole.")
            if is_paragraph
            else gettext("That recommendation is not exempt: it is published whole.")
        )
    if not text:
        raise workflow.InvalidTransition(gettext("Write the redacted version: the text the public may read."))
    if revisions.unpublished_changes(locked) is not None:
        raise workflow.InvalidTransition(
            gettext(
                "A correction is being drafted: publish it first, so that the redacted version publishes nothing else."
            )
        )
    part.redacted_text = text
    part.save(update_fields=["redacted_text"])
    return publish_correction(locked, user, note)


@contextmanager
def editing_report(report: Report, user, version: int | None) -> Iterator[Report]:
    """An edit through the editor (reports/editing.py `changing`). Marking a published report exempt,
    or lifting it, changes what the public may read before any correction is published (either version
    saying exempt keeps it from the public: reports/published.py), so the copies are refreshed at once."""
    with transaction.atomic(), editing.changing(report, user, version) as locked:
        was_exempt = locked.is_exempt
        yield locked
        if locked.status == Report.Status.PUBLISHED and locked.is_exempt != was_exempt:
            _refresh_copies(locked)


# Minutes ------------------------------------------------------------------------------------------


def minutes_changed(meeting: Meeting) -> None:
    """Minutes the public can read are in the search index: keep them there as they change."""
    record = Minutes.objects.filter(meeting=meeting).first()
    if record is not None and record.is_public:
        search.index_minutes(record)


@transaction.atomic
def publish_minutes(meeting: Meeting, user, *, now=None, council_meeting: Meeting | None = None) -> Minutes:
    """Publish the draft minutes; what the meeting recommended to full Council goes on Council's next agenda,
    and the actions they record join the tracker in the committee's later agenda packs."""
    record = minutes_record.publish_minutes(meeting, user, now=now)
    search.index_minutes(record)
    decision_rules.refer_recommendations_to_council(meeting, wording=_referred_wording, to_meeting=council_meeting)
    actions_changed(meeting)
    return record


def _referred_wording(report_id: int, numbers: list[int]) -> str:
    """What Council's agenda says of the recommendations referred to it (reports/published.py)."""
    return "\n".join(published_reports.referred_recommendation_lines(report_id, numbers))


def actions_changed(meeting: Meeting) -> None:
    """An action arising from `meeting` was added or changed (or its minutes published): the packs of the
    committee's later published agendas print the tracker, so get those rebuilt that now differ."""
    later = Meeting.objects.filter(
        committee_id=meeting.committee_id, starts_at__gt=meeting.starts_at, agenda_published_at__isnull=False
    )
    for each in later:
        transaction.on_commit(lambda each=each: packs.request_packs(each))


@transaction.atomic
def add_action(meeting: Meeting, user, **fields):
    """Record an action arising from the meeting (committee/actions.py); later packs follow."""
    action = actions.add(meeting, user, **fields)
    actions_changed(meeting)
    return action


@transaction.atomic
def update_action(action, user, **fields):
    """Record an action's progress (committee/actions.py); later packs follow, dropping it once done."""
    action = actions.update(action, user, **fields)
    actions_changed(action.meeting)
    return action


@transaction.atomic
def confirm_minutes(meeting: Meeting, user, *, at_meeting: Meeting | None = None, now=None) -> Minutes:
    record = minutes_record.confirm_minutes(meeting, user, at_meeting=at_meeting, now=now)
    search.index_minutes(record)
    return record
