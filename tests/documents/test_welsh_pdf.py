"""A report printed for a Welsh reader is a Welsh document: tagged `cy`, its standard headings and
title-block labels in Welsh, its Welsh title and summary; the English reader's copy is unchanged."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from documents import pdf
from reports.models import Recommendation
from reports.structure import prefetch_report, report_structure
from tests.conftest import make_report
from tests.documents.test_pdf_tagging import tagging

pytestmark = pytest.mark.django_db


def printed(report, language: str) -> tuple[bytes, str]:
    with translation.override(language):
        data = pdf.render_report_pdf(report_structure(prefetch_report().get(pk=report.pk)))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return data, " ".join(text.split())


def test_the_welsh_pdf_is_tagged_cy_and_reads_welsh(committee):
    committee.name_cy = "Pwyllgor Plant, Addysg a Diogelu"
    committee.save()
    report = make_report(
        committee,
        title="Library opening hours",
        title_cy="Oriau agor llyfrgelloedd",
        summary="<p>Longer hours in the main libraries.</p>",
        summary_cy="<p>Oriau hirach yn y prif lyfrgelloedd.</p>",
    )
    Recommendation.objects.create(
        report=report, position=0, text="<p>That the hours are agreed.</p>", text_cy="<p>Cytuno ar yr oriau.</p>"
    )
    data, text = printed(report, "cy")
    assert tagging(data).lang == "cy"
    assert tagging(data).has_structure
    for welsh in ["Oriau agor llyfrgelloedd", "Crynodeb", "Oriau hirach yn y prif lyfrgelloedd", "Argymhellion"]:
        assert welsh in text
    assert "Pwyllgor Plant, Addysg a Diogelu" in text
    assert "Longer hours" not in text


def test_the_english_pdf_is_as_it_was(committee):
    report = make_report(
        committee, title="Library opening hours", title_cy="Oriau agor llyfrgelloedd", summary="<p>Longer hours.</p>"
    )
    data, text = printed(report, "en-gb")
    assert tagging(data).lang == "en-GB"
    assert "Library opening hours" in text and "Summary" in text
    assert "Oriau" not in text and "Crynodeb" not in text


def test_a_report_without_welsh_prints_its_english_under_welsh_headings(committee):
    report = make_report(committee, title="Library opening hours", summary="<p>Longer hours.</p>")
    data, text = printed(report, "cy")
    assert tagging(data).lang == "cy"
    assert "Library opening hours" in text and "Longer hours." in text and "Crynodeb" in text
