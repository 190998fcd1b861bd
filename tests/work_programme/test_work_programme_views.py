"""Keeping the programme: who may, and what the pages do."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from committee.models import WorkProgrammeChange, WorkProgrammeDeferral, WorkProgrammeItem
from tests.conftest import make_meeting

NOW = datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC)
pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def march(committee):
    return make_meeting(committee, datetime.date(2027, 3, 15))


@pytest.fixture
def april(committee):
    return make_meeting(committee, datetime.date(2027, 4, 26))


@pytest.fixture
def item(committee, march):
    return WorkProgrammeItem.objects.create(
        committee=committee, title="School places strategy", purpose="Approve the strategy.", target_meeting=march
    )


def manage_urls(committee, item):
    slug = committee.slug
    return {
        "manage": (reverse("committee:work_programme_manage", args=[slug]), "GET"),
        "add": (reverse("committee:work_programme_item_add", args=[slug]), "GET"),
        "table": (reverse("committee:work_programme_table", args=[slug]), "GET"),
        "export": (reverse("committee:work_programme_export", args=[slug]), "GET"),
        "import": (reverse("committee:work_programme_import", args=[slug]), "GET"),
        "publish": (reverse("committee:work_programme_publish", args=[slug]), "POST"),
        "due": (reverse("committee:work_programme_due"), "GET"),
    }


def item_urls(item):
    return {
        "detail": (reverse("committee:work_programme_item", args=[item.pk]), "GET"),
        "edit": (reverse("committee:work_programme_item_edit", args=[item.pk]), "GET"),
        "move": (reverse("committee:work_programme_item_move", args=[item.pk]), "GET"),
        "route": (reverse("committee:work_programme_item_route", args=[item.pk]), "GET"),
    }


def call(client, url, method):
    return client.post(url) if method == "POST" else client.get(url)


# Permissions -----------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, committee, item):
    for url, method in [*manage_urls(committee, item).values(), *item_urls(item).values()]:
        response = call(client, url, method)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("persona", ["author", "committee_member", "other_committee_member", "approver"])
def test_people_without_the_governance_role_are_refused(client, committee, item, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for url, method in manage_urls(committee, item).values():
        assert call(client, url, method).status_code == 403, url
    # Items may not be published yet: no hint that they exist.
    for url, method in item_urls(item).values():
        assert call(client, url, method).status_code == 404, url


@pytest.mark.parametrize("persona", ["governance_officer", "administrator"])
def test_governance_officers_and_administrators_may_keep_the_programme(client, committee, item, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for name, (url, method) in {**manage_urls(committee, item), **item_urls(item)}.items():
        expected = 302 if name == "publish" else 200
        assert call(client, url, method).status_code == expected, url


def test_wrong_methods_get_405(client, governance_officer, committee, item):
    client.force_login(governance_officer)
    urls = {**manage_urls(committee, item), **item_urls(item)}
    for name, (url, method) in urls.items():
        if method == "POST":
            assert client.get(url).status_code == 405, url
        elif name in {"manage", "export", "due", "detail"}:
            assert client.post(url).status_code == 405, url
        else:
            assert client.put(url).status_code == 405, url
    for url in [
        reverse("committee:work_programme_public", args=[committee.slug]),
        reverse("committee:forward_plan"),
        reverse("committee:work_programme_pdf", args=[committee.slug]),
    ]:
        assert client.post(url).status_code == 405, url


# Adding, editing, moving -----------------------------------------------------


def test_an_officer_adds_an_item_and_sees_it_on_the_programme(client, governance_officer, committee, march):
    client.force_login(governance_officer)
    response = client.post(
        reverse("committee:work_programme_item_add", args=[committee.slug]),
        {
            "title": "Youth service review",
            "purpose": "Findings of the review.",
            "report_of": "Director of Children's Services",
            "target_meeting": march.pk,
            "status": "planned",
        },
    )
    item = WorkProgrammeItem.objects.get(title="Youth service review")
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert item.committee == committee and item.target_meeting == march
    page = client.get(reverse("committee:work_programme_manage", args=[committee.slug])).content.decode()
    assert "Youth service review" in page


def test_an_exempt_item_needs_its_paragraph_and_keeps_what_was_typed(client, governance_officer, committee):
    client.force_login(governance_officer)
    response = client.post(
        reverse("committee:work_programme_item_add", args=[committee.slug]),
        {"title": "Award of contract", "purpose": "Tender prices", "is_exempt": "on", "status": "planned"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose the paragraph of Schedule 12A" in body
    assert "Award of contract" in body and "Tender prices" in body
    assert not WorkProgrammeItem.objects.exists()


def test_the_form_offers_only_the_statuses_people_set(client, governance_officer, item):
    client.force_login(governance_officer)
    response = client.post(
        reverse("committee:work_programme_item_edit", args=[item.pk]),
        {"title": item.title, "status": "considered"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_withdrawing_an_item_in_the_edit_form_is_recorded(client, governance_officer, item):
    client.force_login(governance_officer)
    client.post(
        reverse("committee:work_programme_item_edit", args=[item.pk]), {"title": item.title, "status": "withdrawn"}
    )
    item.refresh_from_db()
    assert item.status == "withdrawn"
    assert WorkProgrammeChange.objects.filter(item=item, kind="withdrawn").exists()


def test_moving_an_item_shows_its_deferral_history(client, governance_officer, item, april):
    client.force_login(governance_officer)
    url = reverse("committee:work_programme_item_move", args=[item.pk])
    response = client.post(url, {"to_meeting": april.pk, "reason": "Awaiting the Ofsted report"})
    assert response.status_code == 302
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Awaiting the Ofsted report" in page
    assert "15 Mar 2027" in page and "26 Apr 2027" in page
    assert "Deferred" in page


def test_a_move_without_a_reason_is_refused_and_changes_nothing(client, governance_officer, item, april):
    client.force_login(governance_officer)
    response = client.post(
        reverse("committee:work_programme_item_move", args=[item.pk]), {"to_meeting": april.pk, "reason": ""}
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    item.refresh_from_db()
    assert item.target_meeting_id != april.pk


def test_the_item_page_links_to_starting_the_report_and_to_the_report_once_started(
    client, governance_officer, item, committee
):
    from tests.conftest import make_report

    client.force_login(governance_officer)
    page = client.get(item.get_absolute_url()).content.decode()
    start = f"{reverse('reports:report_new')}?item={item.pk}"
    assert start in page
    # The drafting page arrives with the item chosen.
    assert f'<option value="{item.pk}" selected>' in client.get(start).content.decode()
    report = make_report(committee, title="School places strategy 2027", work_programme_item=item)
    page = client.get(item.get_absolute_url()).content.decode()
    assert report.get_absolute_url() in page
    assert "Report in drafting" in page


# The table -------------------------------------------------------------------


def table_data(items, **changes):
    data = {"form-TOTAL_FORMS": str(len(items)), "form-INITIAL_FORMS": str(len(items)), "reason": ""}
    for i, item in enumerate(items):
        data.update(
            {
                f"form-{i}-id": str(item.pk),
                f"form-{i}-title": item.title,
                f"form-{i}-report_of": item.report_of,
                f"form-{i}-target_meeting": str(item.target_meeting_id or ""),
                f"form-{i}-exempt_paragraph": "",
                f"form-{i}-status": item.status,
            }
        )
    data.update(changes)
    return data


def test_the_table_saves_many_items_at_once_and_records_moves(
    client, governance_officer, committee, item, march, april
):
    other = WorkProgrammeItem.objects.create(committee=committee, title="Libraries review", target_meeting=march)
    items = list(WorkProgrammeItem.objects.filter(committee=committee).order_by("target_meeting__starts_at", "title"))
    client.force_login(governance_officer)
    url = reverse("committee:work_programme_table", args=[committee.slug])
    assert client.get(url).status_code == 200
    index = {i.pk: n for n, i in enumerate(items)}
    data = table_data(
        items,
        **{
            f"form-{index[item.pk]}-title": "School places strategy 2027–2032",
            f"form-{index[other.pk]}-target_meeting": str(april.pk),
            f"form-{index[other.pk]}-status": "confirmed",
            "reason": "Room on the April agenda",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302
    item.refresh_from_db()
    other.refresh_from_db()
    assert item.title == "School places strategy 2027–2032"
    assert other.target_meeting == april and other.status == "confirmed"
    deferral = WorkProgrammeDeferral.objects.get(item=other)
    assert deferral.reason == "Room on the April agenda" and deferral.by == governance_officer


def test_the_table_refuses_a_move_without_a_reason_and_saves_nothing(
    client, governance_officer, committee, item, april
):
    client.force_login(governance_officer)
    url = reverse("committee:work_programme_table", args=[committee.slug])
    data = table_data([item], **{"form-0-target_meeting": str(april.pk), "form-0-title": "Renamed"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Give the reason for moving the item" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "School places strategy" and item.target_meeting_id != april.pk


def test_the_table_names_the_row_of_a_bad_cell(client, governance_officer, committee, item):
    client.force_login(governance_officer)
    url = reverse("committee:work_programme_table", args=[committee.slug])
    response = client.post(url, table_data([item], **{"form-0-title": "", "form-0-is_exempt": "on"}))
    body = response.content.decode()
    assert "Row 1, title: This field is required." in body
    assert "Choose the paragraph of Schedule 12A" in body


def test_the_table_runs_a_constant_number_of_queries(
    client, governance_officer, committee, march, django_assert_max_num_queries
):
    for n in range(30):
        WorkProgrammeItem.objects.create(committee=committee, title=f"Item {n}", target_meeting=march)
    client.force_login(governance_officer)
    with django_assert_max_num_queries(12):
        client.get(reverse("committee:work_programme_table", args=[committee.slug]))


# Publishing and the officers' view ------------------------------------------


def test_publishing_puts_the_items_on_the_public_page(client, governance_officer, committee, item):
    public = reverse("committee:work_programme_public", args=[committee.slug])
    assert "School places strategy" not in client.get(public).content.decode()
    client.force_login(governance_officer)
    client.post(reverse("committee:work_programme_publish", args=[committee.slug]))
    item.refresh_from_db()
    assert item.first_published_on == datetime.date(2027, 3, 1)
    client.logout()
    assert "School places strategy" in client.get(public).content.decode()


def test_the_officers_view_lists_items_without_a_draft(client, governance_officer, item):
    client.force_login(governance_officer)
    body = client.get(reverse("committee:work_programme_due")).content.decode()
    assert "School places strategy" in body


def test_recording_a_route_shows_it_on_the_public_forward_plan(client, governance_officer, committee):
    committee.takes_key_decisions = True
    committee.save()
    meeting = make_meeting(committee, datetime.date(2027, 3, 20))
    item = WorkProgrammeItem.objects.create(
        committee=committee, title="Emergency accommodation contract", key_decision=True, target_meeting=meeting
    )
    client.force_login(governance_officer)
    due = client.get(reverse("committee:work_programme_due")).content.decode()
    assert "Emergency accommodation contract" in due
    url = reverse("committee:work_programme_item_route", args=[item.pk])
    response = client.post(
        url, {"route": "special_urgency", "reason": "The current contract ends", "noticed_on": "2027-03-01"}
    )
    assert "Special urgency needs the agreement of the chair" in response.content.decode()
    response = client.post(
        url,
        {
            "route": "special_urgency",
            "reason": "The current contract ends",
            "agreed_by": "Cllr Alison Chair",
            "noticed_on": "2027-03-01",
        },
    )
    assert response.status_code == 302
    client.logout()
    plan = client.get(reverse("committee:forward_plan")).content.decode()
    assert "Emergency accommodation contract" in plan
    assert "Required by 19 February 2027: not given" in plan
    assert "Special urgency" in plan and "The current contract ends" in plan and "Cllr Alison Chair" in plan


def test_the_manage_page_and_officers_view_run_a_constant_number_of_queries(
    client, governance_officer, committee, march, django_assert_max_num_queries
):
    from tests.conftest import make_report

    committee.takes_key_decisions = True
    committee.save()
    for n in range(30):
        item = WorkProgrammeItem.objects.create(
            committee=committee, title=f"Item {n}", target_meeting=march, key_decision=n % 2 == 0
        )
        if n % 3 == 0:
            make_report(committee, work_programme_item=item)
    client.force_login(governance_officer)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("committee:work_programme_manage", args=[committee.slug])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("committee:work_programme_due")).status_code == 200
