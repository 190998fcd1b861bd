"""Changing a report's content: the rules every edit follows.

Each change runs inside `changing()`, which locks the report, refuses it when the report
is not open for editing or when someone else saved since the editor loaded the page
(Report.version), then bumps the version and keeps the report in the author's working revision
(reports/revisions.py `record_edit`). Numbers are never stored:
moving, nesting and deleting only rewrite positions, and core/numbering.py renumbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext

from reports import access, revisions
from reports.models import Appendix, BackgroundPaper, Paragraph, Recommendation, Report, Section


class EditError(Exception):
    """A change that cannot be made; the message is written for the editor."""


class NotEditable(EditError):
    """The report is not open for editing by this person (in clearance, published, not theirs)."""


class EditConflict(EditError):
    """Somebody else saved the report after this editor loaded it."""

    def __init__(self, report: Report, their_version: int):
        self.report = report
        self.their_version = their_version
        self.current_version = report.version
        super().__init__(
            gettext(
                "Somebody else changed this report while you were editing it, so your change was not saved. "
                "Their changes are shown below; your text is still in the form. Check it and save again."
            )
        )

    def changes(self) -> list:
        """What changed between the version the editor loaded and now, part by part."""
        before = revisions.at_version(self.report, self.their_version)
        if before is None:
            return []
        return revisions.changed_parts(before.content, revisions.snapshot(self.report))


def may_edit_content(user, report: Report) -> bool:
    """Drafts, for their authors; a published report, for a governance officer making a correction."""
    if report.status == Report.Status.DRAFT:
        return access.can_edit_report(user, report)
    return access.can_correct_published_report(user, report)


@contextmanager
def changing(report: Report, user, version: int | None, may_change=may_edit_content) -> Iterator[Report]:
    """Lock, check, let the caller change the report, then bump its version and keep a revision.
    `may_change(user, report)` says who may (the Welsh has its own rule: reports/translation.py)."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("committee").get(pk=report.pk)
        if not may_change(user, locked):
            if locked.status in {Report.Status.SUBMITTED, Report.Status.CLEARED, Report.Status.APPROVED}:
                raise NotEditable(
                    gettext(
                        "This report is in clearance. Return it to draft before editing it: "
                        "its sign-offs will be cleared."
                    )
                )
            raise NotEditable(gettext("This report cannot be edited."))
        if version is None or int(version) != locked.version:
            raise EditConflict(locked, int(version or 0))
        # A report made outside the editor (imported, or the demo) has no revision yet: keep how it
        # was first, so the first change can be compared and a later conflict can show what changed.
        baseline = None if locked.revisions.exists() else revisions.snapshot(locked)
        try:
            yield locked
            locked.version += 1
            locked.save(update_fields=["version", "modified"])
            report.version = locked.version
            if baseline is not None:
                revisions.keep(locked, baseline)
            revisions.record_edit(locked, user)
        except BaseException:
            # The rows roll back with the transaction; files written to storage do not.
            _discard_new_files(locked)
            raise


def _keep_track_of_new_file(report: Report, field_file) -> None:
    if field_file:
        report.__dict__.setdefault("_new_files", []).append(field_file.name)


def _discard_new_files(report: Report) -> None:

    for name in report.__dict__.pop("_new_files", []):
        default_storage.delete(name)


# Ordering helpers ----------------------------------------------------------------


def _renumber(items) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def _ordered(queryset) -> list:
    return list(queryset.order_by("position", "id"))


def move(item, siblings_queryset, offset: int) -> None:
    """Move an item one place up (-1) or down (+1) among its siblings."""
    siblings = _ordered(siblings_queryset)
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(siblings):
        raise EditError(gettext("It is already first.") if offset < 0 else gettext("It is already last."))
    siblings[index], siblings[target] = siblings[target], siblings[index]
    _renumber(siblings)


def place(item, siblings_queryset, target, after: bool) -> None:
    """Move an item to just before (or after) another of its siblings: where it was dragged."""
    if target.pk == item.pk:
        raise EditError(gettext("It is already there."))
    siblings = [s for s in _ordered(siblings_queryset) if s.pk != item.pk]
    index = next((i for i, s in enumerate(siblings) if s.pk == target.pk), None)
    if index is None:
        raise EditError(gettext("That place is no longer in the report. Reload the page to see it as it is now."))
    siblings.insert(index + 1 if after else index, item)
    _renumber(siblings)


def insert_at_end(model, siblings_queryset, **fields):
    siblings = _ordered(siblings_queryset)
    _renumber(siblings)
    return model.objects.create(position=len(siblings), **fields)


def insert_first(model, siblings_queryset, **fields):
    """A new first item among its siblings (a sub-paragraph pasted straight under its paragraph)."""
    created = model.objects.create(position=0, **fields)
    _renumber([created, *(s for s in _ordered(siblings_queryset) if s.pk != created.pk)])
    return created


def insert_after(model, siblings_queryset, after, **fields):
    siblings = _ordered(siblings_queryset)
    index = next(i for i, s in enumerate(siblings) if s.pk == after.pk)
    created = model(position=0, **fields)
    created.save()
    siblings.insert(index + 1, created)
    _renumber(siblings)
    return created


# Paragraphs ----------------------------------------------------------------------


def paragraph_siblings(paragraph: Paragraph):
    return Paragraph.objects.filter(section_id=paragraph.section_id, parent_id=paragraph.parent_id)


def add_paragraph(
    section: Section, heading: str, text: str, after: Paragraph | None = None, exempt_paragraph: int | None = None
) -> Paragraph:
    if not (heading or text):
        raise EditError(gettext("Write the paragraph's text (or a heading) before adding it."))
    if after is not None:
        return insert_after(
            Paragraph,
            paragraph_siblings(after),
            after,
            section=section,
            parent_id=after.parent_id,
            heading=heading,
            text=text,
            exempt_paragraph=exempt_paragraph,
        )
    return insert_at_end(
        Paragraph,
        Paragraph.objects.filter(section=section, parent=None),
        section=section,
        heading=heading,
        text=text,
        exempt_paragraph=exempt_paragraph,
    )


def indent(paragraph: Paragraph) -> None:
    """Nest a paragraph under the one before it (1.3 becomes 1.2.1)."""
    siblings = _ordered(paragraph_siblings(paragraph))
    index = next(i for i, s in enumerate(siblings) if s.pk == paragraph.pk)
    if index == 0:
        raise EditError(gettext("The first paragraph at its level has nothing above it to go under."))
    new_parent = siblings[index - 1]
    children = _ordered(Paragraph.objects.filter(parent=new_parent))
    paragraph.parent = new_parent
    paragraph.position = len(children)
    paragraph.save(update_fields=["parent", "position"])
    _renumber(siblings[:index] + siblings[index + 1 :])


def outdent(paragraph: Paragraph) -> None:
    """Take a paragraph out one level, to just after the paragraph it was under (1.2.1 becomes 1.3)."""
    if paragraph.parent_id is None:
        raise EditError(gettext("It is already a top-level paragraph."))
    parent = paragraph.parent
    old_siblings = [s for s in _ordered(paragraph_siblings(paragraph)) if s.pk != paragraph.pk]
    new_siblings = _ordered(paragraph_siblings(parent))
    index = next(i for i, s in enumerate(new_siblings) if s.pk == parent.pk)
    paragraph.parent_id = parent.parent_id
    paragraph.save(update_fields=["parent"])
    new_siblings.insert(index + 1, paragraph)
    _renumber(new_siblings)
    _renumber(old_siblings)


def _take_out(paragraph: Paragraph, section: Section, parent_id: int | None) -> None:
    """Take a paragraph (with its sub-paragraphs) from its place to another level or section, leaving
    its old siblings numbered in order; the caller puts it among its new siblings."""
    if section.is_background_papers:
        raise EditError(
            gettext("The background papers section lists papers only: put the paragraph in another section.")
        )
    above = Paragraph.objects.filter(pk=parent_id).first() if parent_id else None
    while above is not None:
        if above.pk == paragraph.pk:
            raise EditError(gettext("A paragraph cannot go among its own sub-paragraphs."))
        above = above.parent
    old_siblings = [s for s in _ordered(paragraph_siblings(paragraph)) if s.pk != paragraph.pk]
    moved_section = paragraph.section_id != section.pk
    paragraph.section_id, paragraph.parent_id = section.pk, parent_id
    paragraph.save(update_fields=["section", "parent"])
    if moved_section:
        # Its sub-paragraphs go with it into the new section, level by level.
        level = [paragraph.pk]
        while level:
            below = list(Paragraph.objects.filter(parent_id__in=level).values_list("pk", flat=True))
            Paragraph.objects.filter(pk__in=below).update(section_id=section.pk)
            level = below
    _renumber(old_siblings)


def place_paragraph(paragraph: Paragraph, target: Paragraph, after: bool) -> None:
    """Move a paragraph (with its sub-paragraphs) to just before or after another, at that one's level
    and in its section: dragged there in the editor. Nothing goes inside itself."""
    if target.pk == paragraph.pk:
        raise EditError(gettext("It is already there."))
    _take_out(paragraph, target.section, target.parent_id)
    place(paragraph, paragraph_siblings(target), target, after)


def place_paragraph_under(paragraph: Paragraph, heading: Paragraph) -> None:
    """A paragraph dragged onto a paragraph's heading line: its first sub-paragraph (2.3 dropped on the
    heading 2.1 becomes 2.1.1). Only a heading starts a sub-section; a plain paragraph is nested by
    Tab (or Nest) under the one above it instead."""
    if heading.pk == paragraph.pk:
        raise EditError(gettext("It is already there."))
    if not heading.heading:
        raise EditError(gettext("A paragraph goes under a heading: drop it before or after this paragraph instead."))
    _take_out(paragraph, heading.section, heading.pk)
    _renumber([paragraph, *(s for s in _ordered(paragraph_siblings(paragraph)) if s.pk != paragraph.pk)])


def place_paragraph_last(paragraph: Paragraph, section: Section) -> None:
    """A paragraph dragged onto a section (one with no paragraphs yet, say): its last top-level paragraph."""
    _take_out(paragraph, section, None)
    siblings = [s for s in _ordered(paragraph_siblings(paragraph)) if s.pk != paragraph.pk]
    _renumber([*siblings, paragraph])


def delete_paragraph(paragraph: Paragraph) -> None:
    siblings = [s for s in _ordered(paragraph_siblings(paragraph)) if s.pk != paragraph.pk]
    paragraph.delete()  # its sub-paragraphs go with it; the revision before this keeps them
    _renumber(siblings)


# Sections, recommendations, papers, appendices ------------------------------------


def delete_in_order(item, siblings_queryset) -> None:
    siblings = [s for s in _ordered(siblings_queryset) if s.pk != item.pk]
    item.delete()
    _renumber(siblings)


def add_section(report: Report, heading: str) -> Section:
    """A new section goes before the background papers, which stay last."""
    heading = heading.strip()
    if not heading:
        raise EditError(gettext("Enter the section's heading."))
    sections = _ordered(report.sections.all())
    created = Section(report=report, heading=heading, position=0)
    created.save()
    at = next((i for i, s in enumerate(sections) if s.is_background_papers), len(sections))
    sections.insert(at, created)
    _renumber(sections)
    return created


def delete_section(section: Section) -> None:
    if section.is_background_papers:
        raise EditError(gettext("The background papers section stays; delete the papers themselves instead."))
    delete_in_order(section, section.report.sections.all())


def place_section(section: Section, target: Section, after: bool) -> None:
    """A section dragged before or after another; the background papers stay last."""
    if section.is_background_papers:
        raise EditError(gettext("The background papers section stays last."))
    if target.is_background_papers and after:
        raise EditError(gettext("The background papers section stays last: put the section before it."))
    place(section, section.report.sections.all(), target, after)


def add_recommendation(report: Report, text: str, exempt_paragraph: int | None = None) -> Recommendation:
    if not text:
        raise EditError(gettext("Write the recommendation before adding it."))
    return insert_at_end(
        Recommendation, report.recommendations.all(), report=report, text=text, exempt_paragraph=exempt_paragraph
    )


def add_background_paper(report: Report, **fields) -> BackgroundPaper:
    fields["awaiting_publication"] = report.status == Report.Status.PUBLISHED
    paper = insert_at_end(BackgroundPaper, report.background_papers.all(), report=report, **fields)
    _keep_track_of_new_file(report, paper.file)
    return paper


def add_appendix(report: Report, **fields) -> Appendix:
    fields["awaiting_publication"] = report.status == Report.Status.PUBLISHED
    appendix = insert_at_end(Appendix, report.appendices.all(), report=report, **fields)
    _keep_track_of_new_file(report, appendix.file)
    return appendix
