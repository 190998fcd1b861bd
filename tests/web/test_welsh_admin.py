"""The admin in Welsh: an administrator of a Welsh council reads the admin at /cy/admin/, the index, every
registered model's list and add form and a change form of each, with no English left that neither the
catalogues (ours and Django's) nor the council's own content explains. /admin/ stays in English."""

from __future__ import annotations

import html
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


def password_pages(client) -> dict[str, str]:
    """Every page of the password flows at /cy/, as an administrator meets them: the admin's own
    password change (the form, refused, done), the set-password form for another person (one with a
    password, one without; refused), and the sign-in pages with a wrong password."""
    boss = make_user("boss", access.ADMINISTRATORS, is_staff=True, is_superuser=True)
    other = make_user("clerk", access.GOVERNANCE_OFFICERS, is_staff=True)
    without = make_user("newcomer", access.REPORT_AUTHORS)
    without.set_unusable_password()
    without.save()
    pages = {}

    def page(name: str, response) -> None:
        assert response.status_code in (200, 403), (name, response.status_code)
        pages[name] = response.content.decode()

    page("sign-in refused", client.post("/cy/accounts/login/", {"username": "boss", "password": "wrong"}))
    page("admin sign-in refused", client.post("/cy/admin/login/", {"username": "boss", "password": "wrong"}))
    client.force_login(boss)
    page("change", client.get("/cy/admin/password_change/"))
    refused = {"old_password": "wrong", "new_password1": "boss", "new_password2": "other"}
    page("change refused", client.post("/cy/admin/password_change/", refused))
    weak = {"old_password": "pw", "new_password1": "12345678", "new_password2": "12345678"}
    page("change refused, weak", client.post("/cy/admin/password_change/", weak))
    good = {"old_password": "pw", "new_password1": "Llyfrgell-ar-agor-9", "new_password2": "Llyfrgell-ar-agor-9"}
    response = client.post("/cy/admin/password_change/", good, follow=True)
    assert response.redirect_chain[-1][0] == "/cy/admin/password_change/done/"
    page("change done", response)
    page("set another's", client.get(f"/cy/admin/auth/user/{other.pk}/password/"))
    page("set another's, none yet", client.get(f"/cy/admin/auth/user/{without.pk}/password/"))
    mismatch = {"password1": "Llyfrgell-ar-agor-9", "password2": "other", "usable_password": "true"}
    page("set another's refused", client.post(f"/cy/admin/auth/user/{other.pk}/password/", mismatch))
    response = client.post(
        f"/cy/admin/auth/user/{other.pk}/password/",
        {"password1": "Llyfrgell-ar-agor-9", "password2": "Llyfrgell-ar-agor-9", "usable_password": "true"},
        follow=True,
    )
    page("set another's done", response)
    return pages


def test_the_password_pages_read_in_welsh(client):
    pages = password_pages(client)
    content = admin_content()
    english = {name: left for name, page in pages.items() if (left := english_left(page, content))}
    assert not english, "Password pages still in English:\n" + "\n".join(f"{k}: {v}" for k, v in english.items())
    for name, page in pages.items():
        assert 'lang="cy"' in page, name
        assert "Please correct" not in page, name  # one English word to the heuristic: asked by name
    assert (
        "Cywirwch y gwallau isod." in pages["change refused"]
        and "Cywirwch y gwall isod." in pages["change refused, weak"]
    )
    # Django's own Welsh corrected: its spelling, and a councillor's refusal that spoke of a staff account.
    assert "Rhoddwyd eich hen gyfrinair yn anghywir." in html.unescape(pages["change refused"])
    assert "Newid cyfrinair yn llwyddiannus" in pages["change done"]
    assert "Newidiwyd y cyfrinair." in pages["set another's done"]
    assert (
        "Os caiff ei analluogi, bydd cyfrinair presennol y defnyddiwr hwn yn cael ei golli." in pages["set another's"]
    )
    refused = html.unescape(pages["sign-in refused"])
    assert "Teipiwch yr enw defnyddiwr a'r cyfrinair cywir." in refused and "cyfrif staff" not in refused
    assert "cyfrif staff" in html.unescape(pages["admin sign-in refused"])  # the admin's own, for staff


def test_the_admin_offers_no_password_reset_by_e_mail(client):
    """No reset-by-e-mail flow is set up (an administrator sets a password: "Reset password" on the
    person's page), so its pages are not there to leave in English, and sign-in offers no link to one."""
    assert "password_reset" not in client.get("/cy/admin/login/").content.decode()
    client.force_login(make_user("boss", access.ADMINISTRATORS, is_staff=True, is_superuser=True))
    assert client.get("/cy/admin/password_reset/").status_code == 404
