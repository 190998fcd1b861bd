"""A published report as the public last saw it.

A correction is drafted on the live Report row while the report stays published, so until the
correction is published the row holds text nobody has cleared for the public. Every public surface
(pages, open data, feeds, search) therefore reads a published report's title, summary and title-block
facts from its latest published revision, through `last_published()`; staff pages may read the live row.

Whether a published report is exempt is the one fact where either version counts: it is exempt if
the live row or the latest published revision says so, so a correction can neither expose an exempt
report nor (until published) change what the public sees of a public one.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.fields.json import KT
from django.utils.html import strip_tags

from reports.models import Appendix, Report, ReportRevision, appendix_published_exempt, published_exempt

# Where `prefetch()` puts a report's published revisions (newest first, without their content).
PREFETCHED = "published_heads"

# What public surfaces need of a revision, read out of its JSON so the (large) content stays in
# the database. Revisions recorded before the key_decision/urgent/report_of/contact keys were kept
# lack them: for those the live value stands (title and summary have always been kept).
_KEYS = (
    "title",
    "title_cy",
    "summary",
    "is_exempt",
    "exempt_paragraph",
    "report_of",
    "key_decision",
    "urgent",
    "contact_ids",
)


def _heads():
    return (
        ReportRevision.objects.filter(is_published=True)
        .defer("content")
        .annotate(**{f"head_{key}": KT(f"content__{key}") for key in _KEYS})
        .order_by("-number")
    )


def prefetch(lookup: str = "") -> Prefetch:
    """Add to prefetch_related() on reports (lookup "" ) or on rows pointing at them
    (lookup "report__"), so `last_published()` costs no query per report."""
    return Prefetch(f"{lookup}revisions", queryset=_heads(), to_attr=PREFETCHED)


@dataclass(frozen=True)
class PublishedReport:
    """The facts of a report a public surface may show."""

    pk: int
    title: str
    summary: str
    is_exempt: bool
    exempt_paragraph: int | None
    report_of: str
    key_decision: bool
    urgent: bool
    contact_ids: tuple[int, ...]
    title_cy: str = ""  # its Welsh title as published, where it has one


def _flag(value) -> bool:
    # KT gives 'true'/'false' on PostgreSQL and 1/0 on SQLite.
    return value in (True, 1, "1", "true")


def last_published(report: Report) -> PublishedReport:
    """The report as last published: from its latest published revision (prefetched with
    `prefetch()`, else one query). A report with no published revision (published before
    revisions were kept, or not published) reads as its live row."""
    heads = getattr(report, PREFETCHED, None)
    if heads is None:
        heads = list(_heads().filter(report=report)[:1]) if report.status == Report.Status.PUBLISHED else []
    head = heads[0] if heads else None
    live_contacts = None

    def value(key: str, live):
        raw = getattr(head, f"head_{key}", None) if head is not None else None
        return live() if raw is None else raw

    def contacts() -> tuple[int, ...]:
        nonlocal live_contacts
        if live_contacts is None:
            live_contacts = tuple(p.pk for p in report.contact_officers.all())
        return live_contacts

    raw_contacts = value("contact_ids", lambda: None)
    if raw_contacts is None:
        contact_ids = contacts()
    else:
        contact_ids = tuple(json.loads(raw_contacts) if isinstance(raw_contacts, str) else raw_contacts)
    # Always kept; JSON null reads as 'null' (SQLite) or NULL (PostgreSQL).
    paragraph = getattr(head, "head_exempt_paragraph", None) if head is not None else report.exempt_paragraph
    was_exempt = _flag(value("is_exempt", lambda: report.is_exempt))
    return PublishedReport(
        pk=report.pk,
        title=value("title", lambda: report.title),
        summary=value("summary", lambda: report.summary),
        # Either version saying exempt keeps it exempt (see the module docstring).
        is_exempt=report.is_exempt or was_exempt,
        exempt_paragraph=None if paragraph in (None, "", "null") else int(paragraph),
        report_of=value("report_of", lambda: report.report_of),
        key_decision=_flag(value("key_decision", lambda: report.key_decision)),
        urgent=_flag(value("urgent", lambda: report.urgent)),
        contact_ids=contact_ids,
        title_cy=value("title_cy", lambda: report.title_cy) or "",
    )


def public_condition() -> Q:
    """Published, and exempt by neither the live row nor the latest published revision."""
    return Q(status=Report.Status.PUBLISHED, is_exempt=False) & ~published_exempt()


# Where `with_exempt_flag()` puts `published_exempt()` on each report.
ANNOTATED = "last_published_exempt"


def with_exempt_flag(reports: QuerySet) -> QuerySet:
    """Reports that know, with no further query, whether they were last published exempt."""
    return reports.annotate(**{ANNOTATED: published_exempt()})


def was_published_exempt(report: Report) -> bool:
    """The object form of `published_exempt()` (one query, none when annotated or prefetched)."""
    annotated = getattr(report, ANNOTATED, None)
    if annotated is not None:
        return bool(annotated)
    heads = getattr(report, PREFETCHED, None)
    if heads is not None:
        return bool(heads) and _flag(getattr(heads[0], "head_is_exempt", None))
    latest = ReportRevision.objects.filter(report=report, is_published=True).order_by("-number")
    return latest.filter(pk__in=latest.values("pk")[:1], content__is_exempt=True).exists()


def appendix_is_exempt(report: Report, appendix: Appendix) -> bool:
    """Whether an appendix is exempt for the public: its live row or its report's latest published
    revision says so (as for a whole report above), so clearing its exemption in a correction opens
    its file only when the correction is published. One query per report, kept on the report."""
    if appendix.exempt_paragraph:
        return True
    files = report.__dict__.get("_published_exempt_files")
    if files is None:
        files = set(
            Appendix.objects.filter(report=report).filter(appendix_published_exempt()).values_list("file", flat=True)
        )
        report.__dict__["_published_exempt_files"] = files
    return appendix.file.name in files


def published_redacted_files(report: Report) -> set[str]:
    """The redacted versions of exempt appendices the report's latest published revision publishes
    (reports/exemption.py public_edition): one redacted later, or replaced in a correction not yet
    published, is not public until it is published. One query."""
    content = (
        ReportRevision.objects.filter(report=report, is_published=True)
        .order_by("-number")
        .values_list("content__appendices", flat=True)
        .first()
    )
    return {
        a["redacted"]["file"]
        for a in content or []
        if a.get("exempt_paragraph") and (a.get("redacted") or {}).get("file")
    }


def recommendations(report_ids) -> dict[int, list[tuple[int, str]]]:
    """Each report's recommendations as last published, numbered as the meeting read them: what the
    minutes record a decision on. A report never published has none here."""
    latest: dict[int, tuple[int, list]] = {}
    rows = ReportRevision.objects.filter(report_id__in=set(report_ids), is_published=True).values_list(
        "report_id", "number", "content__recommendations"
    )
    for report_id, number, recs in rows:
        if report_id not in latest or number > latest[report_id][0]:
            latest[report_id] = (number, recs or [])
    return {report_id: [(r["number"], r["text"]) for r in recs] for report_id, (_, recs) in latest.items()}


def referred_recommendation_lines(report_id: int, numbers: list[int]) -> list[str]:
    """The recommendations `numbers` of a report as last published, one plain line each, for an agenda
    anyone may read: an exempt one by its redacted version, else by its number and paragraph only."""
    revision = ReportRevision.objects.filter(report_id=report_id, is_published=True).order_by("-number").first()
    recs = {r["number"]: r for r in (revision.content.get("recommendations") or [])} if revision else {}
    lines = []
    for number in numbers:
        rec = recs.get(number)
        if rec is None:
            continue
        if rec.get("exempt_paragraph"):
            text = rec.get("redacted_text") or f"Exempt: paragraph {rec['exempt_paragraph']} of Schedule 12A."
        else:
            text = rec["text"]
        lines.append(f"{number}. {_plain(text)}")
    return lines


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(strip_tags(fragment or "")).split())


def exempt_appendices(report_ids) -> dict[int, list[tuple[str, str, int]]]:
    """(label, title, paragraph) of each exempt appendix of each report as last published: what open data
    says a public paper has without offering it (one query)."""
    latest = (
        ReportRevision.objects.filter(report_id__in=report_ids, is_published=True)
        .order_by("report_id", "-number")
        .distinct("report_id")
        .values_list("report_id", "content__appendices")
    )
    found: dict[int, list[tuple[str, str, int]]] = {}
    for report_id, appendices in latest:
        named = [
            (a.get("label") or str(index), a.get("title", ""), a["exempt_paragraph"])
            for index, a in enumerate(appendices or [], start=1)
            if a.get("exempt_paragraph")
        ]
        if named:
            found[report_id] = named
    return found
