"""Lists keep one order when two entries tie (two meetings at the same time, two people of one name):
the one created first comes first, whatever PostgreSQL last did to the rows. Otherwise a page swaps
them from one load to the next, and its ETag with them."""

from __future__ import annotations

import datetime

from committee.models import Committee, Meeting, Person
from tests.conftest import LONDON


def test_meetings_at_the_same_time_stay_in_the_order_they_were_made(db):
    starts = datetime.datetime(2031, 3, 4, 19, 0, tzinfo=LONDON)
    first = Meeting.objects.create(committee=Committee.objects.create(name="Audit", slug="audit"), starts_at=starts)
    second = Meeting.objects.create(committee=Committee.objects.create(name="Budget", slug="budget"), starts_at=starts)
    first.save()  # an edit writes the row again, after the other, as far as a scan of the table goes

    assert list(Meeting.objects.all()) == [first, second]
    assert list(Meeting.objects.upcoming()) == [first, second]


def test_people_of_the_same_name_stay_in_the_order_they_were_added(db):
    first = Person.objects.create(name="Councillor Jane Smith")
    second = Person.objects.create(name="Councillor Jane Smith")
    first.save()

    assert list(Person.objects.all()) == [first, second]
