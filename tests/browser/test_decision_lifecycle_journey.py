"""The decision lifecycle, click by click in Chromium (issue 19's done-when): a report goes to a
Policy Advisory Committee, whose comments are minuted, then to Cabinet, where the officer minutes the
decision with one recommendation amended and a recorded vote, and publishes the decision notice; three
councillors call it in before the deadline; the officer records scrutiny's referral back; Cabinet
reconsiders at its next meeting and the final decision shows its implementation date. Another journey
publishes an officer's decision record. axe-core runs on the pages they pass."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from committee import access, agenda, deadlines, decisions, routes
from committee.models import (
    Attendance,
    CallIn,
    Consultation,
    DecisionNotice,
    ItemDecision,
    Meeting,
    Person,
    RecordedVote,
)
from publishing import publication
from reports.models import Report, ReportTemplate
from reports.templates_setup import ensure_decision_template, ensure_standard_template
from tests.browser.builders import approved_report, people
from tests.browser.test_journeys import accessible, shot, sign_in
from tests.conftest import make_committee, make_meeting, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def page(page):
    page.set_default_timeout(60_000)
    return page


def write(page, name: str, text: str) -> None:
    """Type into a minutes text box: with JavaScript it is a formatted-text editor beside its hidden textarea."""
    group = page.locator(".govuk-form-group", has=page.locator(f'textarea[name="{name}"]')).last
    group.locator("[contenteditable=true]").click()
    page.keyboard.type(text)


def test_a_report_goes_from_the_advisory_committee_to_cabinet_is_called_in_and_reconsidered(live_server, page, db):
    base = live_server.url
    council = people()
    officer = council["officer"]
    pac = make_committee("Policy Advisory Committee")
    cabinet = make_committee(
        "Cabinet", kind="executive", requires_finance_signoff=False, requires_director_signoff=False
    )
    scrutiny = make_committee("Overview and Scrutiny Committee", kind="scrutiny")
    backbench = make_committee("Planning Committee")
    today = timezone.localdate()
    pac_meeting = make_meeting(pac, today - datetime.timedelta(days=9))
    cabinet_meeting = make_meeting(cabinet, today - datetime.timedelta(days=1))
    scrutiny_meeting = make_meeting(scrutiny, today + datetime.timedelta(days=10))
    # Cabinet's next meeting, early today: after scrutiny's referral back (dated today), and over
    # by the time its final decision is published.
    start_of_today = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    next_cabinet = Meeting.objects.create(committee=cabinet, starts_at=start_of_today + datetime.timedelta(seconds=1))
    council["committee"] = cabinet
    report = approved_report(council, "Leisure centre fees", cabinet_meeting)
    report.recommendations.create(text="<p>That fees rise by 3%.</p>")
    routes.add_step(report, officer, committee=pac, meeting=pac_meeting, role=Consultation.Role.COMMENT)
    routes.add_step(report, officer, committee=cabinet, meeting=cabinet_meeting, role=Consultation.Role.DECISION)
    for meeting in (pac_meeting, cabinet_meeting):
        agenda.add_report_item(meeting, officer, report)
        publication.publish_agenda(meeting, officer, now=timezone.now() - datetime.timedelta(days=20))
    members = {name: Person.objects.create(name=name) for name in ("Cllr Adams", "Cllr Baker", "Cllr Clark")}
    for person in members.values():
        Attendance.objects.create(meeting=cabinet_meeting, person=person, kind=Attendance.Kind.PRESENT)
    councillors = [make_user(n, access.COMMITTEE_MEMBERS, committee=backbench) for n in ("ahmed", "bryce", "cole")]

    # The advisory committee's comments, minuted on its minutes page and published.
    sign_in(page, base, officer)
    page.goto(f"{base}/manage/meetings/{pac_meeting.pk}/minutes/")
    pac_item = pac_meeting.agenda_items.get()
    page.check(f'input[name="item{pac_item.pk}-outcome"][value="noted"]')
    write(page, f"item{pac_item.pk}-text", "The committee asked Cabinet to consider concessions.")
    page.get_by_role("button", name="Save decision on item 1").click()
    page.get_by_text("Decision recorded for “Leisure centre fees”.").wait_for()
    page.get_by_role("button", name="Publish the draft minutes").click()
    page.get_by_text("The draft minutes are published.").wait_for()
    assert "consider concessions" in ItemDecision.objects.get(agenda_item=pac_item).text
    # The report's public page shows its route with the comments as minuted.
    page.goto(f"{base}{report.get_absolute_url()}?from=pac")
    page.get_by_text("The committee asked Cabinet to consider concessions.").first.wait_for()

    # Cabinet's minutes: recommendation 1 agreed as amended, 2 agreed, and a recorded vote on 1.
    page.goto(f"{base}/manage/meetings/{cabinet_meeting.pk}/minutes/")
    item = cabinet_meeting.agenda_items.get()
    page.check(f'input[name="item{item.pk}-outcome"][value="amended"]')
    write(page, f"item{item.pk}-text", "Fees rise by 2%, with concessions kept.")
    page.check(f'input[name="item{item.pk}-rec1-outcome"][value="agreed"]')
    page.check(f'input[name="item{item.pk}-rec2-outcome"][value="amended"]')
    write(page, f"item{item.pk}-rec2-amendment", "That fees rise by 2%.")
    page.select_option(f'select[name="item{item.pk}-rec2-mover"]', label="Cllr Adams")
    page.select_option(f'select[name="item{item.pk}-rec2-seconder"]', label="Cllr Baker")
    page.get_by_role("button", name="Save decision on item 1").click()
    page.get_by_text("Decision recorded for “Leisure centre fees”.").wait_for()
    page.select_option(f'select[name="vote{item.pk}-question"]', label="Recommendation 2")
    page.get_by_label("Cllr Adams").select_option(label="For")
    page.get_by_label("Cllr Baker").select_option(label="For")
    page.get_by_label("Cllr Clark").select_option(label="Against")
    page.get_by_role("button", name="Save the recorded vote on item 1").click()
    page.get_by_text("Recorded vote saved for “Leisure centre fees”.").wait_for()
    accessible(page)
    page.get_by_label("Reasons for the decision").fill("Costs have risen; concessions protect those on low incomes.")
    page.get_by_role("button", name="Publish the decision notice for item 1").click()
    page.get_by_text("The decision notice for “Leisure centre fees” is published.").wait_for()
    page.get_by_role("button", name="Publish the draft minutes").click()
    votes = RecordedVote.objects.filter(recommendation__number=2)
    assert sorted(votes.values_list("person__name", "vote")) == [
        ("Cllr Adams", "for"),
        ("Cllr Baker", "for"),
        ("Cllr Clark", "against"),
    ]
    notice = DecisionNotice.objects.get(decision__agenda_item=item)
    deadline = notice.call_in_deadline
    assert deadline == decisions.call_in_deadline_for(notice.published_at)
    assert deadlines.clear_working_days_between(timezone.localtime(notice.published_at).date(), deadline) >= 4

    # The public reads the notice, with its call-in deadline; the minutes show the amendment and the vote.
    page.context.clear_cookies()
    page.goto(f"{base}/meetings/{cabinet_meeting.pk}/minutes/")
    page.get_by_text("That fees rise by 2%.").first.wait_for()
    page.get_by_text("Cllr Clark").first.wait_for()
    # (With a query string: the public page may be kept a minute by the browser, which would show it
    # again to the councillors signing in below.)
    page.goto(f"{base}/decisions/{notice.pk}/?from=minutes")
    page.get_by_text(deadline.strftime("%A %-d %B %Y")).first.wait_for()
    accessible(page)

    # Three councillors call it in before the deadline.
    for number, councillor in enumerate(councillors, start=1):
        page.context.clear_cookies()
        sign_in(page, base, councillor)
        page.goto(f"{base}/decisions/{notice.pk}/")
        page.get_by_label("Your reasons for calling the decision in").fill(
            f"Reason {number}: the concessions are unclear."
        )
        page.get_by_role("button", name="Sign the call-in request").click()
        page.get_by_text("You have signed this call-in request.").wait_for()
    call = CallIn.objects.get(notice=notice)
    assert call.scrutiny_item.meeting == scrutiny_meeting

    # Scrutiny refers it back: it goes on Cabinet's next agenda to be reconsidered.
    page.context.clear_cookies()
    sign_in(page, base, officer)
    page.goto(f"{base}/decisions/{notice.pk}/")
    page.get_by_label("Referred back to the decision-maker to reconsider").check()
    page.get_by_label("Date of the scrutiny meeting (YYYY-MM-DD)").fill(today.isoformat())
    page.get_by_role("button", name="Record the outcome").click()
    page.get_by_text("The scrutiny committee's outcome is recorded.").wait_for()
    call.refresh_from_db()
    reconsidered = call.reconsideration_item
    assert reconsidered.meeting == next_cabinet and reconsidered.report == report
    page.get_by_text("To be reconsidered at").wait_for()

    # Cabinet reconsiders; its final decision is published and may be implemented at once.
    publication.publish_agenda(
        next_cabinet, officer, late_reason="urgency", late_reason_detail="A decision referred back after call-in."
    )
    page.goto(f"{base}/manage/meetings/{next_cabinet.pk}/minutes/")
    page.check(f'input[name="item{reconsidered.pk}-outcome"][value="agreed"]')
    write(page, f"item{reconsidered.pk}-text", "Fees rise by 2%; concessions extended to carers.")
    page.get_by_role("button", name="Save decision on item 1").click()
    page.get_by_text("Decision recorded for").wait_for()
    page.get_by_label("Reasons for the decision").fill("Scrutiny's concern about carers is met.")
    page.get_by_role("button", name="Publish the decision notice for item 1").click()
    page.get_by_text("is published.").first.wait_for()
    final = DecisionNotice.objects.get(decision__agenda_item=reconsidered)
    assert final.reconsideration_of == call

    page.context.clear_cookies()
    page.goto(f"{base}/decisions/{notice.pk}/?from=public")
    page.get_by_text("Called in and referred back: superseded by the decision reconsidered").first.wait_for()
    page.get_by_role("link", name="the final decision").click()
    page.get_by_text("Final decision after call-in: not subject to call-in").first.wait_for()
    published_on = timezone.localtime(final.published_at).date()
    assert published_on == today
    page.get_by_text(published_on.strftime("%A %-d %B %Y")).first.wait_for()
    assert page.get_by_role("button", name="Sign the call-in request").count() == 0
    accessible(page)
    shot(page, "decision-final-after-call-in")
    page.goto(f"{base}/decisions/")
    page.get_by_text("Leisure centre fees").first.wait_for()
    accessible(page)

    # The feed and OParl show each step: the advisory committee's comments, Cabinet's amended decision.
    feed = page.request.get(f"{base}/decisions.atom")
    assert feed.ok and "Leisure centre fees" in feed.text() and "Fees rise by 2%" in feed.text()
    pac_oparl = page.request.get(f"{base}/oparl/v1/agendaItem/{pac_item.pk}").json()
    assert pac_oparl["result"] == "Noted" and "consider concessions" in pac_oparl["resolutionText"]
    cabinet_oparl = page.request.get(f"{base}/oparl/v1/agendaItem/{item.pk}").json()
    assert "Fees rise by 2%, with concessions kept." in cabinet_oparl["resolutionText"]
    assert "That fees rise by 2%." in cabinet_oparl["resolutionText"]
    paper = page.request.get(f"{base}/oparl/v1/paper/{report.pk}").json()
    steps = {c["meeting"]: c for c in paper["consultation"] if "meeting" in c}
    assert {m.rsplit("/", 1)[-1] for m in steps} >= {str(pac_meeting.pk), str(cabinet_meeting.pk)}


def add_text(page, link, field: str, text: str) -> None:
    link.click()
    page.locator(field).fill(text)
    page.locator(field).locator("xpath=ancestor::form").get_by_role("button").first.click()
    page.locator(field).wait_for(state="detached")


def test_an_officer_publishes_an_officers_decision_record(live_server, page, db):
    """The author drafts the record in the editor from the council's officer decision record template,
    legal signs it off, the governance officer approves and publishes it: the decision is on /decisions/,
    not subject to call-in, and its notice links the record in full."""
    base = live_server.url
    council = people()
    officer = council["officer"]
    cabinet = make_committee(
        "Cabinet", kind="executive", requires_finance_signoff=False, requires_director_signoff=False
    )
    ensure_standard_template()
    template = ensure_decision_template(ReportTemplate.Kind.OFFICER_DECISION)
    sign_in(page, base, council["author"])
    page.goto(f"{base}/reports/new/")
    page.get_by_label("Committee", exact=True).select_option(str(cabinet.pk))
    page.get_by_label(template.name).check()
    page.get_by_label("Title", exact=True).fill("Award of the street cleansing contract")
    page.get_by_label("Report of", exact=True).fill("Director of Place")
    page.get_by_role("button", name="Start the report").click()
    page.get_by_role("heading", name="Edit the report").wait_for()
    report = Report.objects.get(title="Award of the street cleansing contract")
    page.get_by_role("link", name="Change the details").click()
    page.get_by_label("Final decision-maker").fill("Director of Place")
    page.get_by_label("Date of decision").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Save the details").click()
    page.get_by_role("heading", name="Edit the report").wait_for()
    page.get_by_role("link", name="Edit the Reasons for the decision").click()
    page.locator("#summary-text").fill("The best value tender.")
    page.get_by_role("button", name="Save the Reasons for the decision").click()
    page.locator("#summary-text").wait_for(state="detached")
    add_text(
        page,
        page.get_by_role("link", name="Add a recommendation"),
        "#recommendation-new-text",
        "Award the contract to CleanCo Ltd for three years.",
    )
    background = report.sections.get(heading="Background")
    add_text(
        page,
        page.locator(f"#add-section-{background.pk}").get_by_role("link"),
        f"#section-{background.pk}-new-text",
        "The contract ends in March.",
    )
    accessible(page)
    shot(page, "officer-decision-record-editor")
    page.goto(f"{base}/reports/{report.pk}/submit/")
    page.get_by_role("button", name="Submit for clearance").click()
    page.get_by_text("The report is submitted for clearance.").wait_for()

    sign_in(page, base, council["approver"])
    page.goto(f"{base}/reports/{report.pk}/manage/")
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Record my sign-off").click()
    page.get_by_text("your sign-off is recorded").wait_for()

    page.context.clear_cookies()
    page.goto(f"{base}/decisions/")
    assert page.get_by_text("Award of the street cleansing contract").count() == 0  # a draft is not public
    sign_in(page, base, officer)
    page.goto(f"{base}/reports/{report.pk}/manage/")
    page.get_by_role("button", name="Approve for publication").click()
    page.get_by_role("button", name="Publish now").click()
    page.get_by_text("The decision is published with its notice").wait_for()
    page.context.clear_cookies()
    # The list the visitor saw a moment ago is public and cacheable: ask for the fresh one.
    page.goto(f"{base}/decisions/?key=")
    page.get_by_role("link", name="Award of the street cleansing contract").click()
    page.get_by_text("Director of Place (officer)").wait_for()
    page.get_by_text("Not subject to call-in").first.wait_for()
    page.get_by_text("Award the contract to CleanCo Ltd").wait_for()
    accessible(page)
    shot(page, "officer-decision-record")
    page.get_by_role("link", name="Read the decision record in full").click()
    page.get_by_text("The contract ends in March.").wait_for()
    shot(page, "officer-decision-record-report")
