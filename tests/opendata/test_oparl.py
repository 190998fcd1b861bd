"""The OParl 1.1 API: every object valid against the published schemas, public data only."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
from collections import deque
from urllib.parse import parse_qs, urlsplit

import pypdf
import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from committee.models import AgendaItem, AgendaPack, ItemDecision, Meeting, Minutes
from tests.conftest import make_meeting
from tests.oparl_validation import embedded_objects, type_name, validate_list, validate_object
from tests.opendata_builders import build_open_council

SYSTEM = "/oparl/v1/"
BODY = "/oparl/v1/body/1"
HOST = "http://testserver"


@pytest.fixture
def council(demo):
    return build_open_council()


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def urls_in(value) -> list[str]:
    if isinstance(value, str):
        return [value] if value.startswith(HOST + "/") else []
    if isinstance(value, dict):
        return [url for child in value.values() for url in urls_in(child)]
    if isinstance(value, list):
        return [url for child in value for url in urls_in(child)]
    return []


def local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def whole_list(client, url: str) -> list[dict]:
    objects = []
    while url:
        page = get_json(client, url)
        validate_list(page)
        objects += page["data"]
        url = page["links"].get("next")
    return objects


def ids(objects: list[dict]) -> set[str]:
    return {obj["id"] for obj in objects}


def record_decisions(council):
    """Confirmed minutes for the example meeting: the public report noted, the exempt item agreed."""
    Minutes.objects.create(meeting=council.meeting, status=Minutes.Status.CONFIRMED, published_at=timezone.now())
    report_item = council.meeting.agenda_items.get(report=council.public_report)
    ItemDecision.objects.create(
        agenda_item=report_item, outcome=ItemDecision.Outcome.NOTED, text="<p>Noted the plan &amp; progress.</p>"
    )
    ItemDecision.objects.create(
        agenda_item=council.exempt_item, outcome=ItemDecision.Outcome.AGREED, text="<p>Award to Bidder B.</p>"
    )
    return report_item


# The walk ------------------------------------------------------------------------------------


def test_walking_the_whole_api_from_the_system_finds_only_valid_objects(client, council, settings):
    """Start at the System, follow every URL found, page through every list: each address answers,
    each object validates, and an object embedded somewhere is the same as at its own address."""
    settings.OPARL_PAGE_SIZE = 4
    record_decisions(council)
    build_public_pack(council)
    call_command("record_file_facts", stdout=io.StringIO())
    checksums: dict[str, str] = {}
    files_checked = 0
    seen_objects: dict[str, dict] = {}
    types_seen: set[str] = set()
    pages_followed = 0
    queue, visited = deque([HOST + SYSTEM]), set()
    while queue:
        url = queue.popleft()
        if url in visited:
            continue
        visited.add(url)
        path = local(url)
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        if not urlsplit(url).path.startswith("/oparl/"):
            # A web page or a file the API points at: it must open for the public, and be what the
            # API says it is.
            content = b"".join(response.streaming_content) if response.streaming else response.content
            if url in checksums:
                assert hashlib.sha512(content).hexdigest() == checksums.pop(url), url
                files_checked += 1
            continue
        assert response["Access-Control-Allow-Origin"] == "*"
        body = response.json()
        if "data" in body:
            validate_list(body)
            objects = body["data"]
            pages_followed += "page=" in url and parse_qs(urlsplit(url).query)["page"] != ["1"]
            assert body["pagination"]["elementsPerPage"] <= 4
            if body["pagination"]["currentPage"] < body["pagination"]["totalPages"]:
                assert "next" in body["links"]
            else:
                assert "next" not in body["links"]
        else:
            validate_object(body)
            objects = [body]
            assert body["id"] == url, "an object's id is the address it is served at"
        for obj in objects:
            for found in [obj, *embedded_objects(obj)]:
                types_seen.add(type_name(found))
                if "sha512Checksum" in found:
                    for file_url in (found["accessUrl"], found["downloadUrl"]):
                        if file_url not in visited:
                            checksums[file_url] = found["sha512Checksum"]
                if found["id"] in seen_objects:
                    assert seen_objects[found["id"]] == found, f"{found['id']} differs between places"
                seen_objects[found["id"]] = found
        queue.extend(u for u in urls_in(body) if u not in visited)

    assert types_seen == {
        "System",
        "Body",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "AgendaItem",
        "Paper",
        "Consultation",
        "File",
        "Location",
        "LegislativeTerm",
    }
    assert pages_followed > 20, "pagination was exercised"
    assert not checksums, "every file with a checksum was downloaded and matched it"
    assert files_checked >= 8, "report PDFs, appendices, background papers and the pack, inline and as downloads"
    # Everything listed is reachable at its own address, and nothing private was found on the way.
    assert all(url in visited or not url.startswith(HOST + "/oparl/") for url in seen_objects)
    everything = json.dumps(list(seen_objects.values()))
    for secret in ["Tender evaluation scores", "Draft: not yet cleared", "Secret future business", "Bidder B"]:
        assert secret not in everything


def test_every_list_of_the_body_validates_page_by_page(client, council, settings):
    settings.OPARL_PAGE_SIZE = 7
    body = get_json(client, BODY)
    validate_object(body)
    for key in ["organization", "person", "meeting", "paper", "agendaItem", "consultation", "file", "membership"]:
        assert whole_list(client, local(body[key])), key
    assert [t["name"] for t in body["legislativeTerm"]] == ["2022–2026", "2026–2030"]


# Public data only ----------------------------------------------------------------------------


def test_an_exempt_item_is_listed_as_not_public_without_files_or_consultation(client, council):
    item = get_json(client, f"/oparl/v1/agendaItem/{council.exempt_item.pk}")
    validate_object(item)
    assert item["public"] is False
    assert item["name"] == "Award of contract: residential placements"
    assert "consultation" not in item and "auxiliaryFile" not in item and "resolutionFile" not in item
    assert item["keyword"] == ["exempt: paragraph 3 of Schedule 12A"]


def test_exempt_and_unpublished_reports_never_appear(client, council):
    papers = whole_list(client, f"{BODY}/paper")
    assert f"{HOST}/oparl/v1/paper/{council.public_report.pk}" in ids(papers)
    for report in (council.exempt_report, council.draft_report, council.withdrawn_report):
        assert f"{HOST}/oparl/v1/paper/{report.pk}" not in ids(papers)
    get_json(client, f"/oparl/v1/paper/{council.exempt_report.pk}", status=404)
    get_json(client, f"/oparl/v1/paper/{council.draft_report.pk}", status=404)
    files = json.dumps(whole_list(client, f"{BODY}/file"))
    assert "Tender evaluation scores" not in files
    get_json(client, f"/oparl/v1/file/appendix-{council.exempt_appendix.pk}", status=404)
    # The draft report's agenda item is listed (its title is on the published agenda), without it.
    item = get_json(client, f"/oparl/v1/agendaItem/{council.draft_item.pk}")
    assert "consultation" not in item


def test_an_unpublished_agenda_shows_the_meeting_but_none_of_its_items(client, council):
    meeting = get_json(client, f"/oparl/v1/meeting/{council.unpublished_meeting.pk}")
    validate_object(meeting)
    assert "agendaItem" not in meeting
    item = council.unpublished_meeting.agenda_items.get()
    get_json(client, f"/oparl/v1/agendaItem/{item.pk}", status=404)


def test_people_are_councillors_and_committee_members_not_every_login(client, council):
    names = {p["name"] for p in whole_list(client, f"{BODY}/person")}
    assert "Cllr Reuben Thompstone" in names
    assert "Alex Admin" not in names  # the systems administrator sits on no committee
    assert "Grace Obi" not in names  # nor does the legal approver


def test_decisions_from_published_minutes_are_the_items_result(client, council):
    report_item = record_decisions(council)
    item = get_json(client, f"/oparl/v1/agendaItem/{report_item.pk}")
    assert item["result"] == "Noted" and item["resolutionText"] == "Noted the plan & progress."
    exempt = get_json(client, f"/oparl/v1/agendaItem/{council.exempt_item.pk}")
    assert "result" not in exempt and "resolutionText" not in exempt
    Minutes.objects.filter(meeting=council.meeting).update(status=Minutes.Status.DRAFT)
    assert "result" not in get_json(client, f"/oparl/v1/agendaItem/{report_item.pk}")


# Files ---------------------------------------------------------------------------------------


def test_an_appendix_file_has_its_checksum_size_and_working_urls(client, council):
    paper = get_json(client, f"/oparl/v1/paper/{council.public_report.pk}")
    appendix = next(f for f in paper["auxiliaryFile"] if f["name"] == "Metropolitan Police action plan")
    assert appendix["mimeType"] == "application/pdf"
    assert appendix["size"] == council.appendix.size
    assert appendix["sha512Checksum"] == council.appendix.sha512
    inline = client.get(local(appendix["accessUrl"]))
    assert inline.status_code == 200 and inline["Content-Disposition"].startswith("inline")
    download = client.get(local(appendix["downloadUrl"]))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert paper["mainFile"]["accessUrl"].startswith(HOST)


def test_file_urls_of_exempt_papers_are_refused_to_the_public_and_open_to_the_committee(
    client, council, committee_member
):
    from django.test import Client

    url = f"/open-data/files/appendix/{council.exempt_appendix.pk}/download"
    assert client.get(url).status_code == 404
    member = Client()
    from committee.models import Membership

    Membership.objects.create(person=committee_member.person, committee=council.committee)
    member.force_login(committee_member)
    assert member.get(url).status_code == 200


def test_background_paper_files_are_served_through_the_report_permission(client, council):
    council.public_report.status = "withdrawn"
    council.public_report.save()
    assert client.get(f"/open-data/files/background-paper/{council.paper_file.pk}/download").status_code == 404


def build_public_pack(council):
    """Build the meeting's agenda packs as the worker does after publication."""
    from documents import packs

    for pack in packs.request_packs(council.meeting):
        packs.build_pack.call(pack.pk)
    return AgendaPack.objects.get(meeting=council.meeting, variant=AgendaPack.Variant.PUBLIC)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_the_public_agenda_pack_is_the_meetings_invitation_file(client, council):
    pack = build_public_pack(council)
    assert AgendaPack.objects.filter(meeting=council.meeting, variant=AgendaPack.Variant.MEMBERS).exists()
    meeting = get_json(client, f"/oparl/v1/meeting/{council.meeting.pk}")
    validate_object(meeting)
    invitation = meeting["invitation"]
    assert invitation["id"] == f"{HOST}/oparl/v1/file/agenda-pack-{council.meeting.pk}"
    assert invitation["meeting"] == [meeting["id"]]
    assert get_json(client, local(invitation["id"])) == invitation
    inline = client.get(local(invitation["accessUrl"]))
    assert inline.status_code == 200 and inline["Content-Disposition"].startswith("inline")
    download = client.get(local(invitation["downloadUrl"]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    data = b"".join(download.streaming_content)
    # What the API says about the file is true of the bytes a client downloads.
    assert invitation["size"] == len(data) == pack.size
    assert invitation["sha512Checksum"] == hashlib.sha512(data).hexdigest()
    assert invitation["mimeType"] == "application/pdf"
    text = pdf_text(data)
    assert "Award of contract: residential placements" in text  # the exempt item, by title only
    assert "Tender evaluation scores" not in text and "Tender evaluation scores" not in json.dumps(meeting)


def test_published_minutes_are_the_meetings_results_protocol(client, council):
    assert "resultsProtocol" not in get_json(client, f"/oparl/v1/meeting/{council.meeting.pk}")
    record_decisions(council)
    meeting = get_json(client, f"/oparl/v1/meeting/{council.meeting.pk}")
    validate_object(meeting)
    minutes = meeting["resultsProtocol"]
    assert minutes["name"].startswith("Minutes: ") and minutes["keyword"] == ["confirmed"]
    assert minutes["mimeType"] == "text/html" and minutes["meeting"] == [meeting["id"]]
    assert get_json(client, local(minutes["id"])) == minutes
    assert minutes["id"] in ids(whole_list(client, f"{BODY}/file"))
    page = client.get(local(minutes["accessUrl"]))
    assert page.status_code == 200 and "attachment" not in page.get("Content-Disposition", "")
    download = client.get(local(minutes["downloadUrl"]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert "Noted the plan &amp; progress." in download.content.decode()
    assert "Award to Bidder B" not in download.content.decode()


def test_minutes_being_written_are_no_file_at_all(client, council):
    Minutes.objects.create(meeting=council.meeting, status=Minutes.Status.DRAFT)
    assert "resultsProtocol" not in get_json(client, f"/oparl/v1/meeting/{council.meeting.pk}")
    get_json(client, f"/oparl/v1/file/minutes-{council.meeting.pk}", status=404)
    assert client.get(f"/open-data/files/minutes/{council.meeting.pk}/download").status_code == 404
    Minutes.objects.filter(meeting=council.meeting).update(status=Minutes.Status.PUBLISHED, published_at=timezone.now())
    minutes = get_json(client, f"/oparl/v1/meeting/{council.meeting.pk}")["resultsProtocol"]
    assert minutes["name"].startswith("Draft minutes (to be confirmed)") and minutes["keyword"] == ["draft"]


# Deleted objects -----------------------------------------------------------------------------


def test_a_withdrawn_report_is_listed_as_deleted_only_when_asked_for_changes(client, council):
    url = f"{HOST}/oparl/v1/paper/{council.withdrawn_report.pk}"
    assert url not in ids(whole_list(client, f"{BODY}/paper"))
    changes = whole_list(client, f"{BODY}/paper?modified_since=2000-01-01T00:00:00%2B00:00")
    deleted = next(p for p in changes if p["id"] == url)
    assert deleted["deleted"] is True and "modified" in deleted and "name" not in deleted
    assert get_json(client, local(url))["deleted"] is True
    consultations = whole_list(client, f"{BODY}/consultation?modified_since=2000-01-01T00:00:00")
    assert any(c.get("deleted") for c in consultations)


def test_a_cancelled_meeting_stays_listed_and_says_so(client, council):
    meeting = make_meeting(council.committee, datetime.date(2030, 1, 7), status=Meeting.Status.CANCELLED)
    found = get_json(client, f"/oparl/v1/meeting/{meeting.pk}")
    assert found["cancelled"] is True and found["meetingState"] == "Cancelled"


# Filters and pagination ----------------------------------------------------------------------


def test_a_changed_agenda_item_changes_its_meetings_modified(client, council):
    later = timezone.now() + datetime.timedelta(days=30)
    since = (later - datetime.timedelta(minutes=1)).isoformat()
    with time_machine.travel(later):
        AgendaItem.objects.filter(pk=council.exempt_item.pk).update(modified=timezone.now())
    changed = whole_list(client, f"{BODY}/meeting?modified_since={since.replace('+', '%2B')}")
    assert [m["id"] for m in changed] == [f"{HOST}/oparl/v1/meeting/{council.meeting.pk}"]
    assert changed[0]["modified"] >= since[:19]


def test_filters_are_kept_in_every_link_and_next_is_missing_on_the_last_page(client, council, settings):
    settings.OPARL_PAGE_SIZE = 5
    query = "created_since=2000-01-01T00:00:00&modified_until=2100-01-01T00:00:00&omit_internal=true"
    page = get_json(client, f"{BODY}/meeting?{query}")
    assert page["pagination"]["totalPages"] > 2
    for link in page["links"].values():
        kept = parse_qs(urlsplit(link).query)
        assert kept["created_since"] == ["2000-01-01T00:00:00"]
        assert kept["modified_until"] == ["2100-01-01T00:00:00"]
        assert kept["omit_internal"] == ["true"]
    last = get_json(client, local(page["links"]["last"]))
    assert "next" not in last["links"] and "prev" in last["links"]
    assert "prev" not in page["links"]


def test_created_until_in_the_past_finds_nothing(client, council):
    page = get_json(client, f"{BODY}/organization?created_until=2000-01-01T00:00:00")
    assert page["data"] == [] and page["pagination"]["totalElements"] == 0


def test_lists_keep_a_stable_order_by_id(client, council):
    first = [m["id"] for m in whole_list(client, f"{BODY}/membership")]
    second = [m["id"] for m in whole_list(client, f"{BODY}/membership")]
    assert first == second
    numbers = [int(url.rsplit("/", 1)[1]) for url in first]
    assert numbers == sorted(numbers)


def test_omit_internal_leaves_embedded_objects_out(client, council):
    page = get_json(client, f"{BODY}/meeting?omit_internal=1")
    assert all("agendaItem" not in m and "location" not in m for m in page["data"])
    people = get_json(client, f"{BODY}/person?omit_internal=1")
    assert all("membership" not in p for p in people["data"])


def test_an_organisations_meetings_are_its_own(client, council):
    organization = get_json(client, f"/oparl/v1/organization/{council.committee.pk}")
    meetings = whole_list(client, local(organization["meeting"]))
    assert meetings and all(m["organization"] == [organization["id"]] for m in meetings)


# Errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url,status",
    [
        ("/oparl/v1/meeting/999999", 404),
        ("/oparl/v1/nonsense/1", 404),
        ("/oparl/v1/file/appendix-x", 404),
        ("/oparl/v1/body/2", 404),
        ("/oparl/v1/body/1/nonsense", 404),
        ("/oparl/elsewhere", 404),
        (f"{BODY}/meeting?modified_since=yesterday", 400),
        (f"{BODY}/meeting?limit=0", 400),
        (f"{BODY}/meeting?page=500", 404),
        # Hostile values: a superscript digit is a digit to str.isdigit() but not to int().
        (f"{BODY}/meeting?limit=%C2%B2", 400),
        (f"{BODY}/meeting?page=%C2%B2", 400),
        (f"{BODY}/meeting?page=" + "9" * 30, 400),
        ("/oparl/v1/paper/%C2%B2", 404),
        ("/oparl/v1/paper/" + "9" * 30, 404),
        (f"{BODY}/meeting?modified_since=%00", 400),
        ("/oparl/v1/paper/%00", 400),
    ],
)
def test_errors_are_oparl_error_objects(client, council, url, status):
    error = get_json(client, url, status=status)
    assert error["type"] == "https://schema.oparl.org/1.1/Error"
    assert error["message"]


def test_the_api_is_read_only(client, db):
    response = client.post(SYSTEM)
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["type"] == "https://schema.oparl.org/1.1/Error"


# Cost ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["meeting", "paper", "person", "agendaItem", "file", "organization", "consultation"])
def test_a_list_page_costs_the_same_whatever_the_data(client, council, django_assert_max_num_queries, kind):
    # Files come from many sources (report PDFs, appendices, exempt appendices' redacted versions,
    # background papers, minutes, packs, and
    # what was deleted of each), each counted once; a paper embeds its files and their recorded
    # facts and the names of its exempt appendices: more queries, but as many for ten meetings as for one.
    # A paper embeds its route's steps too (two queries: the steps at its meetings, and those still to come).
    # (The demo's held meetings have published minutes, so the page of files reaches every source.)
    # Decisions taken outside meetings are papers with a file of their own, and redacted appendices are
    # files too: one more source for each.
    limit = {"file": 24, "paper": 19}.get(kind, 12)
    with django_assert_max_num_queries(limit):
        get_json(client, f"{BODY}/{kind}")
    for day_offset in range(10):
        meeting = make_meeting(council.committee, datetime.date(2032, 1, 5) + datetime.timedelta(days=day_offset))
        meeting.agenda_published_at = timezone.now()
        meeting.save()
        AgendaItem.objects.create(meeting=meeting, title="Apologies for absence")
    with django_assert_max_num_queries(limit):
        get_json(client, f"{BODY}/{kind}?modified_since=2000-01-01T00:00:00")
