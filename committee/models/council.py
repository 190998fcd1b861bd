"""The council itself, as its administrators describe it: one record (core/council.py reads it)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import colours, text
from core.council import (
    DEFAULT_HEADER_COLOUR,
    DEFAULT_LINK_COLOUR,
    CouncilIdentity,
    forget_current_council,
    identity_from_settings,
)
from core.council import BilingualLayout as Layouts
from core.council import Nation as Nations
from core.council import WelshRequired as WelshRequirements

# The one record's key: there is one council an installation.
THE_COUNCIL = 1
MAX_LOGO_BYTES = 256 * 1024


class Council(models.Model):
    class Nation(models.TextChoices):
        ENGLAND = Nations.ENGLAND, _("England")
        WALES = Nations.WALES, _("Wales")

    name = text.CharField(max_length=200, help_text=_("As printed on every page and document."), verbose_name=_("name"))
    welsh_name = text.CharField(
        _("Welsh name"), max_length=200, blank=True, help_text=_("Cyngor …, for Welsh councils.")
    )
    nation = models.CharField(
        max_length=10,
        choices=Nation.choices,
        default=Nation.ENGLAND,
        help_text=_("England: agendas public 5 clear working days ahead; Wales: 3."),
        verbose_name=_("nation"),
    )

    class WelshRequired(models.TextChoices):
        SUMMARY = WelshRequirements.SUMMARY, _("Its title, “report of” and summary")
        WHOLE_REPORT = WelshRequirements.WHOLE_REPORT, _("The whole report")

    welsh_required = models.CharField(
        _("in Welsh before a report is published"),
        max_length=10,
        choices=WelshRequired.choices,
        default=WelshRequired.WHOLE_REPORT,
        help_text=_("Welsh councils: what of a report the language scheme requires in Welsh before it is published."),
    )

    class BilingualLayout(models.TextChoices):
        SEQUENTIAL = Layouts.SEQUENTIAL, _("The Welsh, then the English")
        SIDE_BY_SIDE = Layouts.SIDE_BY_SIDE, _("Side by side: each part in Welsh beside its English")

    bilingual_layout = models.CharField(
        _("a report in both languages"),
        max_length=20,
        choices=BilingualLayout.choices,
        default=BilingualLayout.SEQUENTIAL,
        help_text=_("Welsh councils: how the PDF of a report in Welsh and English sets out the two languages."),
    )
    logo = models.BinaryField(blank=True, default=b"", editable=False, verbose_name=_("logo"))
    logo_type = text.CharField(max_length=40, blank=True, editable=False, verbose_name=_("logo type"))
    header_colour = text.CharField(
        max_length=7,
        default=DEFAULT_HEADER_COLOUR,
        help_text=_("Behind the white name at the top of every page."),
        verbose_name=_("header colour"),
    )
    link_colour = text.CharField(
        max_length=7, default=DEFAULT_LINK_COLOUR, help_text=_("Links, on white."), verbose_name=_("link colour")
    )
    address = text.TextField(
        blank=True, help_text=_("The council's postal address, a line a line."), verbose_name=_("address")
    )
    website = models.URLField(blank=True, verbose_name=_("website"))
    modified = models.DateTimeField(auto_now=True, verbose_name=_("modified"))

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("council")
        constraints = [models.CheckConstraint(condition=Q(id=THE_COUNCIL), name="one_council")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.pk = THE_COUNCIL
        super().save(*args, **kwargs)
        # Not a business rule: the cached answer would otherwise outlive the record it copies.
        forget_current_council()

    def clean(self) -> None:
        errors = {}
        for field in ("header_colour", "link_colour"):
            problem = colours.colour_problem(getattr(self, field))
            if problem:
                errors[field] = problem
        if errors:
            raise ValidationError(errors)

    @classmethod
    def first_run(cls) -> Council:
        """The record as saved, or a new one filled in from the first-run settings (not saved)."""
        found = cls.objects.filter(pk=THE_COUNCIL).first()
        if found is not None:
            return found
        defaults = identity_from_settings()
        return cls(pk=THE_COUNCIL, name=defaults.name, nation=defaults.nation, website=defaults.website)

    def identity(self) -> CouncilIdentity:
        defaults = identity_from_settings()
        return CouncilIdentity(
            name=self.name,
            welsh_name=self.welsh_name,
            nation=self.nation,
            logo_data=bytes(self.logo or b""),
            logo_type=self.logo_type,
            logo_static="" if self.logo else defaults.logo_static,
            header_colour=self.header_colour,
            link_colour=self.link_colour,
            address=self.address,
            website=self.website,
            welsh_required=self.welsh_required,
            bilingual_layout=self.bilingual_layout,
        )


def saved_council_identity() -> CouncilIdentity | None:
    """The saved record as the identity every page prints, or None before administrators first save it."""
    found = Council.objects.filter(pk=THE_COUNCIL).first()
    return found.identity() if found is not None else None


def logo_type(data: bytes) -> str:
    """The image type of an uploaded logo, from its first bytes (not its name), or "" if not a logo."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        return "image/svg+xml"
    return ""
