"""What is made from a meeting's published papers and kept: its agenda packs (built by documents/packs.py)
and the public search index (kept by publishing/search.py)."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import text


def pack_file_path(instance, filename: str) -> str:
    return f"packs/{instance.meeting_id}/{filename}"


class AgendaPackQuerySet(models.QuerySet):
    def public(self):
        """Packs anybody may download: the public pack of a published agenda, once built (the queryset
        form of committee/access.py `can_download_pack` for the public; the members' pack never)."""
        return self.filter(
            variant__in=[AgendaPack.Variant.PUBLIC, AgendaPack.Variant.WELSH],
            status=AgendaPack.Status.READY,
            meeting__agenda_published_at__isnull=False,
        ).exclude(file="")


class AgendaPack(models.Model):
    """The agenda pack PDF of one meeting, for the public or for the committee's members (with Part 2)."""

    class Variant(models.TextChoices):
        PUBLIC = "public", _("Agenda pack")
        MEMBERS = "members", _("Members' agenda pack (includes Part 2)")
        # A Welsh council's public pack in Welsh: each report's Welsh edition (documents/packs.py).
        WELSH = "welsh", _("Agenda pack in Welsh")
        # A Welsh council's members' pack in Welsh: Part 2 included, each report's members' edition in Welsh.
        MEMBERS_WELSH = "members_welsh", _("Members' agenda pack in Welsh (includes Part 2)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be built")
        BUILDING = "building", _("Being built")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    meeting = models.ForeignKey(
        "committee.Meeting", on_delete=models.CASCADE, related_name="packs", verbose_name=_("meeting")
    )
    variant = models.CharField(max_length=20, choices=Variant.choices, verbose_name=_("variant"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED, verbose_name=_("status"))
    progress = models.PositiveSmallIntegerField(
        default=0, help_text=_("Per cent done while building."), verbose_name=_("progress")
    )
    # What the pack was (or is being) built from: when the agenda or a paper changes, this no longer
    # matches and the pack is rebuilt.
    fingerprint = text.CharField(max_length=64, blank=True, verbose_name=_("fingerprint"))
    file = models.FileField(upload_to=pack_file_path, blank=True, verbose_name=_("file"))
    size = models.PositiveBigIntegerField(default=0, verbose_name=_("size"))
    page_count = models.PositiveIntegerField(default=0, verbose_name=_("page count"))
    error = text.TextField(blank=True, verbose_name=_("error"))
    # Where each report's numbered paragraphs fall in the pack, {report id: {"3.2": 37}}, recorded by the
    # worker as it builds the pack, so the HTML can say "pack p. 37" beside a paragraph.
    paragraph_pages = models.JSONField(default=dict, blank=True, verbose_name=_("paragraph pages"))
    requested_at = models.DateTimeField(auto_now_add=True, verbose_name=_("requested at"))
    built_at = models.DateTimeField(null=True, blank=True, verbose_name=_("built at"))

    objects = AgendaPackQuerySet.as_manager()

    # The packs that hold Part 2, and the packs written in Welsh: one list each, asked by every rule.
    MEMBERS_VARIANTS = frozenset({Variant.MEMBERS, Variant.MEMBERS_WELSH})
    WELSH_VARIANTS = frozenset({Variant.WELSH, Variant.MEMBERS_WELSH})

    class Meta:
        verbose_name = _("agenda pack")
        verbose_name_plural = _("agenda packs")
        ordering = ["meeting", "variant"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "variant"], name="one_pack_per_meeting_variant"),
        ]

    def __str__(self) -> str:
        return f"{self.get_variant_display()}, {self.meeting}"

    @property
    def is_members_pack(self) -> bool:
        return self.variant in self.MEMBERS_VARIANTS


class SearchDocument(models.Model):
    """One published thing the public search finds: a report, an agenda item, or a meeting's minutes.

    Written only when something is published, so unpublished text never reaches the index; exempt
    entries are kept (members may search their own committee's Part 2 papers) and filtered by access.
    """

    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        AGENDA_ITEM = "agenda_item", _("Agenda item")
        MINUTES = "minutes", _("Minutes")

    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    object_id = models.PositiveBigIntegerField(verbose_name=_("object id"))
    committee = models.ForeignKey(
        "committee.Committee", on_delete=models.CASCADE, related_name="+", verbose_name=_("committee")
    )
    meeting = models.ForeignKey(
        "committee.Meeting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("meeting"),
    )
    date = models.DateField(verbose_name=_("date"))
    title = text.CharField(max_length=500, verbose_name=_("title"))
    summary = text.TextField(blank=True, verbose_name=_("summary"))
    body = text.TextField(blank=True, verbose_name=_("body"))
    url = text.CharField(max_length=300, verbose_name=_("URL"))
    is_exempt = models.BooleanField(default=False, verbose_name=_("is exempt"))
    # The start of the summary and body as plain text, for the results' highlighted snippets: cheap to
    # highlight, where the whole body (tens of kilobytes for a report) is not (publishing/search.py).
    excerpt = text.TextField(blank=True, verbose_name=_("excerpt"))
    # The title in Welsh, shown to Welsh readers, and the Welsh title's and summary's words with the forms
    # they have without a mutation, indexed with the `simple` configuration (publishing/welsh_words.py).
    title_cy = text.CharField(max_length=500, blank=True, verbose_name=_("title in Welsh"))
    welsh_terms = text.TextField(blank=True, verbose_name=_("welsh terms"))
    # PostgreSQL only (weighted title A, summary B, body C; GIN-indexed in migration 0005). Null on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, verbose_name=_("search vector"))
    # PostgreSQL only: title A and summary B, a few hundred bytes kept in the row, to choose the best
    # matches without reading every match's whole-document vector. Null on SQLite.
    heading_vector = SearchVectorField(null=True, editable=False, verbose_name=_("heading vector"))

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
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
