"""Drafting in the browser with plain forms: starting, editing, reordering, nesting,
validation that keeps what was typed, and who may do it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from committee import access
from committee.models import WorkProgrammeItem
from reports.models import Paragraph, Recommendation, Report, ReportRevision, Section
from reports.structure import prefetch_report, report_structure
from reports.templates_setup import ensure_standard_template, start_report_from_template
from tests.conftest import make_user
from tests.xss_payloads import live_markup


@pytest.fixture
def template(db):
    return ensure_standard_template()


@pytest.fixture
def meeting(committee):
    """A meeting still to come, so it can be chosen for a new report."""
    import datetime

    from django.utils import timezone

    from tests.conftest import make_meeting

    return make_meeting(committee, timezone.localdate() + datetime.timedelta(days=40))


@pytest.fixture
def draft(template, committee, meeting, author):
    report = start_report_from_template(
        template, committee=committee, meeting=meeting, title="Libraries review", report_of="Director", author=author
    )
    from reports import revisions

    revisions.record(report, author)
    return report


def numbers(report) -> dict[str, str]:
    """paragraph number → its text or heading, as the reader sees it."""
    doc = report_structure(prefetch_report(Report.objects.filter(pk=report.pk)).get())
    return {n: (p.heading or p.text) for n, p in doc.paragraph_by_number().items()}


def post(client, name, *args, **data):
    return client.post(reverse(f"reports:{name}", args=args), data)


def version(report) -> int:
    return Report.objects.get(pk=report.pk).version


# Starting a report ------------------------------------------------------------


def test_new_report_starts_from_the_template_with_its_guidance(client, author, committee, meeting, template):
    client.force_login(author)
    response = post(
        client,
        "report_new",
        start="1",
        committee=committee.pk,
        meeting=meeting.pk,
        title="School places",
        report_of="Director of Education",
    )
    report = Report.objects.get(title="School places")
    assert response["Location"] == reverse("reports:report_edit", args=[report.pk])
    assert (report.author, report.meeting, report.status) == (author, meeting, Report.Status.DRAFT)
    page = client.get(response["Location"]).content.decode()
    assert "Why this report is needed" in page
    assert "Explain why the committee is being asked to consider this." in page  # guidance, shown while drafting
    assert ReportRevision.objects.filter(report=report).count() == 1


def test_new_report_refuses_a_meeting_of_another_committee_and_keeps_the_title(
    client, author, committee, other_committee, template
):
    import datetime

    from django.utils import timezone

    from tests.conftest import make_meeting

    other_meeting = make_meeting(other_committee, timezone.localdate() + datetime.timedelta(days=30))
    client.force_login(author)
    response = post(
        client,
        "report_new",
        start="1",
        committee=committee.pk,
        meeting=other_meeting.pk,
        title="Kept title",
        report_of="Director",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "That meeting is not a meeting of the" in body
    assert 'value="Kept title"' in body
    assert not Report.objects.exists()


def test_a_work_programme_item_fills_in_the_report(client, author, committee, meeting, template):
    item = WorkProgrammeItem.objects.create(
        committee=committee,
        title="Residential placements framework",
        report_of="Director of Children's Social Care",
        key_decision=True,
        is_exempt=True,
        exempt_paragraph=3,
        target_meeting=meeting,
    )
    client.force_login(author)
    post(client, "report_new", from_item="1", item=item.pk)
    report = Report.objects.get(work_programme_item=item)
    assert (report.title, report.report_of, report.key_decision, report.is_exempt, report.exempt_paragraph) == (
        "Residential placements framework",
        "Director of Children's Social Care",
        True,
        True,
        3,
    )
    assert report.meeting == meeting
    from work_programme.programme import effective_status

    item.refresh_from_db()
    assert effective_status(item) == WorkProgrammeItem.Status.DRAFTING


def test_an_item_whose_report_was_withdrawn_can_have_a_new_report(client, author, committee, meeting, template):
    from reports import workflow

    item = WorkProgrammeItem.objects.create(committee=committee, title="Library hours", target_meeting=meeting)
    client.force_login(author)
    post(client, "report_new", from_item="1", item=item.pk)
    first = Report.objects.get(work_programme_item=item)
    assert post(client, "report_new", from_item="1", item=item.pk).status_code == 200, "one live report per item"
    assert Report.objects.filter(title="Library hours").count() == 1

    workflow.withdraw(first, author, "Wrong approach; starting again.")
    page = client.get(reverse("reports:report_new")).content.decode()
    assert f'value="{item.pk}"' in page, "the item is offered again"
    response = post(client, "report_new", from_item="1", item=item.pk)
    second = Report.objects.get(work_programme_item=item)
    assert response["Location"] == reverse("reports:report_edit", args=[second.pk])
    first.refresh_from_db()
    assert second != first and first.work_programme_item is None and first.status == Report.Status.WITHDRAWN


def test_only_authors_start_reports(client, approver, committee_member, template):
    for user in (approver, committee_member):
        client.force_login(user)
        assert client.get(reverse("reports:report_new")).status_code == 403


# Editing ----------------------------------------------------------------------


def test_the_edit_page_opens_one_item_at_a_time(client, author, draft):
    client.force_login(author)
    paragraph = Paragraph.objects.filter(section__report=draft).first()
    page = client.get(reverse("reports:report_edit", args=[draft.pk]), {"edit": f"paragraph-{paragraph.pk}"})
    body = page.content.decode()
    assert body.count("<textarea") == 1
    assert f"Save paragraph {numbers(draft) and '5.1'}" in body


def test_adding_paragraphs_numbers_them_and_redirects_to_the_new_one(client, author, draft):
    client.force_login(author)
    section = draft.sections.get(heading="Why this report is needed")
    response = post(client, "paragraph_add", draft.pk, section.pk, version=version(draft), heading="", text="First.")
    created = Paragraph.objects.get(section=section)
    assert response["Location"].endswith(f"#paragraph-{created.pk}")
    post(client, "paragraph_add", draft.pk, section.pk, version=version(draft), heading="", text="Second.")
    assert numbers(draft)["1.1"] == "<p>First.</p>"
    assert numbers(draft)["1.2"] == "<p>Second.</p>"


def test_moving_nesting_and_unnesting_renumber_everything(client, author, draft):
    client.force_login(author)
    section = draft.sections.get(heading="Why this report is needed")
    for text in ("A", "B", "C"):
        post(client, "paragraph_add", draft.pk, section.pk, version=version(draft), text=text)
    a, b, c = Paragraph.objects.filter(section=section).order_by("position")
    post(client, "paragraph_change", draft.pk, c.pk, "up", version=version(draft))
    assert [numbers(draft)[n] for n in ("1.1", "1.2", "1.3")] == ["<p>A</p>", "<p>C</p>", "<p>B</p>"]
    post(client, "paragraph_change", draft.pk, b.pk, "indent", version=version(draft))
    assert numbers(draft)["1.2.1"] == "<p>B</p>"
    post(client, "paragraph_change", draft.pk, b.pk, "outdent", version=version(draft))
    assert numbers(draft)["1.3"] == "<p>B</p>"
    post(client, "paragraph_change", draft.pk, a.pk, "delete", version=version(draft))
    assert [numbers(draft)[n] for n in ("1.1", "1.2")] == ["<p>C</p>", "<p>B</p>"]
    assert "1.3" not in numbers(draft)


def test_a_sub_paragraph_goes_under_its_heading(client, author, draft):
    client.force_login(author)
    section = draft.sections.get(heading="Implications of decision")
    risk = Paragraph.objects.get(section=section, heading="Risk Management")
    post(client, "paragraph_add", draft.pk, section.pk, version=version(draft), parent=risk.pk, text="None.")
    assert numbers(draft)["5.4"] == "Risk Management"
    assert numbers(draft)["5.4.1"] == "<p>None.</p>"


def test_moving_the_first_paragraph_up_says_why_not(client, author, draft):
    client.force_login(author)
    section = draft.sections.get(heading="Implications of decision")
    first = Paragraph.objects.filter(section=section).order_by("position").first()
    before = version(draft)
    response = post(client, "paragraph_change", draft.pk, first.pk, "up", version=before)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "It is already first." in page
    assert version(draft) == before, "a refused change saves nothing"


def test_recommendations_add_edit_reorder_delete(client, author, draft):
    client.force_login(author)
    for text in ("That the Committee notes the report.", "That the Committee comments."):
        post(client, "recommendation_add", draft.pk, version=version(draft), text=text)
    first, second = Recommendation.objects.filter(report=draft).order_by("position")
    post(client, "recommendation_change", draft.pk, second.pk, "up", version=version(draft))
    doc = report_structure(prefetch_report(Report.objects.filter(pk=draft.pk)).get())
    assert doc.recommendations == [
        (1, "<p>That the Committee comments.</p>"),
        (2, "<p>That the Committee notes the report.</p>"),
    ]
    post(client, "recommendation_change", draft.pk, first.pk, "save", version=version(draft), text="Notes it.")
    post(client, "recommendation_change", draft.pk, second.pk, "delete", version=version(draft))
    assert list(Recommendation.objects.filter(report=draft).values_list("text", flat=True)) == ["<p>Notes it.</p>"]


def test_an_empty_recommendation_is_refused_next_to_the_field(client, author, draft):
    client.force_login(author)
    response = post(client, "recommendation_add", draft.pk, version=version(draft), text="   ")
    assert response.status_code == 400
    assert "Write the recommendation" in response.content.decode()
    assert "govuk-form-group--error" in response.content.decode()
    page = response.content.decode()
    assert "<title>Error: Edit: " in page, "the title says something went wrong"
    summary = page.split('id="form-errors"', 1)[1].split("</ul>", 1)[0]
    assert 'href="#recommendations">Write the recommendation' in summary


def test_sections_add_rename_move_delete_and_background_papers_stay_last(client, author, draft):
    client.force_login(author)
    post(client, "section_add", draft.pk, version=version(draft), heading="Timetable")
    headings = list(Section.objects.filter(report=draft).order_by("position").values_list("heading", flat=True))
    assert headings[-2:] == ["Timetable", "Background papers"]
    timetable = Section.objects.get(report=draft, heading="Timetable")
    post(client, "section_change", draft.pk, timetable.pk, "save", version=version(draft), heading="Next steps")
    post(client, "section_change", draft.pk, timetable.pk, "up", version=version(draft))
    headings = list(Section.objects.filter(report=draft).order_by("position").values_list("heading", flat=True))
    assert headings[-3:] == ["Next steps", "Implications of decision", "Background papers"]
    post(client, "section_change", draft.pk, timetable.pk, "delete", version=version(draft))
    assert not Section.objects.filter(pk=timetable.pk).exists()
    papers = Section.objects.get(report=draft, is_background_papers=True)
    response = post(client, "section_change", draft.pk, papers.pk, "delete", version=version(draft))
    assert Section.objects.filter(pk=papers.pk).exists()
    assert "background papers section stays" in client.get(response["Location"]).content.decode()


def test_text_is_sanitised_before_it_is_stored(client, author, draft):
    client.force_login(author)
    hostile = (
        '<p onclick="steal()">Hi<script>alert(1)</script></p><a href="javascript:alert(2)">x</a>'
        "<img src=x onerror=alert(3)><style>body{display:none}</style>"
    )
    post(client, "summary_save", draft.pk, version=version(draft), summary=hostile)
    summary = Report.objects.get(pk=draft.pk).summary
    # Typed in a text box, markup is text: kept as the characters typed, never as live HTML.
    assert live_markup(summary) == []
    for bad in ("<script", "<p onclick", "<a href", "<img", "<style"):
        assert bad not in summary
    assert summary.startswith('<p>&lt;p onclick="steal()"&gt;Hi&lt;script&gt;alert(1)')


def test_plain_text_becomes_paragraphs_and_lists(client, author, draft):
    client.force_login(author)
    text = "Prevailing themes:\n- Poor response\n- Delays\n\nA second paragraph."
    post(client, "summary_save", draft.pk, version=version(draft), summary=text)
    assert Report.objects.get(pk=draft.pk).summary == (
        "<p>Prevailing themes:</p><ul><li>Poor response</li><li>Delays</li></ul><p>A second paragraph.</p>"
    )


def test_the_title_block_form_saves_and_checks_the_exempt_paragraph(client, author, draft):
    client.force_login(author)
    url = reverse("reports:report_details", args=[draft.pk])
    assert client.get(url).status_code == 200
    data = {
        "version": version(draft),
        "title": "New title",
        "report_of": "Director",
        "all_wards": "on",
        "is_exempt": "on",
        "exempt_paragraph": "",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose the Schedule 12A paragraph" in body
    assert 'value="New title"' in body
    data["exempt_paragraph"] = "3"
    response = client.post(url, data)
    assert response.status_code == 302
    report = Report.objects.get(pk=draft.pk)
    assert (report.title, report.is_exempt, report.exempt_paragraph) == ("New title", True, 3)


# Clearance warning ------------------------------------------------------------


def test_a_report_in_clearance_warns_before_editing_and_refuses_changes(client, author, draft, committee):
    for role, group in access.APPROVER_GROUP_FOR_ROLE.items():
        make_user(role + "-approver", group)
    from reports import workflow

    workflow.submit(draft, author)
    client.force_login(author)
    page = client.get(reverse("reports:report_edit", args=[draft.pk])).content.decode()
    assert "Editing it returns it to draft and clears its sign-offs" in page
    assert "Return to draft and edit" in page
    response = post(client, "summary_save", draft.pk, version=version(draft), summary="Sneaky edit")
    assert response.status_code == 302
    assert "Return it to draft before editing it" in client.get(response["Location"]).content.decode()
    assert Report.objects.get(pk=draft.pk).summary == ""
    response = post(client, "report_return_to_draft", draft.pk, next="edit")
    assert response["Location"] == reverse("reports:report_edit", args=[draft.pk])
    assert Report.objects.get(pk=draft.pk).status == Report.Status.DRAFT


# Permissions ------------------------------------------------------------------

EDIT_URLS = [
    ("report_edit", "get"),
    ("report_details", "get"),
    ("summary_save", "post"),
    ("recommendation_add", "post"),
    ("section_add", "post"),
    ("paper_add", "post"),
    ("appendix_add", "post"),
]


@pytest.mark.parametrize(("name", "method"), EDIT_URLS)
def test_editing_urls_answer_each_kind_of_visitor(client, name, method, draft, author, other_author, approver):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.reports.test_uploads import pdf_bytes

    url = reverse(f"reports:{name}", args=[draft.pk])
    wrong = client.delete if method == "get" else client.get
    # anonymous: to the sign-in page
    response = getattr(client, method)(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    # an author who has nothing to do with it: not found
    client.force_login(other_author)
    assert getattr(client, method)(url, {"version": 1}).status_code == 404
    # an approver assigned to it may read it but not change it: the editor page opens to them
    # read-only, to comment where the text is; every change is refused
    draft.signoffs.create(role="legal", approver=approver)
    client.force_login(approver)
    response = getattr(client, method)(url, {"version": 1})
    if name == "report_edit":
        assert response.status_code == 200 and "data-rich-editor" not in response.content.decode()
    else:
        assert response.status_code == 403
    # the author: the page, or the change, and the wrong method is refused
    client.force_login(author)
    data = {"version": version(draft), "summary": "x", "text": "x", "heading": "x", "title": "x"}
    data["url"] = "https://example.org/"
    data["file"] = SimpleUploadedFile("paper.pdf", pdf_bytes(), "application/pdf")
    assert getattr(client, method)(url, data).status_code in (200, 302)
    assert wrong(url).status_code == 405


def test_a_report_shared_with_another_author_is_theirs_to_edit(client, draft, other_author):
    draft.shared_with.add(other_author)
    client.force_login(other_author)
    response = post(client, "summary_save", draft.pk, version=version(draft), summary="Shared work")
    assert response.status_code == 302
    assert "Shared work" in Report.objects.get(pk=draft.pk).summary


def test_the_edit_page_takes_the_same_number_of_queries_whatever_the_size(
    client, author, draft, django_assert_max_num_queries
):
    client.force_login(author)
    url = reverse("reports:report_edit", args=[draft.pk])
    client.get(url)
    section = draft.sections.first()
    for index in range(30):
        Paragraph.objects.create(section=section, position=index, text=f"<p>{index}</p>")
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200


def test_the_preview_uses_the_published_template_without_guidance(client, author, draft):
    client.force_login(author)
    body = client.get(reverse("reports:report_preview", args=[draft.pk])).content.decode()
    assert "Libraries review" in body
    assert "council-title-block" in body
    assert "Explain why the committee" not in body
    assert not re.search(r"sign-off", body, re.IGNORECASE)


def item_urls(report) -> list[tuple[str, str]]:
    section = report.sections.first()
    paragraph = Paragraph.objects.filter(section__report=report).first()
    recommendation = Recommendation.objects.create(report=report, text="<p>Notes it.</p>")
    return [
        (reverse("reports:paragraph_change", args=[report.pk, paragraph.pk, "down"]), "post"),
        (reverse("reports:paragraph_add", args=[report.pk, section.pk]), "post"),
        (reverse("reports:section_change", args=[report.pk, section.pk, "down"]), "post"),
        (reverse("reports:recommendation_change", args=[report.pk, recommendation.pk, "save"]), "post"),
        (reverse("reports:report_preview", args=[report.pk]), "get"),
        (reverse("reports:revision_compare", args=[report.pk]), "get"),
    ]


def test_item_urls_answer_each_kind_of_visitor(client, draft, author, other_author, committee_member):
    for url, method in item_urls(draft):
        client.logout()
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        client.force_login(other_author)
        assert getattr(client, method)(url, {"version": version(draft)}).status_code == 404, url
        client.force_login(author)
        wrong = client.delete if method == "get" else client.get
        assert wrong(url).status_code == 405, url
        data = {"version": version(draft), "text": "Changed.", "heading": ""}
        assert getattr(client, method)(url, data).status_code in (200, 302), url
    # A published report: members may read it, but not its drafting pages.
    Report.objects.filter(pk=draft.pk).update(status=Report.Status.PUBLISHED)
    client.force_login(committee_member)
    for url, method in item_urls(draft):
        assert getattr(client, method)(url, {"version": version(draft)}).status_code == 403, url


def test_an_unknown_action_is_not_found(client, author, draft):
    paragraph = Paragraph.objects.filter(section__report=draft).first()
    client.force_login(author)
    url = reverse("reports:paragraph_change", args=[draft.pk, paragraph.pk, "explode"])
    assert client.post(url, {"version": version(draft)}).status_code == 404


def test_the_editors_script_is_told_where_to_go_instead_of_being_redirected(client, author, draft):
    """A followed redirect hides its #anchor from fetch, so the in-place editor asks for it plainly."""
    client.force_login(author)
    url = reverse("reports:recommendation_add", args=[draft.pk])
    plain = client.post(url, {"version": version(draft), "text": "That the Committee notes it."})
    assert plain.status_code == 302
    created = Recommendation.objects.get(report=draft)
    assert plain["Location"].endswith(f"/edit/#recommendation-{created.pk}")

    in_place = client.post(
        url, {"version": version(draft), "text": "That the Committee thanks the staff."}, headers={"X-In-Place": "1"}
    )
    assert in_place.status_code == 200
    second = Recommendation.objects.filter(report=draft).latest("pk")
    editor = reverse("reports:report_edit", args=[draft.pk])
    assert in_place.json() == {"location": f"{editor}#recommendation-{second.pk}"}

    # A refusal is the same page either way: it says why next to the field and keeps what was typed.
    refused = client.post(url, {"version": version(draft), "text": "  "}, headers={"X-In-Place": "1"})
    assert refused.status_code == 400 and "Write the recommendation" in refused.content.decode()
    stale = client.post(url, {"version": 1, "text": "Typed against an old version."}, headers={"X-In-Place": "1"})
    assert stale.status_code == 409 and "Typed against an old version." in stale.content.decode()


def test_a_new_report_refused_on_the_welsh_page_says_why_in_welsh(client, author, committee, other_committee, template):
    import datetime

    from django.utils import timezone

    from tests.conftest import make_meeting

    other_meeting = make_meeting(other_committee, timezone.localdate() + datetime.timedelta(days=30))
    client.force_login(author)
    data = {"start": "1", "committee": committee.pk, "meeting": other_meeting.pk, "title": "T", "report_of": "D"}
    response = client.post("/cy" + reverse("reports:report_new"), data)
    assert response.status_code == 200
    assert f"Nid yw&#x27;r cyfarfod hwnnw yn un o gyfarfodydd {committee.name}" in response.content.decode()
