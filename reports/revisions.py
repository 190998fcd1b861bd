"""Revisions: snapshots of the whole report (one for each sitting of saves), and side-by-side comparison.

A snapshot is plain JSON made from the numbered ReportStructure, so it reads back as the
report looked then (numbers included) even after paragraphs move or the template changes.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext_noop

from committee.routes import StepFacts
from core import dates
from core.numbering import appendix_label
from core.richtext import to_plain_lines
from reports import exemption
from reports.models import BackgroundPaper, Report, ReportRevision, TitleBlockRow
from reports.structure import Wording, masthead_names_date, masthead_names_meeting, prefetch_report, report_structure

# Sign-offs and drafting guidance are internal: never part of a snapshot, which may be published.


def _welsh(content: dict, **welsh: object) -> dict:
    """The Welsh beside the English, kept only where there is some: a snapshot of a report without
    Welsh is as it was before reports had any, so older revisions still compare equal to it."""
    content.update({key: value for key, value in welsh.items() if value})
    return content


def _paragraph(p) -> dict:
    paper = p.background_paper
    kept = {
        "number": p.number,
        "heading": p.heading,
        "text": p.text,
        "exempt_paragraph": p.exempt_paragraph,
        "signed_off_by": p.signed_off_by,
        "children": [_paragraph(child) for child in p.children],
        "background_paper": (
            {"title": paper.title, "url": paper.url, "file": paper.file.name if paper.file else ""} if paper else None
        ),
    }
    # Kept only where there is one, so the revisions kept before redacted versions still compare equal.
    if p.redacted_text:
        kept["redacted_text"] = p.redacted_text
    return _welsh(kept, heading_cy=p.heading_cy, text_cy=p.text_cy)


def _recommendation(doc, number: int, text: str) -> dict:
    kept = {"number": number, "text": text, "exempt_paragraph": doc.exempt_recommendations.get(number)}
    # Kept only where there is one, so the revisions kept before redacted versions still compare equal.
    if number in doc.redacted_recommendations:
        kept["redacted_text"] = doc.redacted_recommendations[number]
    return _welsh(kept, text_cy=doc.recommendations_cy.get(number, ""))


def snapshot(report: Report) -> dict:
    """The whole report as JSON-ready data, in the order and with the numbers it shows."""
    return snapshot_of_loaded(prefetch_report(Report.objects.filter(pk=report.pk)).get())


def snapshot_of_loaded(loaded: Report) -> dict:
    """snapshot() of a report loaded with reports.structure.prefetch_report (many at once, when seeding)."""
    # Kept in English, whatever language the publisher's page is in: the Welsh is kept beside it.
    with translation.override(settings.LANGUAGE_CODE):
        doc = report_structure(loaded)
    content = {
        "version": loaded.version,
        "status": loaded.status,
        "title": loaded.title,
        "title_cy": loaded.title_cy,
        "committee": loaded.committee.name,
        "committee_cy": loaded.committee.name_cy,
        "is_exempt": loaded.is_exempt,
        "exempt_paragraph": loaded.exempt_paragraph,
        # Facts open data publishes beside the text (reports/published.py reads them back).
        "report_of": loaded.report_of,
        "key_decision": loaded.key_decision,
        "urgent": loaded.urgent,
        "contact_ids": [p.pk for p in loaded.contact_officers.all()],
        "meeting_date": doc.meeting_date.isoformat() if doc.meeting_date else None,
        "title_rows": [
            _welsh(
                {
                    "field": row.field,
                    "label": row.label,
                    "value": row.value,
                    "show_label": row.show_label,
                    "contacts": [
                        _welsh(
                            {"name": c.name, "job_title": c.job_title, "email": c.email, "phone": c.phone},
                            job_title_cy=getattr(c, "job_title_cy", ""),
                        )
                        for c in row.contacts
                    ],
                },
                value_cy=row.value_cy,
                label_cy=getattr(row, "label_cy", ""),
                same_line=getattr(row, "same_line", False),
                # The date a row prints, so that a Welsh edition words it in Welsh (`_row_date`).
                date=row.date.isoformat() if row.date else "",
                date_style=row.date_style if row.date else "",
                # The Timetable's steps and a key decision's reference, for the same (`worded_in_language`).
                steps=[step.kept() for step in row.steps],
                reference=row.reference,
            )
            for row in doc.title_rows
        ],
        "summary": loaded.summary,
        "summary_cy": loaded.summary_cy,
        "recommendations": [_recommendation(doc, number, text) for number, text in doc.recommendations],
        "sections": [
            _welsh(
                {
                    "number": s.number,
                    "heading": s.heading,
                    "is_background_papers": s.is_background_papers,
                    "is_implications": s.is_implications,
                    "paragraphs": [_paragraph(p) for p in s.paragraphs],
                },
                heading_cy=s.heading_cy,
            )
            for s in doc.sections
        ],
        "background_papers": [
            _welsh(
                {
                    "title": p.title,
                    "url": p.url,
                    "file": p.file.name if p.file else "",
                    "date": p.date.isoformat() if p.date else None,
                },
                title_cy=p.title_cy,
            )
            for p in doc.background_papers
        ],
        "appendices": [_welsh(_appendix(a), title_cy=a.title_cy) for a in doc.appendices],
    }
    # Kept only where it says something: a snapshot without them reads as today's defaults, so the
    # revisions kept before templates had wording still compare equal to an unchanged report.
    if doc.wording.changes():
        content["wording"] = doc.wording.changes()
    if doc.meeting_id:
        content["meeting_id"] = doc.meeting_id
    return _welsh(content, report_of_cy=loaded.report_of_cy)


def _appendix(a) -> dict:
    kept = {
        "title": a.title,
        "label": a.label,
        "file": a.file.name,
        "content_type": a.content_type,
        "size": a.size,
        "sha512": a.sha512,
        "exempt_paragraph": a.exempt_paragraph,
        "public_interest_reason": a.public_interest_reason,
    }
    # Kept only where there is one, so the revisions kept before redacted versions still compare equal.
    if a.redacted_file:
        kept["redacted"] = {
            "file": a.redacted_file.name,
            "content_type": a.redacted_content_type,
            "size": a.redacted_size,
            "sha512": a.redacted_sha512,
        }
    return kept


def record(
    report: Report, user, published: bool = False, note: str = "", content: dict | None = None
) -> ReportRevision:
    """Keep a snapshot of the report as it is now (``content``, when the caller has just taken it).
    Call inside the transaction that changed it."""
    number = (report.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    if published:
        # What this revision publishes is public from now on, files added in a correction included.
        report.appendices.filter(awaiting_publication=True).update(awaiting_publication=False)
        report.background_papers.filter(awaiting_publication=True).update(awaiting_publication=False)
    return ReportRevision.objects.create(
        report=report,
        number=number,
        content=snapshot(report) if content is None else content,
        created_by=user,
        is_published=published,
        published_at=timezone.now() if published else None,
        revision_note=note,
    )


# Autosave saves every few seconds: kept one by one, the history would be keystrokes hiding the
# versions that matter. So an author's saves within one sitting are one working revision, brought up
# to date in place; a pause this long, a sitting this long, or a step of clearance starts a new one.
SITTING_PAUSE = datetime.timedelta(minutes=20)
LONGEST_SITTING = datetime.timedelta(hours=2)


def record_edit(report: Report, user, *, now: datetime.datetime | None = None) -> ReportRevision:
    """Keep the report as it is now after ``user`` changed it: their working revision brought up to date
    when this save continues their sitting, else a new working revision. Call inside the transaction
    that changed it, the report locked (reports/editing.py `changing`)."""
    now = now or timezone.now()
    latest = report.revisions.order_by("-number").defer("content").first()
    if latest is not None and _continues_sitting(report, latest, user, now):
        latest.content, latest.saved = snapshot(report), now
        latest.save(update_fields=["content", "saved"])
        return latest
    revision = record(report, user)
    revision.saved = now
    revision.save(update_fields=["saved"])
    return revision


def _continues_sitting(report: Report, latest: ReportRevision, user, now: datetime.datetime) -> bool:
    return (
        latest.saved is not None
        and not latest.is_published
        and user is not None
        and latest.created_by_id == user.pk
        and now - latest.saved < SITTING_PAUSE
        and now - latest.created < LONGEST_SITTING
        # What was submitted, returned or approved stays as it was then.
        and not report.transitions.filter(at__gte=latest.created).exists()
    )


def keep(report: Report, content: dict, user=None) -> ReportRevision:
    """Keep a snapshot taken earlier (the state before a change) as the next revision."""
    number = (report.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    return ReportRevision.objects.create(report=report, number=number, content=content, created_by=user)


def at_version(report: Report, version: int) -> ReportRevision | None:
    """The revision holding what an editor's form was loaded from at a given Report.version: the last
    one kept at or before it (a working revision holds the last save of its sitting, so one that went
    on past that version cannot say; the one before it can)."""
    return report.revisions.filter(content__version__lte=version).order_by("-number").first()


def latest_published_revision(report: Report, *, content: bool = True) -> ReportRevision | None:
    """The report's latest published revision; without its ``content`` (read when first asked for)
    for a page whose rendered parts may be kept (web/fragments.py): a long report's is large."""
    found = report.revisions.filter(is_published=True).order_by("-number")
    return (found if content else found.defer("content")).first()


# What a snapshot records about the report's place in its life rather than what it says.
NOT_CONTENT = ("version", "status")


def unpublished_changes(report: Report) -> dict | None:
    """The report's snapshot if it says anything its last published revision does not, else None.
    Compared whole, rather than by ``Report.version``, because not every change goes through the
    editor (the admin, the importer and bulk updates do not bump the version)."""
    content = snapshot(report)
    last = report.revisions.filter(is_published=True).order_by("-number").values_list("content", flat=True).first()
    if last is not None and _without(last, NOT_CONTENT) == _without(content, NOT_CONTENT):
        return None
    return content


def _without(content: dict, keys: tuple[str, ...]) -> dict:
    return {key: value for key, value in content.items() if key not in keys}


def published_revisions(report: Report) -> list[ReportRevision]:
    return list(report.revisions.filter(is_published=True).order_by("number"))


# Rendering a snapshot with the report's own template ------------------------


def uploaded_papers(content: dict) -> dict[str, SimpleNamespace]:
    """The uploaded background papers a snapshot names, still stored, by file name: their link is
    the live paper's address (one query, and none when every paper is a web link)."""

    names = [p["file"] for p in content["background_papers"] if p.get("file") and not p.get("url")]
    if not names:
        return {}
    stored = BackgroundPaper.objects.filter(file__in=names).values_list("file", "pk", "report_id")
    return {name: SimpleNamespace(pk=pk, report_id=report_id) for name, pk, report_id in stored}


def _namespace_paper(paper: dict, uploaded: dict[str, SimpleNamespace]) -> SimpleNamespace:
    stored = uploaded.get(paper.get("file") or "")
    return SimpleNamespace(**paper, pk=getattr(stored, "pk", None), report_id=getattr(stored, "report_id", None))


def _namespace_paragraph(p: dict, uploaded: dict[str, SimpleNamespace]) -> SimpleNamespace:
    paper = _namespace_paper(p["background_paper"], uploaded) if p.get("background_paper") else None
    return SimpleNamespace(
        number=p["number"],
        heading=p["heading"],
        text=p["text"],
        children=[_namespace_paragraph(c, uploaded) for c in p["children"]],
        background_paper=paper,
        depth=p["number"].count("."),
        exempt_paragraph=p.get("exempt_paragraph"),
        withheld=p.get("withheld", False),
        redacted=p.get("redacted", False),
        signed_off_by=p.get("signed_off_by", ""),
        heading_cy=p.get("heading_cy", ""),
        text_cy=p.get("text_cy", ""),
    )


def _in_reader_language(content: dict, row: dict) -> str:
    """A title-block row's value as kept; the status (worded by reports/exemption.py) in the reader's
    language."""
    if row["field"] == TitleBlockRow.Field.STATUS:
        return exemption.status_for_reader(content, row["value"])
    return row["value"]


def _row_date(content: dict, row: dict, wording: Wording) -> tuple[datetime.date | None, str]:
    """The date a kept title-block row prints and its style. A revision kept before rows kept their
    date gives its meeting's: the style is the one that words that date as the row was kept."""
    if row.get("date"):
        return datetime.date.fromisoformat(row["date"]), row.get("date_style", "")
    meeting_date = content.get("meeting_date")
    if row["field"] not in (TitleBlockRow.Field.MEETING_DATE, TitleBlockRow.Field.MEETING) or not meeting_date:
        return None, ""
    day = datetime.date.fromisoformat(meeting_date)
    lead = ", " if row["field"] == TitleBlockRow.Field.MEETING else ""  # "Planning Committee, 6 September 2006"
    with translation.override(settings.LANGUAGE_CODE):
        for style in (wording.date_style, *dates.DATE_STYLES):
            worded = dates.styled_date(day, style)
            if row["value"] == worded or (lead and row["value"].endswith(lead + worded)):
                return day, style
    return None, ""


def structure_from_snapshot(content: dict, uploaded: dict[str, SimpleNamespace] | None = None) -> SimpleNamespace:
    """Something shaped like a ReportStructure, for templates/reports/_report_body.html.
    `uploaded` is uploaded_papers(content), when the caller has looked it up already."""

    if uploaded is None:
        uploaded = uploaded_papers(content)
    wording = Wording.from_changes(content.get("wording"))
    report = SimpleNamespace(
        title=content["title"],
        committee=SimpleNamespace(name=content["committee"], name_cy=content.get("committee_cy", "")),
        is_exempt=content["is_exempt"],
        exempt_paragraph=content["exempt_paragraph"],
        summary=content["summary"],
        # Revisions published before reports had Welsh have none: the English is shown.
        title_cy=content.get("title_cy", ""),
        summary_cy=content.get("summary_cy", ""),
        report_of_cy=content.get("report_of_cy", ""),
    )
    title_rows = [
        SimpleNamespace(
            field=r["field"],
            label=r["label"],
            value=_in_reader_language(content, r),
            contacts=[SimpleNamespace(**{"job_title_cy": "", **c}) for c in r["contacts"]],
            # Kept before rows could print without their label: every row had one.
            show_label=r.get("show_label", True),
            value_cy=r.get("value_cy", ""),
            label_cy=r.get("label_cy", ""),
            same_line=r.get("same_line", False),
            **dict(zip(("date", "date_style"), _row_date(content, r, wording), strict=True)),
            steps=[StepFacts.from_kept(step) for step in r.get("steps", [])],
            reference=r.get("reference", ""),
        )
        for r in content["title_rows"]
    ]
    return SimpleNamespace(
        report=report,
        title_rows=title_rows,
        title_lines=[row for row in title_rows if not row.show_label],
        masthead_names_meeting=masthead_names_meeting(title_rows),
        masthead_names_date=masthead_names_date(title_rows),
        parts=wording.parts(bool(content["summary"] or content.get("summary_cy")), bool(content["recommendations"])),
        labelled_rows=[row for row in title_rows if row.show_label],
        recommendations=[(r["number"], r["text"]) for r in content["recommendations"]],
        sections=[
            SimpleNamespace(
                number=s["number"],
                heading=s["heading"],
                is_background_papers=s["is_background_papers"],
                is_implications=s.get("is_implications", False),
                guidance="",
                paragraphs=[_namespace_paragraph(p, uploaded) for p in s["paragraphs"]],
                heading_cy=s.get("heading_cy", ""),
            )
            for s in content["sections"]
        ],
        background_papers=[_namespace_paper(p, uploaded) for p in content["background_papers"]],
        # Kept before appendices kept their label: lettered, as they were printed then.
        appendices=[
            SimpleNamespace(**{"label": appendix_label(index, wording.appendix_labels), "exempt_paragraph": None, **a})
            for index, a in enumerate(content["appendices"], start=1)
        ],
        meeting_date=datetime.date.fromisoformat(content["meeting_date"]) if content["meeting_date"] else None,
        wording=wording,
        meeting_id=content.get("meeting_id"),
        exempt_recommendations={
            r["number"]: r["exempt_paragraph"]
            for r in content["recommendations"]
            if r.get("exempt_paragraph") and not r.get("withheld")
        },
        recommendations_cy={r["number"]: r["text_cy"] for r in content["recommendations"] if r.get("text_cy")},
    )


def readable_structure(report: Report, revision: ReportRevision | None, *, entitled: bool) -> SimpleNamespace:
    """A report as one reader may read it: the revision given (else the report as it stands), whole for
    those entitled to Part 2 and otherwise its public edition (reports/exemption.py)."""
    content = revision.content if revision is not None else snapshot(report)
    return structure_from_snapshot(exemption.edition(content, entitled=entitled))


# Comparing two snapshots ------------------------------------------------------


def _lines_of_html(text: str) -> list[str]:
    """Readable lines from stored HTML: one per paragraph or list item."""
    return to_plain_lines(text)


def _paragraph_lines(p: dict) -> list[str]:
    lines = []
    if p["heading"]:
        lines.append(f"{p['number']} {p['heading']}")
    body = _lines_of_html(p["text"])
    if p.get("background_paper"):
        paper = p["background_paper"]
        body.append(f"{paper['title']}: {paper['url'] or paper['file']}")
    for index, line in enumerate(body):
        lines.append(f"{p['number']} {line}" if index == 0 and not p["heading"] else line)
    for child in p["children"]:
        lines.extend(_paragraph_lines(child))
    return lines


def _parts(content: dict) -> list[tuple[str, str, list[str]]]:
    """(key, label, lines) for each part of a report, in reading order."""
    parts = [
        (
            "title",
            gettext_noop("Title block"),
            [
                f"{r['label']}: {r['value'] or ', '.join(c['name'] for c in r['contacts'])}"
                for r in content["title_rows"]
            ],
        ),
        ("summary", gettext_noop("Summary"), _lines_of_html(content["summary"])),
        (
            "recommendations",
            gettext_noop("Recommendations"),
            [f"{r['number']}. {' '.join(_lines_of_html(r['text']))}" for r in content["recommendations"]],
        ),
    ]
    for s in content["sections"]:
        lines = [line for p in s["paragraphs"] for line in _paragraph_lines(p)]
        label = f"{s['number']}. {s['heading']}" if s["number"] != "" else s["heading"]
        parts.append((f"section:{s['heading'].strip().lower()}", label, lines))
    parts.append(
        (
            "appendices",
            gettext_noop("Appendices"),
            [f"{a['title']} ({a['file'].rsplit('/', 1)[-1]})" for a in content["appendices"]],
        )
    )
    return parts


def _highlight(old: str, new: str) -> tuple[str, str]:
    """Word-level marks within one changed line."""
    a, b = old.split(" "), new.split(" ")
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < 0.4:
        # Rewritten rather than edited: marking the odd shared "the" would only add noise.
        return f"<del>{escape(old)}</del>", f"<ins>{escape(new)}</ins>"
    left, right = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_words, new_words = escape(" ".join(a[i1:i2])), escape(" ".join(b[j1:j2]))
        if tag == "equal":
            left.append(old_words)
            right.append(new_words)
            continue
        if old_words:
            left.append(f"<del>{old_words}</del>")
        if new_words:
            right.append(f"<ins>{new_words}</ins>")
    return " ".join(left), " ".join(right)


@dataclass
class DiffRow:
    old: str  # escaped HTML with <del> marks
    new: str  # escaped HTML with <ins> marks
    changed: bool


@dataclass
class PartDiff:
    label: str
    rows: list[DiffRow] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(row.changed for row in self.rows)


def _diff_lines(old: list[str], new: list[str]) -> list[DiffRow]:
    rows = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            rows.extend(DiffRow(escape(line), escape(line), False) for line in old[i1:i2])
            continue
        left, right = old[i1:i2], new[j1:j2]
        for index in range(max(len(left), len(right))):
            a = left[index] if index < len(left) else None
            b = right[index] if index < len(right) else None
            if a is not None and b is not None:
                rows.append(DiffRow(*_highlight(a, b), True))
            elif a is not None:
                rows.append(DiffRow(f"<del>{escape(a)}</del>", "", True))
            else:
                rows.append(DiffRow("", f"<ins>{escape(b)}</ins>", True))
    return rows


def compare(old: dict, new: dict) -> list[PartDiff]:
    """Part by part (title block, summary, recommendations, each section), the changes from `old`
    to `new`. Sections are matched by heading, so a renumbered section compares with itself."""
    old_parts = {key: (label, lines) for key, label, lines in _parts(old)}
    result = []
    seen = set()
    for key, label, lines in _parts(new):
        seen.add(key)
        old_lines = old_parts.get(key, (label, []))[1]
        result.append(PartDiff(label, _diff_lines(old_lines, lines)))
    for key, label, lines in _parts(old):
        if key not in seen:
            result.append(PartDiff(f"{label} (removed)", _diff_lines(lines, [])))
    return result


def changed_parts(old: dict, new: dict) -> list[PartDiff]:
    return [part for part in compare(old, new) if part.changed]
