"""Decision notices and call-in: a Cabinet decision is published as a notice with its call-in
deadline (the council's clear working days) and the day it may be implemented from; members may call
it in before the deadline, which stops implementation until the scrutiny committee's outcome."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from committee import access, agenda, decisions, minutes
from committee.models import CallIn, DecisionNotice
from tests.conftest import LONDON, make_committee, make_meeting, make_user

pytestmark = pytest.mark.django_db

D = datetime.date
# Tuesday 3 March 2026, 10 am: the call-in window closes at the end of Tuesday 10 March.
PUBLISHED = datetime.datetime(2026, 3, 3, 10, tzinfo=LONDON)


@pytest.fixture
def cabinet(db):
    return make_committee("Cabinet", kind="executive")


@pytest.fixture
def decided(cabinet, governance_officer):
    """Cabinet's meeting of 2 March 2026: a Part 1 decision and a Part 2 one, minuted."""
    meeting = make_meeting(cabinet, D(2026, 3, 2))
    public = agenda.add_item(meeting, governance_officer, title="Library opening hours")
    secret = agenda.add_item(meeting, governance_officer, title="Depot lease", part=2, exempt_paragraph=3)
    meeting.agenda_published_at = meeting.starts_at - datetime.timedelta(days=10)
    meeting.save()
    return (
        minutes.set_decision(public, governance_officer, outcome="agreed", text="<p>Open on Sundays.</p>"),
        minutes.set_decision(secret, governance_officer, outcome="agreed", text="<p>Lease to Bidder B.</p>"),
    )


def publish(decision, officer, now=PUBLISHED, reasons="Demand on Sundays is high."):
    return decisions.publish_notice(decision, officer, reasons=reasons, alternatives_rejected="Saturdays.", now=now)


def test_a_notice_fixes_its_call_in_deadline_and_implementation_date(decided, governance_officer):
    notice = publish(decided[0], governance_officer)
    assert notice.call_in_deadline == D(2026, 3, 10)
    assert notice.implementation_date == D(2026, 3, 11)
    assert decisions.status(notice, D(2026, 3, 10)) == decisions.Status(
        "Open for call-in until 10 March 2026", D(2026, 3, 11), True
    )
    assert decisions.status(notice, D(2026, 3, 11)).label == "Not called in: may be implemented"
    with pytest.raises(decisions.DecisionError, match="already published"):
        publish(decided[0], governance_officer)


def test_the_window_is_the_councils_and_late_notices_count_from_the_next_working_day(
    decided, governance_officer, settings
):
    settings.CALL_IN_CLEAR_WORKING_DAYS = 10
    settings.CALL_IN_LATE_NOTICE_COUNTS_NEXT_DAY = True
    # 5.30 pm on Friday 6 March: as if published Monday 9 March; ten working days to Monday 23 March.
    notice = publish(decided[0], governance_officer, now=datetime.datetime(2026, 3, 6, 17, 30, tzinfo=LONDON))
    assert notice.call_in_deadline == D(2026, 3, 23)


def test_the_clock_reads_the_councils_time_not_utc(decided, governance_officer, settings):
    settings.CALL_IN_LATE_NOTICE_COUNTS_NEXT_DAY = True
    # 4.30 pm UTC on 2 July is 5.30 pm in London (summer time): after hours.
    notice = publish(decided[0], governance_officer, now=datetime.datetime(2026, 7, 2, 16, 30, tzinfo=datetime.UTC))
    assert notice.call_in_deadline == D(2026, 7, 10)


def test_only_executive_decisions_have_notices(committee, governance_officer):
    meeting = make_meeting(committee, D(2026, 3, 2))
    item = agenda.add_item(meeting, governance_officer, title="Libraries review")
    decision = minutes.set_decision(item, governance_officer, outcome="agreed")
    with pytest.raises(decisions.DecisionError, match="not an executive body"):
        publish(decision, governance_officer)


def test_a_notice_states_its_reasons(decided, governance_officer):
    with pytest.raises(decisions.DecisionError, match="reasons"):
        publish(decided[0], governance_officer, reasons="  ")


def test_a_call_in_before_the_deadline_stops_implementation_until_scrutiny_decides(decided, governance_officer):
    notice = publish(decided[0], governance_officer)
    call = decisions.call_in(
        notice,
        governance_officer,
        requested_by="Cllrs Ahmed, Bryce and Cole",
        reason="Costs unclear.",
        on=D(2026, 3, 10),
    )
    notice = DecisionNotice.objects.select_related("call_in").get(pk=notice.pk)
    assert decisions.status(notice, D(2026, 3, 20)) == decisions.Status(
        "Called in: awaiting the scrutiny committee", None, False
    )
    with pytest.raises(decisions.DecisionError, match="already called in"):
        decisions.call_in(notice, governance_officer, requested_by="Cllr Dee", reason="Again.", on=D(2026, 3, 10))
    with pytest.raises(decisions.DecisionError, match="before the call-in"):
        decisions.record_scrutiny_outcome(call, governance_officer, outcome="no_further_action", on=D(2026, 3, 9))
    decisions.record_scrutiny_outcome(call, governance_officer, outcome="no_further_action", on=D(2026, 3, 19))
    notice = DecisionNotice.objects.select_related("call_in").get(pk=notice.pk)
    assert decisions.status(notice, D(2026, 3, 19)) == decisions.Status(
        "Called in: scrutiny took no further action", D(2026, 3, 19), False
    )
    with pytest.raises(decisions.DecisionError, match="already recorded"):
        decisions.record_scrutiny_outcome(call, governance_officer, outcome="referred_back", on=D(2026, 3, 20))


def test_a_decision_referred_back_is_not_implemented(decided, governance_officer):
    notice = publish(decided[0], governance_officer)
    call = decisions.call_in(notice, governance_officer, requested_by="Cllr Ahmed", reason="R.", on=D(2026, 3, 4))
    decisions.record_scrutiny_outcome(call, governance_officer, outcome="referred_back", on=D(2026, 3, 19))
    notice = DecisionNotice.objects.select_related("call_in").get(pk=notice.pk)
    status = decisions.status(notice, D(2026, 4, 1))
    assert status.implementable_from is None
    assert status.label == "Called in: referred back to the decision-maker to reconsider"


@pytest.mark.parametrize(
    ("on", "message"),
    [(D(2026, 3, 11), "call-in period ended on 10 March 2026"), (D(2026, 3, 2), "before its notice is published")],
)
def test_a_call_in_outside_the_window_is_refused(decided, governance_officer, on, message):
    notice = publish(decided[0], governance_officer)
    with pytest.raises(decisions.DecisionError, match=message):
        decisions.call_in(notice, governance_officer, requested_by="Cllr Ahmed", reason="Late.", on=on)
    assert not CallIn.objects.exists()


@pytest.mark.parametrize("persona", ["author", "committee_member"])
def test_only_governance_officers_publish_notices_and_record_call_ins(decided, governance_officer, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        publish(decided[0], user)
    notice = publish(decided[0], governance_officer)
    with pytest.raises(PermissionDenied):
        decisions.call_in(notice, user, requested_by="Cllr Ahmed", reason="R.", on=D(2026, 3, 4))


# Pages -----------------------------------------------------------------------------------------


def test_the_minutes_page_publishes_a_notice_for_a_cabinet_decision(client, decided, governance_officer):
    client.force_login(governance_officer)
    item = decided[0].agenda_item
    page = client.get(reverse("committee:minutes_edit", args=[item.meeting_id])).content.decode()
    assert "Publish the decision notice" in page
    url = reverse("committee:decision_notice_publish", args=[item.meeting_id, item.pk])
    refused = client.post(url, {f"notice{item.pk}-reasons": ""}, follow=True)
    assert "This field is required" in refused.content.decode() and not DecisionNotice.objects.exists()
    with time_machine.travel(PUBLISHED):
        response = client.post(url, {f"notice{item.pk}-reasons": "Demand on Sundays."}, follow=True)
    assert "The decision notice for “Library opening hours” is published." in response.content.decode()
    assert "may be called in until 10 March 2026" in response.content.decode()
    assert client.get(url).status_code == 405


def test_the_public_sees_the_notice_its_deadline_and_implementation_date(client, decided, governance_officer):
    notice = publish(decided[0], governance_officer)
    publish(decided[1], governance_officer, reasons="Bidder B offered the most.")
    with time_machine.travel(datetime.datetime(2026, 3, 5, 12, tzinfo=LONDON)):
        listing = client.get(reverse("committee:decision_list")).content.decode()
        page = client.get(reverse("committee:decision_notice", args=[notice.pk])).content.decode()
    assert "Library opening hours" in listing and "Depot lease" in listing
    assert "Open for call-in until 10 March 2026" in listing and "May be implemented from 11 March 2026" in listing
    assert "Demand on Sundays is high." in page and "Open on Sundays." in page and "Saturdays." in page
    assert "Wednesday 11 March 2026" in page and "Record the call-in" not in page


@pytest.mark.parametrize("persona", ["public", "committee_member", "cabinet_member"])
def test_a_part_2_notice_shows_its_title_paragraph_and_dates_only(
    client, cabinet, decided, governance_officer, persona, request
):
    notice = publish(decided[1], governance_officer, reasons="Bidder B offered the most.")
    decisions.call_in(
        notice, governance_officer, requested_by="Cllr Ahmed", reason="Bidder B is a donor.", on=D(2026, 3, 4)
    )
    entitled = persona == "cabinet_member"
    if persona == "cabinet_member":
        client.force_login(make_user("cabinetmember", access.COMMITTEE_MEMBERS, committee=cabinet))
    elif persona != "public":
        client.force_login(request.getfixturevalue(persona))  # sits on another committee
    page = client.get(reverse("committee:decision_notice", args=[notice.pk])).content.decode()
    assert "Depot lease" in page and "Paragraph 3" in page and "10 March 2026" in page
    assert "Called in: awaiting the scrutiny committee" in page and "Cllr Ahmed" in page
    assert ("Bidder B" in page) is entitled
    assert "Bidder B" not in client.get(reverse("committee:decision_list")).content.decode()


def test_officers_record_the_call_in_and_scrutinys_outcome_on_the_notice_page(client, decided, governance_officer):
    notice = publish(decided[0], governance_officer)
    client.force_login(governance_officer)
    url = reverse("committee:decision_notice", args=[notice.pk])
    with time_machine.travel(datetime.datetime(2026, 3, 9, 12, tzinfo=LONDON)):
        assert "Record the call-in" in client.get(url).content.decode()
        late = client.post(
            reverse("committee:call_in_record", args=[notice.pk]),
            {"requested_by": "Cllrs Ahmed, Bryce and Cole", "requested_on": "2026-03-11", "reason": "Costs."},
            follow=True,
        )
        assert "The call-in period ended on 10 March 2026." in late.content.decode()
        response = client.post(
            reverse("committee:call_in_record", args=[notice.pk]),
            {"requested_by": "Cllrs Ahmed, Bryce and Cole", "requested_on": "2026-03-09", "reason": "Costs."},
            follow=True,
        )
        page = response.content.decode()
        assert "Called in: awaiting the scrutiny committee" in page and "Not while called in" in page
        response = client.post(
            reverse("committee:call_in_outcome", args=[notice.pk]),
            {"outcome": "no_further_action", "outcome_on": "2026-03-19", "note": "Satisfied."},
            follow=True,
        )
    page = response.content.decode()
    assert "Called in: scrutiny took no further action" in page and "Thursday 19 March 2026" in page


@pytest.mark.parametrize("name", ["call_in_record", "call_in_outcome"])
@pytest.mark.parametrize("persona", ["author", "committee_member"])
def test_the_call_in_steps_refuse_others(client, decided, governance_officer, name, persona, request):
    notice = publish(decided[0], governance_officer)
    url = reverse(f"committee:{name}", args=[notice.pk])
    assert client.post(url).status_code == 302 and not CallIn.objects.exists()  # to sign in
    client.force_login(request.getfixturevalue(persona))
    assert client.post(url).status_code == 403


def test_the_decision_list_runs_a_constant_number_of_queries(
    client, cabinet, governance_officer, django_assert_max_num_queries
):
    for n in range(6):
        meeting = make_meeting(cabinet, D(2026, 3, 2) - datetime.timedelta(days=n))
        item = agenda.add_item(meeting, governance_officer, title=f"Decision {n}")
        meeting.agenda_published_at = meeting.starts_at
        meeting.save()
        decision = minutes.set_decision(item, governance_officer, outcome="agreed")
        notice = publish(decision, governance_officer)
        if n % 2:
            decisions.call_in(notice, governance_officer, requested_by="Cllr A", reason="R.", on=D(2026, 3, 4))
    with django_assert_max_num_queries(4):
        assert client.get(reverse("committee:decision_list")).status_code == 200


def test_a_welsh_officer_reads_the_refusal_in_welsh_with_the_committees_welsh_name(committee, governance_officer):
    committee.name_cy = "Pwyllgor Plant, Addysg a Llyfrgelloedd"
    committee.save()
    meeting = make_meeting(committee, D(2026, 3, 2))
    item = agenda.add_item(meeting, governance_officer, title="Libraries review")
    decision = minutes.set_decision(item, governance_officer, outcome="agreed")
    with translation.override("cy"), pytest.raises(decisions.DecisionError) as refused:
        publish(decision, governance_officer)
    assert str(refused.value) == (
        "Nid yw Pwyllgor Plant, Addysg a Llyfrgelloedd yn gorff gweithredol: "
        "nid oes hysbysiad o benderfyniad i'w benderfyniadau."
    )


def test_the_end_of_the_call_in_period_is_a_welsh_date_in_welsh(decided, governance_officer):
    notice = publish(decided[0], governance_officer)
    with translation.override("cy"), pytest.raises(decisions.DecisionError) as refused:
        decisions.call_in(notice, governance_officer, requested_by="Cllr Dee", reason="Late.", on=D(2026, 3, 11))
    assert str(refused.value) == "Daeth y cyfnod galw i mewn i ben ar 10 Mawrth 2026."
