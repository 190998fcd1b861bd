"""The call-in clock: a decision notice may be called in until the end of the council's N-th clear
working day after publication (default 5); the decision may be implemented from the day after.
Weekends and the bank holidays of England and Wales do not count; Scotland's and Northern Ireland's
do; a council may say a notice published after 5 pm counts from the next working day."""

from __future__ import annotations

import datetime

import pytest

from committee import deadlines

D = datetime.date


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute))


@pytest.mark.parametrize(
    ("published", "deadline"),
    [
        # Tuesday: Wed 4, Thu 5, Fri 6, Mon 9, Tue 10.
        (D(2026, 3, 3), D(2026, 3, 10)),
        # Friday: the weekend after it does not count.
        (D(2026, 3, 6), D(2026, 3, 13)),
        # Saturday and Sunday: counting starts on the Monday.
        (D(2026, 3, 7), D(2026, 3, 13)),
        (D(2026, 3, 8), D(2026, 3, 13)),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April do not count.
        (D(2026, 4, 1), D(2026, 4, 10)),
        (D(2026, 4, 2), D(2026, 4, 13)),
        # Published on Good Friday itself: Tue 7 is the first working day.
        (D(2026, 4, 3), D(2026, 4, 13)),
        # Early May bank holiday (4 May) and spring bank holiday (25 May).
        (D(2026, 4, 30), D(2026, 5, 8)),
        (D(2026, 5, 20), D(2026, 5, 28)),
        # Summer bank holiday, 31 August 2026.
        (D(2026, 8, 27), D(2026, 9, 4)),
        # Christmas 2026: Fri 25, Mon 28 (Boxing Day observed) and New Year's Day do not count.
        (D(2026, 12, 22), D(2026, 12, 31)),
        (D(2026, 12, 24), D(2027, 1, 5)),
        # Christmas 2027 falls on a weekend: Mon 27 and Tue 28 December are the holidays.
        (D(2027, 12, 23), D(2028, 1, 4)),
        # Scotland's and Northern Ireland's holidays are working days in England and Wales:
        # St Patrick's Day (Tue 17 March 2026), St Andrew's Day (Mon 30 November 2026), 2 January 2029.
        (D(2026, 3, 16), D(2026, 3, 23)),
        (D(2026, 11, 27), D(2026, 12, 4)),
        (D(2028, 12, 29), D(2029, 1, 8)),
        # St David's Day is no bank holiday in Wales either: Mon 1 March 2027 counts.
        (D(2027, 2, 26), D(2027, 3, 5)),
    ],
)
def test_the_deadline_is_the_fifth_clear_working_day_after_publication(published, deadline):
    assert deadlines.call_in_deadline(at(published)) == deadline
    assert deadlines.implementation_date(deadline) == deadline + datetime.timedelta(days=1)


def test_england_and_wales_share_one_set_of_bank_holidays():
    # The 2012 Regulations (England) and the 2001 Regulations (Wales) both leave the window to the
    # council; the working days are the same in both nations.
    for day in (D(2026, 12, 25), D(2026, 12, 28), D(2026, 4, 6), D(2026, 8, 31)):
        assert not deadlines.is_working_day(day)
    for day in (D(2027, 3, 1), D(2026, 4, 23), D(2026, 3, 17), D(2026, 8, 3), D(2026, 7, 13)):
        assert deadlines.is_working_day(day), day  # St David's, St George's, St Patrick's, Scottish and NI days


@pytest.mark.parametrize(
    ("published", "days", "deadline"),
    [
        (D(2026, 3, 3), 10, D(2026, 3, 17)),
        (D(2026, 12, 22), 10, D(2027, 1, 8)),
        (D(2026, 3, 3), 1, D(2026, 3, 4)),
        (D(2026, 3, 6), 1, D(2026, 3, 9)),
        (D(2026, 12, 24), 3, D(2026, 12, 31)),
    ],
)
def test_the_council_sets_the_number_of_days(published, days, deadline):
    assert deadlines.call_in_deadline(at(published), days) == deadline


def test_a_window_has_at_least_one_day():
    with pytest.raises(ValueError, match="at least one working day"):
        deadlines.call_in_deadline(at(D(2026, 3, 3)), 0)


@pytest.mark.parametrize(
    ("published", "rule", "deadline"),
    [
        # Friday 6 March 2026: before 5 pm the clock starts Monday; after, as if published Monday.
        (at(D(2026, 3, 6), 16, 59), True, D(2026, 3, 13)),
        (at(D(2026, 3, 6), 17, 0), True, D(2026, 3, 16)),
        (at(D(2026, 3, 6), 17, 0), False, D(2026, 3, 13)),
        (at(D(2026, 3, 6), 23, 59), False, D(2026, 3, 13)),
        # A notice published on a Saturday counts as published on the Monday, under that rule.
        (at(D(2026, 3, 7), 9), True, D(2026, 3, 16)),
        # After 5 pm on Christmas Eve 2026: deemed published Tuesday 29 December.
        (at(D(2026, 12, 24), 18), True, D(2027, 1, 6)),
        # On a bank holiday (early May, 4 May 2026).
        (at(D(2026, 5, 4), 11), True, D(2026, 5, 12)),
        (at(D(2026, 5, 4), 11), False, D(2026, 5, 11)),
    ],
)
def test_a_notice_published_after_hours_counts_from_the_next_working_day_if_the_council_says(published, rule, deadline):
    assert deadlines.call_in_deadline(published, after_hours_count_next_day=rule) == deadline


def test_next_working_day_skips_weekends_and_bank_holidays():
    assert deadlines.next_working_day(D(2026, 3, 6)) == D(2026, 3, 9)
    assert deadlines.next_working_day(D(2026, 12, 24)) == D(2026, 12, 29)
    assert deadlines.next_working_day(D(2026, 12, 31)) == D(2027, 1, 4)
