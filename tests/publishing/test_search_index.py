import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from committee import agenda
from committee.models import SearchDocument
from publishing import publication
from reports.models import Report
from tests.conftest import make_report

pytestmark = pytest.mark.django_db


def test_rebuild_search_indexes_only_what_is_published_and_is_idempotent(meeting, committee, governance_officer):
    agenda.add_report_item(meeting, governance_officer, make_report(committee, title="Published", status="approved"))
    publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2017, 2, 1, tzinfo=ZoneInfo("UTC")))
    make_report(committee, title="Unpublished draft")
    out = io.StringIO()
    call_command("rebuild_search", "--dry-run", stdout=out)
    assert "holds 2 entries" in out.getvalue()
    for _ in range(2):
        call_command("rebuild_search", stdout=io.StringIO())
    titles = sorted(SearchDocument.objects.values_list("title", flat=True))
    assert titles == ["Published", "Published"]  # the agenda item and its report
    assert Report.objects.get(title="Published").status == Report.Status.PUBLISHED


def test_a_correction_being_drafted_is_not_searchable_until_it_is_published(meeting, committee, governance_officer):
    from reports.models import Recommendation

    report = make_report(committee, title="Library hours", status="approved", summary="<p>Opening hours.</p>")
    Recommendation.objects.create(report=report, text="<p>That the Committee agrees the hours.</p>")
    agenda.add_report_item(meeting, governance_officer, report)
    publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2017, 2, 1, tzinfo=ZoneInfo("UTC")))

    # The officer starts a correction on the live report, and something re-indexes meanwhile.
    Report.objects.filter(pk=report.pk).update(summary="<p>Closing the Friern Barnet branch.</p>")
    Recommendation.objects.filter(report=report).update(text="<p>That the Committee closes a branch.</p>")
    call_command("rebuild_search", stdout=io.StringIO())
    indexed = SearchDocument.objects.get(kind=SearchDocument.Kind.REPORT, object_id=report.pk)
    assert "Friern" not in indexed.summary and "closes a branch" not in indexed.body
    assert "Opening hours" in indexed.summary and "agrees the hours" in indexed.body

    report.refresh_from_db()
    publication.publish_correction(report, governance_officer, "The branch closure was left out.")
    call_command("rebuild_search", stdout=io.StringIO())
    indexed = SearchDocument.objects.get(kind=SearchDocument.Kind.REPORT, object_id=report.pk)
    assert "Friern" in indexed.summary and "closes a branch" in indexed.body


def test_paragraphs_stay_apart_in_the_index_and_its_snippets(meeting, committee, governance_officer):
    report = make_report(
        committee,
        title="HMIC report",
        status="approved",
        summary="<p>Published on 25th November 2016.</p><p>The item offers</p>",
    )
    agenda.add_report_item(meeting, governance_officer, report)
    publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2017, 2, 1, tzinfo=ZoneInfo("UTC")))
    indexed = SearchDocument.objects.get(kind=SearchDocument.Kind.REPORT, object_id=report.pk)
    assert indexed.summary == "Published on 25th November 2016. The item offers"


def test_plain_text_in_the_index_keeps_its_angle_brackets(meeting, committee, governance_officer):
    from reports.models import Paragraph, Section

    report = make_report(committee, title="Keys", status="approved")
    section = Section.objects.create(report=report, position=1, heading="Using the kiosk")
    Paragraph.objects.create(
        section=section, position=0, heading="Press the <Enter> key", text="<p>Email &lt;priya@example.gov.uk&gt;</p>"
    )
    agenda.add_item(meeting, governance_officer, title="Kiosks", description="Ask <Reception> for a key")
    agenda.add_report_item(meeting, governance_officer, report)
    publication.publish_agenda(meeting, governance_officer, now=datetime.datetime(2017, 2, 1, tzinfo=ZoneInfo("UTC")))
    indexed = SearchDocument.objects.get(kind=SearchDocument.Kind.REPORT, object_id=report.pk)
    assert "Press the <Enter> key Email <priya@example.gov.uk>" in indexed.body
    item = SearchDocument.objects.get(kind=SearchDocument.Kind.AGENDA_ITEM, title="Kiosks")
    assert item.summary == "Ask <Reception> for a key"
