"""Size, SHA-512 checksum and text of the files the council builds itself, for OParl's File objects.

Uploaded files (appendices) have theirs recorded at upload. Built files do not: an agenda pack is
built in the background, a report's PDF rendered from its content. Their facts are recorded here
once per version of the file (`FileFacts.version`) and read back in one query per page of a list.
"""

from __future__ import annotations

import hashlib
import logging
import os

from committee.models import AgendaPack
from core.council import current_council
from documents import pdf_store
from documents.models import FileFacts
from documents.plaintext import report_plain_text
from reports import exemption
from reports.models import BackgroundPaper, Report
from reports.revisions import latest_published_revision, readable_structure, structure_from_snapshot

logger = logging.getLogger(__name__)


def pack_file_id(pack: AgendaPack) -> str:
    return f"agenda-pack-{pack.meeting_id}"


def agenda_pack_facts(packs: list[AgendaPack]) -> dict[int, FileFacts]:
    """Facts of these (built, public) packs by pack id. A pack is a stored file: a pack built since
    its facts were recorded is read and hashed once, here, and never again until it is rebuilt."""
    if not packs:
        return {}
    recorded = {
        facts.file_id: facts for facts in FileFacts.objects.filter(file_id__in=[pack_file_id(p) for p in packs])
    }
    found = {}
    for pack in packs:
        facts = recorded.get(pack_file_id(pack))
        if facts is None or facts.version != pack.fingerprint:
            facts = _record_pack(pack)
        if facts is not None:
            found[pack.pk] = facts
    return found


def _record_pack(pack: AgendaPack) -> FileFacts | None:
    digest, size = hashlib.sha512(), 0
    try:
        with pack.file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        return None
    facts, _ = FileFacts.objects.update_or_create(
        file_id=pack_file_id(pack),
        defaults={"version": pack.fingerprint, "size": size, "sha512": digest.hexdigest(), "text": ""},
    )
    return facts


# Background papers: uploaded files, hashed once per upload.


def background_paper_file_id(paper: BackgroundPaper) -> str:
    return f"background-paper-{paper.pk}"


def background_paper_facts(
    papers: list[BackgroundPaper], recorded: dict[str, FileFacts] | None = None
) -> dict[int, FileFacts]:
    """Facts of these papers' uploaded files by paper id (a paper held elsewhere has none).
    `recorded`: the facts already read for them, when the caller read them with others."""
    uploaded = [paper for paper in papers if paper.file]
    if not uploaded:
        return {}
    if recorded is None:
        ids = [background_paper_file_id(p) for p in uploaded]
        recorded = {facts.file_id: facts for facts in FileFacts.objects.filter(file_id__in=ids)}
    found = {}
    for paper in uploaded:
        facts = recorded.get(background_paper_file_id(paper))
        if facts is None or facts.version != paper.file.name:
            facts = _record_stored_file(background_paper_file_id(paper), paper.file, paper.file.name)
        if facts is not None:
            found[paper.pk] = facts
    return found


def _record_stored_file(file_id: str, stored_file, version: str) -> FileFacts | None:
    digest, size = hashlib.sha512(), 0
    try:
        with stored_file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
    except (FileNotFoundError, OSError):
        logger.warning("%s: %r is missing from storage", file_id, os.path.basename(stored_file.name))
        return None
    facts, _ = FileFacts.objects.update_or_create(
        file_id=file_id, defaults={"version": version, "size": size, "sha512": digest.hexdigest(), "text": ""}
    )
    return facts


# Report PDFs: rendered from the report, so recorded when published rather than when listed.


def report_file_id(report_id: int) -> str:
    return f"report-{report_id}"


def report_pdf_version(report: Report, published_revision: int | None) -> str:
    """Which PDF the report's address serves: a published revision's frozen PDF, or (a report
    published before revisions were kept) the PDF of the report as it stands."""
    if published_revision:
        return f"revision-{published_revision}"
    return f"as-of-{report.modified.isoformat()}"


def served_report_pdf(report: Report) -> tuple[bytes, object]:
    """The PDF the report's own address serves (web.views.downloads.report_pdf) and the structure
    it was rendered from, through documents/pdf.py's public functions (which cache it)."""
    revision = latest_published_revision(report) if report.status == Report.Status.PUBLISHED else None
    if revision is not None:
        return pdf_store.frozen_pdf_bytes(revision), structure_from_snapshot(exemption.public_edition(revision.content))
    # Open data describes what the public reads: the public edition.
    doc = readable_structure(report, None, entitled=False)
    data, _key = pdf_store.current_pdf_bytes(doc, report_id=report.pk)
    return data, doc


def current_version(report: Report) -> str:
    revision = latest_published_revision(report) if report.status == Report.Status.PUBLISHED else None
    return report_pdf_version(report, revision.number if revision else None)


def record_report_pdf(report: Report, data: bytes | None = None, doc=None) -> FileFacts:
    """Record the size, checksum and text of the report's PDF (rendering it unless given)."""
    version = current_version(report)
    if data is None or doc is None:
        data, doc = served_report_pdf(report)
    facts, _ = FileFacts.objects.update_or_create(
        file_id=report_file_id(report.pk),
        defaults={
            "version": version,
            "size": len(data),
            "sha512": hashlib.sha512(data).hexdigest(),
            # The PDF's words, as the plain-text download has them: the same content, without
            # reading the PDF back.
            "text": report_plain_text(doc, council_name=current_council().name),
        },
    )
    return facts


def report_facts_are_current(report: Report) -> bool:
    facts = FileFacts.objects.filter(file_id=report_file_id(report.pk)).first()
    return facts is not None and facts.version == current_version(report)


def record_published_report_pdf(report_id: int) -> None:
    """Record the facts of a public report's published PDF, unless they are current (documents/tasks.py
    runs this after rendering it). Exempt reports' PDFs are never described in open data."""
    report = Report.objects.public().filter(pk=report_id).first()
    if report is None or report_facts_are_current(report):
        return
    record_report_pdf(report)
