"""Committees, the people on them, their meetings, agendas and forward work programmes."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from committee import deadlines
from core import text
from core.paths import path_to

SCHEDULE_12A_PARAGRAPHS = [
    (1, "1. Information relating to any individual"),
    (2, "2. Information which is likely to reveal the identity of an individual"),
    (3, "3. Information relating to the financial or business affairs of any particular person"),
    (4, "4. Information relating to consultations or negotiations in labour relations matters"),
    (5, "5. Information in respect of which a claim to legal professional privilege could be maintained"),
    (6, "6. Information which reveals an intention to give a notice or make an order or direction"),
    (7, "7. Information relating to the prevention, investigation or prosecution of crime"),
]
# Spelled out with isnull=False: a CHECK passes when it evaluates to NULL.
VALID_PARAGRAPH = Q(exempt_paragraph__isnull=False, exempt_paragraph__gte=1, exempt_paragraph__lte=7)


class Ward(models.Model):
    name = text.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    old_id = models.PositiveIntegerField(null=True, blank=True, unique=True, help_text="Id in a previous system")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Committee(models.Model):
    class Kind(models.TextChoices):
        FULL_COUNCIL = "full_council", "Full council"
        EXECUTIVE = "executive", "Executive (cabinet)"
        COMMITTEE = "committee", "Committee"
        SUB_COMMITTEE = "sub_committee", "Sub-committee"
        SCRUTINY = "scrutiny", "Scrutiny"
        REGULATORY = "regulatory", "Regulatory"
        BOARD = "board", "Board"

    name = text.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMITTEE)
    terms_of_reference = text.TextField(blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    active = models.BooleanField(default=True)
    takes_key_decisions = models.BooleanField(
        default=False, help_text="An executive body whose key decisions must be on the forward plan."
    )
    # Clearance: which sign-offs a report to this committee needs before it is cleared.
    requires_legal_signoff = models.BooleanField(default=True)
    requires_finance_signoff = models.BooleanField(default=True)
    requires_director_signoff = models.BooleanField(default=True)
    report_lead_days = models.PositiveSmallIntegerField(
        default=7, help_text="Reports are due this many days before the agenda's publication deadline."
    )
    standard_opening_items = text.TextField(
        blank=True,
        default="Apologies for absence\nDeclarations of interest\nMinutes of the previous meeting\nPublic questions",
        help_text="One agenda item title a line, added to the top of every new agenda.",
    )
    old_id = models.PositiveIntegerField(null=True, blank=True, unique=True, help_text="Id in a previous system")
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="committee_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return path_to("committee:committee_detail", self.slug)

    def get_work_programme_url(self) -> str:
        return path_to("committee:work_programme_public", self.slug)

    @property
    def required_signoff_roles(self) -> list[str]:
        roles = []
        if self.requires_legal_signoff:
            roles.append("legal")
        if self.requires_finance_signoff:
            roles.append("finance")
        if self.requires_director_signoff:
            roles.append("director")
        return roles

    def opening_item_titles(self) -> list[str]:
        return [line.strip() for line in self.standard_opening_items.splitlines() if line.strip()]


class Person(models.Model):
    class Kind(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor"
        OFFICER = "officer", "Officer"
        CO_OPTED = "co_opted", "Co-opted member"

    name = text.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COUNCILLOR)
    job_title = text.CharField("role or job title", max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = text.CharField(max_length=50, blank=True)
    party = text.CharField(max_length=100, blank=True)
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.SET_NULL, related_name="councillors")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    old_id = models.PositiveIntegerField(null=True, blank=True, unique=True, help_text="Id in a previous system")
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "people"
        indexes = [
            # Looking people up by name in admin search and the contact-officer picker.
            models.Index(fields=["name"], name="person_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"
        SUBSTITUTE = "substitute", "Substitute"
        CO_OPTED = "co_opted", "Co-opted member"
        CLERK = "clerk", "Clerk"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["committee", "role", "person__name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}, {self.committee}"

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return (self.start_date is None or self.start_date <= on) and (self.end_date is None or on <= self.end_date)


class Venue(models.Model):
    name = text.CharField(max_length=200)
    address = text.TextField(blank=True)
    postcode = text.CharField(max_length=20, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MeetingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(starts_at__gte=timezone.now()).order_by("starts_at", "id")

    def past(self):
        return self.filter(starts_at__lt=timezone.now()).order_by("-starts_at", "-id")


class Meeting(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        POSTPONED = "postponed", "Postponed"
        CANCELLED = "cancelled", "Cancelled"
        HELD = "held", "Held"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField("date and time")
    venue = models.ForeignKey(Venue, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    status_notice = text.TextField(blank=True, help_text="Shown publicly when a meeting is postponed or cancelled.")
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    late_publication_reason = text.TextField(blank=True)
    rescheduled_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rescheduled_from",
        help_text="The new meeting a postponed meeting moved to.",
    )
    old_id = models.PositiveIntegerField(null=True, blank=True, unique=True, help_text="Id in a previous system")
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            # A committee's upcoming and past meetings, and the calendar by date.
            models.Index(fields=["committee", "starts_at"], name="meeting_committee_date_idx"),
            models.Index(fields=["starts_at"], name="meeting_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.committee.name}, {timezone.localtime(self.starts_at):%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return path_to("committee:meeting_detail", self.pk)

    @property
    def date(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def agenda_is_published(self) -> bool:
        return self.agenda_published_at is not None

    def statutory_publication_deadline(self) -> datetime.date:
        return deadlines.latest_agenda_publication_date(self.date, settings.COUNCIL_NATION)

    def report_deadline(self) -> datetime.date:
        return self.statutory_publication_deadline() - datetime.timedelta(days=self.committee.report_lead_days)


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        PROCEDURAL = "procedural", "Procedural"
        REPORT = "report", "Report"
        URGENT = "urgent", "Urgent business"
        EXEMPT = "exempt", "Exempt"

    class Part(models.IntegerChoices):
        PUBLIC = 1, "Part 1 (public)"
        EXEMPT = 2, "Part 2 (exempt)"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(default=0)
    title = text.CharField(max_length=500)
    description = text.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PROCEDURAL)
    part = models.PositiveSmallIntegerField(choices=Part.choices, default=Part.PUBLIC)
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=SCHEDULE_12A_PARAGRAPHS, help_text="Schedule 12A paragraph (Part 2 only)"
    )
    report = models.ForeignKey(
        "reports.Report", null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    is_supplementary = models.BooleanField(default=False, help_text="Added after the agenda was published.")
    # Set when the agenda (or the supplementary agenda) carrying this item is published: an item
    # added after publication stays private until its supplementary agenda is published.
    publication = models.ForeignKey(
        "committee.AgendaPublication", null=True, blank=True, on_delete=models.PROTECT, related_name="items"
    )
    old_id = models.PositiveIntegerField(null=True, blank=True, unique=True, help_text="Id in a previous system")
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "part", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(part=1) & Q(exempt_paragraph__isnull=True)) | (Q(part=2) & VALID_PARAGRAPH),
                name="agenda_item_part2_has_paragraph",
            ),
        ]

    def __str__(self) -> str:
        return self.title


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
        PLANNED = "planned", "Planned"
        CONFIRMED = "confirmed", "Confirmed"
        DEFERRED = "deferred", "Deferred"
        WITHDRAWN = "withdrawn", "Withdrawn"
        DRAFTING = "drafting", "Report in drafting"
        ON_AGENDA = "on_agenda", "On agenda"
        CONSIDERED = "considered", "Considered"

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="work_programme_items")
    title = text.CharField(max_length=500)
    purpose = text.TextField(blank=True)
    report_of = text.CharField(max_length=200, blank=True, help_text="The officer role the report will be of")
    lead_officer = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="work_programme_items"
    )
    target_meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_programme_items",
        help_text="Leave empty for 'to be scheduled'.",
    )
    key_decision = models.BooleanField(default=False)
    is_exempt = models.BooleanField("exempt", default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(null=True, blank=True, choices=SCHEDULE_12A_PARAGRAPHS)

    class ForwardPlanRoute(models.TextChoices):
        # The Local Authorities (Executive Arrangements) (Meetings and Access to Information)
        # (England) Regulations 2012, regulations 10 and 11: the two ways to take a key decision
        # (or meet in private) without 28 clear days on the forward plan.
        GENERAL_EXCEPTION = "general_exception", "General exception"
        SPECIAL_URGENCY = "special_urgency", "Special urgency (with the chair's agreement)"

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    first_published_on = models.DateField(null=True, blank=True, help_text="When the item first appeared publicly.")
    forward_plan_route = models.CharField(
        "route taken without full notice", max_length=20, choices=ForwardPlanRoute.choices, blank=True
    )
    forward_plan_route_reason = text.TextField(
        "why the decision cannot wait", blank=True, help_text="Published on the forward plan."
    )
    forward_plan_route_agreed_by = text.CharField(
        "chair informed or agreeing",
        max_length=200,
        blank=True,
        help_text="The chair of the overview and scrutiny committee (or the council's chair) who was "
        "informed (general exception) or agreed (special urgency).",
    )
    forward_plan_route_noticed_on = models.DateField("notice published on", null=True, blank=True)
    old_id = models.PositiveIntegerField(null=True, blank=True, unique=True, help_text="Id in a previous system")
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = WorkProgrammeItemQuerySet.as_manager()

    class Meta:
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

    item = models.ForeignKey(WorkProgrammeItem, on_delete=models.CASCADE, related_name="deferrals")
    # Null means "to be scheduled". The dates are kept as well, so the history still reads
    # right if a meeting is later deleted.
    from_meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_date = models.DateField(null=True, blank=True)
    to_date = models.DateField(null=True, blank=True)
    reason = text.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
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
        PUBLISHED = "published", "Added to the programme"
        UPDATED = "updated", "Updated"
        MOVED = "moved", "Moved to another meeting"
        WITHDRAWN = "withdrawn", "Withdrawn"
        ROUTE = "route", "Taken without full notice"

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="work_programme_changes")
    item = models.ForeignKey(WorkProgrammeItem, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    deferral = models.ForeignKey(WorkProgrammeDeferral, null=True, blank=True, on_delete=models.CASCADE)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            # The feed: a committee's latest changes.
            models.Index(fields=["committee", "-at"], name="wpchange_committee_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_kind_display()}"
