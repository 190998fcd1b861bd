"""The published programme: the page, the PDF, the feed and the Forward Plan, and what
they never show of an exempt item."""

from __future__ import annotations

import datetime
import io

import feedparser
import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from committee.models import Committee, WorkProgrammeChange, WorkProgrammeDeferral, WorkProgrammeItem
from tests.conftest import make_meeting
from work_programme import programme as work_programme

SECRET = "Tender prices from the three bidders"
SECRET_REASON = "Bidder Acme Ltd withdrew"


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def programme(frozen, committee, governance_officer):
    committee.takes_key_decisions = True
    committee.save()
    march = make_meeting(committee, datetime.date(2027, 3, 15))
    april = make_meeting(committee, datetime.date(2027, 4, 26))
    published = datetime.date(2027, 2, 1)
    public = WorkProgrammeItem.objects.create(
        committee=committee,
        title="School places strategy",
        purpose="Approve the strategy for primary places.",
        report_of="Director of Education",
        target_meeting=march,
        key_decision=True,
        first_published_on=published,
    )
    exempt = WorkProgrammeItem.objects.create(
        committee=committee,
        title="Award of contract: residential placements",
        purpose=SECRET,
        report_of="Director of Children's Social Care",
        target_meeting=march,
        key_decision=True,
        is_exempt=True,
        exempt_paragraph=3,
        first_published_on=published,
    )
    later = WorkProgrammeItem.objects.create(
        committee=committee, title="Youth service review", purpose="Findings.", first_published_on=published
    )
    hidden = WorkProgrammeItem.objects.create(committee=committee, title="Not yet public", target_meeting=april)
    for item in (public, exempt, later):
        work_programme.record_change(item, WorkProgrammeChange.Kind.PUBLISHED)
    work_programme.move_item(exempt, april, SECRET_REASON, by=governance_officer)
    work_programme.move_item(public, april, "Waiting for census data", by=governance_officer)
    work_programme.record_change(hidden, WorkProgrammeChange.Kind.UPDATED)
    return {"public": public, "exempt": exempt, "later": later, "hidden": hidden, "april": april}


def page(client, committee) -> str:
    response = client.get(reverse("committee:work_programme_public", args=[committee.slug]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", [None, "committee_member", "governance_officer"])
def test_the_public_page_groups_by_meeting_and_shows_an_exempt_items_title_and_paragraph_only(
    client, committee, programme, persona, request
):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    body = page(client, committee)
    assert "Award of contract: residential placements" in body
    assert "Exempt: paragraph 3 of Schedule 12A" in body
    assert SECRET not in body
    assert "Approve the strategy for primary places." in body
    assert "Not yet public" not in body
    assert body.index("Monday 26 April 2027") < body.index("To be scheduled") < body.index("Youth service review")


def test_the_public_page_runs_a_constant_number_of_queries(client, committee, programme, django_assert_max_num_queries):
    for n in range(40):
        WorkProgrammeItem.objects.create(
            committee=committee,
            title=f"Item {n}",
            target_meeting=programme["april"],
            first_published_on=datetime.date(2027, 2, 1),
        )
    with django_assert_max_num_queries(5):
        page(client, committee)


def test_the_pdf_reads_like_the_page_and_hides_exempt_content(client, committee, programme):
    response = client.get(reverse("committee:work_programme_pdf", args=[committee.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    assert "Forward work programme" in text
    assert "School places strategy" in text
    assert "Award of contract: residential placements" in text
    assert "paragraph 3 of Schedule 12A" in text
    assert "Monday 26 April 2027" in text
    assert SECRET not in text
    assert "Not yet public" not in text


def test_the_feed_lists_changes_and_never_exempt_content(client, committee, programme):
    response = client.get(reverse("committee:work_programme_feed", args=[committee.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.feed.title.startswith(committee.name)
    titles = [entry.title for entry in feed.entries]
    assert "School places strategy: moved to another meeting" in titles
    assert "Award of contract: residential placements: moved to another meeting" in titles
    assert not any("Not yet public" in title for title in titles)
    everything = response.content.decode()
    assert SECRET not in everything and SECRET_REASON not in everything
    moved = next(e for e in feed.entries if e.title == "School places strategy: moved to another meeting")
    assert "Moved from 15 March 2027 to 26 April 2027" in moved.summary
    assert "Waiting for census data" in moved.summary
    assert moved.link.endswith(f"#item-{programme['public'].pk}")


def test_the_feed_runs_a_constant_number_of_queries(client, committee, programme, django_assert_max_num_queries):
    for _ in range(20):
        work_programme.record_change(programme["later"], WorkProgrammeChange.Kind.UPDATED)
    with django_assert_max_num_queries(3):
        client.get(reverse("committee:work_programme_feed", args=[committee.slug]))


def test_the_forward_plan_shows_the_notice_required_and_hides_exempt_content(
    client, committee, programme, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("committee:forward_plan"))
    body = response.content.decode()
    assert "School places strategy" in body
    assert "Award of contract: residential placements" in body
    assert "Private: paragraph 3 of Schedule 12A" in body
    assert SECRET not in body
    # 26 April 2027: on the plan by 28 March; first published 1 February.
    assert "Required by 28 March 2027: given" in body
    assert "Youth service review" not in body  # not a key decision


def test_an_unknown_committee_is_404_everywhere(client, db):
    for name in ["work_programme_public", "work_programme_pdf", "work_programme_feed"]:
        assert client.get(reverse(f"committee:{name}", args=["no-such-committee"])).status_code == 404


# The demo council --------------------------------------------------------------


def test_every_demo_committee_shows_a_plausible_programme(client, demo):
    for committee in Committee.objects.filter(active=True):
        groups = work_programme.public_programme(committee)
        assert groups, committee.name
        dated = [g.meeting.starts_at for g in groups if g.meeting]
        assert dated == sorted(dated)
        body = page(client, committee)
        assert groups[0].entries[0].item.title in body.replace("&#x27;", "'")
    # The story: reports linked to items, a deferral, a route taken, feed entries.
    assert WorkProgrammeItem.objects.filter(report__isnull=False).count() >= 3
    assert WorkProgrammeDeferral.objects.exists()
    assert WorkProgrammeItem.objects.exclude(forward_plan_route="").exists()
    plan = client.get(reverse("committee:forward_plan")).content.decode()
    assert "Temporary accommodation: emergency block booking" in plan
    exempt = WorkProgrammeItem.objects.filter(is_exempt=True, first_published_on__isnull=False).first()
    assert exempt.purpose not in page(client, exempt.committee)


def test_loading_the_demo_twice_adds_no_programme_items(demo):
    counts = (
        WorkProgrammeItem.objects.count(),
        WorkProgrammeDeferral.objects.count(),
        WorkProgrammeChange.objects.count(),
    )
    call_command("loaddemo", stdout=io.StringIO())
    assert counts == (
        WorkProgrammeItem.objects.count(),
        WorkProgrammeDeferral.objects.count(),
        WorkProgrammeChange.objects.count(),
    )
