"""A published report's body is rendered once and kept in the shared cache (reports/kept_bodies.py):
only what anybody may read is kept, and a correction shows at once."""

import pickle

import pytest
from django.core.cache import cache
from django.urls import reverse

from core import council
from publishing import publication
from reports import kept_bodies, revisions, workflow
from reports.models import Paragraph, Report
from tests.report_builders import report_with_content

POISON = "Text planted in the cache, which no page may show"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    # The council's record is kept in the same cache; production reads it once, not once a page.
    council.remember(council.identity_from_settings())
    yield
    cache.clear()


def cached_texts() -> list[str]:
    """Everything the (in-memory, in tests) cache holds, as text."""
    return [str(pickle.loads(value)) for value in cache._cache.values()]


@pytest.fixture
def published(committee, governance_officer, django_capture_on_commit_callbacks) -> Report:
    report = report_with_content(committee, status=Report.Status.APPROVED)
    workflow.publish(report, governance_officer)
    return Report.objects.get(pk=report.pk)


def latest(report) -> object:
    return revisions.published_revisions(report)[-1]


def key_of(report) -> str:
    revision = latest(report)
    return kept_bodies.body_key(revision, revisions.uploaded_papers(revision.content))


def test_a_public_report_body_is_rendered_once_and_then_served_from_the_cache(client, published):
    url = reverse("reports:report_detail", args=[published.pk])
    first = client.get(url)
    assert first.status_code == 200
    kept = cache.get(key_of(published))
    assert kept and "The library service was reviewed in detail" in kept
    cache.set(key_of(published), f"<p>{POISON}</p>")
    assert POISON in client.get(url).content.decode()  # the kept copy, not a new rendering


def test_the_page_is_the_same_from_the_cache_as_rendered(client, published):
    url = reverse("reports:report_detail", args=[published.pk])
    assert client.get(url).content == client.get(url).content


def test_a_correction_shows_the_new_text_at_once(client, published, governance_officer):
    url = reverse("reports:report_detail", args=[published.pk])
    assert "stays open on Sundays" not in client.get(url).content.decode()
    paragraph = Paragraph.objects.filter(section__report=published, text__contains="library").first()
    paragraph.text = "<p>Corrected: the library at Hendon stays open on Sundays.</p>"
    paragraph.save()
    publication.publish_correction(published, governance_officer, "Sunday opening corrected.")
    page = client.get(url).content.decode()
    assert "Corrected: the library at Hendon stays open on Sundays." in page
    assert "Sunday opening corrected." in page


def test_a_correction_being_drafted_is_never_kept(client, published, author):
    Report.objects.filter(pk=published.pk).update(author=author)
    paragraph = Paragraph.objects.filter(section__report=published, text__contains="library").first()
    paragraph.text = "<p>Draft wording nobody outside may read yet.</p>"
    paragraph.save()
    client.get(reverse("reports:report_detail", args=[published.pk]))
    client.force_login(author)
    client.get(reverse("reports:report_detail", args=[published.pk]))
    revisions.record(Report.objects.get(pk=published.pk), author)  # a working revision
    working = Report.objects.get(pk=published.pk).revisions.order_by("number").last()
    assert not kept_bodies.may_keep(published, working)
    client.get(reverse("reports:revision_detail", args=[published.pk, working.number]))
    assert cached_texts()  # the published body is kept ...
    assert not any("Draft wording" in text for text in cached_texts())  # ... the draft never


@pytest.fixture
def exempt(committee, governance_officer) -> Report:
    report = report_with_content(
        committee, status=Report.Status.APPROVED, title="Sale of the depot", is_exempt=True, exempt_paragraph=3
    )
    workflow.publish(report, governance_officer)
    return Report.objects.get(pk=report.pk)


def test_an_exempt_report_body_is_never_stored_in_the_shared_cache(client, exempt, governance_officer):
    client.force_login(governance_officer)
    page = client.get(reverse("reports:report_detail", args=[exempt.pk])).content.decode()
    assert "The library service was reviewed in detail" in page
    assert not kept_bodies.may_keep(exempt, latest(exempt))
    assert not any("Sale of the depot" in text for text in cached_texts())


def test_an_exempt_report_body_is_never_served_from_the_shared_cache(client, exempt, governance_officer):
    cache.set(key_of(exempt), f"<p>{POISON}</p>")
    client.force_login(governance_officer)
    page = client.get(reverse("reports:report_detail", args=[exempt.pk])).content.decode()
    assert POISON not in page and "Sale of the depot" in page


def test_a_report_made_exempt_after_publication_is_not_served_from_its_kept_body(client, published, governance_officer):
    url = reverse("reports:report_detail", args=[published.pk])
    client.get(url)
    cache.set(key_of(published), f"<p>{POISON}</p>")
    Report.objects.filter(pk=published.pk).update(is_exempt=True, exempt_paragraph=3)
    assert client.get(url).status_code == 404  # the public no longer see it at all
    client.force_login(governance_officer)
    assert POISON not in client.get(url).content.decode()


def test_the_report_page_runs_a_constant_number_of_queries(
    client, committee, governance_officer, django_assert_max_num_queries
):
    for sections in (1, 6):
        report = report_with_content(committee, status=Report.Status.APPROVED, sections=sections)
        workflow.publish(report, governance_officer)
        with django_assert_max_num_queries(4):
            assert client.get(reverse("reports:report_detail", args=[report.pk])).status_code == 200


def test_an_earlier_published_version_is_kept_too_and_keeps_its_own_text(client, published, governance_officer):
    paragraph = Paragraph.objects.filter(section__report=published, text__contains="library").first()
    paragraph.text = "<p>Corrected: the library at Hendon stays open on Sundays.</p>"
    paragraph.save()
    publication.publish_correction(published, governance_officer, "Sunday opening corrected.")
    first = published.revisions.get(number=1)
    url = reverse("reports:revision_detail", args=[published.pk, first.number])
    page = client.get(url).content.decode()
    assert "stays open on Sundays" not in page and "The library service was reviewed in detail" in page
    key = kept_bodies.body_key(first, revisions.uploaded_papers(first.content))
    assert cache.get(key) and "stays open on Sundays" not in cache.get(key)
    assert client.get(url).content.decode() == page
