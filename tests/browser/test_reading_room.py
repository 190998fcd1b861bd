"""The reading room in a real browser: notes made by selecting words, seen in a second browser of the
same member and in no browser of anyone else; axe-core on every reading-room page."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from committee import access
from committee.models import Membership
from tests.browser.conftest import describe
from tests.conftest import make_committee, make_user
from tests.reading_room.builders import coming_meeting, reword
from tests.reading_room.test_notes import with_pdf_appendix

pytestmark = pytest.mark.browser

NOTE = "Ask whether Sunday opening was costed"


@pytest.fixture
def council(transactional_db):
    committee = make_committee()
    other = make_committee("Adults and Safeguarding Committee")
    people = {
        "member": make_user("member", access.COMMITTEE_MEMBERS, committee=committee),
        "other_member": make_user("othermember", access.COMMITTEE_MEMBERS, committee=other),
        "admin": make_user("admin", access.ADMINISTRATORS, is_staff=True, is_superuser=True),
    }
    author = make_user("author", access.REPORT_AUTHORS)
    approver = make_user("legal", access.LEGAL_APPROVERS)
    officer = make_user("governance", access.GOVERNANCE_OFFICERS, is_staff=True)
    meeting, public, exempt = coming_meeting(committee, author, approver, officer)
    return {**people, "officer": officer, "meeting": meeting, "public": public, "exempt": exempt}


def signed_in(browser, base: str, user):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}{reverse('login')}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    return page


SELECT = """([id, words]) => {
  const element = document.getElementById(id);
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(words);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }
  }
  return false;
}"""


def test_a_note_made_in_one_browser_shows_in_the_members_other_browser_and_nobody_elses(live_server, browser, council):
    report_url = live_server.url + reverse("reading_room:report", args=[council["public"].pk])
    first = signed_in(browser, live_server.url, council["member"])
    first.goto(report_url)
    assert first.evaluate(SELECT, ["paragraph-1.1", "opens at nine"])
    first.get_by_role("button", name="Add a note").click()
    first.get_by_label("Your note", exact=True).fill(NOTE)
    first.get_by_role("button", name="Keep note").click()
    first.wait_for_load_state()
    assert "Note kept on paragraph 1.1" in first.content()
    assert first.locator("#paragraph-1\\.1 mark.council-note-mark").inner_text() == "opens at nine"

    # A highlight, from a selection, in one click.
    assert first.evaluate(SELECT, ["paragraph-1.2", "rose by a tenth"])
    first.get_by_role("button", name="Highlight").click()
    first.wait_for_load_state()
    assert first.locator("#paragraph-1\\.2 mark.council-note-mark").inner_text() == "rose by a tenth"

    second = signed_in(browser, live_server.url, council["member"])
    second.goto(report_url)
    assert NOTE in second.content()
    assert second.locator("mark.council-note-mark").count() == 2

    for who in ("other_member", "admin"):
        other = signed_in(browser, live_server.url, council[who])
        for path in (
            report_url,
            live_server.url + reverse("reading_room:my_meetings"),
            live_server.url + "/admin/",
        ):
            other.goto(path)
            assert NOTE not in other.content(), f"{who} sees the note at {path}"
            assert other.locator("mark.council-note-mark").count() == 0
        other.context.close()
    first.context.close()
    second.context.close()


def test_every_reading_room_page_has_no_accessibility_violations(live_server, browser, council):
    page = signed_in(browser, live_server.url, council["member"])
    report = council["public"]
    page.goto(live_server.url + reverse("reading_room:report", args=[report.pk]))
    first_revision = report.revisions.filter(is_published=True).order_by("number").first().number
    page.evaluate(SELECT, ["paragraph-1.1", "opens at nine"])
    page.get_by_role("button", name="Add a note").click()
    page.get_by_label("Your note", exact=True).fill(NOTE)
    page.get_by_role("button", name="Keep note").click()
    page.wait_for_load_state()
    reword(report, council["officer"], 1, "<p>Visits rose by a fifth in 2016.</p>")
    with_pdf_appendix(report, council["officer"])  # and its form for notes on a page of it
    pages = {
        "my meetings": reverse("reading_room:my_meetings"),
        "meeting": reverse("reading_room:meeting", args=[council["meeting"].pk]),
        "report with notes and a correction": reverse("reading_room:report", args=[report.pk]),
        "Part 2 report": reverse("reading_room:report", args=[council["exempt"].pk]),
        "what changed": reverse("reading_room:report_changes", args=[report.pk]) + f"?since={first_revision}",
    }
    failures = {}
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, name
        if violations := axe_run(page):
            failures[name] = describe(violations)
        if os.environ.get("READING_ROOM_SCREENSHOTS"):  # to look at them: a folder to write to
            page.screenshot(path=f"{os.environ['READING_ROOM_SCREENSHOTS']}/{name}.png", full_page=True)
    # A refused note: the form comes back with its errors.
    page.goto(live_server.url + pages["Part 2 report"])
    page.get_by_role("button", name="Keep note").click()
    page.wait_for_load_state()
    assert "Write your note" in page.content()
    if violations := axe_run(page):
        failures["refused note"] = describe(violations)
    # A note on a page of the PDF appendix: refused (no such page), then kept.
    page.goto(live_server.url + pages["report with notes and a correction"])
    page.get_by_label("Page", exact=True).fill("9")
    page.get_by_label("Your note on the page").fill(NOTE)
    page.get_by_role("button", name="Keep note on the appendix").click()
    page.wait_for_load_state()
    assert "Appendix A has 3 pages" in page.content()
    if violations := axe_run(page):
        failures["refused appendix note"] = describe(violations)
    page.get_by_label("Page", exact=True).fill("2")
    page.get_by_role("button", name="Keep note on the appendix").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Appendix A, page 2").count() == 1
    if violations := axe_run(page):
        failures["appendix note"] = describe(violations)
    if os.environ.get("READING_ROOM_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['READING_ROOM_SCREENSHOTS']}/appendix note.png", full_page=True)
    assert failures == {}
    page.context.close()


def axe_run(page):
    from tests.browser.conftest import run_axe

    return run_axe(page)


PART2_IN_CACHES = """async (url) => {
  for (const name of await caches.keys()) {
    if (await (await caches.open(name)).match(url)) return true;
  }
  return false;
}"""


def test_kept_papers_open_offline_and_part_2_ones_go_at_sign_out(live_server, browser, council):
    page = signed_in(browser, live_server.url, council["member"])
    base = live_server.url
    meeting_url = base + reverse("reading_room:meeting", args=[council["meeting"].pk])
    public_path = reverse("reading_room:report", args=[council["public"].pk])
    exempt_path = reverse("reading_room:report", args=[council["exempt"].pk])
    keep_meeting(page, meeting_url)
    assert "could not" not in page.locator("[data-offline-status]").inner_text()
    assert page.evaluate(PART2_IN_CACHES, exempt_path)

    page.context.set_offline(True)
    page.goto(base + public_path)
    assert "Library opening hours" in page.content()
    assert "You are offline: this is the copy kept on this device" in page.content()
    page.goto(base + exempt_path)
    assert "Depot disposal" in page.content()
    assert "Exempt — not for publication" in page.content()
    assert "You are offline" in page.content()

    page.context.set_offline(False)
    page.goto(meeting_url)
    with page.expect_navigation(url=live_server.url + "/"):
        page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert not page.evaluate(PART2_IN_CACHES, exempt_path)
    page.context.close()


SYNC = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return await new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    registration.active.postMessage({ action: "sync" }, [channel.port2]);
  });
}"""


def test_the_next_meetings_papers_are_kept_without_asking_part_2_for_the_entitled(live_server, browser, council):
    base = live_server.url
    exempt_path = reverse("reading_room:report", args=[council["exempt"].pk])
    public_path = reverse("reading_room:report", args=[council["public"].pk])
    kept = f"(async () => await ({PART2_IN_CACHES})({exempt_path!r}) && await ({PART2_IN_CACHES})({public_path!r}))()"
    page = signed_in(browser, base, council["member"])
    page.goto(base + reverse("reading_room:my_meetings"))  # no "Keep for offline" pressed
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # the worker now controls the page, and syncs
    page.evaluate(SYNC)  # after the page's own sync, so once that one is done
    assert page.evaluate(kept)
    page.context.set_offline(True)
    page.goto(base + exempt_path)
    assert "Depot disposal" in page.content() and "You are offline" in page.content()
    page.context.close()

    other = signed_in(browser, base, council["other_member"])
    other.goto(base + reverse("reading_room:my_meetings"))
    other.evaluate("navigator.serviceWorker.ready.then(() => true)")
    other.reload()
    other.evaluate(SYNC)  # a whole sync, done: it must keep nothing of a committee they do not sit on
    assert not other.evaluate(PART2_IN_CACHES, exempt_path)
    assert not other.evaluate(PART2_IN_CACHES, public_path)
    other.context.close()


def keep_meeting(page, meeting_url: str) -> None:
    page.goto(meeting_url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.get_by_role("button", name="Keep for offline").click()
    page.wait_for_function("document.querySelector('[data-offline-status]').textContent.startsWith('Kept')")


@pytest.mark.parametrize("because", ["membership ended", "unopened for the set days"])
def test_part_2_papers_leave_the_device_at_the_next_sync(live_server, browser, council, settings, because):
    page = signed_in(browser, live_server.url, council["member"])
    meeting_url = live_server.url + reverse("reading_room:meeting", args=[council["meeting"].pk])
    public_path = reverse("reading_room:report", args=[council["public"].pk])
    exempt_path = reverse("reading_room:report", args=[council["exempt"].pk])
    keep_meeting(page, meeting_url)
    assert page.evaluate(PART2_IN_CACHES, exempt_path)
    if because == "membership ended":
        Membership.objects.filter(person__user=council["member"]).delete()
    else:
        settings.READING_ROOM_OFFLINE_DAYS = 0
    page.goto(live_server.url + reverse("reading_room:my_meetings"))  # every page syncs
    page.wait_for_function(f"(async () => !(await ({PART2_IN_CACHES})({exempt_path!r})))()", polling=200)
    assert page.evaluate(PART2_IN_CACHES, public_path)  # the public papers stay
    page.context.close()


def test_the_welsh_reading_room_speaks_welsh_in_its_script_and_offline(live_server, browser, council):
    """At /cy/ the selection's buttons, the keeping status and the offline notice are the page's Welsh."""
    base = live_server.url
    page = signed_in(browser, base, council["member"])
    page.goto(base + "/cy" + reverse("reading_room:report", args=[council["public"].pk]))
    assert page.evaluate(SELECT, ["paragraph-1.1", "opens at nine"])
    assert page.get_by_role("group", name="Geiriau a ddewiswyd").is_visible()
    page.get_by_role("button", name="Amlygu").click()
    page.wait_for_load_state()
    assert page.locator("#paragraph-1\\.1 mark.council-note-mark").inner_text() == "opens at nine"

    page.goto(base + "/cy" + reverse("reading_room:meeting", args=[council["meeting"].pk]))
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.get_by_role("button", name="Cadw i'w ddarllen all-lein").click()
    page.wait_for_function("document.querySelector('[data-offline-status]').textContent.startsWith('Papurau a gadwyd')")
    page.context.set_offline(True)
    page.goto(base + "/cy" + reverse("reading_room:report", args=[council["public"].pk]))
    shown = page.inner_text("main")
    assert "Rydych chi all-lein: dyma'r copi a gadwyd ar y ddyfais hon" in shown and "Rhybudd" in shown
    # (The page's scripts' words carry "You are offline…" as the key to its Welsh, never shown.)
    assert "You are offline" not in shown and "Warning" not in shown and "December" not in shown
    if os.environ.get("WELSH_SCREENSHOTS"):
        page.screenshot(path=os.environ["WELSH_SCREENSHOTS"] + "/reading-room-offline-cy.png", full_page=True)
    page.context.close()
