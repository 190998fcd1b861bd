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
