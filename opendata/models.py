"""The little open data needs beyond the council's own records: its electoral terms."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class CouncilTerm(models.Model):
    """The period between two all-out elections ("2022–2026"): OParl's LegislativeTerm."""

    name = models.CharField(max_length=100, unique=True)
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
    title = models.CharField(max_length=500)
    url = models.URLField(max_length=1000)
    published_on = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agenda_item", "id"]

    def __str__(self) -> str:
        return self.title
