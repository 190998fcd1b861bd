"""Who is reading, kept between requests: a signed-in reader's user row and what they are entitled to.

Every signed-in page asks who is reading: the user, their groups, the committees they sit on today
(whose Part 2 papers they read) and whether they have reports of their own (committee/access.py,
reports/access.py). Worked out from the database, that is four queries a page, more than a page's
own content once it is kept (web/fragments.py). So the user is kept in the shared cache with the
answers (``load_entitlements``) under a key naming:

- the reader's generation (core/reader_generation.py), moved by every change that could alter an
  answer: the receivers below (memberships, the person a user is, groups, users, reports' authors and
  sharing, sign-off requests) and memberships' own bulk writes (committee/models MembershipQuerySet);
- today's date, because memberships start and end on a date without any row changing.

Sign-in's own checks are Django's: a kept user is used only when the
session's password hash matches it, and anything else asks Django (which signs the session out).
"""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from committee.models import Membership, Person
from core import council, public_edition, request_snapshot
from core.reader_generation import changed, generation
from core.reader_generation import key as generation_key
from reports import access
from reports.models import Report, SignOff

# A kept reader lasts at most a day anyway (the date is in the key); the time only bounds Redis.
READER_SECONDS = 24 * 3600
# Readers found lately by this process, by the same key: the generation is still asked of Redis at every
# request (so a change made through another process is seen at once), the user is not fetched again.
_RECENT: dict[str, object] = {}
_RECENT_MOST = 512


def _reader_key(user_id, gen: int, today) -> str:
    return f"reader:{user_id}:{gen}:{today.isoformat()}"


def signed_in_user(request):
    """The request's user (django.contrib.auth.get_user), from the shared cache when kept for this
    generation and day, with their entitlements already worked out."""
    session = request.session
    user_id = session.get(auth.SESSION_KEY)
    backend = session.get(auth.BACKEND_SESSION_KEY)
    # Kept when signed-in readers' pages are (web/fragments.py): otherwise every request asks afresh.
    if user_id is None or backend not in settings.AUTHENTICATION_BACKENDS or settings.PAGE_PARTS_SECONDS <= 0:
        return auth.get_user(request)
    # The generation, and what the page will ask next (the public edition, the council), in one round trip.
    request_snapshot.prefetch(generation_key(user_id), public_edition.KEY, council.CACHE_KEY)
    today = timezone.localdate()
    key = _reader_key(user_id, generation(user_id), today)
    kept = _RECENT.get(key)
    if kept is None:
        kept = cache.get(key)
        _remember(key, kept)
    if kept is not None and constant_time_compare(
        session.get(auth.HASH_SESSION_KEY) or "", kept.get_session_auth_hash()
    ):
        return copy.copy(kept)  # each request its own, as a view may note things on it
    user = auth.get_user(request)
    if user.is_authenticated and str(user.pk) == str(user_id):
        access.load_entitlements(user)
        # Worked out on the day the key names, or not kept (a request straddling midnight).
        if timezone.localdate() == today:
            cache.set(key, user, READER_SECONDS)
            _remember(key, copy.copy(user))
    return user


def _remember(key: str, user) -> None:
    if user is None:
        return
    if len(_RECENT) >= _RECENT_MOST:
        _RECENT.clear()
    _RECENT[key] = user


# What moves a reader's generation ---------------------------------------------------------------


def _user_of_person(person_id):
    if person_id is None:
        return None
    return Person.objects.filter(pk=person_id).values_list("user_id", flat=True).first()


def _before_save(sender, instance, **kwargs):
    """A membership or person edited so that it belongs to someone else: the one it belonged to
    changes too (they would keep a committee's Part 2 papers). A report or sign-off moved to someone
    else needs no such care: the one it left is at worst taken to have reports of their own still,
    which only renders their pages for them alone."""
    if instance.pk is None or kwargs.get("raw"):
        return
    if sender is Person:
        changed(Person.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first())
    else:
        old = Membership.objects.filter(pk=instance.pk).values_list("person_id", flat=True).first()
        changed(_user_of_person(old))


def _row_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    if sender is Person:
        changed(instance.user_id)
    elif sender is Membership:
        changed(_user_of_person(instance.person_id))
    elif sender is Report:
        changed(instance.author_id)
    elif sender is SignOff:
        changed(instance.approver_id)
    else:  # the user
        changed(instance.pk)


def _group_changed(sender, instance, **kwargs):
    """A group renamed or deleted: everyone in it."""
    if instance.pk is not None:
        changed(*instance.user_set.values_list("pk", flat=True))


def _users_linked(sender, instance, action, reverse, pk_set, **kwargs):
    """Users added to or taken from a group, or a report shared or unshared (either side of the link)."""
    if action not in ("pre_clear", "post_add", "post_remove"):
        return
    if sender is Report.shared_with.through:
        if not reverse:  # report.shared_with: the users in pk_set, or all of them when cleared
            users = pk_set if action != "pre_clear" else instance.shared_with.values_list("pk", flat=True)
        else:
            users = [instance.pk]
    elif not reverse:  # user.groups
        users = [instance.pk]
    else:  # group.user_set
        users = pk_set if action != "pre_clear" else instance.user_set.values_list("pk", flat=True)
    changed(*list(users or []))


def connect() -> None:
    user_model = auth.get_user_model()
    for model in (Person, Membership):
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"reader-before-{model.__name__}")
        # Before as well as after: a membership deleted with its person finds no person afterwards.
        pre_delete.connect(_row_changed, sender=model, dispatch_uid=f"reader-deleting-{model.__name__}")
    for model in (Person, Membership, Report, SignOff, user_model):
        post_save.connect(_row_changed, sender=model, dispatch_uid=f"reader-saved-{model.__name__}")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=f"reader-deleted-{model.__name__}")
    post_save.connect(_group_changed, sender=Group, dispatch_uid="reader-group-saved")
    pre_delete.connect(_group_changed, sender=Group, dispatch_uid="reader-group-deleted")
    m2m_changed.connect(_users_linked, sender=user_model.groups.through, dispatch_uid="reader-groups")
    m2m_changed.connect(_users_linked, sender=Report.shared_with.through, dispatch_uid="reader-shared")
