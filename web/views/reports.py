from __future__ import annotations

import functools
from types import SimpleNamespace

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.http import require_safe

from committee import access, routes
from core import bilingual
from documents.file_facts import background_paper_facts
from reports import access as report_access
from reports import kept_bodies, revisions, welsh_edition
from reports.dashboard import dashboard_for
from reports.models import Report
from reports.published import with_exempt_flag
from reports.structure import prefetch_report, report_structure
from web import fragments


@functools.cache
def _reports_with_their_places():
    """Reports with their committee, meeting and template, and whether each was last published exempt
    (the access check needs it for a published report). Built once: the annotation's subqueries take
    longer to build than a kept page takes to serve. Never evaluated itself, only filtered (a copy)."""
    return with_exempt_flag(Report.objects.select_related("committee", "meeting__venue", "template"))


def get_report_for_user(request, pk: int, write: bool = False) -> Report:
    """404 for people who may not know the report exists; 403 for read-only people asking to write."""
    report = get_object_or_404(_reports_with_their_places(), pk=pk)
    _check_may_view(request, report)
    if write and not report_access.can_edit_report(request.user, report):
        raise PermissionDenied("You may read this report but not change it.")
    return report


def _check_may_view(request, report: Report) -> None:
    if not report_access.can_view_report(request.user, report):
        raise Http404("No report here")


@require_safe
@login_required
def dashboard(request):
    if not access.is_staff_user(request.user):
        raise PermissionDenied

    board = dashboard_for(request.user)
    context = {**board.__dict__, "may_start": access.is_author(request.user)}
    return render(request, "reports/dashboard.html", context)


_FILE_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook",
}
_EXTENSIONS = {"pdf": "PDF", "docx": "Word document", "xlsx": "Excel workbook"}


def _file_type(name: str, content_type: str = "") -> str:
    return _FILE_TYPES.get(content_type) or _EXTENSIONS.get(name.rsplit(".", 1)[-1].lower(), "File")


def _appendix_entry(report: Report, appendix, label: str) -> dict:
    return {
        "label": label,
        "title": appendix.title,
        "url": reverse("reports:appendix_file", args=[report.pk, appendix.pk]),
        "kind": _file_type(appendix.file.name, appendix.content_type),
        "size": appendix.size,
    }


def _redacted_entry(report: Report, appendix, label: str) -> dict:
    return {
        "label": label,
        "title": f"{appendix.title} (redacted version)",
        "url": reverse("reports:appendix_redacted_file", args=[report.pk, appendix.pk]),
        "kind": _file_type(appendix.redacted_file.name, appendix.redacted_content_type),
        "size": appendix.redacted_size,
    }


def _paper_entries(report: Report, papers: list) -> list[dict]:
    sizes = {pk: facts.size for pk, facts in background_paper_facts([p for p in papers if not p.url]).items()}
    return [
        {
            "title": p.title,
            "url": p.url or reverse("reports:paper_file", args=[report.pk, p.pk]),
            "kind": "Web page" if p.url else _file_type(p.file.name),
            "size": None if p.url else sizes.get(p.pk),
        }
        for p in papers
    ]


def report_files(user, report: Report, published_content: dict | None, doc=None) -> dict[str, list[dict]]:
    """The report's appendices and background papers this visitor may open, each with its label,
    file type and size, for the report page's list of them. A published report lists the files of its
    published revision, labelled as that revision printed them (no query when it has none); a report
    not yet published lists its own, labelled as its template says."""
    if published_content is None:
        loaded = doc if doc is not None else report_structure(prefetch_report().get(pk=report.pk))
        appendices = [(a, a.label) for a in loaded.appendices]
        papers = [p for p in loaded.background_papers if p.url or p.file]
    else:
        kept = revisions.structure_from_snapshot(published_content, uploaded={})
        labels = {a.file: a.label for a in kept.appendices}
        stored = report.appendices.filter(file__in=list(labels)) if labels else []
        appendices = [(a, labels[a.file.name]) for a in sorted(stored, key=lambda a: list(labels).index(a.file.name))]
        names = [p.file for p in kept.background_papers if p.file and not p.url]
        uploaded = {p.file.name: p for p in report.background_papers.filter(file__in=names)} if names else {}
        papers = [p if p.url else uploaded.get(p.file) for p in kept.background_papers]
        papers = [p for p in papers if p is not None]
    entries = []
    for a, label in appendices:
        if report_access.can_open_report_file(user, report, a):
            entries.append(_appendix_entry(report, a, label))
        elif a.redacted_file and report_access.can_open_redacted_appendix(user, report, a):
            entries.append(_redacted_entry(report, a, label))
    return {
        "appendices": entries,
        "papers": _paper_entries(
            report, [p for p in papers if p.url or report_access.can_open_report_file(user, report, p)]
        ),
    }


def _report_and_latest(pk: int, *, content: bool, route: bool = False) -> tuple[Report, object]:
    """The report (404 if there is none) and, when published, its latest published revision: a
    correction being drafted stays out of sight until it is published with its "Revised on" note.
    With ``route``, the committees on its route too (whose members read its Part 2 papers)."""
    report = get_object_or_404(_reports_with_their_places(), pk=pk)
    if report.status != Report.Status.PUBLISHED:
        return report, None
    if route:
        report_access.load_route_committees(report)
    return report, revisions.latest_published_revision(report, content=content)


@require_safe
def report_detail(request, pk: int):
    reader = fragments.shared_reader(request.user)
    if reader is None:  # someone whose view is their own: read from the database every time
        report, latest = _report_and_latest(pk, content=True)
    else:
        # Kept in the process under the public edition, which a publication, correction, withdrawal or
        # exemption moves; only a published report's (drafting saves a draft without moving it). Without
        # the revision's content: a long report's is large, and read only when the parts are rendered.
        report, latest = fragments.kept_rows(
            request,
            "report",
            pk,
            lambda: _report_and_latest(pk, content=False, route=True),
            keep=lambda rows: rows[1] is not None,
        )
    # Asked at every request, of the reader as they are now (web/readers.py), kept rows or not.
    _check_may_view(request, report)
    entitled = report_access.can_read_exempt_parts(request.user, report)
    if latest is not None and reader is not None:
        # What the page's content depends on of who reads it: the report's exempt parts, and its
        # revisions published while it was exempt (web/fragments.py keeps it for all who read the same).
        exempt_papers = access.can_see_exempt_papers(request.user, report.committee_id)
        # The revision too, though the public edition moves with every correction: a new one is a new key.
        reader = f"part2={int(entitled)},{int(exempt_papers)};revision={latest.pk}@{latest.published_at}"
    else:
        reader = None  # read from the report's own rows, or by someone whose view is their own
    return fragments.render_page(
        request,
        "reports/report_detail.html",
        {"report": report},
        page="report",
        ident=report.pk,
        reader=reader,
        render_parts=lambda: _report_parts(request, report, latest, entitled=entitled),
    )


def _report_parts(request, report: Report, latest, *, entitled: bool) -> dict[str, str]:
    if latest is not None:
        # Frozen: rendered once and kept in the shared cache when anybody may read it (reports/kept_bodies.py).
        body = kept_bodies.published_body(request, report, latest, entitled=entitled)
        context = {"body": body, "title": bilingual.bilingual_text(SimpleNamespace(**latest.content), "title")}
        # Only the earlier versions this visitor may read: one published while the report was exempt
        # stays with those entitled to Part 2, even once a correction has made the report public.
        earlier = report_access.revisions_visible_to(request.user, report).filter(
            is_published=True, number__lt=latest.number
        )
        context["earlier_revisions"] = list(earlier.defer("content").order_by("number"))
    else:
        if entitled:
            doc = report_structure(prefetch_report().get(pk=report.pk))  # a constant number of queries
        else:  # published before revisions were kept: the public edition of it as it stands
            doc = revisions.readable_structure(report, None, entitled=False)
        context = {"doc": welsh_edition.for_reader(doc), "title": bilingual.bilingual_text(doc.report, "title")}
    # Its route and what each meeting decided, as the public may know it: the same for every reader.
    route = routes.outcomes([report.pk], public=True).get(report.pk, [])
    context.update(report=report, latest_revision=latest, route=route)
    context["files"] = report_files(
        request.user, report, latest.content if latest is not None else None, context.get("doc")
    )
    return {
        "title": escape(context["title"]),
        "content": render_to_string("reports/_report_content.html", context, request=request),
    }
