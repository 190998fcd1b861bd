"""Report PDFs kept as files: rendered by the worker at publication, served without rendering,
never rendered twice, and cleared away when nothing will use them again."""

from __future__ import annotations

import datetime
import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from documents import pdf, pdf_store, tasks
from publishing import publication
from reports.models import Recommendation, RenderedPdf, Report
from reports.structure import loaded_structure
from tests.conftest import make_meeting
from tests.report_builders import report_with_content


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def renders(monkeypatch):
    """Every layout of a report's PDF, counted."""
    done = []
    original = pdf.render_report_pdf

    def counting(doc, html=None):
        done.append(doc.report.title)
        return original(doc, html=html)

    monkeypatch.setattr(pdf, "render_report_pdf", counting)
    return done


@pytest.fixture
def approved(committee):
    meeting = make_meeting(committee)
    return report_with_content(
        committee,
        meeting=meeting,
        sections=1,
        paragraphs=2,
        title="Library opening hours",
        status=Report.Status.APPROVED,
    )


def publish(report, user, capture):
    with capture(execute=True):
        publication.publish_report(report, user)
    report.refresh_from_db()
    return report.revisions.get(is_published=True)


def queued_pdf_tasks() -> list[int]:
    """Revision ids of the PDF renders waiting for the worker."""
    rows = DBTaskResult.objects.ready().filter(task_path=tasks.render_published_report.module_path)
    return [row.args_kwargs["args"][0] for row in rows]


def run_pdf_tasks() -> None:
    """What the worker does with each queued render, in this test's transaction."""
    for revision_id in queued_pdf_tasks():
        tasks.render_published_report.call(revision_id)
    DBTaskResult.objects.filter(task_path=tasks.render_published_report.module_path).delete()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def url(report) -> str:
    return f"/reports/{report.pk}/pdf/"


def test_publishing_queues_the_pdf_for_the_worker_and_downloads_then_never_render(
    client,
    approved,
    governance_officer,
    renders,
    monkeypatch,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    revision = publish(approved, governance_officer, django_capture_on_commit_callbacks)
    assert queued_pdf_tasks() == [revision.pk]
    assert renders == []  # publishing itself rendered nothing

    run_pdf_tasks()
    assert renders == ["Library opening hours"]
    stored = RenderedPdf.objects.get(revision=revision)
    assert stored.file.name == f"reports/{approved.pk}/published/revision-{revision.number}.pdf"

    # From now on a download is a lookup and the file: any rendering would fail loudly.
    def no_rendering(*args, **kwargs):
        raise AssertionError("rendered during a download")

    monkeypatch.setattr(pdf, "report_print_html", no_rendering)
    monkeypatch.setattr(pdf, "render_report_pdf", no_rendering)
    with django_assert_max_num_queries(2):  # the report (access check), the revision with its file
        response = client.get(url(approved))
    assert response.status_code == 200
    assert response.streaming  # the file itself, sent as it is (sendfile under gunicorn)
    assert response["Content-Length"] == str(stored.size)
    assert response["ETag"] == f'"r{approved.pk}.{revision.number}"'
    assert response["Content-Disposition"].startswith('inline; filename="children-education')
    data = body(response)
    assert data == stored.file.open("rb").read()
    assert "Library opening hours" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    with django_assert_max_num_queries(2):
        again = client.get(url(approved), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


@pytest.mark.pdf_worker_pending
def test_a_download_before_the_worker_gets_there_is_told_to_come_back_and_nothing_renders_in_the_request(
    client, approved, governance_officer, renders, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    cache.clear()
    revision = publish(approved, governance_officer, django_capture_on_commit_callbacks)
    assert queued_pdf_tasks() == [revision.pk]

    for address in (url(approved), f"/open-data/files/report/{approved.pk}/download"):
        early = client.get(address)
        page = early.content.decode()
        assert early.status_code == 503, address
        assert early["Retry-After"] == "30"
        assert "no-store" in early["Cache-Control"]
        assert "The PDF of this report is being prepared" in page
        assert f'href="{approved.get_absolute_url()}"' in page  # the web page, readable now
    assert renders == []  # no request rendered it
    assert queued_pdf_tasks() == [revision.pk]  # publication asked the worker; asking again waits

    run_pdf_tasks()
    ready = client.get(url(approved))
    assert ready.status_code == 200
    assert body(ready) == RenderedPdf.objects.get(revision=revision).file.open("rb").read()
    assert renders == ["Library opening hours"]  # once, by the worker


@pytest.mark.pdf_worker_pending
def test_a_published_pdf_the_worker_was_never_asked_for_is_asked_for_once(
    client, approved, governance_officer, renders, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    revision = publish(approved, governance_officer, django_capture_on_commit_callbacks)
    DBTaskResult.objects.all().delete()  # the queue lost, or published before PDFs were kept
    cache.clear()

    assert [client.get(url(approved)).status_code for _ in range(3)] == [503, 503, 503]
    assert queued_pdf_tasks() == [revision.pk]
    run_pdf_tasks()
    assert client.get(url(approved)).status_code == 200
    assert renders == ["Library opening hours"]


def test_a_correction_is_rendered_by_the_worker_and_the_first_revisions_pdf_is_kept(
    client, approved, governance_officer, django_capture_on_commit_callbacks
):
    first = publish(approved, governance_officer, django_capture_on_commit_callbacks)
    run_pdf_tasks()
    Report.objects.filter(pk=approved.pk).update(title="Library opening hours (corrected)")
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_correction(Report.objects.get(pk=approved.pk), governance_officer, "Title corrected")
    second = approved.revisions.get(is_published=True, number__gt=first.number)
    assert queued_pdf_tasks() == [second.pk]
    run_pdf_tasks()
    response = client.get(url(approved))
    assert response["ETag"] == f'"r{approved.pk}.{second.number}"'
    assert "(corrected)" in PdfReader(io.BytesIO(body(response))).pages[0].extract_text()
    assert (
        "(corrected)" not in PdfReader(RenderedPdf.objects.get(revision=first).file.open("rb")).pages[0].extract_text()
    )


def test_an_exempt_reports_stored_pdf_is_served_only_through_the_access_check(
    client, committee, governance_officer, committee_member, other_committee_member, django_capture_on_commit_callbacks
):
    report = report_with_content(
        committee, sections=1, paragraphs=1, status=Report.Status.APPROVED, is_exempt=True, exempt_paragraph=3
    )
    publish(report, governance_officer, django_capture_on_commit_callbacks)
    run_pdf_tasks()
    assert client.get(url(report)).status_code == 404
    client.force_login(other_committee_member)
    assert client.get(url(report)).status_code == 404
    client.force_login(committee_member)
    response = client.get(url(report))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "paragraph 3 of Schedule 12A" in PdfReader(io.BytesIO(body(response))).pages[0].extract_text()


def test_a_pdf_frozen_before_pdfs_were_recorded_is_kept_as_it_is(
    client, approved, governance_officer, renders, django_capture_on_commit_callbacks
):
    revision = publish(approved, governance_officer, django_capture_on_commit_callbacks)
    earlier = pdf.html_to_pdf("<html lang='en-GB'><body><p>As published in 2024</p></body></html>", title="Then")
    default_storage.save(pdf_store.frozen_pdf_path(revision), ContentFile(earlier))
    response = client.get(url(approved))
    assert body(response) == earlier
    assert renders == []


def test_a_draft_is_laid_out_from_one_rendering_of_its_html_and_only_when_it_changed(
    client, committee, author, renders, monkeypatch
):
    report = report_with_content(committee, sections=1, paragraphs=1, status=Report.Status.DRAFT, author=author)
    client.force_login(author)
    html_renders = []
    original = pdf.report_print_html

    def counting(doc):
        html_renders.append(1)
        return original(doc)

    monkeypatch.setattr(pdf, "report_print_html", counting)
    first = client.get(url(report))
    assert first.status_code == 200 and len(html_renders) == 1 and len(renders) == 1
    again = client.get(url(report))
    assert body(again) == body(first) and len(renders) == 1
    Recommendation.objects.create(report=report, position=5, text="<p>That the hours are extended.</p>")
    changed = client.get(url(report))
    assert "That the hours are extended." in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(body(changed))).pages
    )
    assert len(renders) == 2
    assert RenderedPdf.objects.filter(report=report).count() == 1  # one current PDF per draft


def _age(path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_clear_stale_pdfs_removes_superseded_and_orphaned_files_but_never_a_published_one(
    client, committee, author, approved, governance_officer, private_media, django_capture_on_commit_callbacks
):
    draft = report_with_content(committee, sections=1, paragraphs=1, status=Report.Status.DRAFT, author=author)
    client.force_login(author)
    client.get(url(draft))
    earlier = RenderedPdf.objects.get(report=draft).file.name
    Recommendation.objects.create(report=draft, position=5, text="<p>A change.</p>")
    client.get(url(draft))
    current = RenderedPdf.objects.get(report=draft).file.name
    assert current != earlier

    # A draft PDF of the report that is published next: its downloads now come from the revision.
    approved_draft = pdf_store.current_pdf(pdf_store.current_inputs(loaded_structure(approved))).file.name
    publish(approved, governance_officer, django_capture_on_commit_callbacks)
    run_pdf_tasks()
    frozen = RenderedPdf.objects.get(report=approved, revision__isnull=False).file.name
    young_orphan = default_storage.save("pdf-cache/zz/being-written.pdf", ContentFile(b"%PDF-1.7"))
    for name in (earlier, current, approved_draft, frozen):
        _age(private_media / name, hours=3)

    out = io.StringIO()
    call_command("clear_stale_pdfs", "--dry-run", stdout=out)
    assert f"Would remove {earlier}" in out.getvalue()
    assert f"Would remove {approved_draft}" in out.getvalue()
    assert current not in out.getvalue() and frozen not in out.getvalue() and young_orphan not in out.getvalue()
    assert default_storage.exists(earlier)  # a dry run removes nothing
    assert RenderedPdf.objects.filter(report=approved, revision__isnull=True).exists()

    call_command("clear_stale_pdfs", stdout=io.StringIO())
    assert not default_storage.exists(earlier) and not default_storage.exists(approved_draft)
    assert not RenderedPdf.objects.filter(report=approved, revision__isnull=True).exists()
    for kept in (current, frozen, young_orphan):
        assert default_storage.exists(kept)
    assert client.get(url(draft)).status_code == 200

    again = io.StringIO()
    call_command("clear_stale_pdfs", stdout=again)
    assert "Removed 0 stale PDF files, 0 superseded draft PDFs" in again.getvalue()


def test_stale_files_leaves_files_younger_than_asked(private_media, db):
    orphan = default_storage.save("pdf-cache/ab/orphan.pdf", ContentFile(b"%PDF-1.7"))
    _age(private_media / orphan, hours=0.5)
    assert pdf_store.stale_files(older_than=datetime.timedelta(hours=1)).files == []
    assert pdf_store.stale_files(older_than=datetime.timedelta(minutes=10)).files == [orphan]


def test_a_public_pdf_is_sent_from_the_page_cache_without_a_query_and_still_answers_304(
    client, approved, governance_officer, django_capture_on_commit_callbacks, django_assert_num_queries, page_cache
):
    publish(approved, governance_officer, django_capture_on_commit_callbacks)
    run_pdf_tasks()
    first = client.get(url(approved))
    assert "Cookie" not in first.get("Vary", "")  # the same file for everyone: shared caches may keep it
    with django_assert_num_queries(0):
        again = client.get(url(approved))
    assert again.status_code == 200 and body(again) == body(first)
    for header in ("ETag", "Content-Disposition", "Content-Length", "Cache-Control", "Content-Type"):
        assert again[header] == first[header]
    with django_assert_num_queries(0):
        assert client.get(url(approved), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_an_exempt_or_signed_in_download_never_comes_from_the_page_cache(
    client, committee, governance_officer, committee_member, django_capture_on_commit_callbacks, page_cache
):
    report = report_with_content(
        committee, sections=1, paragraphs=1, status=Report.Status.APPROVED, is_exempt=True, exempt_paragraph=3
    )
    publish(report, governance_officer, django_capture_on_commit_callbacks)
    run_pdf_tasks()
    client.force_login(committee_member)
    assert client.get(url(report)).status_code == 200
    client.logout()
    assert client.get(url(report)).status_code == 404


def test_a_cached_pdf_removed_since_is_asked_of_the_app_again(
    client, approved, governance_officer, django_capture_on_commit_callbacks, page_cache
):
    publish(approved, governance_officer, django_capture_on_commit_callbacks)
    run_pdf_tasks()
    first = client.get(url(approved))
    stored = RenderedPdf.objects.get(report=approved)
    data = stored.file.open("rb").read()
    default_storage.delete(stored.file.name)
    stored.delete()  # as if cleared away: the app renders it again from the revision
    again = client.get(url(approved))
    assert again.status_code == 200 and again["ETag"] == first["ETag"]
    assert (
        PdfReader(io.BytesIO(body(again))).pages[0].extract_text()
        == PdfReader(io.BytesIO(data)).pages[0].extract_text()
    )
