"""Signed-in readers' report, meeting and committee pages, their content kept for everyone who reads
the same (web/fragments.py page_parts): never anything a reader may not see, never stale after a
publication or a correction, and never kept past a change in the reader's Part 2 entitlement."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from committee import agenda
from committee.models import Membership
from core import council
from publishing import publication
from tests.conftest import make_user
from tests.reading_room.builders import coming_meeting, published_report, reword
from tests.web.test_serving import count_queries
from web import fragments


def part_2_link(exempt) -> str:
    """The link to the Part 2 report from the meeting's agenda: there only for those entitled to its papers
    (its title is public)."""
    return f'href="{reverse("reports:report_detail", args=[exempt.pk])}"'


@pytest.fixture
def add_late_report(committee, author, approver, governance_officer):
    """A report published after the meeting's agenda, added to it as an item (not yet published)."""

    def add(meeting, title: str) -> None:
        late = published_report(committee, author, approver, governance_officer, title=title, meeting=meeting)
        agenda.add_report_item(meeting, governance_officer, late)

    return add


def main_of(response) -> str:
    """The page's <main>, which holds what is kept; the sign-out form's token differs every time."""
    assert response.status_code == 200
    html = response.content.decode()
    html = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


# Changes: a correction, a publication, an entitlement --------------------------------------------


@pytest.fixture
def coming(committee, author, approver, governance_officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return coming_meeting(committee, author, approver, governance_officer)


def test_a_correction_shows_to_a_signed_in_member_at_once(
    client, page_parts, coming, committee_member, governance_officer, django_capture_on_commit_callbacks
):
    _meeting, public, _exempt = coming
    client.force_login(committee_member)
    url = reverse("reports:report_detail", args=[public.pk])
    assert "opens at nine" in main_of(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        reword(public, governance_officer, 0, "<p>The library opens at ten on Sundays.</p>")
    page = main_of(client.get(url))
    assert "opens at ten on Sundays" in page and "opens at nine" not in page


def test_a_supplementary_agenda_shows_on_the_members_meeting_page_at_once(
    client,
    page_parts,
    coming,
    committee_member,
    add_late_report,
    governance_officer,
    django_capture_on_commit_callbacks,
):
    meeting, _public, _exempt = coming
    client.force_login(committee_member)
    url = reverse("committee:meeting_detail", args=[meeting.pk])
    assert "Late item on the harbour wall" not in main_of(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        add_late_report(meeting, "Late item on the harbour wall")
    # Added after publication: on nobody's agenda until its supplementary agenda is published.
    assert "Late item on the harbour wall" not in main_of(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_supplementary(meeting, governance_officer)
    assert "Late item on the harbour wall" in main_of(client.get(url))


@pytest.mark.parametrize("how", ["membership_ended_yesterday", "membership_deleted"])
def test_a_member_whose_membership_ends_no_longer_gets_the_part_2_parts(
    client, page_parts, coming, committee, committee_member, how
):
    meeting, _public, exempt = coming
    client.force_login(committee_member)
    urls = [
        reverse("committee:meeting_detail", args=[meeting.pk]),
        reverse("reports:report_detail", args=[exempt.pk]),
    ]
    assert part_2_link(exempt) in main_of(client.get(urls[0]))
    assert client.get(urls[1]).status_code == 200
    memberships = Membership.objects.filter(person__user=committee_member, committee=committee)
    # Neither moves the public edition (no signal, no commit): the reader's key alone must change.
    if how == "membership_ended_yesterday":
        memberships.update(end_date=timezone.localdate() - datetime.timedelta(days=1))
    else:
        memberships.delete()
    assert part_2_link(exempt) not in main_of(client.get(urls[0]))
    assert client.get(urls[1]).status_code == 404


def test_a_new_member_gets_the_part_2_parts_at_once(client, page_parts, coming, committee, other_committee_member):
    meeting, _public, exempt = coming
    client.force_login(other_committee_member)
    url = reverse("committee:meeting_detail", args=[meeting.pk])
    assert part_2_link(exempt) not in main_of(client.get(url))
    person = other_committee_member.person
    Membership.objects.bulk_create([Membership(person=person, committee=committee)])  # no signal either
    assert part_2_link(exempt) in main_of(client.get(url))
    client.force_login(make_user("member-of-none", "Committee members"))
    assert part_2_link(exempt) not in main_of(client.get(url))


def test_an_officer_with_reports_of_their_own_is_never_served_kept_parts(client, page_parts, coming, author):
    """The author reads their reports' drafts: their pages are rendered for them alone."""
    meeting, _public, _exempt = coming
    client.force_login(author)
    url = reverse("committee:meeting_detail", args=[meeting.pk])
    client.get(url)
    assert not [key for key in cache._cache if "page-part:" in key]


# Speed: what a kept page costs ---------------------------------------------------------------------


def test_a_members_kept_pages_run_a_constant_and_smaller_number_of_queries(
    client,
    page_parts,
    coming,
    committee,
    committee_member,
    add_late_report,
    governance_officer,
    django_capture_on_commit_callbacks,
):
    meeting, public, _exempt = coming
    client.force_login(committee_member)
    urls = {
        "committee": committee.get_absolute_url(),
        "meeting": reverse("committee:meeting_detail", args=[meeting.pk]),
        "report": reverse("reports:report_detail", args=[public.pk]),
    }
    rendered = {name: count_queries(client, url) for name, url in urls.items()}
    kept = {name: count_queries(client, url) for name, url in urls.items()}
    with django_capture_on_commit_callbacks(execute=True):
        for index in range(4):
            add_late_report(meeting, f"Further report {index}")
        publication.publish_supplementary(meeting, governance_officer)
    assert "Further report 3" in client.get(urls["meeting"]).content.decode()  # the edition moved
    for url in urls.values():
        client.get(url)  # kept again, under the new edition
    for name, url in urls.items():
        assert count_queries(client, url) == kept[name], name
        assert kept[name] < rendered[name], name
    cache.clear()  # rendered again, at the bigger size
    council.remember(council.identity_from_settings())
    for name, url in urls.items():
        assert count_queries(client, url) <= rendered[name], name


def test_a_reload_renders_the_page_afresh(client, page_parts, coming, committee_member):
    meeting, _public, _exempt = coming
    client.force_login(committee_member)
    url = reverse("committee:meeting_detail", args=[meeting.pk])
    client.get(url)
    [key] = [key for key in cache._cache if "page-part:" in key]
    cache.set(key.split(":", 2)[-1], {"content": "Planted in the kept parts"}, 60)
    fragments.forget_pages()  # the page kept whole in the process, around the parts as they were
    assert "Planted in the kept parts" in main_of(client.get(url))
    assert "Planted in the kept parts" not in main_of(client.get(url, HTTP_CACHE_CONTROL="no-cache"))
    assert "Planted in the kept parts" not in main_of(client.get(url))  # kept afresh
