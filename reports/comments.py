"""Comments where the text is: approvers (legal, finance, the director, governance) comment on a
paragraph, a recommendation or a title-block row; the author replies and resolves; an approver
may suggest new text for a paragraph or a recommendation, which its author accepts (an ordinary versioned save, made
by the caller inside reports/editing.py `changing`) or rejects.

Comments are internal, like sign-offs: nothing here is read by the report page, its PDF or Word
file, feeds or open data, and reports/access.py `can_comment_on_report` is asked before any change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from core import richtext
from reports import access
from reports.models import Comment, Paragraph, Recommendation, Report
from reports.structure import ReportStructure

Part = Comment.Part
Suggestion = Comment.Suggestion


class CommentError(Exception):
    """A comment that cannot be made or changed; the message is written for the person who tried."""


class NotAllowed(CommentError):
    """The person may not do this (a 403)."""


def _check(user, report: Report) -> None:
    if not access.can_comment_on_report(user, report):
        raise NotAllowed(
            gettext("Comments are for the people working on the report while it is drafted or in clearance.")
        )


def _body(text: str) -> str:
    body = (text or "").strip()
    if not body:
        raise CommentError(gettext("Write your comment."))
    return body


@transaction.atomic
def start_thread(report: Report, user, part: str, item: str, body: str, suggestion: str = "") -> Comment:
    """A new comment on one part: ``item`` is the paragraph's or recommendation's id, or the
    title-block row's label. ``suggestion`` (stored HTML) is new text for a paragraph
    or a recommendation."""
    _check(user, report)
    body = _body(body)
    fields = {"part": part}
    if part == Part.PARAGRAPH:
        paragraph = Paragraph.objects.filter(section__report=report, pk=_int(item)).first()
        if paragraph is None:
            raise CommentError(gettext("That paragraph is no longer in the report."))
        fields.update(paragraph=paragraph, quoted=paragraph.heading or paragraph.text)
        fields.update(_suggested(suggestion, paragraph.text))
    elif part == Part.RECOMMENDATION:
        recommendation = Recommendation.objects.filter(report=report, pk=_int(item)).first()
        if recommendation is None:
            raise CommentError(gettext("That recommendation is no longer in the report."))
        fields.update(recommendation=recommendation, quoted=recommendation.text)
        fields.update(_suggested(suggestion, recommendation.text))
    elif part == Part.TITLE_ROW and item:
        fields.update(title_row=str(item)[:200])
    else:
        raise CommentError(gettext("Choose the part of the report you are commenting on."))
    return Comment.objects.create(report=report, author=user, body=body, **fields)


def _suggested(suggestion: str, text: str) -> dict:
    """A suggestion only when it would change the text: one left as it was is a comment only."""
    if suggestion and richtext.clean(suggestion) != richtext.clean(text):
        return {"suggestion": suggestion, "suggestion_state": Suggestion.OPEN}
    return {}


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _thread(report: Report, pk) -> Comment:
    comment = Comment.objects.filter(report=report, pk=_int(pk), parent=None).select_related("paragraph").first()
    if comment is None:
        raise CommentError(gettext("That comment is no longer there."))
    return comment


@transaction.atomic
def reply(report: Report, user, pk, body: str) -> Comment:
    _check(user, report)
    thread = _thread(report, pk)
    if thread.resolved_at is not None:
        raise CommentError(gettext("This thread is resolved: start a new comment instead."))
    return Comment.objects.create(report=report, parent=thread, author=user, body=_body(body))


def may_resolve(user, report: Report, thread: Comment) -> bool:
    """The report's authors (who act on comments) and whoever started the thread."""
    return access.can_edit_report(user, report) or (thread.author_id is not None and thread.author_id == user.pk)


@transaction.atomic
def resolve(report: Report, user, pk) -> Comment:
    _check(user, report)
    thread = _thread(report, pk)
    if not may_resolve(user, report, thread):
        raise NotAllowed(gettext("Only the report's authors or the person who made the comment can resolve it."))
    if thread.resolved_at is None:
        thread.resolved_at, thread.resolved_by = timezone.now(), user
        thread.save(update_fields=["resolved_at", "resolved_by"])
    return thread


def open_suggestion(report: Report, user, pk) -> Comment:
    """The thread whose suggestion the author is about to accept or reject, checked."""
    _check(user, report)
    thread = _thread(report, pk)
    if not access.can_edit_report(user, report):
        raise NotAllowed(gettext("Only the report's authors can accept or reject a suggestion."))
    if thread.suggestion_state != Suggestion.OPEN:
        raise CommentError(gettext("That suggestion has already been accepted or rejected."))
    return thread


def accept(locked: Report, user, thread: Comment) -> Paragraph | Recommendation:
    """Put the suggested text in the paragraph or recommendation. Call inside reports/editing.py
    `changing` (which checks the version and keeps a revision): accepting is an ordinary save."""
    if thread.part == Part.RECOMMENDATION:
        part = Recommendation.objects.filter(pk=thread.recommendation_id, report=locked).first()
    else:
        part = Paragraph.objects.filter(pk=thread.paragraph_id, section__report=locked).first()
    if part is None:
        if thread.part == Part.RECOMMENDATION:
            raise CommentError(gettext("The recommendation has been deleted since the suggestion was made."))
        raise CommentError(gettext("The paragraph has been deleted since the suggestion was made."))
    part.text = thread.suggestion
    part.save(update_fields=["text"])
    thread.suggestion_state = Suggestion.ACCEPTED
    thread.resolved_at, thread.resolved_by = timezone.now(), user
    thread.save(update_fields=["suggestion_state", "resolved_at", "resolved_by"])
    return part


@transaction.atomic
def reject(report: Report, user, pk) -> Comment:
    thread = open_suggestion(report, user, pk)
    thread.suggestion_state = Suggestion.REJECTED
    thread.save(update_fields=["suggestion_state"])
    return thread


# Reading them ----------------------------------------------------------------------------------------


def part_key(comment: Comment) -> str:
    """The part a thread is on, as the comments page and the editor name it: "paragraph-12",
    "recommendation-3" or "row-Wards" (a title-block row, by its label)."""
    if comment.part == Part.PARAGRAPH:
        return f"paragraph-{comment.paragraph_id}"
    if comment.part == Part.RECOMMENDATION:
        return f"recommendation-{comment.recommendation_id}"
    return f"row-{comment.title_row}"


@dataclass(frozen=True)
class Count:
    open: int = 0
    resolved: int = 0


def counts(report: Report) -> dict[str, Count]:
    """How many threads each part of the report has, open and resolved: the editor's comment markers.
    One query, whatever the report's length."""
    found: dict[str, Count] = {}
    threads = report.comments.filter(parent=None).only(
        "part", "paragraph_id", "recommendation_id", "title_row", "resolved_at"
    )
    for thread in threads:
        key = part_key(thread)
        count = found.get(key, Count())
        if thread.resolved_at is None:
            found[key] = Count(count.open + 1, count.resolved)
        else:
            found[key] = Count(count.open, count.resolved + 1)
    return found


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)
    where: str = ""  # "paragraph 1.2", "recommendation 2", "title-block row “Wards”" (`_where`)
    since_deleted: bool = False  # its paragraph or recommendation is no longer in the report

    @property
    def is_open(self) -> bool:
        return self.comment.resolved_at is None


def threads(report: Report, doc: ReportStructure) -> list[Thread]:
    """Every thread of the report with its replies, oldest first, each saying where it is in the active
    language. Two queries."""
    comments = list(report.comments.select_related("author", "resolved_by").order_by("created", "id"))
    paragraph_numbers = {p.pk: number for number, p in doc.paragraph_by_number().items() if not p.background_paper}
    for section in doc.editing_sections:
        if section.left_out:
            _number_left_out(section.paragraphs, paragraph_numbers)
    recommendation_numbers = {
        r.pk: index
        for index, r in enumerate(sorted(report.recommendations.all(), key=lambda r: (r.position, r.id)), start=1)
    }
    roots = {}
    for c in comments:
        if not c.parent_id:
            where, since_deleted = _where(c, paragraph_numbers, recommendation_numbers)
            roots[c.pk] = Thread(c, where=where, since_deleted=since_deleted)
    for c in comments:
        if c.parent_id in roots:
            roots[c.parent_id].replies.append(c)
    return list(roots.values())


def _number_left_out(paragraphs, numbers: dict) -> None:
    for p in paragraphs:
        numbers.setdefault(p.pk, p.number)
        _number_left_out(p.children, numbers)


# Where a comment is, as it follows "on" ("ar" in Welsh, which mutates the word after it: "ar baragraff
# 1.2"), in the active language: the comments page, the editor and a request for changes word it so.


def on_paragraph(number: str) -> str:
    return pgettext("where a comment is, after 'on'", "paragraph %(number)s") % {"number": number}


def on_recommendation(number: int | str) -> str:
    return pgettext("where a comment is, after 'on'", "recommendation %(number)s") % {"number": number}


def on_title_row(label: str) -> str:
    return pgettext("where a comment is, after 'on'", "the title-block row “%(label)s”") % {"label": label}


def _where(comment: Comment, paragraphs: dict, recommendations: dict) -> tuple[str, bool]:
    """Where the thread is, and whether its paragraph or recommendation has been deleted since."""
    if comment.part == Part.PARAGRAPH:
        number = paragraphs.get(comment.paragraph_id)
        if number:
            return on_paragraph(number), False
        return pgettext("where a comment is, after 'on'", "a paragraph since deleted"), True
    if comment.part == Part.RECOMMENDATION:
        number = recommendations.get(comment.recommendation_id)
        if number:
            return on_recommendation(number), False
        return pgettext("where a comment is, after 'on'", "a recommendation since deleted"), True
    return on_title_row(comment.title_row), False


def request_summary(open_threads: list[Thread]) -> str:
    """The open comments, one a line, for a request for changes, in the active language (the approver's:
    it becomes part of their comment, kept as they sent it)."""
    if not open_threads:
        return ""
    lines = [
        gettext("- On %(where)s: %(comment)s") % {"where": t.where, "comment": " ".join(t.comment.body.split())}
        for t in open_threads
    ]
    return gettext("Open comments:") + "\n" + "\n".join(lines)
