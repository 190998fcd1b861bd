"""Rendered report PDFs, kept as files: a download is a lookup, and nothing is rendered twice.

- **A published revision's PDF is frozen with it.** The worker (documents/tasks.py) renders the
  revision from its snapshot once it is published (``frozen_pdf``), stores the file
  (reports/<id>/published/revision-<n>.pdf) and records it (``RenderedPdf``). A download then needs one
  query for the revision and its file, and answers with the file itself. It is never rendered inside a
  request: the few people who click "PDF" as an agenda is published would otherwise hold every web
  process for the seconds a long report takes. The revision's row is locked while it renders, so two
  workers never render it twice.
- **A published revision with exempt parts** (reports/exemption.py) has a second file, its members'
  edition with the exempt parts in place (reports/<id>/members/revision-<n>.pdf, ``members_pdf``),
  rendered by the worker in the same way and served only to those entitled to Part 2.
- **A published revision's Welsh edition** (its public edition, each block's Welsh where it has some:
  reports/welsh_edition.py) is a third file (reports/<id>/welsh/revision-<n>.pdf, ``welsh_pdf``), tagged
  ``cy``, rendered by the worker for a Welsh council when the report is published and for any other when
  first asked for at a /cy/ address.
- **A published revision's members' edition in Welsh** (exempt parts in place, each block's Welsh:
  reports/<id>/members-welsh/revision-<n>.pdf, ``members_welsh_pdf``), tagged ``cy``, for a Part 2
  reader at a /cy/ address: rendered by the worker at publication for a Welsh council, else when asked for.
- **A report not yet published** (drafts and previews, seen by staff only) keeps the PDF of its current
  content, named by the hash of its inputs (pdf-cache/ab/<hash>.pdf). The worker renders it too
  (documents/tasks.py ``render_draft_pdf``): the request only looks for the file, and asks for it once.
  Those inputs span a dozen tables (sections, wards, contact officers, the template, the committee,
  the council's settings), so the request renders the print HTML to hash it rather than trust a
  timestamp an edit elsewhere might not move; the same content is never laid out a second time.
- **Stale files** — drafts' PDFs whose report has changed since, files no row refers to — are removed
  by ``manage.py clear_stale_pdfs`` (``stale_files``/``clear_stale`` below).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from core.council import current_council
from core.language import WELSH
from documents import bilingual_pdf as bilingual_pdf_file
from documents import pdf
from reports import exemption, welsh_edition
from reports.models import RenderedPdf, Report, ReportRevision
from reports.revisions import structure_from_snapshot
from reports.structure import ReportStructure

logger = logging.getLogger(__name__)

CACHE_FOLDER = "pdf-cache"
# Folders whose PDFs this module writes, and so may remove when nothing refers to them.
FROZEN_FOLDER = "reports"


def frozen_pdf_path(revision: ReportRevision) -> str:
    return f"{FROZEN_FOLDER}/{revision.report_id}/published/revision-{revision.number}.pdf"


def members_pdf_path(revision: ReportRevision) -> str:
    return f"{FROZEN_FOLDER}/{revision.report_id}/members/revision-{revision.number}.pdf"


def welsh_pdf_path(revision: ReportRevision) -> str:
    return f"{FROZEN_FOLDER}/{revision.report_id}/welsh/revision-{revision.number}.pdf"


def bilingual_pdf_path(revision: ReportRevision, layout: str) -> str:
    return f"{FROZEN_FOLDER}/{revision.report_id}/bilingual/revision-{revision.number}-{layout}.pdf"


def members_welsh_pdf_path(revision: ReportRevision) -> str:
    return f"{FROZEN_FOLDER}/{revision.report_id}/members-welsh/revision-{revision.number}.pdf"


def cache_path(key: str) -> str:
    return f"{CACHE_FOLDER}/{key[:2]}/{key}.pdf"


# Published revisions -----------------------------------------------------------------------------


def published_revision_for_download(report: Report) -> ReportRevision | None:
    """The revision a published report's PDF comes from, with its rendered file if there is one.
    Its snapshot (``content``, the whole report as JSON) is left in the database: the download
    does not need it."""
    if report.status != Report.Status.PUBLISHED:
        return None
    return (
        report.revisions.filter(is_published=True)
        .defer("content")
        .select_related("rendered_pdf", "members_pdf", "welsh_pdf", "members_welsh_pdf")
        .order_by("-number")
        .first()
    )


def recorded(revision: ReportRevision) -> RenderedPdf | None:
    try:
        return revision.rendered_pdf
    except RenderedPdf.DoesNotExist:
        return None


def recorded_welsh_pdf(revision: ReportRevision) -> RenderedPdf | None:
    try:
        return revision.welsh_pdf
    except RenderedPdf.DoesNotExist:
        return None


def welsh_pdf(revision: ReportRevision) -> RenderedPdf:
    """The revision's Welsh edition: the one recorded, else rendered from its snapshot now and kept.
    The public edition, as the frozen English PDF is: served to everybody reading in Welsh."""
    return _kept_edition(revision, "welsh_revision", welsh_pdf_path, entitled=False, welsh=True)


def members_welsh_pdf(revision: ReportRevision) -> RenderedPdf | None:
    """The members' edition in Welsh: each block's Welsh, exempt parts in place; the one recorded, else
    rendered now and kept. None if the revision has no exempt parts (the Welsh edition is then everybody's)."""
    return _kept_edition(revision, "members_welsh_revision", members_welsh_pdf_path, entitled=True, welsh=True)


def stored_bilingual_pdf(revision: ReportRevision) -> str | None:
    """Where the revision's PDF in both languages (as the council sets them out now) is kept, if it is."""
    path = bilingual_pdf_path(revision, current_council().bilingual_layout)
    return path if default_storage.exists(path) else None


def bilingual_pdf(revision: ReportRevision) -> str:
    """The revision's public edition in Welsh and English in one PDF (documents/bilingual_pdf.py), in the
    council's layout: the file kept, else rendered now and kept. Frozen with the revision, as its other
    editions are; a council that changes its layout gets new files, the old ones kept for the old links."""
    layout = current_council().bilingual_layout
    path = bilingual_pdf_path(revision, layout)
    if default_storage.exists(path):
        return path
    with transaction.atomic():
        locked = ReportRevision.objects.select_for_update().get(pk=revision.pk)
        if default_storage.exists(path):
            return path
        data = bilingual_pdf_file.render_bilingual_pdf(exemption.public_edition(locked.content), layout)
        return default_storage.save(path, ContentFile(data))


def recorded_members_welsh_pdf(revision: ReportRevision) -> RenderedPdf | None:
    try:
        return revision.members_welsh_pdf
    except RenderedPdf.DoesNotExist:
        return None


def _kept_edition(revision: ReportRevision, field: str, path_of, *, entitled: bool, welsh: bool) -> RenderedPdf | None:
    """One edition of a published revision, recorded in the ``field`` of its RenderedPdf: the one kept,
    else rendered from the snapshot now (the revision's row locked, so it is rendered once) and kept.
    A members' edition (``entitled``) exists only for a revision with exempt parts."""
    found = RenderedPdf.objects.filter(**{f"{field}_id": revision.pk}).first()
    if found is not None:
        return found
    with transaction.atomic():
        locked = ReportRevision.objects.select_for_update().get(pk=revision.pk)
        found = RenderedPdf.objects.filter(**{f"{field}_id": locked.pk}).first()
        if found is not None or (entitled and not exemption.has_exempt_parts(locked.content)):
            return found
        with translation.override(WELSH if welsh else settings.LANGUAGE_CODE):
            doc = structure_from_snapshot(exemption.edition(locked.content, entitled=entitled))
            if welsh:
                doc = welsh_edition.welsh_edition(doc)
            html = pdf.report_print_html(doc)
            data = pdf.render_report_pdf(doc, html=html)
            filename = pdf.download_name(doc, "pdf")
        path = default_storage.save(path_of(locked), ContentFile(data))
        return RenderedPdf.objects.create(
            report_id=locked.report_id,
            key=pdf.report_pdf_key(doc, html),
            file=path,
            filename=filename,
            size=len(data),
            rendered_at=timezone.now(),
            **{field: locked},
        )


def recorded_members_pdf(revision: ReportRevision) -> RenderedPdf | None:
    try:
        return revision.members_pdf
    except RenderedPdf.DoesNotExist:
        return None


def frozen_pdf(revision: ReportRevision) -> RenderedPdf:
    """The revision's frozen PDF: the one recorded, else rendered from its snapshot now and kept."""
    found = RenderedPdf.objects.filter(revision_id=revision.pk).first()
    if found is not None:
        return found

    with transaction.atomic():
        # Whoever renders holds the revision's row; anyone else waits here, then finds the file below.
        locked = ReportRevision.objects.select_for_update().get(pk=revision.pk)
        found = RenderedPdf.objects.filter(revision_id=locked.pk).first()
        if found is not None:
            return found
        # The frozen file is served to everybody and kept by shared caches: always the public edition.
        doc = structure_from_snapshot(exemption.public_edition(locked.content))
        path = frozen_pdf_path(locked)
        if default_storage.exists(path):
            # Frozen before PDFs were recorded: it is what was published, so keep it as it is.
            key, size = "", default_storage.size(path)
        else:
            html = pdf.report_print_html(doc)
            key = pdf.report_pdf_key(doc, html)
            data = pdf.render_report_pdf(doc, html=html)
            path, size = default_storage.save(path, ContentFile(data)), len(data)
        return RenderedPdf.objects.create(
            report_id=locked.report_id,
            revision=locked,
            key=key,
            file=path,
            filename=pdf.download_name(doc, "pdf"),
            size=size,
            rendered_at=timezone.now(),
        )


def members_pdf(revision: ReportRevision) -> RenderedPdf | None:
    """The members' edition of a published revision: the whole report, exempt parts in place; the one
    recorded, else rendered from its snapshot now and kept. None if the revision has no exempt parts
    (its frozen PDF is then everybody's)."""
    return _kept_edition(revision, "members_revision", members_pdf_path, entitled=True, welsh=False)


# Reports not yet published -----------------------------------------------------------------------


@dataclass
class CurrentInputs:
    """What a report's PDF is made from as it stands, rendered once per request: the print HTML and its hash."""

    report_id: int
    doc: object
    html: str
    key: str


def current_inputs(doc: ReportStructure, report_id: int | None = None) -> CurrentInputs:
    """``report_id`` when ``doc`` is read from a snapshot, which does not know it."""
    html = pdf.report_print_html(doc)
    report_id = report_id if report_id is not None else doc.report.pk
    return CurrentInputs(report_id=report_id, doc=doc, html=html, key=pdf.report_pdf_key(doc, html))


def stored_current_pdf(inputs: CurrentInputs) -> RenderedPdf | None:
    """The file kept for these inputs, if there is one: never renders."""
    found = _drafts().filter(report_id=inputs.report_id, key=inputs.key).first()
    if found is not None and default_storage.exists(found.file.name):
        return found
    return None


def current_pdf(inputs: CurrentInputs) -> RenderedPdf:
    """The PDF of the report as it stands: the file kept for these inputs, else rendered (once) and kept.
    The worker calls this (documents/tasks.py); a request only looks (``stored_current_pdf``)."""
    found = stored_current_pdf(inputs)
    if found is not None:
        return found
    path = cache_path(inputs.key)
    if default_storage.exists(path):
        size = default_storage.size(path)
    else:
        data = pdf.render_report_pdf(inputs.doc, html=inputs.html)
        if default_storage.exists(path):  # another request stored the same file meanwhile
            size = default_storage.size(path)
        else:
            path, size = default_storage.save(path, ContentFile(data)), len(data)
    fields = {
        "key": inputs.key,
        "file": path,
        "filename": pdf.download_name(inputs.doc, "pdf"),
        "size": size,
        "rendered_at": timezone.now(),
    }
    try:
        rendered, _ = _drafts().update_or_create(report_id=inputs.report_id, defaults=fields)
    except IntegrityError:  # two first renders of the same report at once: the other one's row will do
        rendered = _drafts().get(report_id=inputs.report_id)
    return rendered


def _drafts():
    """The PDFs of reports as they stand, not of a published revision."""
    return RenderedPdf.objects.filter(
        revision__isnull=True,
        members_revision__isnull=True,
        welsh_revision__isnull=True,
        members_welsh_revision__isnull=True,
    )


# Stale files -------------------------------------------------------------------------------------


@dataclass
class Stale:
    """What ``clear_stale`` removes: rows no download will use again, and files no row refers to."""

    rows: list[RenderedPdf]
    files: list[str]


def _files_under(folder: str) -> Iterator[str]:
    try:
        directories, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from _files_under(f"{folder}/{directory}")


def _our_pdfs() -> Iterator[str]:
    yield from _files_under(CACHE_FOLDER)
    for name in _files_under(FROZEN_FOLDER):
        kept = ("/published/revision-", "/members/revision-", "/welsh/revision-", "/members-welsh/revision-")
        if "/bilingual/revision-" in name:  # kept with its revision, as its other editions are (no row)
            continue
        if any(folder in name for folder in kept) and name.endswith(".pdf"):
            yield name


def stale_files(*, older_than: datetime.timedelta = datetime.timedelta(hours=1), now=None) -> Stale:
    """Drafts' PDFs of reports published since (their downloads now come from the published revision),
    and PDF files no row refers to that are older than ``older_than`` — younger ones may belong to a
    render whose row is not committed yet."""
    now = now or timezone.now()
    superseded = list(
        _drafts()
        .filter(
            report__status=Report.Status.PUBLISHED,
            report__revisions__is_published=True,
        )
        .distinct()
    )
    keep = set(RenderedPdf.objects.exclude(pk__in=[row.pk for row in superseded]).values_list("file", flat=True))
    files = []
    for name in _our_pdfs():
        if name in keep:
            continue
        try:
            modified = default_storage.get_modified_time(name)
        except (FileNotFoundError, NotImplementedError):
            continue
        if now - modified >= older_than:
            files.append(name)
    files += [row.file.name for row in superseded if row.file.name not in keep and row.file.name not in files]
    return Stale(rows=superseded, files=sorted(files))


def clear_stale(stale: Stale) -> None:
    RenderedPdf.objects.filter(pk__in=[row.pk for row in stale.rows]).delete()
    for name in stale.files:
        default_storage.delete(name)


def frozen_pdf_bytes(revision: ReportRevision) -> bytes:
    """The PDF of a published revision, frozen with it (`frozen_pdf`)."""
    with frozen_pdf(revision).file.open("rb") as handle:
        return handle.read()


def current_pdf_bytes(doc: ReportStructure, report_id: int | None = None) -> tuple[bytes, str]:
    """The report's PDF as it stands and its cache key, rendered once per distinct content (`current_pdf`)."""
    rendered = current_pdf(current_inputs(doc, report_id))
    with rendered.file.open("rb") as handle:
        return handle.read(), rendered.key
