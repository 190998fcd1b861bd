"""One block of a report's text, as the in-browser editor saves it: the summary, a recommendation
or a paragraph, named by a key the editor page gives each ("summary", "recommendation-12",
"paragraph-40"). Each save is an ordinary versioned change (reports/editing.py `changing`); the HTML
sent is cleaned by the one sanitiser (core/richtext.py) before it is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext

from core import editable_text
from reports import editing, paste_numbering, pasting
from reports.models import Paragraph, Recommendation, Report, Section

# The longest block the editor may send: a long paragraph with a large table is well under this.
MAX_BLOCK_CHARACTERS = 200_000

_KEY = re.compile(r"^(?:(?P<summary>summary)|(?P<kind>recommendation|paragraph)-(?P<pk>[1-9]\d{0,9}))$")
_MOVABLE = re.compile(r"^(?P<kind>section|recommendation|paragraph)-(?P<pk>[1-9]\d{0,9})$")


@dataclass(frozen=True)
class Block:
    kind: str  # "summary", "recommendation" or "paragraph"
    pk: int | None = None

    @property
    def key(self) -> str:
        return self.kind if self.pk is None else f"{self.kind}-{self.pk}"


def parse_key(key: object) -> Block:
    """The block a key names; EditError for anything else, so a bad request says what was wrong."""
    match = _KEY.match(key) if isinstance(key, str) else None
    if not match:
        raise editing.EditError(gettext("That is not a part of the report the editor can save."))
    if match["summary"]:
        return Block("summary")
    return Block(match["kind"], int(match["pk"]))


def stored_html(html: object) -> str:
    """What is kept for the HTML the editor sent: sanitised, and without empty paragraphs or lists
    (an editor's empty line holds nothing a reader would see)."""
    if not isinstance(html, str):
        raise editing.EditError(gettext("The text was missing."))
    if len(html) > MAX_BLOCK_CHARACTERS:
        raise editing.EditError(gettext("That text is too long to save as one part of the report."))
    return editable_text.from_editor(html)


def _paragraph(report: Report, pk: int) -> Paragraph:
    paragraph = Paragraph.objects.filter(pk=pk, section__report=report).first()
    if paragraph is None:
        raise editing.EditError(
            gettext("That paragraph is no longer in the report. Reload the page to see it as it is now.")
        )
    return paragraph


def _recommendation(report: Report, pk: int) -> Recommendation:
    recommendation = Recommendation.objects.filter(pk=pk, report=report).first()
    if recommendation is None:
        raise editing.EditError(
            gettext("That recommendation is no longer in the report. Reload the page to see it as it is now.")
        )
    return recommendation


def current_text(report: Report, block: Block) -> str:
    """The block's text as stored now (shown beside the author's own when their save conflicts)."""
    if block.kind == "summary":
        return report.summary
    try:
        if block.kind == "recommendation":
            return _recommendation(report, block.pk).text
        return _paragraph(report, block.pk).text
    except editing.EditError:
        return ""


def save(locked: Report, block: Block, html: str) -> str:
    """Store one block's text in a report already locked by `editing.changing`; the stored HTML."""
    text = stored_html(html)
    if block.kind == "summary":
        locked.summary = text
        locked.save(update_fields=["summary"])
    elif block.kind == "recommendation":
        recommendation = _recommendation(locked, block.pk)
        recommendation.text = text
        recommendation.save(update_fields=["text"])
    else:
        paragraph = _paragraph(locked, block.pk)
        paragraph.text = text
        paragraph.save(update_fields=["text"])
    return text


def split_paragraph(locked: Report, pk: int, before: str, after: str) -> Paragraph:
    """Enter in a paragraph: its text up to the cursor stays, the rest starts the next paragraph at
    the same level (empty when Enter was pressed at the end). The new paragraph's number follows."""
    paragraph = _paragraph(locked, pk)
    paragraph.text = stored_html(before)
    paragraph.save(update_fields=["text"])
    return editing.insert_after(
        Paragraph,
        editing.paragraph_siblings(paragraph),
        paragraph,
        section_id=paragraph.section_id,
        parent_id=paragraph.parent_id,
        text=stored_html(after),
    )


# The most paragraphs one paste may bring: a whole long report pasted at once is well under this.
MAX_PASTED_PARAGRAPHS = 2_000


def pasted_pieces(pieces: object) -> list[tuple[int, bool, str]]:
    """The paragraphs the editor read from the clipboard ({"depth", "heading", "html"} each, the HTML
    as Word or a web page wrote it), each cleaned as a pasted text box's is (reports/pasting.py)."""
    if not isinstance(pieces, list) or not pieces:
        raise editing.EditError(gettext("Nothing was pasted."))
    if len(pieces) > MAX_PASTED_PARAGRAPHS:
        raise editing.EditError(
            gettext("That is more than %(count)s paragraphs to paste at once.") % {"count": MAX_PASTED_PARAGRAPHS}
        )
    read = []
    for piece in pieces:
        if not isinstance(piece, dict) or not isinstance(piece.get("html"), str):
            raise editing.EditError(gettext("A pasted paragraph could not be read."))
        if len(piece["html"]) > MAX_BLOCK_CHARACTERS:
            raise editing.EditError(gettext("A pasted paragraph is too long to save as one part of the report."))
        depth = piece.get("depth")
        depth = depth if isinstance(depth, int) and not isinstance(depth, bool) and 1 <= depth <= 9 else 1
        html = pasting.to_html(piece["html"])
        if html:
            read.append((depth, piece.get("heading") is True, html))
    if not read:
        raise editing.EditError(gettext("Nothing was pasted."))
    return read


def paste_paragraphs(locked: Report, pk: int, before: str, after: str, pieces: object) -> Paragraph:
    """Several paragraphs pasted into one (from Word): the text before the cursor stays, each pasted
    paragraph becomes a paragraph of the report nested as its numbering says (reports/paste_numbering.py),
    and the text after the cursor follows them. Pasted into an empty paragraph, the first fills it.
    The last paragraph pasted, where the cursor goes."""
    placed = paste_numbering.place(pasted_pieces(pieces))
    paragraph = _paragraph(locked, pk)
    kept, following = stored_html(before), stored_html(after)
    latest = [paragraph]  # the last paragraph placed at each level
    if not kept and not paragraph.heading:
        first, placed = placed[0], placed[1:]
        paragraph.heading, paragraph.text = first.heading, first.html
    else:
        paragraph.text = kept
    paragraph.save(update_fields=["heading", "text"])
    for piece in placed:
        level = min(piece.level, len(latest))
        fields = {"section_id": paragraph.section_id, "heading": piece.heading, "text": piece.html}
        if level == 0:
            created = editing.insert_after(
                Paragraph, editing.paragraph_siblings(latest[0]), latest[0], parent_id=latest[0].parent_id, **fields
            )
        else:
            parent = latest[level - 1]
            if len(latest) > level and latest[level].parent_id == parent.pk:
                created = editing.insert_after(
                    Paragraph, editing.paragraph_siblings(latest[level]), latest[level], parent_id=parent.pk, **fields
                )
            else:
                created = editing.insert_first(
                    Paragraph, Paragraph.objects.filter(parent=parent), parent_id=parent.pk, **fields
                )
        latest = [*latest[:level], created]
    if following:
        created = editing.insert_after(
            Paragraph,
            editing.paragraph_siblings(latest[0]),
            latest[0],
            section_id=paragraph.section_id,
            parent_id=latest[0].parent_id,
            text=following,
        )
        latest = [created]
    return latest[-1]


def make_heading(locked: Report, pk: int, before: str, heading: object, after: str) -> Paragraph:
    """A line of a paragraph made its heading (the toolbar's Heading, Ctrl+Alt+2): the paragraph becomes
    a sub-section headed by that line, like 5.1 "Risk Management", and the text after the line its
    first sub-paragraph. Text before the line stays where it was, and the heading starts the next
    paragraph. The paragraph whose text the cursor goes to: under the heading."""
    if not isinstance(heading, str) or not " ".join(heading.split()):
        raise editing.EditError(gettext("Put the cursor in the line to make a heading: that line is empty."))
    heading = " ".join(heading.split())
    if len(heading) > 300:
        raise editing.EditError(gettext("A heading is one short line: that one is over 300 characters."))
    paragraph = _paragraph(locked, pk)
    kept, following = stored_html(before), stored_html(after)
    if kept:
        paragraph.text = kept
        paragraph.save(update_fields=["text"])
        paragraph = editing.insert_after(
            Paragraph,
            editing.paragraph_siblings(paragraph),
            paragraph,
            section_id=paragraph.section_id,
            parent_id=paragraph.parent_id,
            heading=heading,
            text="",
        )
    else:
        paragraph.heading, paragraph.text = heading, ""
        paragraph.save(update_fields=["heading", "text"])
    if not following:
        return paragraph
    return editing.insert_first(
        Paragraph,
        Paragraph.objects.filter(parent=paragraph),
        section_id=paragraph.section_id,
        parent_id=paragraph.pk,
        text=following,
    )


def _movable(key: object) -> tuple[str, int]:
    match = _MOVABLE.match(key) if isinstance(key, str) else None
    if not match:
        raise editing.EditError(gettext("That is not a part of the report that can be moved."))
    return match["kind"], int(match["pk"])


def _section(report: Report, pk: int) -> Section:
    section = Section.objects.filter(pk=pk, report=report).first()
    if section is None:
        raise editing.EditError(
            gettext("That section is no longer in the report. Reload the page to see it as it is now.")
        )
    return section


def move(locked: Report, key: object, target: object, place: object) -> Paragraph | Recommendation | Section:
    """A paragraph, recommendation or section dragged in the editor to just before or after another of
    its kind (a paragraph takes that one's level and section), a paragraph to the "end" of a
    section, or a paragraph "under" a heading paragraph (its first sub-paragraph). The one moved,
    where the editor goes."""
    kind, pk = _movable(key)
    target_kind, target_pk = _movable(target)
    if (kind, target_kind, place) == ("paragraph", "section", "end"):
        moved = _paragraph(locked, pk)
        editing.place_paragraph_last(moved, _section(locked, target_pk))
        return moved
    if (kind, target_kind, place) == ("paragraph", "paragraph", "under"):
        moved = _paragraph(locked, pk)
        editing.place_paragraph_under(moved, _paragraph(locked, target_pk))
        return moved
    if kind != target_kind:
        raise editing.EditError(
            gettext(
                "A paragraph goes among paragraphs, a recommendation among recommendations, a section among sections."
            )
        )
    if place not in ("before", "after"):
        raise editing.EditError(gettext("Say whether it goes before or after the other."))
    after = place == "after"
    if kind == "paragraph":
        moved = _paragraph(locked, pk)
        editing.place_paragraph(moved, _paragraph(locked, target_pk), after)
    elif kind == "recommendation":
        moved = _recommendation(locked, pk)
        editing.place(moved, Recommendation.objects.filter(report=locked), _recommendation(locked, target_pk), after)
    else:
        moved = _section(locked, pk)
        editing.place_section(moved, _section(locked, target_pk), after)
    return moved
