"""A report's title block names the council's wards and people in the reader's language (issue 21):
"Wards affected" and the contact officer's role in Welsh in the Welsh edition of a published report,
its PDF and its text file, kept in the revision; the English where the council wrote no Welsh, marked
``lang="en-GB"``; the English edition unchanged."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from committee import access
from committee.models import Person, Ward
from reports import workflow
from reports.models import Report
from reports.structure import prefetch_report, report_structure
from reports.welsh_edition import welsh_edition
from tests.conftest import make_report, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def wards(db) -> list[Ward]:
    return [
        Ward.objects.create(name="Ruthin", name_cy="Rhuthun", slug="ruthin"),
        Ward.objects.create(name="Rhyl South West", name_cy="De Orllewin y Rhyl", slug="rhyl-south-west"),
    ]


@pytest.fixture
def contact(db) -> Person:
    return Person.objects.create(
        name="Tom Hughes",
        kind=Person.Kind.OFFICER,
        job_title="Strategic Lead, Libraries",
        job_title_cy="Arweinydd Strategol, Llyfrgelloedd",
        email="tom.hughes@example.gov.uk",
    )


def library_report(committee, wards, contact) -> Report:
    report = make_report(committee, status=Report.Status.APPROVED, title="Library hours", all_wards=False)
    report.wards.set(wards)
    report.contact_officers.set([contact])
    return report


def publish(report: Report) -> Report:
    workflow.publish(report, make_user("officer", access.GOVERNANCE_OFFICERS))
    return report


def test_a_published_reports_welsh_page_names_its_wards_and_contacts_role_in_welsh(client, committee, wards, contact):
    report = publish(library_report(committee, wards, contact))
    wards[0].name_cy = "Changed after publication"  # the revision keeps the names it was published with
    wards[0].save()
    welsh = client.get(f"/cy/reports/{report.pk}/").content.decode()
    assert '<span lang="cy">De Orllewin y Rhyl, Rhuthun</span>' in welsh
    assert 'Tom Hughes, <span lang="cy">Arweinydd Strategol, Llyfrgelloedd</span>' in welsh
    assert "Ruthin" not in welsh and "Strategic Lead" not in welsh
    english = client.get(f"/reports/{report.pk}/").content.decode()
    assert "Rhyl South West, Ruthin" in english and "Tom Hughes, Strategic Lead, Libraries" in english
    assert "Rhuthun" not in english and "Arweinydd" not in english


def test_wards_and_roles_without_welsh_are_shown_in_english_marked_english(client, committee, wards, contact):
    Ward.objects.update(name_cy="")
    Person.objects.update(job_title_cy="")
    report = publish(library_report(committee, wards, contact))
    welsh = client.get(f"/cy/reports/{report.pk}/").content.decode()
    assert '<span lang="en-GB">Rhyl South West, Ruthin</span>' in welsh
    assert 'Tom Hughes, <span lang="en-GB">Strategic Lead, Libraries</span>' in welsh


def test_a_ward_without_welsh_among_others_keeps_its_english_name_in_the_welsh_list(committee, wards, contact):
    wards[1].name_cy = ""
    wards[1].save()
    doc = report_structure(prefetch_report().get(pk=library_report(committee, wards, contact).pk))
    with translation.override("cy"):
        row = next(row for row in welsh_edition(doc).title_rows if row.field == "wards")
    assert (row.value, row.lang) == ("Rhyl South West, Rhuthun", "cy")


def test_the_welsh_pdf_names_the_wards_and_the_contacts_role_in_welsh(client, committee, wards, contact):
    report = publish(library_report(committee, wards, contact))

    def text_of(response) -> str:
        data = b"".join(response.streaming_content)
        return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())

    welsh = text_of(client.get(f"/cy/reports/{report.pk}/pdf/"))
    assert "De Orllewin y Rhyl, Rhuthun" in welsh and "Arweinydd Strategol, Llyfrgelloedd" in welsh
    assert "Ruthin" not in welsh
    english = text_of(client.get(f"/reports/{report.pk}/pdf/"))
    assert "Rhyl South West, Ruthin" in english and "Rhuthun" not in english


def test_the_welsh_text_file_names_them_in_welsh(client, committee, wards, contact):
    report = publish(library_report(committee, wards, contact))
    text = " ".join(client.get(f"/cy/reports/{report.pk}/text/").content.decode().split())  # lines wrapped
    assert "De Orllewin y Rhyl, Rhuthun" in text and "Arweinydd Strategol, Llyfrgelloedd" in text
