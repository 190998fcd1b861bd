"""The little open data needs beyond the council's own records: its electoral terms."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from core import text


class CouncilTerm(models.Model):
    """The period between two all-out elections ("2022–2026"): OParl's LegislativeTerm."""

    name = text.CharField(max_length=100, unique=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Leave empty for the current term.")
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                name="council_term_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ImportedDocument(models.Model):
    """A document an agenda item linked to in the council's previous system (Modern.gov), kept as a
    link so nothing published there is lost when the council moves."""

    agenda_item = models.ForeignKey("committee.AgendaItem", on_delete=models.CASCADE, related_name="imported_documents")
    old_id = models.PositiveBigIntegerField(unique=True, help_text="Attachment id in the previous system")
    title = text.CharField(max_length=500)
    url = models.URLField(max_length=1000)
    published_on = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agenda_item", "id"]

    def __str__(self) -> str:
        return self.title


class Tombstone(models.Model):
    """Something the public could see through open data that has since been deleted.

    OParl lists deleted objects (with `deleted: true`) to clients asking what changed since their last
    visit, so that they drop their copy; once a row is gone from its own table, this is all that is
    left of it. Holds no text: only which object it was and when it went.
    """

    class Kind(models.TextChoices):
        AGENDA_ITEM = "agendaItem", "Agenda item"
        CONSULTATION = "consultation", "Report considered at an agenda item"
        MEETING = "meeting", "Meeting"
        MEMBERSHIP = "membership", "Committee membership"
        ORGANIZATION = "organization", "Committee"
        PERSON = "person", "Person"
        LOCATION = "location", "Venue"
        LEGISLATIVE_TERM = "legislativeTerm", "Council term"
        PAPER = "paper", "Report"
        REPORT_FILE = "file:report", "Report PDF"
        APPENDIX_FILE = "file:appendix", "Appendix"
        BACKGROUND_PAPER_FILE = "file:background-paper", "Background paper"
        MINUTES_FILE = "file:minutes", "Minutes"
        AGENDA_PACK_FILE = "file:agenda-pack", "Agenda pack"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    # The object that embedded this one (an agenda item's meeting, a membership's person, a file's or
    # consultation's report): its OParl `modified` moves on when something inside it goes.
    parent_id = models.PositiveBigIntegerField(null=True, blank=True)
    # The committee a membership was listed under (an Organization lists its memberships by URL).
    committee_id = models.PositiveBigIntegerField(null=True, blank=True)
    created = models.DateTimeField(help_text="When the object was created")
    deleted_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_tombstone_per_object"),
        ]
        indexes = [
            # The latest deletion inside each meeting, person or report (their OParl `modified`).
            models.Index(fields=["kind", "parent_id", "deleted_at"], name="tombstone_parent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}, deleted {self.deleted_at:%Y-%m-%d %H:%M}"
