"""The admin in Welsh: an administrator of a Welsh council reads the admin at /cy/admin/, the index, every
registered model's list and add form and a change form of each, with no English left that neither the
catalogues (ours and Django's) nor the council's own content explains. /admin/ stays in English."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import translation

from committee import access
from tests.conftest import make_user
from tests.core.test_welsh_catalogue import read_po
from tests.matrix_world import build_world
from tests.web.test_welsh_staff import content_strings, english_left

pytestmark = pytest.mark.django_db


def admin_pages(language: str) -> list[str]:
    """The index, then each registered model's list, add form and (where there is one) a change form."""
    with translation.override(language):
        pages = [reverse("admin:index")]
        for model, model_admin in admin.site._registry.items():
            info = model._meta.app_label, model._meta.model_name
            pages.append(reverse("admin:{}_{}_changelist".format(*info)))
            if model_admin.has_add_permission(_AnyRequest()):
                pages.append(reverse("admin:{}_{}_add".format(*info)))
            first = model._default_manager.order_by("pk").first()
            if first is not None:
                pages.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
    return pages


def admin_content() -> list[str]:
    """The council's content, and the JSON the admin shows as it is stored (a revision's snapshot)."""
    found = content_strings()
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
        for row in model._default_manager.values_list(*fields) if fields else []:
            found += [" ".join(json.dumps(value, ensure_ascii=False).split()) for value in row if value]
    return sorted(found, key=len, reverse=True)


class _AnyRequest:
    """Enough of a superuser's request for has_add_permission, which only asks about the user."""

    class user:
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm, obj=None):
            return True


def test_the_admin_reads_in_welsh_at_its_welsh_address(client):
    world = build_world()
    client.force_login(world.users["administrator"])
    pages = {}
    for path in admin_pages("cy"):
        assert path.startswith("/cy/admin/"), path
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
    content = admin_content()
    english = {}
    for path, page in pages.items():
        # A catalogue phrase inside the council's own words ("Background paper" in a section headed
        # "Background papers") is theirs.
        left = [text for text in english_left(page, content) if not any(text in piece for piece in content)]
        if left:
            english[path] = left
    assert not english, "Admin pages still in English:\n" + "\n".join(f"{k}: {v}" for k, v in english.items())
    index = pages["/cy/admin/"]
    assert 'lang="cy"' in index
    assert "Pwyllgorau a chyfarfodydd" in index
    # The same page in English is a link away, as on every other page.
    assert '<a href="/admin/" hreflang="en-gb" lang="en-gb">English</a>' in index


def test_the_admin_stays_in_english_at_its_own_address(client):
    client.force_login(make_user("boss", access.ADMINISTRATORS, is_staff=True, is_superuser=True))
    index = client.get("/admin/").content.decode()
    assert "Committees and meetings" in index and "Site administration" in index
    assert "Pwyllgorau" not in index and 'lang="en-gb"' in index
    assert '<a href="/cy/admin/" hreflang="cy" lang="cy">Cymraeg</a>' in index
    committees = client.get("/admin/committee/committee/").content.decode()
    assert "Select committee to change" in committees
    group = client.get("/admin/auth/group/add/").content.decode()
    assert "Committees and meetings | agenda item | Can add agenda item" in group


def test_the_groups_form_names_permissions_in_welsh(client):
    client.force_login(make_user("boss", access.ADMINISTRATORS, is_staff=True, is_superuser=True))
    group = client.get("/cy/admin/auth/group/add/").content.decode()
    assert "Pwyllgorau a chyfarfodydd | eitem ar yr agenda | Gall ychwanegu eitem ar yr agenda" in group
    assert "Can add" not in group


def test_the_welsh_admin_signs_in_and_out_at_its_own_address(client):
    make_user("boss", access.ADMINISTRATORS, is_staff=True, is_superuser=True)
    assert client.get("/cy/admin/")["Location"] == "/cy/admin/login/?next=/cy/admin/"
    sign_in = client.get("/cy/admin/login/?next=/cy/admin/").content.decode()
    assert 'lang="cy"' in sign_in and "Mewngofnodi" in sign_in
    response = client.post(
        "/cy/admin/login/?next=/cy/admin/", {"username": "boss", "password": "pw", "next": "/cy/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/cy/admin/"


def test_the_admin_words_we_translate_are_still_the_ones_django_and_the_packages_use():
    """core/admin_catalogue.py lists the English of Django's admin and of two packages: a string they
    reword in an upgrade would leave ours unused and theirs in English."""
    import django

    from core import admin_catalogue

    django_root = Path(django.__file__).parent
    django_english = {
        entry.msgid
        for app in ("contrib/admin", "contrib/auth")
        for entry in read_po(django_root / app / "locale" / "en" / "LC_MESSAGES" / "django.po")
    }
    missing = [
        text for text in admin_catalogue.DJANGO_ADMIN + admin_catalogue.DJANGO_AUTH if text not in django_english
    ]
    packages = "".join(
        path.read_text(encoding="utf-8")
        for package in ("axes", "django_tasks_db")
        for path in Path(importlib.import_module(package).__file__).parent.glob("*.py")
    )
    missing += [text for text in admin_catalogue.THIRD_PARTY if f'"{text}"' not in packages]
    assert not missing, missing


def test_view_site_leads_to_the_home_page_in_the_admins_language(client):
    client.force_login(make_user("boss", access.ADMINISTRATORS, is_staff=True, is_superuser=True))
    assert '<a href="/cy/">' in client.get("/cy/admin/").content.decode()
    assert '<a href="/">' in client.get("/admin/").content.decode()
