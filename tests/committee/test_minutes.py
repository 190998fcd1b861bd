import html

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from committee import agenda, minutes
from committee.agenda import AgendaError
from committee.models import Attendance, ItemDecision, Meeting, Minutes, Person
from tests.conftest import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(meeting, governance_officer):
    public = agenda.add_item(meeting, governance_officer, title="Libraries review")
    secret = agenda.add_item(meeting, governance_officer, title="Contract award", part=2, exempt_paragraph=3)
    meeting.agenda_published_at = meeting.starts_at
    meeting.save()
    return public, secret


def test_attendance_declarations_and_decisions_are_recorded(meeting, governance_officer, items):
    chair, sub, absent, officer = (Person.objects.create(name=n) for n in ("Chair", "Sub", "Absent", "Officer"))
    minutes.record_attendance(meeting, governance_officer, chair, "present")
    minutes.record_attendance(meeting, governance_officer, absent, "apologies")
    minutes.record_attendance(meeting, governance_officer, sub, "substitute", substitute_for=absent)
    minutes.record_attendance(meeting, governance_officer, officer, "officer", substitute_for=absent)
    assert Attendance.objects.get(person=officer).substitute_for is None
    minutes.record_attendance(meeting, governance_officer, chair, "apologies")  # corrected, not duplicated
    assert meeting.attendance.count() == 4
    minutes.declare_interest(meeting, governance_officer, chair, "registerable", "Governor of a school", items[0])
    with pytest.raises(AgendaError, match="what the interest is"):
        minutes.declare_interest(meeting, governance_officer, chair, "registerable", "  ")
    decision = minutes.set_decision(
        items[0], governance_officer, outcome="agreed", text="<p>Agreed.<script>x</script></p>"
    )
    assert decision.text == "<p>Agreed.</p>"
    with pytest.raises(AgendaError, match="as amended"):
        minutes.set_decision(items[0], governance_officer, outcome="amended", text=" ")
    minutes.set_decision(items[0], governance_officer, outcome="amended", text="<p>As amended: two libraries.</p>")
    assert ItemDecision.objects.get(agenda_item=items[0]).outcome == "amended"
    with pytest.raises(AgendaError, match="Choose"):
        minutes.set_decision(items[0], governance_officer, outcome="vetoed")


def test_draft_then_published_then_confirmed(meeting, governance_officer, items, committee):
    minutes.set_decision(items[0], governance_officer, outcome="noted")
    record = Minutes.objects.get(meeting=meeting)
    assert not record.is_public
    with pytest.raises(AgendaError, match="Publish the draft minutes"):
        minutes.confirm_minutes(meeting, governance_officer)
    minutes.publish_minutes(meeting, governance_officer)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    with pytest.raises(AgendaError, match="already published"):
        minutes.publish_minutes(meeting, governance_officer)
    minutes.set_decision(items[0], governance_officer, outcome="agreed")  # draft minutes may still be corrected
    later = make_meeting(committee, meeting.date.replace(month=3))
    record = minutes.confirm_minutes(meeting, governance_officer, at_meeting=later)
    assert record.status == Minutes.Status.CONFIRMED and record.confirmed_at_meeting == later
    with pytest.raises(AgendaError, match="confirmed"):
        minutes.set_decision(items[0], governance_officer, outcome="deferred")


def test_a_cancelled_meeting_has_no_minutes(meeting, governance_officer):
    meeting.status = Meeting.Status.CANCELLED
    meeting.save()
    with pytest.raises(AgendaError, match="cancelled"):
        minutes.publish_minutes(meeting, governance_officer)


@pytest.mark.parametrize("persona", ["author", "committee_member"])
def test_only_governance_officers_write_minutes(meeting, items, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        minutes.set_decision(items[0], user, outcome="agreed")
    with pytest.raises(PermissionDenied):
        minutes.publish_minutes(meeting, user)


PERSONAS = ["public", "other_committee_member", "committee_member"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_published_minutes_and_decisions_hide_part_2_decision_text(
    client, meeting, governance_officer, items, persona, request
):
    minutes.record_attendance(meeting, governance_officer, Person.objects.create(name="Cllr Perry"), "present")
    minutes.set_decision(items[0], governance_officer, outcome="agreed", text="<p>Open libraries on Sundays.</p>")
    minutes.set_decision(items[1], governance_officer, outcome="agreed", text="<p>Award to Bidder B at £2.1m.</p>")
    minutes.publish_minutes(meeting, governance_officer)
    if persona != "public":
        client.force_login(request.getfixturevalue(persona))
    entitled = persona == "committee_member"
    for name in ("meeting_minutes", "meeting_decisions"):
        body = client.get(reverse(f"committee:{name}", args=[meeting.pk])).content.decode()
        assert "Open libraries on Sundays." in body and "Contract award" in body
        assert ("Bidder B" in body) is entitled
    body = client.get(reverse("committee:meeting_minutes", args=[meeting.pk])).content.decode()
    assert "Cllr Perry" in body and "Draft minutes" in body
    assert "Bidder B" not in client.get("/search/?q=bidder").content.decode() or entitled
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("committee:meeting_decisions", args=[meeting.pk]) in page


def test_the_minutes_page_for_officers(client, meeting, governance_officer, items):
    client.force_login(governance_officer)
    url = reverse("committee:minutes_edit", args=[meeting.pk])
    assert "Libraries review" in client.get(url).content.decode()
    person = Person.objects.create(name="Cllr Hutton")
    client.post(reverse("committee:minutes_attendance", args=[meeting.pk]), {"person": person.pk, "kind": "present"})
    client.post(
        reverse("committee:minutes_declaration", args=[meeting.pk]),
        {"person": person.pk, "interest": "pecuniary", "detail": "Owns land", "agenda_item": items[0].pk},
    )
    client.post(
        reverse("committee:minutes_decision", args=[meeting.pk, items[0].pk]),
        {f"item{items[0].pk}-outcome": "deferred", f"item{items[0].pk}-text": ""},
    )
    client.post(reverse("committee:minutes_notes", args=[meeting.pk]), {"notes": "The chair thanked officers."})
    response = client.post(reverse("committee:minutes_publish", args=[meeting.pk]), follow=True)
    assert "The draft minutes are published." in response.content.decode()
    response = client.post(reverse("committee:minutes_confirm", args=[meeting.pk]), follow=True)
    assert "The minutes are confirmed." in response.content.decode()
    record = Minutes.objects.get(meeting=meeting)
    assert record.status == "confirmed" and record.notes == "<p>The chair thanked officers.</p>"
    assert meeting.declarations.get().detail == "Owns land"
    assert ItemDecision.objects.get(agenda_item=items[0]).outcome == "deferred"
    assert client.get(reverse("committee:minutes_publish", args=[meeting.pk])).status_code == 405


@pytest.mark.parametrize("persona", ["author", "committee_member"])
def test_the_minutes_pages_refuse_others(client, meeting, items, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("committee:minutes_edit", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("committee:minutes_publish", args=[meeting.pk])).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, meeting):
    response = client.get(reverse("committee:minutes_edit", args=[meeting.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_decision_without_its_outcome_comes_back_with_the_amended_text_kept(
    client, meeting, governance_officer, items
):
    client.force_login(governance_officer)
    amended = "That the Committee agrees the hours, with Saturday afternoons added."
    response = client.post(
        reverse("committee:minutes_decision", args=[meeting.pk, items[0].pk]), {f"item{items[0].pk}-text": amended}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose the decision: agreed, agreed as amended, deferred, referred on, rejected or noted." in page
    assert f"{amended}</textarea>" in page
    assert not ItemDecision.objects.filter(agenda_item=items[0]).exists()

    refused = client.post(reverse("committee:minutes_declaration", args=[meeting.pk]), {"detail": "Owns land nearby"})
    assert refused.status_code == 400 and "Owns land nearby</textarea>" in refused.content.decode()
    assert not meeting.declarations.exists()


def test_a_welsh_council_records_declarations_in_the_welsh_codes_words(client, meeting, governance_officer, wales):
    client.force_login(governance_officer)
    form = client.get(reverse("committee:minutes_edit", args=[meeting.pk])).content.decode()
    assert "Personal and prejudicial interest" in form and "Disclosable pecuniary interest" not in form
    person = Person.objects.create(name="Cllr Hughes")
    url = reverse("committee:minutes_declaration", args=[meeting.pk])
    client.post(url, {"person": person.pk, "interest": "pecuniary", "detail": "Owns land"})
    assert not meeting.declarations.exists()  # England's kind is not offered in Wales
    client.post(url, {"person": person.pk, "interest": "prejudicial", "detail": "Owns land next to the site"})
    assert meeting.declarations.get().get_interest_display() == "Personal and prejudicial interest"


def test_the_decisions_table_leaves_out_opening_items_and_keeps_business_left_undecided(
    client, meeting, governance_officer
):
    opening = agenda.add_opening_items(meeting, governance_officer)
    assert [item.title for item in opening][:3] == [
        "Apologies for absence",
        "Declarations of interest",
        "Minutes of the previous meeting",
    ]
    libraries = agenda.add_item(meeting, governance_officer, title="Libraries review")
    verbal = agenda.add_item(meeting, governance_officer, title="Verbal update on the library hours")
    secret = agenda.add_item(meeting, governance_officer, title="Contract award", part=2, exempt_paragraph=3)
    meeting.agenda_published_at = meeting.starts_at
    meeting.save()
    minutes.set_decision(libraries, governance_officer, outcome="agreed", text="<p>Open libraries on Sundays.</p>")
    minutes.set_decision(opening[2], governance_officer, outcome="agreed")  # one recorded all the same is kept
    minutes.publish_minutes(meeting, governance_officer)
    page = client.get(reverse("committee:meeting_decisions", args=[meeting.pk])).content.decode()
    table = page[page.index("<table") : page.index("</table>")]
    assert f'id="decision-{libraries.pk}"' in table and "Open libraries on Sundays." in table
    assert f'id="decision-{verbal.pk}"' in table and "No decision recorded" in table
    assert f'id="decision-{secret.pk}"' in table  # the Part 2 item, undecided, is still business
    assert f'id="decision-{opening[2].pk}"' in table
    for item in (opening[0], opening[1], opening[3]):
        assert f'id="decision-{item.pk}"' not in table
    assert "Apologies for absence" not in table and "Declarations of interest" not in table


def test_a_welsh_officer_reads_the_refusal_in_welsh(client, meeting, governance_officer, items):
    minutes.set_decision(items[0], governance_officer, outcome="noted")
    minutes.publish_minutes(meeting, governance_officer)
    client.force_login(governance_officer)
    with translation.override("cy"):
        address = reverse("committee:minutes_publish", args=[meeting.pk])
    assert address.startswith("/cy/")
    page = html.unescape(client.post(address, follow=True).content.decode())
    assert "Mae'r cofnodion drafft wedi'u cyhoeddi eisoes." in page
    assert "The draft minutes are already published." not in page


def test_a_recommendations_refusal_names_it_in_welsh(meeting, governance_officer, items):
    with translation.override("cy"), pytest.raises(AgendaError) as refused:
        minutes.set_decision(
            items[0],
            governance_officer,
            outcome="agreed",
            recommendations=[minutes.RecommendationOutcome(2, "amended", amendment="<p>Two libraries.</p>")],
        )
    assert str(refused.value) == "Argymhelliad 2: dywedwch pwy gynigiodd a phwy eiliodd y gwelliant."
    with translation.override("cy"), pytest.raises(AgendaError) as refused:
        minutes.set_decision(items[0], governance_officer, outcome="vetoed")
    assert str(refused.value) == (
        "Dewiswch y penderfyniad ar yr eitem: cytunwyd, cytunwyd fel y'i diwygiwyd, gohiriwyd, "
        "cyfeiriwyd ymlaen, gwrthodwyd neu nodwyd."
    )
