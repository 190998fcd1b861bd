"""One time format everywhere (core/dates.py): GOV.UK's 6pm, 6:30pm, midday, midnight."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template

from core.dates import clock_time


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (0, 0, "midnight"),
        (0, 15, "12:15am"),
        (1, 0, "1am"),
        (9, 5, "9:05am"),
        (11, 59, "11:59am"),
        (12, 0, "midday"),
        (12, 30, "12:30pm"),
        (13, 0, "1pm"),
        (18, 0, "6pm"),
        (18, 30, "6:30pm"),
        (23, 59, "11:59pm"),
    ],
)
def test_the_time_of_day_is_written_as_gov_uk_writes_it(hour, minute, expected):
    assert clock_time(datetime.time(hour, minute)) == expected


def test_every_minute_of_the_day_has_one_distinct_spelling():
    spelt = {clock_time(datetime.time(h, m)) for h in range(24) for m in range(60)}
    assert len(spelt) == 24 * 60


def test_the_filters_print_local_time_and_nothing_for_nothing(settings):
    settings.TIME_ZONE = "Europe/London"
    summer = datetime.datetime(2026, 7, 1, 17, 30, tzinfo=datetime.UTC)  # 6:30pm in London
    context = Context({"when": summer, "nothing": None, "day": datetime.date(2026, 7, 1)})
    rendered = Template('{{ when|clock }}|{{ when|at:"l j F Y" }}|{{ nothing|clock }}|{{ nothing|at }}|{{ day|at }}')
    assert rendered.render(context) == "6:30pm|Wednesday 1 July 2026, 6:30pm|||1 July 2026"
