"""Search across published reports, agenda items and minutes.

Documents enter the index only when they are published (committee/publishing.py, committee/minutes.py),
so unpublished text is never searchable. Part 2 entries are marked exempt and filtered by
committee/access.py. On PostgreSQL: full-text search, title weighted above summary above body,
ranked, with highlighted snippets; on SQLite (development only) a plain substring match.
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from committee import access
from committee.models import AgendaItem, Meeting, Minutes, SearchDocument
from reports import richtext
from reports.models import Report

CONFIG = "english"
# Markers PostgreSQL puts around matched words; swapped for <mark> after the snippet is escaped.
START, STOP = "\x02", "\x03"


def _plain(value: str) -> str:
    return html.unescape(richtext.to_plain_text(value or ""))


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _update_vectors(pks: list[int]) -> None:
    if not pks or not _is_postgres():
        return
    SearchDocument.objects.filter(pk__in=pks).update(
        search_vector=SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + SearchVector("body", weight="C", config=CONFIG)
    )


def _put(kind: str, object_id: int, **fields) -> int:
    document, _ = SearchDocument.objects.update_or_create(kind=kind, object_id=object_id, defaults=fields)
    return document.pk


def _report_body(report: Report) -> str:
    parts = [_plain(r.text) for r in report.recommendations.all()]
    for section in report.sections.all():
        parts.append(section.heading)
        parts.extend(_plain(p.heading + " " + p.text) for p in section.paragraphs.all())
    return "\n".join(p for p in parts if p.strip())


def index_meeting(meeting: Meeting) -> None:
    """(Re)index a meeting's published agenda items and their published reports."""
    if not meeting.agenda_is_published:
        return
    pks = []
    items = meeting.agenda_items.select_related("report").prefetch_related(
        "report__recommendations", "report__sections__paragraphs"
    )
    for item in items:
        if item.is_supplementary and item.publication_id is None:
            continue
        pks.append(
            _put(
                SearchDocument.Kind.AGENDA_ITEM,
                item.pk,
                committee_id=meeting.committee_id,
                meeting=meeting,
                date=meeting.date,
                title=item.title,
                summary=_plain(item.description) if item.part == 1 else "",
                body="",
                url=f"{meeting.get_absolute_url()}#item-{item.pk}",
                is_exempt=item.part == AgendaItem.Part.EXEMPT,
            )
        )
        report = item.report
        if report is not None and report.status == Report.Status.PUBLISHED:
            pks.append(
                _put(
                    SearchDocument.Kind.REPORT,
                    report.pk,
                    committee_id=report.committee_id,
                    meeting=meeting,
                    date=meeting.date,
                    title=report.title,
                    summary=_plain(report.summary),
                    body=_report_body(report),
                    url=report.get_absolute_url(),
                    is_exempt=report.is_exempt or item.part == AgendaItem.Part.EXEMPT,
                )
            )
    _update_vectors(pks)


def index_minutes(minutes: Minutes) -> None:
    """Index published minutes: decisions on Part 2 items are left out of the public text."""
    meeting = minutes.meeting
    if not minutes.is_public:
        SearchDocument.objects.filter(kind=SearchDocument.Kind.MINUTES, object_id=minutes.pk).delete()
        return
    lines = [_plain(minutes.notes)]
    for item in meeting.agenda_items.filter(part=AgendaItem.Part.PUBLIC).select_related("decision"):
        decision = getattr(item, "decision", None)
        if decision is not None:
            lines.append(f"{item.title}. {decision.get_outcome_display()}. {_plain(decision.text)}")
    pk = _put(
        SearchDocument.Kind.MINUTES,
        minutes.pk,
        committee_id=meeting.committee_id,
        meeting=meeting,
        date=meeting.date,
        title=f"Minutes: {meeting.committee.name}, {meeting.date:%-d %B %Y}",
        summary="",
        body="\n".join(line for line in lines if line.strip()),
        url=f"{meeting.get_absolute_url()}minutes/",
        is_exempt=False,
    )
    _update_vectors([pk])


def reindex_all() -> int:
    """Rebuild the whole index from what is published now (management command `rebuild_search`)."""
    SearchDocument.objects.all().delete()
    count = 0
    for meeting in Meeting.objects.filter(agenda_published_at__isnull=False).select_related("committee"):
        index_meeting(meeting)
        count += 1
    for minutes in Minutes.objects.exclude(status=Minutes.Status.DRAFT).select_related("meeting__committee"):
        index_minutes(minutes)
    return count


# Searching -----------------------------------------------------------------


@dataclass
class SearchFilters:
    query: str
    committee_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _snippet_html(text: str) -> SafeString:
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 - escaped first


def search(user, filters: SearchFilters) -> QuerySet:
    """Matching documents the user may see, best first, each with `snippet` (safe HTML)."""
    qs = access.search_documents_visible_to(user).select_related("committee")
    if filters.committee_id:
        qs = qs.filter(committee_id=filters.committee_id)
    if filters.date_from:
        qs = qs.filter(date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(date__lte=filters.date_to)
    text = filters.query.strip()
    if not text:
        return qs.none()
    if _is_postgres():
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        return (
            qs.filter(search_vector=query)
            .annotate(
                rank=SearchRank(F("search_vector"), query),
                headline=SearchHeadline(
                    Concat("summary", Value(" "), "body", output_field=TextField()),
                    query,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                ),
            )
            .order_by("-rank", "-date", "id")
        )
    from django.db.models import Q

    words = text.split()
    for word in words:
        qs = qs.filter(Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word))
    return qs.order_by("-date", "id")


def snippet(document: SearchDocument, query: str) -> SafeString:
    """The highlighted snippet: PostgreSQL's headline, or (SQLite) the words around the first match."""
    headline = getattr(document, "headline", None)
    if headline is not None:
        return _snippet_html(headline)
    source = f"{document.summary} {document.body}".strip()
    words = [re.escape(w) for w in query.split() if w]
    if not words or not source:
        return _snippet_html(source[:200])
    pattern = re.compile("|".join(words), re.IGNORECASE)
    match = pattern.search(source)
    start = max((match.start() if match else 0) - 80, 0)
    window = source[start : start + 240]
    return _snippet_html(pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", window))
