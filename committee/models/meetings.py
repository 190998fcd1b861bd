"""Meetings and what happens around them: the agenda and its items, the agenda's publication (and any
supplementary agenda), minutes, attendance, declarations of interest and decisions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

from committee import deadlines
from committee.models.bodies import SCHEDULE_12A_PARAGRAPHS, VALID_PARAGRAPH, Committee, Venue
from core import text
from core.council import current_council
from core.paths import path_to


class MeetingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(starts_at__gte=timezone.now()).order_by("starts_at", "id")

    def past(self):
        return self.filter(starts_at__lt=timezone.now()).order_by("-starts_at", "-id")

    def public(self):
        """Every meeting's date, place and status is public; its agenda only once published."""
        return self.all()


class AgendaItemQuerySet(models.QuerySet):
    def public(self):
        """Items of published agendas, less supplementary items whose supplementary agenda is not yet
        published: the queryset form of committee/access.py `can_see_agenda_item` for the public. Part 2
        items are listed too (title and paragraph are public); their papers are not."""
        return self.filter(meeting__agenda_published_at__isnull=False).filter(
            Q(publication__isnull=False) | Q(is_supplementary=False)
        )


class MinutesQuerySet(models.QuerySet):
    def public(self):
        """Minutes published as draft, or confirmed: the queryset form of `can_see_minutes` for the public."""
        return self.exclude(status=Minutes.Status.DRAFT)


class Meeting(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("committee")
    )
    starts_at = models.DateTimeField(_("date and time"))
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings", verbose_name=_("venue")
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED, verbose_name=_("status"))
    status_notice = text.TextField(
        blank=True,
        help_text=_("Shown publicly when a meeting is postponed or cancelled."),
        verbose_name=_("status notice"),
    )
    agenda_published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("agenda published at"))
    late_publication_reason = text.TextField(blank=True, verbose_name=_("late publication reason"))
    rescheduled_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rescheduled_from",
        help_text=_("The new meeting a postponed meeting moved to."),
        verbose_name=_("rescheduled to"),
    )
    old_id = models.PositiveIntegerField(
        null=True, blank=True, unique=True, help_text=_("Id in a previous system"), verbose_name=_("old id")
    )
    remote_attendance = text.TextField(
        _("how to attend remotely"),
        blank=True,
        help_text=_("This meeting's own arrangements (a link to join), where they differ from the committee's."),
    )
    remote_attendance_cy = text.TextField(_("how to attend remotely, in Welsh"), blank=True)
    # Entered after it was held (a council moving in, back-filling a year): its agenda is published as
    # a record of what was considered, not as notice, so no statutory deadline applies to it.
    recorded_as_history = models.BooleanField(default=False, verbose_name=_("recorded as history"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "id"]
        indexes = [
            # A committee's upcoming and past meetings, and the calendar by date.
            models.Index(fields=["committee", "starts_at"], name="meeting_committee_date_idx"),
            models.Index(fields=["starts_at"], name="meeting_date_idx"),
        ]

    def __str__(self) -> str:
        # Django's date format names the month in the active language ("21 Chwefror 2017" on a Welsh page).
        return f"{self.committee.name}, {dateformat.format(timezone.localtime(self.starts_at), 'j F Y')}"

    def get_absolute_url(self) -> str:
        return path_to("committee:meeting_detail", self.pk)

    @property
    def date(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def remote_attendance_notice(self):
        """Where this meeting's remote-attendance arrangements are written (``remote_attendance`` and its
        Welsh): the meeting's own, else its committee's; None when neither says."""
        if self.remote_attendance.strip():
            return self
        return self.committee if self.committee.remote_attendance.strip() else None

    @property
    def agenda_is_published(self) -> bool:
        return self.agenda_published_at is not None

    def statutory_publication_deadline(self) -> datetime.date:
        return deadlines.latest_agenda_publication_date(self.date, current_council().nation)

    def report_deadline(self) -> datetime.date:
        return self.statutory_publication_deadline() - datetime.timedelta(days=self.committee.report_lead_days)


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        PROCEDURAL = "procedural", _("Procedural")
        REPORT = "report", _("Report")
        URGENT = "urgent", _("Urgent business")
        EXEMPT = "exempt", _("Exempt")

    class Part(models.IntegerChoices):
        PUBLIC = 1, _("Part 1 (public)")
        EXEMPT = 2, _("Part 2 (exempt)")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    # A Part 2 item's title is public: worded so as not to disclose what the exemption protects.
    title = text.CharField(max_length=500, verbose_name=_("title"))
    confidential_title = text.CharField(
        max_length=500,
        blank=True,
        help_text=_("Part 2 only: the full title, for those entitled to Part 2."),
        verbose_name=_("confidential title"),
    )
    description = text.TextField(blank=True, verbose_name=_("description"))
    # In Welsh, shown to Welsh readers; blank falls back to the English (core/bilingual.py).
    title_cy = text.CharField(_("title in Welsh"), max_length=500, blank=True)
    description_cy = text.TextField(_("description in Welsh"), blank=True)
    # The English the Welsh was written from (reports/translation.py): flagged when it changes since.
    translated_from = text.CharField(max_length=64, blank=True, editable=False, verbose_name=_("translated from"))
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PROCEDURAL, verbose_name=_("kind"))
    part = models.PositiveSmallIntegerField(choices=Part.choices, default=Part.PUBLIC, verbose_name=_("part"))
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=SCHEDULE_12A_PARAGRAPHS,
        help_text=_("Schedule 12A paragraph (Part 2 only)"),
        verbose_name=_("exempt paragraph"),
    )
    report = models.ForeignKey(
        "reports.Report",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        verbose_name=_("report"),
    )
    # A referral to full Council of only some of the report's recommendations: their numbers as the
    # referring meeting read them (committee/decisions.py). Empty: the whole report.
    referred_recommendations = models.JSONField(default=list, blank=True, verbose_name=_("referred recommendations"))
    is_supplementary = models.BooleanField(
        default=False, help_text=_("Added after the agenda was published."), verbose_name=_("is supplementary")
    )
    # Set when the agenda (or the supplementary agenda) carrying this item is published: an item
    # added after publication stays private until its supplementary agenda is published.
    publication = models.ForeignKey(
        "committee.AgendaPublication",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("publication"),
    )
    old_id = models.PositiveIntegerField(
        null=True, blank=True, unique=True, help_text=_("Id in a previous system"), verbose_name=_("old id")
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "part", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(part=1) & Q(exempt_paragraph__isnull=True)) | (Q(part=2) & VALID_PARAGRAPH),
                name="agenda_item_part2_has_paragraph",
            ),
            models.CheckConstraint(
                condition=Q(part=2) | Q(confidential_title=""), name="agenda_item_confidential_title_part2_only"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AgendaPublication(models.Model):
    """One act of publishing: the agenda, or a supplementary agenda of late papers after it."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        SUPPLEMENTARY = "supplementary", _("Supplementary agenda")

    class LateReason(models.TextChoices):
        LATE_ITEM = "late_item", _("Late item: the report could not be available in time")
        URGENCY = "urgency", _("Urgency: the chair agreed the matter cannot wait until the next meeting")

    meeting = models.ForeignKey(
        "committee.Meeting", on_delete=models.CASCADE, related_name="publications", verbose_name=_("meeting")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    published_at = models.DateTimeField(verbose_name=_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("published by")
    )
    was_late = models.BooleanField(
        default=False, help_text=_("Published after the statutory deadline."), verbose_name=_("was late")
    )
    late_reason = models.CharField(max_length=20, choices=LateReason.choices, blank=True, verbose_name=_("late reason"))
    late_reason_detail = text.TextField(blank=True, verbose_name=_("late reason detail"))

    class Meta:
        verbose_name = _("agenda publication")
        verbose_name_plural = _("agenda publications")
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
        DRAFT = "draft", _("Being written")
        PUBLISHED = "published", _("Draft minutes (to be confirmed)")
        CONFIRMED = "confirmed", _("Confirmed")

    meeting = models.OneToOneField(
        "committee.Meeting", on_delete=models.CASCADE, related_name="minutes", verbose_name=_("meeting")
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, verbose_name=_("status"))
    notes = text.TextField(
        blank=True,
        help_text=_("Sanitised HTML: anything the minutes record beyond decisions."),
        verbose_name=_("notes"),
    )
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("published at"))
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmed at"))
    confirmed_at_meeting = models.ForeignKey(
        "committee.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("confirmed at meeting"),
    )
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
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
        PRESENT = "present", _("Present")
        APOLOGIES = "apologies", _("Apologies")
        SUBSTITUTE = "substitute", _("Substitute")
        OFFICER = "officer", _("Officer in attendance")

    meeting = models.ForeignKey(
        "committee.Meeting", on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        "committee.Person", on_delete=models.PROTECT, related_name="attendance", verbose_name=_("person")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    substitute_for = models.ForeignKey(
        "committee.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("substitute for"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
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
        PECUNIARY = "pecuniary", _("Disclosable pecuniary interest")
        REGISTERABLE = "registerable", _("Other registerable interest")
        NON_REGISTERABLE = "non_registerable", _("Non-registerable interest")
        # Wales: the two kinds of the Members' Code of Conduct (Local Authorities (Model Code of Conduct)
        # (Wales) Order 2008, paragraphs 10 to 14).
        PERSONAL = "personal", _("Personal interest")
        PREJUDICIAL = "prejudicial", _("Personal and prejudicial interest")

    meeting = models.ForeignKey(
        "committee.Meeting", on_delete=models.CASCADE, related_name="declarations", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        "committee.Person", on_delete=models.PROTECT, related_name="declarations", verbose_name=_("person")
    )
    agenda_item = models.ForeignKey(
        "committee.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declarations",
        verbose_name=_("agenda item"),
    )
    interest = models.CharField(max_length=20, choices=Interest.choices, verbose_name=_("interest"))
    detail = text.TextField(verbose_name=_("detail"))

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        ordering = ["meeting", "person__name", "id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_interest_display()}"

    @classmethod
    def interests_declared(cls) -> list[tuple[str, str]]:
        """The kinds of interest a member declares at a meeting, as the council's nation's code names them."""
        kinds = cls.Interest
        if current_council().is_welsh:
            return [(k.value, k.label) for k in (kinds.PERSONAL, kinds.PREJUDICIAL)]
        return [(k.value, k.label) for k in (kinds.PECUNIARY, kinds.REGISTERABLE, kinds.NON_REGISTERABLE)]


class Resolution(models.Model):
    """What a body resolved on one question: the outcome, the body it was referred on to, and the
    vote as counts (blank when it was agreed without a vote)."""

    class Outcome(models.TextChoices):
        AGREED = "agreed", _("Agreed")
        AMENDED = "amended", _("Agreed as amended")
        DEFERRED = "deferred", _("Deferred")
        REFERRED = "referred", _("Referred on")
        REJECTED = "rejected", _("Rejected")
        NOTED = "noted", _("Noted")

    outcome = models.CharField(max_length=20, choices=Outcome.choices, verbose_name=_("outcome"))
    referred_to = models.ForeignKey(
        "committee.Committee",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("referred to"),
    )
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("votes for"))
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("votes against"))
    votes_abstaining = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("votes abstaining"))

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=(Q(outcome="referred") & Q(referred_to__isnull=False))
                | (~Q(outcome="referred") & Q(referred_to__isnull=True)),
                name="%(class)s_referred_names_body",
            ),
            # A vote is recorded whole or not at all.
            models.CheckConstraint(
                condition=Q(votes_for__isnull=True, votes_against__isnull=True, votes_abstaining__isnull=True)
                | Q(votes_for__isnull=False, votes_against__isnull=False, votes_abstaining__isnull=False),
                name="%(class)s_vote_counts_whole",
            ),
        ]

    @property
    def has_vote(self) -> bool:
        return self.votes_for is not None


class ItemDecision(Resolution):
    """What the committee did with one agenda item; a report's recommendations each have their own
    `RecommendationDecision` beside it."""

    agenda_item = models.OneToOneField(
        "committee.AgendaItem", on_delete=models.CASCADE, related_name="decision", verbose_name=_("agenda item")
    )
    text = text.TextField(
        blank=True, help_text=_("Sanitised HTML: the minute, or the amended recommendations."), verbose_name=_("text")
    )

    class Meta(Resolution.Meta):
        verbose_name = _("item decision")
        verbose_name_plural = _("item decisions")
        constraints = [
            *Resolution.Meta.constraints,
            models.CheckConstraint(condition=~Q(outcome="amended") | ~Q(text=""), name="amended_decision_has_text"),
        ]

    def __str__(self) -> str:
        return f"{self.agenda_item}: {self.get_outcome_display()}"


class RecommendationDecision(Resolution):
    """The decision on one recommendation of an item's report, by the number it had in the report
    as published for the meeting. An amendment is minuted with its text, mover and seconder."""

    decision = models.ForeignKey(
        ItemDecision, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("decision")
    )
    number = models.PositiveSmallIntegerField(
        help_text=_("The recommendation's number in the published report."), verbose_name=_("number")
    )
    amendment = text.TextField(
        blank=True, help_text=_("Sanitised HTML: the recommendation as amended."), verbose_name=_("amendment")
    )
    mover = models.ForeignKey(
        "committee.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("mover")
    )
    seconder = models.ForeignKey(
        "committee.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("seconder"),
    )

    class Meta(Resolution.Meta):
        verbose_name = _("recommendation decision")
        verbose_name_plural = _("recommendation decisions")
        ordering = ["decision", "number"]
        constraints = [
            *Resolution.Meta.constraints,
            models.UniqueConstraint(fields=["decision", "number"], name="one_decision_per_recommendation"),
            models.CheckConstraint(
                condition=~Q(outcome="amended")
                | (~Q(amendment="") & Q(mover__isnull=False) & Q(seconder__isnull=False)),
                name="amendment_has_text_mover_seconder",
            ),
            models.CheckConstraint(condition=Q(outcome="amended") | Q(amendment=""), name="only_amended_has_amendment"),
        ]

    def __str__(self) -> str:
        return f"{self.decision.agenda_item}, recommendation {self.number}: {self.get_outcome_display()}"


class RecordedVote(models.Model):
    """One member's vote in a recorded (named) vote, on an item's decision or on one recommendation:
    required at budget meetings, and whenever the members ask for one. The counts on the resolution
    are those of its recorded votes (committee/votes.py)."""

    class Vote(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstained")

    decision = models.ForeignKey(
        ItemDecision,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recorded_votes",
        verbose_name=_("decision"),
    )
    recommendation = models.ForeignKey(
        RecommendationDecision,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recorded_votes",
        verbose_name=_("recommendation"),
    )
    person = models.ForeignKey(
        "committee.Person", on_delete=models.PROTECT, related_name="recorded_votes", verbose_name=_("person")
    )
    vote = models.CharField(max_length=10, choices=Vote.choices, verbose_name=_("vote"))

    class Meta:
        verbose_name = _("recorded vote")
        verbose_name_plural = _("recorded votes")
        ordering = ["person__name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__isnull=False, recommendation__isnull=True)
                | Q(decision__isnull=True, recommendation__isnull=False),
                name="recorded_vote_on_one_question",
            ),
            models.UniqueConstraint(
                fields=["decision", "person"], condition=Q(decision__isnull=False), name="one_vote_per_item_decision"
            ),
            models.UniqueConstraint(
                fields=["recommendation", "person"],
                condition=Q(recommendation__isnull=False),
                name="one_vote_per_recommendation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_vote_display()}"
