"""E-mail alerts: who asked to hear about what, and what has been found for them.

An address is personal data: it is kept only with the alerts it asked for, each confirmed from the
address itself (double opt-in), and deleted with them (`Subscriber.delete`, `expire_alert_subscriptions`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from committee.models import AgendaItem, Committee, EmailLanguage, Person, Ward, WorkProgrammeChange
from core import text
from core.bilingual import bilingual_text
from members.models import EntryVersion, Gift


class Subscriber(models.Model):
    """An address that has asked for alerts. No account: its signed links are its key (alerts/links.py)."""

    email = models.EmailField(unique=True, verbose_name=_("email"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email


class AlertQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Alert(models.Model):
    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("A committee")
        WARD = "ward", _("A ward")
        WORDS = "words", _("Words (a search)")
        # The public papers of the committees a councillor sits on, and each change published on their
        # register of interests (members/).
        COUNCILLOR = "councillor", _("A councillor")
        # Key decisions added to the Forward Plan, and each change to one (work_programme/forward_plan.py).
        FORWARD_PLAN = "forward_plan", _("The Forward Plan of key decisions")
        # A councillor's own committees, Part 2 papers included (only as a line asking them to sign in).
        MEMBER_PAPERS = "member_papers", _("Papers for my committees")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("As each item is published")
        DAILY = "daily", _("Once a day, in one e-mail")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("subscriber")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    # The committee followed; for words, the committee they are looked for in (as the search page's filter).
    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("committee")
    )
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("ward")
    )
    words = text.CharField(max_length=200, blank=True, verbose_name=_("words"))
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    # Set for MEMBER_PAPERS only: the signed-in councillor whose committees are followed.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="member_alerts",
        verbose_name=_("user"),
    )
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE, verbose_name=_("frequency")
    )
    # The language of the page it was asked for on, which its e-mails are written in (a councillor's
    # own alert follows their account's e-mail language instead: committee/correspondence.py).
    language = models.CharField(
        max_length=10,
        choices=EmailLanguage.Language.choices,
        default=settings.LANGUAGE_CODE,
        verbose_name=_("language of its e-mails"),
    )
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmed at"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["created", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="committee") & Q(committee__isnull=False))
                | (Q(kind="ward") & Q(ward__isnull=False))
                | (Q(kind="words") & ~Q(words=""))
                | (Q(kind="member_papers") & Q(user__isnull=False))
                | (Q(kind="councillor") & Q(person__isnull=False))
                | Q(kind="forward_plan"),
                name="alert_has_what_it_follows",
            ),
            models.CheckConstraint(
                condition=Q(kind="member_papers") | Q(user__isnull=True), name="alert_user_only_for_member_papers"
            ),
        ]
        indexes = [
            # Matching a publication: the confirmed alerts of each kind.
            models.Index(fields=["kind", "confirmed_at"], name="alert_kind_confirmed_idx"),
        ]

    def __str__(self) -> str:
        return self.describe()

    @property
    def is_for_member(self) -> bool:
        return self.kind == self.Kind.MEMBER_PAPERS

    def describe(self) -> str:
        """What the alert follows, in the words its e-mails and pages use, in the active language."""
        if self.kind == self.Kind.COMMITTEE:
            return gettext("papers for %(committee)s") % {"committee": bilingual_text(self.committee, "name")}
        if self.kind == self.Kind.WARD:
            return gettext("papers about %(ward)s ward") % {"ward": bilingual_text(self.ward, "name")}
        if self.kind == self.Kind.WORDS:
            if self.committee_id:
                return gettext("papers mentioning “%(words)s” for %(committee)s") % {
                    "words": self.words,
                    "committee": bilingual_text(self.committee, "name"),
                }
            return gettext("papers mentioning “%(words)s”") % {"words": self.words}
        if self.kind == self.Kind.COUNCILLOR:
            return gettext("papers for the committees %(person)s sits on, and their register of interests") % {
                "person": self.person.name
            }
        if self.kind == self.Kind.FORWARD_PLAN:
            return gettext("key decisions on the Forward Plan")
        return gettext("papers for the committees you sit on")


class AlertMatch(models.Model):
    """One thing found for one alert, waiting to be sent (or sent): a published agenda item, a change to
    a key decision on the Forward Plan, or a change or gift published on a councillor's register."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="matches", verbose_name=_("alert"))
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("agenda item")
    )
    plan_change = models.ForeignKey(
        WorkProgrammeChange,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("plan change"),
    )
    register_version = models.ForeignKey(
        EntryVersion,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("register version"),
    )
    gift = models.ForeignKey(
        Gift, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("gift")
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))

    class Meta:
        verbose_name = _("alert match")
        verbose_name_plural = _("alert matches")
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(fields=["alert", "agenda_item"], name="one_match_per_alert_and_item"),
            models.UniqueConstraint(fields=["alert", "plan_change"], name="one_match_per_alert_and_plan_change"),
            models.UniqueConstraint(fields=["alert", "register_version"], name="one_match_per_alert_and_version"),
            models.UniqueConstraint(fields=["alert", "gift"], name="one_match_per_alert_and_gift"),
            models.CheckConstraint(
                condition=Q(agenda_item__isnull=False, plan_change=None, register_version=None, gift=None)
                | Q(agenda_item=None, plan_change__isnull=False, register_version=None, gift=None)
                | Q(agenda_item=None, plan_change=None, register_version__isnull=False, gift=None)
                | Q(agenda_item=None, plan_change=None, register_version=None, gift__isnull=False),
                name="alertmatch_matches_one_thing",
            ),
        ]
        indexes = [
            # The worker's batches: matches not yet sent.
            models.Index(fields=["sent_at", "alert"], name="alertmatch_unsent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.alert} — {self.agenda_item or self.plan_change or self.register_version or self.gift}"
