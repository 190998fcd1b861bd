"""Online call-in: councillors not on Cabinet sign a call-in request with their reasons before the
deadline; the council's number of signatures calls the decision in and refers it to the scrutiny
committee's next meeting; urgent decisions record the scrutiny chair's consent and cannot be signed."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from committee import access, agenda, call_in, decision_records, decisions, minutes
from committee.models import AgendaItem, CallIn, CallInSignature, DecisionNotice, Meeting, Person
from tests.conftest import LONDON, make_committee, make_meeting, make_report, make_user

pytestmark = pytest.mark.django_db

D = datetime.date
# Thursday 2 April 2026, 10 am. Good Friday (3 April) and Easter Monday (6 April) are bank holidays,
# so the five clear working days are 7, 8, 9, 10 and 13 April: the window closes at the end of Monday
# 13 April and the decision may be implemented from Tuesday 14 April.
PUBLISHED = datetime.datetime(2026, 4, 2, 10, tzinfo=LONDON)
LAST_MINUTE = datetime.datetime(2026, 4, 13, 23, 59, tzinfo=LONDON)
TOO_LATE = datetime.datetime(2026, 4, 14, 0, 0, tzinfo=LONDON)
DURING = datetime.datetime(2026, 4, 7, 12, tzinfo=LONDON)


@pytest.fixture
def cabinet(db):
    return make_committee("Cabinet", kind="executive")


@pytest.fixture
def scrutiny(db):
    return make_committee("Overview and Scrutiny Committee", kind="scrutiny")


@pytest.fixture
def decided(cabinet, governance_officer):
    meeting = make_meeting(cabinet, D(2026, 4, 1))
    public = agenda.add_item(meeting, governance_officer, title="Library opening hours")
    secret = agenda.add_item(meeting, governance_officer, title="Depot lease", part=2, exempt_paragraph=3)
    meeting.agenda_published_at = meeting.starts_at - datetime.timedelta(days=10)
    meeting.save()
    return (
        minutes.set_decision(public, governance_officer, outcome="agreed", text="<p>Open on Sundays.</p>"),
        minutes.set_decision(secret, governance_officer, outcome="agreed", text="<p>Lease to Bidder B.</p>"),
    )


@pytest.fixture
def councillors(other_committee):
    """Three backbench councillors, each with a seat on a committee other than Cabinet."""
    return [make_user(name, access.COMMITTEE_MEMBERS, committee=other_committee) for name in ("ahmed", "bryce", "cole")]


def publish(decision, officer, **extra):
    return decisions.publish_notice(decision, officer, reasons="Demand is high.", now=PUBLISHED, **extra)


def sign(notice, user, when=DURING, reasons="The costs are unclear."):
    return call_in.sign(notice, user, reasons=reasons, now=when)


def fresh(notice):
    return DecisionNotice.objects.select_related("call_in").get(pk=notice.pk)


def test_the_window_closes_at_the_end_of_the_fifth_working_day_over_easter(decided, governance_officer):
    notice = publish(decided[0], governance_officer)
    assert notice.call_in_deadline == D(2026, 4, 13)
    assert notice.implementation_date == D(2026, 4, 14)


def test_the_third_signature_calls_the_decision_in(decided, governance_officer, councillors):
    notice = publish(decided[0], governance_officer)
    assert sign(notice, councillors[0]) is None
    assert sign(notice, councillors[1]) is None
    assert decisions.status(fresh(notice), D(2026, 4, 8)).open_for_call_in
    call = sign(notice, councillors[2], reasons="Nobody asked the library users.")
    assert call.requested_by == "Ahmed, Bryce, Cole" and call.requested_on == D(2026, 4, 7)
    assert "Cole: Nobody asked the library users." in call.reason and call.recorded_by is None
    assert decisions.status(fresh(notice), D(2026, 4, 20)) == decisions.Status(
        "Called in: awaiting the scrutiny committee", None, False
    )


def test_the_council_sets_how_many_members_it_takes(decided, governance_officer, councillors, settings):
    settings.CALL_IN_MEMBERS_REQUIRED = 2
    notice = publish(decided[0], governance_officer)
    sign(notice, councillors[0])
    assert sign(notice, councillors[1]) is not None
    with pytest.raises(decisions.DecisionError, match="already called in"):
        sign(notice, councillors[2])
    assert CallInSignature.objects.count() == 2


def test_a_signature_in_the_last_minute_of_the_deadline_counts(decided, governance_officer, councillors):
    notice = publish(decided[0], governance_officer)
    sign(notice, councillors[0], when=LAST_MINUTE)
    assert CallInSignature.objects.filter(notice=notice).count() == 1


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (TOO_LATE, "The call-in period ended on 13 April 2026."),
        (datetime.datetime(2026, 4, 1, 12, tzinfo=LONDON), "before its notice is published"),
    ],
)
def test_a_signature_outside_the_window_is_refused(decided, governance_officer, councillors, when, message):
    notice = publish(decided[0], governance_officer)
    with pytest.raises(decisions.DecisionError, match=message):
        sign(notice, councillors[0], when=when)
    assert not CallInSignature.objects.exists()


def test_the_window_over_christmas_and_new_year(decided, governance_officer, councillors):
    # Wednesday 23 December 2026: Christmas Day (Friday), Boxing Day's substitute (Monday 28) and
    # New Year's Day (Friday 1 January) do not count: 24, 29, 30, 31 December and 4 January.
    notice = decisions.publish_notice(
        decided[0], governance_officer, reasons="R.", now=datetime.datetime(2026, 12, 23, 10, tzinfo=LONDON)
    )
    assert notice.call_in_deadline == D(2027, 1, 4)
    sign(notice, councillors[0], when=datetime.datetime(2027, 1, 4, 16, tzinfo=LONDON))
    with pytest.raises(decisions.DecisionError, match="ended on 4 January 2027"):
        sign(notice, councillors[1], when=datetime.datetime(2027, 1, 5, 9, tzinfo=LONDON))


def test_a_member_signs_once_and_gives_reasons(decided, governance_officer, councillors):
    notice = publish(decided[0], governance_officer)
    with pytest.raises(decisions.DecisionError, match="Give your reasons"):
        sign(notice, councillors[0], reasons="   ")
    sign(notice, councillors[0])
    with pytest.raises(decisions.DecisionError, match="already signed"):
        sign(notice, councillors[0])


def test_members_of_the_deciding_body_officers_and_the_seatless_cannot_sign(
    decided, governance_officer, cabinet, author
):
    notice = publish(decided[0], governance_officer)
    cabinet_member = make_user("cabinetmember", access.COMMITTEE_MEMBERS, committee=cabinet)
    officer_person = make_user("clerk", committee=make_committee("Planning Committee"))
    Person.objects.filter(user=officer_person).update(kind=Person.Kind.OFFICER)
    for user in (cabinet_member, governance_officer, author, officer_person):
        with pytest.raises(PermissionDenied):
            sign(notice, user)
    assert call_in.refusal(cabinet_member, notice) == "Members of the body that took the decision cannot call it in."
    assert call_in.refusal(author, notice) == "Only councillors may sign a call-in request."
    assert not CallInSignature.objects.exists()


def test_a_called_in_decision_goes_on_scrutinys_next_meeting(decided, governance_officer, councillors, scrutiny):
    make_meeting(scrutiny, D(2026, 4, 9), status=Meeting.Status.CANCELLED)
    make_meeting(scrutiny, D(2026, 3, 30))  # already past on the day of the call-in
    later = make_meeting(scrutiny, D(2026, 5, 12))
    following = make_meeting(scrutiny, D(2026, 4, 21))
    make_committee("Youth Scrutiny Panel", kind="scrutiny")  # later by name: not the one call-ins go to
    notice = publish(decided[1], governance_officer)
    for councillor in councillors:
        call = sign(notice, councillor)
    item = call.scrutiny_item
    assert item.meeting == following and item.meeting != later
    assert item.title == "Call-in: Depot lease"
    assert (item.part, item.exempt_paragraph) == (AgendaItem.Part.EXEMPT, 3)  # a Part 2 decision stays Part 2
    assert "Bidder B" not in item.description


def test_with_no_scrutiny_meeting_scheduled_the_call_in_is_recorded_alone(decided, governance_officer, councillors):
    notice = publish(decided[0], governance_officer)
    for councillor in councillors:
        call = sign(notice, councillor)
    assert call.scrutiny_item is None and CallIn.objects.filter(notice=notice).exists()


def test_the_council_names_its_scrutiny_committee(decided, governance_officer, scrutiny, settings):
    named = make_committee("Budget Scrutiny Committee", kind="scrutiny")
    assert decisions.scrutiny_committee() == named  # the first by name
    settings.CALL_IN_SCRUTINY_COMMITTEE = scrutiny.slug
    assert decisions.scrutiny_committee() == scrutiny


def test_scrutinys_outcome_sets_the_implementation_date(decided, governance_officer, councillors):
    notice = publish(decided[0], governance_officer)
    for councillor in councillors:
        call = sign(notice, councillor)
    decisions.record_scrutiny_outcome(call, governance_officer, outcome="no_further_action", on=D(2026, 4, 21))
    assert decisions.status(fresh(notice), D(2026, 4, 21)).implementable_from == D(2026, 4, 21)


# Urgent decisions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("consent", "reason", "message"),
    [("", "Funding lapses.", "Name the scrutiny chair"), ("Cllr Dee", " ", "reason the decision is urgent")],
)
def test_an_urgent_decision_needs_the_chairs_consent_and_its_reason(
    decided, governance_officer, consent, reason, message
):
    with pytest.raises(decisions.DecisionError, match=message):
        publish(decided[0], governance_officer, urgent=True, urgency_consent_by=consent, urgency_reason=reason)
    assert not DecisionNotice.objects.exists()


def test_an_urgent_decision_is_implemented_at_once_and_cannot_be_called_in(decided, governance_officer, councillors):
    notice = publish(
        decided[0], governance_officer, urgent=True, urgency_consent_by="Cllr Dee", urgency_reason="Funding lapses."
    )
    assert notice.implementation_date == D(2026, 4, 2)
    assert decisions.status(fresh(notice), D(2026, 4, 2)) == decisions.Status(
        "Urgent: exempt from call-in", D(2026, 4, 2), False
    )
    with pytest.raises(decisions.DecisionError, match="urgent and exempt from call-in: Cllr Dee"):
        sign(notice, councillors[0])
    with pytest.raises(decisions.DecisionError, match="urgent"):
        decisions.call_in(notice, governance_officer, requested_by="Cllr A", reason="R.", on=D(2026, 4, 7))


def test_consent_given_to_a_decision_not_urgent_is_not_kept(decided, governance_officer):
    notice = publish(decided[0], governance_officer, urgency_consent_by="Cllr Dee", urgency_reason="x")
    assert (notice.urgent, notice.urgency_consent_by, notice.urgency_reason) == (False, "", "")


# Pages -----------------------------------------------------------------------------------------


def test_a_councillor_signs_on_the_notice_page(client, decided, governance_officer, councillors):
    notice = publish(decided[0], governance_officer)
    page_url = reverse("committee:decision_notice", args=[notice.pk])
    url = reverse("committee:call_in_sign", args=[notice.pk])
    with time_machine.travel(DURING):
        assert "Sign the call-in request" not in client.get(page_url).content.decode()
        client.force_login(councillors[0])
        page = client.get(page_url).content.decode()
        assert "Sign the call-in request" in page and "0 of 3 councillors have signed" in page
        assert client.get(url).status_code == 405
        refused = client.post(url, {"reasons": ""}, follow=True).content.decode()
        assert "Give your reasons for calling the decision in." in refused
        page = client.post(url, {"reasons": "Costs unclear."}, follow=True).content.decode()
        assert "You have signed the call-in request." in page and "1 of 3 councillors have signed" in page
        assert "Ahmed, 7 April 2026: Costs unclear." in page
        for councillor in councillors[1:]:
            client.force_login(councillor)
            page = client.post(url, {"reasons": "Costs."}, follow=True).content.decode()
    assert "enough members have signed, and the decision is called in" in page
    assert "Called in: awaiting the scrutiny committee" in page


def test_the_sign_page_refuses_after_the_deadline_with_a_message(client, decided, governance_officer, councillors):
    notice = publish(decided[0], governance_officer)
    client.force_login(councillors[0])
    with time_machine.travel(TOO_LATE):
        assert (
            "Sign the call-in request"
            not in client.get(reverse("committee:decision_notice", args=[notice.pk])).content.decode()
        )
        page = client.post(
            reverse("committee:call_in_sign", args=[notice.pk]), {"reasons": "Late."}, follow=True
        ).content.decode()
    assert "The call-in period ended on 13 April 2026." in page and not CallInSignature.objects.exists()


def test_the_sign_step_refuses_others(client, decided, governance_officer, cabinet):
    notice = publish(decided[0], governance_officer)
    url = reverse("committee:call_in_sign", args=[notice.pk])
    with time_machine.travel(DURING):
        assert client.post(url, {"reasons": "R."}).url.startswith(reverse("login"))
        client.force_login(make_user("cabinetmember", access.COMMITTEE_MEMBERS, committee=cabinet))
        assert client.post(url, {"reasons": "R."}).status_code == 403
        client.force_login(governance_officer)
        assert client.post(url, {"reasons": "R."}).status_code == 403
        assert client.post(reverse("committee:call_in_sign", args=[99999]), {"reasons": "R."}).status_code == 404
    assert not CallInSignature.objects.exists()


def test_a_part_2_decisions_signatories_reasons_are_for_its_part_2_readers(
    client, decided, governance_officer, councillors
):
    notice = publish(decided[1], governance_officer)
    sign(notice, councillors[0], reasons="Bidder B is a donor.")
    page = client.get(reverse("committee:decision_notice", args=[notice.pk])).content.decode()
    assert "1 of 3 councillors have signed" in page and "Ahmed" in page and "Bidder B" not in page


def test_an_urgent_notice_says_who_consented_and_offers_no_signing(client, decided, governance_officer, councillors):
    notice = publish(
        decided[0], governance_officer, urgent=True, urgency_consent_by="Cllr Dee", urgency_reason="Funding lapses."
    )
    client.force_login(councillors[0])
    with time_machine.travel(DURING):
        page = client.get(reverse("committee:decision_notice", args=[notice.pk])).content.decode()
        listing = client.get(reverse("committee:decision_list")).content.decode()
    assert "exempt from call-in with the consent of Cllr Dee" in page and "Funding lapses." in page
    assert "Sign the call-in request" not in page and "Urgent: exempt from call-in" in listing


def test_the_minutes_page_publishes_an_urgent_notice(client, decided, governance_officer):
    item = decided[0].agenda_item
    client.force_login(governance_officer)
    url = reverse("committee:decision_notice_publish", args=[item.meeting_id, item.pk])
    prefix = f"notice{item.pk}-"
    refused = client.post(url, {prefix + "reasons": "R.", prefix + "urgent": "on"}, follow=True).content.decode()
    assert "Name the scrutiny chair" in refused and not DecisionNotice.objects.exists()
    client.post(
        url,
        {
            prefix + "reasons": "R.",
            prefix + "urgent": "on",
            prefix + "urgency_consent_by": "Cllr Dee",
            prefix + "urgency_reason": "Funding lapses.",
        },
    )
    assert DecisionNotice.objects.get().urgent


# After a referral back -------------------------------------------------------------------------


def test_a_decision_referred_back_goes_on_the_decision_makers_next_meeting_and_its_new_decision_is_final(
    decided, governance_officer, councillors, cabinet
):
    report_meeting = make_meeting(cabinet, D(2026, 4, 28))
    make_meeting(cabinet, D(2026, 4, 20), status=Meeting.Status.CANCELLED)
    notice = publish(decided[0], governance_officer)
    for councillor in councillors:
        call = sign(notice, councillor)
    decisions.record_scrutiny_outcome(call, governance_officer, outcome="referred_back", on=D(2026, 4, 16))
    call.refresh_from_db()
    item = call.reconsideration_item
    assert item.meeting == report_meeting and item.title == "Reconsideration after call-in: Library opening hours"
    assert decisions.status(fresh(notice), D(2026, 4, 17)).implementable_from is None

    report_meeting.agenda_published_at = report_meeting.starts_at - datetime.timedelta(days=7)
    report_meeting.save()
    final_decision = minutes.set_decision(item, governance_officer, outcome="amended", text="<p>Open Sundays 12-4.</p>")
    final = decisions.publish_notice(
        final_decision,
        governance_officer,
        reasons="Scrutiny's concerns about cost are met.",
        now=datetime.datetime(2026, 4, 29, 10, tzinfo=LONDON),
    )
    assert final.reconsideration_of == call and not final.call_in_applies
    state = decisions.status(final, D(2026, 4, 29))
    assert (state.label, state.implementable_from) == (
        "Final decision after call-in: not subject to call-in",
        D(2026, 4, 29),
    )
    assert "superseded" in decisions.status(fresh(notice), D(2026, 4, 29)).label
    with pytest.raises(decisions.DecisionError, match="cannot be called in again"):
        decisions.check_open_for_call_in(final, D(2026, 4, 30))


def test_the_notice_pages_link_the_referred_back_decision_and_its_final_one(
    client, decided, governance_officer, councillors, cabinet
):
    later = make_meeting(cabinet, D(2026, 4, 28))
    notice = publish(decided[0], governance_officer)
    for councillor in councillors:
        call = sign(notice, councillor)
    decisions.record_scrutiny_outcome(call, governance_officer, outcome="referred_back", on=D(2026, 4, 16))
    call.refresh_from_db()
    page = client.get(reverse("committee:decision_notice", args=[notice.pk])).content.decode()
    assert "To be reconsidered at" in page
    final_decision = minutes.set_decision(call.reconsideration_item, governance_officer, outcome="agreed")
    final = decisions.publish_notice(final_decision, governance_officer, reasons="Met.")
    page = client.get(reverse("committee:decision_notice", args=[notice.pk])).content.decode()
    assert reverse("committee:decision_notice", args=[final.pk]) not in page  # its agenda is not yet public
    later.agenda_published_at = datetime.datetime(2026, 4, 20, 9, tzinfo=LONDON)
    later.save()
    page = client.get(reverse("committee:decision_notice", args=[notice.pk])).content.decode()
    assert reverse("committee:decision_notice", args=[final.pk]) in page and "To be reconsidered at" not in page
    page = client.get(reverse("committee:decision_notice", args=[final.pk])).content.decode()
    assert reverse("committee:decision_notice", args=[notice.pk]) in page
    assert "cannot be called in again" in page and "Sign the call-in request" not in page


# Referred to full Council ----------------------------------------------------------------------


def test_a_decision_scrutiny_refers_to_council_goes_on_councils_next_meeting_with_its_report(
    client, cabinet, governance_officer, councillors
):
    council = make_committee("Council", kind="full_council")
    make_meeting(council, D(2026, 4, 20), status=Meeting.Status.POSTPONED)
    next_council = make_meeting(council, D(2026, 5, 6))
    make_meeting(council, D(2026, 6, 3))
    meeting = make_meeting(cabinet, D(2026, 4, 1))
    report = make_report(cabinet, title="Library opening hours")
    item = agenda.add_item(meeting, governance_officer, title="Library opening hours", report=report)
    meeting.agenda_published_at = meeting.starts_at - datetime.timedelta(days=10)
    meeting.save()
    notice = publish(minutes.set_decision(item, governance_officer, outcome="agreed"), governance_officer)
    for councillor in councillors:
        call = sign(notice, councillor)
    decisions.record_scrutiny_outcome(call, governance_officer, outcome="referred_to_council", on=D(2026, 4, 16))
    call.refresh_from_db()
    referred = call.council_item
    assert referred.meeting == next_council and referred.report == report
    assert referred.title == "Referred by scrutiny after call-in: Library opening hours"
    assert referred.kind == AgendaItem.Kind.REPORT and referred.part == AgendaItem.Part.PUBLIC
    assert "referred to Council by the scrutiny committee on 16 April 2026." in referred.description
    assert call.reconsideration_item is None
    assert decisions.status(fresh(notice), D(2026, 4, 17)).implementable_from is None
    page = client.get(reverse("committee:decision_notice", args=[notice.pk])).content.decode()
    assert "To be considered by full Council at" in page and next_council.get_absolute_url() in page


def test_an_exempt_decision_record_referred_to_council_stays_part_2_and_with_no_meeting_is_recorded_alone(
    governance_officer, councillors
):
    record = decision_records.save_draft(
        None,
        governance_officer,
        maker="cabinet_member",
        taken_by="Councillor Jo Bell, Cabinet Member for Housing",
        title="Sale of the depot",
        decision="Sell to Bidder B.",
        reasons="Best bid.",
        decided_on=D(2026, 4, 1),
        exempt_paragraph=3,
    )
    notice = decision_records.publish(record, governance_officer, now=PUBLISHED)
    for councillor in councillors[:2]:
        sign(notice, councillor)
    call = sign(notice, councillors[2])
    decisions.record_scrutiny_outcome(call, governance_officer, outcome="referred_to_council", on=D(2026, 4, 16))
    call.refresh_from_db()
    assert call.outcome == CallIn.Outcome.REFERRED_TO_COUNCIL and call.council_item is None  # no Council body

    council = make_committee("Council", kind="full_council")
    later = make_meeting(council, D(2026, 5, 6))
    item = decisions.refer_to_council(call, datetime.datetime(2026, 4, 16, tzinfo=LONDON))
    assert item.meeting == later and (item.part, item.exempt_paragraph) == (AgendaItem.Part.EXEMPT, 3)
    assert "Bidder B" not in item.title + item.description


def test_a_welsh_councillor_reads_why_they_may_not_sign_in_welsh(decided, governance_officer, councillors, author):
    notice = publish(decided[0], governance_officer)
    sign(notice, councillors[0])
    with translation.override("cy"):
        assert call_in.refusal(author, notice) == "Dim ond cynghorwyr all lofnodi cais galw i mewn."
        with pytest.raises(decisions.DecisionError) as refused:
            sign(notice, councillors[0])
    assert str(refused.value) == "Rydych eisoes wedi llofnodi'r cais galw i mewn hwn."
