import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from committee import agenda, publishing
from committee.models import SearchDocument
from reports.models import Report
from tests.conftest import make_report

pytestmark = pytest.mark.django_db


def test_rebuild_search_indexes_only_what_is_published_and_is_idempotent(meeting, committee, governance_officer):
    agenda.add_report_item(meeting, governance_officer, make_report(committee, title="Published", status="approved"))
    publishing.publish_agenda(meeting, governance_officer, now=datetime.datetime(2017, 2, 1, tzinfo=ZoneInfo("UTC")))
    make_report(committee, title="Unpublished draft")
    out = io.StringIO()
    call_command("rebuild_search", "--dry-run", stdout=out)
    assert "holds 2 entries" in out.getvalue()
    for _ in range(2):
        call_command("rebuild_search", stdout=io.StringIO())
    titles = sorted(SearchDocument.objects.values_list("title", flat=True))
    assert titles == ["Published", "Published"]  # the agenda item and its report
    assert Report.objects.get(title="Published").status == Report.Status.PUBLISHED
