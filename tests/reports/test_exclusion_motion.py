"""Classification on the agenda and the motion to exclude the press and public (issue 18): the motion
lists each item it covers with its paragraphs, including a public item taken in private only for its
exempt appendix or passages."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile

from committee import agenda
from committee.models import AgendaItem
from publishing import publication
from reports import exemption
from reports.agendas import agenda_for
from reports.models import Appendix, Recommendation, Report
from tests.conftest import make_meeting
from tests.report_builders import report_with_content


def test_exempt_parts_are_read_from_a_snapshot_nested_passages_included():
    content = {
        "appendices": [{"label": "A"}, {"label": "B", "exempt_paragraph": 3}, {"exempt_paragraph": 1}],
        "recommendations": [{"exempt_paragraph": 5}, {}],
        "sections": [{"paragraphs": [{"children": [{"exempt_paragraph": 2, "children": []}]}]}],
    }
    assert exemption.exempt_parts(content) == ([("B", 3), ("3", 1)], [5, 2])
    assert exemption.exempt_parts({}) == ([], [])


@pytest.mark.parametrize(
    ("appendices", "passages", "named"),
    [
        ([("B", 3)], [], "appendix B"),
        ([("2", 14), ("3", 14), ("4", 16)], [], "appendices 2, 3 and 4"),
        ([], [3], "exempt passages"),
        ([("B", 3)], [1], "appendix B and exempt passages"),
        ([], [], ""),
    ],
)
def test_exempt_parts_are_named_in_the_agendas_words(appendices, passages, named):
    assert exemption.exempt_parts_named(appendices, passages) == named


def test_the_motion_lists_each_item_with_its_paragraphs():
    motion = exemption.exclusion_motion([("5", [3], "appendix B"), ("8", [1, 3, 1], ""), ("9", [7], "")])
    assert motion.startswith("That under section 100A(4) of the Local Government Act 1972 the press and public")
    assert motion.endswith(
        "shown against each item: item 5, appendix B only (paragraph 3); item 8 (paragraphs 1 and 3); "
        "item 9 (paragraph 7)."
    )
    assert exemption.exclusion_motion([]) == ""


@pytest.fixture
def meeting(committee):
    return make_meeting(committee)


def published_with_exempt_appendix(committee, officer, django_capture_on_commit_callbacks) -> Report:
    report = report_with_content(
        committee, sections=1, paragraphs=1, title="Depot contract", status=Report.Status.APPROVED
    )
    appendix = Appendix(report=report, position=1, title="Tender prices", exempt_paragraph=3)
    appendix.file.save("tender.pdf", ContentFile(b"%PDF-1.4 tender"), save=False)
    appendix.save()
    with django_capture_on_commit_callbacks(execute=False):
        publication.publish_report(report, officer)
    return report


def test_a_public_report_with_an_exempt_appendix_is_classified_and_taken_in_private_only_for_it(
    meeting, committee, governance_officer, django_capture_on_commit_callbacks
):
    report = published_with_exempt_appendix(committee, governance_officer, django_capture_on_commit_callbacks)
    agenda.add_item(meeting, governance_officer, title="Apologies")
    agenda.add_report_item(meeting, governance_officer, report)
    built = agenda_for(meeting, governance_officer)
    entry = built.part1[1]
    assert entry.number == "2" and entry.exempt_parts == "appendix A"
    assert entry.classification == "Public, with exempt appendix A (paragraph 3)"
    assert built.part2 == []
    assert built.exclusion_motion.endswith("shown against each item: item 2, appendix A only (paragraph 3).")


def test_the_motion_covers_part_2_items_and_public_items_with_exempt_parts_in_agenda_order(
    meeting, committee, governance_officer, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    report = published_with_exempt_appendix(committee, governance_officer, django_capture_on_commit_callbacks)
    passage = report_with_content(committee, sections=1, paragraphs=1, title="Fees", status=Report.Status.APPROVED)
    Recommendation.objects.create(report=passage, position=5, text="<p>Agree the fee</p>", exempt_paragraph=1)
    with django_capture_on_commit_callbacks(execute=False):
        publication.publish_report(passage, governance_officer)
    agenda.add_report_item(meeting, governance_officer, report)
    agenda.add_report_item(meeting, governance_officer, passage)
    agenda.add_item(meeting, governance_officer, title="Staffing", part=AgendaItem.Part.EXEMPT, exempt_paragraph=1)
    items = list(meeting.agenda_items.select_related("report"))
    with django_assert_max_num_queries(4):
        built = agenda_for(meeting, governance_officer, items)
    assert built.part2[0].classification == "Exempt — paragraph 1 of Schedule 12A"
    assert built.exclusion_motion.endswith(
        "item 1, appendix A only (paragraph 3); item 2, exempt passages only (paragraph 1); item 3 (paragraph 1)."
    )


def test_the_public_agenda_page_shows_the_classification_and_the_motion(
    client, meeting, committee, governance_officer, django_capture_on_commit_callbacks
):
    report = published_with_exempt_appendix(committee, governance_officer, django_capture_on_commit_callbacks)
    agenda.add_report_item(meeting, governance_officer, report)
    with django_capture_on_commit_callbacks(execute=False):
        publication.publish_agenda(
            meeting, governance_officer, now=datetime.datetime(2017, 2, 10, 12, tzinfo=ZoneInfo("Europe/London"))
        )
    page = " ".join(client.get(meeting.get_absolute_url()).content.decode().split())
    assert (
        "Public, with exempt appendix A (paragraph 3): the press and public may be excluded for appendix A only."
        in page
    )
    assert "Motion to exclude the press and public.</strong>" in page
    assert "item 1, appendix A only (paragraph 3)." in page
