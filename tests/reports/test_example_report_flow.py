"""Done when: the council's example report is drafted in the browser from the template,
submitted, sent back with a request for changes, edited, cleared and approved — and the
structured result equals the demo copy (committee/demo/example_report.py) section by section.

Driven through the Django test client, each step a page and a form as its users would.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from committee import access
from committee.demo import example_report as example
from committee.models import Person
from demo.management.commands.loaddemo import Command as LoadDemo
from reports import revisions
from reports.models import Paragraph, Report, Section
from reports.templates_setup import ensure_standard_template
from tests.conftest import make_committee, make_meeting, make_user

LEGAL_FIX = "Cite the Constitution: the committee's responsibility is in section 15a."
DRAFT_LEGAL_TEXT = (
    "As set out in the responsibility for functions in the council's Constitution, the Children, Education, "
    "Libraries and Safeguarding Committee has responsibility to ensure that the council's safeguarding "
    "responsibilities are taken into account."
)


def as_typed(paragraph) -> str:
    """What the author types for one paragraph of the example: plain text, bullets as '- '."""
    if paragraph.startswith("<p>Prevailing"):
        return "Prevailing themes that emerged the inspections were as follows:\n" + "\n".join(
            f"- {bullet}" for bullet in example.BULLETS_1_3
        )
    return paragraph


def paragraphs_as_typed(report):
    """(section, the sub-section it goes under or None, what the author types), in the order written;
    the legal paragraph as first drafted, before the lawyer asks for a change."""
    for heading, paragraphs in example.SECTIONS:
        section = Section.objects.get(report=report, heading=heading)
        for paragraph in paragraphs:
            if not isinstance(paragraph, tuple):
                yield section, None, as_typed(paragraph)
                continue
            sub_heading, children = paragraph
            parent = Paragraph.objects.get(section=section, heading=sub_heading)
            for child in children:
                yield section, parent, DRAFT_LEGAL_TEXT if sub_heading.startswith("Legal") else child


def user(username: str, *groups: str, name: str = "") -> Client:
    first, _, last = name.partition(" ")
    client = Client()
    client.force_login(make_user(username, *groups, first_name=first, last_name=last))
    return client


def version(report) -> int:
    return Report.objects.get(pk=report.pk).version


def ok(response, status=302):
    assert response.status_code == status, response.content.decode()[:2000]
    return response


@pytest.fixture
def council(db):
    committee = make_committee(example.COMMITTEE)
    meeting = make_meeting(committee, example.MEETING_DATE)
    template = ensure_standard_template()
    officer = Person.objects.create(
        name=example.CONTACT["name"],
        kind=Person.Kind.OFFICER,
        job_title=example.CONTACT["job_title"],
        email=example.CONTACT["email"],
        phone=example.CONTACT["phone"],
    )
    return committee, meeting, template, officer


def demo_copy(committee, meeting, template, officer) -> Report:
    """The example report as the demo loader builds it, in the same database."""
    report = Report.objects.create(
        committee=committee,
        meeting=meeting,
        template=template,
        title=example.TITLE,
        report_of=example.REPORT_OF,
        summary="".join(_html(p) for p in example.SUMMARY),
    )
    report.contact_officers.add(officer)
    LoadDemo().fill_report(report, example.RECOMMENDATIONS, example.SECTIONS, example.BACKGROUND_PAPERS)
    return report


def _html(text: str) -> str:
    from demo.management.commands.loaddemo import html_paragraph

    return html_paragraph(text)


@time_machine.travel(datetime.datetime(2017, 1, 16, 10, tzinfo=datetime.UTC), tick=True)
def test_the_example_report_goes_from_template_to_approved_and_matches_the_demo(
    council, django_capture_on_commit_callbacks
):
    committee, meeting, template, officer = council
    author = user("author", access.REPORT_AUTHORS, name="Priya Shah")
    legal = user("legal", access.LEGAL_APPROVERS, name="Grace Obi")
    finance = user("finance", access.FINANCE_APPROVERS, name="Daniel Cole")
    director = user("director", access.DIRECTOR_APPROVERS, name="Chris Munday")
    governance = user("governance", access.GOVERNANCE_OFFICERS, name="Edward Gilbert")

    # 1. Start from the template, choosing the committee and the meeting.
    assert "Start a report" in author.get(reverse("reports:report_new")).content.decode()
    response = ok(
        author.post(
            reverse("reports:report_new"),
            {
                "start": "1",
                "committee": committee.pk,
                "meeting": meeting.pk,
                "title": example.TITLE,
                "report_of": example.REPORT_OF,
            },
        )
    )
    report = Report.objects.get(title=example.TITLE, author__username="author")
    edit = response["Location"]
    page = author.get(edit).content.decode()
    assert "Explain why the committee is being asked to consider this." in page

    # 2. The title block: all wards, the contact officer.
    ok(
        author.post(
            reverse("reports:report_details", args=[report.pk]),
            {
                "version": version(report),
                "title": example.TITLE,
                "report_of": example.REPORT_OF,
                "meeting": meeting.pk,
                "all_wards": "on",
                "contact_officers": [officer.pk],
            },
        )
    )

    # 3. Summary and recommendations, typed as plain paragraphs.
    ok(
        author.post(
            reverse("reports:summary_save", args=[report.pk]),
            {"version": version(report), "summary": "\n\n".join(example.SUMMARY)},
        )
    )
    for text in example.RECOMMENDATIONS:
        ok(
            author.post(
                reverse("reports:recommendation_add", args=[report.pk]), {"version": version(report), "text": text}
            )
        )

    # 4. The sections: the template gave the headings; the author writes the paragraphs.
    for section, parent, text in paragraphs_as_typed(report):
        data = {"version": version(report), "text": text}
        if parent is not None:
            page = author.get(edit, {"add": f"under-{parent.pk}"}).content.decode()
            assert "New sub-paragraph under 5." in page
            data["parent"] = parent.pk
        ok(author.post(reverse("reports:paragraph_add", args=[report.pk, section.pk]), data))

    # 5. The background papers: links, with their dates.
    for paper in example.BACKGROUND_PAPERS:
        ok(
            author.post(
                reverse("reports:paper_add", args=[report.pk]),
                {
                    "version": version(report),
                    "title": paper["title"],
                    "url": paper["url"],
                    "date": paper["date"].isoformat() if paper["date"] else "",
                },
            )
        )

    # 6. Submit for clearance: each approver is e-mailed.
    mail.outbox.clear()
    submit_page = author.get(reverse("reports:report_submit", args=[report.pk])).content.decode()
    assert "Grace Obi" in submit_page
    with django_capture_on_commit_callbacks(execute=True):
        ok(
            author.post(
                reverse("reports:report_submit", args=[report.pk]),
                {
                    "approver_legal": User.objects.get(username="legal").pk,
                    "approver_finance": User.objects.get(username="finance").pk,
                    "approver_director": User.objects.get(username="director").pk,
                },
            )
        )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "director@example.gov.uk",
        "finance@example.gov.uk",
        "legal@example.gov.uk",
    ]

    # 7. Legal asks for a change; the author sees it and the report is a draft again.
    manage = reverse("reports:report_manage", args=[report.pk])
    assert "Your legal sign-off" in legal.get(manage).content.decode()
    ok(
        legal.post(
            reverse("reports:report_sign_off", args=[report.pk]),
            {"role": "legal", "decision": "changes", "comment": LEGAL_FIX},
        )
    )
    page = author.get(manage).content.decode()
    assert "Changes requested" in page and "section 15a" in page
    assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFT

    # 8. The author edits paragraph 5.3.1 and submits again.
    legal_paragraph = Paragraph.objects.get(section__report=report, text__contains="responsibility for functions")
    key = f"paragraph-{legal_paragraph.pk}"
    assert "Save paragraph 5.3.1" in author.get(edit, {"edit": key}).content.decode()
    final_text = example.SECTIONS[4][1][2][1][0]
    ok(
        author.post(
            reverse("reports:paragraph_change", args=[report.pk, legal_paragraph.pk, "save"]),
            {"version": version(report), "heading": "", "text": final_text},
        )
    )
    ok(
        author.post(
            reverse("reports:report_submit", args=[report.pk]),
            {
                "approver_legal": User.objects.get(username="legal").pk,
                "approver_finance": User.objects.get(username="finance").pk,
                "approver_director": User.objects.get(username="director").pk,
            },
        )
    )

    # 9. All three approve: the report is cleared; the governance officer approves it for publication.
    for client, role in ((legal, "legal"), (finance, "finance"), (director, "director")):
        ok(client.post(reverse("reports:report_sign_off", args=[report.pk]), {"role": role, "decision": "approve"}))
    assert Report.objects.get(pk=report.pk).status == Report.Status.CLEARED
    ok(governance.post(reverse("reports:report_approve", args=[report.pk]), {"comment": ""}))
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED

    # The history shows every step, and the revisions show the legal fix.
    history = [(t.from_status, t.to_status) for t in report.transitions.exclude(from_status=models_f("to_status"))]
    assert history == [
        ("draft", "submitted"),
        ("submitted", "draft"),
        ("draft", "submitted"),
        ("submitted", "cleared"),
        ("cleared", "approved"),
    ]

    # The drafted report equals the demo copy, section by section.
    drafted = revisions.snapshot(report)
    demo = revisions.snapshot(demo_copy(committee, meeting, template, officer))
    for part in ("title", "committee", "is_exempt", "title_rows", "summary", "recommendations", "background_papers"):
        assert drafted[part] == demo[part], part
    assert [s["heading"] for s in drafted["sections"]] == [s["heading"] for s in demo["sections"]]
    for mine, theirs in zip(drafted["sections"], demo["sections"], strict=True):
        assert mine == theirs, f"section {theirs['number']}. {theirs['heading']}"


def models_f(name):
    from django.db.models import F

    return F(name)
