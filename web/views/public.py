"""The public site's meeting pages: the meeting page, the calendar, minutes and decisions,
subscription feeds (iCalendar and Atom), search, and agenda pack downloads.

Every view starts from what committee/access.py lets the visitor see, and loads what the
template needs in a fixed number of queries.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from committee import access, actions
from committee import minutes as minutes_rules
from committee.models import AgendaPack, Committee, Meeting, Minutes
from core import bad_requests, bilingual
from members import register
from publishing import search
from reports.agendas import agenda_for
from web import feeds, fragments


def _shift(month: datetime.date, by: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + by
    return datetime.date(index // 12, index % 12 + 1, 1)


def _month_meetings(month: datetime.date, committee_id: int | None) -> list[Meeting]:
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(month, datetime.time(0), tzinfo=tz)
    end = datetime.datetime.combine(_shift(month, 1), datetime.time(0), tzinfo=tz)
    meetings = Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end).select_related("committee", "venue")
    if committee_id:
        meetings = meetings.filter(committee_id=committee_id)
    return list(meetings.order_by("starts_at", "id"))


@require_safe
def meeting_calendar(request, view: str = "list"):
    """Meetings of one month, as a list or as a month grid; optionally of one committee."""
    month = bad_requests.month(request.GET, "month") or timezone.localdate().replace(day=1)
    committees = list(Committee.objects.filter(active=True))
    committee_id = bad_requests.integer(request.GET, "committee") or None
    meetings = _month_meetings(month, committee_id)
    weeks = []
    if view == "month":
        by_day: dict[int, list[Meeting]] = {}
        for meeting in meetings:
            by_day.setdefault(meeting.date.day, []).append(meeting)
        for week in pycalendar.Calendar(firstweekday=0).monthdayscalendar(month.year, month.month):
            weeks.append([(day, by_day.get(day, [])) for day in week])

    def link(target: datetime.date) -> str:
        query = {"month": f"{target:%Y-%m}"}
        if committee_id:
            query["committee"] = committee_id
        return f"?{urlencode(query)}"

    context = {
        "view": view,
        "month": month,
        "meetings": meetings,
        "weeks": weeks,
        "committees": committees,
        "committee_id": committee_id,
        "previous_link": link(_shift(month, -1)),
        "next_link": link(_shift(month, 1)),
        "this_query": link(month),
        "today": timezone.localdate(),
    }
    return render(request, "public/meeting_calendar.html", context)


def _size(num: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if num < 1024 or unit == "GB":
            return f"{num:.0f} {unit}" if unit == "bytes" else f"{num:.1f} {unit}"
        num /= 1024
    return ""


def meeting_documents(user, meeting: Meeting, packs: list[AgendaPack], minutes: Minutes | None) -> list[dict]:
    """The meeting's documents this visitor may open, each with its file type and size."""
    documents = []
    if access.can_see_agenda(user, meeting):
        documents.append({"title": _("Agenda"), "url": "#agenda", "kind": _("Web page"), "size": ""})
    for pack in packs:
        if not access.can_download_pack(user, pack):
            continue
        if pack.status == AgendaPack.Status.READY and pack.file:
            documents.append(
                {
                    "title": pack.get_variant_display(),
                    "url": reverse("committee:meeting_pack", args=[meeting.pk, pack.variant]),
                    "kind": "PDF",
                    "size": ngettext("%(size)s, %(pages)d page", "%(size)s, %(pages)d pages", pack.page_count)
                    % {"size": _size(pack.size), "pages": pack.page_count},
                }
            )
        elif pack.status in (AgendaPack.Status.QUEUED, AgendaPack.Status.BUILDING):
            # Say it is coming, so nobody concludes the papers were never published.
            documents.append(
                {"title": pack.get_variant_display(), "url": "", "kind": "PDF", "size": _("being prepared")}
            )
    if minutes is not None and access.can_see_minutes(user, minutes):
        documents.append(
            {
                "title": _("Minutes") if minutes.status == Minutes.Status.CONFIRMED else _("Draft minutes"),
                "url": reverse("committee:meeting_minutes", args=[meeting.pk]),
                "kind": _("Web page"),
                "size": "",
            }
        )
        documents.append(
            {
                "title": _("Decisions"),
                "url": reverse("committee:meeting_decisions", args=[meeting.pk]),
                "kind": _("Web page"),
                "size": "",
            }
        )
    return documents


def _meeting_for_page(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("committee", "venue", "rescheduled_to"), pk=pk)


def _minutes_of(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).first()


@require_safe
def meeting_page(request, pk: int):
    # Kept for everyone who reads the same of it (web/fragments.py): the public, or the members of the
    # same committees; rendered for the governance team and anyone with reports of their own.
    reader = fragments.shared_reader(request.user)
    if reader is None:
        meeting = _meeting_for_page(pk)
    else:  # its row too, under the public edition (any save of a meeting moves it)
        [meeting] = fragments.kept_rows(request, "meeting", pk, lambda: (_meeting_for_page(pk),))
    return fragments.render_page(
        request,
        "public/meeting_detail.html",
        {"meeting": meeting},
        page="meeting",
        ident=meeting.pk,
        reader=reader,
        render_parts=lambda: _meeting_parts(request, meeting),
    )


def _meeting_parts(request, meeting: Meeting) -> dict[str, str]:
    minutes = _minutes_of(meeting)
    # Once the minutes are public, the meeting page says what was decided.
    decided = minutes is not None and access.can_see_minutes(request.user, minutes)
    items = meeting.agenda_items.select_related("report")
    agenda = agenda_for(meeting, request.user, list(_with_decisions(items) if decided else items))
    packs = list(meeting.packs.all())
    for pack in packs:
        pack.meeting = meeting
    publications = [p for p in meeting.publications.all() if p.kind == "supplementary"]
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "documents": meeting_documents(request.user, meeting, packs, minutes),
        "supplements": publications if meeting.agenda_is_published else [],
        "show_pack_progress": access.can_manage_meetings(request.user),
        "packs": packs,
        "decisions": _decision_rows(request, agenda) if decided else [],
        # The committee's actions from earlier minutes not yet done, shown with the agenda.
        "tracker": actions.tracker(meeting, request.user) if agenda else [],
    }
    return {"content": render_to_string("public/_meeting_content.html", context, request=request)}


def _with_decisions(items):
    return minutes_rules.with_resolutions(items.select_related("decision"), "decision__")


def _decision_rows(request, agenda) -> list[dict]:
    """Each item's decision as this reader may see it: a Part 2 item's outcome only, unless they are
    entitled to its papers; otherwise the decision on each recommendation with its amendment and vote.
    The agenda's items are loaded `_with_decisions`."""
    rows = []
    for entry in agenda.entries:
        if not minutes_rules.takes_decision(entry.item):
            continue  # apologies, declarations, the last minutes: never a decision to record
        decision = getattr(entry.item, "decision", None)
        show_text = decision is not None and access.can_see_decision_text(request.user, entry.item)
        rows.append(
            {
                "entry": entry,
                "decision": decision,
                "show_text": show_text,
                "summary": minutes_rules.describe_resolution(decision) if show_text else "",
                "recommendations": minutes_rules.resolution_lines(decision) if show_text else [],
            }
        )
    return rows


def _decisions(request, meeting: Meeting) -> list[dict]:
    items = list(_with_decisions(meeting.agenda_items.select_related("report")))
    return _decision_rows(request, agenda_for(meeting, request.user, items))


def _public_minutes(request, pk: int) -> tuple[Meeting, Minutes]:
    meeting = _meeting_for_page(pk)
    minutes = _minutes_of(meeting)
    if minutes is None or not access.can_see_minutes(request.user, minutes):
        raise Http404("No minutes published for this meeting")
    return meeting, minutes


@require_safe
def meeting_minutes(request, pk: int):
    meeting, minutes = _public_minutes(request, pk)
    attendance = list(meeting.attendance.select_related("person", "substitute_for"))
    declarations = register.with_register(
        list(meeting.declarations.select_related("person", "agenda_item", "meeting__committee"))
    )
    context = {
        "meeting": meeting,
        "minutes": minutes,
        "present": [a for a in attendance if a.kind == "present"],
        "apologies": [a for a in attendance if a.kind == "apologies"],
        "substitutes": [a for a in attendance if a.kind == "substitute"],
        "officers": [a for a in attendance if a.kind == "officer"],
        "declarations": declarations,
        "decisions": _decisions(request, meeting),
    }
    return render(request, "public/meeting_minutes.html", context)


@require_safe
def meeting_decisions(request, pk: int):
    meeting, minutes = _public_minutes(request, pk)
    context = {"meeting": meeting, "minutes": minutes, "decisions": _decisions(request, meeting)}
    return render(request, "public/meeting_decisions.html", context)


@require_safe
def meeting_pack(request, pk: int, variant: str):
    """Agenda packs are private files: served only after the access check, never from a public folder."""
    pack = get_object_or_404(AgendaPack.objects.select_related("meeting"), meeting_id=pk, variant=variant)
    if not access.can_download_pack(request.user, pack) or pack.status != AgendaPack.Status.READY or not pack.file:
        raise Http404("No pack here")
    suffix = {
        AgendaPack.Variant.MEMBERS: "-members",
        AgendaPack.Variant.WELSH: "-cy",
        AgendaPack.Variant.MEMBERS_WELSH: "-members-cy",
    }.get(variant, "")
    filename = f"agenda-pack-{pack.meeting.date:%Y-%m-%d}{suffix}.pdf"
    # A strong ETag: the fingerprint is a hash of everything the pack is built from, and building is
    # deterministic. Asked again with it, the answer is 304 without opening the file (after the check above).
    etag = f'"pack-{variant}-{pack.fingerprint or pack.built_at and pack.built_at.timestamp()}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = FileResponse(pack.file.open("rb"), content_type="application/pdf", filename=filename)
    response["ETag"] = etag
    if pack.is_members_pack:
        response["Cache-Control"] = "private, no-store"
    return response


# Feeds --------------------------------------------------------------------


@require_safe
def ical_all(request):
    meetings = Meeting.objects.select_related("committee", "venue", "rescheduled_to")
    return _ical_response(request, feeds.meetings_calendar(request, meetings, _("All committee meetings")), "meetings")


@require_safe
def ical_committee(request, slug: str):
    committee = get_object_or_404(Committee, slug=slug)
    meetings = committee.meetings.select_related("committee", "venue", "rescheduled_to")
    return _ical_response(
        request, feeds.meetings_calendar(request, meetings, bilingual.bilingual_text(committee, "name")), slug
    )


def _ical_response(request, body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


# Search -------------------------------------------------------------------

PAGE_SIZE = 20


@require_safe
def search_page(request):
    query = (request.GET.get("q") or "").strip()[:200]
    filters = search.SearchFilters(
        query=query,
        committee_id=bad_requests.integer(request.GET, "committee") or None,
        date_from=bad_requests.parse_date(request.GET.get("from") or ""),
        date_to=bad_requests.parse_date(request.GET.get("to") or ""),
    )
    errors = []
    if request.GET.get("from") and filters.date_from is None:
        errors.append(_("Enter the ‘from’ date as a real date."))
    if request.GET.get("to") and filters.date_to is None:
        errors.append(_("Enter the ‘to’ date as a real date."))
    found = search.find(request.user, filters, request.GET.get("page"), PAGE_SIZE) if query else None
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        "query": query,
        "filters": filters,
        "committees": list(Committee.objects.filter(active=True)),
        "found": found,
        "page": found.page if found else None,
        "results": found.results if found else [],
        "errors": errors,
        "page_query": urlencode(params),
    }
    return render(request, "public/search.html", context)
