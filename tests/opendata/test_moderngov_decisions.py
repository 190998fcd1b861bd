"""The Modern.gov-compatible service's decision operations: GetDecisionsByDate lists executive
decisions (Cabinet's and those taken outside meetings) with their call-in deadline, status and
implementation date; GetDecision gives one. An exempt decision: title and paragraph, no text."""

from __future__ import annotations

import datetime

import pytest

from committee import agenda, decision_records, decisions, minutes
from tests.conftest import LONDON, make_committee, make_meeting
from tests.opendata.test_moderngov import call

pytestmark = pytest.mark.django_db

D = datetime.date
PUBLISHED = datetime.datetime(2026, 4, 2, 10, tzinfo=LONDON)  # over Easter: call-in until 13 April


@pytest.fixture
def notices(governance_officer):
    cabinet = make_committee("Cabinet", kind="executive")
    meeting = make_meeting(cabinet, D(2026, 4, 1))
    item = agenda.add_item(meeting, governance_officer, title="Library opening hours")
    meeting.agenda_published_at = meeting.starts_at - datetime.timedelta(days=10)
    meeting.save()
    decision = minutes.set_decision(item, governance_officer, outcome="agreed", text="<p>Open on Sundays.</p>")
    cabinet_notice = decisions.publish_notice(decision, governance_officer, reasons="Demand.", now=PUBLISHED)
    record = decision_records.save_draft(
        None,
        governance_officer,
        maker="officer",
        taken_by="Director of Place",
        title="Depot sale",
        decision="Sell to Bidder B.",
        reasons="Best bid CANARY.",
        alternatives_rejected="",
        interests_declared="",
        dispensations="",
        key_decision=True,
        decided_on=D(2026, 4, 20),
        exempt_paragraph=3,
    )
    record_notice = decision_records.publish(
        record, governance_officer, now=datetime.datetime(2026, 4, 21, 9, tzinfo=LONDON)
    )
    draft = dict(record.__dict__)
    decision_records.save_draft(
        None,
        governance_officer,
        **{k: draft[k] for k in decision_records.FIELDS} | {"title": "Draft not public", "exempt_paragraph": None},
    )
    return cabinet_notice, record_notice


def test_decisions_by_date_lists_each_with_its_call_in_and_an_exempt_one_without_its_text(client, notices):
    cabinet_notice, record_notice = notices
    root = call(client, "GetDecisionsByDate", sFromDate="01/04/2026", sToDate="30/04/2026")
    assert root.tag == "getdecisionsbydate" and root.findtext("decisionscount") == "2"
    first, second = root.find("decisions").findall("decision")
    assert first.findtext("decisiontitle") == "Library opening hours"
    assert first.findtext("decisionmaker") == "Cabinet" and first.findtext("decisiondate") == "01/04/2026"
    assert first.findtext("callindeadline") == "13/04/2026" and first.findtext("isrestricted") == "False"
    assert "Open on Sundays" in first.findtext("decisiontext")
    assert second.findtext("decisionmaker") == "Director of Place" and second.findtext("isrestricted") == "True"
    assert second.findtext("restrictionparagraph") == "3" and second.findtext("iskeydecision") == "True"
    body = ET_text(root)
    assert "Bidder B" not in body and "CANARY" not in body and "Draft not public" not in body
    only_april_first = call(client, "GetDecisionsByDate", sFromDate="2026-04-01", sToDate="2026-04-01")
    assert only_april_first.findtext("decisionscount") == "1"


def test_get_decision_gives_one_and_answers_404_for_unknown_or_draft(client, notices):
    cabinet_notice, _record_notice = notices
    root = call(client, "GetDecision", lDecisionId=cabinet_notice.pk)
    assert root.find("decision").findtext("implementationdate") == "14/04/2026"
    assert call(client, "GetDecision", status=404, lDecisionId=999999) == "Decision not found."
    assert "System.Int32" in call(client, "GetDecision", status=400, lDecisionId="x")
    assert "System.DateTime" in call(client, "GetDecisionsByDate", status=400, sFromDate="31/02/2026")


def ET_text(root) -> str:  # noqa: N802
    return " ".join(element.text or "" for element in root.iter())
