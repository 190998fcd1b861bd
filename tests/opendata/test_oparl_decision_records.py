"""OParl: a cabinet member's or officer's published decision, taken outside a meeting, is a Paper
whose main File holds the decision and its reasons; an exempt one shows only its title and paragraph;
a draft never appears."""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from committee import decision_records
from tests.oparl_validation import validate_object
from tests.opendata.test_oparl import BODY, get_json, whole_list
from tests.opendata_builders import build_open_council

pytestmark = pytest.mark.django_db

SECRET = "Bidder-Q-price"


@pytest.fixture
def officer(demo):
    build_open_council()
    return User.objects.get(username="governance")


def record(officer, title, *, publish=True, **extra):
    values = {
        "maker": "cabinet_member",
        "taken_by": "Councillor Jo Bell, Cabinet Member for Housing",
        "title": title,
        "decision": f"Decided: {title}.",
        "reasons": "The shelters meet the criteria.",
        "alternatives_rejected": "A single provider.",
        "decided_on": datetime.date(2026, 4, 1),
        "key_decision": True,
        **extra,
    }
    made = decision_records.save_draft(None, officer, **values)
    if publish:
        decision_records.publish(made, officer, now=timezone.now())
    return made


def test_published_decisions_outside_meetings_are_papers_with_the_notice_as_their_file(client, officer):
    public = record(officer, "Homelessness grant allocations")
    exempt = record(
        officer,
        "Sale of land at the depot",
        maker="officer",
        taken_by="Director of Place",
        decision=f"Sell to {SECRET}.",
        reasons=f"Best bid: {SECRET}.",
        exempt_paragraph=3,
        key_decision=False,
    )
    draft = record(officer, "Draft parking charges", publish=False)

    papers = whole_list(client, f"{BODY}/paper")
    by_name = {p["name"]: p for p in papers}
    assert "Draft parking charges" not in by_name
    shown = by_name["Homelessness grant allocations"]
    assert shown["paperType"] == "Cabinet member decision"
    assert shown["keyword"] == ["key decision"]
    assert shown["date"] == "2026-04-01"
    assert "Decided: Homelessness grant allocations." in shown["mainFile"]["text"]
    assert "Reasons: The shelters meet the criteria." in shown["mainFile"]["text"]
    assert shown["web"] == "http://testserver" + reverse("committee:decision_notice", args=[public.notice.pk])

    hidden = by_name["Sale of land at the depot"]
    assert hidden["paperType"] == "Officer decision"
    assert hidden["keyword"] == ["exempt: not for publication (paragraph 3 of Schedule 12A)"]
    assert "mainFile" not in hidden

    for paper in (shown, hidden):
        alone = get_json(client, paper["id"].removeprefix("http://testserver"))
        validate_object(alone)
        assert alone == paper
    file = get_json(client, f"/oparl/v1/file/decision-record-{public.pk}")
    validate_object(file)
    assert file == shown["mainFile"]

    files = whole_list(client, f"{BODY}/file")
    assert f"/file/decision-record-{public.pk}" in json.dumps(files)
    assert f"decision-record-{exempt.pk}" not in json.dumps(files)
    get_json(client, f"/oparl/v1/file/decision-record-{exempt.pk}", status=404)
    get_json(client, f"/oparl/v1/paper/decision-record-{draft.pk}", status=404)
    get_json(client, f"/oparl/v1/paper/decision-record-{draft.pk + 999}", status=404)
    assert SECRET not in json.dumps(papers) + json.dumps(files)
