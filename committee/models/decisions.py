"""Executive decisions after the meeting: the published decision notice, with the call-in window fixed
when it is published, and a call-in with the scrutiny committee's outcome."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
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

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            # The public list of recent decisions, newest first.
            models.Index(fields=["-published_at"], name="decision_notice_date_idx"),
        ]

    def __str__(self) -> str:
        return f"Decision notice: {self.decision.agenda_item}"

    @property
    def implementation_date(self) -> datetime.date:
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
