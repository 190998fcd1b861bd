"""Permissions named in the reader's language on the admin's user and group forms.

Django stores each permission's name once, in English ("Can add agenda item"), and shows that name
whatever the language. The four it makes for every model are named here again from their action and
the model's (translated) name, so /cy/admin/ lists "Gall ychwanegu eitem ar yr agenda"; any other
permission keeps the name it was given.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.utils.translation import gettext_lazy

from core.admin_passwords import SetPasswordForm

ACTIONS = {
    "add": gettext_lazy("Can add %(name)s"),
    "change": gettext_lazy("Can change %(name)s"),
    "delete": gettext_lazy("Can delete %(name)s"),
    "view": gettext_lazy("Can view %(name)s"),
}


def permission_label(permission: Permission) -> str:
    """ "Committees and meetings | agenda item | Can add agenda item", in the active language."""
    content_type = permission.content_type
    model = content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    name = permission.name
    if model is not None and action in ACTIONS and permission.codename == f"{action}_{model._meta.model_name}":
        name = str(ACTIONS[action]) % {"name": model._meta.verbose_name}
    return f"{content_type} | {name}"


class PermissionsNamedMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if field is not None and db_field.related_model is Permission:
            field.label_from_instance = permission_label
        return field


class PermissionsNamedGroupAdmin(PermissionsNamedMixin, GroupAdmin):
    pass


class PermissionsNamedUserAdmin(PermissionsNamedMixin, UserAdmin):
    change_password_form = SetPasswordForm  # its help in the reader's language (core/admin_passwords.py)


def register(site: admin.AdminSite) -> None:
    """Put the user and group admins that name permissions in the reader's language in Django's place."""
    for model, model_admin in ((Group, PermissionsNamedGroupAdmin), (User, PermissionsNamedUserAdmin)):
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)
