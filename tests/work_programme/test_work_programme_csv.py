"""CSV out and back in: a round trip changes nothing; one bad row saves nothing."""

from __future__ import annotations

import csv
import datetime
import html
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from committee.models import Person, WorkProgrammeChange, WorkProgrammeDeferral, WorkProgrammeItem
from tests.conftest import make_meeting, make_report
from work_programme.spreadsheet import COLUMNS, export_csv, import_csv

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def programme(committee):
    march = make_meeting(committee, datetime.date(2027, 3, 15))
    make_meeting(committee, datetime.date(2027, 4, 26))
    officer = Person.objects.create(name="Priya Shah", kind=Person.Kind.OFFICER)
    items = [
        WorkProgrammeItem.objects.create(
            committee=committee,
            title="School places strategy",
            purpose='Approve the strategy, "with" commas, and\na second line',
            report_of="Director of Education",
            lead_officer=officer,
            target_meeting=march,
            key_decision=True,
            first_published_on=datetime.date(2027, 1, 5),
        ),
        WorkProgrammeItem.objects.create(
            committee=committee, title="Award of contract", is_exempt=True, exempt_paragraph=3, status="confirmed"
        ),
    ]
    make_report(committee, work_programme_item=items[0])
    return items


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def snapshot(committee):
    return list(
        WorkProgrammeItem.objects.filter(committee=committee)
        .order_by("pk")
        .values(
            "pk",
            "title",
            "purpose",
            "report_of",
            "lead_officer",
            "target_meeting",
            "key_decision",
            "is_exempt",
            "exempt_paragraph",
            "status",
            "first_published_on",
        )
    )


def to_csv(table: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table[0].keys()))
    writer.writeheader()
    writer.writerows(table)
    return out.getvalue().encode()


def test_the_export_has_every_column_and_the_status_that_follows_the_report(committee, programme):
    exported = rows(export_csv(committee))
    assert list(exported[0].keys()) == COLUMNS
    first = next(r for r in exported if r["title"] == "School places strategy")
    assert first["meeting_date"] == "2027-03-15"
    assert first["key_decision"] == "yes"
    assert first["lead_officer"] == "Priya Shah"
    assert first["status"] == "planned"
    assert first["current_status"] == "Report in drafting"
    exempt = next(r for r in exported if r["title"] == "Award of contract")
    assert exempt["exempt_paragraph"] == "3" and exempt["meeting_date"] == ""


def test_a_round_trip_changes_nothing(committee, programme):
    before = snapshot(committee)
    result = import_csv(committee, export_csv(committee).encode("utf-8"))
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert snapshot(committee) == before
    assert not WorkProgrammeChange.objects.exists()


def test_an_edited_export_updates_adds_and_keeps_the_move_in_the_history(committee, programme, governance_officer):
    table = rows(export_csv(committee))
    assert [row["title"] for row in table] == ["School places strategy", "Award of contract"]
    table[0]["meeting_date"] = "26/04/2027"
    table[1]["status"] = "Withdrawn"
    table.append(dict.fromkeys(COLUMNS, "") | {"title": "Youth service review", "key_decision": "no"})
    # Excel writes a byte-order mark: it must not spoil the first heading.
    result = import_csv(committee, b"\xef\xbb\xbf" + to_csv(table), by=governance_officer, source="test.csv")
    assert result.ok, result.errors
    assert (result.created, result.updated) == (1, 2)
    moved = WorkProgrammeItem.objects.get(title="School places strategy")
    assert moved.target_meeting.date == datetime.date(2027, 4, 26)
    deferral = WorkProgrammeDeferral.objects.get(item=moved)
    assert deferral.from_date == datetime.date(2027, 3, 15) and deferral.reason == "Moved by test.csv."
    assert WorkProgrammeItem.objects.get(title="Award of contract").status == "withdrawn"
    assert WorkProgrammeItem.objects.get(title="Youth service review").target_meeting is None


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("title", "", "Row 3, column 'title': a title is needed."),
        ("meeting_date", "2027-03-16", "Row 3, column 'meeting_date': "),
        ("meeting_date", "next week", "is not a date"),
        ("key_decision", "maybe", "Row 3, column 'key_decision': 'maybe' should be yes or no."),
        ("exempt_paragraph", "8", "Row 3, column 'exempt_paragraph': '8' is not a paragraph of Schedule 12A"),
        ("status", "considered", "Row 3, column 'status': 'considered' cannot be set by hand"),
        ("lead_officer", "Nobody Known", "Row 3, column 'lead_officer': nobody called 'Nobody Known'"),
        ("id", "99999", "Row 3, column 'id': there is no item 99999"),
        ("id", "abc", "Row 3, column 'id': 'abc' is not a number"),
        ("first_published_on", "31/02/2027", "Row 3, column 'first_published_on'"),
    ],
)
def test_one_bad_row_saves_nothing_and_the_error_names_row_and_column(committee, programme, column, value, message):
    before = snapshot(committee)
    table = rows(export_csv(committee))
    table[0]["title"] = "Changed on a good row"
    table[1][column] = value
    result = import_csv(committee, to_csv(table))
    assert not result.ok
    assert any(message in str(error) for error in result.errors), [str(e) for e in result.errors]
    assert all(error.row == 3 for error in result.errors)
    assert snapshot(committee) == before


def test_every_bad_row_is_reported_at_once(committee, programme):
    table = rows(export_csv(committee))
    table[0]["key_decision"] = "perhaps"
    table[1]["exempt_paragraph"] = "0"
    table[1]["id"] = table[0]["id"]
    result = import_csv(committee, to_csv(table))
    assert {(e.row, e.column) for e in result.errors} == {(2, "key_decision"), (3, "exempt_paragraph"), (3, "id")}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "it is empty"),
        (b"title,colour\nA,red\n", "Row 1, column 'colour': not a column we know"),
        (b"purpose\nsomething\n", "Row 1, column 'title': this column is missing"),
        ("title\nCaf\xe9\n".encode("latin-1"), "not UTF-8"),
        (b"title,purpose\nA,b,c\n", "Row 2: this row has more cells"),
    ],
)
def test_a_file_that_is_not_a_programme_is_refused_clearly(committee, programme, data, message):
    result = import_csv(committee, data)
    assert any(message in str(error) for error in result.errors), [str(e) for e in result.errors]
    assert WorkProgrammeItem.objects.count() == 2


def test_the_import_page_lists_the_errors_and_keeps_the_file_name(client, governance_officer, committee, programme):
    table = rows(export_csv(committee))
    table[1]["key_decision"] = "maybe"
    client.force_login(governance_officer)
    upload = SimpleUploadedFile("programme.csv", to_csv(table), content_type="text/csv")
    response = client.post(reverse("committee:work_programme_import", args=[committee.slug]), {"file": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was imported" in body
    assert "Row 3, column &#x27;key_decision&#x27;: &#x27;maybe&#x27; should be yes or no." in body
    assert "programme.csv" in body and "choose the corrected file again" in body


def test_a_good_import_through_the_page_says_what_it_did(client, governance_officer, committee, programme):
    client.force_login(governance_officer)
    export = client.get(reverse("committee:work_programme_export", args=[committee.slug]))
    assert export["Content-Type"].startswith("text/csv")
    assert "attachment" in export["Content-Disposition"]
    upload = SimpleUploadedFile("programme.csv", export.content, content_type="text/csv")
    response = client.post(
        reverse("committee:work_programme_import", args=[committee.slug]), {"file": upload}, follow=True
    )
    assert "0 added, 0 updated, 2 unchanged" in response.content.decode()


def test_an_import_on_the_welsh_page_says_what_it_did_in_welsh(client, governance_officer, committee, programme):
    client.force_login(governance_officer)
    export = client.get(reverse("committee:work_programme_export", args=[committee.slug]))
    upload = SimpleUploadedFile("programme.csv", export.content, content_type="text/csv")
    response = client.post(
        "/cy" + reverse("committee:work_programme_import", args=[committee.slug]), {"file": upload}, follow=True
    )
    page = html.unescape(response.content.decode())
    assert "Mewnforiwyd programme.csv: 0 wedi'u hychwanegu, 0 wedi'u diweddaru, 2 heb eu newid." in page


def test_a_refused_import_on_the_welsh_page_lists_its_problems_in_welsh(
    client, governance_officer, committee, programme
):
    table = rows(export_csv(committee))
    table[0]["key_decision"] = "efallai"
    table[1]["meeting_date"] = "2027-03-16"
    client.force_login(governance_officer)
    upload = SimpleUploadedFile("programme.csv", to_csv(table), content_type="text/csv")
    response = client.post("/cy" + reverse("committee:work_programme_import", args=[committee.slug]), {"file": upload})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Rhes 2, colofn 'key_decision': dylai 'efallai' fod yn ie neu na." in page
    assert "Rhes 3, colofn 'meeting_date': nid oes gan " in page and "gyfarfod ar 16 Mawrth 2027" in page
    assert "should be yes or no" not in page and "has no meeting on" not in page
