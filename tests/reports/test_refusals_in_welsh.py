"""A Welsh officer reads the editor's, the uploads' and the Word import's refusals in Welsh (issue 21)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from reports import editing, uploads, word_reading
from reports.models import Report
from tests.conftest import make_report

pytestmark = pytest.mark.django_db


def test_an_editing_refusal_reads_welsh(committee, author):
    report = make_report(committee, author=author)
    with translation.override("cy"), pytest.raises(editing.EditError) as refused:
        editing.add_recommendation(report, "")
    assert str(refused.value) == "Ysgrifennwch yr argymhelliad cyn ei ychwanegu."
    report.status = Report.Status.SUBMITTED
    report.save()
    with (
        translation.override("cy"),
        pytest.raises(editing.NotEditable) as refused,
        editing.changing(report, author, report.version),
    ):
        pass
    assert str(refused.value).startswith("Mae'r adroddiad hwn yn y broses gymeradwyo.")


def refusal(upload, **kwargs) -> str:
    with translation.override("cy"), pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload, **kwargs)
    return refused.value.messages[0]


def test_an_upload_refusal_reads_welsh_with_the_kinds_of_file_mutated_after_neu():
    assert refusal(SimpleUploadedFile("plan.pdf", b"")) == "Mae'r ffeil yn wag."
    assert refusal(SimpleUploadedFile("plan.txt", b"plain text")) == (
        "Rhaid i'r ffeil fod o'r math a ganlyn: PDF, dogfen Word (.docx) neu lyfr gwaith Excel (.xlsx). "
        "Nid yw'r ffeil hon o'r math hwnnw."
    )
    assert refusal(SimpleUploadedFile("plan.txt", b"plain text"), allowed=(uploads.DOCX,)).startswith(
        "Rhaid i'r ffeil fod o'r math a ganlyn: dogfen Word (.docx)."
    )


def test_an_upload_refusal_in_english_is_as_before():
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(SimpleUploadedFile("plan.txt", b"plain text"))
    assert refused.value.messages == [
        "The file must be a PDF, a Word document (.docx) or an Excel workbook (.xlsx). This file is not."
    ]


def test_a_word_import_refusal_reads_welsh():
    with translation.override("cy"), pytest.raises(word_reading.WordReadError) as refused:
        word_reading.read(io.BytesIO(b"not a zip at all"))
    assert str(refused.value) == (
        "Nid dogfen Word (.docx) yw honno. Agorwch hi yn Word, cadwch hi fel .docx a rhowch gynnig arall arni."
    )
