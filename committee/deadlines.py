"""The statutory clock.

"Clear days" leave out both the day the notice is given and the day of the
meeting. In England an agenda must be public five clear *working* days before
the meeting (weekends and bank holidays do not count); a Welsh council works
to three clear working days. Key decisions need 28 clear (calendar) days on the
forward plan.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays

ENGLAND = "england"
WALES = "wales"
AGENDA_CLEAR_WORKING_DAYS = {ENGLAND: 5, WALES: 3}
FORWARD_PLAN_CLEAR_DAYS = 28

_ONE_DAY = datetime.timedelta(days=1)


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    # England and Wales share one set of bank holidays.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def clear_working_days_between(notice: datetime.date, meeting: datetime.date) -> int:
    """Working days strictly after `notice` and strictly before `meeting`."""
    count = 0
    day = notice + _ONE_DAY
    while day < meeting:
        if is_working_day(day):
            count += 1
        day += _ONE_DAY
    return count


def clear_days_between(notice: datetime.date, meeting: datetime.date) -> int:
    """Calendar days strictly between the two dates."""
    return max((meeting - notice).days - 1, 0)


def agenda_clear_days_required(nation: str) -> int:
    try:
        return AGENDA_CLEAR_WORKING_DAYS[nation.lower()]
    except KeyError:
        raise ValueError(f"Unknown nation {nation!r}: expected 'england' or 'wales'") from None


def latest_agenda_publication_date(meeting: datetime.date, nation: str = ENGLAND) -> datetime.date:
    """The last working day on which publishing still leaves the required clear working days."""
    required = agenda_clear_days_required(nation)
    day = meeting - _ONE_DAY
    counted = 0
    while counted < required:
        if is_working_day(day):
            counted += 1
        day -= _ONE_DAY
    while not is_working_day(day):
        day -= _ONE_DAY
    return day


def agenda_published_in_time(published: datetime.date, meeting: datetime.date, nation: str = ENGLAND) -> bool:
    return clear_working_days_between(published, meeting) >= agenda_clear_days_required(nation)


def latest_forward_plan_date(meeting: datetime.date) -> datetime.date:
    """A key decision must be on the published forward plan by this date."""
    return meeting - datetime.timedelta(days=FORWARD_PLAN_CLEAR_DAYS + 1)


def forward_plan_notice_given(first_published: datetime.date | None, meeting: datetime.date) -> bool:
    if first_published is None:
        return False
    return clear_days_between(first_published, meeting) >= FORWARD_PLAN_CLEAR_DAYS


# Call-in of executive decisions ---------------------------------------------------------------
# A decision notice is published; members may call the decision in until the end of the last of the
# council's clear working days after publication (commonly 5, some councils 10), and it may be
# implemented from the day after that window closes. The day of publication is not counted; a council
# may also say that a notice published after 5 pm counts as published on the next working day.
CALL_IN_CLEAR_WORKING_DAYS = 5
LATE_PUBLICATION_HOUR = 17


def next_working_day(day: datetime.date) -> datetime.date:
    """The first working day strictly after `day`."""
    day += _ONE_DAY
    while not is_working_day(day):
        day += _ONE_DAY
    return day


def call_in_deadline(
    published: datetime.datetime,
    clear_working_days: int = CALL_IN_CLEAR_WORKING_DAYS,
    *,
    after_hours_count_next_day: bool = False,
) -> datetime.date:
    """The last day on which a call-in may be made: the `clear_working_days`-th working day after
    the day of publication (`published` in local time)."""
    if clear_working_days < 1:
        raise ValueError("A call-in window is at least one working day.")
    day = published.date()
    if after_hours_count_next_day and (published.hour >= LATE_PUBLICATION_HOUR or not is_working_day(day)):
        # Published after hours (or on a day the offices are shut): as if published next working day.
        day = next_working_day(day)
    for _ in range(clear_working_days):
        day = next_working_day(day)
    return day


def implementation_date(deadline: datetime.date) -> datetime.date:
    """A decision not called in may be implemented from the day after its call-in window closes."""
    return deadline + _ONE_DAY
