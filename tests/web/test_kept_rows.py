"""The rows a signed-in reader's shared page is read from, kept in the process under the public edition
(web/fragments.py kept_rows): a kept report, meeting or committee page asks the database nothing, and
yet a correction, a withdrawal or an exemption shows at the next request, and a reader who loses their
Part 2 entitlement loses the Part 2 report and its exempt passages at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committee import routes
from committee.models import Consultation, Membership
from publishing import publication
from reports.models import Paragraph, Report
from tests.reading_room.builders import correct, paragraph, reword
from tests.web import test_page_parts
from tests.web.test_page_parts import main_of

coming = test_page_parts.coming  # the fixture: a coming meeting, its agenda published with two reports
SECRET = "The depot's reserve price is four million pounds."


def count_queries(client, url: str) -> int:
    """The page's own queries: the test settings keep sessions in the database, production in Redis."""
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200, url
    return len([query for query in context.captured_queries if '"django_session"' not in query["sql"]])


def test_a_members_kept_report_meeting_and_committee_pages_ask_the_database_nothing(
    client, page_parts, coming, committee, committee_member
):
    meeting, public, exempt = coming
    client.force_login(committee_member)
    urls = [
        committee.get_absolute_url(),
        reverse("committee:meeting_detail", args=[meeting.pk]),
        reverse("reports:report_detail", args=[public.pk]),
        reverse("reports:report_detail", args=[exempt.pk]),
    ]
    for url in urls:
        assert count_queries(client, url) > 0, url  # rendered, and kept
    for url in urls:
        assert count_queries(client, url) == 0, url


def test_a_correction_shows_on_a_kept_report_page_at_the_next_request(
    client, page_parts, coming, committee_member, governance_officer, django_capture_on_commit_callbacks
):
    _meeting, public, _exempt = coming
    client.force_login(committee_member)
    url = reverse("reports:report_detail", args=[public.pk])
    client.get(url)
    assert count_queries(client, url) == 0  # served from what the process kept
    with django_capture_on_commit_callbacks(execute=True):
        reword(public, governance_officer, 0, "<p>The library opens at ten on Sundays.</p>")
    page = main_of(client.get(url))
    assert "opens at ten on Sundays" in page and "opens at nine" not in page


def _withdraw(report, officer):
    # The workflow withdraws only unpublished reports; a published one is withdrawn in the admin's form.
    report.status = Report.Status.WITHDRAWN
    report.save()


def _make_exempt(report, officer):
    with publication.editing_report(report, officer, report.version) as locked:
        locked.is_exempt, locked.exempt_paragraph = True, 3
        locked.save()


@pytest.mark.parametrize("change", [_withdraw, _make_exempt], ids=["withdrawn", "made_exempt"])
def test_a_report_withdrawn_or_made_exempt_is_gone_from_a_kept_page_at_once(
    client, page_parts, coming, other_committee_member, governance_officer, django_capture_on_commit_callbacks, change
):
    """A member of another committee reads the public report; it stops being theirs to read."""
    _meeting, public, _exempt = coming
    client.force_login(other_committee_member)
    url = reverse("reports:report_detail", args=[public.pk])
    client.get(url)
    assert count_queries(client, url) == 0
    with django_capture_on_commit_callbacks(execute=True):
        change(public, governance_officer)
    assert client.get(url).status_code == 404


def test_a_member_removed_from_the_committee_loses_the_part_2_passage_at_once(
    client,
    page_parts,
    coming,
    committee,
    committee_member,
    other_committee_member,
    governance_officer,
    django_capture_on_commit_callbacks,
):
    _meeting, public, _exempt = coming

    def add_exempt_passage(locked):
        section = paragraph(locked, 0).section
        Paragraph.objects.create(section=section, position=2, text=f"<p>{SECRET}</p>", exempt_paragraph=3)

    with django_capture_on_commit_callbacks(execute=True):
        correct(public, governance_officer, add_exempt_passage, "An exempt passage added.")
    url = reverse("reports:report_detail", args=[public.pk])
    client.force_login(other_committee_member)
    client.get(url)
    assert SECRET not in main_of(client.get(url))  # the public edition, kept for them
    client.force_login(committee_member)
    client.get(url)
    assert SECRET in main_of(client.get(url))
    assert count_queries(client, url) == 0
    # No signal, no commit: the public edition stays, so the kept rows stay; the reader's entitlement moves.
    Membership.objects.filter(person__user=committee_member, committee=committee).delete()
    page = main_of(client.get(url))
    assert "Visits rose by a tenth" in page and SECRET not in page


def test_a_committee_added_to_a_reports_route_reads_its_part_2_report_at_once(
    client,
    page_parts,
    coming,
    other_committee,
    other_committee_member,
    governance_officer,
    django_capture_on_commit_callbacks,
):
    """The route is kept with the report's rows: a step added moves the public edition, so its rows and
    the committees on its route are read afresh."""
    _meeting, _public, exempt = coming
    client.force_login(other_committee_member)
    url = reverse("reports:report_detail", args=[exempt.pk])
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        routes.add_step(exempt, governance_officer, committee=other_committee, role=Consultation.Role.COMMENT)
    assert "Depot disposal" in main_of(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        routes.remove_step(Consultation.objects.get(report=exempt, committee=other_committee), governance_officer)
    assert client.get(url).status_code == 404
