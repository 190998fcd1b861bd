"""axe-core on every page type the project has, public and staff, and on forms' error states.

The pages come from walking the URL resolver (tests/urlwalk.py) through the access matrix's table
(tests/access_matrix.py): for each URL pattern, the first person in PERSONAS_IN_TURN who may open it
(so public pages are checked as the public sees them) on the first object state they may open it
in. A new view is therefore checked the day it is added. Answers that are not web pages (PDF, Word,
CSV, feeds, calendars, JSON) are left to their own tests.
"""

from __future__ import annotations

import pytest

from committee import agenda, minutes
from tests import access_matrix as spec
from tests.browser.conftest import describe, run_axe
from tests.browser.test_journeys import sign_in
from tests.matrix_world import build_world
from tests.test_access_matrix import PROJECT_PATTERNS, _reverse, subject_kwargs

PERSONAS_IN_TURN = [
    *["anonymous", "author", "approver", "governance_officer", "committee_member", "administrator"],
    "monitoring_officer",  # the register of interests' checks (members/)
]


@pytest.fixture
def world(db):
    built = build_world()
    # Minutes with a decision, so the minutes and decisions pages have something to show.
    meeting, officer = built.published_meeting, built.users["governance_officer"]
    item = meeting.agenda_items.exclude(report=None).first()
    minutes.set_decision(item, officer, outcome="agreed", text="<p>Agreed.</p>")
    minutes.publish_minutes(meeting, officer)
    agenda.add_item(built.unpublished_meeting, officer, title="Any other business", description="", part=1)
    return built


def page_types(world) -> list[tuple[str, str, str]]:
    """(URL name, persona, path) for each URL pattern that some persona may open with a GET."""
    chosen = []
    for name in PROJECT_PATTERNS:
        expect = spec.EXPECTATIONS.get(name)
        if expect is None or name.startswith("^"):
            continue
        options = [
            (persona, state)
            for persona in PERSONAS_IN_TURN
            for state in spec.SUBJECT_STATES[expect.subject]
            if expect.get(persona, state) == 200
        ]
        if not options:
            continue
        persona, state = options[0]
        path = _reverse(world, name, expect.subject, state)
        if expect.query:
            path += "?" + expect.query.format(**subject_kwargs(world, name, expect.subject, state))
        chosen.append((name, persona, path))
    return chosen


class People:
    """One signed-in browser tab per persona, opened when first needed."""

    def __init__(self, browser, base: str, world):
        self.browser, self.base, self.world, self.tabs = browser, base, world, {}

    def __getitem__(self, persona: str):
        if persona not in self.tabs:
            context = self.browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}, bypass_csp=True)
            tab = context.new_page()
            tab.set_default_timeout(60_000)
            if self.world.users[persona] is not None:
                sign_in(tab, self.base, self.world.users[persona])
            self.tabs[persona] = tab
        return self.tabs[persona]

    def close(self):
        for tab in self.tabs.values():
            tab.context.close()


@pytest.fixture
def people(live_server, browser, world):
    crowd = People(browser, live_server.url, world)
    yield crowd
    crowd.close()


def test_every_page_type_has_no_accessibility_violations(live_server, people, world):
    failures, checked = {}, []
    for name, persona, path in page_types(world):
        tab = people[persona]
        url = live_server.url + path
        # Look before opening: a PDF or a calendar would be downloaded, not shown.
        answer = tab.context.request.get(url, max_redirects=0)
        downloaded = "attachment" in answer.headers.get("content-disposition", "")
        if answer.status != 200 or "text/html" not in answer.headers.get("content-type", "") or downloaded:
            continue
        tab.goto(url)
        checked.append(name)
        violations = run_axe(tab)
        if violations:
            failures[f"{name} as {persona}: {path}"] = describe(violations)
    # The walk must really have covered the site: the main public and staff pages are among them.
    for name in [
        "home",
        "committee:meeting_detail",
        "reports:report_detail",
        "reports:report_edit",
        "committee:agenda_build",
        "committee:minutes_edit",
        "committee:work_programme_manage",
        "committee:search",
        "reports:dashboard",
    ]:
        assert name in checked, f"{name} was not checked"
    assert len(checked) >= 35, checked
    assert failures == {}, "\n\n".join(f"{page}\n{text}" for page, text in failures.items())


def test_the_admin_pages_have_no_accessibility_violations(live_server, people, world):
    """The Django admin, as its administrator uses it: the index, lists with filters, and a report's
    change form (autocomplete lists, date-and-time fields)."""
    failures = {}
    for name, expect in spec.ADMIN_SAMPLE.items():
        path = _reverse(world, name, expect.subject, spec.SUBJECT_STATES[expect.subject][0])
        tab = people["administrator"]
        assert tab.goto(live_server.url + path).status == 200, path
        if violations := run_axe(tab):
            failures[f"{name}: {path}"] = describe(violations)
    assert failures == {}, "\n\n".join(f"{page}\n{text}" for page, text in failures.items())


def test_error_pages_have_no_accessibility_violations(live_server, people, world):
    failures = {}
    anonymous = people["anonymous"]
    for path, status in [("/no-such-page/", 404), ("/meetings/999999/", 404)]:
        response = anonymous.goto(live_server.url + path)
        assert response.status == status
        if violations := run_axe(anonymous):
            failures[path] = describe(violations)
    author = people["author"]
    response = author.goto(live_server.url + "/manage/meetings/")  # for governance officers only
    assert response.status == 403
    if violations := run_axe(author):
        failures["403"] = describe(violations)
    assert failures == {}, "\n\n".join(f"{page}\n{text}" for page, text in failures.items())


# Forms sent empty or wrong: (who, the page, the button) — the page must show its errors accessibly.
def error_states(world) -> list[tuple[str, str, str]]:
    draft = world.reports["draft"]
    published = world.reports["published_public"]
    meeting = world.unpublished_meeting
    item = meeting.agenda_items.order_by("position").last()
    committee = world.committee.slug
    wp_item = world.wp_items["wp_public"]
    return [
        ("anonymous", "/accounts/login/", "Sign in"),
        ("author", "/reports/new/", "Start the report"),
        ("author", f"/reports/{draft.pk}/edit/details/", None),
        ("author", f"/reports/{draft.pk}/edit/?add=recommendation-new#add-recommendation", "Add the recommendation"),
        ("author", f"/reports/{draft.pk}/edit/?add=paper-new#add-paper", "Add the paper"),
        ("author", f"/reports/{draft.pk}/edit/?add=appendix-new#add-appendix", "Upload the appendix"),
        ("governance_officer", f"/reports/{published.pk}/correct/", None),
        ("governance_officer", f"/manage/committees/{committee}/schedule/", None),
        ("governance_officer", f"/manage/committees/{committee}/schedule-series/", None),
        ("governance_officer", f"/manage/meetings/{meeting.pk}/agenda/items/{item.pk}/edit/", None),
        ("governance_officer", f"/manage/meetings/{meeting.pk}/postpone/", None),
        ("governance_officer", f"/manage/meetings/{meeting.pk}/cancel/", None),
        ("governance_officer", f"/committees/{committee}/work-programme/manage/add/", None),
        ("governance_officer", f"/work-programme/items/{wp_item.pk}/edit/", None),
        ("governance_officer", f"/work-programme/items/{wp_item.pk}/route/", None),
        ("governance_officer", f"/committees/{committee}/work-programme/manage/import/", None),
        ("anonymous", "/search/?q=library&from=2017-02-31", ""),
        # The register of interests (members/): a member's own forms, the monitoring officer's.
        ("committee_member", "/my-register/", "Send to the monitoring officer"),
        ("committee_member", "/my-register/", "Register the gift or hospitality"),
        ("monitoring_officer", "/manage/register/", "Record the dispensation"),
    ]


ERRORS = ".govuk-error-summary, .govuk-error-message"
SUBMIT = "button[type=submit], input[type=submit]"
FIELDS = "input[type=text], input[type=date], input[type=time], input[type=url], input[type=email], textarea"


def send_empty(tab, button: str | None) -> None:
    """Empty the form's fields and send it: with the named button, or the main form's last one."""
    send = (
        tab.locator("main").get_by_role("button", name=button, exact=True)
        if button
        else tab.locator(f"main form[method=post] :is({SUBMIT})").last
    )
    form = send.locator("xpath=ancestor::form")
    for field in form.locator(FIELDS).all():
        if field.is_visible():
            field.fill("")
    send.click()
    # The editor's script shows the errors in place; other forms come back as a new page.
    tab.locator(ERRORS).first.wait_for()


def test_forms_error_states_have_no_accessibility_violations(live_server, people, world):
    failures = {}
    for persona, path, button in error_states(world):
        tab = people[persona]
        tab.goto(live_server.url + path)
        if button != "":
            send_empty(tab, button)
        assert tab.locator(ERRORS).count(), f"{path} as {persona}: sending the form empty showed no error"
        if violations := run_axe(tab):
            failures[f"{path} as {persona}"] = describe(violations)
    assert failures == {}, "\n\n".join(f"{page}\n{text}" for page, text in failures.items())
