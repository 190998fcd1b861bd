"""Appendices and background papers are checked by what they are, not by their names."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports import uploads
from reports.models import Appendix, BackgroundPaper, Report


def pdf_bytes(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Appendix A: the action plan")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    """A minimal real workbook, written by hand: the parts Excel needs and nothing else."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Budget" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Budget</t></is></c></row></sheetData></worksheet>',
        )
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/octet-stream")


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [("plan.pdf", pdf_bytes, "pdf"), ("plan.docx", docx_bytes, "docx"), ("budget.xlsx", xlsx_bytes, "xlsx")],
)
def test_real_files_are_accepted_and_fingerprinted(name, make, kind):
    checked = uploads.check_upload(upload(name, make()))
    assert checked.kind == kind
    assert checked.content_type == uploads.CONTENT_TYPES[kind]
    assert len(checked.sha512) == 128


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("evil.pdf", b"MZ\x90\x00 this is a Windows program", "must be a PDF"),
        ("fake.pdf", b"%PDF-1.7 but nothing after it", "must be a PDF"),
        ("notes.docx", b"plain text pretending", "must be a PDF, a Word document"),
        ("archive.docx", None, "must be a PDF, a Word document"),  # a zip that is not a Word document
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old-style Word or Excel file"),
        ("empty.pdf", b"", "The file is empty"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused_with_a_reason(name, content, message):
    if content is None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("readme.txt", "hello")
        content = out.getvalue()
    with pytest.raises(ValidationError, match=message):
        uploads.check_upload(upload(name, content))


def test_a_word_document_named_as_a_pdf_is_refused():
    with pytest.raises(ValidationError, match="Word document .* name ends “.pdf”"):
        uploads.check_upload(upload("plan.pdf", docx_bytes()))


def test_a_macro_enabled_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/vbaProject.bin", b"\x00" * 10)
    with pytest.raises(ValidationError, match="macros"):
        uploads.check_upload(upload("plan.docx", out.getvalue()))


def test_background_papers_must_be_pdfs():
    with pytest.raises(ValidationError, match="must be a PDF"):
        uploads.check_upload(upload("plan.docx", docx_bytes()), allowed=(uploads.PDF,))


def test_a_file_over_the_limit_is_refused_with_both_sizes(settings):
    settings.MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload("big.pdf", pdf_bytes(pages=20)))
    assert refused.value.messages == ["The file is 2.7\xa0KB; the largest file you can upload is 1.0\xa0KB."]


# Through the editor -------------------------------------------------------------


@pytest.fixture
def draft(db, committee, author):
    from reports.templates_setup import ensure_standard_template, start_report_from_template

    return start_report_from_template(
        ensure_standard_template(), committee=committee, title="T", report_of="R", author=author
    )


def test_an_appendix_upload_is_stored_with_its_fingerprint(client, author, draft):
    client.force_login(author)
    response = client.post(
        reverse("reports:appendix_add", args=[draft.pk]),
        {"version": draft.version, "title": "Action plan", "file": upload("plan.docx", docx_bytes())},
    )
    assert response.status_code == 302
    appendix = Appendix.objects.get(report=draft)
    assert appendix.content_type == uploads.CONTENT_TYPES["docx"]
    assert appendix.file.read()[:2] == b"PK"
    page = client.get(reverse("reports:report_edit", args=[draft.pk])).content.decode()
    assert "Action plan" in page


def test_a_refused_appendix_stores_nothing_keeps_the_title_and_says_why(client, author, draft, settings, tmp_path):
    import os

    settings.MEDIA_ROOT = str(tmp_path)  # an empty folder of its own, to see that nothing lands in it
    client.force_login(author)
    response = client.post(
        reverse("reports:appendix_add", args=[draft.pk]),
        {"version": draft.version, "title": "Budget", "file": upload("budget.xlsx", b"MZ not a workbook")},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "The file must be a PDF, a Word document (.docx) or an Excel workbook (.xlsx)" in body
    assert 'value="Budget"' in body
    assert not Appendix.objects.exists()
    assert not os.listdir(tmp_path)
    assert Report.objects.get(pk=draft.pk).version == draft.version


def test_a_background_paper_is_a_link_or_an_uploaded_pdf(client, author, draft):
    client.force_login(author)
    url = reverse("reports:paper_add", args=[draft.pk])
    response = client.post(url, {"version": draft.version, "title": "HMIC report"})
    assert response.status_code == 400
    assert "Give a link to the paper, or upload it as a PDF" in response.content.decode()
    client.post(url, {"version": draft.version, "title": "HMIC report", "url": "https://www.example.org/hmic.pdf"})
    client.post(
        url,
        {"version": draft.version + 1, "title": "Forward plan", "file": upload("plan.pdf", pdf_bytes())},
    )
    papers = list(BackgroundPaper.objects.filter(report=draft).order_by("position"))
    assert [(p.title, bool(p.url), bool(p.file)) for p in papers] == [
        ("HMIC report", True, False),
        ("Forward plan", False, True),
    ]


def test_uploaded_files_are_served_only_to_those_who_may_read_the_report(client, author, draft, other_author):
    client.force_login(author)
    client.post(
        reverse("reports:appendix_add", args=[draft.pk]),
        {"version": draft.version, "title": "Action plan", "file": upload("plan.docx", docx_bytes())},
    )
    appendix = Appendix.objects.get(report=draft)
    file_url = reverse("reports:appendix_file", args=[draft.pk, appendix.pk])
    response = client.get(file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == uploads.CONTENT_TYPES["docx"]
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert client.post(file_url).status_code == 405
    client.force_login(other_author)
    assert client.get(file_url).status_code == 404
    client.logout()
    assert client.get(file_url).status_code == 404
    Report.objects.filter(pk=draft.pk).update(status=Report.Status.PUBLISHED)
    assert client.get(file_url).status_code == 200


def test_an_uploaded_background_paper_opens_in_the_browser(client, author, draft):
    client.force_login(author)
    client.post(
        reverse("reports:paper_add", args=[draft.pk]),
        {"version": draft.version, "title": "Forward plan", "file": upload("plan.pdf", pdf_bytes())},
    )
    paper = BackgroundPaper.objects.get(report=draft)
    response = client.get(reverse("reports:paper_file", args=[draft.pk, paper.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
