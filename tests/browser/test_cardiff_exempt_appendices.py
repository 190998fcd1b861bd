"""Cardiff's opening, built in the browser (issue 18): a public report to a Welsh council's Cabinet whose
appendices 2 to 6 are exempt (paragraphs 14 and 16 of Part 4 of Schedule 12A), with an exempt passage.
The author writes it through the editor, it is cleared, the officer puts it on the agenda and
publishes it through the agenda page, and the worker builds the packs. Then: the public page, the
public pack and OParl name the exempt appendices and carry none of them; the members' pack carries
them all in place; a marker in each exempt appendix and in the exempt passage is in no public response.
(shared/examples/report-cardiff-atlantic-wharf-masterplan-2020.txt)"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
import weasyprint

from committee import access
from committee.models import AgendaPack
from core import council
from core.council import Nation
from reports import templates_setup, workflow
from reports.models import Report, ReportTemplate
from tests.browser.builders import pdf_text, run_the_worker
from tests.browser.test_journeys import accessible, future_meeting, shot, sign_in
from tests.conftest import make_committee, make_user

pytestmark = pytest.mark.browser

APPENDICES = [
    ("Draft Atlantic Wharf masterplan", None),
    ("Land ownership and valuations", 14),
    ("Development appraisal", 14),
    ("Indoor Arena heads of terms", 14),
    ("Procurement options", 14),
    ("Legal advice on the land transactions", 16),
]
PUBLIC_TEXT = "WHARFPUBLICPLAN"
PASSAGE = "WHARFPASSAGESECRET"


def marker(number: int) -> str:
    return f"WHARFAPPENDIXSECRET{number}"


@pytest.fixture
def page(page):
    page.set_default_timeout(90_000)
    return page


@pytest.fixture
def cardiff(db, settings, tmp_path):
    settings.COUNCIL_NATION = Nation.WALES
    settings.MEDIA_ROOT = tmp_path / "media"
    template = templates_setup.default_template()
    template.appendix_labels = ReportTemplate.AppendixLabels.NUMBERS
    template.save(update_fields=["appendix_labels"])
    committee = make_committee(name="Cabinet", requires_finance_signoff=False, requires_director_signoff=False)
    files = []
    for number, (title, _) in enumerate(APPENDICES, start=1):
        text = PUBLIC_TEXT if number == 1 else marker(number)
        path = tmp_path / f"appendix-{number}.pdf"
        weasyprint.HTML(string=f"<h1>{title}</h1><p>{text}</p>").write_pdf(path)
        files.append(path)
    member = make_user("member", access.COMMITTEE_MEMBERS, committee=committee)
    return {
        "committee": committee,
        "meeting": future_meeting(committee, days=30),
        "author": make_user("author", access.REPORT_AUTHORS),
        "approver": make_user("legal", access.LEGAL_APPROVERS),
        "officer": make_user("governance", access.GOVERNANCE_OFFICERS, is_staff=True),
        "member": member,
        "files": files,
    }


def write_the_report(page, base: str, cardiff: dict) -> Report:
    sign_in(page, base, cardiff["author"])
    page.goto(f"{base}/reports/new/")
    page.get_by_label("Committee").select_option(label=cardiff["committee"].name)
    page.get_by_label("Title").fill("Atlantic Wharf Masterplan")
    page.get_by_label("Report of").fill("Investment and Development")
    page.get_by_role("button", name="Start the report").click()
    page.get_by_text("Your draft is ready").wait_for()

    section = page.locator("section.council-edit-section").first
    section.get_by_role("link", name=re.compile("Add a paragraph")).click()
    page.get_by_label("Text").fill("To seek Cabinet approval of the draft Atlantic Wharf masterplan.")
    page.get_by_role("button", name="Add the paragraph").click()
    page.get_by_text("To seek Cabinet approval").wait_for()
    section = page.locator("section.council-edit-section").first
    section.get_by_role("link", name=re.compile("Add a paragraph")).click()
    page.get_by_label("Text").fill(f"The arena operator's bid is £{PASSAGE} a year.")
    exempt = page.get_by_label("Exempt information (Part 2)")
    # A Welsh council is offered Wales's paragraphs, 12 to 18, and not England's.
    offered = exempt.locator("option").all_inner_texts()
    assert any(text.startswith("Exempt: paragraph 14. Information relating to the financial") for text in offered)
    assert not any("paragraph 3." in text for text in offered)
    exempt.select_option("14")
    page.get_by_role("button", name="Add the paragraph").click()
    page.get_by_text(PASSAGE).wait_for()

    for (title, paragraph), path in zip(APPENDICES, cardiff["files"], strict=True):
        page.get_by_role("link", name="Add an appendix").click()
        page.get_by_label("Title of the appendix").fill(title)
        page.get_by_label("File").set_input_files(str(path))
        if paragraph:
            page.get_by_label("Exempt information (Part 2)").select_option(str(paragraph))
            page.get_by_label("Public interest reason (optional)").fill(
                "Disclosure would prejudice the Council's position in negotiations for the land."
            )
        page.get_by_role("button", name="Upload the appendix").click()
        page.get_by_role("link", name=title).wait_for()
    accessible(page)
    report = Report.objects.get(title="Atlantic Wharf Masterplan")
    assert [a.exempt_paragraph for a in report.appendices.order_by("position")] == [p for _, p in APPENDICES]
    return report


def put_it_on_the_agenda_and_publish(page, base: str, cardiff: dict, report: Report) -> None:
    # A Welsh council publishes nothing without the Welsh its language scheme asks for (issue 21); this
    # test is about the exempt appendices, so the scheme asks for the opening only and it is written here.
    council.remember(dataclasses.replace(council.current_council(), welsh_required=council.WelshRequired.SUMMARY))
    report.title_cy, report.report_of_cy, report.summary_cy = (
        "Prif Gynllun Glanfa'r Iwerydd",
        "Cyfarwyddwr Datblygu Economaidd",
        "<p>Mae'r adroddiad hwn yn gofyn i'r Cabinet gymeradwyo'r prif gynllun.</p>",
    )
    report.save(update_fields=["title_cy", "report_of_cy", "summary_cy"])
    workflow.submit(report, cardiff["author"], {"legal": cardiff["approver"]})
    workflow.sign_off(report, cardiff["approver"], "legal", approve=True)
    workflow.approve_for_publication(report, cardiff["officer"])
    page.context.clear_cookies()
    sign_in(page, base, cardiff["officer"])
    page.goto(f"{base}/manage/meetings/{cardiff['meeting'].pk}/agenda/")
    page.get_by_label("Report").select_option(str(report.pk))
    page.get_by_role("button", name="Add report").click()
    page.get_by_role("button", name="Publish agenda").click()
    page.wait_for_load_state()
    cardiff["meeting"].refresh_from_db()
    assert cardiff["meeting"].agenda_is_published
    # The agenda itself: the motion covers the item for its appendices only, citing Wales's Part 4.
    agenda = page.content()
    assert "paragraphs of Part 4 of Schedule 12A" in agenda and "paragraph 21 of Part 5" in agenda
    assert "item 1, appendices 2, 3, 4, 5 and 6 and exempt passages only (paragraphs 14 and 16)" in agenda
    run_the_worker()
    packs = AgendaPack.objects.filter(meeting=cardiff["meeting"])
    assert {p.status for p in packs} == {AgendaPack.Status.READY}


def secrets() -> list[str]:
    return [PASSAGE, *(marker(n) for n in range(2, 7))]


def assert_no_secret(where: str, text: str) -> None:
    leaked = [s for s in secrets() if s in text]
    assert not leaked, f"{where} shows {leaked}"


def test_cardiffs_report_with_exempt_appendices_2_to_6_on_every_public_surface(live_server, page, cardiff):
    base = live_server.url
    report = write_the_report(page, base, cardiff)
    put_it_on_the_agenda_and_publish(page, base, cardiff, report)
    meeting = cardiff["meeting"]
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED

    # The public: the report page names each exempt appendix with its paragraph and carries none of it.
    page.context.clear_cookies()
    page.goto(f"{base}{report.get_absolute_url()}")
    public_page = page.content()
    assert_no_secret("the public report page", public_page)
    for number, (title, paragraph) in enumerate(APPENDICES[1:], start=2):
        assert (
            f"Appendix {number} — {title}: not for publication, exempt under paragraph {paragraph} of Part 4"
            in public_page
        )
    assert "This paragraph contains exempt information (paragraph 14 of Schedule 12A)" in public_page
    assert page.get_by_role("link", name=APPENDICES[0][0]).count() >= 1
    accessible(page)
    shot(page, "cardiff-public-report")

    # Every public route to the exempt appendices' files answers 404; the public one opens.
    appendices = list(report.appendices.order_by("position"))
    for appendix in appendices[1:]:
        for url in (
            f"/reports/{report.pk}/appendices/{appendix.pk}/",
            f"/open-data/files/appendix/{appendix.pk}/download",
        ):
            assert page.request.get(f"{base}{url}").status == 404, url
    opened = page.request.get(f"{base}/reports/{report.pk}/appendices/{appendices[0].pk}/")
    assert opened.status == 200 and PUBLIC_TEXT in pdf_text(opened.body())[1]

    # The public PDF of the report and the public pack: named, not carried.
    report_pdf = page.request.get(f"{base}/reports/{report.pk}/pdf/")
    assert report_pdf.status == 200
    assert_no_secret("the public report PDF", pdf_text(report_pdf.body())[1])
    public_pack = page.request.get(f"{base}/meetings/{meeting.pk}/pack/public.pdf")
    assert public_pack.status == 200
    _, pack_text = pdf_text(public_pack.body())
    assert_no_secret("the public pack", pack_text)
    assert PUBLIC_TEXT in pack_text  # the public appendix is in it
    assert "exempt under paragraph 16 of Part 4" in re.sub(r"\s+", " ", pack_text)

    # OParl: the Paper has one public File, and says it has five exempt appendices.
    paper = page.request.get(f"{base}/oparl/v1/paper/{report.pk}")
    assert paper.status == 200
    body = paper.text()
    assert_no_secret("OParl's Paper", body)
    data = json.loads(body)
    files = [data.get("mainFile") or {}, *(data.get("auxiliaryFile") or [])]
    # The main File is the public edition of the report (it names the exempt appendices, as the page
    # does); the auxiliary Files are the public appendix alone.
    assert [f["name"] for f in data.get("auxiliaryFile") or []] == [APPENDICES[0][0]]
    assert body.count("exempt appendix: Appendix") == 5
    for file in files:
        for key in ("accessUrl", "downloadUrl"):
            if file.get(key):
                assert_no_secret(f"OParl file {file[key]}", page.request.get(file[key]).body().decode("latin-1"))

    # A member of Cabinet, on their own computer: the members' pack carries the exempt appendices and
    # the passage in place, and the report page shows the passage. (In the browser that showed the
    # public page, the public page's minute in the browser's cache would be shown first.)
    context = page.context.browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    member = context.new_page()
    member.set_default_timeout(90_000)
    sign_in(member, base, cardiff["member"])
    members_pack = member.request.get(f"{base}/meetings/{meeting.pk}/pack/members.pdf")
    assert members_pack.status == 200
    _, members_text = pdf_text(members_pack.body())
    for secret in secrets():
        assert secret in members_text, f"the members' pack lacks {secret}"
    assert members_text.index(marker(2)) < members_text.index(marker(6))
    member.goto(f"{base}{report.get_absolute_url()}")
    assert PASSAGE in member.content()
    assert member.request.get(f"{base}/reports/{report.pk}/appendices/{appendices[1].pk}/").status == 200
    shot(member, "cardiff-member-report")
    context.close()
