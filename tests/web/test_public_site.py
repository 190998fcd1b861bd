"""The public site's meeting pages, feeds and search, as the public, a member of another
committee, and a member of the committee."""

import datetime
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from django.db import connection
from django.urls import reverse

from committee import actions, agenda, scheduling
from committee.models import AgendaItem, Meeting, Minutes, Venue
from publishing import publication
from reports.models import Paragraph, Report, Section
from tests.conftest import make_meeting, make_report

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
IN_TIME = datetime.datetime(2017, 2, 13, 12, tzinfo=LONDON)
SECRET = "Tender prices from the three bidders"


@pytest.fixture
def published_meeting(meeting, committee, governance_officer):
    meeting.venue = Venue.objects.create(name="Hendon Town Hall", address="The Burroughs")
    meeting.save()
    public = make_report(
        committee,
        title="Metropolitan Police child protection inspection",
        summary="<p>The inspectorate found weaknesses in child protection casework.</p>",
        status=Report.Status.APPROVED,
    )
    section = Section.objects.create(report=public, heading="Background")
    Paragraph.objects.create(section=section, text="<p>Safeguarding referrals rose by a third.</p>")
    exempt = make_report(
        committee,
        title="Award of contract: residential placements",
        summary=f"<p>{SECRET}.</p>",
        status=Report.Status.APPROVED,
        is_exempt=True,
        exempt_paragraph=3,
    )
    agenda.add_opening_items(meeting, governance_officer)
    agenda.add_report_item(meeting, governance_officer, public)
    agenda.add_report_item(meeting, governance_officer, exempt)
    publication.publish_agenda(meeting, governance_officer, now=IN_TIME)
    meeting.refresh_from_db()
    meeting.public_report, meeting.exempt_report = public, exempt
    return meeting


PERSONAS = ["public", "other_committee_member", "committee_member"]


@pytest.fixture(params=PERSONAS)
def visitor(request, client):
    if request.param != "public":
        client.force_login(request.getfixturevalue(request.param))
    client.persona = request.param
    client.entitled = request.param == "committee_member"
    return client


def test_meeting_page_lists_the_exempt_items_title_and_paragraph_but_links_its_papers_only_for_members(
    visitor, published_meeting
):
    body = visitor.get(published_meeting.get_absolute_url()).content.decode()
    assert "Tuesday 21 February 2017" in body and "Hendon Town Hall" in body and "7pm" in body
    assert "Metropolitan Police child protection inspection" in body
    assert published_meeting.public_report.get_absolute_url() in body
    assert "Award of contract: residential placements" in body
    assert "paragraph 3 of Part 1 of Schedule 12A" in body
    assert "Motion to exclude the press and public" in body
    assert (published_meeting.exempt_report.get_absolute_url() in body) is visitor.entitled
    assert SECRET not in body


def test_the_exempt_report_itself_is_only_for_members_of_the_committee(visitor, published_meeting):
    response = visitor.get(published_meeting.exempt_report.get_absolute_url())
    assert response.status_code == (200 if visitor.entitled else 404)


def test_an_unpublished_agenda_shows_nothing_of_its_items(client, meeting, governance_officer, committee):
    agenda.add_report_item(meeting, governance_officer, make_report(committee, title="Secret draft"))
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "Secret draft" not in body and "has not been published yet" in body


def test_an_unpublished_supplementary_item_stays_off_every_public_surface(
    client, published_meeting, governance_officer
):
    agenda.add_item(published_meeting, governance_officer, title="Late item not yet published")
    for url in [published_meeting.get_absolute_url(), "/documents.atom", "/meetings.ics", "/search/?q=late"]:
        assert "Late item not yet published" not in client.get(url).content.decode(), url


def test_a_cancelled_meeting_shows_its_notice_everywhere(client, committee, governance_officer):
    meeting = make_meeting(committee, datetime.date(2030, 3, 4))
    scheduling.cancel_meeting(meeting, governance_officer, notice="Cancelled: no business to transact.")
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "This meeting has been cancelled." in body and "no business to transact" in body
    calendar = icalendar.Calendar.from_ical(client.get("/meetings.ics").content)
    event = next(e for e in calendar.walk("VEVENT") if e["uid"].startswith(f"meeting-{meeting.pk}@"))
    assert event["status"] == "CANCELLED" and "no business to transact" in event["description"]
    listing = client.get("/meetings/?month=2030-03").content.decode()
    assert "Cancelled" in listing


def test_a_postponed_meeting_links_to_its_new_date(client, committee, governance_officer):
    meeting = make_meeting(committee, datetime.date(2030, 3, 4))
    scheduling.postpone_meeting(
        meeting,
        governance_officer,
        notice="Postponed.",
        new_starts_at=datetime.datetime(2030, 4, 1, 18, tzinfo=LONDON),
    )
    meeting.refresh_from_db()
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "has been postponed" in body and meeting.rescheduled_to.get_absolute_url() in body


def test_ical_feeds_parse_back_with_every_meeting(client, published_meeting, other_committee):
    make_meeting(other_committee, datetime.date(2017, 2, 22))
    all_events = icalendar.Calendar.from_ical(client.get("/meetings.ics").content).walk("VEVENT")
    assert len(all_events) == 2
    response = client.get(reverse("committee:ical_committee", args=[published_meeting.committee.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event["summary"] == published_meeting.committee.name
    assert event.decoded("dtstart") == published_meeting.starts_at
    assert "Hendon Town Hall" in event["location"] and event["status"] == "CONFIRMED"
    assert SECRET not in response.content.decode()


def test_the_atom_feed_parses_back_with_the_published_agenda(visitor, published_meeting):
    feed = feedparser.parse(visitor.get("/documents.atom").content)
    assert feed.version == "atom10" and not feed.bozo
    (entry,) = feed.entries
    assert entry.title == f"Agenda: {published_meeting.committee.name}, 21 February 2017"
    assert entry.link.endswith(published_meeting.get_absolute_url())
    assert "Award of contract: residential placements (exempt: paragraph 3" in entry.summary
    assert SECRET not in visitor.get("/documents.atom").content.decode()


def test_the_calendar_shows_a_month_as_a_grid_and_a_list(client, published_meeting, other_committee):
    other = make_meeting(other_committee, datetime.date(2017, 2, 27))
    grid = client.get("/meetings/calendar/?month=2017-02").content.decode()
    assert "February 2017" in grid and published_meeting.get_absolute_url() in grid
    listing = client.get(f"/meetings/?month=2017-02&committee={published_meeting.committee_id}").content.decode()
    assert published_meeting.get_absolute_url() in listing and other.get_absolute_url() not in listing
    assert "month=2017-01" in listing and "month=2017-03" in listing
    # A month the calendar cannot read is refused with a page saying how to write one.
    assert client.get("/meetings/?month=nonsense").status_code == 400


def test_search_finds_published_reports_with_a_highlighted_snippet(client, published_meeting):
    body = client.get("/search/?q=safeguarding+referrals").content.decode()
    assert "Metropolitan Police child protection inspection" in body
    assert "<mark>" in body.lower() and "referrals" in body


def test_search_never_shows_exempt_text_to_those_not_entitled(visitor, published_meeting):
    body = visitor.get("/search/?q=tender+bidders").content.decode()
    assert (SECRET in body or "Award of contract" in body) is visitor.entitled
    if not visitor.entitled:
        assert "0 results" in body


def test_search_filters_by_committee_and_date(client, published_meeting, other_committee):
    url = "/search/?q=child+protection"
    assert "2 results" in client.get(url).content.decode()  # the agenda item and its report
    assert "0 results" in client.get(f"{url}&committee={other_committee.pk}").content.decode()
    assert "0 results" in client.get(f"{url}&from=2017-03-01").content.decode()
    assert "2 results" in client.get(f"{url}&from=2017-02-01&to=2017-02-28").content.decode()
    assert "real date" in client.get(f"{url}&from=31-31-2017").content.decode()


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_search_ranks_a_title_match_above_a_body_match(client, meeting, committee, governance_officer):
    in_body = make_report(committee, title="Annual complaints report", status=Report.Status.APPROVED)
    section = Section.objects.create(report=in_body, heading="Detail")
    Paragraph.objects.create(section=section, text="<p>One complaint concerned a library closure.</p>")
    in_summary = make_report(
        committee,
        title="Budget monitoring",
        summary="<p>Savings from library opening hours.</p>",
        status=Report.Status.APPROVED,
    )
    in_title = make_report(committee, title="Library strategy", status=Report.Status.APPROVED)
    for report in (in_body, in_summary, in_title):
        agenda.add_report_item(meeting, governance_officer, report)
    publication.publish_agenda(meeting, governance_officer, now=IN_TIME)
    body = client.get("/search/?q=library").content.decode()
    positions = [body.index(f">{t}</a>") for t in ("Library strategy", "Budget monitoring", "Annual complaints report")]
    assert positions == sorted(positions)
    assert connection.vendor == "postgresql"


def test_search_paginates(client, meeting, committee, governance_officer):
    for n in range(23):
        agenda.add_item(meeting, governance_officer, title=f"Allotments item {n}")
    publication.publish_agenda(meeting, governance_officer, now=IN_TIME)
    first = client.get("/search/?q=allotments").content.decode()
    assert "23 results" in first and "Page 1 of 2" in first
    second = client.get("/search/?q=allotments&page=2").content.decode()
    assert second.count("Allotments item") == 3


@pytest.mark.parametrize(
    "url_name",
    ["meeting", "calendar_list", "calendar_month", "committee", "search", "ical", "atom", "minutes", "decisions"],
)
def test_public_pages_run_a_constant_number_of_queries(
    url_name, visitor, published_meeting, committee, governance_officer, django_assert_max_num_queries
):
    from committee import minutes as minutes_module

    minutes_module.set_decision(
        published_meeting.agenda_items.get(report__isnull=False, part=1), governance_officer, outcome="agreed"
    )
    minutes_module.publish_minutes(published_meeting, governance_officer)
    for n in range(6):  # more of everything must not mean more queries
        other = make_meeting(committee, datetime.date(2017, 2, 1) + datetime.timedelta(days=n))
        agenda.add_item(other, governance_officer, title=f"Item {n}")
        agenda.add_item(other, governance_officer, title=f"Secret {n}", part=2, exempt_paragraph=1)
        publication.publish_agenda(other, governance_officer, now=datetime.datetime(2017, 1, 2, tzinfo=LONDON))
        actions.add(other, governance_officer, description=f"Action {n}", owner="Head of Service")
    urls = {
        "meeting": published_meeting.get_absolute_url(),
        "calendar_list": "/meetings/?month=2017-02",
        "calendar_month": "/meetings/calendar/?month=2017-02",
        "committee": committee.get_absolute_url(),
        "search": "/search/?q=item",
        "ical": "/meetings.ics",
        "atom": "/documents.atom",
        "minutes": reverse("committee:meeting_minutes", args=[published_meeting.pk]),
        "decisions": reverse("committee:meeting_decisions", args=[published_meeting.pk]),
    }
    # A signed-in member's agenda also reads the reports' exempt parts and their routes' earlier outcomes,
    # and (one query) the actions tracker of the committee's earlier meetings.
    with django_assert_max_num_queries(15):
        assert visitor.get(urls[url_name]).status_code == 200


def test_the_demo_example_meeting_shows_its_agenda_and_report(client, demo):
    meeting = Meeting.objects.get(starts_at__date=datetime.date(2017, 2, 21))
    body = client.get(meeting.get_absolute_url()).content.decode()
    report = Report.objects.get(title__startswith="HMIC")
    assert "Apologies for absence" in body and report.get_absolute_url() in body
    assert AgendaItem.objects.filter(meeting=meeting, report=report).exists()


def test_minutes_and_decisions_are_hidden_until_published(client, published_meeting):
    Minutes.objects.create(meeting=published_meeting)
    assert client.get(reverse("committee:meeting_minutes", args=[published_meeting.pk])).status_code == 404
    assert client.get(reverse("committee:meeting_decisions", args=[published_meeting.pk])).status_code == 404


def test_the_committee_page_lists_its_members_chair_first_and_the_clerk_last(client, committee):
    import re

    from committee.models import Membership, Person

    for name, role in [
        ("Edward Gilbert", Membership.Role.CLERK),
        ("Cllr Anne Hutton", Membership.Role.MEMBER),
        ("Cllr Jack Cohen", Membership.Role.SUBSTITUTE),
        ("Cllr Bridget Perry", Membership.Role.VICE_CHAIR),
        ("Cllr Reuben Thompstone", Membership.Role.CHAIR),
        ("Cllr Alison Moore", Membership.Role.MEMBER),
    ]:
        Membership.objects.create(person=Person.objects.create(name=name), committee=committee, role=role)
    page = client.get(reverse("committee:committee_detail", args=[committee.slug])).content.decode()
    names = re.findall(r"(Cllr [A-Z][a-z]+ [A-Z][a-z]+|Edward Gilbert)", page)
    assert names == [
        "Cllr Reuben Thompstone",
        "Cllr Bridget Perry",
        "Cllr Alison Moore",
        "Cllr Anne Hutton",
        "Cllr Jack Cohen",
        "Edward Gilbert",
    ]
