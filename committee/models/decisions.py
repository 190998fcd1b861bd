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
from core import text


class DecisionNotice(models.Model):
    """The published record of an executive decision (Cabinet, under the Executive Arrangements
    Regulations): the decision is in the minutes' `ItemDecision`; the notice adds its reasons, the
    alternatives rejected, and when it may be called in until."""

    decision = models.OneToOneField("committee.ItemDecision", on_delete=models.CASCADE, related_name="notice")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reasons = text.TextField("reasons for the decision", blank=True)
    alternatives_rejected = text.TextField("alternatives considered and rejected", blank=True)
    # Fixed at publication by the council's rule then in force: a later change of rule does not move it.
    call_in_deadline = models.DateField(help_text="The last day on which the decision may be called in.")
    # An urgent decision, exempt from call-in with the scrutiny chair's consent: implemented at once.
    urgent = models.BooleanField("urgent: exempt from call-in", default=False)
    urgency_consent_by = text.CharField("scrutiny chair who consented", max_length=200, blank=True)
    urgency_reason = text.TextField("why the decision is urgent", blank=True)

    class Meta:
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
        ]

    def __str__(self) -> str:
        return f"Decision notice: {self.decision.agenda_item}"

    @property
    def implementation_date(self) -> datetime.date:
        if self.urgent:
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

    notice = models.OneToOneField(DecisionNotice, on_delete=models.CASCADE, related_name="call_in")
    requested_by = text.CharField(max_length=500, help_text="The members who called it in.")
    requested_on = models.DateField()
    reason = text.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    outcome = models.CharField(max_length=30, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_note = text.TextField(blank=True)
    # The item on the scrutiny committee's next meeting that considers it, when one was scheduled.
    scrutiny_item = models.ForeignKey(
        "committee.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="call_ins"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="pending", outcome_on__isnull=True)
                | (~Q(outcome="pending") & Q(outcome_on__isnull=False)),
                name="call_in_outcome_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Call-in: {self.notice.decision.agenda_item}"


class CallInSignature(models.Model):
    """One councillor's signature on a request to call a decision in, with their reasons. Once the
    council's number have signed before the deadline, the decision is called in (committee/call_in.py)."""

    notice = models.ForeignKey(DecisionNotice, on_delete=models.CASCADE, related_name="signatures")
    person = models.ForeignKey("committee.Person", on_delete=models.PROTECT, related_name="call_in_signatures")
    reasons = text.TextField()
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["notice", "signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "person"], name="one_call_in_signature_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.person} signed the call-in of {self.notice.decision.agenda_item}"
