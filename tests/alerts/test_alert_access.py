"""The alert surface in the access matrix: what a public subscriber (a committee, a ward, words) and a
councillor are matched and sent, for every report state of tests/matrix_world.py, as if each report's
agenda item had just been published."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from alerts import mail, matching
from alerts.models import Alert, Subscriber
from committee.models import AgendaItem, Committee, Ward, WorkProgrammeChange, WorkProgrammeItem
from members.models import EntryVersion, Gift
from publishing import search
from tests import access_matrix as spec
from tests.matrix_world import World, build_world, canary
from work_programme import programme

ALL_STATES = spec.REPORT_STATES + spec.CORRECTION_STATES + spec.EXEMPT_PART_STATES


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        _every_report_on_the_published_agenda(built)
        yield built
        transaction.set_rollback(True)


def _every_report_on_the_published_agenda(world: World) -> None:
    """The reports not on an agenda (the corrections, the withdrawn one) as Part 1 items of the published
    agenda, so that only the report's own state decides; each report about one ward."""
    meeting = world.published_meeting
    published_as = meeting.agenda_items.exclude(publication=None).first().publication
    ward = Ward.objects.create(name="Hale", slug="hale")
    for number, report in enumerate(world.reports.values(), start=1):
        report.wards.add(ward)
        type(report).objects.filter(pk=report.pk).update(all_wards=False)
        if not report.agenda_items.exists():
            AgendaItem.objects.create(
                meeting=meeting, title=f"Agenda item {number}", report=report, publication=published_as, position=50
            )
    search.index_meeting(meeting)


def _alerts(world: World) -> dict[str, Alert]:
    now = timezone.now()
    subscriber = Subscriber.objects.create(email="public@example.com")
    ward = Ward.objects.get(slug="hale")
    alerts = {
        "committee": Alert(kind="committee", committee=world.committee),
        "ward": Alert(kind="ward", ward=ward),
        "public words": Alert(kind="words", words="PUBLICTEXT"),
        "every report's words": Alert(kind="words", words="Summary"),
        **{f"words {canary(secret)}": Alert(kind="words", words=canary(secret)) for secret in spec.SECRETS},
    }
    for alert in alerts.values():
        alert.subscriber, alert.confirmed_at = subscriber, now
        alert.save()
    member = world.users["committee_member"]
    alerts["member"] = Alert.objects.create(
        subscriber=Subscriber.objects.create(email=member.email), kind="member_papers", user=member, confirmed_at=now
    )
    return alerts


def _states(world: World, matches) -> set[str]:
    by_report = {report.pk: state for state, report in world.reports.items()}
    return {by_report[m.agenda_item.report_id] for m in matches if m.agenda_item.report_id in by_report}


@pytest.mark.django_db
def test_subscribers_are_matched_and_sent_only_what_they_may_read(world):
    alerts = _alerts(world)
    found = matching.find_matches(AgendaItem.objects.values_list("pk", flat=True))
    public = {s for s in ALL_STATES if spec.READERS[s] == spec.EVERYONE}
    problems = []
    for name, alert in alerts.items():
        matches = [m for m in found if m.alert.pk == alert.pk]
        if name == "member":  # their committee's published papers they may read, Part 2 included
            expected = {s for s in ALL_STATES if "committee_member" in spec.READERS[s]}
        elif name.startswith("words CANARY"):  # hidden text is in no public subscriber's match
            expected = set()
        else:
            expected = public
        if (matched := _states(world, matches)) != expected:
            problems.append(f"{name}: matched {sorted(matched)}, expected {sorted(expected)}")
        if alert.kind != "member_papers" and any(m.agenda_item.part == 2 for m in matches):
            problems.append(f"{name}: matched a Part 2 item")
        if any(m.agenda_item.publication_id is None for m in matches):
            problems.append(f"{name}: matched an item not yet published")
        sendable, _ = mail.sendable(alert, matches)
        if len(sendable) != len(matches):
            problems.append(f"{name}: matched what it may not send")
        if matches:
            text = mail.alert_message(alert, sendable, digest=False).message().as_string()
            # A councillor's e-mail carries no exempt content either: every secret is absent.
            hidden = spec.SECRETS if alert.kind == "member_papers" else spec.HIDDEN_STATES_FOR["anonymous"]
            if leaked := [s for s in hidden if canary(s) in text]:
                problems.append(f"{name}: the e-mail shows {leaked}")
    assert not problems, "; ".join(problems)


@pytest.mark.django_db
def test_forward_plan_and_register_alerts_send_nothing_hidden_from_the_public(world):
    """Every change to the programme's items (the exempt one's purpose is its canary) as if the committee
    took key decisions, and every version of the committee member's register (the sensitive interest's
    details and the change waiting to be checked are canaries): a public subscriber is sent neither."""
    Committee.objects.filter(pk=world.committee.pk).update(takes_key_decisions=True)
    WorkProgrammeItem.objects.filter(pk__in=[i.pk for i in world.wp_items.values()]).update(
        key_decision=True, first_published_on=timezone.localdate()
    )
    subscriber = Subscriber.objects.create(email="follower@example.com")
    now = timezone.now()
    plan = Alert.objects.create(subscriber=subscriber, kind="forward_plan", confirmed_at=now)
    member = world.users["committee_member"].person
    follower = Alert.objects.create(subscriber=subscriber, kind="councillor", person=member, confirmed_at=now)
    changes = [
        programme.record_change(item, kind)
        for item in WorkProgrammeItem.objects.filter(pk__in=[i.pk for i in world.wp_items.values()])
        for kind in WorkProgrammeChange.Kind.values
    ]
    found = [m for change in changes for m in matching.find_plan_matches(change.pk)]
    found += [m for v in EntryVersion.objects.all() for m in matching.find_register_matches(v.pk)]
    # The member's gift is waiting to be published: nobody's news yet.
    found += [m for g in Gift.objects.all() for m in matching.find_gift_matches(g.pk)]
    problems, texts = [], {}
    for alert, expected in ((plan, len(changes)), (follower, EntryVersion.objects.published().count())):
        matches = [m for m in found if m.alert.pk == alert.pk]
        if len(matches) != expected:
            problems.append(f"{alert.kind}: matched {len(matches)}, expected {expected}")
        sendable, _ = mail.sendable(alert, matches)
        text = texts[alert.kind] = mail.alert_message(alert, sendable, digest=False).message().as_string()
        if leaked := [s for s in spec.HIDDEN_STATES_FOR["anonymous"] if canary(s) in text]:
            problems.append(f"{alert.kind}: the e-mail shows {leaked}")
    # What the public plan and register show is in the e-mails: the exempt item's title, the public interest.
    assert "Disposal of a depot" in texts["forward_plan"] and "PUBLICTEXT employer" in texts["councillor"]
    assert not problems, "; ".join(problems)
