"""A member's coming meetings and each meeting's papers as they may read them: the agenda
(reports/agendas.py, which asks committee/access.py), reports, appendices, supplementary papers and
packs, Part 2 ones only where the access rules let them, each marked new or changed since they last
looked (reading_room/seen.py)."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass, field

import pikepdf
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from committee import access
from committee.models import AgendaPack, Meeting
from core.bilingual import bilingual_text
from core.numbering import appendix_label
from reading_room import seen
from reports import access as report_access
from reports import exemption, revisions
from reports.agendas import Agenda, agenda_for
from reports.models import Appendix, Report, ReportRevision
from reports.published import with_exempt_flag

NEW = _("New")
CHANGED = _("Changed since you read it")
UPDATED = _("New papers since you looked")


@dataclass
class ComingMeeting:
    meeting: Meeting
    mark: str


def coming_meetings(user, limit: int = 20) -> list[ComingMeeting]:
    """The coming meetings of the committees the member sits on, soonest first, each marked new (never
    opened here) or updated (an agenda, supplementary agenda or pack published since)."""
    meetings = list(
        Meeting.objects.upcoming()
        .filter(committee_id__in=access.member_committee_ids(user))
        .select_related("committee", "venue")
        .annotate(last_published=Max("publications__published_at"), last_built=Max("packs__built_at"))[:limit]
    )
    looked = seen.meetings_seen(user, [m.pk for m in meetings])
    result = []
    for meeting in meetings:
        mark = ""
        if meeting.agenda_is_published:
            visit = looked.get(meeting.pk)
            latest = max(filter(None, [meeting.last_published, meeting.last_built]), default=None)
            if visit is None:
                mark = NEW
            elif latest is not None and latest > visit.seen_at:
                mark = UPDATED
        result.append(ComingMeeting(meeting, mark))
    return result


@dataclass
class FileLink:
    label: str
    url: str
    is_exempt: bool = False


@dataclass
class ReportPapers:
    report: Report
    url: str
    revision: int
    mark: str
    appendices: list[FileLink] = field(default_factory=list)
    # What this member reads of it holds exempt information: kept offline only as a Part 2 paper.
    is_exempt: bool = False


@dataclass
class MeetingPapers:
    meeting: Meeting
    agenda: Agenda
    reports: dict[int, ReportPapers]  # by agenda item
    new_items: set[int]  # supplementary items published since the member last looked
    packs: list[FileLink]

    @property
    def rows(self) -> list[tuple]:
        """(agenda entry, its report's papers or None, whether it is new) in agenda order."""
        return [(e, self.reports.get(e.item.pk), e.item.pk in self.new_items) for e in self.agenda.entries]

    def offline(self) -> list[dict]:
        """Every paper of the meeting this member may read, for "Keep for offline" (static/js/reading-room.js):
        its address and whether it is a Part 2 paper, which the device keeps apart and removes sooner."""
        part2_agenda = any(e.show_content for e in self.agenda.part2)
        kept = [{"url": reverse("reading_room:meeting", args=[self.meeting.pk]), "part2": part2_agenda}]
        for paper in self.reports.values():
            kept.append({"url": paper.url, "part2": paper.is_exempt})
            kept += [{"url": f.url, "part2": f.is_exempt or paper.report.is_exempt} for f in paper.appendices]
        kept += [{"url": pack.url, "part2": pack.is_exempt} for pack in self.packs]
        return kept


def _label_style(report: Report) -> str:
    return report.template.appendix_labels if report.template_id else "letters"


def meeting_papers(user, meeting: Meeting) -> MeetingPapers:
    """Everything of the meeting this member may read, in a fixed number of queries."""
    items = list(meeting.agenda_items.select_related("report", "publication"))
    agenda = agenda_for(meeting, user, items)
    visit = seen.meetings_seen(user, [meeting.pk]).get(meeting.pk)
    entries = [e for e in agenda.entries if e.report_visible]
    ids = [e.item.report_id for e in entries]
    reports = with_exempt_flag(Report.objects.filter(pk__in=ids).select_related("committee", "template")).in_bulk()
    latest = dict(
        ReportRevision.objects.filter(report_id__in=ids, is_published=True)
        .values("report_id")
        .annotate(n=Max("number"))
        .values_list("report_id", "n")
    )
    read = seen.reports_seen(user, ids)
    pairs = [Q(report_id=pk, number=number) for pk, number in latest.items()]
    contents = (
        dict(ReportRevision.objects.filter(functools.reduce(operator.or_, pairs)).values_list("report_id", "content"))
        if pairs
        else {}
    )
    appendices: dict[int, list[Appendix]] = {}
    for appendix in Appendix.objects.filter(report_id__in=ids).order_by("position", "id"):
        appendices.setdefault(appendix.report_id, []).append(appendix)
    papers = {}
    for entry in entries:
        report = reports.get(entry.item.report_id)
        if report is None or report.pk not in latest:
            continue  # not published: nothing to read yet
        revision = latest[report.pk]
        mark = NEW if report.pk not in read else (CHANGED if read[report.pk].revision < revision else "")
        files = [
            FileLink(
                appendix_name(a.own_label or appendix_label(index, _label_style(report)), a),
                reverse("reports:appendix_file", args=[report.pk, a.pk]),
                is_exempt=bool(a.exempt_paragraph),
            )
            for index, a in enumerate(appendices.get(report.pk, []), start=1)
            if report_access.can_open_report_file(user, report, a)
        ]
        url = reverse("reading_room:report", args=[report.pk])
        content = contents[report.pk]
        # A snapshot that does not say is treated as exempt: the safe reading.
        exempt = content.get("is_exempt", True) or (
            exemption.has_exempt_parts(content) and report_access.can_read_exempt_parts(user, report)
        )
        papers[entry.item.pk] = ReportPapers(report, url, revision, mark, files, is_exempt=exempt)
    new_items = {
        e.item.pk
        for e in agenda.entries
        if e.item.is_supplementary
        and e.item.publication is not None
        and (visit is None or e.item.publication.published_at > visit.seen_at)
    }
    packs = [
        FileLink(
            pack.get_variant_display(),
            reverse("committee:meeting_pack", args=[meeting.pk, pack.variant]),
            is_exempt=pack.is_members_pack,
        )
        for pack in AgendaPack.objects.filter(meeting=meeting, status=AgendaPack.Status.READY).exclude(file="")
        if access.can_download_pack(user, pack)
    ]
    return MeetingPapers(meeting, agenda, papers, new_items, packs)


def next_meetings_to_keep(user) -> list[dict]:
    """The next meeting of each committee the member sits on whose agenda is published, with the papers
    of it they may read (Part 2 ones only where entitled, as ``meeting_papers`` says): their devices
    keep these without being asked (static/js/reading-room-sw.js), and drop them by the same rules as
    papers kept by hand. A fixed number of queries a committee they sit on."""
    meetings = (
        Meeting.objects.upcoming()
        .filter(committee_id__in=access.member_committee_ids(user), agenda_published_at__isnull=False)
        .select_related("committee", "venue")
    )
    nearest: dict[int, Meeting] = {}
    for meeting in meetings:
        nearest.setdefault(meeting.committee_id, meeting)
    return [
        {"meeting": meeting.pk, "committee": meeting.committee_id, "papers": meeting_papers(user, meeting).offline()}
        for meeting in sorted(nearest.values(), key=lambda m: (m.starts_at, m.pk))
    ]


def appendix_name(label: str, appendix: Appendix) -> str:
    """ "Appendix B: Tender prices", in the reader's language (its Welsh title where it has one)."""
    return f"{exemption.appendix_label(label)}: {bilingual_text(appendix, 'title')}"


@dataclass
class PdfAppendix:
    appendix: Appendix
    label: str
    url: str

    @property
    def name(self) -> str:
        return appendix_name(self.label, self.appendix)


def pdf_appendices(user, report: Report, content: dict) -> list[PdfAppendix]:
    """The PDF appendices of the edition of the report this member reads (``content``) that they may
    open, labelled as it prints them: those they may write notes on, page by page."""
    labels = {a.file: a.label for a in revisions.structure_from_snapshot(content, uploaded={}).appendices}
    stored = report.appendices.filter(file__in=list(labels)) if labels else []
    order = list(labels)
    return [
        PdfAppendix(a, labels[a.file.name], reverse("reports:appendix_file", args=[report.pk, a.pk]))
        for a in sorted(stored, key=lambda a: order.index(a.file.name))
        if _is_pdf(a) and report_access.can_open_report_file(user, report, a)
    ]


def _is_pdf(appendix: Appendix) -> bool:
    return appendix.content_type == "application/pdf" or appendix.file.name.lower().endswith(".pdf")


def page_count(appendix: Appendix) -> int:
    """How many pages the appendix has (0 if it cannot be read as a PDF): asked only when a note is kept."""
    try:
        with appendix.file.open("rb") as stored, pikepdf.open(stored) as pdf:
            return len(pdf.pages)
    except (OSError, pikepdf.PdfError):
        return 0
