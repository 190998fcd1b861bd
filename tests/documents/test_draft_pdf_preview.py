"""A draft's PDF preview is rendered by the worker, never inside the request: the page says it is
being prepared (and checks again, with or without JavaScript), then offers the PDF; an unchanged draft
is not rendered twice."""

from __future__ import annotations

import pytest
from django.core.cache import cache as django_cache
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from documents import pdf, tasks
from reports.models import Paragraph, Section
from tests.conftest import make_report

pytestmark = pytest.mark.pdf_worker_pending


@pytest.fixture
def draft(committee, author):
    report = make_report(committee, author=author, title="Library opening hours")
    section = Section.objects.create(report=report, position=0, heading="Reasons")
    Paragraph.objects.create(section=section, position=0, text="<p>Saturday mornings are busiest.</p>")
    return report


@pytest.fixture
def renders(monkeypatch, settings, tmp_path):
    """How many times a report PDF is laid out, into an empty media folder."""
    settings.MEDIA_ROOT = tmp_path
    count = []
    original = pdf.render_report_pdf

    def counting(*args, **kwargs):
        count.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(pdf, "render_report_pdf", counting)
    return count


@pytest.fixture
def cache():
    """The worker's "asked already" marks start empty."""
    django_cache.clear()
    yield django_cache
    django_cache.clear()


def queued():
    return DBTaskResult.objects.filter(task_path=tasks.render_draft_pdf.module_path)


def run_worker():
    for result in queued().filter(status="READY"):
        tasks.render_draft_pdf.call(*result.args_kwargs["args"])
        result.status = "SUCCESSFUL"
        result.save(update_fields=["status"])


def test_the_preview_is_prepared_by_the_worker_and_then_offered(client, author, draft, renders, cache):
    client.force_login(author)
    url = reverse("reports:report_pdf", args=[draft.pk])

    waiting = client.get(url)
    assert waiting.status_code == 202
    assert waiting["Content-Type"].startswith("text/html") and waiting["Cache-Control"] == "no-store"
    page = waiting.content.decode()
    assert "The PDF preview is being prepared" in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page  # without JavaScript
    assert f'href="{url}">check whether it is ready</a>' in page
    assert "js/pdf-preview.js" in page  # with it, the page asks in the background
    assert renders == [], "nothing is rendered inside the request"
    assert queued().count() == 1

    assert client.get(url).status_code == 202  # asked again before the worker is done
    assert queued().count() == 1, "the worker is asked once"

    run_worker()
    ready = client.get(url)
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    assert b"".join(ready.streaming_content).startswith(b"%PDF")
    assert client.head(url)["Content-Type"] == "application/pdf"  # what the page's script asks
    assert renders == [1]


def test_an_unchanged_draft_is_not_rendered_twice_and_a_changed_one_is_prepared_again(
    client, author, draft, renders, cache
):
    client.force_login(author)
    url = reverse("reports:report_pdf", args=[draft.pk])
    client.get(url)
    run_worker()
    for _ in range(3):
        assert client.get(url)["Content-Type"] == "application/pdf"
    assert renders == [1] and queued().count() == 1

    Paragraph.objects.filter(section__report=draft).update(text="<p>Sunday afternoons are quiet.</p>")
    assert client.get(url).status_code == 202
    assert queued().count() == 2
    run_worker()
    assert client.get(url)["Content-Type"] == "application/pdf"
    assert renders == [1, 1]


def test_the_being_prepared_page_is_for_those_who_may_read_the_draft(client, committee_member, draft):
    client.force_login(committee_member)
    assert client.get(reverse("reports:report_pdf", args=[draft.pk])).status_code == 404
    assert queued().count() == 0
