"""E-mail alerts, click by click in Chromium, with the mail through a real SMTP server (aiosmtpd) and the
worker's tasks run as the worker would: a member of the public, without an account, asks for alerts on a
ward and on a word, confirms each from the e-mail's link, gets an alert when a matching report is
published, follows it to the report, and stops each alert in one click (one from the browser, one as a
mail program does it, RFC 8058). axe-core runs on every page they pass."""

from __future__ import annotations

import re
import urllib.request

import pytest

from alerts.models import Alert, Subscriber
from tests.alerts.builders import EXEMPT_SECRET, agenda_ready, publish
from tests.alerts.conftest import body, run_alert_tasks, smtp  # noqa: F401
from tests.browser.test_journeys import accessible, shot

ADDRESS = "resident@example.com"


def link_after(text: str, label: str) -> str:
    return re.search(re.escape(label) + r"\s*(\S+)", text).group(1)


def ask(page, base: str, *, choose) -> None:
    page.goto(f"{base}/alerts/")
    page.get_by_role("heading", name="Get e-mail alerts").wait_for()
    page.get_by_label("Your e-mail address").fill(ADDRESS)
    choose(page)
    page.get_by_label("As each item is published").check()
    page.get_by_role("button", name="Send me a link to confirm").click()
    page.get_by_role("heading", name="Check your e-mail").wait_for()
    accessible(page)


@pytest.fixture
def council(transactional_db, settings, live_server):
    # The e-mails' links lead to the site under test.
    settings.SITE_URL = live_server.url
    return agenda_ready()


def test_a_resident_follows_a_ward_and_a_word_gets_the_alert_and_stops_it_in_one_click(
    live_server,
    page,
    council,
    smtp,  # noqa: F811
):
    base = live_server.url

    # 1. Ask for two alerts without an account; a missing ward is refused, with the address kept.
    page.goto(f"{base}/alerts/")
    accessible(page)
    page.get_by_label("Your e-mail address").fill(ADDRESS)
    page.get_by_label("A ward", exact=True).check()
    page.get_by_role("button", name="Send me a link to confirm").click()
    page.get_by_text("Choose the ward to follow.").first.wait_for()
    assert page.get_by_label("Your e-mail address").input_value() == ADDRESS
    accessible(page)

    def ward(page):
        page.get_by_label("A ward", exact=True).check()
        page.get_by_label("Ward", exact=True).select_option(label="Hale")

    def word(page):
        page.get_by_label("Words, as in a search").check()
        page.get_by_label("Words", exact=True).fill("library")

    ask(page, base, choose=ward)
    ask(page, base, choose=word)
    assert Alert.objects.filter(confirmed_at__isnull=True).count() == 2

    # 2. The worker sends the double opt-in e-mails; each link opens a page that asks for one press.
    run_alert_tasks()
    confirmations = smtp.to(ADDRESS)
    assert len(confirmations) == 2
    for message in confirmations:
        page.goto(link_after(body(message), "open this link and press the button within 7 days:"))
        page.get_by_role("heading", name="Confirm your alert").wait_for()
        accessible(page)
        page.get_by_role("button", name="Start this alert").click()
        page.get_by_role("heading", name="Your alerts").wait_for()
    accessible(page)
    assert page.get_by_role("cell", name="On", exact=True).count() == 2
    shot(page, "alerts-manage")

    # 3. The governance team publishes the agenda; the worker matches and sends through SMTP.
    publish(council)
    run_alert_tasks()
    alerts = smtp.to(ADDRESS)[2:]
    assert len(alerts) == 2, [m["Subject"] for m in alerts]
    by_reason = {("ward" if "Hale ward" in body(m) else "word"): m for m in alerts}
    assert set(by_reason) == {"ward", "word"}
    text = body(by_reason["word"])
    assert "Library opening hours in Hale" in text
    assert "Why you are getting this: it mentions “library”." in text
    assert "Why you are getting this: it is about Hale ward." in body(by_reason["ward"])
    for message in alerts:
        assert "Disposal of the depot" not in body(message) and EXEMPT_SECRET not in message.as_string()

    # The e-mail's link reads the report.
    page.goto(link_after(text, "Read it:"))
    page.get_by_role("heading", name="Library opening hours in Hale").first.wait_for()

    # 4. One click in the browser stops the ward's alert ...
    page.goto(link_after(body(by_reason["ward"]), "Stop this alert (one click):"))
    page.get_by_role("heading", name="Stop this alert").wait_for()
    accessible(page)
    page.get_by_role("button", name="Stop this alert").click()
    page.get_by_role("heading", name="Alert stopped").wait_for()
    accessible(page)
    assert list(Alert.objects.values_list("kind", flat=True)) == [Alert.Kind.WORDS]

    # ... and a mail program's one-click POST (no cookie, no CSRF token) stops the word's; with no alert
    # left, the address itself is deleted.
    message = by_reason["word"]
    unsubscribe = message["List-Unsubscribe"].strip().removeprefix("<").removesuffix(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    request = urllib.request.Request(unsubscribe, data=b"List-Unsubscribe=One-Click", method="POST")
    with urllib.request.urlopen(request) as response:
        assert response.status == 200
    assert not Alert.objects.exists() and not Subscriber.objects.exists()
