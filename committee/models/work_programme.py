"""Forward work programmes: the items a committee plans to consider, their moves between meetings and
the feed of changes. The rules are in work_programme/."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.models.bodies import SCHEDULE_12A_PARAGRAPHS, VALID_PARAGRAPH, Committee, Person
from committee.models.meetings import AgendaItem, Meeting
from core import text
from core.paths import path_to


class WorkProgrammeItemQuerySet(models.QuerySet):
    def with_status_data(self):
        """Everything effective_status() and the programme pages read, in a constant number of queries."""
        return self.select_related("committee", "target_meeting__committee", "lead_officer", "report").prefetch_related(
            models.Prefetch("report__agenda_items", queryset=AgendaItem.objects.select_related("meeting"))
        )

    def published(self, on: datetime.date | None = None):
        """Items that have appeared on the public programme (and are not withdrawn)."""
        on = on or timezone.localdate()
        return self.filter(first_published_on__lte=on).exclude(status=WorkProgrammeItem.Status.WITHDRAWN)


class WorkProgrammeItem(models.Model):
    # Planned, confirmed, deferred and withdrawn are set by people; drafting, on agenda and
    # considered follow from the linked report (work_programme.programme.effective_status).
    MANUAL_STATUSES = ("planned", "confirmed", "deferred", "withdrawn")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed")
        DEFERRED = "deferred", _("Deferred")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DRAFTING = "drafting", _("Report in drafting")
        ON_AGENDA = "on_agenda", _("On agenda")
        CONSIDERED = "considered", _("Considered")

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="work_programme_items", verbose_name=_("committee")
    )
    title = text.CharField(max_length=500, verbose_name=_("title"))
    purpose = text.TextField(blank=True, verbose_name=_("purpose"))
    report_of = text.CharField(
        max_length=200, blank=True, help_text=_("The officer role the report will be of"), verbose_name=_("report of")
    )
    lead_officer = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_programme_items",
        verbose_name=_("lead officer"),
    )
    target_meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_programme_items",
        help_text=_("Leave empty for 'to be scheduled'."),
        verbose_name=_("target meeting"),
    )
    key_decision = models.BooleanField(default=False, verbose_name=_("key decision"))
    is_exempt = models.BooleanField(_("exempt"), default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=SCHEDULE_12A_PARAGRAPHS, verbose_name=_("exempt paragraph")
    )

    class ForwardPlanRoute(models.TextChoices):
        # The Local Authorities (Executive Arrangements) (Meetings and Access to Information)
        # (England) Regulations 2012, regulations 10 and 11: the two ways to take a key decision
        # (or meet in private) without 28 clear days on the forward plan.
        GENERAL_EXCEPTION = "general_exception", _("General exception")
        SPECIAL_URGENCY = "special_urgency", _("Special urgency (with the chair's agreement)")

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED, verbose_name=_("status"))
    first_published_on = models.DateField(
        null=True,
        blank=True,
        help_text=_("When the item first appeared publicly."),
        verbose_name=_("first published on"),
    )
    forward_plan_route = models.CharField(
        _("route taken without full notice"), max_length=20, choices=ForwardPlanRoute.choices, blank=True
    )
    forward_plan_route_reason = text.TextField(
        _("why the decision cannot wait"), blank=True, help_text=_("Published on the forward plan.")
    )
    forward_plan_route_agreed_by = text.CharField(
        _("chair informed or agreeing"),
        max_length=200,
        blank=True,
        help_text=_(
            "The chair of the overview and scrutiny committee (or the council's chair) who was "
            "informed (general exception) or agreed (special urgency)."
        ),
    )
    forward_plan_route_noticed_on = models.DateField(_("notice published on"), null=True, blank=True)
    old_id = models.PositiveIntegerField(
        null=True, blank=True, unique=True, help_text=_("Id in a previous system"), verbose_name=_("old id")
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    objects = WorkProgrammeItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("work programme item")
        verbose_name_plural = _("work programme items")
        ordering = ["committee", "target_meeting__starts_at", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(is_exempt=False) & Q(exempt_paragraph__isnull=True))
                | (Q(is_exempt=True) & VALID_PARAGRAPH),
                name="work_programme_item_exempt_has_paragraph",
            ),
            models.CheckConstraint(
                condition=Q(forward_plan_route="")
                | (~Q(forward_plan_route_reason="") & Q(forward_plan_route_noticed_on__isnull=False)),
                name="wpi_route_has_reason_and_date",
            ),
            models.CheckConstraint(
                condition=~Q(forward_plan_route="special_urgency") | ~Q(forward_plan_route_agreed_by=""),
                name="wpi_special_urgency_has_chair",
            ),
        ]
        indexes = [
            # A committee's programme grouped by meeting.
            models.Index(fields=["committee", "status"], name="wpi_committee_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_to("committee:work_programme_item", self.pk)


class WorkProgrammeDeferral(models.Model):
    """One move of an item from one meeting to another, with the reason: the deferral history."""

    item = models.ForeignKey(
        WorkProgrammeItem, on_delete=models.CASCADE, related_name="deferrals", verbose_name=_("item")
    )
    # Null means "to be scheduled". The dates are kept as well, so the history still reads
    # right if a meeting is later deleted.
    from_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("from meeting")
    )
    to_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("to meeting")
    )
    from_date = models.DateField(null=True, blank=True, verbose_name=_("from date"))
    to_date = models.DateField(null=True, blank=True, verbose_name=_("to date"))
    reason = text.TextField(verbose_name=_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(default=timezone.now, verbose_name=_("at"))

    class Meta:
        verbose_name = _("work programme deferral")
        verbose_name_plural = _("work programme deferrals")
        ordering = ["item", "at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="deferral_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.from_date or 'to be scheduled'} → {self.to_date or 'to be scheduled'}"


class WorkProgrammeChange(models.Model):
    """What changed in a committee's programme and when: the public feed's entries.

    Written by the functions in work_programme/programme.py that make each change,
    never by signals. Holds no text of the item: the feed builds its words when it
    renders, so an exempt item's purpose can never leak through an old entry."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("Added to the programme")
        UPDATED = "updated", _("Updated")
        MOVED = "moved", _("Moved to another meeting")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ROUTE = "route", _("Taken without full notice")

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="work_programme_changes", verbose_name=_("committee")
    )
    item = models.ForeignKey(
        WorkProgrammeItem, on_delete=models.CASCADE, related_name="changes", verbose_name=_("item")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    deferral = models.ForeignKey(
        WorkProgrammeDeferral, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("deferral")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(default=timezone.now, verbose_name=_("at"))

    class Meta:
        verbose_name = _("work programme change")
        verbose_name_plural = _("work programme changes")
        ordering = ["-at", "-id"]
        indexes = [
            # The feed: a committee's latest changes.
            models.Index(fields=["committee", "-at"], name="wpchange_committee_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_kind_display()}"
