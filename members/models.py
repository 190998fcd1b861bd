"""A councillor's profile, register of interests (kept as dated versions), gifts and hospitality,
dispensations, and the six-month rule's approvals and warnings.

A register entry changes only by a new version: a member submits it, the monitoring officer's team
checks and publishes it, and every version keeps its dates (Localism Act 2011 ss.29-34)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Person
from core import text
from members.categories import Category


class CouncillorProfile(models.Model):
    """What a councillor's page shows beyond the committee app's `Person`: a photo and an address."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="profile", verbose_name=_("person"))
    photo = models.ImageField(upload_to="councillors/", blank=True, verbose_name=_("photo"))
    photo_alt = text.CharField(
        _("photo description"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it (its alt text)."),
    )
    postal_address = text.TextField(
        blank=True, help_text=_("The address the councillor gives for post."), verbose_name=_("postal address")
    )

    class Meta:
        verbose_name = _("councillor profile")
        verbose_name_plural = _("councillor profiles")

    def __str__(self) -> str:
        return f"Profile of {self.person}"


class RegisterEntry(models.Model):
    """One interest on a member's register. What it says is its versions' (EntryVersion)."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="register_entries", verbose_name=_("person")
    )
    category = models.CharField(max_length=30, choices=Category.choices, verbose_name=_("category"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("register entry")
        ordering = ["person", "category", "id"]
        verbose_name_plural = _("register entries")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_category_display()}"


class EntryVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def waiting(self):
        return self.filter(published_at__isnull=True)


class EntryVersion(models.Model):
    """What an entry said from one change: submitted by the member, then published by the monitoring
    officer's team. A sensitive interest (s.32) is published as withheld; its description is the
    monitoring officer's alone."""

    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="versions", verbose_name=_("entry"))
    description = text.TextField(verbose_name=_("description"))
    sensitive = models.BooleanField(
        default=False,
        help_text=_(
            "Disclosure could lead to violence or intimidation (Localism Act 2011 s.32): "
            "the public register says only that an interest is withheld."
        ),
        verbose_name=_("sensitive"),
    )
    arose_on = models.DateField(_("the interest arose on"), help_text=_("Or the day you became aware of it."))
    ended_on = models.DateField(
        null=True, blank=True, help_text=_("Set when the interest has ended."), verbose_name=_("ended on")
    )
    submitted_at = models.DateTimeField(verbose_name=_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("submitted by")
    )
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published by"),
    )

    objects = EntryVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("entry version")
        verbose_name_plural = _("entry versions")
        ordering = ["entry", "submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("arose_on")),
                name="interest_ends_after_it_arose",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=False) | Q(published_by__isnull=True),
                name="entry_version_published_by_when_published",
            ),
        ]
        indexes = [
            # The monitoring officer's queue: versions not yet published.
            models.Index(fields=["published_at"], name="entryversion_published_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.entry}, submitted {self.submitted_at:%Y-%m-%d}"


class Gift(models.Model):
    """A gift or hospitality worth more than the council's threshold (settings.GIFTS_THRESHOLD)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="gifts", verbose_name=_("person"))
    donor = text.CharField(max_length=300, verbose_name=_("donor"))
    description = text.TextField(verbose_name=_("description"))
    value = models.DecimalField(_("estimated value (£)"), max_digits=9, decimal_places=2)
    received_on = models.DateField(verbose_name=_("received on"))
    submitted_at = models.DateTimeField(verbose_name=_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("submitted by")
    )
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("gift")
        ordering = ["person", "-received_on", "id"]
        verbose_name_plural = _("gifts and hospitality")
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0), name="gift_has_a_value"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.description[:40]} from {self.donor}"


class Dispensation(models.Model):
    """Leave to take part despite a disclosable pecuniary interest (Localism Act 2011 s.33), for a
    committee (or any meeting) and a subject, until it expires (at most four years)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="dispensations", verbose_name=_("person"))
    committee = models.ForeignKey(
        Committee,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for any meeting of the council."),
        verbose_name=_("committee"),
    )
    scope = text.TextField(
        help_text=_("The business it covers, and what the member may do (speak, vote)."), verbose_name=_("scope")
    )
    granted_on = models.DateField(verbose_name=_("granted on"))
    expires_on = models.DateField(verbose_name=_("expires on"))
    granted_by = text.CharField(max_length=200, default="Standards Committee", verbose_name=_("granted by"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("dispensation")
        verbose_name_plural = _("dispensations")
        ordering = ["person", "-granted_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("granted_on")), name="dispensation_expires_after_grant"
            ),
        ]

    def __str__(self) -> str:
        return f"Dispensation for {self.person} until {self.expires_on}"

    def covers(self, committee_id: int, on) -> bool:
        return self.granted_on <= on <= self.expires_on and self.committee_id in (None, committee_id)


class AbsenceApproval(models.Model):
    """The council's approval of a reason for a member's absence (LGA 1972 s.85): no warning until it ends."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="absence_approvals", verbose_name=_("person")
    )
    reason = text.TextField(verbose_name=_("reason"))
    approved_on = models.DateField(verbose_name=_("approved on"))
    until = models.DateField(verbose_name=_("until"))
    approved_by = text.CharField(
        max_length=200,
        default="Council",
        help_text=_("The meeting that approved it, as the minutes say."),
        verbose_name=_("approved by"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("absence approval")
        verbose_name_plural = _("absence approvals")
        ordering = ["person", "-approved_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(until__gte=models.F("approved_on")), name="absence_approval_until"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: absence approved until {self.until}"


class SixMonthWarning(models.Model):
    """A warning sent to the monitoring officer: a member has attended no meeting for `months` months
    since `counted_from`. One a stage, so the scheduled command can run daily."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    counted_from = models.DateField(
        help_text=_("The member's last attendance, or the start of their term."), verbose_name=_("counted from")
    )
    months = models.PositiveSmallIntegerField(verbose_name=_("months"))
    sent_at = models.DateTimeField(verbose_name=_("sent at"))

    class Meta:
        verbose_name = _("six-month warning")
        verbose_name_plural = _("six-month warnings")
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "counted_from", "months"], name="one_warning_a_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.months} months without attending"
