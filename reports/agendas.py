"""A meeting's agenda as one reader sees it: the items they may see, numbered through Part 1 into
Part 2, each Part 2 item with its Schedule 12A paragraph and its papers shown only to those entitled
to them, and each report linked where the reader may open it. Pages, packs and minutes read it.

Building the agenda (adding, moving, publishing items) is committee/agenda.py's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from committee import access, routes
from committee.models import AgendaItem, Meeting
from core import schedule_12a
from core.numbering import agenda_numbers
from reports import exemption
from reports.models import Report, ReportRevision


@dataclass
class AgendaEntry:
    number: str
    item: AgendaItem
    show_content: bool
    paragraph_text: str = ""
    report_visible: bool = False
    # What the meetings before this one on the report's route minuted (committee/routes.py).
    earlier: list = field(default_factory=list)
    # A public report's exempt parts as published, e.g. "appendix B" (reports/exemption.py), and its
    # classification ("Public, with exempt appendix B (paragraph 3)"); empty for everything else.
    exempt_parts: str = ""
    exempt_paragraphs: list[int] = field(default_factory=list)
    classification: str = ""

    @property
    def is_exempt(self) -> bool:
        return self.item.part == AgendaItem.Part.EXEMPT

    @property
    def schedule_part(self) -> int:
        """The Part of Schedule 12A the item's paragraph is in (1 in England, 4 in Wales)."""
        return schedule_12a.part_of(self.item.exempt_paragraph or 1)

    @property
    def title(self) -> str:
        """The item's title as this reader may read it: a Part 2 item's confidential title for those
        entitled to its content, its public title for everyone else."""
        return (self.show_content and self.item.confidential_title) or self.item.title


@dataclass
class Agenda:
    meeting: Meeting
    part1: list[AgendaEntry] = field(default_factory=list)
    part2: list[AgendaEntry] = field(default_factory=list)
    exclusion_motion: str = ""

    @property
    def entries(self) -> list[AgendaEntry]:
        return self.part1 + self.part2

    def __bool__(self) -> bool:
        return bool(self.part1 or self.part2)


def agenda_for(meeting: Meeting, user, items: list[AgendaItem] | None = None) -> Agenda:
    """The agenda as this user may see it, numbered. Pass items already loaded (with their
    reports selected) to keep the page at a fixed number of queries."""
    agenda = Agenda(meeting=meeting)
    if not access.can_see_agenda(user, meeting):
        return agenda
    if items is None:
        items = list(meeting.agenda_items.select_related("report"))
    for item in items:
        item.meeting = meeting  # spares a query per item in the access checks
    visible = [item for item in items if access.can_see_agenda_item(user, item)]
    numbers = agenda_numbers(visible)
    report_ids = {item.report_id for item in visible if item.report_id}
    # One query for every linked report, rather than one access check per item.
    readable = set(Report.objects.visible_to(user).filter(pk__in=report_ids).values_list("pk", flat=True))
    parts = _published_exempt_parts({item.report_id for item in visible if item.report_id and item.part == 1})
    for item in sorted(visible, key=lambda i: (i.part, i.position, i.id)):
        show_content = access.can_see_agenda_item_content(user, item)
        entry = AgendaEntry(
            number=numbers[item.id],
            item=item,
            show_content=show_content,
            paragraph_text=schedule_12a.description(item.exempt_paragraph) if item.exempt_paragraph else "",
            report_visible=show_content and item.report_id in readable,
        )
        if entry.is_exempt:
            entry.exempt_paragraphs = [item.exempt_paragraph]
            entry.classification = exemption.classification(
                is_exempt=True, paragraph=item.exempt_paragraph, appendices=[], passages=[]
            )
        elif item.report_id in parts:
            appendices, passages = parts[item.report_id]
            entry.exempt_parts = exemption.exempt_parts_named(appendices, passages)
            entry.exempt_paragraphs = [n for _, n in appendices] + passages
            entry.classification = exemption.classification(
                is_exempt=False, paragraph=None, appendices=appendices, passages=passages
            )
        (agenda.part2 if entry.is_exempt else agenda.part1).append(entry)
    if report_ids:
        # Officers read a minute as it is being written; everyone else once the minutes are public.
        earlier = routes.earlier_outcomes(meeting, report_ids, public=not access.can_manage_meetings(user))
        for entry in agenda.entries:
            if entry.show_content:
                entry.earlier = earlier.get(entry.item.report_id, [])
    # Part 2 items, and public items taken in private only for their exempt appendices or passages.
    excluded = [(e.number, e.exempt_paragraphs, e.exempt_parts) for e in agenda.entries if e.exempt_paragraphs]
    agenda.exclusion_motion = exemption.exclusion_motion(excluded)
    return agenda


def _published_exempt_parts(report_ids: set[int]) -> dict[int, tuple[list[tuple[str, int]], list[int]]]:
    """The exempt appendices and passages of each report as last published, for those that have any:
    one query for the whole agenda."""
    if not report_ids:
        return {}
    latest = (
        ReportRevision.objects.filter(report_id__in=report_ids, is_published=True)
        .order_by("report_id", "-number")
        .distinct("report_id")
        .values_list("report_id", "content__appendices", "content__recommendations", "content__sections")
    )
    found = {}
    for report_id, appendices, recommendations, sections in latest:
        content = {"appendices": appendices, "recommendations": recommendations, "sections": sections}
        appendices_, passages = exemption.exempt_parts(content)
        if appendices_ or passages:
            found[report_id] = (appendices_, passages)
    return found
