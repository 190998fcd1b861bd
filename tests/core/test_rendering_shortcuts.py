"""The shortcuts rendering takes (core/paths.py, core/dates.py) print exactly what Django would:
the same links and the same dates, in any language, or they step aside for Django's own."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.template import Context, Template, defaultfilters
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from committee.models import Meeting
from core import dates
from core.paths import path_to

LONDON = zoneinfo.ZoneInfo("Europe/London")
# The formats the public pages print, and some they do not.
FORMATS = ["l j F Y, g.i a", "j F Y", "l j F Y", "g.i a", "F Y", "Y-m-d", "Y-m", r"D d M y \a\t h:i:s A G H n"]
ELSEWHERE = ["jS F Y", "N j, Y", "r", "c", "e", "DATE_FORMAT", "", None]


def test_links_are_those_reverse_gives():
    assert path_to("committee:meeting_detail", 42) == reverse("committee:meeting_detail", args=[42])
    assert path_to("committee:committee_detail", "planning-b") == reverse(
        "committee:committee_detail", args=["planning-b"]
    )
    assert path_to("reports:report_detail", 7) == "/reports/7/"


def test_links_follow_the_script_prefix_the_site_is_served_under():
    set_script_prefix("/committees-site/")
    try:
        assert path_to("committee:meeting_detail", 3) == "/committees-site/meetings/3/"
    finally:
        set_script_prefix("/")
    assert path_to("committee:meeting_detail", 3) == "/meetings/3/"


def test_a_value_the_url_refuses_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        path_to("committee:committee_detail", "not a slug")
    with pytest.raises(NoReverseMatch):
        path_to("committee:meeting_detail", -1)


@pytest.mark.parametrize("language", ["en-gb", "en", "de", "fr"])
def test_dates_print_as_djangos_date_filter_prints_them(language):
    moments = [
        datetime.datetime(2026, 3, 3, 19, 0, tzinfo=LONDON),
        datetime.datetime(2026, 10, 25, 0, 30, tzinfo=LONDON),
        datetime.datetime(1999, 12, 31, 12, 5, 9),
        datetime.datetime(2027, 1, 1, 0, 0),
    ]
    with translation.override(language):
        for moment in moments:
            for value in (moment, moment.date()):
                for format_string in FORMATS + ELSEWHERE:
                    try:
                        expected = defaultfilters.date(value, format_string)
                    except TypeError:  # a time format for a date, which Django refuses too
                        with pytest.raises(TypeError):
                            dates.date(value, format_string)
                        continue
                    assert dates.date(value, format_string) == expected, (value, format_string)


def test_it_leaves_what_is_not_a_date_to_django():
    for value in (None, "", "3 March", 3):
        assert dates.date(value, "j F Y") == defaultfilters.date(value, "j F Y")


@override_settings(TIME_ZONE="Europe/London")
def test_templates_print_a_meeting_in_local_time():
    meeting = Meeting(starts_at=datetime.datetime(2026, 7, 1, 18, 0, tzinfo=datetime.UTC))
    rendered = Template('{{ meeting.starts_at|date:"l j F Y, g.i a" }}').render(Context({"meeting": meeting}))
    assert rendered == "Wednesday 1 July 2026, 7.00 p.m."
