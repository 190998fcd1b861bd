"""/sitemap.xml lists the public site's pages, and nothing the public may not read."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from committee.models import Minutes
from tests import access_matrix as spec
from tests.matrix_world import build_world

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def world():
    world = build_world()
    world.wp_items["wp_public"].first_published_on = datetime.date(2017, 1, 10)
    world.wp_items["wp_public"].save()
    return world


def locations(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {loc.text.removeprefix("http://testserver") for loc in root.findall("s:url/s:loc", NS)}


def test_the_sitemap_lists_the_public_pages(client, world):
    found = locations(client)
    expected = {
        reverse("home"),
        reverse("committee:committee_list"),
        reverse("committee:meeting_list"),
        reverse("committee:forward_plan"),
        world.committee.get_absolute_url(),
        world.other_committee.get_absolute_url(),
        reverse("committee:work_programme_public", args=[world.committee.slug]),
        world.published_meeting.get_absolute_url(),
        world.unpublished_meeting.get_absolute_url(),  # its date and status are public
        world.reports["published_public"].get_absolute_url(),
    }
    assert expected <= found


def test_exempt_and_unpublished_reports_never_appear(client, world):
    found = locations(client)
    for state, report in world.reports.items():
        listed = report.get_absolute_url() in found
        assert listed == (state in spec.PUBLIC_REPORTS), state
    # The other committee has published no work programme: no page for it yet.
    assert reverse("committee:work_programme_public", args=[world.other_committee.slug]) not in found


def test_draft_minutes_are_left_out_until_published(client, world):
    minutes = Minutes.objects.create(meeting=world.published_meeting)
    url = reverse("committee:meeting_minutes", args=[world.published_meeting.pk])
    assert minutes.status == Minutes.Status.DRAFT and url not in locations(client)
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.PUBLISHED, published_at=timezone.now())
    assert url in locations(client)


def test_the_sitemap_runs_a_constant_number_of_queries(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get("/sitemap.xml")


def test_each_page_is_listed_at_both_addresses_each_naming_the_other(client, world):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    report = world.reports["published_public"].get_absolute_url()
    entries = {
        url.find("s:loc", NS).text.removeprefix("http://testserver"): {
            link.get("hreflang"): link.get("href").removeprefix("http://testserver") for link in url.iter(xhtml)
        }
        for url in root.findall("s:url", NS)
    }
    assert f"/cy{report}" in entries
    assert entries[report] == entries[f"/cy{report}"] == {"en-gb": report, "cy": f"/cy{report}", "x-default": report}
