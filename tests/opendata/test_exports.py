"""CSV and JSON downloads of committees, meetings, decisions and work programmes: public data only."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from committee.models import Committee, ItemDecision, Meeting, Minutes, WorkProgrammeItem
from tests.opendata_builders import build_open_council


@pytest.fixture
def council(demo):
    council = build_open_council()
    Minutes.objects.create(meeting=council.meeting, status=Minutes.Status.CONFIRMED, published_at=timezone.now())
    council.report_item = council.meeting.agenda_items.get(report=council.public_report)
    ItemDecision.objects.create(
        agenda_item=council.report_item,
        outcome=ItemDecision.Outcome.NOTED,
        text="<p>Noted the action plan &amp; its progress.</p>",
    )
    ItemDecision.objects.create(
        agenda_item=council.exempt_item, outcome=ItemDecision.Outcome.AGREED, text="<p>Award to Bidder B.</p>"
    )
    return council


def rows_of(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Disposition"].startswith("attachment")
    if url.split("?")[0].endswith(".csv"):
        assert response["Content-Type"].startswith("text/csv")
        return list(csv.DictReader(io.StringIO(response.content.decode())))
    return json.loads(response.content)["data"]


def test_the_open_data_page_links_every_download_and_both_interfaces(client, council):
    response = client.get("/open-data/")
    body = response.content.decode()
    for name in ["committees", "meetings", "decisions", "work-programmes"]:
        assert f'href="/open-data/{name}.csv"' in body and f'href="/open-data/{name}.json"' in body
    assert 'href="/oparl/v1/"' in body and "mgWebService.asmx" in body
    assert 'href="/open-data/"' in client.get("/").content.decode(), "every page links to open data"


def test_a_committees_pages_link_its_own_meetings_decisions_and_programme_as_open_data(client, council):
    import re

    slug = council.committee.slug
    page = client.get(f"/committees/{slug}/").content.decode()
    programme = client.get(f"/committees/{slug}/work-programme/").content.decode()
    links = re.findall(r'href="(/open-data/[^"]+)"', page + programme)
    for name in ["meetings", "decisions", "work-programmes"]:
        for fmt in ["csv", "json"]:
            url = f"/open-data/{name}.{fmt}?committee={slug}"
            assert url in [link.replace("&amp;", "&") for link in links], url
            rows = rows_of(client, url)
            assert rows and {row["committee"] for row in rows} == {council.committee.name}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_committees_and_meetings_download_in_both_formats(client, council, fmt):
    committees = rows_of(client, f"/open-data/committees.{fmt}")
    assert {row["name"] for row in committees} == set(Committee.objects.values_list("name", flat=True))
    meetings = rows_of(client, f"/open-data/meetings.{fmt}?committee={council.committee.slug}")
    assert len(meetings) == Meeting.objects.filter(committee=council.committee).count()
    example = next(row for row in meetings if str(row["id"]) == str(council.meeting.pk))
    assert example["starts_at"].startswith("2017-02-21T19:00")
    assert example["url"] == f"http://testserver/meetings/{council.meeting.pk}/"


def test_decisions_show_public_decisions_and_only_the_title_of_exempt_ones(client, council):
    # The demo records decisions at other meetings too: these are the open council's meeting's.
    rows = [row for row in rows_of(client, "/open-data/decisions.csv") if row["meeting_id"] == str(council.meeting.pk)]
    assert len(rows) == 2
    public = next(row for row in rows if row["item"] == council.report_item.title)
    assert public["outcome"] == "Noted"
    assert public["decision"] == "Noted the action plan & its progress."
    assert public["report"] == council.public_report.title
    exempt = next(row for row in rows if row["item"] == "Award of contract: residential placements")
    assert exempt["exempt_paragraph"] == "3" and exempt["outcome"] == "" and exempt["decision"] == ""
    assert "Bidder B" not in json.dumps(rows_of(client, "/open-data/decisions.json"))


def test_draft_minutes_keep_their_decisions_out_of_the_download(client, council):
    Minutes.objects.filter(meeting=council.meeting).update(status=Minutes.Status.DRAFT)
    rows = rows_of(client, "/open-data/decisions.json")
    assert [row for row in rows if row["meeting_id"] == council.meeting.pk] == []


def test_work_programmes_hold_published_items_with_exempt_ones_reduced_to_their_title(client, council):
    rows = rows_of(client, "/open-data/work-programmes.json")
    published = WorkProgrammeItem.objects.published()
    assert {row["id"] for row in rows} == set(published.values_list("pk", flat=True))
    exempt = next(row for row in rows if row["title"] == "Award of contract: residential placements framework")
    assert exempt["purpose"] == "" and exempt["report_of"] == "" and exempt["exempt_paragraph"] == 3
    planned = next(row for row in rows if row["title"] == "School places planning strategy 2027–2032")
    assert planned["purpose"] == "Approve the strategy for primary and secondary places."


def test_unknown_downloads_and_committees_are_not_found(client, council):
    assert client.get("/open-data/salaries.csv").status_code == 404
    assert client.get("/open-data/meetings.xml").status_code == 404
    assert client.get("/open-data/meetings.csv?committee=no-such").status_code == 404


def _queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def test_a_download_costs_the_same_whatever_the_data(client, council):
    names = ["committees", "meetings", "decisions", "work-programmes"]
    before = {name: _queries_for(client, f"/open-data/{name}.json") for name in names}
    # Twice the council: more committees, meetings with minutes and decisions, and programme items.
    for n in range(5):
        committee = Committee.objects.create(name=f"Extra committee {n}", slug=f"extra-{n}")
        meeting = Meeting.objects.create(committee=committee, starts_at=timezone.now())
        Minutes.objects.create(meeting=meeting, status=Minutes.Status.CONFIRMED, published_at=timezone.now())
        WorkProgrammeItem.objects.create(committee=committee, title=f"Extra item {n}")
    after = {name: _queries_for(client, f"/open-data/{name}.json") for name in names}
    assert after == before
    assert max(after.values()) <= 8


def test_plain_text_goes_out_as_typed_angle_brackets_and_all(client, council):
    planned = WorkProgrammeItem.objects.get(title="School places planning strategy 2027–2032")
    WorkProgrammeItem.objects.filter(pk=planned.pk).update(purpose="Agree <Option B> & its costs")
    Committee.objects.filter(pk=planned.committee_id).update(terms_of_reference="Schools <5 forms of entry>")
    rows = rows_of(client, "/open-data/work-programmes.json")
    assert next(row for row in rows if row["id"] == planned.pk)["purpose"] == "Agree <Option B> & its costs"
    rows = rows_of(client, "/open-data/committees.csv")
    assert next(row for row in rows if int(row["id"]) == planned.committee_id)["terms_of_reference"] == (
        "Schools <5 forms of entry>"
    )
