"""The members' edition of a public report with exempt parts: rendered by the worker at publication,
as the public edition is, kept as a file, and served only to those entitled to Part 2 — never
rendered inside a request."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from documents import pdf, pdf_store
from reports.models import Paragraph, RenderedPdf, Report
from tests.documents.test_report_pdf_store import body, publish, queued_pdf_tasks, run_pdf_tasks, url
from tests.report_builders import report_with_content

SECRET = "TENDERSECRET"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def with_exempt_passage(committee):
    report = report_with_content(
        committee, sections=1, paragraphs=1, title="Depot contract", status=Report.Status.APPROVED
    )
    section = report.sections.filter(is_background_papers=False).first()
    Paragraph.objects.create(section=section, position=5, text=f"<p>Bids {SECRET}</p>", exempt_paragraph=3)
    return report


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
def no_rendering(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("rendered during a download")

    def start():
        monkeypatch.setattr(pdf, "report_print_html", refuse)
        monkeypatch.setattr(pdf, "render_report_pdf", refuse)

    return start


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_worker_renders_both_editions_and_each_reader_gets_theirs_from_the_file(
    client,
    with_exempt_passage,
    governance_officer,
    committee_member,
    other_committee_member,
    django_capture_on_commit_callbacks,
    no_rendering,
):
    revision = publish(with_exempt_passage, governance_officer, django_capture_on_commit_callbacks)
    run_pdf_tasks()
    public = RenderedPdf.objects.get(revision=revision)
    members = RenderedPdf.objects.get(members_revision=revision)
    assert members.file.name == f"reports/{with_exempt_passage.pk}/members/revision-{revision.number}.pdf"
    assert SECRET in pdf_text(members.file.open("rb").read())
    assert SECRET not in pdf_text(public.file.open("rb").read())
    no_rendering()

    anonymous = client.get(url(with_exempt_passage))
    assert anonymous["ETag"] == f'"r{with_exempt_passage.pk}.{revision.number}"'
    assert SECRET not in pdf_text(body(anonymous))
    assert "public" in anonymous["Cache-Control"]

    client.force_login(other_committee_member)
    assert SECRET not in pdf_text(body(client.get(url(with_exempt_passage))))

    client.force_login(committee_member)
    for address in (url(with_exempt_passage), f"/open-data/files/report/{with_exempt_passage.pk}/download"):
        response = client.get(address)
        assert response.status_code == 200, address
        data = body(response)
        assert data == members.file.open("rb").read()
        assert SECRET in pdf_text(data)
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    response = client.get(url(with_exempt_passage))
    assert response["ETag"] == f'"r{with_exempt_passage.pk}.{revision.number}m"'
    assert response["Vary"] and "Cookie" in response["Vary"]
    assert client.get(url(with_exempt_passage), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_revision_without_exempt_parts_has_no_members_edition(
    client, committee, committee_member, governance_officer, django_capture_on_commit_callbacks
):
    report = report_with_content(committee, sections=1, paragraphs=1, status=Report.Status.APPROVED)
    revision = publish(report, governance_officer, django_capture_on_commit_callbacks)
    run_pdf_tasks()
    assert not RenderedPdf.objects.filter(members_revision=revision).exists()
    client.force_login(committee_member)
    response = client.get(url(report))
    assert response.status_code == 200
    assert response["ETag"] == f'"r{report.pk}.{revision.number}"'


@pytest.mark.pdf_worker_pending
def test_a_members_download_before_the_worker_gets_there_is_being_prepared_and_renders_nothing(
    client,
    with_exempt_passage,
    governance_officer,
    committee_member,
    django_capture_on_commit_callbacks,
    renders,
):
    from django.core.cache import cache

    cache.clear()
    revision = publish(with_exempt_passage, governance_officer, django_capture_on_commit_callbacks)
    client.force_login(committee_member)
    for address in (url(with_exempt_passage), f"/open-data/files/report/{with_exempt_passage.pk}/download"):
        early = client.get(address)
        assert early.status_code == 503, address
        assert "no-store" in early["Cache-Control"]
        assert SECRET not in early.content.decode()
    assert renders == []
    assert queued_pdf_tasks() == [revision.pk]

    run_pdf_tasks()
    assert renders == ["Depot contract", "Depot contract"]  # the public and the members' editions, once each
    assert SECRET in pdf_text(body(client.get(url(with_exempt_passage))))


@pytest.mark.pdf_worker_pending
def test_a_members_edition_the_worker_never_made_is_asked_for_once(
    client, with_exempt_passage, governance_officer, committee_member, django_capture_on_commit_callbacks
):
    from django.core.cache import cache
    from django_tasks_db.models import DBTaskResult

    revision = publish(with_exempt_passage, governance_officer, django_capture_on_commit_callbacks)
    run_pdf_tasks()
    RenderedPdf.objects.filter(members_revision=revision).delete()  # made before members' editions were kept
    DBTaskResult.objects.all().delete()
    cache.clear()
    client.force_login(committee_member)
    assert [client.get(url(with_exempt_passage)).status_code for _ in range(3)] == [503, 503, 503]
    assert queued_pdf_tasks() == [revision.pk]
    run_pdf_tasks()
    assert SECRET in pdf_text(body(client.get(url(with_exempt_passage))))


def test_clearing_stale_pdfs_keeps_the_members_edition(
    with_exempt_passage, governance_officer, django_capture_on_commit_callbacks
):
    import datetime

    revision = publish(with_exempt_passage, governance_officer, django_capture_on_commit_callbacks)
    run_pdf_tasks()
    members = RenderedPdf.objects.get(members_revision=revision)
    stale = pdf_store.stale_files(older_than=datetime.timedelta(0))
    assert members.file.name not in stale.files and members not in stale.rows
    RenderedPdf.objects.filter(pk=members.pk).delete()
    assert members.file.name in pdf_store.stale_files(older_than=datetime.timedelta(0)).files
