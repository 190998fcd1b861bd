"""The little open data needs beyond the council's own records: its electoral terms."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import text


class CouncilTerm(models.Model):
    """The period between two all-out elections ("2022–2026"): OParl's LegislativeTerm."""

    name = text.CharField(max_length=100, unique=True, verbose_name=_("name"))
    start_date = models.DateField(verbose_name=_("start date"))
    end_date = models.DateField(
        null=True, blank=True, help_text=_("Leave empty for the current term."), verbose_name=_("end date")
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    class Meta:
        verbose_name = _("council term")
        verbose_name_plural = _("council terms")
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

    agenda_item = models.ForeignKey(
        "committee.AgendaItem",
        on_delete=models.CASCADE,
        related_name="imported_documents",
        verbose_name=_("agenda item"),
    )
    old_id = models.PositiveBigIntegerField(
        unique=True, help_text=_("Attachment id in the previous system"), verbose_name=_("old id")
    )
    title = text.CharField(max_length=500, verbose_name=_("title"))
    url = models.URLField(max_length=1000, verbose_name=_("URL"))
    published_on = models.DateField(null=True, blank=True, verbose_name=_("published on"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    class Meta:
        verbose_name = _("imported document")
        verbose_name_plural = _("imported documents")
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
        AGENDA_ITEM = "agendaItem", _("Agenda item")
        CONSULTATION = "consultation", _("Report considered at an agenda item")
        MEETING = "meeting", _("Meeting")
        MEMBERSHIP = "membership", _("Committee membership")
        ORGANIZATION = "organization", _("Committee")
        PERSON = "person", _("Person")
        LOCATION = "location", _("Venue")
        LEGISLATIVE_TERM = "legislativeTerm", _("Council term")
        PAPER = "paper", _("Report")
        REPORT_FILE = "file:report", _("Report PDF")
        APPENDIX_FILE = "file:appendix", _("Appendix")
        BACKGROUND_PAPER_FILE = "file:background-paper", _("Background paper")
        MINUTES_FILE = "file:minutes", _("Minutes")
        AGENDA_PACK_FILE = "file:agenda-pack", _("Agenda pack")

    kind = models.CharField(max_length=30, choices=Kind.choices, verbose_name=_("kind"))
    object_id = models.PositiveBigIntegerField(verbose_name=_("object id"))
    # The object that embedded this one (an agenda item's meeting, a membership's person, a file's or
    # consultation's report): its OParl `modified` moves on when something inside it goes.
    parent_id = models.PositiveBigIntegerField(null=True, blank=True, verbose_name=_("parent id"))
    # The committee a membership was listed under (an Organization lists its memberships by URL).
    committee_id = models.PositiveBigIntegerField(null=True, blank=True, verbose_name=_("committee id"))
    created = models.DateTimeField(help_text=_("When the object was created"), verbose_name=_("created"))
    deleted_at = models.DateTimeField(verbose_name=_("deleted at"))

    class Meta:
        verbose_name = _("tombstone")
        verbose_name_plural = _("tombstones")
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
