"""The register of members' interests: members submit, the monitoring officer publishes, every change
kept; sensitive interests withheld; gifts over the threshold; dispensations; unexplained declarations."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from committee import access
from committee.models import Declaration
from members import categories, register
from members.access import WITHHELD
from members.models import EntryVersion
from tests.conftest import LONDON, make_committee, make_user
from tests.members.builders import meeting_on

D = datetime.date
NOW = datetime.datetime(2026, 6, 1, 10, tzinfo=LONDON)


@pytest.fixture
def people(db):
    member = make_user("ada")
    officer = make_user("monitoring", access.MONITORING_OFFICERS)
    other = make_user("bea")
    return member, officer, other


def submit(user, **extra):
    fields = {"category": "employment", "description": "Solicitor, Smith & Co", "arose_on": D(2026, 5, 20)}
    return register.submit_entry(user.person, user, now=NOW, **{**fields, **extra})


def test_a_members_entry_is_public_only_once_the_monitoring_officer_publishes_it(people):
    member, officer, _ = people
    version = submit(member)
    assert register.published_interests([member.person.pk]) == {}
    register.publish_version(version, officer, now=NOW)
    [interest] = register.published_interests([member.person.pk])[member.person.pk]
    assert (interest.description, interest.category_label, interest.late) == (
        "Solicitor, Smith & Co",
        "Employment, office, trade, profession or vocation",
        False,
    )


def test_members_keep_only_their_own_register_and_only_the_monitoring_officer_publishes(people):
    member, officer, other = people
    with pytest.raises(PermissionDenied):
        register.submit_entry(member.person, other, category="land", description="x", arose_on=D(2026, 5, 1))
    version = submit(member)
    for user in (member, other):
        with pytest.raises(PermissionDenied):
            register.publish_version(version, user)
    with pytest.raises(PermissionDenied):
        register.change_entry(version.entry, other, description="y", arose_on=D(2026, 5, 1))
    # The monitoring officer's team may enter a change from the member's signed form.
    assert register.change_entry(version.entry, officer, description="y", arose_on=D(2026, 5, 1)).description == "y"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"description": "  "}, "Describe the interest"),
        ({"arose_on": None}, "date the interest arose"),
        ({"arose_on": D(2026, 6, 2)}, "future"),
        ({"category": "bodies"}, "Choose the kind"),  # a Welsh category, in England
    ],
)
def test_an_entry_that_cannot_be_registered_says_why(people, extra, message):
    with pytest.raises(register.RegisterError, match=message):
        submit(people[0], **extra)
    assert not EntryVersion.objects.exists()


def test_every_change_is_kept_with_its_dates_and_the_latest_published_is_the_register(people):
    member, officer, _ = people
    first = submit(member)
    register.publish_version(first, officer, now=NOW)
    later = datetime.datetime(2026, 8, 1, tzinfo=LONDON)
    replaced = register.change_entry(first.entry, member, description="Partner", arose_on=D(2026, 5, 20), now=later)
    ended = register.change_entry(
        first.entry, member, description="Partner", arose_on=D(2026, 5, 20), ended_on=D(2026, 8, 1), now=later
    )
    with pytest.raises(register.RegisterError, match="publish the latest"):
        register.publish_version(replaced, officer)
    [interest] = register.published_interests([member.person.pk])[member.person.pk]
    assert interest.description == "Solicitor, Smith & Co"  # the change is not public until published
    register.publish_version(ended, officer, now=later)
    [interest] = register.published_interests([member.person.pk])[member.person.pk]
    assert (interest.description, interest.ended_on, interest.registered_at) == ("Partner", D(2026, 8, 1), NOW)
    statuses = [line.status for line in register.history(member.person, waiting=True)]
    assert statuses == ["Published", "Replaced before publication", "Published"]
    assert len(register.history(member.person)) == 2
    with pytest.raises(register.RegisterError, match="already published"):
        register.publish_version(ended, officer)


@pytest.mark.parametrize(("arose_on", "late", "days"), [(D(2026, 5, 4), False, 0), (D(2026, 5, 3), True, 1)])
def test_an_interest_registered_after_28_days_is_flagged(people, arose_on, late, days):
    version = submit(people[0], arose_on=arose_on)
    assert register.is_late(version.arose_on, version.submitted_at) is late
    assert register.days_late(version.arose_on, version.submitted_at) == days


def test_a_sensitive_interest_is_withheld_from_everyone_but_the_monitoring_officer(people):
    member, officer, other = people
    version = submit(member, description="Home address 1 Secret Lane", sensitive=True)
    register.publish_version(version, officer, now=NOW)
    for user in (None, member, other):
        [interest] = register.published_interests([member.person.pk], user)[member.person.pk]
        assert interest.description == WITHHELD
        assert all("Secret Lane" not in line.description for line in register.history(member.person, user))
    [interest] = register.published_interests([member.person.pk], officer)[member.person.pk]
    assert interest.description == "Home address 1 Secret Lane"


@pytest.mark.parametrize(
    ("value", "ok"), [(Decimal("50.00"), False), (Decimal("50.01"), True), (None, False), (Decimal("0"), False)]
)
def test_gifts_are_registered_over_the_threshold(people, value, ok):
    member, officer, _ = people
    fields = {"donor": "Acme Ltd", "description": "Dinner", "value": value, "received_on": D(2026, 5, 30)}
    if not ok:
        with pytest.raises(register.RegisterError, match="more than £50"):
            register.register_gift(member.person, member, now=NOW, **fields)
        return
    gift = register.register_gift(member.person, member, now=NOW, **fields)
    assert not register.published_gifts([member.person.pk]).exists()
    register.publish_gift(gift, officer)
    assert list(register.published_gifts([member.person.pk])) == [gift]


def test_the_threshold_is_the_councils(people, settings):
    settings.GIFTS_THRESHOLD = "100"
    with pytest.raises(register.RegisterError, match="more than £100"):
        register.register_gift(
            people[0].person, people[0], donor="A", description="B", value=Decimal("99"), received_on=D(2026, 5, 1)
        )


def test_a_dispensation_lasts_at_most_four_years(people):
    member, officer, _ = people
    fields = {"scope": "Budget setting: may speak and vote", "granted_on": D(2026, 1, 1)}
    register.grant_dispensation(member.person, officer, expires_on=D(2030, 1, 1), **fields)
    with pytest.raises(register.RegisterError, match="four years"):
        register.grant_dispensation(member.person, officer, expires_on=D(2030, 1, 2), **fields)
    with pytest.raises(register.RegisterError, match="expires after"):
        register.grant_dispensation(member.person, officer, expires_on=D(2025, 12, 31), **fields)
    with pytest.raises(PermissionDenied):
        register.grant_dispensation(member.person, member, expires_on=D(2027, 1, 1), **fields)


def test_declarations_are_matched_to_the_register_and_their_dispensations(people):
    member, officer, _ = people
    planning, licensing = make_committee("Planning Committee"), make_committee("Licensing Committee")
    version = submit(member, category="land", description="House in Barnet", arose_on=D(2026, 1, 1))
    register.publish_version(version, officer, now=NOW)
    in_planning = meeting_on(planning, D(2026, 7, 1))
    before_it_arose = meeting_on(planning, D(2025, 12, 1))
    person = member.person

    def declare(meeting, interest):
        return Declaration.objects.create(meeting=meeting, person=person, interest=interest, detail="Lives nearby")

    explained = declare(in_planning, Declaration.Interest.PECUNIARY)
    too_early = declare(before_it_arose, Declaration.Interest.PECUNIARY)
    other_kind = declare(in_planning, Declaration.Interest.REGISTERABLE)
    never_registered = declare(in_planning, Declaration.Interest.NON_REGISTERABLE)
    dispensation = register.grant_dispensation(
        person,
        officer,
        scope="Planning applications",
        granted_on=D(2026, 6, 1),
        expires_on=D(2027, 6, 1),
        committee=planning,
    )
    register.grant_dispensation(
        person, officer, scope="Licensing", granted_on=D(2026, 6, 1), expires_on=D(2027, 6, 1), committee=licensing
    )
    declarations = list(Declaration.objects.select_related("meeting").order_by("id"))
    views = {view.declaration: view for view in register.with_register(declarations)}
    assert views[explained].matched and views[never_registered].matched
    assert not views[too_early].matched and not views[other_kind].matched
    assert views[explained].dispensations == [dispensation]
    assert views[too_early].dispensations == []
    flagged = [view.declaration for view in register.unexplained_declarations()]
    assert set(flagged) == {too_early, other_kind}


def test_in_wales_the_code_of_conduct_categories_are_registered(people, wales):
    values = [value for value, _ in categories.choices()]
    assert "bodies" in values and "sponsorship" not in values and "other" not in values
    assert categories.label("employment") == "Employment or business"
    version = submit(people[0], category="bodies", description="Governor, Ysgol Gymraeg")
    assert version.entry.category == "bodies"
    assert categories.is_pecuniary("bodies")
