"""Hostile uploads: files that lie about what they are, are too big, unpack to absurd
sizes, or would run code when opened. Each is refused with a message saying why, and
nothing is stored: no row, no file, the report's version unchanged."""

from __future__ import annotations

import io
import os
import zipfile

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from reports import upload_safety, uploads
from reports.models import Appendix, BackgroundPaper, Report
from tests.reports.test_uploads import docx_bytes, pdf_bytes, xlsx_bytes


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/pdf")


def refusal(name: str, content: bytes, allowed=(uploads.PDF, uploads.DOCX, uploads.XLSX)) -> str:
    with pytest.raises(ValidationError) as caught:
        uploads.check_upload(upload(name, content), allowed=allowed)
    return " ".join(caught.value.messages)


# PDFs that run things ---------------------------------------------------------------


def _write(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _blank_writer() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def js_action(script: str = "app.alert('pwned')") -> DictionaryObject:
    return DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(script)})


def pdf_with_document_javascript() -> bytes:
    # The document-level script name tree: runs when the document opens in Acrobat.
    writer = _blank_writer()
    scripts = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("init"), writer._add_object(js_action())])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): scripts})
    return _write(writer)


def pdf_with_open_action_javascript() -> bytes:
    writer = _blank_writer()
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(js_action())
    return _write(writer)


def pdf_with_launch_action() -> bytes:
    writer = _blank_writer()
    launch = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("C:\\Windows\\System32\\cmd.exe")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(launch)
    return _write(writer)


def pdf_with_page_open_action() -> bytes:
    writer = _blank_writer()
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): js_action()})
    return _write(writer)


def pdf_with_javascript_link() -> bytes:
    writer = _blank_writer()
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(100), NumberObject(100)]),
            NameObject("/A"): js_action(),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    return _write(writer)


def pdf_with_script_hidden_in_an_object_stream() -> bytes:
    # Compressed object streams hide the names from a byte search: only reading the objects finds them.
    source = pikepdf.open(io.BytesIO(pdf_with_open_action_javascript()))
    out = io.BytesIO()
    source.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    data = out.getvalue()
    assert b"/JavaScript" not in data
    return data


def pdf_with_hex_escaped_names() -> bytes:
    # "/J#61vaScript" is "/JavaScript" to a PDF reader.
    return pdf_with_document_javascript().replace(b"/JavaScript", b"/J#61vaScript")


def password_protected_pdf() -> bytes:
    writer = _blank_writer()
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    return _write(writer)


def pdf_with_link(action: dict) -> bytes:
    """A page with one link annotation whose action is written inside it, as PDF makers write them."""
    writer = _blank_writer()
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(100), NumberObject(100)]),
            NameObject("/A"): DictionaryObject({NameObject(k): v for k, v in action.items()}),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    return _write(writer)


def uri_link(uri: str) -> bytes:
    return pdf_with_link({"/S": NameObject("/URI"), "/URI": TextStringObject(uri)})


def pdf_with_attached_file() -> bytes:
    # The document's attachments (/EmbeddedFiles), as "Attach file" in Acrobat makes them.
    writer = _blank_writer()
    writer.add_attachment("invoice.exe", b"MZ\x90\x00 not really a program")
    return _write(writer)


def pdf_with_file_attachment_annotation() -> bytes:
    # A paper-clip on the page: the file is in the annotation's /FS, not in the attachments tree.
    pdf = pikepdf.open(io.BytesIO(_write(_blank_writer())))
    stream = pikepdf.Stream(pdf, b"secret spreadsheet")
    stream.Type = pikepdf.Name.EmbeddedFile
    spec = pikepdf.Dictionary(Type=pikepdf.Name.Filespec, F="data.csv", EF=pikepdf.Dictionary(F=stream))
    annotation = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment, Rect=[0, 0, 20, 20], FS=spec
    )
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([annotation]))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


LINKING_PDFS = {
    "a javascript: link": lambda: uri_link("javascript:app.alert(1)"),
    "a JavaScript link with case and spaces": lambda: uri_link("  JaVa\tScript:app.alert(1)"),
    "a file: link": lambda: uri_link("file:///C:/Windows/System32/cmd.exe"),
    "a data: link": lambda: uri_link("data:text/html,<script>alert(1)</script>"),
    "a network-share link": lambda: uri_link("\\\\attacker.example\\share\\x.pdf"),
    "GoToR to a network share": lambda: pdf_with_link(
        {
            "/S": NameObject("/GoToR"),
            "/F": TextStringObject("\\\\attacker.example\\share\\other.pdf"),
            "/D": ArrayObject([NumberObject(0), NameObject("/Fit")]),
        }
    ),
    "GoToR in a compressed object stream": lambda: _in_object_stream(
        pdf_with_link({"/S": NameObject("/GoToR"), "/F": TextStringObject("//attacker.example/other.pdf")})
    ),
}
EMBEDDING_PDFS = {
    "an attached file": pdf_with_attached_file,
    "a file attachment annotation": pdf_with_file_attachment_annotation,
}


def _in_object_stream(data: bytes) -> bytes:
    out = io.BytesIO()
    pikepdf.open(io.BytesIO(data)).save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


@pytest.mark.parametrize("make", LINKING_PDFS.values(), ids=LINKING_PDFS.keys())
def test_a_pdf_linking_to_script_or_to_files_elsewhere_is_refused(make):
    assert "has a link that runs script or opens a file" in refusal("plan.pdf", make())


@pytest.mark.parametrize("make", EMBEDDING_PDFS.values(), ids=EMBEDDING_PDFS.keys())
def test_a_pdf_carrying_files_inside_it_is_refused(make):
    assert "has files attached inside it" in refusal("plan.pdf", make())


@pytest.mark.parametrize(
    "uri", ["https://www.barnet.gov.uk/committees", "mailto:committees@barnet.gov.uk", "tel:02083594000", "#part-2"]
)
def test_a_pdf_with_ordinary_web_and_email_links_is_accepted(uri):
    uploads.check_upload(upload("plan.pdf", uri_link(uri)), allowed=(uploads.PDF,))


ACTIVE_PDFS = {
    "document JavaScript": pdf_with_document_javascript,
    "JavaScript on opening": pdf_with_open_action_javascript,
    "launching a program on opening": pdf_with_launch_action,
    "JavaScript when a page opens (/AA)": pdf_with_page_open_action,
    "a link that runs JavaScript": pdf_with_javascript_link,
    "script inside a compressed object stream": pdf_with_script_hidden_in_an_object_stream,
    "#-escaped names": pdf_with_hex_escaped_names,
}


@pytest.mark.parametrize("make", ACTIVE_PDFS.values(), ids=ACTIVE_PDFS.keys())
def test_a_pdf_that_runs_something_when_opened_is_refused(make):
    assert "contains JavaScript or actions that run when it is opened" in refusal("plan.pdf", make())


def test_a_password_protected_pdf_is_refused_because_nobody_could_read_it():
    assert "protected with a password" in refusal("plan.pdf", password_protected_pdf())


def test_ordinary_pdfs_are_accepted_including_one_that_opens_at_a_page_or_has_only_an_owner_password():
    fit_page = _blank_writer()
    fit_page._root_object[NameObject("/OpenAction")] = ArrayObject(
        [fit_page.pages[0].indirect_reference, NameObject("/Fit")]
    )
    owner_only = _blank_writer()
    owner_only.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    for content in (pdf_bytes(3), _write(fit_page), _write(owner_only)):
        assert uploads.check_upload(upload("plan.pdf", content)).kind == uploads.PDF


def test_a_real_weasyprint_pdf_passes_the_check():
    import weasyprint

    content = weasyprint.HTML(string="<h1>Appendix A</h1><p><a href='https://example.org'>Link</a></p>").write_pdf()
    assert upload_safety.pdf_active_content(io.BytesIO(content)) is None


# Zip bombs ---------------------------------------------------------------------------


def docx_with_extra(name: str, data: bytes, count: int = 1) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            z.writestr(item, source.read(item.filename))
        for index in range(count):
            z.writestr(name.format(index=index), data)
    return out.getvalue()


def test_a_word_document_that_unpacks_to_an_absurd_size_is_refused():
    bomb = docx_with_extra("word/media/padding.xml", b"\0" * (40 * 1024 * 1024))
    assert len(bomb) < 200 * 1024
    assert "zip bomb" in refusal("plan.docx", bomb)


def test_a_workbook_with_an_absurd_number_of_parts_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes())) as source, zipfile.ZipFile(out, "w") as z:
        for item in source.infolist():
            z.writestr(item, source.read(item.filename))
        for index in range(upload_safety.MAX_ZIP_MEMBERS + 1):
            z.writestr(f"xl/media/{index}.bin", b"")
    assert "zip bomb" in refusal("budget.xlsx", out.getvalue())


def test_a_zip_whose_header_claims_a_huge_size_is_refused():
    # The declared size is what a reader would unpack: refuse on it, without unpacking anything.
    content = bytearray(docx_with_extra("word/extra.xml", b"<x/>"))
    central = content.rfind(b"PK\x01\x02")
    # Uncompressed size of the last central-directory entry, at offset 24 of its header.
    content[central + 24 : central + 28] = (3 * 1024**3).to_bytes(4, "little")
    assert "zip bomb" in refusal("plan.docx", bytes(content))


def test_an_ordinary_word_document_with_a_large_picture_is_accepted():
    picture = os.urandom(2 * 1024 * 1024)  # incompressible, like a photograph
    assert uploads.check_upload(upload("plan.docx", docx_with_extra("word/media/image1.jpeg", picture))).kind == "docx"


# Wrong type with a right name ----------------------------------------------------------

WRONG_TYPES = {
    "an HTML page named .pdf": ("plan.pdf", b"<html><script>alert(1)</script></html>"),
    "a Windows program named .xlsx": ("budget.xlsx", b"MZ\x90\x00\x03" + b"\0" * 200),
    "a plain zip named .docx": ("plan.docx", None),
    "a PDF header on garbage": ("plan.pdf", b"%PDF-1.7\n" + os.urandom(400)),
    "an SVG with script named .pdf": ("plan.pdf", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    "an old Word file named .docx": ("plan.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
}


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("payload.exe", b"MZ")
    return out.getvalue()


@pytest.mark.parametrize(("name", "content"), WRONG_TYPES.values(), ids=WRONG_TYPES.keys())
def test_a_file_that_is_not_what_its_name_says_is_refused(name, content):
    message = refusal(name, plain_zip() if content is None else content)
    assert "must be" in message or "old-style" in message


# Through the editor: refused, explained, nothing stored ------------------------------------


@pytest.fixture
def draft(db, committee, author):
    from reports.templates_setup import ensure_standard_template, start_report_from_template

    return start_report_from_template(
        ensure_standard_template(), committee=committee, title="T", report_of="R", author=author
    )


def stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return [os.path.join(folder, name) for folder, _, names in os.walk(root) for name in names]


HOSTILE_APPENDICES = {
    "PDF with JavaScript": ("plan.pdf", pdf_with_open_action_javascript, "contains JavaScript"),
    "zip bomb": ("plan.docx", lambda: docx_with_extra("word/pad.xml", b"\0" * (40 * 1024 * 1024)), "zip bomb"),
    "HTML named .pdf": ("plan.pdf", lambda: b"<script>alert(1)</script>", "The file must be"),
    "oversized": ("plan.pdf", lambda: pdf_bytes(3), "the largest file you can upload is"),
}


@pytest.mark.parametrize(("name", "make", "message"), HOSTILE_APPENDICES.values(), ids=HOSTILE_APPENDICES.keys())
def test_a_hostile_appendix_is_refused_with_a_reason_and_nothing_is_stored(
    client, author, draft, settings, name, make, message
):
    settings.MAX_UPLOAD_BYTES = 100 if message.startswith("the largest") else 20 * 1024**2
    before = stored_files(settings)
    client.force_login(author)
    response = client.post(
        reverse("reports:appendix_add", args=[draft.pk]),
        {"version": draft.version, "title": "Action plan", "file": upload(name, make())},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert 'value="Action plan"' in body  # what was typed is kept
    assert not Appendix.objects.exists()
    assert stored_files(settings) == before
    assert Report.objects.get(pk=draft.pk).version == draft.version


def test_a_background_paper_pdf_with_javascript_is_refused_and_nothing_stored(client, author, draft, settings):
    before = stored_files(settings)
    client.force_login(author)
    response = client.post(
        reverse("reports:paper_add", args=[draft.pk]),
        {"version": draft.version, "title": "Old plan", "file": upload("old.pdf", pdf_with_launch_action())},
    )
    assert response.status_code == 400
    assert "contains JavaScript or actions" in response.content.decode()
    assert not BackgroundPaper.objects.exists()
    assert stored_files(settings) == before


def test_a_file_name_cannot_escape_the_reports_folder_or_carry_markup(client, author, draft, settings):
    client.force_login(author)
    response = client.post(
        reverse("reports:appendix_add", args=[draft.pk]),
        {"version": draft.version, "title": "Plan", "file": upload("../../<script>alert(1)<.pdf", pdf_bytes())},
    )
    assert response.status_code == 302
    stored = Appendix.objects.get(report=draft).file.name
    assert stored.startswith(f"reports/{draft.pk}/")
    assert ".." not in stored
    assert "<" not in stored
    assert "<script>alert(1)" not in client.get(reverse("reports:report_edit", args=[draft.pk])).content.decode()


# The admin is no way round the checks ------------------------------------------------------------


def test_the_admin_refuses_the_same_hostile_appendix_and_stores_nothing(client, administrator, draft, settings):
    before = stored_files(settings)
    client.force_login(administrator)
    response = client.post(
        reverse("admin:reports_appendix_add"),
        {
            "report": draft.pk,
            "position": 0,
            "title": "Plan",
            "file": upload("plan.pdf", pdf_with_open_action_javascript()),
            "content_type": "application/pdf",
            "size": 1,
            "sha512": "",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "contains JavaScript or actions" in response.content.decode()
    assert not Appendix.objects.exists()
    assert stored_files(settings) == before


def test_the_admin_accepts_a_good_appendix_and_records_what_it_is(client, administrator, draft):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:reports_appendix_add"),
        {"report": draft.pk, "position": 0, "title": "Plan", "file": upload("plan.pdf", pdf_bytes())},
    )
    assert response.status_code == 302
    appendix = Appendix.objects.get()
    assert appendix.content_type == "application/pdf"
    assert len(appendix.sha512) == 128


# Oversized requests ----------------------------------------------------------------------------


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the oversized body was read")

    readline = read


@pytest.mark.parametrize("url_name", ["reports:appendix_add", "admin:reports_appendix_add"])
def test_a_request_larger_than_the_upload_limit_is_refused_before_it_is_read(
    client, administrator, author, draft, settings, url_name
):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    client.force_login(administrator if url_name.startswith("admin") else author)
    url = reverse(url_name, args=[draft.pk] if url_name.startswith("reports") else [])
    response = client.generic(
        "POST",
        url,
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(3 * 1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    body = response.content.decode()
    assert "The file is too large" in body and "The largest file you can upload is 1.0" in body
    assert not Appendix.objects.exists()


def test_a_request_within_the_limit_reaches_the_upload_form(client, author, draft, settings):
    # The control: an ordinary appendix still gets through (and is refused or saved by the form).
    client.force_login(author)
    response = client.post(
        reverse("reports:appendix_add", args=[draft.pk]),
        {"title": "Plan", "file": upload("plan.pdf", pdf_bytes()), "version": draft.version},
    )
    assert response.status_code != 413


def test_a_chunked_upload_without_a_length_is_refused_plainly_rather_than_read_as_empty(client, author, draft):
    # Django reads a body without Content-Length as empty: the appendix form would say "choose a file".
    client.force_login(author)
    response = client.generic(
        "POST",
        reverse("reports:appendix_add", args=[draft.pk]),
        CONTENT_TYPE="multipart/form-data; boundary=x",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 411
    assert "Nothing has been saved" in response.content.decode()
    assert response["Connection"] == "close"
    assert not Appendix.objects.exists()
