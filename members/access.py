"""Who may see and do what with councillors' registers. The register itself is public once the
monitoring officer's team has published it; what follows are the exceptions:
- A sensitive interest (s.32) is published as withheld: its description is for the monitoring officer's
  team alone, not even shown back to the member once submitted (they may replace it by a new version).
- Changes waiting to be checked are seen by the member who made them and the monitoring officer's team.
- Members keep their own register; the monitoring officer's team publishes it.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from committee import access
from committee.models import Person

# Marked for the catalogue, kept in English here: an alert's e-mail words it in its reader's language.
WITHHELD = gettext_noop("Withheld under section 32(2) of the Localism Act 2011")


def is_monitoring_officer(user) -> bool:
    return access.is_monitoring_officer(user)


def can_keep_councillor_records(user) -> bool:
    """Councillors' photos and addresses, and the council's approvals of absence: the monitoring officer's
    team and the governance officers who clerk the meetings that approve them."""
    return access.is_monitoring_officer(user) or access.is_governance_officer(user)


def can_see_sensitive_detail(user) -> bool:
    return access.is_monitoring_officer(user)


def person_of(user) -> Person | None:
    """The councillor (or co-opted member) the signed-in user is, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    person = Person.objects.filter(user=user, kind__in=[Person.Kind.COUNCILLOR, Person.Kind.CO_OPTED]).first()
    return person


def can_keep_register(user, person: Person) -> bool:
    return person.user_id is not None and person.user_id == getattr(user, "pk", None)


def public_people():
    """Those with a public page and register: councillors and co-opted members, never officers."""
    return Person.objects.filter(kind__in=[Person.Kind.COUNCILLOR, Person.Kind.CO_OPTED])
