"""What people do, click by click, in a real browser: each journey checks what the person sees,
runs axe-core on the pages it passes through, and leaves a screenshot of its last page in
test-artifacts/screenshots/ (kept by CI as an artefact)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone

from committee import access
from committee.models import WorkProgrammeItem
from reports import workflow
from reports.models import Report
from tests.browser.conftest import describe, run_axe
from tests.conftest import LONDON, make_committee, make_meeting, make_report, make_user

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def accessible(page) -> None:
    violations = run_axe(page)
    assert violations == [], f"{page.url}\n{describe(violations)}"


@pytest.fixture
def page(page):
    # Journeys load many pages, some of which build PDFs: allow for a busy CI machine.
    page.set_default_timeout(90_000)
    return page


def sign_in(page, base: str, user) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def future_meeting(committee, days: int = 40):
    return make_meeting(committee, (timezone.localdate() + datetime.timedelta(days=days)))


@pytest.fixture
def council(db):
    committee = make_committee(requires_finance_signoff=False, requires_director_signoff=False)
    return {
        "committee": committee,
        "meeting": future_meeting(committee),
        "author": make_user("author", access.REPORT_AUTHORS, first_name="Ada", last_name="Lovelace"),
        "approver": make_user("legal", access.LEGAL_APPROVERS, first_name="Grace", last_name="Obi"),
        "officer": make_user("governance", access.GOVERNANCE_OFFICERS, is_staff=True),
    }


# 1. An author writes a report from the template and submits it ------------------------------------


def test_an_author_writes_a_report_from_the_template_and_submits_it(live_server, page, council, tmp_path):
    base = live_server.url
    sign_in(page, base, council["author"])
    page.goto(f"{base}/reports/new/")
    accessible(page)
    page.get_by_label("Committee").select_option(label=council["committee"].name)
    page.get_by_label("Title").fill("Library opening hours")
    page.get_by_label("Report of").fill("Commissioning Director, Libraries")
    page.get_by_role("button", name="Start the report").click()
    page.get_by_text("Your draft is ready").wait_for()
    accessible(page)

    page.get_by_role("link", name="Edit the summary").click()
    page.get_by_label("Summary").fill("Opening hours change from April to save money.")
    page.get_by_role("button", name="Save the summary").click()
    page.get_by_text("Opening hours change from April").wait_for()

    for text in ["note the review", "agree the new hours", "delegate the detail"]:
        page.get_by_role("link", name="Add a recommendation").click()
        page.get_by_label("New recommendation").fill(f"That the Committee {text}.")
        page.get_by_role("button", name="Add the recommendation").click()
        page.get_by_text(f"That the Committee {text}.").wait_for()
    assert page.locator("#recommendations ~ .council-edit-item").count() == 3

    first_section = page.locator("section.council-edit-section").first
    first_section.get_by_role("link", name=re.compile("Add a paragraph")).click()
    page.get_by_label("Text").fill("The libraries open 300 hours a week.")
    page.get_by_role("button", name="Add the paragraph").click()
    page.get_by_text("The libraries open 300 hours a week.").wait_for()
    first_section = page.locator("section.council-edit-section").first
    first_section.get_by_role("link", name=re.compile("Add a paragraph")).click()
    page.get_by_label("Text").fill("- Monday to Friday\n- Saturday mornings")
    page.get_by_role("button", name="Add the paragraph").click()
    page.get_by_text("Saturday mornings").wait_for()
    # The editor nests in place: click into the paragraph's text, then the toolbar's Nest.
    page.locator(".council-block__text").filter(has_text="Saturday mornings").click()
    page.get_by_role("toolbar").get_by_role("button", name="Nest", exact=True).click()
    page.locator(".council-edit-item .council-edit-item").first.wait_for()
    assert page.locator(".council-edit-item .council-edit-item").count() == 1, "the bullets became a nested paragraph"

    page.get_by_role("link", name="Add a background paper").click()
    page.get_by_label("Title of the paper").fill("Library strategy 2016")
    page.get_by_label("Link to the paper").fill("https://example.org/library-strategy")
    page.get_by_role("button", name="Add the paper").click()
    page.get_by_text("Library strategy 2016").first.wait_for()

    appendix = tmp_path / "opening-hours.pdf"
    appendix.write_bytes(TINY_PDF)
    page.get_by_role("link", name="Add an appendix").click()
    page.get_by_label("Title of the appendix").fill("Current opening hours")
    page.get_by_label("File").set_input_files(str(appendix))
    page.get_by_role("button", name="Upload the appendix").click()
    page.get_by_role("link", name="Current opening hours").wait_for()
    accessible(page)

    page.get_by_role("link", name="Preview as it will be published").click()
    assert page.get_by_text("That the Committee agree the new hours.").count() >= 1
    assert page.get_by_text("Saturday mornings").count() >= 1
    accessible(page)
    pdf_link = page.get_by_role("link", name=re.compile("PDF"))
    if pdf_link.count():
        with page.expect_download() as download:
            pdf_link.first.click(modifiers=["Alt"])
        assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    report = Report.objects.get(title="Library opening hours")
    page.goto(f"{base}/reports/{report.pk}/submit/")
    accessible(page)
    page.get_by_role("button", name="Submit for clearance").click()
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert page.get_by_text(re.compile("Submitted for clearance")).count() >= 1
    shot(page, "1-author-submits")


def person(browser, base: str, user):
    """A separate browser (context) for each person, signed in."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    tab.set_default_timeout(90_000)
    sign_in(tab, base, user)
    return tab


def written_report(council, **extra):
    from reports.models import Paragraph, Recommendation, Section

    report = make_report(
        council["committee"],
        meeting=council["meeting"],
        author=council["author"],
        title="Library opening hours",
        summary="<p>Opening hours change from April.</p>",
        **extra,
    )
    Recommendation.objects.create(report=report, text="<p>That the Committee agree the new hours.</p>")
    section = Section.objects.create(report=report, heading="Reasons for recommendations")
    Paragraph.objects.create(section=section, text="<p>Fewer people visit on Monday evenings.</p>")
    Section.objects.create(report=report, heading="Background papers", is_background_papers=True, position=1)
    return report


# 2. Clearance: changes requested, made, cleared and approved --------------------------------------


def test_an_approver_asks_for_changes_the_author_makes_them_and_the_report_is_approved(live_server, browser, council):
    base = live_server.url
    report = written_report(council)
    workflow.submit(report, council["author"], {"legal": council["approver"]})

    lawyer = person(browser, base, council["approver"])
    lawyer.goto(f"{base}/reports/{report.pk}/manage/")
    accessible(lawyer)
    lawyer.get_by_label("Request changes").check()
    lawyer.get_by_role("button", name="Record my sign-off").click()
    lawyer.get_by_text(re.compile("Say what needs to change|Enter a comment|comment", re.I)).first.wait_for()
    accessible(lawyer)  # the form's error state
    lawyer.get_by_label("Request changes").check()
    lawyer.get_by_label("Comment").fill("Cite the library strategy as a background paper.")
    lawyer.get_by_role("button", name="Record my sign-off").click()
    lawyer.wait_for_load_state()

    author = person(browser, base, council["author"])
    author.goto(f"{base}/reports/{report.pk}/manage/")
    assert author.get_by_text("Cite the library strategy as a background paper.").first.is_visible()
    accessible(author)
    author.goto(f"{base}/reports/{report.pk}/edit/")
    author.get_by_role("link", name="Add a background paper").click()
    author.get_by_label("Title of the paper").fill("Library strategy 2016")
    author.get_by_label("Link to the paper").fill("https://example.org/library-strategy")
    author.get_by_role("button", name="Add the paper").click()
    author.get_by_text("Library strategy 2016").first.wait_for()
    author.goto(f"{base}/reports/{report.pk}/submit/")
    author.get_by_role("button", name="Submit for clearance").click()
    author.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED

    lawyer.goto(f"{base}/reports/{report.pk}/manage/")
    lawyer.get_by_label("Approve").first.check()
    lawyer.get_by_role("button", name="Record my sign-off").click()
    lawyer.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == Report.Status.CLEARED

    officer = person(browser, base, council["officer"])
    officer.goto(f"{base}/reports/{report.pk}/manage/")
    accessible(officer)
    officer.get_by_role("button", name="Approve for publication").click()
    officer.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    assert officer.get_by_text("Approved for publication").first.is_visible()
    shot(officer, "2-clearance-approved")


# 5. An administrator defers a work programme item; the public page shows it -----------------------


def test_an_administrator_defers_a_work_programme_item_and_the_public_page_shows_it(live_server, page, council):
    base = live_server.url
    committee = council["committee"]
    later = future_meeting(committee, days=100)
    item = WorkProgrammeItem.objects.create(
        committee=committee, title="Library opening hours", target_meeting=council["meeting"]
    )
    admin = make_user("admin", access.ADMINISTRATORS, is_staff=True, is_superuser=True)
    sign_in(page, base, admin)
    page.goto(f"{base}/work-programme/items/{item.pk}/move/")
    accessible(page)
    page.get_by_role("button", name="Move the item").click()
    page.wait_for_load_state()
    accessible(page)  # the form's error state: a move needs a meeting and a reason
    page.get_by_label("Move to").select_option(value=str(later.pk))
    page.get_by_label(re.compile("reason", re.I)).first.fill("Waiting for the consultation to close.")
    page.get_by_role("button", name="Move the item").click()
    page.wait_for_load_state()
    item.refresh_from_db()
    assert item.target_meeting == later

    page.goto(f"{base}/committees/{committee.slug}/work-programme/manage/")
    publish = page.get_by_role("button", name=re.compile("Publish", re.I))
    if publish.count():
        publish.first.click()
        page.wait_for_load_state()
    visitor = page.context.browser.new_context(locale="en-GB", bypass_csp=True).new_page()
    visitor.set_default_timeout(90_000)
    visitor.goto(f"{base}/committees/{committee.slug}/work-programme/")
    # The item now sits under the later meeting's heading.
    heading = visitor.locator(f"table:has(#item-{item.pk})").evaluate("t => t.previousElementSibling.textContent")
    assert later.starts_at.astimezone(LONDON).strftime("%A %-d %B %Y") in heading
    assert visitor.locator(f"#item-{item.pk}").get_by_text("Library opening hours").is_visible()
    accessible(visitor)
    shot(visitor, "5-work-programme-deferral")


# 6. Two officers edit the same report at once: the second is told and nothing is lost -------------


def test_two_officers_editing_at_once_the_second_is_told_and_nothing_is_lost(live_server, browser, council):
    base = live_server.url
    report = written_report(council)
    colleague = make_user("colleague", access.REPORT_AUTHORS)
    report.shared_with.add(colleague)

    first = person(browser, base, council["author"])
    second = person(browser, base, colleague)
    for tab in (first, second):
        tab.goto(f"{base}/reports/{report.pk}/edit/?edit=summary#summary")
    first.get_by_label("Summary").fill("Opening hours change from May.")
    first.get_by_role("button", name="Save the summary").click()
    first.get_by_text("Opening hours change from May.").wait_for()

    second.get_by_label("Summary").fill("Opening hours change from June, after consultation.")
    second.get_by_role("button", name="Save the summary").click()
    second.get_by_role("heading", name="Your change was not saved").wait_for()
    # What the second officer typed is still in the box, and they see what changed meanwhile.
    assert "from June, after consultation" in second.get_by_label("Summary").input_value()
    assert "Somebody else changed this report" in second.locator("#conflict").inner_text()
    report.refresh_from_db()
    assert "from May" in report.summary
    shot(second, "6-edit-conflict")
