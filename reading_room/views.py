"""The reading room's pages: a member's coming meetings, a meeting's papers, a report with their
private notes and what changed, and the notes' export. Who may read what is asked of
committee/access.py and reports/access.py (through reading_room/papers.py and reports.agendas)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from committee import access
from committee.models import Committee, Meeting
from core import bad_requests
from core.council import current_council
from reading_room import anchoring, changes, export, notes, pack_pages, papers, seen
from reading_room.forms import EXPORT_FORMATS, AppendixNoteForm, NoteForm
from reports import access as report_access
from reports import exemption, kept_bodies, revisions
from reports.models import Report
from reports.published import with_exempt_flag


def _private(response: HttpResponse) -> HttpResponse:
    # Notes and Part 2 papers: never kept by any shared cache, nor by the browser's own.
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@login_required
def my_meetings(request):
    coming = papers.coming_meetings(request.user)
    return _private(render(request, "reading_room/my_meetings.html", {"coming": coming}))


@require_safe
@login_required
def meeting(request, pk: int):
    found = get_object_or_404(Meeting.objects.select_related("committee", "venue"), pk=pk)
    if not access.can_see_agenda(request.user, found):
        raise Http404("No agenda here")
    meeting_papers = papers.meeting_papers(request.user, found)
    seen.record_meeting(request.user, found)
    context = {
        "papers": meeting_papers,
        "meeting": found,
        "offline": meeting_papers.offline(),
        "offline_assets": " ".join(_offline_assets()),
    }
    return _private(render(request, "reading_room/meeting.html", context))


def _published_report(request, pk: int) -> tuple[Report, revisions.ReportRevision]:
    """A published report this member may read, with its latest published revision; 404 otherwise."""
    report = get_object_or_404(with_exempt_flag(Report.objects.select_related("committee", "meeting")), pk=pk)
    if report.status != Report.Status.PUBLISHED or not report_access.can_view_report(request.user, report):
        raise Http404("No report here")
    latest = revisions.latest_published_revision(report)
    if latest is None:
        raise Http404("No published revision")
    return report, latest


def _edition(request, report, latest) -> dict:
    """The published revision as this member reads it: its exempt parts only if they are entitled."""
    return exemption.edition(latest.content, entitled=report_access.can_read_exempt_parts(request.user, report))


def _report_page(request, report, latest, *, form=None, appendix_form=None, status=200):
    entitled = report_access.can_read_exempt_parts(request.user, report)
    content = exemption.edition(latest.content, entitled=entitled)
    # The body as the report's public page shows it, from the same kept copy when anybody may read it
    # (reports/kept_bodies.py); the pack's page numbers go on this reader's copy of it.
    body = kept_bodies.published_body(request, report, latest, entitled=entitled)
    body = mark_safe(pack_pages.with_pages(body, pack_pages.pages_for(request.user, report)))  # noqa: S308 - ours
    texts = anchoring.paragraph_texts(content)
    appendices = papers.pdf_appendices(request.user, report, content)
    read = notes.notes_on(request.user, report, content, {a.appendix.pk for a in appendices})
    links = {a.label: a.url for a in appendices}
    for note in read:
        if note.on_appendix and not note.detached:
            # The browser's PDF viewer opens at the page (RFC 8118's #page=).
            note.link = f"{links[note.appendix_label]}#page={note.page}"
    last = seen.report_seen(request.user, report)
    context = {
        "report": report,
        "latest": latest,
        "title": content["title"],
        "body": body,
        "notes": read,
        "notes_data": [
            {"paragraph": n.shown_at, "quote": n.quote, "kind": n.kind, "id": n.pk}
            for n in read
            if not n.detached and not n.on_appendix
        ],
        "form": form or NoteForm(paragraphs=list(texts)),
        "appendices": appendices,
        "appendix_form": appendix_form or _appendix_form(appendices),
        "last_seen": last,
        "changed_since": last.revision if last is not None and 0 < last.revision < latest.number else None,
    }
    if status == 200:
        seen.record_report(request.user, report, latest.number)
    return _private(render(request, "reading_room/report.html", context, status=status))


@require_safe
@login_required
def report(request, pk: int):
    found, latest = _published_report(request, pk)
    return _report_page(request, found, latest)


@require_POST
@login_required
def note_add(request, pk: int):
    found, latest = _published_report(request, pk)
    content = _edition(request, found, latest)
    form = NoteForm(request.POST, paragraphs=list(anchoring.paragraph_texts(content)))
    if form.is_valid():
        try:
            note = notes.add_note(request.user, found, content, **form.cleaned_data)
        except notes.NoteRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(kind)s kept on paragraph %(paragraph)s.")
                % {"kind": note.get_kind_display(), "paragraph": note.paragraph},
            )
            return redirect(reverse("reading_room:report", args=[found.pk]) + f"#paragraph-{note.paragraph}")
    return _report_page(request, found, latest, form=form, status=400)


def _appendix_form(appendices, data=None) -> AppendixNoteForm:
    return AppendixNoteForm(data, appendices=[(str(a.appendix.pk), a.name) for a in appendices])


@require_POST
@login_required
def appendix_note_add(request, pk: int):
    """A note on a page of one of the report's PDF appendices that this member may open."""
    found, latest = _published_report(request, pk)
    content = _edition(request, found, latest)
    appendices = papers.pdf_appendices(request.user, found, content)
    form = _appendix_form(appendices, request.POST)
    if form.is_valid():
        chosen = next(a for a in appendices if str(a.appendix.pk) == form.cleaned_data["appendix"])
        data = form.cleaned_data
        try:
            note = notes.add_appendix_note(
                request.user,
                found,
                chosen.appendix,
                chosen.label,
                papers.page_count(chosen.appendix),
                page=data["page"],
                quote=data["quote"],
                text=data["text"],
            )
        except notes.NoteRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(kind)s kept on appendix %(appendix)s, page %(page)s.")
                % {"kind": note.get_kind_display(), "appendix": note.appendix_label, "page": note.page},
            )
            return redirect(reverse("reading_room:report", args=[found.pk]) + "#appendix-notes")
    return _report_page(request, found, latest, appendix_form=form, status=400)


@require_POST
@login_required
def note_delete(request, pk: int):
    found, _latest = _published_report(request, pk)
    number = bad_requests.integer(request.POST, "note")
    if number and notes.delete_note(request.user, number):
        messages.success(request, _("Note deleted."))
    else:
        messages.error(request, _("That note was already deleted."))
    return redirect("reading_room:report", pk=found.pk)


@require_safe
@login_required
def report_changes(request, pk: int):
    found, latest = _published_report(request, pk)
    number = bad_requests.integer(request.GET, "since")
    result = changes.since(request.user, found, latest, number)
    context = {"report": found, "changes": result, "title": latest.content["title"]}
    return _private(render(request, "reading_room/changes.html", context))


@require_safe
@login_required
def notes_export(request):
    fmt = request.GET.get("format", "docx")
    if fmt not in EXPORT_FORMATS:
        fmt = "docx"
    groups = notes.all_notes(request.user)
    if fmt == "pdf":
        body, content_type = export.notes_pdf(groups), "application/pdf"
    else:
        body = export.notes_docx(groups)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"my-notes.{fmt}")
    return _private(response)


@require_POST
@login_required
def notes_delete_all(request):
    count = notes.delete_all(request.user)
    messages.success(request, ngettext("%(count)d note deleted.", "%(count)d notes deleted.", count) % {"count": count})
    return redirect("reading_room:my_meetings")


# Offline -------------------------------------------------------------------------------------------

SERVICE_WORKER = "js/reading-room-sw.js"


@require_safe
def service_worker(request):
    """The reading room's service worker, from the site root: a worker controls only addresses under
    its own, and the papers it keeps live under /reports/ and /meetings/ as well as /reading-room/."""
    with open(finders.find(SERVICE_WORKER), encoding="utf-8") as source:
        response = HttpResponse(source.read(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    # Browsers check for a new worker at most daily anyway; no-cache makes a deploy reach them at once.
    response["Cache-Control"] = "no-cache"
    return response


# What the pages' scripts import, by the address written in the importing script: the manifest storage
# (production) leaves an import's address unhashed, so these are kept as STATIC_URL names them.
_IMPORTED = ("build/govuk-frontend.min.js", "js/words.js")


def _offline_assets() -> list[str]:
    """What a kept paper needs to look as it does online: the stylesheet, scripts (the words' module
    among them, without which the reading room's script does not run) and the council's logo."""
    assets = [static(name) for name in ("build/app.css", "js/app.js", "js/reading-room.js")]
    assets += [settings.STATIC_URL + name for name in _IMPORTED]
    logo = current_council().logo_url
    return [*assets, logo] if logo.startswith("/") else assets


@require_safe
@login_required
def offline_entitlement(request):
    """What a device may go on keeping, asked at every sync: the committees whose Part 2 papers this
    member may read now (committee/access.py), after how many days unopened they go, and the papers
    of their committees' next meetings, which it keeps without being asked (reading_room/papers.py)."""
    committees = [
        pk for pk in Committee.objects.values_list("pk", flat=True) if access.can_see_exempt_papers(request.user, pk)
    ]
    data = {
        "committees": committees,
        "days": settings.READING_ROOM_OFFLINE_DAYS,
        "keep": papers.next_meetings_to_keep(request.user),
        "assets": _offline_assets(),
    }
    return _private(JsonResponse(data))
