"""The one module that decides who may see what: reports."""

import pytest

from committee import access
from reports.models import SignOff
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
    return set(access.reports_visible_to(user).values_list("title", flat=True))


def test_the_public_sees_only_published_public_reports(reports, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert visible_titles(AnonymousUser()) == {"Public"}
    assert access.can_view_report(AnonymousUser(), reports["public"])
    assert not access.can_view_report(AnonymousUser(), reports["exempt"])
    assert not access.can_view_report(AnonymousUser(), reports["draft"])


def test_a_committee_member_also_sees_that_committees_part_2_papers(reports, committee_member):
    assert visible_titles(committee_member) == {"Public", "Exempt"}
    assert access.can_view_report(committee_member, reports["exempt"])


def test_a_member_of_another_committee_does_not(reports, other_committee_member):
    assert visible_titles(other_committee_member) == {"Public"}
    assert not access.can_view_report(other_committee_member, reports["exempt"])


def test_an_author_sees_and_edits_their_own_draft_but_not_anothers(reports, author, other_author):
    assert visible_titles(author) == {"Draft", "Public", "Withdrawn"}
    assert access.can_edit_report(author, reports["draft"])
    assert not access.can_view_report(other_author, reports["draft"])
    assert not access.can_edit_report(other_author, reports["draft"])


def test_sharing_a_draft_lets_another_author_edit_it(reports, other_author):
    reports["draft"].shared_with.add(other_author)
    assert access.can_edit_report(other_author, reports["draft"])


def test_nobody_edits_a_published_or_withdrawn_report(reports, governance_officer, author):
    for key in ("public", "withdrawn"):
        assert not access.can_edit_report(governance_officer, reports[key])
        assert not access.can_edit_report(author, reports[key])


def test_an_approver_sees_only_what_is_assigned_to_them(reports, approver):
    assert not access.can_view_report(approver, reports["draft"])
    SignOff.objects.create(report=reports["draft"], role="legal", approver=approver)
    assert access.can_view_report(approver, reports["draft"])
    assert not access.can_edit_report(approver, reports["draft"])
    assert "Draft" in visible_titles(approver)


def test_governance_officers_see_everything(reports, governance_officer):
    assert visible_titles(governance_officer) == {"Draft", "Public", "Exempt", "Withdrawn"}


def test_a_past_membership_gives_no_access(reports, committee):
    import datetime

    from tests.conftest import make_user

    former = make_user("former", access.COMMITTEE_MEMBERS, committee=committee)
    former.person.memberships.update(end_date=datetime.date(2020, 1, 1))
    assert not access.can_view_report(former, reports["exempt"])


def test_report_pages_answer_404_to_people_who_may_not_know_the_report_exists(client, reports, author):
    assert client.get(reports["public"].get_absolute_url()).status_code == 200
    assert client.get(reports["exempt"].get_absolute_url()).status_code == 404
    assert client.get(reports["draft"].get_absolute_url()).status_code == 404
    client.force_login(author)
    assert client.get(reports["draft"].get_absolute_url()).status_code == 200
