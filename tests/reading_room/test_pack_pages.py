from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from committee.models import AgendaPack
from documents import packs
from tests.reading_room.builders import coming_meeting


@pytest.fixture
def built(committee, author, approver, governance_officer):
    meeting, public, exempt = coming_meeting(committee, author, approver, governance_officer)
    for pack in packs.request_packs(meeting):
        packs.build_pack.call(pack.pk)
    return meeting, public, exempt


def _page_text(pack: AgendaPack, number: int) -> str:
    with pack.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read())).pages[number - 1].extract_text()


def test_the_worker_records_the_pack_page_of_each_paragraph(built):
    _meeting, public, exempt = built
    members = AgendaPack.objects.get(variant=AgendaPack.Variant.MEMBERS)
    public_pack = AgendaPack.objects.get(variant=AgendaPack.Variant.PUBLIC)
    pages = members.paragraph_pages
    assert set(pages) == {str(public.pk), str(exempt.pk)}
    assert "The library opens at nine" in _page_text(members, pages[str(public.pk)]["1.1"])
    assert "Visits rose by a tenth" in _page_text(members, pages[str(exempt.pk)]["1.2"])
    assert pages[str(exempt.pk)]["1.1"] > pages[str(public.pk)]["1.1"]
    assert set(public_pack.paragraph_pages) == {str(public.pk)}  # the exempt report is not in it


def test_the_reading_room_shows_the_pack_page_beside_each_paragraph(client, committee_member, built):
    _meeting, public, exempt = built
    members = AgendaPack.objects.get(variant=AgendaPack.Variant.MEMBERS)
    client.force_login(committee_member)
    page = client.get(reverse("reading_room:report", args=[exempt.pk])).content.decode()
    assert f"pack p. {members.paragraph_pages[str(exempt.pk)]['1.2']}" in page
