"""What the reading room keeps for each member: which papers they have opened (and which revision),
and their private notes, sealed so that the database holds no note text (reading_room/sealing.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Seen(models.Model):
    """The last time a member opened a report or a meeting's papers in the reading room, and for a
    report the published revision they read: what is new or changed is measured from here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    report = models.ForeignKey(
        "reports.Report", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("report")
    )
    meeting = models.ForeignKey(
        "committee.Meeting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("meeting"),
    )
    revision = models.PositiveIntegerField(
        default=0, help_text=_("The published revision of the report last opened."), verbose_name=_("revision")
    )
    seen_at = models.DateTimeField(verbose_name=_("seen at"))

    class Meta:
        verbose_name = _("paper seen")
        verbose_name_plural = _("papers seen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(report__isnull=False) & Q(meeting__isnull=True))
                | (Q(report__isnull=True) & Q(meeting__isnull=False)),
                name="seen_is_of_a_report_or_a_meeting",
            ),
            models.UniqueConstraint(
                fields=["user", "report"], condition=Q(report__isnull=False), name="seen_once_per_user_report"
            ),
            models.UniqueConstraint(
                fields=["user", "meeting"], condition=Q(meeting__isnull=False), name="seen_once_per_user_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"Seen {self.seen_at:%Y-%m-%d %H:%M}"


class Note(models.Model):
    """A member's highlight or note on a report's paragraph, or on a page of one of its PDF appendices.
    The quoted words and the note's text are in ``sealed`` only (Fernet, key from the environment); the
    row says where, never what."""

    class Kind(models.TextChoices):
        HIGHLIGHT = "highlight", _("Highlight")
        NOTE = "note", _("Note")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    # Notes belong to the report, not to a meeting: they follow it when it goes on to its next meeting.
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+", verbose_name=_("report"))
    paragraph = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("The paragraph's number as printed, e.g. 3.2; blank on an appendix."),
        verbose_name=_("paragraph"),
    )
    # Or a page of one of its PDF appendices. Its label is kept too: a note on an appendix a correction
    # removed is shown detached, saying which appendix it was on.
    appendix = models.ForeignKey(
        "reports.Appendix",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("appendix"),
    )
    appendix_label = models.CharField(
        max_length=40, blank=True, help_text=_("The appendix as labelled, e.g. B."), verbose_name=_("appendix label")
    )
    page = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("The page of the appendix."), verbose_name=_("page")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NOTE, verbose_name=_("kind"))
    sealed = models.TextField(help_text=_("The quoted words and the note, encrypted."), verbose_name=_("sealed"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at", "id"]
        indexes = [
            # A member's notes on one report (the report page), and all of them (the export).
            models.Index(fields=["user", "report"], name="note_user_report_idx"),
        ]

    def __str__(self) -> str:
        if self.appendix_label:
            return f"{self.get_kind_display()} on appendix {self.appendix_label}, page {self.page}"
        return f"{self.get_kind_display()} on paragraph {self.paragraph}"
