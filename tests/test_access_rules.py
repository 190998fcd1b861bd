"""The one module that decides who may see what: reports."""

import pytest

from committee import access
from committee.models import AgendaItem, AgendaPack, Minutes
from reports import access as report_access
from reports.models import Report, SignOff
from tests.conftest import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(committee, author):
    return {
        "draft": make_report(committee, title="Draft", author=author),
        "public": make_report(committee, title="Public", status="published"),
        "exempt": make_report(committee, title="Exempt", status="published", is_exempt=True, exempt_paragraph=3),
        "withdrawn": make_report(committee, title="Withdrawn", status="withdrawn", author=author),
    }


def visible_titles(user):
    return set(Report.objects.visible_to(user).values_list("title", flat=True))


def test_the_public_sees_only_published_public_reports(reports, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert visible_titles(AnonymousUser()) == {"Public"}
    assert report_access.can_view_report(AnonymousUser(), reports["public"])
    assert not report_access.can_view_report(AnonymousUser(), reports["exempt"])
    assert not report_access.can_view_report(AnonymousUser(), reports["draft"])


def test_a_committee_member_also_sees_that_committees_part_2_papers(reports, committee_member):
    assert visible_titles(committee_member) == {"Public", "Exempt"}
    assert report_access.can_view_report(committee_member, reports["exempt"])


def test_a_member_of_another_committee_does_not(reports, other_committee_member):
    assert visible_titles(other_committee_member) == {"Public"}
    assert not report_access.can_view_report(other_committee_member, reports["exempt"])


def test_an_author_sees_and_edits_their_own_draft_but_not_anothers(reports, author, other_author):
    assert visible_titles(author) == {"Draft", "Public", "Withdrawn"}
    assert report_access.can_edit_report(author, reports["draft"])
    assert not report_access.can_view_report(other_author, reports["draft"])
    assert not report_access.can_edit_report(other_author, reports["draft"])


def test_sharing_a_draft_lets_another_author_edit_it(reports, other_author):
    reports["draft"].shared_with.add(other_author)
    assert report_access.can_edit_report(other_author, reports["draft"])


def test_nobody_edits_a_published_or_withdrawn_report(reports, governance_officer, author):
    for key in ("public", "withdrawn"):
        assert not report_access.can_edit_report(governance_officer, reports[key])
        assert not report_access.can_edit_report(author, reports[key])


def test_an_approver_sees_only_what_is_assigned_to_them(reports, approver):
    assert not report_access.can_view_report(approver, reports["draft"])
    SignOff.objects.create(report=reports["draft"], role="legal", approver=approver)
    assert report_access.can_view_report(approver, reports["draft"])
    assert not report_access.can_edit_report(approver, reports["draft"])
    assert "Draft" in visible_titles(approver)


def test_the_editor_page_opens_to_its_editors_and_read_only_to_its_approvers_while_it_is_worked_on(
    reports, approver, author, governance_officer, committee_member
):
    draft = reports["draft"]
    assert not report_access.can_open_in_editor(approver, draft)  # not asked to sign it off
    SignOff.objects.create(report=draft, role="legal", approver=approver)
    draft = Report.objects.get(pk=draft.pk)
    for status in ("draft", "submitted", "cleared", "approved"):
        draft.status = status
        assert report_access.can_open_in_editor(approver, draft), status
        assert not report_access.can_edit_report(approver, draft), status
        assert report_access.can_open_in_editor(author, draft) and report_access.can_open_in_editor(
            governance_officer, draft
        )
        assert not report_access.can_open_in_editor(committee_member, draft)
    for status in ("published", "withdrawn"):
        draft.status = status
        assert not report_access.can_open_in_editor(approver, draft), status
        assert not report_access.can_open_in_editor(author, draft), status
    # A published report opens to the governance team alone, to correct it.
    assert report_access.can_open_in_editor(governance_officer, reports["public"])


def test_governance_officers_see_everything(reports, governance_officer):
    assert visible_titles(governance_officer) == {"Draft", "Public", "Exempt", "Withdrawn"}


def test_a_past_membership_gives_no_access(reports, committee):
    import datetime

    from tests.conftest import make_user

    former = make_user("former", access.COMMITTEE_MEMBERS, committee=committee)
    former.person.memberships.update(end_date=datetime.date(2020, 1, 1))
    assert not report_access.can_view_report(former, reports["exempt"])


def test_report_pages_answer_404_to_people_who_may_not_know_the_report_exists(client, reports, author):
    assert client.get(reports["public"].get_absolute_url()).status_code == 200
    assert client.get(reports["exempt"].get_absolute_url()).status_code == 404
    assert client.get(reports["draft"].get_absolute_url()).status_code == 404
    client.force_login(author)
    assert client.get(reports["draft"].get_absolute_url()).status_code == 200


# Who is who ---------------------------------------------------------------


def test_an_administrator_is_either_a_superuser_or_in_the_administrators_group(db):
    from tests.conftest import make_user

    superuser = make_user("root", is_superuser=True)
    in_group = make_user("admingroup", access.ADMINISTRATORS)
    nobody = make_user("nobody")
    for user in (superuser, in_group):
        assert access.is_administrator(user)
        assert access.is_governance_officer(user)
        assert access.is_author(user)
        assert access.is_staff_user(user)
    assert not access.is_administrator(nobody)
    assert not access.is_governance_officer(nobody)


def test_staff_are_the_people_who_work_on_reports_and_nobody_else(db, committee):
    from tests.conftest import make_user

    for group in (access.REPORT_AUTHORS, access.LEGAL_APPROVERS, access.FINANCE_APPROVERS, access.DIRECTOR_APPROVERS):
        assert access.is_staff_user(make_user(f"staff-{group[:5]}", group))
    assert access.is_staff_user(make_user("gov", access.GOVERNANCE_OFFICERS))
    assert not access.is_staff_user(make_user("councillor", access.COMMITTEE_MEMBERS, committee=committee))
    assert not access.is_staff_user(make_user("nogroups"))
    assert not access.is_author(make_user("lawyer", access.LEGAL_APPROVERS))


def test_approver_roles_follow_the_approver_groups(db):
    from tests.conftest import make_user

    both = make_user("both", access.LEGAL_APPROVERS, access.DIRECTOR_APPROVERS)
    assert access.approver_roles(both) == ["legal", "director"]
    assert access.approver_roles(make_user("none", access.REPORT_AUTHORS)) == []


def test_something_that_is_not_a_user_is_treated_as_anonymous(reports):
    for rule in (access.member_committee_ids, access.approver_roles):
        assert not rule(None)
    assert not access.is_governance_officer(None)
    assert not report_access.can_view_report(None, reports["draft"])
    assert not report_access.can_view_report(None, reports["exempt"])
    assert set(Report.objects.visible_to(None).values_list("title", flat=True)) == {"Public"}


def test_who_someone_is_is_looked_up_once_per_request(reports, committee_member, django_assert_num_queries):
    with django_assert_num_queries(2):  # groups, then memberships
        for _ in range(3):
            assert not access.is_governance_officer(committee_member)
            assert access.member_committee_ids(committee_member) == {reports["exempt"].committee_id}


# Membership: Part 2 from the first day to the last day ----------------------


@pytest.fixture
def term(committee):
    """A member whose term runs from 1 May 2025 to 30 April 2026 inclusive."""
    import datetime

    from tests.conftest import make_user

    member = make_user("termed", access.COMMITTEE_MEMBERS, committee=committee)
    member.person.memberships.update(start_date=datetime.date(2025, 5, 1), end_date=datetime.date(2026, 4, 30))
    return member


@pytest.mark.parametrize(
    ("day", "sits"),
    [("2025-04-30", False), ("2025-05-01", True), ("2026-04-30", True), ("2026-05-01", False)],
)
def test_a_member_sees_part_2_papers_from_the_first_day_of_their_term_to_the_last(reports, term, day, sits):
    import time_machine
    from django.contrib.auth.models import User

    with time_machine.travel(f"{day} 12:00 +01:00", tick=False):
        member = User.objects.get(pk=term.pk)
        assert (reports["exempt"].committee_id in access.member_committee_ids(member)) is sits
        assert report_access.can_view_report(member, reports["exempt"]) is sits
        assert ("Exempt" in visible_titles(member)) is sits


def test_a_membership_with_no_dates_is_current(committee_member, committee):
    assert access.member_committee_ids(committee_member) == {committee.pk}
    assert access.can_see_exempt_papers(committee_member, committee.pk)


# Reports ------------------------------------------------------------------


def test_governance_officers_may_read_and_edit_a_draft_that_is_not_theirs(reports, governance_officer):
    assert report_access.can_view_report(governance_officer, reports["draft"])
    assert report_access.can_view_report(governance_officer, reports["exempt"])
    assert report_access.can_edit_report(governance_officer, reports["draft"])
    assert report_access.can_see_report_history(governance_officer, reports["draft"])


def test_an_author_may_not_edit_a_report_only_shared_with_them_unless_they_are_an_author(reports, approver):
    reports["draft"].shared_with.add(approver)
    assert report_access.can_view_report(approver, reports["draft"])
    assert not report_access.can_edit_report(approver, reports["draft"])
    assert not report_access.can_withdraw_report(approver, reports["draft"])


def test_withdrawing_is_for_the_reports_authors_and_the_governance_team(
    reports, author, other_author, governance_officer
):
    assert report_access.can_withdraw_report(author, reports["draft"])
    assert report_access.can_withdraw_report(governance_officer, reports["draft"])
    assert not report_access.can_withdraw_report(other_author, reports["draft"])
    reports["draft"].shared_with.add(other_author)
    assert report_access.can_withdraw_report(other_author, reports["draft"])


def test_only_the_governance_team_approves_publishes_and_corrects(reports, author, governance_officer, administrator):
    for user in (governance_officer, administrator):
        assert report_access.can_approve_for_publication(user, reports["draft"])
        assert report_access.can_publish_report(user, reports["draft"])
        assert report_access.can_correct_published_report(user, reports["public"])
        assert not report_access.can_correct_published_report(user, reports["draft"])
    assert not report_access.can_approve_for_publication(author, reports["draft"])
    assert not report_access.can_publish_report(author, reports["draft"])
    assert not report_access.can_correct_published_report(author, reports["public"])


def test_report_history_is_for_the_people_working_on_it_never_readers(reports, author, approver, committee_member):
    from django.contrib.auth.models import AnonymousUser

    assert report_access.can_see_report_history(author, reports["draft"])
    assert not report_access.can_see_report_history(approver, reports["draft"])
    SignOff.objects.create(report=reports["draft"], role="legal", approver=approver)
    assert report_access.can_see_report_history(approver, reports["draft"])
    assert not report_access.can_see_report_history(committee_member, reports["exempt"])
    assert not report_access.can_see_report_history(AnonymousUser(), reports["public"])


def test_only_the_assigned_approver_in_that_roles_group_may_sign_off(reports, approver, other_author):
    signoff = SignOff.objects.create(report=reports["draft"], role="legal", approver=approver)
    assert report_access.can_sign_off(approver, signoff)
    assert not report_access.can_sign_off(other_author, signoff)
    finance = SignOff.objects.create(report=reports["draft"], role="finance", approver=approver)
    assert not report_access.can_sign_off(approver, finance), "not in the finance approvers' group"


def test_a_correction_being_drafted_cannot_make_an_exempt_report_public(reports, governance_officer):
    from django.contrib.auth.models import AnonymousUser

    from reports import revisions

    exempt = reports["exempt"]
    revisions.record(exempt, governance_officer, published=True)
    type(exempt).objects.filter(pk=exempt.pk).update(is_exempt=False, exempt_paragraph=None)
    exempt.refresh_from_db()
    assert report_access.published_report_is_exempt(exempt)
    assert not report_access.report_is_public(exempt)
    assert not report_access.can_view_report(AnonymousUser(), exempt)


def test_a_report_is_public_only_when_published_and_not_exempt(reports):
    assert report_access.report_is_public(reports["public"])
    for key in ("draft", "exempt", "withdrawn"):
        assert not report_access.report_is_public(reports[key])
    assert set(Report.objects.public().values_list("title", flat=True)) == {"Public"}


def test_open_data_lists_as_deleted_only_withdrawn_reports_the_public_once_saw(committee):
    import datetime

    from django.utils import timezone

    once = timezone.make_aware(datetime.datetime(2024, 1, 1))
    make_report(committee, title="Seen", status="withdrawn", published_at=once)
    make_report(committee, title="Never published", status="withdrawn")
    make_report(committee, title="Exempt", status="withdrawn", published_at=once, is_exempt=True, exempt_paragraph=3)
    make_report(committee, title="Live", status="published", published_at=once)
    assert list(report_access.withdrawn_public_reports().values_list("title", flat=True)) == ["Seen"]


# Agendas, minutes, packs, search, work programme ---------------------------


def _meeting(committee_id, published=True):
    from types import SimpleNamespace

    return SimpleNamespace(committee_id=committee_id, agenda_is_published=published)


def _item(meeting, part=1, supplementary=False, publication_id=None):
    from types import SimpleNamespace

    return SimpleNamespace(meeting=meeting, part=part, is_supplementary=supplementary, publication_id=publication_id)


def test_nobody_but_the_governance_team_sees_an_item_of_an_unpublished_agenda(
    committee, committee_member, governance_officer
):
    from django.contrib.auth.models import AnonymousUser

    unpublished = _meeting(committee.pk, published=False)
    for part in (1, 2):
        item = _item(unpublished, part=part)
        for user in (AnonymousUser(), committee_member):
            assert not access.can_see_agenda_item_content(user, item)
            assert not access.can_see_agenda_item(user, item)
        assert access.can_see_agenda_item_content(governance_officer, item)
        assert access.can_see_agenda_item(governance_officer, item)
    assert not access.can_see_agenda(committee_member, unpublished)
    assert access.can_see_agenda(AnonymousUser(), _meeting(committee.pk))


def test_a_part_2_items_papers_are_for_that_committees_members(committee, committee_member, other_committee_member):
    from django.contrib.auth.models import AnonymousUser

    published = _meeting(committee.pk)
    assert access.can_see_agenda_item_content(AnonymousUser(), _item(published, part=1))
    exempt = _item(published, part=2)
    assert access.can_see_agenda_item_content(committee_member, exempt)
    assert access.can_see_decision_text(committee_member, exempt)
    for user in (AnonymousUser(), other_committee_member):
        assert not access.can_see_agenda_item_content(user, exempt)
        assert not access.can_see_decision_text(user, exempt)
    assert access.can_see_decision_text(AnonymousUser(), _item(published, part=1))
    assert access.agenda_item_content_is_public(_item(published, part=1))
    assert not access.agenda_item_content_is_public(exempt)


def test_a_supplementary_item_stays_off_the_public_agenda_until_its_publication(committee):
    from django.contrib.auth.models import AnonymousUser

    published = _meeting(committee.pk)
    assert access.can_see_agenda_item(AnonymousUser(), _item(published))
    assert not access.can_see_agenda_item(AnonymousUser(), _item(published, supplementary=True))
    assert access.can_see_agenda_item(AnonymousUser(), _item(published, supplementary=True, publication_id=7))


def test_draft_minutes_are_for_the_governance_team(governance_officer):
    from types import SimpleNamespace

    from django.contrib.auth.models import AnonymousUser

    assert not access.can_see_minutes(AnonymousUser(), SimpleNamespace(is_public=False))
    assert access.can_see_minutes(governance_officer, SimpleNamespace(is_public=False))
    assert access.can_see_minutes(AnonymousUser(), SimpleNamespace(is_public=True))


def test_the_members_pack_is_for_members_and_the_public_pack_follows_the_agenda(committee, committee_member):
    from types import SimpleNamespace

    from django.contrib.auth.models import AnonymousUser

    members = SimpleNamespace(variant="members", is_members_pack=True, meeting=_meeting(committee.pk))
    assert access.can_download_pack(committee_member, members)
    assert not access.can_download_pack(AnonymousUser(), members)
    assert access.can_download_pack(
        AnonymousUser(), SimpleNamespace(variant="public", is_members_pack=False, meeting=_meeting(committee.pk))
    )
    unpublished = SimpleNamespace(
        variant="public", is_members_pack=False, meeting=_meeting(committee.pk, published=False)
    )
    assert not access.can_download_pack(AnonymousUser(), unpublished)


def test_an_exempt_work_programme_items_detail_is_for_that_committees_members(
    committee, committee_member, other_committee_member, governance_officer
):
    from types import SimpleNamespace

    exempt = SimpleNamespace(is_exempt=True, committee_id=committee.pk)
    assert access.can_see_work_programme_item_detail(committee_member, exempt)
    assert not access.can_see_work_programme_item_detail(other_committee_member, exempt)
    assert access.can_see_work_programme_item_detail(other_committee_member, SimpleNamespace(is_exempt=False))
    assert access.can_manage_work_programme(governance_officer)
    assert access.can_manage_meetings(governance_officer)
    assert not access.can_manage_work_programme(committee_member)
    assert not access.can_manage_meetings(committee_member)


def test_search_finds_part_2_papers_only_for_that_committees_members(
    committee, other_committee, committee_member, other_committee_member, governance_officer
):
    import datetime

    from django.contrib.auth.models import AnonymousUser

    from committee.models import SearchDocument

    def doc(title, exempt, on=committee):
        return SearchDocument.objects.create(
            kind="report",
            object_id=len(title),
            committee=on,
            date=datetime.date(2025, 1, 1),
            title=title,
            url="/",
            is_exempt=exempt,
        )

    doc("Open", False), doc("Closed", True), doc("Elsewhere closed", True, other_committee)

    def titles(user):
        return set(access.search_documents_visible_to(user).values_list("title", flat=True))

    assert titles(AnonymousUser()) == {"Open"}
    assert titles(committee_member) == {"Open", "Closed"}
    assert titles(other_committee_member) == {"Open", "Elsewhere closed"}
    assert titles(governance_officer) == {"Open", "Closed", "Elsewhere closed"}


# Open data: the queryset forms of the rules above -------------------------


def test_open_data_lists_items_packs_minutes_and_decisions_of_published_agendas_only(committee):
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from committee.models import AgendaPublication, ItemDecision
    from tests.conftest import make_meeting

    now = timezone.now()
    published = make_meeting(committee, agenda_published_at=now)
    unpublished = make_meeting(committee, datetime.date(2017, 3, 21))
    report = make_report(committee, title="Public", status="published", published_at=now)
    late = AgendaPublication.objects.create(meeting=published, kind="supplementary", published_at=now)

    def item(meeting, title, **extra):
        return AgendaItem.objects.create(meeting=meeting, title=title, **extra)

    item(published, "Minutes of the last meeting")
    item(published, "Budget", report=report)
    item(published, "Land sale", part=2, exempt_paragraph=3, report=report)
    item(published, "Late, published", is_supplementary=True, publication=late)
    item(published, "Late, not yet published", is_supplementary=True)
    hidden = item(unpublished, "Not yet on any agenda", report=report)
    assert set(AgendaItem.objects.public().values_list("title", flat=True)) == {
        "Minutes of the last meeting",
        "Budget",
        "Land sale",
        "Late, published",
    }
    assert list(report_access.public_considered_reports().values_list("title", flat=True)) == ["Budget"]

    for meeting in (published, unpublished):
        for variant in ("public", "members"):
            pack = AgendaPack.objects.create(meeting=meeting, variant=variant, status="ready")
            pack.file.save("pack.pdf", ContentFile(b"%PDF"))
    rebuilding = make_meeting(committee, datetime.date(2017, 4, 21), agenda_published_at=now)
    AgendaPack.objects.create(meeting=rebuilding, variant="public", status="building").file.save(
        "old.pdf", ContentFile(b"%")
    )
    AgendaPack.objects.create(meeting=rebuilding, variant="members", status="ready")
    assert [(p.meeting, p.variant) for p in AgendaPack.objects.public()] == [(published, "public")]

    Minutes.objects.create(meeting=published, status="published", published_at=now)
    Minutes.objects.create(meeting=unpublished, status="draft")
    assert [m.meeting for m in Minutes.objects.public()] == [published]
    budget = AgendaItem.objects.get(title="Budget")
    ItemDecision.objects.create(agenda_item=budget, outcome="agreed")
    ItemDecision.objects.create(agenda_item=hidden, outcome="agreed")
    assert [d.agenda_item for d in access.public_decisions()] == [budget]


def test_open_data_names_councillors_members_clerks_and_public_reports_contacts_only(committee):
    from committee.models import Membership, Person

    Person.objects.create(name="Cllr Ada", kind="councillor")
    Person.objects.create(name="Co-opted Bo", kind="co_opted")
    Membership.objects.create(person=Person.objects.create(name="Clerk Cy", kind="officer"), committee=committee)
    public = make_report(committee, title="Public", status="published")
    public.contact_officers.add(Person.objects.create(name="Officer Di", kind="officer"))
    draft = make_report(committee, title="Draft")
    draft.contact_officers.add(Person.objects.create(name="Officer Ed", kind="officer"))
    Person.objects.create(name="Officer Fay", kind="officer")
    assert set(report_access.public_people().values_list("name", flat=True)) == {
        "Cllr Ada",
        "Co-opted Bo",
        "Clerk Cy",
        "Officer Di",
    }


def test_a_signoff_gives_access_to_its_own_approver_only_and_only_for_a_role_the_committee_asks_for(reports, approver):
    from tests.conftest import make_user

    draft = reports["draft"]
    SignOff.objects.create(report=draft, role="legal", approver=approver)
    another_lawyer = make_user("lawyer2", access.LEGAL_APPROVERS)
    assert not report_access.can_view_report(another_lawyer, draft)
    assert "Draft" not in visible_titles(another_lawyer)
    assert not report_access.can_sign_off(another_lawyer, draft.signoffs.get())

    draft.committee.requires_legal_signoff = False
    draft.committee.save()
    draft = type(draft).objects.get(pk=draft.pk)
    assert not report_access.can_view_report(approver, draft)
    assert "Draft" not in visible_titles(approver)
    assert not report_access.can_sign_off(approver, draft.signoffs.get())


def test_the_governance_team_may_download_the_public_pack_before_the_agenda_is_published(committee, governance_officer):
    from types import SimpleNamespace

    pack = SimpleNamespace(variant="public", is_members_pack=False, meeting=_meeting(committee.pk, published=False))
    assert access.can_download_pack(governance_officer, pack)


# A report's files and revisions (issue 14): fast rule-level twins of the access matrix's cases,
# so that the mutation run over this module reaches them.


def _file(model, report, awaiting: bool):
    from django.core.files.base import ContentFile

    item = model(report=report, title=f"{model.__name__} {awaiting}", awaiting_publication=awaiting)
    item.file.save("file.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return item


@pytest.mark.parametrize("model_name", ["Appendix", "BackgroundPaper"])
def test_a_reports_files_open_with_the_report_and_a_corrections_new_files_only_to_its_workers(
    reports, model_name, author, committee_member, other_committee_member, settings, tmp_path
):
    from django.contrib.auth.models import AnonymousUser

    from reports import models

    settings.MEDIA_ROOT = tmp_path
    model = getattr(models, model_name)
    public = {"Appendix": report_access.public_appendices, "BackgroundPaper": report_access.public_background_papers}[
        model_name
    ]
    reports["public"].author = author
    reports["public"].save()
    published = _file(model, reports["public"], awaiting=False)
    added = _file(model, reports["public"], awaiting=True)
    exempt = _file(model, reports["exempt"], awaiting=False)
    draft = _file(model, reports["draft"], awaiting=False)
    anonymous = AnonymousUser()
    cases = [
        (anonymous, published, True),
        (anonymous, added, False),
        (anonymous, exempt, False),
        (anonymous, draft, False),
        (committee_member, exempt, True),
        (committee_member, added, False),
        (other_committee_member, exempt, False),
        (author, added, True),
        (author, draft, True),
    ]
    for user, item, may in cases:
        assert report_access.can_open_report_file(user, item.report, item) is may, (user, item.title, item.report.title)
    assert set(public()) == {published}


def test_a_revision_published_while_exempt_stays_with_part_2_readers(
    reports, committee_member, other_committee_member, governance_officer, author
):
    from django.contrib.auth.models import AnonymousUser

    report = reports["public"]  # now public; corrected from exempt
    report.author = author
    report.save()
    made = {
        name: report.revisions.create(number=number, content={"is_exempt": exempt}, is_published=published)
        for number, (name, exempt, published) in enumerate(
            [("working", True, False), ("exempt", True, True), ("public", False, True), ("unsaid", None, True)], 1
        )
    }
    made["unsaid"].content = {}  # a snapshot that does not say counts as exempt
    made["unsaid"].save()
    expected = {
        AnonymousUser(): {"public"},
        other_committee_member: {"public"},
        committee_member: {"exempt", "public", "unsaid"},
        author: {"working", "exempt", "public", "unsaid"},
        governance_officer: {"working", "exempt", "public", "unsaid"},
    }
    for user, names in expected.items():
        assert {n for n, r in made.items() if report_access.can_read_revision(user, report, r)} == names, user
        assert set(report_access.revisions_visible_to(user, report)) == {made[n] for n in names}, user
    assert not report_access.can_read_revision(AnonymousUser(), reports["exempt"], made["public"])
    assert not report_access.revisions_visible_to(AnonymousUser(), reports["exempt"]).exists()
