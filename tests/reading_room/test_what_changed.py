from __future__ import annotations

import pytest
from django.urls import reverse

from reading_room import changes
from reports import exemption, revisions, workflow
from reports.models import Paragraph
from tests.reading_room.builders import coming_meeting, paragraph, published_report, reword


@pytest.fixture
def coming(committee, author, approver, governance_officer):
    return coming_meeting(committee, author, approver, governance_officer)


def test_what_changed_is_the_revision_comparison_since_the_revision_last_opened(
    client, committee_member, governance_officer, coming
):
    _meeting, public, _exempt = coming
    client.force_login(committee_member)
    client.get(reverse("reading_room:report", args=[public.pk]))
    first = revisions.latest_published_revision(public)
    reword(public, governance_officer, 1, "<p>Visits rose by a fifth in 2016.</p>")
    reword(public, governance_officer, 0, "<p>The library opens at ten every weekday.</p>")
    latest = revisions.latest_published_revision(public)

    page = client.get(reverse("reading_room:report", args=[public.pk])).content.decode()
    link = reverse("reading_room:report_changes", args=[public.pk]) + f"?since={first.number}"
    assert link in page
    shown = client.get(link).content.decode()
    expected = revisions.changed_parts(first.content, latest.content)
    assert [p.label for p in changes.since(committee_member, public, latest, first.number).parts] == [
        p.label for p in expected
    ]
    for part in expected:
        for row in part.rows:
            if row.changed:
                assert row.old in shown and row.new in shown
    assert "<del>tenth</del>" in shown and "<ins>fifth</ins>" in shown and "<ins>ten</ins>" in shown


def test_a_member_not_entitled_never_sees_the_exempt_words_in_what_changed(
    client, other_committee_member, committee_member, governance_officer, committee, author, approver
):
    report = published_report(committee, author, approver, governance_officer, title="Depot contract")
    workflow.publish(report, governance_officer)
    report.refresh_from_db()
    Paragraph.objects.filter(pk=paragraph(report, 1).pk).update(exempt_paragraph=3)
    reword(report, governance_officer, 1, "<p>Bids came in at SECRETPRICE.</p>")
    client.force_login(other_committee_member)
    shown = client.get(reverse("reading_room:report_changes", args=[report.pk])).content.decode()
    assert "SECRETPRICE" not in shown
    assert exemption.passage_notice(3) in shown
    client.force_login(committee_member)
    assert "SECRETPRICE" in client.get(reverse("reading_room:report_changes", args=[report.pk])).content.decode()
