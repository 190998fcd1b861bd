"""The public site in Welsh, in a real browser: axe-core finds nothing on any public page type in
Welsh, and the language switch on each lands on the same page in the other language and back."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import translate_url

from committee import minutes
from tests.browser.conftest import describe, run_axe
from tests.matrix_world import build_world
from tests.web.test_welsh_site import public_pages

pytestmark = pytest.mark.browser


@pytest.fixture
def world(db):
    built = build_world()
    meeting, officer = built.published_meeting, built.users["governance_officer"]
    item = meeting.agenda_items.exclude(report=None).first()
    minutes.set_decision(item, officer, outcome="agreed", text="<p>Agreed.</p>")
    minutes.publish_minutes(meeting, officer)
    return built


def welsh_web_pages(world, page, base: str) -> list[tuple[str, str, str]]:
    """(URL name, English path, Welsh path) of each public page type that is a web page."""
    found = []
    for name, path in public_pages(world):
        welsh = translate_url(path, "cy")
        if welsh == path:
            continue
        answer = page.context.request.get(base + welsh, max_redirects=0)
        downloaded = "attachment" in answer.headers.get("content-disposition", "")
        if answer.status == 200 and "text/html" in answer.headers.get("content-type", "") and not downloaded:
            found.append((name, path, welsh))
    return found


def here(page) -> str:
    parts = urlsplit(page.url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_every_public_page_type_in_welsh_has_no_accessibility_violations(live_server, page, world):
    failures, checked = {}, []
    for name, _path, welsh in welsh_web_pages(world, page, live_server.url):
        page.goto(live_server.url + welsh)
        assert page.locator("html").get_attribute("lang") == "cy", name
        checked.append(name)
        if violations := run_axe(page):
            failures[f"{name}: {welsh}"] = describe(violations)
    page.goto(live_server.url + "/cy/meetings/calendar/?month=2017-02")
    page.screenshot(path="test-artifacts/screenshots/welsh-calendar.png", full_page=True)
    assert {"home", "committee:meeting_detail", "reports:report_detail", "committee:search"} <= set(checked)
    assert len(checked) >= 12, checked
    assert failures == {}, "\n\n".join(f"{where}\n{text}" for where, text in failures.items())


def test_the_language_switch_on_each_public_page_type_lands_on_the_same_page(live_server, page, world):
    for name, english, welsh in welsh_web_pages(world, page, live_server.url):
        page.goto(live_server.url + welsh)
        page.get_by_role("navigation", name="Iaith").get_by_role("link", name="English").click()
        assert here(page) == english, name
        assert page.locator("html").get_attribute("lang") == "en-gb", name
        page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg").click()
        assert here(page) == welsh, name
