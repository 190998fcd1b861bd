"""What the worker does once a report is published: one task a published revision renders its PDF,
once, and records the PDF's open-data facts (size, checksum, text); if the revision has exempt parts,
it renders their members' edition too (the whole report, for those entitled to Part 2). It also renders the PDF preview
of a draft (``render_draft_pdf``), once for each distinct content.

A download that arrives before the worker has rendered the PDF asks it again (`ready_pdf`), once
however many people ask, in case its queue lost the task: nothing is rendered inside a request.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django_tasks import task

from core.council import current_council
from documents import file_facts, pdf_store
from reports.models import RenderedPdf, Report, ReportRevision
from reports.structure import loaded_structure

# How long a request's "render it" stands before another request may ask the worker again.
ASKED_SECONDS = 300


@task()
def render_published_report(revision_id: int) -> None:
    """Render the published revision's PDF (kept as a file for ever) and record its facts for open data."""
    revision = ReportRevision.objects.filter(pk=revision_id, is_published=True).defer("content").first()
    if revision is None:
        return
    pdf_store.frozen_pdf(revision)
    file_facts.record_published_report_pdf(revision.report_id)
    pdf_store.members_pdf(revision)
    if current_council().is_welsh:  # published in Welsh as well as English, for the public and for members
        pdf_store.welsh_pdf(revision)
        pdf_store.members_welsh_pdf(revision)
        pdf_store.bilingual_pdf(revision)


@task()
def render_bilingual_pdf(revision_id: int) -> None:
    """Render a published revision's PDF in Welsh and English (asked for by a download)."""
    revision = ReportRevision.objects.filter(pk=revision_id, is_published=True).defer("content").first()
    if revision is not None:
        pdf_store.bilingual_pdf(revision)


def ready_bilingual_pdf(revision: ReportRevision) -> str | None:
    """Where the revision's PDF in both languages is kept, if the worker has rendered it; if not, None,
    with the worker asked to render it, once however many people ask meanwhile."""
    path = pdf_store.stored_bilingual_pdf(revision)
    if path is None and cache.add(f"pdf-asked-bilingual:{revision.pk}", True, timeout=ASKED_SECONDS):
        render_bilingual_pdf.enqueue(revision.pk)
    return path


@task()
def render_welsh_pdf(revision_id: int) -> None:
    """Render the Welsh editions of a published revision (asked for at a /cy/ address): the public one,
    and the members' one if it has exempt parts."""
    revision = ReportRevision.objects.filter(pk=revision_id, is_published=True).defer("content").first()
    if revision is not None:
        pdf_store.welsh_pdf(revision)
        pdf_store.members_welsh_pdf(revision)


def queue_published_report(revision: ReportRevision) -> None:
    """Once the publication is committed, have the worker render the revision's PDF and record its facts."""

    def ask() -> None:
        render_published_report.enqueue(revision.pk)
        cache.set(_asked_key(revision.pk), True, timeout=ASKED_SECONDS)

    transaction.on_commit(ask)


def ready_pdf(revision: ReportRevision) -> RenderedPdf | None:
    """The revision's PDF if the worker has rendered it; if not, None, with the worker asked to render
    it — once, however many people ask meanwhile (publication queued it already; this covers a queue
    lost, or a revision published before PDFs were kept)."""
    rendered = pdf_store.recorded(revision)
    if rendered is None and cache.add(_asked_key(revision.pk), True, timeout=ASKED_SECONDS):
        render_published_report.enqueue(revision.pk)
    return rendered


def ready_members_pdf(revision: ReportRevision) -> RenderedPdf | None:
    """The members' edition of a revision with exempt parts, if the worker has rendered it; if not,
    None, with the worker asked to render the revision's files, as `ready_pdf` does."""
    rendered = pdf_store.recorded_members_pdf(revision)
    if rendered is None and cache.add(_asked_key(revision.pk), True, timeout=ASKED_SECONDS):
        render_published_report.enqueue(revision.pk)
    return rendered


def ready_welsh_pdf(revision: ReportRevision) -> RenderedPdf | None:
    """The Welsh edition of a published revision, if the worker has rendered it; if not, None, with the
    worker asked to render it, once however many people ask meanwhile."""
    rendered = pdf_store.recorded_welsh_pdf(revision)
    if rendered is None and cache.add(f"pdf-asked-cy:{revision.pk}", True, timeout=ASKED_SECONDS):
        render_welsh_pdf.enqueue(revision.pk)
    return rendered


def ready_members_welsh_pdf(revision: ReportRevision) -> RenderedPdf | None:
    """The members' edition in Welsh, if the worker has rendered it; if not, None, with the worker asked
    to render the Welsh editions, as `ready_welsh_pdf` does."""
    rendered = pdf_store.recorded_members_welsh_pdf(revision)
    if rendered is None and cache.add(f"pdf-asked-cy:{revision.pk}", True, timeout=ASKED_SECONDS):
        render_welsh_pdf.enqueue(revision.pk)
    return rendered


def _asked_key(revision_id: int) -> str:
    return f"pdf-asked:{revision_id}"


# Drafts' PDF previews ------------------------------------------------------------------------------


@task()
def render_draft_pdf(report_id: int, key: str) -> None:
    """Render the PDF of a report as it stands now (its content may have moved on since ``key`` was
    asked for: then the newer content is rendered, and the page asks again for what it finds)."""
    report = Report.objects.filter(pk=report_id).first()
    if report is not None:
        pdf_store.current_pdf(pdf_store.current_inputs(loaded_structure(report)))
    cache.delete(_draft_asked_key(report_id, key))


def ready_draft_pdf(inputs: pdf_store.CurrentInputs) -> RenderedPdf | None:
    """The PDF of a draft as it stands, if the worker has rendered this content; if not, None, with
    the worker asked to render it — once, however often the page asks meanwhile."""
    rendered = pdf_store.stored_current_pdf(inputs)
    if rendered is None and cache.add(_draft_asked_key(inputs.report_id, inputs.key), True, timeout=ASKED_SECONDS):
        render_draft_pdf.enqueue(inputs.report_id, inputs.key)
    return rendered


def _draft_asked_key(report_id: int, key: str) -> str:
    return f"pdf-draft-asked:{report_id}:{key}"
