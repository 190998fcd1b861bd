"""The categories of a member's register of interests, as the council's nation's law names them.

England: the disclosable pecuniary interests of the Relevant Authorities (Disclosable Pecuniary
Interests) Regulations 2012 (SI 2012/1464), and the other registrable interests of the council's code.
Wales: the personal interests a member registers under the Members' Code of Conduct (the Local
Authorities (Model Code of Conduct) (Wales) Order 2008, paragraph 10(2)(a)).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.council import current_council


class Category(models.TextChoices):
    # Values shared by both nations where the law means the same thing; labels are the English ones,
    # translated for a Welsh page as the Welsh lists' are.
    EMPLOYMENT = "employment", _("Employment, office, trade, profession or vocation")
    SPONSORSHIP = "sponsorship", _("Sponsorship")
    CONTRACTS = "contracts", _("Contracts")
    LAND = "land", _("Land")
    LICENCES = "licences", _("Licences")
    CORPORATE_TENANCIES = "corporate_tenancies", _("Corporate tenancies")
    SECURITIES = "securities", _("Securities")
    OTHER = "other", _("Other registrable interest")
    # Wales only.
    EMPLOYER = "employer", _("Employer, or person who appointed you")
    ELECTION_EXPENSES = "election_expenses", _("Payments towards your election expenses or duties")
    BODIES = "bodies", _("Membership or management of other bodies")


ENGLAND = [
    (Category.EMPLOYMENT, _("Employment, office, trade, profession or vocation")),
    (Category.SPONSORSHIP, _("Sponsorship")),
    (Category.CONTRACTS, _("Contracts")),
    (Category.LAND, _("Land")),
    (Category.LICENCES, _("Licences")),
    (Category.CORPORATE_TENANCIES, _("Corporate tenancies")),
    (Category.SECURITIES, _("Securities")),
    (Category.OTHER, _("Other registrable interest")),
]
WALES = [
    (Category.EMPLOYMENT, _("Employment or business")),
    (Category.EMPLOYER, _("Employer, or person who appointed you")),
    (Category.ELECTION_EXPENSES, _("Payments towards your election expenses or duties")),
    (Category.SECURITIES, _("Securities")),
    (Category.CONTRACTS, _("Contracts")),
    (Category.LAND, _("Land")),
    (Category.LICENCES, _("Licences to occupy land")),
    (Category.CORPORATE_TENANCIES, _("Corporate tenancies")),
    (Category.BODIES, _("Membership or management of other bodies")),
]
# The disclosable pecuniary interests (England): failing to register one is an offence (Localism Act s.34).
PECUNIARY = frozenset(
    {
        Category.EMPLOYMENT,
        Category.SPONSORSHIP,
        Category.CONTRACTS,
        Category.LAND,
        Category.LICENCES,
        Category.CORPORATE_TENANCIES,
        Category.SECURITIES,
    }
)


def is_wales() -> bool:
    """The one place this app reads the council's nation."""
    return current_council().is_welsh


def choices() -> list[tuple[str, str]]:
    """The categories a member of this council registers, in the order the law lists them."""
    return [(str(value), label) for value, label in (WALES if is_wales() else ENGLAND)]


def label(category: str) -> str:
    """The category's name in the active language (open data asks in English)."""
    return str(dict(choices()).get(category) or Category(category).label)


def code_name() -> str:
    return "the Members' Code of Conduct" if is_wales() else "the Localism Act 2011 and the council's code of conduct"


def is_pecuniary(category: str) -> bool:
    """In Wales the code has no separate pecuniary category: every registered interest counts."""
    return is_wales() or category in PECUNIARY
