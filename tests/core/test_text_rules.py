"""Text is normalised on the way in, whatever the path (core/text.py): Word's manual line break
(U+000B) and other control characters, and bidi overrides in titles, never reach the database."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from core import text
from tests.conftest import make_report

pytestmark = pytest.mark.django_db

WORD_TITLE = "Library opening hours\x0bconsultation\u202e results\x00"


def test_one_line_text_loses_breaks_controls_and_direction_overrides():
    assert text.normalise_line(WORD_TITLE) == "Library opening hours consultation results"
    assert text.normalise_line("a\r\nb\u2028c\u2066d\u2069\x85e\x7f\x9f") == "a b cd e"
    assert text.normalise_line("Tab\tkept; RLM \u200f kept; ünïcödé kept") == "Tab\tkept; RLM \u200f kept; ünïcödé kept"


def test_text_of_several_lines_keeps_its_lines_and_its_direction_marks():
    assert text.normalise_text("one\x0btwo\r\nthree\u2029four\x0cfive\x01") == "one\ntwo\nthree\nfour\nfive"
    assert text.normalise_text("\u202bعربي\u202c") == "\u202bعربي\u202c"


def test_xml_safe_keeps_every_character_xml_can_hold():
    assert text.xml_safe("a\x0bb\x0cc\x00d\x1fe\ufffff\U0001f600\t\n\r") == "a b cdef\U0001f600\t\n\r"


def test_every_free_text_field_of_ours_normalises_what_it_stores():
    """The class closed: a new CharField or TextField must be one of core/text.py's, or this fails."""
    loose = []
    for model in apps.get_models():
        if model._meta.app_label not in {"committee", "reports", "opendata"}:
            continue
        for field in model._meta.concrete_fields:
            if type(field) in (models.CharField, models.TextField) and not field.choices:
                loose.append(f"{model.__name__}.{field.name}")
    assert loose == []


def test_every_way_of_saving_normalises(committee):
    from reports.models import Report

    report = make_report(committee, title=WORD_TITLE, summary="<p>one\x0btwo</p>")
    assert report.title == "Library opening hours consultation results"  # the saved instance too
    report.refresh_from_db()
    assert report.title == "Library opening hours consultation results"
    assert report.summary == "<p>one\ntwo</p>"
    Report.objects.filter(pk=report.pk).update(title="Updated\x0btitle")
    assert Report.objects.get(pk=report.pk).title == "Updated title"
    Report.objects.bulk_create([Report(committee=committee, title="Bulk\x0btitle", report_of="R\u202eX")])
    assert Report.objects.filter(title="Bulk title", report_of="RX").exists()


def test_a_csv_import_of_the_work_programme_is_normalised(committee):
    from committee.models import WorkProgrammeItem
    from work_programme.spreadsheet import import_csv

    data = "id,title,purpose\r\n,School places\x0bstrategy\u202e,First line\x0bsecond line\r\n".encode()
    result = import_csv(committee, data)
    assert not result.errors
    item = WorkProgrammeItem.objects.get(committee=committee)
    assert (item.title, item.purpose) == ("School places strategy", "First line\nsecond line")


def test_the_admin_saves_normalised_text(admin_client, committee):
    from django.urls import reverse

    from committee.models import Venue

    response = admin_client.post(
        reverse("admin:committee_venue_add"),
        {"name": "Hendon\x0bTown Hall\u202e", "address": "The Burroughs\x0bLondon", "postcode": "NW4 4BG"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    venue = Venue.objects.get()
    assert (venue.name, venue.address) == ("Hendon Town Hall", "The Burroughs\nLondon")
