"""A meeting's agenda as one reader sees it: the items they may see, numbered through Part 1 into
Part 2, each Part 2 item with its Schedule 12A paragraph and its papers shown only to those entitled
to them, and each report linked where the reader may open it. Pages, packs and minutes read it.

Building the agenda (adding, moving, publishing items) is committee/agenda.py's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from committee import access
from committee.models import SCHEDULE_12A_PARAGRAPHS, AgendaItem, Meeting
from core.numbering import agenda_numbers
from reports.models import Report

PARAGRAPH_TEXT = dict(SCHEDULE_12A_PARAGRAPHS)

EXCLUSION_MOTION = (
    "That under section 100A(4) of the Local Government Act 1972 the press and public be excluded "
    "from the meeting for the following items of business, on the grounds that they involve the likely "
    "disclosure of exempt information as defined in the paragraphs of Part 1 of Schedule 12A to the Act "
    "shown against each item."
)


@dataclass
class AgendaEntry:
    number: str
    item: AgendaItem
    show_content: bool
    paragraph_text: str = ""
    report_visible: bool = False

    @property
    def is_exempt(self) -> bool:
        return self.item.part == AgendaItem.Part.EXEMPT

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
    for item in sorted(visible, key=lambda i: (i.part, i.position, i.id)):
        show_content = access.can_see_agenda_item_content(user, item)
        entry = AgendaEntry(
            number=numbers[item.id],
            item=item,
            show_content=show_content,
            paragraph_text=PARAGRAPH_TEXT.get(item.exempt_paragraph, ""),
            report_visible=show_content and item.report_id in readable,
        )
        (agenda.part2 if entry.is_exempt else agenda.part1).append(entry)
    if agenda.part2:
        agenda.exclusion_motion = EXCLUSION_MOTION
    return agenda
