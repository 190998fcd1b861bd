"""The programme pages in a real browser: no accessibility violations that axe-core can find,
and the table edits many items without JavaScript."""

from __future__ import annotations

import datetime
import os

import pytest
from django.conf import settings
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from committee.models import WorkProgrammeItem
from tests.conftest import make_committee, make_meeting, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("needs /usr/bin/chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    # Playwright runs its own event loop; Django's async-safety check would otherwise refuse the ORM here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()
        # Inside Playwright's event loop the ORM gets connections of its own: close them here, or
        # they outlive the test and keep the test database from being dropped.
        connections.close_all()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def server(django_db_setup, live_server):
    # The test database first, then the server: torn down in reverse, the server's connection
    # is closed before the database is dropped.
    return live_server


def axe_violations(page, server) -> list[str]:
    # From the app's own static files: the Content-Security-Policy refuses inline script.
    page.add_script_tag(url=f"{server.url}{settings.STATIC_URL}build/axe.min.js")
    # WCAG 2.1 A and AA, the public sector accessibility standard.
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'], "
        "runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result["violations"]]


@pytest.fixture
def programme():
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


def test_the_public_programme_and_forward_plan_pass_axe(server, browser, programme):
    page = browser.new_page()
    for url in [
        reverse("committee:work_programme_public", args=[programme.slug]),
        reverse("committee:forward_plan"),
    ]:
        page.goto(server.url + url, wait_until="domcontentloaded")
        assert axe_violations(page, server) == [], url


def test_an_officer_edits_the_table_without_javascript_and_the_pages_pass_axe(server, browser, programme):
    make_user("clerk", "Governance officers")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + reverse("login"))
    page.fill("input[name=username]", "clerk")
    page.fill("input[name=password]", "pw")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    table_url = server.url + reverse("committee:work_programme_table", args=[programme.slug])
    page.goto(table_url)
    page.fill("input[name=form-0-title]", "Item 0, renamed in the table")
    page.fill("input[name=form-2-report_of]", "Director of Finance")
    page.get_by_role("button", name="Save all changes").click()
    assert "2 items saved" in page.content()
    assert WorkProgrammeItem.objects.filter(title="Item 0, renamed in the table").exists()
    assert WorkProgrammeItem.objects.get(title="Item 2").report_of == "Director of Finance"
    # axe needs scripts: check the keeping pages in a second, scripted context.
    scripted = browser.new_context()
    scripted.add_cookies(context.cookies())
    page = scripted.new_page()
    item = WorkProgrammeItem.objects.first()
    for url in [
        reverse("committee:work_programme_manage", args=[programme.slug]),
        reverse("committee:work_programme_table", args=[programme.slug]),
        reverse("committee:work_programme_import", args=[programme.slug]),
        reverse("committee:work_programme_item", args=[item.pk]),
        reverse("committee:work_programme_item_route", args=[item.pk]),
    ]:
        page.goto(server.url + url, wait_until="domcontentloaded")
        assert axe_violations(page, server) == [], url
