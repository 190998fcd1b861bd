"""Executive decisions after the meeting: the published decision notice, with the call-in window fixed
when it is published, and a call-in with the scrutiny committee's outcome."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee import deadlines
from committee.models.bodies import SCHEDULE_12A_PARAGRAPHS, VALID_PARAGRAPH
from core import text


class DecisionRecord(models.Model):
    """A decision taken outside a meeting: by a cabinet member under delegated executive powers (the
    2012 Executive Arrangements Regulations, reg. 13) or by an officer (the Openness of Local
    Government Bodies Regulations 2014, reg. 7). Drafted, then published with a decision notice
    (committee/decision_records.py)."""

    class Maker(models.TextChoices):
        CABINET_MEMBER = "cabinet_member", _("Cabinet member")
        OFFICER = "officer", _("Officer")

    maker = models.CharField(_("decision taken by"), max_length=20, choices=Maker.choices)
    taken_by = text.CharField(
        _("name and role of the decision-maker"),
        max_length=300,
        help_text=_("For example: Councillor Jo Bell, Cabinet Member for Housing"),
    )
    title = text.CharField(
        max_length=500,
        help_text=_("Exempt decisions: worded so as not to disclose the exempt information."),
        verbose_name=_("title"),
    )
    decision = text.TextField(_("the decision"))
    reasons = text.TextField(_("reasons for the decision"))
    alternatives_rejected = text.TextField(_("alternatives considered and rejected"), blank=True)
    interests_declared = text.TextField(_("interests declared"), blank=True)
    dispensations = text.TextField(_("dispensations granted"), blank=True)
    key_decision = models.BooleanField(default=False, verbose_name=_("key decision"))
    decided_on = models.DateField(_("date of the decision"))
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=SCHEDULE_12A_PARAGRAPHS,
        help_text=_("Schedule 12A paragraph, if exempt"),
        verbose_name=_("exempt paragraph"),
    )
    report = models.ForeignKey(
        "reports.Report",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decision_records",
        verbose_name=_("report"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by")
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    class Meta:
        verbose_name = _("decision record")
        verbose_name_plural = _("decision records")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exempt_paragraph__isnull=True) | VALID_PARAGRAPH,
                name="decision_record_paragraph_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def part(self) -> int:
        return 2 if self.exempt_paragraph else 1


class DecisionNotice(models.Model):
    """The published record of an executive decision: Cabinet's, whose decision is in the minutes'
    `ItemDecision`, or one taken outside a meeting (`DecisionRecord`). The notice adds the reasons,
    the alternatives rejected, and when it may be called in until."""

    decision = models.OneToOneField(
        "committee.ItemDecision",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notice",
        verbose_name=_("decision"),
    )
    record = models.OneToOneField(
        DecisionRecord, null=True, blank=True, on_delete=models.CASCADE, related_name="notice", verbose_name=_("record")
    )
    # False for decisions call-in does not reach: an officer's non-key decision, and a decision
    # reconsidered after a call-in (members may not call the same decision in twice).
    call_in_applies = models.BooleanField(default=True, verbose_name=_("call-in applies"))
    # The call-in whose referral back this notice's decision answers.
    reconsideration_of = models.OneToOneField(
        "committee.CallIn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reconsideration",
        verbose_name=_("reconsideration of"),
    )
    published_at = models.DateTimeField(verbose_name=_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("published by")
    )
    reasons = text.TextField(_("reasons for the decision"), blank=True)
    alternatives_rejected = text.TextField(_("alternatives considered and rejected"), blank=True)
    # Fixed at publication by the council's rule then in force: a later change of rule does not move it.
    call_in_deadline = models.DateField(
        help_text=_("The last day on which the decision may be called in."), verbose_name=_("call-in deadline")
    )
    # An urgent decision, exempt from call-in with the scrutiny chair's consent: implemented at once.
    urgent = models.BooleanField(_("urgent: exempt from call-in"), default=False)
    urgency_consent_by = text.CharField(_("scrutiny chair who consented"), max_length=200, blank=True)
    urgency_reason = text.TextField(_("why the decision is urgent"), blank=True)

    class Meta:
        verbose_name = _("decision notice")
        verbose_name_plural = _("decision notices")
        ordering = ["-published_at", "-id"]
        indexes = [
            # The public list of recent decisions, newest first.
            models.Index(fields=["-published_at"], name="decision_notice_date_idx"),
            # The public list of decisions awaiting call-in, soonest deadline first.
            models.Index(fields=["call_in_deadline"], name="decision_notice_deadline_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(urgent=False) | (~Q(urgency_consent_by="") & ~Q(urgency_reason="")),
                name="urgent_notice_has_consent_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(decision__isnull=False, record__isnull=True)
                | Q(decision__isnull=True, record__isnull=False),
                name="notice_of_one_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"Decision notice: {self.subject_title}"

    @property
    def subject_title(self) -> str:
        return self.record.title if self.record_id else self.decision.agenda_item.title

    @property
    def implementation_date(self) -> datetime.date:
        if self.urgent or not self.call_in_applies:
            return timezone.localtime(self.published_at).date()
        return deadlines.implementation_date(self.call_in_deadline)


class CallIn(models.Model):
    """Members called the decision in before the deadline: it may not be implemented until the
    scrutiny committee's outcome is recorded, and then only if it takes no further action."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Awaiting the scrutiny committee")
        NO_FURTHER_ACTION = "no_further_action", _("No further action: the decision may be implemented")
        REFERRED_BACK = "referred_back", _("Referred back to the decision-maker to reconsider")
        REFERRED_TO_COUNCIL = "referred_to_council", _("Referred to full Council")

    notice = models.OneToOneField(
        DecisionNotice, on_delete=models.CASCADE, related_name="call_in", verbose_name=_("notice")
    )
    requested_by = text.CharField(
        max_length=500, help_text=_("The members who called it in."), verbose_name=_("requested by")
    )
    requested_on = models.DateField(verbose_name=_("requested on"))
    reason = text.TextField(verbose_name=_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("recorded by")
    )
    outcome = models.CharField(
        max_length=30, choices=Outcome.choices, default=Outcome.PENDING, verbose_name=_("outcome")
    )
    outcome_on = models.DateField(null=True, blank=True, verbose_name=_("outcome on"))
    outcome_note = text.TextField(blank=True, verbose_name=_("outcome note"))
    # The item on the scrutiny committee's next meeting that considers it, when one was scheduled.
    scrutiny_item = models.ForeignKey(
        "committee.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="call_ins",
        verbose_name=_("scrutiny item"),
    )
    # Referred back: the item on the decision-maker's next meeting that reconsiders it.
    reconsideration_item = models.ForeignKey(
        "committee.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reconsidered_call_ins",
        verbose_name=_("reconsideration item"),
    )
    # Referred to full Council: the item on Council's next meeting that considers it, with its report.
    council_item = models.ForeignKey(
        "committee.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_call_ins",
        verbose_name=_("council item"),
    )

    class Meta:
        verbose_name = _("call-in")
        verbose_name_plural = _("call-ins")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="pending", outcome_on__isnull=True)
                | (~Q(outcome="pending") & Q(outcome_on__isnull=False)),
                name="call_in_outcome_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Call-in: {self.notice.subject_title}"


class CallInSignature(models.Model):
    """One councillor's signature on a request to call a decision in, with their reasons. Once the
    council's number have signed before the deadline, the decision is called in (committee/call_in.py)."""

    notice = models.ForeignKey(
        DecisionNotice, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("notice")
    )
    person = models.ForeignKey(
        "committee.Person", on_delete=models.PROTECT, related_name="call_in_signatures", verbose_name=_("person")
    )
    reasons = text.TextField(verbose_name=_("reasons"))
    signed_at = models.DateTimeField(verbose_name=_("signed at"))

    class Meta:
        verbose_name = _("call-in signature")
        verbose_name_plural = _("call-in signatures")
        ordering = ["notice", "signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "person"], name="one_call_in_signature_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.person} signed the call-in of {self.notice.subject_title}"


class Action(models.Model):
    """An action arising from a meeting's minutes: who does it, by when; shown as a tracker on the
    committee's next agendas until it is done (committee/actions.py)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    meeting = models.ForeignKey(
        "committee.Meeting", on_delete=models.CASCADE, related_name="actions", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        "committee.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("agenda item"),
    )
    description = text.TextField(verbose_name=_("description"))
    owner = text.CharField(_("owner"), max_length=200, help_text=_("The officer or member who carries it out."))
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN, verbose_name=_("status"))
    update = text.TextField(_("progress"), blank=True)
    done_on = models.DateField(null=True, blank=True, verbose_name=_("done on"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["meeting__starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False) | (~Q(status="done") & Q(done_on__isnull=True)),
                name="action_done_has_date",
            ),
        ]
        indexes = [
            # The tracker: a committee's actions not yet done.
            models.Index(fields=["meeting", "status"], name="action_meeting_status_idx"),
        ]

    def __str__(self) -> str:
        return self.description[:80]
