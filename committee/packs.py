"""Agenda packs: one tagged PDF of a meeting's cover, agenda and papers, built in the background.

The public pack holds the cover, the agenda (Part 2 items by title and paragraph only) and every
public report. The members' pack, for the committee's members and the governance team, also holds
the Part 2 reports. Each pack is kept until something in it changes: its fingerprint (the meeting,
its published items, their reports, the committee's members) no longer matches, and it is rebuilt.

How it is put together: each part (the cover with the agenda, then each report) is laid out as its
own WeasyPrint document and the pages are combined with ``Document.copy`` — which keeps the PDF tags,
where merging finished PDFs would destroy them. One page numbering runs through the pack: the parts
are laid out once to count their pages, then again with their first page number and the pack's
total. Agenda entries link to their report's first page and carry its page number; each item has a
top-level bookmark. Uploaded PDF appendices cannot be laid out, so they follow the papers at the end
with a bookmark each (reports/pdf_appendices.py appends them into the tagged pack).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

import weasyprint
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from committee.agenda import Agenda, agenda_for
from committee.models import AgendaItem, AgendaPack, Meeting, Membership
from reports import pdf
from reports.models import Report
from reports.structure import prefetch_report, report_structure

logger = logging.getLogger(__name__)
RENDERER_VERSION = "1"
MAX_LAYOUT_ROUNDS = 4


class _MembersView:
    """Who the members' pack is laid out for: sees every published item, Part 2 included."""

    is_authenticated = True
    is_superuser = True
    pk = None

    def __init__(self):
        self._access_groups = frozenset()
        self._access_committees = frozenset()


def _reader(variant: str):
    return _MembersView() if variant == AgendaPack.Variant.MEMBERS else AnonymousUser()


def _published_agenda(meeting: Meeting, variant: str) -> Agenda:
    """The published agenda as the pack's reader sees it (never unpublished supplementary items)."""
    items = [
        item
        for item in meeting.agenda_items.select_related("report")
        if item.publication_id is not None or not item.is_supplementary
    ]
    return agenda_for(meeting, _reader(variant), items)


def _pack_reports(agenda: Agenda, variant: str) -> list[tuple[str, AgendaItem, Report]]:
    """(number, item, report) for each paper in the pack: published reports only; Part 2 only for members."""
    papers = []
    for entry in agenda.entries:
        report = entry.item.report
        if report is None or report.status != Report.Status.PUBLISHED:
            continue
        exempt = entry.is_exempt or report.is_exempt
        if exempt and variant != AgendaPack.Variant.MEMBERS:
            continue
        papers.append((entry.number, entry.item, report))
    return papers


def variants_for(meeting: Meeting) -> list[str]:
    has_part2 = meeting.agenda_items.filter(part=AgendaItem.Part.EXEMPT).exists()
    return [AgendaPack.Variant.PUBLIC] + ([AgendaPack.Variant.MEMBERS] if has_part2 else [])


def fingerprint(meeting: Meeting, variant: str) -> str:
    """A hash of everything the pack shows: when any of it changes, the pack is rebuilt."""
    meeting = Meeting.objects.select_related("committee", "venue").get(pk=meeting.pk)
    agenda = _published_agenda(meeting, variant)
    digest = hashlib.sha256()

    def add(*parts):
        digest.update("\x1f".join(str(p) for p in parts).encode())
        digest.update(b"\x1e")

    add(RENDERER_VERSION, weasyprint.__version__, variant, settings.COUNCIL_NAME)
    add(meeting.starts_at.isoformat(), meeting.status, meeting.venue_id, meeting.venue and meeting.venue.modified)
    for entry in agenda.entries:
        item = entry.item
        add(entry.number, item.pk, item.title, item.description, item.part, item.exempt_paragraph, item.report_id)
    for _number, _item, report in _pack_reports(agenda, variant):
        add(report.pk, report.modified.isoformat(), report.status)
        for appendix in report.appendices.all():
            add(appendix.pk, appendix.title, appendix.sha512, appendix.size)
    for membership in Membership.objects.filter(committee_id=meeting.committee_id).select_related("person"):
        add(membership.pk, membership.role, membership.modified.isoformat(), membership.person.name)
    return digest.hexdigest()


# Building -----------------------------------------------------------------


@dataclass
class _Part:
    """One laid-out piece of the pack: the front (cover and agenda) or one report."""

    html: str
    title: str
    anchor: str = ""
    item_id: int | None = None
    pages: int = 0
    first_page: int = 1
    appendices: list = field(default_factory=list)


def _layout(part: _Part, *, first_page: int, total: int | None) -> weasyprint.Document:
    numbering = f'"Page " counter(page) " of {total}"' if total else '"Page " counter(page)'
    css = weasyprint.CSS(
        string=(
            f"@page {{ @bottom-right {{ content: {numbering}; }} }}"
            f"@page :first {{ counter-reset: page {first_page}; }}"
            # Items are the pack's top-level bookmarks; a report's own headings sit beneath them.
            "[data-pack-bookmark] { bookmark-level: 1; bookmark-label: attr(data-pack-bookmark); }"
            "h1, h3, h4, .pack-cover h2 { bookmark-level: none; } h2 { bookmark-level: 2; }"
        )
    )
    document = weasyprint.HTML(
        string=part.html, base_url=pdf._base_url(), url_fetcher=pdf.StaticOnlyFetcher(), media_type="print"
    ).render(stylesheets=[pdf.print_stylesheet(), css], pdf_variant=pdf.PDF_VARIANT, pdf_tags=True)
    return document


def _cover_context(meeting: Meeting, agenda: Agenda, variant: str) -> dict:
    memberships = [
        m
        for m in Membership.objects.filter(committee_id=meeting.committee_id).select_related("person")
        if m.is_current(meeting.date)
    ]
    clerks = [m.person for m in memberships if m.role == Membership.Role.CLERK]
    members = [m for m in memberships if m.role != Membership.Role.CLERK]
    order = {role: index for index, role in enumerate(Membership.Role.values)}
    members.sort(key=lambda m: (order[m.role], m.person.name))
    return {
        "meeting": meeting,
        "agenda": agenda,
        "members": members,
        "contact": clerks[0] if clerks else None,
        "council_name": settings.COUNCIL_NAME,
        "council_logo": settings.COUNCIL_LOGO,
        "is_members_pack": variant == AgendaPack.Variant.MEMBERS,
    }


def _front_html(context: dict, pages: dict[int, int]) -> str:
    return render_to_string("committee/pack/front.html", {**context, "pages": pages})


def _report_html(number: str, item: AgendaItem, report: Report) -> tuple[str, list]:
    doc = report_structure(prefetch_report().get(pk=report.pk))
    html = pdf.report_print_html(doc)
    marker = (
        f'<div id="pack-item-{item.pk}" data-pack-bookmark="{number}. {_attr(item.title)}" class="council-pack-start">'
        "</div>"
    )
    body = html.find("<body")
    body_end = html.find(">", body) + 1 if body >= 0 else 0
    return html[:body_end] + marker + html[body_end:], pdf._appendices(doc)


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def build_pack_pdf(meeting: Meeting, variant: str, progress=lambda percent: None) -> tuple[bytes, int]:
    """The pack as PDF bytes and its page count."""
    meeting = Meeting.objects.select_related("committee", "venue").get(pk=meeting.pk)
    agenda = _published_agenda(meeting, variant)
    context = _cover_context(meeting, agenda, variant)
    papers = _pack_reports(agenda, variant)
    parts = []
    for number, item, report in papers:
        html, appendices = _report_html(number, item, report)
        parts.append(_Part(html=html, title=report.title, item_id=item.pk, appendices=appendices))
    front = _Part(html=_front_html(context, {}), title="Agenda")
    steps = 2 * (len(parts) + 1) + 1
    done = 0

    def step():
        nonlocal done
        done += 1
        progress(min(99, int(100 * done / steps)))

    # First layout: count every part's pages.
    for part in parts:
        part.pages = len(_layout(part, first_page=1, total=None).pages)
        step()
    # The front carries the page numbers of the papers, which depend on its own length: settle it.
    pages: dict[int, int] = {}
    for _round in range(MAX_LAYOUT_ROUNDS):
        front.pages = len(_layout(front, first_page=1, total=None).pages)
        start = front.pages + 1
        new_pages = {}
        for part in parts:
            part.first_page = start
            new_pages[part.item_id] = start
            start += part.pages
        front.html = _front_html(context, new_pages)
        if new_pages == pages:
            break
        pages = new_pages
    step()
    total = front.pages + sum(part.pages for part in parts)
    documents = [_layout(front, first_page=1, total=total)]
    step()
    for part in parts:
        documents.append(_layout(part, first_page=part.first_page, total=total))
        step()
    title = f"Agenda pack: {meeting.committee.name}, {meeting.date:%-d %B %Y}"
    combined = pdf.combine_documents(documents, title=title)
    combined.metadata.authors = [settings.COUNCIL_NAME]
    data = pdf.write_pdf(combined)
    appendices = [
        (f"Item {number} – {appendix.title}", appendix.data)
        for (number, _item, _report), part in zip(papers, parts, strict=True)
        for appendix in part.appendices
    ]
    if appendices:
        from reports.pdf_appendices import append_pdfs

        data = append_pdfs(data, appendices)
    return data, total


def _set_progress(pack_id: int, percent: int) -> None:
    AgendaPack.objects.filter(pk=pack_id).update(progress=percent)


@task()
def build_pack(pack_id: int) -> None:
    """The background task: build one pack, store it, and mark it ready (or failed, with why)."""
    pack = AgendaPack.objects.select_related("meeting").filter(pk=pack_id).first()
    if pack is None:
        return
    current = fingerprint(pack.meeting, pack.variant)
    AgendaPack.objects.filter(pk=pack.pk).update(
        status=AgendaPack.Status.BUILDING, progress=0, fingerprint=current, error=""
    )
    try:
        data, pages = build_pack_pdf(pack.meeting, pack.variant, lambda p: _set_progress(pack.pk, p))
    except Exception as error:  # a broken pack must say so on the page, not stay "building" for ever
        logger.exception("Agenda pack %s failed", pack.pk)
        AgendaPack.objects.filter(pk=pack.pk).update(status=AgendaPack.Status.FAILED, error=str(error)[:500])
        return
    pack.refresh_from_db()
    old = pack.file.name if pack.file else ""
    pack.file.save(f"{pack.variant}-{current[:12]}.pdf", ContentFile(data), save=False)
    pack.status = AgendaPack.Status.READY
    pack.progress = 100
    pack.size = len(data)
    pack.page_count = pages
    pack.built_at = timezone.now()
    try:
        pack.save(update_fields=["file", "status", "progress", "size", "page_count", "built_at"])
    except BaseException:
        # The row still points at the last good pack: keep that file, drop the new one.
        if pack.file.name != old:
            pack.file.storage.delete(pack.file.name)
        raise
    # Only once the row points at the new file is the old one no longer needed.
    if old and old != pack.file.name:
        pack.file.storage.delete(old)


def request_packs(meeting: Meeting) -> list[AgendaPack]:
    """Queue a build of each pack whose content changed since it was built. Safe to call often."""
    if not meeting.agenda_is_published:
        return []
    queued = []
    for variant in variants_for(meeting):
        current = fingerprint(meeting, variant)
        with transaction.atomic():
            pack, _ = AgendaPack.objects.select_for_update().get_or_create(meeting=meeting, variant=variant)
            up_to_date = pack.fingerprint == current and pack.status != AgendaPack.Status.FAILED
            if up_to_date:
                continue
            pack.status = AgendaPack.Status.QUEUED
            pack.progress = 0
            pack.fingerprint = current
            pack.save(update_fields=["status", "progress", "fingerprint"])
            pk = pack.pk
            transaction.on_commit(lambda pk=pk: build_pack.enqueue(pk))
        queued.append(pack)
    return queued
