"""The demo council's councillors have real records, so their pages show real content: published
register entries (one sensitive, withheld), declarations at meetings, attendance from the minutes
(substitutes included), a change waiting for the monitoring officer, and one councillor nearing the
six-month rule."""

from __future__ import annotations

from django.urls import reverse

from committee import access
from committee.models import Attendance, Declaration, Person
from members import six_month_rule
from members.access import WITHHELD
from members.models import EntryVersion
from tests.conftest import make_user

SENSITIVE = "Home address, withheld at the councillor"


def page_of(client, name: str) -> str:
    person = Person.objects.get(name=name)
    response = client.get(reverse("members:councillor", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_demo_councillors_pages_show_their_register_declarations_and_attendance(demo, client):
    assert EntryVersion.objects.published().filter(sensitive=True).count() == 1
    assert Declaration.objects.count() >= 4
    assert Attendance.objects.filter(kind=Attendance.Kind.SUBSTITUTE).exists()

    hart = page_of(client, "Cllr Helena Hart")
    assert "Trustee, Barnet Carers Centre" in hart and WITHHELD in hart and SENSITIVE not in hart
    thompstone = page_of(client, "Cllr Reuben Thompstone")
    assert "Director, Thompstone Consulting Ltd" in thompstone
    assert "His company advises a bidder." in thompstone
    # The change waiting to be checked is not public yet.
    assert "Hendon Housing Co-operative" not in thompstone
    person = Person.objects.get(name="Cllr Reuben Thompstone")
    assert Attendance.objects.filter(person=person, kind=Attendance.Kind.PRESENT).exists()
    assert 'id="attendance"' in thompstone and "Present" in thompstone


def test_the_demo_gives_the_monitoring_officer_real_work(demo, client):
    client.force_login(make_user("mo", access.MONITORING_OFFICERS))
    review = client.get(reverse("members:register_review")).content.decode()
    assert "Hendon Housing Co-operative" in review  # the change waiting
    assert "His spouse works for the applicant." in review  # the declaration nothing explains
    assert "Cllr Tim Roberts" in [a.person.name for a in six_month_rule.absences()]
    assert (
        SENSITIVE
        in client.get(
            reverse("members:councillor", args=[Person.objects.get(name="Cllr Helena Hart").pk])
        ).content.decode()
    )
