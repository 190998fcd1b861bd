"""Every model is usable in the Django admin: each list and add page loads for an administrator."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in {"committee", "reports"}
    # The council is one record, opened from its list and never added: tests/committee/test_council.py.
    and model._meta.model_name != "council"
)


def test_every_domain_model_is_registered():
    names = {name for _app, name in REGISTERED}
    assert {
        "committee",
        "person",
        "ward",
        "membership",
        "meeting",
        "agendaitem",
        "workprogrammeitem",
        "report",
        "recommendation",
        "section",
        "paragraph",
        "backgroundpaper",
        "appendix",
        "reporttemplate",
    } <= names


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_admin_list_and_add_pages_load(admin_client, demo, app_label, model_name):
    changelist = admin_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert changelist.status_code == 200
    searched = admin_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"), {"q": "report"})
    assert searched.status_code == 200
    add = admin_client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    assert add.status_code == 200


def test_a_reports_change_page_shows_its_recommendations_and_sections_inline(admin_client, demo):
    from reports.models import Report

    report = Report.objects.get(title__startswith="HMIC")
    body = admin_client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    assert "That the Committee notes the report." in body
    assert "Why this report is needed" in body


def test_the_public_cannot_reach_the_admin(client):
    response = client.get(reverse("admin:reports_report_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
