"""The agenda pack's page numbers beside a report's HTML paragraphs ("pack p. 37"), so a member
reading on screen and one holding the printed pack find the same place. The worker records where
each paragraph fell as it builds the pack (documents/packs.py paragraph_pages)."""

from __future__ import annotations

import re

from django.utils.html import format_html

from committee import access
from committee.models import AgendaPack
from core.language import is_welsh
from reports import access as report_access

# A numbered paragraph's opening tag, as templates/reports/_paragraphs.html writes it.
_PARAGRAPH = re.compile(r'(<div class="council-paragraph[^"]*" id="paragraph-([\d.]+)">)')


def pages_for(user, report) -> dict[str, int]:
    """The pages of the pack this reader holds: the members' pack (Part 2 included) for those entitled
    to it, else the public pack, whose page numbers it may differ from."""
    if report.meeting_id is None:
        return {}
    ready = AgendaPack.objects.filter(meeting_id=report.meeting_id, status=AgendaPack.Status.READY).exclude(file="")
    packs = {pack.variant: pack for pack in ready.select_related("meeting")}
    order = [AgendaPack.Variant.MEMBERS, AgendaPack.Variant.PUBLIC]
    if not report_access.can_read_exempt_parts(user, report):
        order = [AgendaPack.Variant.PUBLIC]
    if is_welsh():  # the reader's pack in Welsh first, where the council makes one
        welsh = {
            AgendaPack.Variant.MEMBERS: AgendaPack.Variant.MEMBERS_WELSH,
            AgendaPack.Variant.PUBLIC: AgendaPack.Variant.WELSH,
        }
        order = [welsh[variant] for variant in order] + order
    for variant in order:
        pack = packs.get(variant)
        if pack is not None and access.can_download_pack(user, pack):
            return pack.paragraph_pages.get(str(report.pk), {})
    return {}


def with_pages(html: str, pages: dict[str, int]) -> str:
    """The report's body with "pack p. N" at the start of each paragraph the pack holds."""
    if not pages:
        return html

    def mark(match):
        page = pages.get(match.group(2))
        if page is None:
            return match.group(1)
        return match.group(1) + format_html('<span class="council-reading-room__pack-page">pack p. {}</span>', page)

    return _PARAGRAPH.sub(mark, html)
