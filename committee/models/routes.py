"""A report's route: the meetings that consider it, in order, each for comment, for recommendation
or for decision (Modern.gov's "issue history", OParl's Consultation)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Consultation(models.Model):
    """One step of a report's route: a committee, its meeting (none while "to be decided") and
    what the meeting is asked to do. A step for decision decides; a report may have two (Cabinet
    deciding part and recommending the rest to Council, which decides it)."""

    class Role(models.TextChoices):
        COMMENT = "comment", _("For comment")
        RECOMMENDATION = "recommendation", _("For recommendation")
        DECISION = "decision", _("For decision")

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="route", verbose_name=_("report")
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    committee = models.ForeignKey(
        "committee.Committee", on_delete=models.PROTECT, related_name="consultations", verbose_name=_("committee")
    )
    meeting = models.ForeignKey(
        "committee.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
        verbose_name=_("meeting"),
    )
    role = models.CharField(max_length=20, choices=Role.choices, verbose_name=_("role"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["report_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "meeting"], condition=Q(meeting__isnull=False), name="one_step_per_meeting"
            ),
        ]
        indexes = [
            # The agenda builder: reports whose route passes through this committee.
            models.Index(fields=["committee", "report"], name="consultation_committee_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.committee.name} ({self.get_role_display().lower()})"

    @property
    def decides(self) -> bool:
        return self.role == self.Role.DECISION
