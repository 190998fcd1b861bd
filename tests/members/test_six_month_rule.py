"""The six-month rule (LGA 1972 s.85): warnings to the monitoring officer at four and five months
(and six), once a stage, through a real SMTP server, tested at the edges."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import translation

from committee import access
from committee.models import Attendance, Meeting
from members import six_month_rule
from members.models import AbsenceApproval, SixMonthWarning
from tests.conftest import make_committee, make_user
from tests.members.builders import attended, councillor, meeting_on

D = datetime.date


@pytest.mark.parametrize(
    ("since", "today", "months"),
    [
        (D(2026, 1, 10), D(2026, 5, 9), 3),
        (D(2026, 1, 10), D(2026, 5, 10), 4),
        (D(2026, 1, 10), D(2026, 6, 9), 4),
        (D(2026, 1, 10), D(2026, 6, 10), 5),
        (D(2026, 1, 10), D(2026, 7, 10), 6),
        (D(2025, 10, 31), D(2026, 2, 27), 3),
        (D(2025, 10, 31), D(2026, 2, 28), 4),  # no 31 February: the month's last day
        (D(2026, 1, 10), D(2026, 1, 1), 0),
    ],
)
def test_months_are_calendar_months(since, today, months):
    assert six_month_rule.months_since(since, today) == months


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        (D(2026, 5, 9), None),
        (D(2026, 5, 10), 4),
        (D(2026, 6, 9), 4),
        (D(2026, 6, 10), 5),
        (D(2026, 7, 9), 5),
        (D(2026, 7, 10), 6),
        (D(2027, 1, 1), 6),
    ],
)
def test_the_warning_due_on_each_day(today, stage):
    assert six_month_rule.stage(D(2026, 1, 10), today) == stage


def test_the_six_months_run_to_the_same_day_six_months_on():
    assert six_month_rule.ceases_on(D(2026, 1, 10)) == D(2026, 7, 10)
    assert six_month_rule.ceases_on(D(2025, 8, 31)) == D(2026, 2, 28)


@pytest.fixture
def world(db):
    planning = make_committee("Planning Committee")
    ada = councillor("Cllr Ada", planning, start_date=D(2025, 5, 1))
    bea = councillor("Cllr Bea", planning, start_date=D(2025, 5, 1))
    meeting = meeting_on(planning, D(2026, 1, 10))
    attended(meeting, ada)
    attended(meeting, bea)
    make_user("monitoring", access.MONITORING_OFFICERS)
    return planning, ada, bea


def run(today: datetime.date, *extra) -> str:
    out = io.StringIO()
    call_command("warn_six_month_rule", "--today", today.isoformat(), *extra, stdout=out, stderr=out)
    return out.getvalue()


def test_no_warning_the_day_before_four_months(world, smtp):
    run(D(2026, 5, 9))
    assert smtp.messages == []


def test_the_monitoring_officer_is_warned_at_four_months_once(world, smtp):
    _, ada, bea = world
    attended(meeting_on(world[0], D(2026, 3, 1)), bea, Attendance.Kind.SUBSTITUTE)  # Bea came back
    run(D(2026, 5, 10))
    run(D(2026, 5, 11))
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["To"] == "monitoring@example.gov.uk"
    assert "Cllr Ada, 4 months" in message["Subject"]
    body = message.get_content()
    assert "since 10 January 2026, their last attendance" in body
    assert "cease to be a member on 10 July 2026" in body


def test_five_and_six_months_warn_again(world, smtp):
    run(D(2026, 5, 10))
    run(D(2026, 6, 9))
    run(D(2026, 6, 10))
    run(D(2026, 7, 10))
    subjects = [m["Subject"] for m in smtp.messages]
    assert len(subjects) == 6  # both members, at four, five and six months
    assert any("Cllr Ada, 5 months" in s for s in subjects)
    assert any("Cllr Bea has attended no meeting for six months" in s for s in subjects)
    assert SixMonthWarning.objects.filter(months=6).count() == 2


def test_a_cancelled_meeting_is_no_attendance(world, smtp):
    planning, ada, _ = world
    cancelled = meeting_on(planning, D(2026, 3, 1), status=Meeting.Status.CANCELLED)
    attended(cancelled, ada)
    assert {a.person for a in six_month_rule.absences(D(2026, 5, 10))} == {ada, world[2]}


def test_attending_again_starts_the_count_again(world, smtp):
    planning, ada, bea = world
    run(D(2026, 5, 10))
    attended(meeting_on(planning, D(2026, 5, 20), minutes=None), ada)  # minutes not yet written: still counts
    run(D(2026, 6, 10))
    assert [a.person for a in six_month_rule.absences(D(2026, 6, 10))] == [bea]


def test_an_approved_absence_is_not_warned_about_until_the_approval_ends(world, smtp):
    _, ada, bea = world
    AbsenceApproval.objects.create(person=ada, reason="Illness", approved_on=D(2026, 4, 1), until=D(2026, 9, 30))
    assert [a.person for a in six_month_rule.absences(D(2026, 5, 10))] == [bea]
    assert ada in [a.person for a in six_month_rule.absences(D(2026, 10, 1))]


def test_a_member_who_never_attended_is_counted_from_their_first_seat(db):
    planning = make_committee("Planning Committee")
    new = councillor("Cllr New", planning, start_date=D(2026, 1, 15))
    [absence] = six_month_rule.absences(D(2026, 5, 15))
    assert (absence.person, absence.counted_from, absence.attended_before) == (new, D(2026, 1, 15), False)
    assert six_month_rule.absences(D(2026, 5, 14)) == []


def test_a_dry_run_sends_and_records_nothing(world, smtp):
    out = run(D(2026, 5, 10), "--dry-run")
    assert "Cllr Ada: 4 months" in out
    assert smtp.messages == []
    assert not SixMonthWarning.objects.exists()


def test_former_members_are_not_counted(world, smtp):
    planning, ada, bea = world
    ada.memberships.update(end_date=D(2026, 2, 1))
    assert [a.person for a in six_month_rule.absences(D(2026, 5, 10))] == [bea]


def test_a_monitoring_officer_who_chose_welsh_is_warned_in_welsh_and_the_other_in_english(world, smtp):
    from committee import correspondence
    from core.council import current_council
    from tests.web.test_welsh_staff import _english_in_mail, content_strings

    welsh = make_user("swyddog", access.MONITORING_OFFICERS)
    correspondence.choose(welsh, "cy")
    _, ada, bea = world
    attended(meeting_on(world[0], D(2026, 3, 1)), bea, Attendance.Kind.SUBSTITUTE)
    run(D(2026, 5, 10))

    [cymraeg] = [m for m in smtp.messages if m["To"] == "swyddog@example.gov.uk"]
    [english] = [m for m in smtp.messages if m["To"] == "monitoring@example.gov.uk"]
    text = cymraeg.get_content()
    assert "ers 10 Ionawr 2026" in text
    # The council's name is its own (this one has no Welsh name).
    written = [*content_strings(), current_council().name]
    assert _english_in_mail(f"{cymraeg['Subject']}\n{text}", written) == []
    assert "since 10 January 2026, their last attendance" in english.get_content()


def test_a_late_approval_is_refused_in_welsh_with_the_date_in_welsh(world):
    _planning, ada, _bea = world
    officer = make_user("governance", access.GOVERNANCE_OFFICERS)
    with translation.override("cy"), pytest.raises(six_month_rule.AbsenceError) as refused:
        six_month_rule.approve_absence(
            ada, officer, reason="Salwch", approved_on=D(2026, 8, 1), until=D(2026, 12, 1), today=D(2026, 8, 1)
        )
    assert str(refused.value).startswith("Daeth y chwe mis i ben ar 10 Gorffennaf 2026, cyn y gymeradwyaeth:")
