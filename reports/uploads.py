"""Checking an uploaded appendix or background paper by what it is, not what it is called.

A PDF must start like a PDF and open as one; a Word or Excel file must be a zip holding
that format's parts (and no macros). The name's extension must agree with the content.
Refusals say what was wrong in words an officer can act on; nothing refused is stored.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext, pgettext_lazy
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from reports import upload_safety

PDF, DOCX, XLSX = "pdf", "docx", "xlsx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NAMES = {
    PDF: pgettext_lazy("kind of file", "a PDF"),
    DOCX: pgettext_lazy("kind of file", "a Word document (.docx)"),
    XLSX: pgettext_lazy("kind of file", "an Excel workbook (.xlsx)"),
}
# Read when a file is refused, in its reader's language. The same after "or": Welsh mutates a noun
# after "neu" ("neu ddogfen Word").
NAMES_AFTER_OR = {
    PDF: pgettext_lazy("kind of file, after or", "a PDF"),
    DOCX: pgettext_lazy("kind of file, after or", "a Word document (.docx)"),
    XLSX: pgettext_lazy("kind of file, after or", "an Excel workbook (.xlsx)"),
}
# A zip that unpacks to more than this is refused: a "zip bomb" would fill the disk on conversion.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    content_type: str
    size: int
    sha512: str


def _head(upload, length: int = 8) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _zip_kind(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            bomb = upload_safety.zip_bomb(archive, upload.size)
            if bomb:
                raise ValidationError(bomb)
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise ValidationError(gettext("The file unpacks to far more than its size: it cannot be accepted."))
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise ValidationError(
                    gettext("The file contains macros. Save it without macros (.docx or .xlsx) and try again.")
                )
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def _pdf_opens(upload) -> bool:

    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            return True  # a protected PDF is still a PDF; readers will ask for its password
        return len(reader.pages) > 0
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return False
    finally:
        upload.seek(0)


def detect_kind(upload) -> str | None:
    head = _head(upload)
    if head.startswith(b"%PDF-"):
        return PDF if _pdf_opens(upload) else None
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    return None


def _accepted(allowed: tuple[str, ...]) -> str:
    """ "a PDF", or "a PDF, a Word document (.docx) or an Excel workbook (.xlsx)", in the active language."""
    names = [str(NAMES[k]) for k in allowed]
    if len(names) == 1:
        return names[0]
    last = str(NAMES_AFTER_OR[allowed[-1]])
    return gettext("%(kinds)s or %(last)s") % {"kinds": ", ".join(names[:-1]), "last": last}


def check_upload(upload, allowed: tuple[str, ...] = (PDF, DOCX, XLSX)) -> CheckedFile:
    """The file's kind and fingerprint, or a ValidationError saying why it was refused."""
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            gettext("The file is %(size)s; the largest file you can upload is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    if upload.size == 0:
        raise ValidationError(gettext("The file is empty."))
    head = _head(upload)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            gettext("This is an old-style Word or Excel file. Save it as .docx or .xlsx and upload that.")
        )
    kind = detect_kind(upload)
    if kind is None or kind not in allowed:
        raise ValidationError(gettext("The file must be %(kinds)s. This file is not.") % {"kinds": _accepted(allowed)})
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension != kind:
        raise ValidationError(
            gettext("The file is %(kind)s but its name ends “.%(extension)s”. Rename it and try again.")
            % {"kind": str(NAMES[kind]), "extension": extension}
        )
    # Published to anyone: a PDF must not run anything when opened (reports/upload_safety.py).
    active = upload_safety.pdf_active_content(upload) if kind == PDF else None
    if active:
        raise ValidationError(active)
    digest = hashlib.sha512()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(kind=kind, content_type=CONTENT_TYPES[kind], size=upload.size, sha512=digest.hexdigest())
