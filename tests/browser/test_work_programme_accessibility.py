"""The programme pages in a real browser: no WCAG 2.2 AA violations that axe-core can find,
and the table edits many items without JavaScript."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from committee import access
from committee.models import WorkProgrammeItem
from tests.browser.conftest import describe
from tests.conftest import make_committee, make_meeting, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def programme(db):
    committee = make_committee(takes_key_decisions=True)
    today = timezone.localdate()
    meeting = make_meeting(committee, today + datetime.timedelta(days=40))
    for n, exempt in enumerate([False, True, False]):
        WorkProgrammeItem.objects.create(
            committee=committee,
            title=f"Item {n}",
            purpose="A purpose.",
            target_meeting=meeting,
            key_decision=True,
            is_exempt=exempt,
            exempt_paragraph=3 if exempt else None,
            first_published_on=today,
        )
    return committee


def check(page, axe, base: str, paths: list[str]) -> dict:
    failures = {}
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path
        if violations := axe(page):
            failures[path] = describe(violations)
    return failures


def test_the_public_programme_and_forward_plan_have_no_accessibility_violations(live_server, page, axe, programme):
    paths = [reverse("committee:work_programme_public", args=[programme.slug]), reverse("committee:forward_plan")]
    assert check(page, axe, live_server.url, paths) == {}


def test_an_officer_edits_the_table_without_javascript_and_the_keeping_pages_pass_axe(
    live_server, browser, page, axe, programme
):
    make_user("clerk", access.GOVERNANCE_OFFICERS)
    no_script = browser.new_context(java_script_enabled=False, locale="en-GB")
    form = no_script.new_page()
    form.goto(live_server.url + reverse("login"))
    form.fill("input[name=username]", "clerk")
    form.fill("input[name=password]", "pw")
    form.locator("main form button[type=submit], main form input[type=submit]").last.click()
    form.goto(live_server.url + reverse("committee:work_programme_table", args=[programme.slug]))
    form.fill("input[name=form-0-title]", "Item 0, renamed in the table")
    form.fill("input[name=form-2-report_of]", "Director of Finance")
    form.get_by_role("button", name="Save all changes").click()
    assert "2 items saved" in form.content()
    assert WorkProgrammeItem.objects.filter(title="Item 0, renamed in the table").exists()
    assert WorkProgrammeItem.objects.get(title="Item 2").report_of == "Director of Finance"

    page.context.add_cookies(no_script.cookies())
    no_script.close()
    item = WorkProgrammeItem.objects.first()
    paths = [
        reverse("committee:work_programme_manage", args=[programme.slug]),
        reverse("committee:work_programme_table", args=[programme.slug]),
        reverse("committee:work_programme_import", args=[programme.slug]),
        reverse("committee:work_programme_item", args=[item.pk]),
        reverse("committee:work_programme_item_route", args=[item.pk]),
        reverse("committee:work_programme_due"),
    ]
    assert check(page, axe, live_server.url, paths) == {}
