"""import_moderngov, proven by a round trip: read this app's own Modern.gov web service, import what
it says, and compare the imported council with the original."""

from __future__ import annotations

import io
import re
import urllib.parse
from html import escape

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from committee.models import AgendaItem, Committee, Meeting, Membership, Person
from opendata import importer as importer_module
from opendata.importer import Importer, ServiceAnswer, http_fetcher, mg_time
from opendata.models import ImportedDocument
from tests.opendata_builders import build_open_council


def record_service(client) -> dict[tuple, bytes]:
    """Everything the importer asks of a Modern.gov site, answered by this app's web service: the export."""
    answers: dict[tuple, bytes] = {}

    def get(operation: str, **params) -> bytes:
        response = client.get(f"/mgWebService.asmx/{operation}", params)
        assert response.status_code == 200, response.content
        answers[(operation, tuple(sorted((k, str(v)) for k, v in params.items())))] = response.content
        return response.content

    import xml.etree.ElementTree as ET

    get("GetCommittees")
    wards = ET.fromstring(get("GetCouncillorsByWard"))
    for councillor_id in wards.iterfind("wards/ward/councillors/councillor/councillorid"):
        get("GetCommitteesByUser", lUserId=councillor_id.text)
    meetings = ET.fromstring(get("GetMeetings", lCommitteeId=0, sFromDate="", sToDate=""))
    for meeting_id in meetings.iterfind("committee/committeemeetings/meeting/meetingid"):
        get("GetMeeting", lMeetingId=meeting_id.text)
    return answers


def replay(answers: dict[tuple, bytes], fail: set[str] | None = None):
    """A Modern.gov site that answers from the recording; `fail` lists calls that fail once."""
    failing = set(fail or ())

    def fetch(operation: str, params: dict[str, str]) -> bytes:
        key = (operation, tuple(sorted(params.items())))
        label = f"{operation}?{urllib.parse.urlencode(sorted(params.items()))}"
        if label in failing:
            failing.discard(label)
            raise ServiceAnswer(f"{operation}: HTTP 503: the site is busy")
        if key not in answers:
            raise ServiceAnswer(f"{operation}: HTTP 500: not recorded {key}")
        return answers[key]

    return fetch


@pytest.fixture
def exported(client, demo):
    council = build_open_council()
    return council, record_service(client)


def run_import(monkeypatch, fetch, *args) -> str:
    monkeypatch.setattr(importer_module, "http_fetcher", lambda url: fetch)
    from opendata.management.commands import import_moderngov

    monkeypatch.setattr(import_moderngov, "http_fetcher", lambda url: fetch)
    out = io.StringIO()
    call_command("import_moderngov", "https://democracy.example.gov.uk", *args, stdout=out)
    return out.getvalue()


def test_a_round_trip_through_the_web_service_recreates_the_council(monkeypatch, exported):
    council, answers = exported
    originals = {
        "committees": list(Committee.objects.filter(old_id__isnull=True)),
        "councillors": list(Person.objects.filter(kind=Person.Kind.COUNCILLOR, old_id__isnull=True)),
        "meetings": list(Meeting.objects.select_related("venue")),
    }
    output = run_import(monkeypatch, replay(answers))

    for committee in originals["committees"]:
        imported = Committee.objects.get(old_id=committee.pk)
        assert (imported.name, imported.kind, imported.active) == (committee.name, committee.kind, committee.active)
    for person in originals["councillors"]:
        imported = Person.objects.get(old_id=person.pk)
        assert (imported.name, imported.party, imported.ward_id, imported.email) == (
            person.name,
            person.party,
            person.ward_id,
            person.email,
        )
        seats = {
            (m.committee_id, m.role if m.role in ("chair", "vice_chair") else "member")
            for m in person.memberships.exclude(role=Membership.Role.CLERK)
        }
        imported_seats = {(m.committee.old_id, m.role) for m in imported.memberships.select_related("committee")}
        assert imported_seats == seats, person.name
    for meeting in originals["meetings"]:
        imported = Meeting.objects.get(old_id=meeting.pk)
        assert imported.committee.old_id == meeting.committee_id
        assert imported.starts_at == meeting.starts_at
        assert imported.status == meeting.status
        assert (imported.venue.name if imported.venue else None) == (meeting.venue.name if meeting.venue else None)
        assert imported.agenda_is_published == meeting.agenda_is_published

    published_part1 = AgendaItem.objects.filter(
        old_id__isnull=True, meeting__agenda_published_at__isnull=False, part=1, meeting__old_id__isnull=True
    )
    for item in published_part1:
        imported = AgendaItem.objects.get(old_id=item.pk)
        assert imported.title == item.title and imported.meeting.old_id == item.meeting_id
    # Documents of the public report came over as links; the exempt item was reported, not guessed.
    report_item = council.meeting.agenda_items.get(report=council.public_report)
    documents = ImportedDocument.objects.filter(agenda_item__old_id=report_item.pk)
    assert [d.title for d in documents][:2] == [council.public_report.title, "Metropolitan Police action plan"]
    assert not AgendaItem.objects.filter(old_id=council.exempt_item.pk).exists()
    assert f"Agenda item {council.exempt_item.pk} (Award of contract: residential placements): exempt" in output
    assert "Imported meetings:" in output and "Done." in output


def test_running_it_again_changes_nothing(monkeypatch, exported):
    _council, answers = exported
    run_import(monkeypatch, replay(answers))
    counts = [model.objects.count() for model in (Committee, Person, Membership, Meeting, AgendaItem, ImportedDocument)]
    output = run_import(monkeypatch, replay(answers))
    assert counts == [
        model.objects.count() for model in (Committee, Person, Membership, Meeting, AgendaItem, ImportedDocument)
    ]
    assert " 0 new" in output and "Imported meetings: 0 new" in output


def test_it_carries_on_after_a_failure_and_a_second_run_fills_the_gap(monkeypatch, exported):
    council, answers = exported
    flaky = f"GetMeeting?lMeetingId={council.meeting.pk}"
    output = run_import(monkeypatch, replay(answers, fail={flaky}))
    assert f"Meeting {council.meeting.pk}: GetMeeting: HTTP 503" in output
    assert not Meeting.objects.filter(old_id=council.meeting.pk).exists()
    assert Meeting.objects.filter(old_id__isnull=False).exists(), "the other meetings were kept"
    run_import(monkeypatch, replay(answers))
    assert Meeting.objects.filter(old_id=council.meeting.pk).exists()


def test_a_dry_run_saves_nothing(monkeypatch, exported):
    _council, answers = exported
    before = Meeting.objects.count()
    output = run_import(monkeypatch, replay(answers), "--dry-run")
    assert Meeting.objects.count() == before and "Would import meetings" in output


def test_a_site_that_is_not_modern_gov_is_refused_clearly(monkeypatch, db):
    def fetch(operation, params):
        raise ServiceAnswer(f"{operation}: HTTP 404: Not Found")

    with pytest.raises(CommandError, match="does not look like a Modern.gov web service"):
        run_import(monkeypatch, fetch)


def test_the_http_fetcher_reads_a_live_service(live_server, demo):
    fetch = http_fetcher(live_server.url)
    assert b"<committees>" in fetch("GetCommittees", {})
    with pytest.raises(ServiceAnswer, match="(?s)HTTP 400: .*Missing parameter: lMeetingId"):
        fetch("GetMeeting", {})
    report = Importer(fetch).run(start="01/02/2017", end="28/02/2017")
    assert report.created["meetings"] == 1


@pytest.mark.parametrize(
    "value,expected",
    [("7.00 pm", (19, 0)), ("10.30 am", (10, 30)), ("12.00 pm", (12, 0)), ("12.15 am", (0, 15)), ("", (0, 0))],
)
def test_modern_gov_times_are_read(value, expected):
    assert (mg_time(value).hour, mg_time(value).minute) == expected


def test_an_items_html_text_from_modern_gov_arrives_as_readable_lines(monkeypatch, exported):
    council, answers = exported
    item = council.meeting.agenda_items.filter(part=1).first()
    marked = escape("<p>Tom &amp; Jerry</p><ul><li>First</li><li>Second</li></ul>")
    for key, body in answers.items():
        if key[0] == "GetMeeting" and f"<agendaitemid>{item.pk}</agendaitemid>".encode() in body:
            answers[key] = re.sub(
                rf"(<agendaitemid>{item.pk}</agendaitemid>.*?<agendatext)(\s*/>|>.*?</agendatext>)".encode(),
                rb"\1>" + marked.encode() + b"</agendatext>",
                body,
                count=1,
                flags=re.DOTALL,
            )
    run_import(monkeypatch, replay(answers))
    assert AgendaItem.objects.get(old_id=item.pk).description == "Tom & Jerry\nFirst\nSecond"
