"""Recorded (named) votes: for, against and abstaining by name, on an item or one recommendation."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from committee import agenda, minutes, votes
from committee.minutes import MinutesError, RecommendationOutcome
from committee.models import AgendaPublication, Attendance, ItemDecision, Person, RecordedVote
from publishing import publication

pytestmark = pytest.mark.django_db

FOR, AGAINST, ABSTAIN = RecordedVote.Vote.FOR, RecordedVote.Vote.AGAINST, RecordedVote.Vote.ABSTAIN


@pytest.fixture
def members(meeting, governance_officer):
    people = [Person.objects.create(name=name) for name in ("Cllr Ahmed", "Cllr Bryce", "Cllr Cole", "Cllr Dunn")]
    for person in people[:3]:
        minutes.record_attendance(meeting, governance_officer, person, Attendance.Kind.PRESENT)
    minutes.record_attendance(meeting, governance_officer, people[3], Attendance.Kind.APOLOGIES)
    return people


@pytest.fixture
def decision(meeting, governance_officer):
    item = agenda.add_item(meeting, governance_officer, title="Budget 2027/28")
    return minutes.set_decision(
        item,
        governance_officer,
        outcome=ItemDecision.Outcome.AGREED,
        recommendations=[RecommendationOutcome(1, ItemDecision.Outcome.AGREED)],
    )


def test_a_recorded_vote_names_each_member_and_sets_the_counts(decision, members, governance_officer):
    ahmed, bryce, cole, _ = members
    votes.record_named_vote(decision, governance_officer, {ahmed: FOR, bryce: FOR, cole: ABSTAIN})
    decision.refresh_from_db()
    assert (decision.votes_for, decision.votes_against, decision.votes_abstaining) == (2, 0, 1)
    named = votes.named_vote(decision)
    assert named.line() == "Recorded vote. For: Cllr Ahmed, Cllr Bryce. Against: none. Abstained: Cllr Cole."
    # Recorded again, the names replace the earlier ones.
    votes.record_named_vote(decision, governance_officer, {ahmed: AGAINST})
    assert votes.named_vote(decision).against == ["Cllr Ahmed"] and not votes.named_vote(decision).voted_for


def test_a_recommendation_has_its_own_recorded_vote(decision, members, governance_officer):
    ahmed, bryce, *_ = members
    recommendation = decision.recommendations.get()
    votes.record_named_vote(recommendation, governance_officer, {ahmed: FOR, bryce: AGAINST})
    recommendation.refresh_from_db()
    assert (recommendation.votes_for, recommendation.votes_against) == (1, 1)
    assert not votes.named_vote(decision)


def test_only_members_present_vote(decision, members, governance_officer):
    ahmed, *_, dunn = members
    stranger = Person.objects.create(name="Cllr Evans")
    with pytest.raises(MinutesError, match="Cllr Dunn, Cllr Evans not minuted as present"):
        votes.record_named_vote(decision, governance_officer, {ahmed: FOR, dunn: FOR, stranger: AGAINST})
    assert not RecordedVote.objects.exists()


def test_a_recorded_vote_needs_names_and_real_votes(decision, members, governance_officer):
    with pytest.raises(MinutesError, match="at least one member"):
        votes.record_named_vote(decision, governance_officer, {})
    with pytest.raises(MinutesError, match="for, against, or abstained"):
        votes.record_named_vote(decision, governance_officer, {members[0]: "maybe"})


def test_only_governance_officers_record_votes_and_not_on_confirmed_minutes(
    decision, members, governance_officer, author, meeting
):
    with pytest.raises(PermissionDenied):
        votes.record_named_vote(decision, author, {members[0]: FOR})
    minutes.publish_minutes(meeting, governance_officer)
    minutes.confirm_minutes(meeting, governance_officer)
    with pytest.raises(MinutesError, match="confirmed"):
        votes.record_named_vote(decision, governance_officer, {members[0]: FOR})


def test_counts_never_disagree_with_the_names(decision, members, governance_officer):
    votes.record_named_vote(decision, governance_officer, {members[0]: FOR, members[1]: AGAINST})
    item = decision.agenda_item
    with pytest.raises(MinutesError, match="recorded vote"):
        minutes.set_decision(item, governance_officer, outcome=ItemDecision.Outcome.AGREED, votes=(5, 0, 0))
    # Re-minuted without counts (the text corrected), the names' counts stay.
    minutes.set_decision(item, governance_officer, outcome=ItemDecision.Outcome.AGREED, text="<p>Agreed.</p>")
    decision.refresh_from_db()
    assert (decision.votes_for, decision.votes_against, decision.votes_abstaining) == (1, 1, 0)


def test_the_minutes_line_names_the_recorded_vote(decision, members, governance_officer):
    ahmed, bryce, cole, _ = members
    votes.record_named_vote(decision, governance_officer, {ahmed: FOR, cole: FOR, bryce: AGAINST})
    recommendation = decision.recommendations.get()
    votes.record_named_vote(recommendation, governance_officer, {bryce: ABSTAIN})
    loaded = minutes.with_resolutions(ItemDecision.objects.filter(pk=decision.pk)).get()
    assert minutes.describe_resolution(loaded) == (
        "Agreed. For 2, against 1, abstaining 0. Recorded vote: for Cllr Ahmed, Cllr Cole; against Cllr Bryce;"
        " abstaining none."
    )
    assert minutes.resolution_lines(loaded) == [
        "Recommendation 1: Agreed. For 0, against 0, abstaining 1. Recorded vote: for none; against none;"
        " abstaining Cllr Bryce."
    ]


def test_a_councillors_page_lists_their_named_votes_once_the_minutes_are_public(
    client, meeting, decision, members, governance_officer
):
    ahmed, bryce, *_ = members
    exempt = agenda.add_item(meeting, governance_officer, title="Sale of the depot", part=2, exempt_paragraph=3)
    exempt_decision = minutes.set_decision(exempt, governance_officer, outcome=ItemDecision.Outcome.AGREED)
    votes.record_named_vote(decision, governance_officer, {ahmed: AGAINST, bryce: FOR})
    votes.record_named_vote(exempt_decision, governance_officer, {ahmed: FOR})
    page = reverse("members:councillor", args=[ahmed.pk])
    assert "No named votes are recorded yet" in client.get(page).content.decode()

    publication.publish_agenda(meeting, governance_officer, late_reason=AgendaPublication.LateReason.URGENCY)
    publication.publish_minutes(meeting, governance_officer)
    assert [(v.item.title, v.vote) for v in votes.public_votes_of(ahmed)] == [("Budget 2027/28", "Against")]
    body = client.get(page).content.decode()
    assert "Budget 2027/28" in body and "Against" in body
    # How a member voted on an exempt item would say more than its title.
    assert "Sale of the depot" not in body


# The clerk's form on the minutes page -----------------------------------------------------------


def test_the_minutes_page_offers_each_member_present_and_saves_their_votes(
    client, meeting, decision, members, governance_officer
):
    ahmed, bryce, cole, dunn = members
    client.force_login(governance_officer)
    page = client.get(reverse("committee:minutes_edit", args=[meeting.pk])).content.decode()
    assert "Recorded vote" in page and "Cllr Cole" in page
    item = decision.agenda_item
    prefix = f"vote{item.pk}"
    assert f'name="{prefix}-vote_{dunn.pk}"' not in page  # sent apologies: does not vote
    response = client.post(
        reverse("committee:minutes_named_vote", args=[meeting.pk, item.pk]),
        {f"{prefix}-question": "1", f"{prefix}-vote_{ahmed.pk}": "for", f"{prefix}-vote_{bryce.pk}": "against"},
    )
    assert response.status_code == 302
    recommendation = decision.recommendations.get()
    recommendation.refresh_from_db()
    assert (recommendation.votes_for, recommendation.votes_against, recommendation.votes_abstaining) == (1, 1, 0)
    assert sorted(recommendation.recorded_votes.values_list("person__name", flat=True)) == ["Cllr Ahmed", "Cllr Bryce"]


def test_a_recorded_vote_naming_nobody_is_refused_with_a_message(
    client, meeting, decision, members, governance_officer
):
    client.force_login(governance_officer)
    item = decision.agenda_item
    response = client.post(
        reverse("committee:minutes_named_vote", args=[meeting.pk, item.pk]),
        {f"vote{item.pk}-question": "item"},
        follow=True,
    )
    assert "A recorded vote names at least one member." in response.content.decode()
    assert not RecordedVote.objects.exists()


def test_only_governance_officers_record_a_named_vote(client, meeting, decision, members, committee_member):
    ahmed = members[0]
    item = decision.agenda_item
    url = reverse("committee:minutes_named_vote", args=[meeting.pk, item.pk])
    data = {f"vote{item.pk}-question": "item", f"vote{item.pk}-vote_{ahmed.pk}": "for"}
    assert client.post(url, data).status_code == 302 and not RecordedVote.objects.exists()  # to log in
    client.force_login(committee_member)
    assert client.post(url, data).status_code == 403 and not RecordedVote.objects.exists()


def test_a_welsh_officer_reads_who_was_not_present_in_welsh(decision, members, governance_officer):
    ahmed, *_, dunn = members
    with translation.override("cy"), pytest.raises(MinutesError) as refused:
        votes.record_named_vote(decision, governance_officer, {ahmed: FOR, dunn: FOR})
    assert str(refused.value) == (
        "Dim ond aelodau sy'n bresennol sy'n pleidleisio: nid yw'r cofnodion yn nodi bod Cyng. Dunn yn bresennol."
    )
