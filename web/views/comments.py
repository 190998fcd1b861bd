"""Comments where the text is: the report's text with its comment threads beside each part, and one
plain form at a time (?on=paragraph-12) to comment, reply, resolve, and accept or reject a suggested
text. Internal: only for the people working on the report (reports/access.py). Rules live in
reports/comments.py; accepting a suggestion is an ordinary versioned save (publishing/publication.py)."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.bilingual import phrase
from publishing import publication
from reports import access as report_access
from reports import comments, editing
from reports.forms import ReplyForm, ThreadForm
from reports.models import Report
from reports.structure import prefetch_report, report_structure


def report_for_comments(request, pk: int) -> Report:
    """As the staff page: 404 for those who may not know the report, 403 for its readers."""
    report = get_object_or_404(Report.objects.select_related("committee"), pk=pk)
    if not report_access.can_view_report(request.user, report):
        raise Http404("No report here")
    if not report_access.can_see_report_history(request.user, report):
        raise PermissionDenied("Comments are for the people working on the report.")
    return report


def comments_url(report: Report, anchor: str = "", on: str = "") -> str:
    url = reverse("reports:report_comments", args=[report.pk])
    return url + (f"?on={on}" if on else "") + (f"#{anchor}" if anchor else "")


def _page(request, report: Report, *, thread_form=None, reply_form=None, open_key="", status=200):
    loaded = prefetch_report(Report.objects.filter(pk=report.pk)).get()
    doc = report_structure(loaded)
    threads = comments.threads(loaded, doc)
    by_part = defaultdict(list)
    for thread in threads:
        by_part[comments.part_key(thread.comment)].append(thread)

    def attach(paragraphs):
        for p in paragraphs:
            p.threads = by_part.get(f"paragraph-{p.pk}", []) if not p.background_paper else []
            p.comment_key, p.comment_where = f"paragraph-{p.pk}", comments.on_paragraph(p.number)
            attach(p.children)

    for section in doc.editing_sections:
        attach(section.paragraphs)
    recommendations = [
        {
            "pk": r.pk,
            "number": number,
            "text": r.text,
            "threads": by_part.get(f"recommendation-{r.pk}", []),
            "key": f"recommendation-{r.pk}",
            "where": comments.on_recommendation(number),
        }
        for number, r in enumerate(sorted(loaded.recommendations.all(), key=lambda r: (r.position, r.id)), start=1)
    ]
    rows = [
        {
            "row": row,
            "threads": by_part.get(f"row-{row.label}", []),
            "key": f"row-{index}",
            "where": comments.on_title_row(phrase(row.label)),
        }
        for index, row in enumerate(doc.title_rows, start=1)
    ]
    if thread_form is not None:  # the refused form goes back where it was
        part, item = thread_form.data.get("part", ""), thread_form.data.get("item", "")
        open_key = (
            next((r["key"] for r in rows if r["row"].label == item), "") if part == "title_row" else f"{part}-{item}"
        )
    context = {
        "report": loaded,
        "doc": doc,
        "recommendations": recommendations,
        "rows": rows,
        "orphans": [t for t in threads if t.since_deleted],
        "open_count": sum(1 for t in threads if t.is_open),
        "may_comment": report_access.can_comment_on_report(request.user, loaded),
        "may_edit": report_access.can_edit_report(request.user, loaded),
        # A suggestion changes the text, which only a draft's does (reports/editing.py).
        "may_accept": editing.may_edit_content(request.user, loaded) and loaded.status == Report.Status.DRAFT,
        "on": open_key or request.GET.get("on", ""),
        "thread_form": thread_form,
        "reply_form": reply_form,
        "version": loaded.version,
        "user_pk": request.user.pk,
    }
    return render(request, "reports/report_comments.html", context, status=status)


@require_safe
@login_required
def report_comments(request, pk: int):
    return _page(request, report_for_comments(request, pk))


def _in_place(request) -> bool:
    """Sent by the report editor's script, which shows the thread again where it is (static/editor/comments.js)."""
    return request.headers.get("X-In-Place") == "1"


def _attempt(request, report: Report, action, anchor: str, success: str):
    try:
        result = action()
    except comments.NotAllowed as error:
        raise PermissionDenied(str(error)) from error
    except comments.CommentError as error:
        if _in_place(request):
            return JsonResponse({"error": str(error)}, status=400)
        messages.error(request, str(error))
        return HttpResponseRedirect(comments_url(report, anchor))
    if _in_place(request):
        return JsonResponse({"done": success})
    messages.success(request, success)
    return HttpResponseRedirect(comments_url(report, f"comment-{result.pk}" if result is not None else anchor))


@require_POST
@login_required
def comment_add(request, pk: int):
    report = report_for_comments(request, pk)
    if not report_access.can_comment_on_report(request.user, report):
        raise PermissionDenied("Comments are for the people working on the report while it is drafted or in clearance.")
    form = ThreadForm(request.POST)
    if not form.is_valid():
        if _in_place(request):
            return JsonResponse({"error": " ".join(e for errors in form.errors.values() for e in errors)}, status=400)
        return _page(request, report, thread_form=form, status=400)
    data = form.cleaned_data
    return _attempt(
        request,
        report,
        lambda: comments.start_thread(
            report, request.user, data["part"], data["item"], data["body"], data["suggestion"]
        ),
        "",
        _("Your comment is added. The report's authors see it beside the text."),
    )


@require_POST
@login_required
def comment_reply(request, pk: int, item: int):
    report = report_for_comments(request, pk)
    form = ReplyForm(request.POST)
    body = form.cleaned_data["body"] if form.is_valid() else ""
    return _attempt(
        request, report, lambda: comments.reply(report, request.user, item, body), f"comment-{item}", _("Reply added.")
    )


@require_POST
@login_required
def comment_resolve(request, pk: int, item: int):
    report = report_for_comments(request, pk)
    return _attempt(
        request, report, lambda: comments.resolve(report, request.user, item), f"comment-{item}", _("Resolved.")
    )


@require_POST
@login_required
def comment_reject(request, pk: int, item: int):
    report = report_for_comments(request, pk)
    return _attempt(
        request,
        report,
        lambda: comments.reject(report, request.user, item),
        f"comment-{item}",
        _("Suggestion rejected. Say why in a reply if it helps."),
    )


@require_POST
@login_required
def comment_accept(request, pk: int, item: int):
    """The suggested text replaces the paragraph's or recommendation's: a versioned save, refused like any other edit
    when someone saved since the page was loaded or the report is in clearance."""
    report = report_for_comments(request, pk)

    def accept():
        thread = comments.open_suggestion(report, request.user, item)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        try:
            with publication.editing_report(report, request.user, version) as locked:
                comments.accept(locked, request.user, thread)
        except editing.EditConflict as conflict:
            raise comments.CommentError(
                _("The report has changed since you loaded this page: read the text again, then accept.")
            ) from conflict
        except editing.EditError as error:
            raise comments.CommentError(str(error)) from error
        return thread

    return _attempt(request, report, accept, f"comment-{item}", _("The suggested text is in the report now."))
