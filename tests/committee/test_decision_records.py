"""Decisions taken outside meetings: a governance officer drafts a cabinet member's or an officer's
decision record, unseen by the public until published with its notice; a cabinet member's decision
and an officer's key decision may be called in like Cabinet's, an officer's other decisions not; an
exempt record shows only its title and paragraph; a record may reconsider a decision scrutiny
referred back, and is then final."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from committee import access, call_in, decision_records, decisions
from committee.models import CallIn, DecisionNotice, DecisionRecord
from tests.conftest import LONDON, make_committee, make_user

pytestmark = pytest.mark.django_db

D = datetime.date
# Thursday 2 April 2026: the window runs over Easter and closes at the end of Monday 13 April.
PUBLISHED = datetime.datetime(2026, 4, 2, 10, tzinfo=LONDON)


def values(**extra):
    return {
        "maker": "cabinet_member",
        "taken_by": "Councillor Jo Bell, Cabinet Member for Housing",
        "title": "Homelessness grant allocations",
        "decision": "Allocate the grant to the three shelters as set out.",
        "reasons": "The shelters meet the criteria.",
        "alternatives_rejected": "A single provider: less resilient.",
        "interests_declared": "",
        "dispensations": "",
        "key_decision": False,
        "decided_on": D(2026, 4, 1),
        "exempt_paragraph": None,
        **extra,
    }


@pytest.fixture
def scrutiny(db):
    return make_committee("Overview and Scrutiny Committee", kind="scrutiny")


def test_a_cabinet_members_decision_is_published_with_a_notice_open_for_call_in(governance_officer):
    record = decision_records.save_draft(None, governance_officer, **values())
    assert not access.public_decision_notices().exists()
    notice = decision_records.publish(record, governance_officer, now=PUBLISHED)
    assert notice.call_in_applies and notice.call_in_deadline == D(2026, 4, 13)
    assert notice.reasons == "The shelters meet the criteria."
    assert list(access.public_decision_notices()) == [notice]
    assert decisions.status(notice, D(2026, 4, 7)).open_for_call_in
    assert decisions.status(notice, D(2026, 4, 14)).implementable_from == D(2026, 4, 14)


def test_an_officers_decision_is_not_subject_to_call_in_unless_it_is_a_key_decision(governance_officer):
    plain = decision_records.save_draft(None, governance_officer, **values(maker="officer", taken_by="Director"))
    key = decision_records.save_draft(
        None, governance_officer, **values(maker="officer", taken_by="Director", key_decision=True, title="Key")
    )
    plain_notice = decision_records.publish(plain, governance_officer, now=PUBLISHED)
    key_notice = decision_records.publish(key, governance_officer, now=PUBLISHED)
    state = decisions.status(plain_notice, D(2026, 4, 2))
    assert state.label == "Not subject to call-in" and state.implementable_from == D(2026, 4, 2)
    with pytest.raises(decisions.DecisionError, match="not subject to call-in"):
        decisions.check_open_for_call_in(plain_notice, D(2026, 4, 3))
    assert key_notice.call_in_applies
    assert list(decisions.awaiting_call_in(DecisionNotice.objects.all(), D(2026, 4, 3))) == [key_notice]


def test_a_draft_must_say_who_took_the_decision_and_why(governance_officer):
    with pytest.raises(decisions.DecisionError, match="reasons"):
        decision_records.save_draft(None, governance_officer, **values(reasons="  "))
    with pytest.raises(decisions.DecisionError, match="Name the decision-maker"):
        decision_records.save_draft(None, governance_officer, **values(taken_by=""))
    assert not DecisionRecord.objects.exists()


def test_only_governance_officers_record_decisions(author):
    with pytest.raises(PermissionDenied):
        decision_records.save_draft(None, author, **values())


def test_a_published_record_no_longer_changes_and_is_published_once(governance_officer):
    record = decision_records.save_draft(None, governance_officer, **values())
    decision_records.publish(record, governance_officer, now=PUBLISHED)
    with pytest.raises(decisions.DecisionError, match="can no longer change"):
        decision_records.save_draft(record, governance_officer, **values(title="Changed"))
    with pytest.raises(decisions.DecisionError, match="already published"):
        decision_records.publish(record, governance_officer, now=PUBLISHED)


def test_councillors_call_in_a_cabinet_members_decision_but_cabinet_members_cannot(
    governance_officer, other_committee, scrutiny
):
    cabinet = make_committee("Cabinet", kind="executive")
    record = decision_records.save_draft(None, governance_officer, **values())
    notice = decision_records.publish(record, governance_officer, now=PUBLISHED)
    member = make_user("cabinet_member", access.COMMITTEE_MEMBERS, committee=cabinet)
    assert (
        call_in.refusal(member, notice, D(2026, 4, 7))
        == "Members of the body that took the decision cannot call it in."
    )
    signers = [make_user(n, access.COMMITTEE_MEMBERS, committee=other_committee) for n in ("ahmed", "bryce", "cole")]
    during = datetime.datetime(2026, 4, 7, 12, tzinfo=LONDON)
    calls = [call_in.sign(notice, user, reasons="Costs unclear.", now=during) for user in signers]
    assert calls[-1] is not None and calls[-1].notice == notice
    assert str(calls[-1]) == "Call-in: Homelessness grant allocations"


def test_a_record_reconsidering_a_referred_back_decision_is_final(governance_officer):
    first = decision_records.publish(
        decision_records.save_draft(None, governance_officer, **values()), governance_officer, now=PUBLISHED
    )
    call = decisions.call_in(first, governance_officer, requested_by="A, B, C", reason="Costs.", on=D(2026, 4, 7))
    assert decision_records.awaiting_reconsideration().count() == 0
    decisions.record_scrutiny_outcome(call, governance_officer, outcome="referred_back", on=D(2026, 4, 9))
    assert list(decision_records.awaiting_reconsideration()) == [call]
    again = decision_records.save_draft(None, governance_officer, **values(decided_on=D(2026, 4, 15)))
    final = decision_records.publish(
        again, governance_officer, reconsideration_of=call, now=datetime.datetime(2026, 4, 16, 9, tzinfo=LONDON)
    )
    assert final.reconsideration_of == call and not final.call_in_applies
    state = decisions.status(final, D(2026, 4, 16))
    assert state.label == "Final decision after call-in: not subject to call-in"
    assert state.implementable_from == D(2026, 4, 16)
    first.refresh_from_db()
    assert "superseded" in decisions.status(first, D(2026, 4, 16)).label
    assert decision_records.awaiting_reconsideration().count() == 0


def test_an_exempt_record_shows_the_public_its_title_and_paragraph_only(client, governance_officer):
    record = decision_records.save_draft(
        None,
        governance_officer,
        **values(title="Property disposal", decision="Sell to Bidder B for £2m.", exempt_paragraph=3),
    )
    notice = decision_records.publish(record, governance_officer, now=PUBLISHED)
    page = client.get(reverse("committee:decision_notice", args=[notice.pk])).content.decode()
    assert "Property disposal" in page and "Paragraph 3 of Schedule 12A" in page
    assert "Bidder B" not in page and "criteria" not in page
    feed = client.get(reverse("committee:decisions_feed")).content.decode()
    assert "Property disposal" in feed and "Bidder B" not in feed
    csv = client.get(reverse("opendata:download", args=["decision-notices", "csv"])).content.decode()
    assert "Property disposal" in csv and "Bidder B" not in csv and "criteria" not in csv
    client.force_login(governance_officer)
    assert "Bidder B" in client.get(reverse("committee:decision_notice", args=[notice.pk])).content.decode()


def test_the_public_page_shows_a_cabinet_members_decision_with_its_deadline(client, governance_officer):
    record = decision_records.save_draft(None, governance_officer, **values(interests_declared="None."))
    notice = decision_records.publish(record, governance_officer, now=PUBLISHED)
    page = client.get(reverse("committee:decision_notice", args=[notice.pk])).content.decode()
    assert "Councillor Jo Bell, Cabinet Member for Housing (cabinet member)" in page
    assert "Monday 13 April 2026" in page and "Allocate the grant" in page
    listing = client.get(reverse("committee:decision_list")).content.decode()
    assert "Homelessness grant allocations" in listing and "Councillor Jo Bell" in listing


# The officers' pages ---------------------------------------------------------------------------


def form_data(**extra):
    data = {k: ("" if v is None else v) for k, v in values(**extra).items()}
    data["decided_on"] = "2026-04-01"
    data.pop("key_decision")
    return data


def test_an_officer_drafts_and_publishes_a_record_in_the_pages(client, governance_officer):
    client.force_login(governance_officer)
    response = client.post(reverse("committee:decision_record_new"), form_data())
    record = DecisionRecord.objects.get()
    assert response.status_code == 302 and response.url == reverse("committee:decision_record_edit", args=[record.pk])
    listing = client.get(reverse("committee:decision_records")).content.decode()
    assert f'href="{response.url}">Homelessness grant allocations</a>' in listing
    response = client.post(reverse("committee:decision_record_publish", args=[record.pk]), {})
    notice = DecisionNotice.objects.get(record=record)
    assert response.url == reverse("committee:decision_notice", args=[notice.pk])


def test_a_refused_draft_keeps_what_was_typed(client, governance_officer):
    client.force_login(governance_officer)
    response = client.post(reverse("committee:decision_record_new"), form_data(reasons=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Allocate the grant to the three shelters" in page and not DecisionRecord.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "author", "committee_member"])
def test_only_governance_officers_reach_the_records_pages(client, who, request, governance_officer):
    record = decision_records.save_draft(None, governance_officer, **values())
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in (reverse("committee:decision_records"), reverse("committee:decision_record_edit", args=[record.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Homelessness" not in response.content.decode()
    response = client.post(reverse("committee:decision_record_publish", args=[record.pk]))
    assert response.status_code in (302, 403) and not DecisionNotice.objects.exists()


def test_publishing_is_post_only(client, governance_officer):
    record = decision_records.save_draft(None, governance_officer, **values())
    client.force_login(governance_officer)
    assert client.get(reverse("committee:decision_record_publish", args=[record.pk])).status_code == 405
    assert CallIn.objects.count() == 0


def test_a_welsh_officer_reads_a_drafts_refusal_in_welsh(governance_officer):
    with translation.override("cy"), pytest.raises(decisions.DecisionError) as refused:
        decision_records.save_draft(None, governance_officer, **values(taken_by=""))
    assert str(refused.value) == "Rhowch enw a rôl y penderfynwr."
    with translation.override("cy"), pytest.raises(decisions.DecisionError) as refused:
        decision_records.save_draft(None, governance_officer, **values(exempt_paragraph=99))
    assert str(refused.value) == "Dewiswch baragraff o Atodlen 12A, o 1 i 7."
