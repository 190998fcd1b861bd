"""The statutory clock: clear working days for agendas, clear days for the forward plan."""

import datetime

import pytest

from committee import deadlines

D = datetime.date


def test_the_example_meetings_agenda_was_due_five_clear_working_days_before():
    # Tuesday 21 February 2017: clear days Tue 14, Wed 15, Thu 16, Fri 17, Mon 20 -> publish by Mon 13.
    assert deadlines.latest_agenda_publication_date(D(2017, 2, 21)) == D(2017, 2, 13)


def test_neither_the_publication_day_nor_the_meeting_day_counts():
    assert deadlines.clear_working_days_between(D(2017, 2, 13), D(2017, 2, 21)) == 5
    assert deadlines.clear_working_days_between(D(2017, 2, 14), D(2017, 2, 21)) == 4
    assert deadlines.clear_working_days_between(D(2017, 2, 20), D(2017, 2, 21)) == 0
    assert deadlines.clear_working_days_between(D(2017, 2, 21), D(2017, 2, 21)) == 0


def test_weekends_do_not_count():
    # A Monday meeting: the clear days are the previous Mon-Fri, so publish by the Friday before that.
    assert deadlines.latest_agenda_publication_date(D(2026, 11, 30)) == D(2026, 11, 20)


def test_publishing_on_a_weekend_day_still_counts_the_working_days_after_it():
    assert deadlines.agenda_published_in_time(D(2026, 11, 22), D(2026, 11, 30))  # Sunday
    assert not deadlines.agenda_published_in_time(D(2026, 11, 23), D(2026, 11, 30))  # Monday: 4 clear days


def test_bank_holidays_do_not_count_easter():
    # Easter 2026: Good Friday 3 April, Easter Monday 6 April. Meeting Thursday 9 April.
    # Clear working days back: Wed 8, Tue 7, (Mon 6 BH), (Sun, Sat), (Fri 3 BH), Thu 2, Wed 1, Tue 31 Mar.
    assert deadlines.latest_agenda_publication_date(D(2026, 4, 9)) == D(2026, 3, 30)


def test_bank_holidays_do_not_count_christmas_and_new_year():
    # Meeting Tuesday 5 January 2027. Back: Mon 4, Fri 1 (New Year's Day, BH), Thu 31, Wed 30, Tue 29,
    # Mon 28 (Boxing Day substitute, BH), Fri 25 (Christmas, BH), Thu 24 -> five clear days end Thu 24,
    # so publish by Wednesday 23 December 2026.
    assert deadlines.latest_agenda_publication_date(D(2027, 1, 5)) == D(2026, 12, 23)


def test_a_welsh_council_needs_three_clear_working_days():
    assert deadlines.latest_agenda_publication_date(D(2017, 2, 21), "wales") == D(2017, 2, 15)
    assert deadlines.agenda_published_in_time(D(2017, 2, 15), D(2017, 2, 21), "wales")
    assert not deadlines.agenda_published_in_time(D(2017, 2, 16), D(2017, 2, 21), "wales")


def test_an_unknown_nation_is_a_clear_error():
    with pytest.raises(ValueError, match="england"):
        deadlines.latest_agenda_publication_date(D(2017, 2, 21), "scotland")


@pytest.mark.parametrize("meeting_day", [D(2026, 1, 1) + datetime.timedelta(days=n) for n in range(0, 366, 5)])
def test_the_latest_date_is_a_working_day_that_gives_exactly_enough_notice(meeting_day):
    latest = deadlines.latest_agenda_publication_date(meeting_day)
    assert deadlines.is_working_day(latest)
    assert deadlines.agenda_published_in_time(latest, meeting_day)
    next_working_day = latest + datetime.timedelta(days=1)
    while not deadlines.is_working_day(next_working_day):
        next_working_day += datetime.timedelta(days=1)
    assert not deadlines.agenda_published_in_time(next_working_day, meeting_day)


def test_forward_plan_needs_twenty_eight_clear_days():
    meeting = D(2026, 3, 31)
    assert deadlines.latest_forward_plan_date(meeting) == D(2026, 3, 2)
    assert deadlines.forward_plan_notice_given(D(2026, 3, 2), meeting)  # 28 clear days
    assert not deadlines.forward_plan_notice_given(D(2026, 3, 3), meeting)  # 27
    assert not deadlines.forward_plan_notice_given(None, meeting)


def test_clear_days_never_go_negative():
    assert deadlines.clear_days_between(D(2026, 3, 31), D(2026, 3, 30)) == 0
