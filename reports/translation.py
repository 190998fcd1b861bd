"""A report's Welsh: written block by block beside the English, signed off by a translator, and
required before a Welsh council publishes the report (Welsh Language Standards (No. 1) Regulations
2015: published documents in Welsh, Welsh treated no less favourably than English).

Every block that carries English carries Welsh beside it (``<field>_cy``): the report's title, its
"report of" and summary, each recommendation, section heading, paragraph heading and text, and each
background paper's and appendix's title. When Welsh is saved, the part it belongs to keeps a
fingerprint of the English it was written from (``translated_from``), so a later change to the
English shows as "changed since it was translated" until the translator has looked at it again.

What must be in Welsh before publication is the council's choice (``Council.welsh_required``): the
title, "report of" and summary, or the whole report. English councils require nothing, unless a
committee asks for a translation sign-off.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from committee import access
from core import bilingual, dates, editable_text, richtext
from core.council import WelshRequired, current_council
from reports import access as report_access
from reports import editing
from reports.models import Report, SignOff
from reports.structure import loaded_structure

TRANSLATION_ROLE = SignOff.Role.TRANSLATION.value


def fingerprint(*english: str) -> str:
    """Changes whenever any of a part's English does."""
    digest = hashlib.sha256()
    for text in english:
        digest.update((text or "").encode())
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class Block:
    """One piece of English and its Welsh, as the side-by-side page shows it."""

    key: str  # the form field's name
    label: str
    english: str  # as stored: HTML where ``rich``
    welsh: str
    rich: bool = False
    required: bool = False
    long: bool = False  # plain text of several lines (an agenda item's description): a box, breaks kept
    typed: str | None = None  # what the translator typed, kept in the form when a save is refused

    @property
    def shown_welsh(self) -> str:
        """The Welsh as the form's box shows it."""
        return self.typed if self.typed is not None else self.welsh_text

    @property
    def english_text(self) -> str:
        return editable_text.to_text(self.english) if self.rich else self.english

    @property
    def welsh_text(self) -> str:
        return editable_text.to_text(self.welsh) if self.rich else self.welsh


@dataclass
class Part:
    """A thing with its own fingerprint (the report itself, a paragraph, a recommendation …): its
    blocks are translated together and flagged together."""

    key: str
    obj: object
    english_fields: tuple[str, ...]
    blocks: list[Block] = field(default_factory=list)

    @property
    def english_fingerprint(self) -> str:
        return fingerprint(*(getattr(self.obj, name) for name in self.english_fields))

    @property
    def has_welsh(self) -> bool:
        return any(block.welsh.strip() for block in self.blocks)

    @property
    def changed_since_translated(self) -> bool:
        """Its Welsh was written from English that has changed since."""
        recorded = self.obj.translated_from
        return self.has_welsh and bool(recorded) and recorded != self.english_fingerprint

    def missing(self) -> list[Block]:
        return [b for b in self.blocks if b.required and b.english.strip() and not b.welsh.strip()]


def required_scope(report: Report) -> str:
    """What of this report must be in Welsh before it is published: "" (nothing), or one of
    core.council.WelshRequired."""
    council = current_council()
    if council.is_welsh or report.committee.requires_translation_signoff:
        return council.welsh_required
    return ""


def parts(report: Report) -> list[Part]:
    """Every part of the report that carries English, in the order the report prints them."""
    doc = loaded_structure(report)
    loaded = doc.report
    scope = required_scope(loaded)
    whole = scope == WelshRequired.WHOLE_REPORT
    summary = bool(scope)
    wording = doc.wording
    result = []
    top = Part("report", loaded, ("title", "report_of", "summary"))
    top.blocks = [
        Block("title", _("Title"), loaded.title, loaded.title_cy, required=summary),
        Block("report_of", _("Report of"), loaded.report_of, loaded.report_of_cy, required=summary),
        Block("summary", _("Summary"), loaded.summary, loaded.summary_cy, rich=True, required=summary),
    ]
    result.append(top)
    recommendations = {r.pk: r for r in loaded.recommendations.all()}
    by_text = sorted(recommendations.values(), key=lambda r: (r.position, r.pk))
    for (number, _text), rec in zip(doc.recommendations, by_text, strict=True):
        part = Part(f"rec-{rec.pk}", rec, ("text",))
        label = _("Recommendation %(number)s") % {"number": wording.recommendation_label(number).rstrip(".")}
        part.blocks = [Block(f"rec-{rec.pk}", label, rec.text, rec.text_cy, rich=True, required=whole)]
        result.append(part)
    sections = {s.pk: s for s in loaded.sections.all()}
    paragraphs = {p.pk: p for s in sections.values() for p in s.paragraphs.all()}
    for numbered in doc.sections:
        section = sections[numbered.pk]
        part = Part(f"section-{section.pk}", section, ("heading",))
        welsh_heading = section.heading_cy or bilingual.welsh_for(section.heading)
        label = _("Section %(number)s heading") % {"number": numbered.number} if numbered.number != "" else _("Heading")
        part.blocks = [Block(f"section-{section.pk}", label, section.heading, welsh_heading, required=whole)]
        result.append(part)
        result += _paragraph_parts(numbered.paragraphs, paragraphs, wording, whole)
    for paper in loaded.background_papers.all():
        part = Part(f"paper-{paper.pk}", paper, ("title",))
        label = _("Background paper: %(title)s") % {"title": paper.title}
        part.blocks = [Block(f"paper-{paper.pk}", label, paper.title, paper.title_cy, required=whole)]
        result.append(part)
    for appendix in doc.appendices:
        part = Part(f"appendix-{appendix.pk}", appendix, ("title",))
        label = _("Appendix %(label)s title") % {"label": appendix.label}
        part.blocks = [Block(f"appendix-{appendix.pk}", label, appendix.title, appendix.title_cy, required=whole)]
        result.append(part)
    result += _agenda_item_parts(loaded)
    return result


def _agenda_item_parts(report: Report) -> list[Part]:
    """The agenda items that carry the report: their titles and descriptions are on the agenda in both
    languages, so they are translated here with the report, flagged as its blocks are when their English
    changes. The council's requirement is the report's; an item's Welsh is asked for on the agenda."""
    result = []
    for item in report.agenda_items.select_related("meeting__committee").order_by("meeting__starts_at", "pk"):
        values = {"date": dates.short_date(item.meeting.starts_at), "committee": item.meeting.committee.name}
        part = Part(f"item-{item.pk}", item, ("title", "description"))
        part.blocks = [
            Block(
                f"item-{item.pk}-title",
                _("Agenda item title (%(committee)s, %(date)s)") % values,
                item.title,
                item.title_cy,
            )
        ]
        if item.description or item.description_cy:
            part.blocks.append(
                Block(
                    f"item-{item.pk}-description",
                    _("Agenda item description (%(committee)s, %(date)s)") % values,
                    item.description,
                    item.description_cy,
                    long=True,
                )
            )
        result.append(part)
    return result


def _paragraph_parts(numbered_paragraphs, paragraphs: dict, wording, required: bool) -> list[Part]:
    result = []
    for numbered in numbered_paragraphs:
        if numbered.background_paper is not None:
            continue
        paragraph = paragraphs[numbered.pk]
        label = _("Paragraph %(number)s") % {"number": wording.paragraph_label(numbered.number)}
        part = Part(f"para-{paragraph.pk}", paragraph, ("heading", "text"))
        if paragraph.heading:
            part.blocks.append(
                Block(
                    f"para-{paragraph.pk}-heading",
                    _("%(paragraph)s heading") % {"paragraph": label},
                    paragraph.heading,
                    paragraph.heading_cy or bilingual.welsh_for(paragraph.heading),
                    required=required,
                )
            )
        part.blocks.append(
            Block(f"para-{paragraph.pk}-text", label, paragraph.text, paragraph.text_cy, rich=True, required=required)
        )
        result.append(part)
        result += _paragraph_parts(numbered.children, paragraphs, wording, required)
    return result


@dataclass(frozen=True)
class Outstanding:
    """What stops a report's publication for want of Welsh: blocks with none, and blocks whose
    English changed after their Welsh was written."""

    missing: list[str]
    out_of_date: list[str]

    def __bool__(self) -> bool:
        return bool(self.missing or self.out_of_date)

    def message(self) -> str:
        sentences = []
        if self.missing:
            sentences.append(_("These parts have no Welsh yet: %(parts)s.") % {"parts": "; ".join(self.missing)})
        if self.out_of_date:
            sentences.append(
                _("The English of these parts has changed since they were translated: %(parts)s.")
                % {"parts": "; ".join(self.out_of_date)}
            )
        return " ".join(sentences)


def outstanding(report: Report, found: list[Part] | None = None) -> Outstanding:
    """What of the report's required Welsh is missing or out of date (nothing, if none is required)."""
    if not required_scope(report):
        return Outstanding([], [])
    found = found if found is not None else parts(report)
    missing = [block.label for part in found for block in part.missing()]
    out_of_date = [
        part.blocks[-1].label
        for part in found
        if any(b.required for b in part.blocks) and part.changed_since_translated
    ]
    return Outstanding(missing, out_of_date)


# Who writes the Welsh -------------------------------------------------------------------------


def may_translate(user, report: Report) -> bool:
    """A draft's authors; in clearance, the translator asked to sign it off and the governance team;
    a published report, the governance team (its Welsh corrected as a correction)."""
    status = report.status
    if status == Report.Status.DRAFT:
        return report_access.can_edit_report(user, report)
    if status in (Report.Status.SUBMITTED, Report.Status.CLEARED, Report.Status.APPROVED):
        if access.is_governance_officer(user):
            return True
        return any(report_access.can_sign_off(user, s) for s in report.signoffs.filter(role=TRANSLATION_ROLE))
    return report_access.can_correct_published_report(user, report)


def _stored(block: Block, typed: str) -> str:
    typed = (typed or "").replace("\r\n", "\n").strip()
    if block.rich:
        return richtext.clean(editable_text.from_text(typed)) if typed else ""
    if block.long:
        return "\n".join(" ".join(line.split()) for line in typed.split("\n"))
    return " ".join(typed.split())


_FIELD_OF_BLOCK = {
    "title": "title_cy",
    "report_of": "report_of_cy",
    "summary": "summary_cy",
}


def _field_of(block: Block) -> str:
    if block.key.startswith("item-"):
        return "description_cy" if block.key.endswith("-description") else "title_cy"
    if block.key in _FIELD_OF_BLOCK:
        return _FIELD_OF_BLOCK[block.key]
    if block.key.endswith("-heading") or block.key.startswith("section-"):
        return "heading_cy"
    if block.key.startswith(("paper-", "appendix-")):
        return "title_cy"
    return "text_cy"


def save_welsh(report: Report, user, version, typed: dict[str, str], confirmed: set[str] = frozenset()) -> int:
    """Keep the Welsh typed for each block (the side-by-side form's fields, by block key).

    A part whose Welsh changed, or whose translator confirms (``confirmed``: part keys) that its
    Welsh still says what the changed English says, is marked as translated from today's English.
    Runs as any other change to the report (reports/editing.py): locked, refused if somebody saved
    since the form was loaded, versioned and kept as a revision. Returns how many parts changed.
    """
    changed = 0
    with editing.changing(report, user, version, may_change=may_translate) as locked:
        for part in parts(locked):
            updates = {}
            for block in part.blocks:
                if block.key not in typed:
                    continue
                welsh = _stored(block, typed[block.key])
                name = _field_of(block)
                if welsh != (getattr(part.obj, name) or ""):
                    updates[name] = welsh
            if not updates and part.key not in confirmed:
                continue
            for name, value in updates.items():
                setattr(part.obj, name, value)
            has_welsh = any((getattr(part.obj, _field_of(b)) or "").strip() for b in part.blocks)
            part.obj.translated_from = part.english_fingerprint if has_welsh else ""
            part.obj.save(update_fields=[*updates, "translated_from"])
            changed += 1
    return changed
