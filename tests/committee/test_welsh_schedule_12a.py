"""Schedule 12A as the council's nation numbers it (issue 18): England chooses from paragraphs 1 to 7
of Part 1, Wales from paragraphs 12 to 18 of Part 4 (as substituted for Wales in 2007), with the public
interest test in paragraph 21 of Part 5. The council's nation decides which list is offered."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from committee import agenda
from committee.models import AgendaItem, WorkProgrammeItem
from core import schedule_12a
from core.council import Nation
from reports import exemption
from reports.forms import AppendixForm
from reports.models import Recommendation
from tests.conftest import make_meeting, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, governance_officer):
    client.force_login(governance_officer)
    return client


def add_exempt_item(officer_client, meeting, paragraph):
    return officer_client.post(
        reverse("committee:agenda_item_add", args=[meeting.pk]),
        {"title": "Land at the wharf", "part": 2, "exempt_paragraph": paragraph},
        follow=True,
    )


def test_each_nation_has_its_own_paragraphs():
    assert [n for n, _ in schedule_12a.paragraphs(Nation.ENGLAND)] == [1, 2, 3, 4, 5, 6, 7]
    assert [n for n, _ in schedule_12a.paragraphs(Nation.WALES)] == [12, 13, 14, 15, 16, 17, 18]
    assert schedule_12a.description(14).startswith("Information relating to the financial or business affairs")
    assert (schedule_12a.part_of(3), schedule_12a.part_of(14)) == (1, 4)


def test_an_english_council_is_offered_1_to_7_and_refused_a_welsh_paragraph(officer_client, committee):
    meeting = make_meeting(committee)
    page = officer_client.get(reverse("committee:agenda_build", args=[meeting.pk])).content.decode()
    assert "3. Information relating to the financial" in page and "14. Information" not in page
    response = add_exempt_item(officer_client, meeting, 14)
    assert not meeting.agenda_items.exists()
    assert "Select a valid choice" in response.content.decode()


def test_a_welsh_council_is_offered_12_to_18_and_its_agenda_cites_part_4(wales, officer_client, committee):
    meeting = make_meeting(committee)
    page = officer_client.get(reverse("committee:agenda_build", args=[meeting.pk])).content.decode()
    assert "14. Information relating to the financial" in page and "3. Information relating" not in page
    add_exempt_item(officer_client, meeting, 3)
    assert not meeting.agenda_items.exists()
    add_exempt_item(officer_client, meeting, 14)
    assert meeting.agenda_items.get().exempt_paragraph == 14
    page = officer_client.get(reverse("committee:agenda_build", args=[meeting.pk])).content.decode()
    assert "paragraphs of Part 4 of Schedule 12A" in page
    assert "paragraph 21 of Part 5" in page


def test_the_agenda_module_refuses_the_other_nations_paragraph(wales, committee, governance_officer):
    meeting = make_meeting(committee)
    with pytest.raises(agenda.AgendaError, match="12 to 18"):
        agenda.add_item(meeting, governance_officer, title="Land", part=AgendaItem.Part.EXEMPT, exempt_paragraph=3)


def test_the_report_editor_offers_the_councils_paragraphs(wales):
    form = AppendixForm(data={"version": 1, "title": "Valuation", "exempt_paragraph": "3"})
    assert [value for value, _ in form.fields["exempt_paragraph"].choices][1:] == list(range(12, 19))
    assert not form.is_valid()
    assert "exempt_paragraph" in form.errors


def test_welsh_wording_on_notices_and_the_motion():
    assert "exempt under paragraph 14 of Part 4 of Schedule 12A" in exemption.appendix_notice("2", "Valuation", 14)
    assert "paragraph 3 of Part 1 of Schedule 12A" in exemption.appendix_notice("B", "Prices", 3)
    motion = exemption.exclusion_motion([("5", [14, 16], "appendices 2, 3, 4, 5 and 6")])
    assert "paragraphs of Part 4 of Schedule 12A" in motion
    assert "public interest in maintaining the exemption outweighs" in motion
    assert "paragraph 21 of Part 5" in motion
    assert motion.endswith("item 5, appendices 2, 3, 4, 5 and 6 only (paragraphs 14 and 16).")
    english = exemption.exclusion_motion([("5", [3], "")])
    assert "Part 1 of Schedule 12A" in english and "Part 5" not in english


@pytest.mark.parametrize("paragraph", [0, 8, 10, 11, 19, 21])
def test_the_database_refuses_a_paragraph_neither_nation_uses(committee, paragraph):
    report = make_report(committee)
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.create(report=report, text="Agree", exempt_paragraph=paragraph)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkProgrammeItem.objects.create(committee=committee, title="Land", is_exempt=True, exempt_paragraph=paragraph)


@pytest.mark.parametrize("paragraph", [1, 7, 12, 18])
def test_the_database_accepts_both_nations_paragraphs(committee, paragraph):
    report = make_report(committee)
    Recommendation.objects.create(report=report, text="Agree", exempt_paragraph=paragraph)


def test_a_welsh_agenda_prints_the_motion_to_exclude_in_welsh():
    with translation.override("cy"):
        motion = exemption.exclusion_motion([("5", [14, 16], exemption.exempt_parts_named([("2", 14)], [16]))])
    assert motion.startswith("Bod y wasg a'r cyhoedd, o dan adran 100A(4) o Ddeddf Llywodraeth Leol 1972")
    assert "ym mharagraffau Rhan 4 o Atodlen 12A" in motion and "paragraff 21 o Ran 5" in motion
    assert motion.endswith("eitem 5, atodiad 2 a darnau eithriedig yn unig (paragraffau 14 ac 16).")
    assert "the press" not in motion
