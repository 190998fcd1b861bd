"""Personas and small builders shared by every test module."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, User
from django.core.signals import setting_changed
from django.dispatch import receiver

from committee import access
from committee.models import Committee, Council, Meeting, Membership, Person
from core import council
from reports.models import Report

LONDON = ZoneInfo("Europe/London")


def make_user(username: str, *groups: str, committee: Committee | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password="pw", email=f"{username}@example.gov.uk", **extra)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    person = Person.objects.create(name=username.title(), user=user)
    if committee is not None:
        Membership.objects.create(person=person, committee=committee)
    return user


def make_committee(name: str = "Children, Education, Libraries and Safeguarding Committee", **extra) -> Committee:
    from django.utils.text import slugify

    return Committee.objects.create(name=name, slug=slugify(name), **extra)


def make_meeting(committee: Committee, day: datetime.date = datetime.date(2017, 2, 21), **extra) -> Meeting:
    return Meeting.objects.create(
        committee=committee, starts_at=datetime.datetime.combine(day, datetime.time(19), tzinfo=LONDON), **extra
    )


def make_report(committee: Committee, **extra) -> Report:
    extra.setdefault("title", "A report")
    extra.setdefault("report_of", "Commissioning Director")
    return Report.objects.create(committee=committee, **extra)


def make_welsh_council(**fields) -> Council:
    """A Welsh council with its Welsh name, saved as its administrators would: Denbighshire unless told
    otherwise (``name``, ``welsh_name``, ``bilingual_layout`` …)."""
    values = {
        "name": "Denbighshire County Council",
        "welsh_name": "Cyngor Sir Ddinbych",
        "nation": Council.Nation.WALES,
        **fields,
    }
    welsh = Council(**values)
    welsh.full_clean()
    welsh.save()
    return welsh


@receiver(setting_changed)
def council_follows_changed_settings(setting, **kwargs):
    """A test that sets ``settings.COUNCIL_NATION`` (or another first-run default) gets that council."""
    if setting.startswith("COUNCIL_"):
        council.remember(council.identity_from_settings())


@pytest.fixture(autouse=True)
def council_from_settings():
    """Every test starts from the first-run council (the settings, as the test database has no record);
    the cache outlives each test's database, and saving a record forgets it (core/council.py)."""
    council.remember(council.identity_from_settings())
    yield
    council.forget_current_council()


@pytest.fixture
def welsh_council(db) -> Council:
    """Denbighshire's record saved (``make_welsh_council``): Welsh law, its Welsh name, its language scheme."""
    return make_welsh_council()


@pytest.fixture
def wales(settings) -> None:
    """The first-run council made Welsh by its settings, as a deployment in Wales starts."""
    settings.COUNCIL_NATION = Council.Nation.WALES


@pytest.fixture
def committee(db) -> Committee:
    return make_committee()


@pytest.fixture
def other_committee(db) -> Committee:
    return make_committee("Adults and Safeguarding Committee")


@pytest.fixture
def meeting(committee) -> Meeting:
    return make_meeting(committee)


@pytest.fixture
def author(db) -> User:
    return make_user("author", access.REPORT_AUTHORS)


@pytest.fixture
def other_author(db) -> User:
    return make_user("otherauthor", access.REPORT_AUTHORS)


@pytest.fixture
def approver(db) -> User:
    return make_user("legal", access.LEGAL_APPROVERS)


@pytest.fixture
def governance_officer(db) -> User:
    return make_user("governance", access.GOVERNANCE_OFFICERS, is_staff=True)


@pytest.fixture
def administrator(db) -> User:
    return make_user("admin", access.ADMINISTRATORS, is_staff=True, is_superuser=True)


@pytest.fixture
def committee_member(committee) -> User:
    return make_user("member", access.COMMITTEE_MEMBERS, committee=committee)


@pytest.fixture
def other_committee_member(other_committee) -> User:
    return make_user("othermember", access.COMMITTEE_MEMBERS, committee=other_committee)


@pytest.fixture
def demo(db):
    import io

    from django.core.management import call_command

    call_command("loaddemo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def worker_has_rendered_published_pdfs(request, monkeypatch):
    """In tests, the worker has already rendered every published report's PDF, and every draft's PDF
    preview, when someone asks for it (documents/pdf_store.py renders them in the worker, never in a
    request). Tests of the moments before it has are marked ``pdf_worker_pending``."""
    if request.node.get_closest_marker("pdf_worker_pending"):
        return
    from documents import pdf_store, tasks

    monkeypatch.setattr(
        tasks, "ready_pdf", lambda revision: pdf_store.recorded(revision) or pdf_store.frozen_pdf(revision)
    )
    monkeypatch.setattr(tasks, "ready_members_pdf", pdf_store.members_pdf)
    monkeypatch.setattr(tasks, "ready_welsh_pdf", pdf_store.welsh_pdf)
    # The same for a draft's PDF preview: the worker has rendered the content asked for.
    monkeypatch.setattr(tasks, "ready_draft_pdf", pdf_store.current_pdf)


def _production_cache(settings, setting: str):
    from django.core.cache import cache

    from web import fragments

    setattr(settings, setting, 60)
    cache.clear()
    fragments.forget_pages()
    council.remember(council.identity_from_settings())
    yield
    cache.clear()


@pytest.fixture
def page_cache(settings):
    """Production's anonymous page cache (web/caching.py), on and empty."""
    yield from _production_cache(settings, "PUBLIC_PAGE_CACHE_SECONDS")


@pytest.fixture
def page_parts(settings):
    """Production's page parts for signed-in readers (web/fragments.py), on and empty."""
    yield from _production_cache(settings, "PAGE_PARTS_SECONDS")
