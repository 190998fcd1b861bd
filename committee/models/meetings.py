"""What happens around a meeting once it is scheduled: the publication of its agenda (and any
supplementary agenda), its minutes and decisions, its agenda packs, and the public search index."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q

from core import text


class AgendaPublication(models.Model):
    """One act of publishing: the agenda, or a supplementary agenda of late papers after it."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", "Agenda"
        SUPPLEMENTARY = "supplementary", "Supplementary agenda"

    class LateReason(models.TextChoices):
        LATE_ITEM = "late_item", "Late item: the report could not be available in time"
        URGENCY = "urgency", "Urgency: the chair agreed the matter cannot wait until the next meeting"

    meeting = models.ForeignKey("committee.Meeting", on_delete=models.CASCADE, related_name="publications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    was_late = models.BooleanField(default=False, help_text="Published after the statutory deadline.")
    late_reason = models.CharField(max_length=20, choices=LateReason.choices, blank=True)
    late_reason_detail = text.TextField(blank=True)

    class Meta:
        ordering = ["meeting", "published_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(was_late=False) | ~Q(late_reason=""), name="late_publication_has_reason"
            ),
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(kind="agenda"), name="one_agenda_publication_per_meeting"
            ),
        ]
        indexes = [
            # The Atom feed: documents newest first.
            models.Index(fields=["-published_at"], name="publication_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.meeting}"


class Minutes(models.Model):
    """A meeting's minutes: drafted, published as draft, then confirmed at the next meeting."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Being written"
        PUBLISHED = "published", "Draft minutes (to be confirmed)"
        CONFIRMED = "confirmed", "Confirmed"

    meeting = models.OneToOneField("committee.Meeting", on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    notes = text.TextField(blank=True, help_text="Sanitised HTML: anything the minutes record beyond decisions.")
    published_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_at_meeting = models.ForeignKey(
        "committee.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="published_minutes_have_date"
            ),
        ]

    def __str__(self) -> str:
        return f"Minutes, {self.meeting}"

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT


class Attendance(models.Model):
    class Kind(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        SUBSTITUTE = "substitute", "Substitute"
        OFFICER = "officer", "Officer in attendance"

    meeting = models.ForeignKey("committee.Meeting", on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("committee.Person", on_delete=models.PROTECT, related_name="attendance")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    substitute_for = models.ForeignKey(
        "committee.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "kind", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person"),
            models.CheckConstraint(
                condition=Q(kind="substitute") | Q(substitute_for__isnull=True), name="only_substitutes_stand_in"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"


class Declaration(models.Model):
    class Interest(models.TextChoices):
        PECUNIARY = "pecuniary", "Disclosable pecuniary interest"
        REGISTERABLE = "registerable", "Other registerable interest"
        NON_REGISTERABLE = "non_registerable", "Non-registerable interest"

    meeting = models.ForeignKey("committee.Meeting", on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey("committee.Person", on_delete=models.PROTECT, related_name="declarations")
    agenda_item = models.ForeignKey(
        "committee.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="declarations"
    )
    interest = models.CharField(max_length=20, choices=Interest.choices)
    detail = text.TextField()

    class Meta:
        ordering = ["meeting", "person__name", "id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_interest_display()}"


class ItemDecision(models.Model):
    """What the committee did with one agenda item."""

    class Outcome(models.TextChoices):
        AGREED = "agreed", "Recommendations agreed"
        AMENDED = "amended", "Recommendations agreed as amended"
        DEFERRED = "deferred", "Deferred"
        NOTED = "noted", "Noted"

    agenda_item = models.OneToOneField("committee.AgendaItem", on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    text = text.TextField(blank=True, help_text="Sanitised HTML: the minute, or the amended recommendations.")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(outcome="amended") | ~Q(text=""), name="amended_decision_has_text"),
        ]

    def __str__(self) -> str:
        return f"{self.agenda_item}: {self.get_outcome_display()}"


def pack_file_path(instance, filename: str) -> str:
    return f"packs/{instance.meeting_id}/{filename}"


class AgendaPack(models.Model):
    """The agenda pack PDF of one meeting, for the public or for the committee's members (with Part 2)."""

    class Variant(models.TextChoices):
        PUBLIC = "public", "Agenda pack"
        MEMBERS = "members", "Members' agenda pack (includes Part 2)"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be built"
        BUILDING = "building", "Being built"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    meeting = models.ForeignKey("committee.Meeting", on_delete=models.CASCADE, related_name="packs")
    variant = models.CharField(max_length=20, choices=Variant.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done while building.")
    # What the pack was (or is being) built from: when the agenda or a paper changes, this no longer
    # matches and the pack is rebuilt.
    fingerprint = text.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to=pack_file_path, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    page_count = models.PositiveIntegerField(default=0)
    error = text.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "variant"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "variant"], name="one_pack_per_meeting_variant"),
        ]

    def __str__(self) -> str:
        return f"{self.get_variant_display()}, {self.meeting}"


class SearchDocument(models.Model):
    """One published thing the public search finds: a report, an agenda item, or a meeting's minutes.

    Written only when something is published, so unpublished text never reaches the index; exempt
    entries are kept (members may search their own committee's Part 2 papers) and filtered by access.
    """

    class Kind(models.TextChoices):
        REPORT = "report", "Report"
        AGENDA_ITEM = "agenda_item", "Agenda item"
        MINUTES = "minutes", "Minutes"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    committee = models.ForeignKey("committee.Committee", on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey("committee.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    title = text.CharField(max_length=500)
    summary = text.TextField(blank=True)
    body = text.TextField(blank=True)
    url = text.CharField(max_length=300)
    is_exempt = models.BooleanField(default=False)
    # The start of the summary and body as plain text, for the results' highlighted snippets: cheap to
    # highlight, where the whole body (tens of kilobytes for a report) is not (publishing/search.py).
    excerpt = text.TextField(blank=True)
    # PostgreSQL only (weighted title A, summary B, body C; GIN-indexed in migration 0005). Null on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    # PostgreSQL only: title A and summary B, a few hundred bytes kept in the row, to choose the best
    # matches without reading every match's whole-document vector. Null on SQLite.
    heading_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_search_document_per_object"),
        ]
        indexes = [
            # Filtering search by committee and date range.
            models.Index(fields=["committee", "date"], name="searchdoc_committee_date_idx"),
            # Search tests the newest documents first (publishing/search.py, best_ids).
            models.Index(fields=["-date", "-id"], name="searchdoc_newest_idx"),
        ]

    def __str__(self) -> str:
        return self.title
