"""A councillor's photo (with what it shows, for people who cannot see it) and postal address, kept by
the monitoring officer's team and governance officers (members/access.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from committee.models import Person
from members import access
from members.models import CouncillorProfile


def profile_of(person: Person) -> CouncillorProfile | None:
    return CouncillorProfile.objects.filter(person=person).first()


@transaction.atomic
def save_profile(
    person: Person, user, *, photo=None, photo_alt: str = "", remove_photo: bool = False, postal_address: str = ""
) -> CouncillorProfile:
    """Keep the photo unless a new one is given or it is removed; a photo always has its description."""
    if not access.can_keep_councillor_records(user):
        raise PermissionDenied("For the monitoring officer's team and governance officers.")
    profile, _ = CouncillorProfile.objects.select_for_update().get_or_create(person=person)
    old = profile.photo.name if profile.photo else ""
    if remove_photo:
        profile.photo = ""
    elif photo:
        profile.photo.save(f"{person.pk}-{photo.name}", photo, save=False)
    profile.photo_alt = (photo_alt or "").strip() if profile.photo else ""
    profile.postal_address = (postal_address or "").strip()
    profile.save()
    if old and old != (profile.photo.name if profile.photo else ""):
        # The replaced file goes once the new record is saved: a councillor's old photo is not kept.
        storage, name = profile.photo.storage, old
        transaction.on_commit(lambda: storage.delete(name))
    return profile
