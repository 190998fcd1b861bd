"""With JavaScript, the "being prepared" page of a draft's PDF preview asks in the background and
offers the PDF as soon as the worker has rendered it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django_tasks_db.models import DBTaskResult

from committee import access
from documents import tasks
from reports.models import Paragraph, Section
from tests.conftest import make_report, make_user

pytestmark = [pytest.mark.browser, pytest.mark.pdf_worker_pending]


def test_the_page_offers_the_pdf_once_the_worker_has_rendered_it(live_server, page, committee, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    author = make_user("author", access.REPORT_AUTHORS)
    report = make_report(committee, author=author, title="Library opening hours")
    section = Section.objects.create(report=report, position=0, heading="Reasons")
    Paragraph.objects.create(section=section, position=0, text="<p>Saturday mornings are busiest.</p>")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("author")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/reports/{report.pk}/pdf/")
    page.get_by_role("heading", name="The PDF preview is being prepared").wait_for()
    ready = page.get_by_role("link", name="open the PDF preview")
    assert not ready.is_visible()

    for queued in DBTaskResult.objects.filter(task_path=tasks.render_draft_pdf.module_path):
        tasks.render_draft_pdf.call(*queued.args_kwargs["args"])  # what the worker does
    ready.wait_for(state="visible", timeout=15_000)
    assert page.get_by_role("heading", name="The PDF preview is being prepared").is_visible()  # no reload
    with page.expect_response(lambda response: response.url.endswith(f"/reports/{report.pk}/pdf/")) as opened:
        ready.click()
    assert opened.value.status == 200
    assert opened.value.headers["content-type"] == "application/pdf"
