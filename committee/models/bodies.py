"""The council's bodies and people: committees, wards, councillors and officers, their seats, venues."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core import reader_generation, schedule_12a, text
from core.paths import path_to

# Both nations' paragraphs (core/schedule_12a.py): which the council offers is its nation's.
# Labels translated when shown (the admin reads them in its language); the numbers are what is stored.
SCHEDULE_12A_PARAGRAPHS = [(number, _(label)) for number, label in schedule_12a.ALL]
# Spelled out with isnull=False: a CHECK passes when it evaluates to NULL.
VALID_PARAGRAPH = Q(exempt_paragraph__isnull=False) & (
    Q(exempt_paragraph__gte=schedule_12a.LOWEST_ENGLISH, exempt_paragraph__lte=schedule_12a.HIGHEST_ENGLISH)
    | Q(exempt_paragraph__gte=schedule_12a.LOWEST_WELSH, exempt_paragraph__lte=schedule_12a.HIGHEST_WELSH)
)


class Ward(models.Model):
    name = text.CharField(max_length=200, unique=True, verbose_name=_("name"))
    # In Welsh, shown to Welsh readers; blank falls back to the English (core/bilingual.py).
    name_cy = text.CharField(_("name in Welsh"), max_length=200, blank=True)
    slug = models.SlugField(max_length=200, unique=True, verbose_name=_("slug"))
    old_id = models.PositiveIntegerField(
        null=True, blank=True, unique=True, help_text=_("Id in a previous system"), verbose_name=_("old id")
    )

    class Meta:
        verbose_name = _("ward")
        verbose_name_plural = _("wards")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# Marked for the Welsh catalogue: an opening item with one of these titles gets its Welsh title too.
STANDARD_OPENING_ITEMS = (
    gettext_noop("Apologies for absence"),
    gettext_noop("Declarations of interest"),
    gettext_noop("Minutes of the previous meeting"),
    gettext_noop("Public questions"),
)


class Committee(models.Model):
    class Kind(models.TextChoices):
        FULL_COUNCIL = "full_council", _("Full council")
        EXECUTIVE = "executive", _("Executive (cabinet)")
        COMMITTEE = "committee", _("Committee")
        SUB_COMMITTEE = "sub_committee", _("Sub-committee")
        SCRUTINY = "scrutiny", _("Scrutiny")
        REGULATORY = "regulatory", _("Regulatory")
        BOARD = "board", _("Board")

    name = text.CharField(max_length=200, verbose_name=_("name"))
    slug = models.SlugField(max_length=200, unique=True, verbose_name=_("slug"))
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMITTEE, verbose_name=_("kind"))
    terms_of_reference = text.TextField(blank=True, verbose_name=_("terms of reference"))
    # In Welsh, shown to Welsh readers; blank falls back to the English (core/bilingual.py).
    name_cy = text.CharField(_("name in Welsh"), max_length=200, blank=True)
    terms_of_reference_cy = text.TextField(_("terms of reference in Welsh"), blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )
    active = models.BooleanField(default=True, verbose_name=_("active"))
    takes_key_decisions = models.BooleanField(
        default=False,
        help_text=_("An executive body whose key decisions must be on the forward plan."),
        verbose_name=_("takes key decisions"),
    )
    # Multi-location meetings (Local Government and Elections (Wales) Act 2021): a Welsh council's meeting
    # notice says how to attend from elsewhere. Printed on each meeting's page and agenda pack.
    remote_attendance = text.TextField(
        _("how to attend remotely"),
        blank=True,
        help_text=_(
            "How the public can attend or watch this committee's meetings from elsewhere (a link to "
            "join or to the webcast). A meeting may give its own."
        ),
    )
    remote_attendance_cy = text.TextField(_("how to attend remotely, in Welsh"), blank=True)
    # Clearance: which sign-offs a report to this committee needs before it is cleared.
    requires_legal_signoff = models.BooleanField(default=True, verbose_name=_("requires legal sign-off"))
    requires_finance_signoff = models.BooleanField(default=True, verbose_name=_("requires finance sign-off"))
    requires_director_signoff = models.BooleanField(default=True, verbose_name=_("requires director sign-off"))
    # Welsh councils: a translator writes the report's Welsh and signs it off (reports/translation.py).
    requires_translation_signoff = models.BooleanField(default=False, verbose_name=_("requires translation sign-off"))
    report_lead_days = models.PositiveSmallIntegerField(
        default=7,
        help_text=_("Reports are due this many days before the agenda's publication deadline."),
        verbose_name=_("report lead days"),
    )
    standard_opening_items = text.TextField(
        blank=True,
        default="\n".join(STANDARD_OPENING_ITEMS),
        help_text=_("One agenda item title a line, added to the top of every new agenda."),
        verbose_name=_("standard opening items"),
    )
    old_id = models.PositiveIntegerField(
        null=True, blank=True, unique=True, help_text=_("Id in a previous system"), verbose_name=_("old id")
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
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
        if self.requires_translation_signoff:
            roles.append("translation")
        return roles

    def opening_item_titles(self) -> list[str]:
        return [line.strip() for line in self.standard_opening_items.splitlines() if line.strip()]


class Person(models.Model):
    class Kind(models.TextChoices):
        COUNCILLOR = "councillor", _("Councillor")
        OFFICER = "officer", _("Officer")
        CO_OPTED = "co_opted", _("Co-opted member")

    name = text.CharField(max_length=200, verbose_name=_("name"))
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COUNCILLOR, verbose_name=_("kind"))
    job_title = text.CharField(_("role or job title"), max_length=200, blank=True)
    email = models.EmailField(blank=True, verbose_name=_("email"))
    phone = text.CharField(max_length=50, blank=True, verbose_name=_("phone"))
    party = text.CharField(max_length=100, blank=True, verbose_name=_("party"))
    # A person's name is the same in both languages; their role and party are not ("Llafur").
    job_title_cy = text.CharField(_("role or job title in Welsh"), max_length=200, blank=True)
    party_cy = text.CharField(_("party in Welsh"), max_length=100, blank=True)
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.SET_NULL, related_name="councillors", verbose_name=_("ward")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("user"),
    )
    old_id = models.PositiveIntegerField(
        null=True, blank=True, unique=True, help_text=_("Id in a previous system"), verbose_name=_("old id")
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    class Meta:
        verbose_name = _("person")
        ordering = ["name", "id"]
        verbose_name_plural = _("people")
        indexes = [
            # Looking people up by name in admin search and the contact-officer picker.
            models.Index(fields=["name"], name="person_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    """Writes that send no signals still move the readers' generations (core/reader_generation.py): who
    sits on a committee is what their Part 2 papers go by."""

    def update(self, **kwargs):
        users = list(self.values_list("person__user_id", flat=True))
        if "person" in kwargs or "person_id" in kwargs:
            person = kwargs.get("person", kwargs.get("person_id"))
            users += Person.objects.filter(pk=getattr(person, "pk", person)).values_list("user_id", flat=True)
        done = super().update(**kwargs)
        reader_generation.changed(*users)
        return done

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        created = super().bulk_create(objs, *args, **kwargs)
        people = {m.person_id for m in objs}
        reader_generation.changed(*Person.objects.filter(pk__in=people).values_list("user_id", flat=True))
        return created


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        SUBSTITUTE = "substitute", _("Substitute")
        CO_OPTED = "co_opted", _("Co-opted member")
        CLERK = "clerk", _("Clerk")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person"))
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("committee")
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER, verbose_name=_("role"))
    start_date = models.DateField(null=True, blank=True, verbose_name=_("start date"))
    end_date = models.DateField(null=True, blank=True, verbose_name=_("end date"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
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
    name = text.CharField(max_length=200, verbose_name=_("name"))
    address = text.TextField(blank=True, verbose_name=_("address"))
    name_cy = text.CharField(_("name in Welsh"), max_length=200, blank=True)
    address_cy = text.TextField(_("address in Welsh"), blank=True)
    postcode = text.CharField(max_length=20, blank=True, verbose_name=_("postcode"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
