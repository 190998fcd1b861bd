"""The monitoring officer's team and governance officers keep councillors' photos (each with what it
shows, its alt text) and addresses, and record the council's approvals of absence under the six-month
rule (LGA 1972 s.85), on the app's own pages; nobody else may."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from committee import access
from members import six_month_rule
from members.models import AbsenceApproval, CouncillorProfile
from tests.conftest import LONDON, make_committee, make_user
from tests.members.builders import attended, councillor, meeting_on

D = datetime.date
pytestmark = pytest.mark.django_db


def jpeg(colour="navy", size=(6, 6)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return SimpleUploadedFile("ada.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def ada():
    return councillor("Cllr Ada Lovelace", make_committee("Planning Committee"), start_date=D(2025, 5, 1))


@pytest.fixture
def monitoring(client):
    client.force_login(make_user("monitoring", access.MONITORING_OFFICERS))
    return client


def test_a_photo_is_uploaded_with_what_it_shows_and_the_public_page_shows_both(monitoring, client, ada):
    edit = reverse("members:councillor_profile_edit", args=[ada.pk])
    assert "There is no photo yet." in monitoring.get(edit).content.decode()
    data = {"photo": jpeg(), "photo_alt": "Ada Lovelace smiling, in a blue jacket", "postal_address": "Town Hall"}
    response = monitoring.post(edit, data)
    assert response.status_code == 302

    client.logout()
    page = client.get(reverse("members:councillor", args=[ada.pk])).content.decode()
    assert 'alt="Ada Lovelace smiling, in a blue jacket"' in page and "Town Hall" in page
    photo = client.get(reverse("members:councillor_photo", args=[ada.pk]))
    assert b"".join(photo.streaming_content).startswith(b"\xff\xd8")


def test_a_photo_needs_its_description_and_a_bad_file_is_refused_keeping_what_was_typed(monitoring, ada):
    edit = reverse("members:councillor_profile_edit", args=[ada.pk])
    response = monitoring.post(edit, {"photo": jpeg(), "photo_alt": "", "postal_address": "1 High Street"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say what the photo shows, for people who cannot see it." in page and "1 High Street" in page
    not_an_image = SimpleUploadedFile("ada.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = monitoring.post(edit, {"photo": not_an_image, "photo_alt": "Ada", "postal_address": ""})
    assert response.status_code == 400
    assert "Upload a valid image" in response.content.decode()
    buffer = io.BytesIO()
    Image.new("RGB", (6, 6), "navy").save(buffer, "GIF")
    gif = SimpleUploadedFile("ada.gif", buffer.getvalue(), content_type="image/gif")
    response = monitoring.post(edit, {"photo": gif, "photo_alt": "Ada", "postal_address": ""})
    assert "The photo must be a JPEG or a PNG." in response.content.decode()
    assert not CouncillorProfile.objects.filter(person=ada).exclude(photo="").exists()


def test_a_photo_is_replaced_and_removed_and_the_old_file_goes(monitoring, ada, django_capture_on_commit_callbacks):
    edit = reverse("members:councillor_profile_edit", args=[ada.pk])
    monitoring.post(edit, {"photo": jpeg(), "photo_alt": "Ada, 2025"})
    first = CouncillorProfile.objects.get(person=ada).photo
    first_path = first.path
    with django_capture_on_commit_callbacks(execute=True):
        monitoring.post(edit, {"photo": jpeg("red"), "photo_alt": "Ada, 2026"})
    profile = CouncillorProfile.objects.get(person=ada)
    assert profile.photo_alt == "Ada, 2026" and profile.photo.path != first_path
    assert not first.storage.exists(first.name)
    # Keeping the photo and changing only its description needs no new file.
    monitoring.post(edit, {"photo_alt": "Ada at the Town Hall"})
    assert CouncillorProfile.objects.get(person=ada).photo_alt == "Ada at the Town Hall"
    with django_capture_on_commit_callbacks(execute=True):
        monitoring.post(edit, {"remove_photo": "on", "photo_alt": ""})
    profile = CouncillorProfile.objects.get(person=ada)
    assert not profile.photo and profile.photo_alt == ""


@pytest.mark.parametrize("persona", ["councillor", "author", "anonymous"])
def test_only_the_monitoring_officers_team_and_governance_keep_the_records(client, ada, persona):
    if persona != "anonymous":
        client.force_login(ada.user if persona == "councillor" and ada.user else make_user(persona))
    for name, args in [
        ("members:councillor_records", []),
        ("members:councillor_profile_edit", [ada.pk]),
        ("members:absences", []),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == (302 if persona == "anonymous" else 403), name
    response = client.post(reverse("members:absence_approve"), {"person": ada.pk})
    assert response.status_code == (302 if persona == "anonymous" else 403)
    assert not AbsenceApproval.objects.exists()


def test_governance_officers_keep_the_records_too(client, ada):
    client.force_login(make_user("clerk", access.GOVERNANCE_OFFICERS))
    page = client.get(reverse("members:councillor_records")).content.decode()
    assert "Cllr Ada Lovelace" in page and reverse("members:councillor_profile_edit", args=[ada.pk]) in page
    assert reverse("members:councillor_records") in client.get(reverse("members:councillor_list")).content.decode()


@pytest.fixture
def absent(ada):
    attended(meeting_on(ada.memberships.get().committee, D(2026, 1, 10)), ada)
    return ada


def approve(client, person, **extra):
    data = {"person": person.pk, "reason": "Illness", "approved_by": "Council", "approved_on": "1/5/2026"}
    data.update({"until": "30/9/2026", **extra})
    return client.post(reverse("members:absence_approve"), data)


def test_recording_the_councils_approval_stops_the_warnings_until_it_ends(monitoring, absent):
    with time_machine.travel(datetime.datetime(2026, 5, 20, 12, tzinfo=LONDON), tick=False):
        page = monitoring.get(reverse("members:absences")).content.decode()
        assert "Cllr Ada Lovelace" in page and "4 months" in page and "10 July 2026" in page
        response = approve(monitoring, absent, approved_on="1/5/2026", until="30/9/2026")
        assert response.status_code == 302
        page = monitoring.get(reverse("members:absences")).content.decode()
        assert 'Absent four months or more</h2>\n<p class="govuk-body">None.</p>' in page
        assert "Illness" in page and "1 May 2026 by Council" in page
    approval = AbsenceApproval.objects.get()
    assert approval.recorded_by.username == "monitoring"
    assert six_month_rule.absences(D(2026, 9, 30)) == []
    assert [a.person for a in six_month_rule.absences(D(2026, 10, 1))] == [absent]


@pytest.mark.parametrize(
    ("approved_on", "accepted"),
    [
        ("9/7/2026", True),  # the last day of the six months
        ("10/7/2026", False),  # the day they ran out: too late (s.85(1))
    ],
)
def test_an_approval_counts_only_before_the_six_months_run_out(monitoring, absent, approved_on, accepted):
    with time_machine.travel(datetime.datetime(2026, 7, 20, 12, tzinfo=LONDON), tick=False):
        response = approve(monitoring, absent, approved_on=approved_on, until="31/12/2026")
    assert AbsenceApproval.objects.exists() is accepted
    if not accepted:
        page = response.content.decode()
        assert response.status_code == 400
        assert "The six months ran out on 10 July 2026, before the approval" in page
        assert "Illness" in page  # what was typed is kept


def test_an_approval_form_that_cannot_be_saved_says_why(monitoring, absent):
    with time_machine.travel(datetime.datetime(2026, 5, 20, 12, tzinfo=LONDON), tick=False):
        future = approve(monitoring, absent, approved_on="1/6/2026")
        backwards = approve(monitoring, absent, approved_on="1/5/2026", until="1/4/2026")
        empty = approve(monitoring, absent, reason="")
    assert "Give the date the council approved it (today or earlier)." in future.content.decode()
    assert "The approval lasts until a date on or after the day it was given." in backwards.content.decode()
    assert empty.status_code == 400 and not AbsenceApproval.objects.exists()


@pytest.mark.parametrize("value", ["\x00", "9" * 30, "²", "-1", "a" * 10_000])
def test_no_query_or_path_value_troubles_the_records_pages(monitoring, ada, value):
    answer = 400 if "\x00" in value else 200  # a NUL anywhere in the address is a 400 page (core/)
    assert monitoring.get(reverse("members:absences"), {"person": value}).status_code == answer
    assert monitoring.get(reverse("alerts:subscribe"), {"forward_plan": value}).status_code == answer
    if value.isdigit():
        assert monitoring.get(f"/manage/councillors/{value}/").status_code == 404
