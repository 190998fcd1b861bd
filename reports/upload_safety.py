"""What makes an uploaded file unsafe to publish, beyond being the wrong kind.

Appendices are published to anyone, so a PDF that runs code when opened (JavaScript,
launching a program, actions fired on opening a page or a form field), that links to
script or to files elsewhere (`javascript:` or `file:` links, links to other PDFs on a
network share, which leak the reader's Windows credentials), or that carries files inside
it, or an Office zip that unpacks to an absurd size, is refused, whatever its name says. reports/uploads.py
calls these after it has decided what kind of file it has; each returns a message an
officer can act on, or None when the file is fine.
"""

from __future__ import annotations

import io
import re
import zipfile

import pikepdf

# Action types that do more than move within the document.
# /GoToR opens another PDF by file name: on a network path (\\server\share) Windows sends the
# reader's credentials to that server, and a published appendix has no business with other files.
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/GoToR", "/RichMediaExecute"}
# Link (/URI) schemes a reader may follow from a published paper; anything else (javascript:,
# file:, data:, a network path) is refused.
SAFE_LINK_SCHEMES = {"http", "https", "mailto", "tel"}
_NOT_IN_A_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
# Files carried inside the PDF: /EmbeddedFiles (the attachments name tree), /EF (a file
# specification's embedded stream), an /EmbeddedFile stream, a /FileAttachment annotation.
EMBEDDED_FILE_KEYS = {"/EmbeddedFiles", "/EF"}
EMBEDDED_FILE_NAMES = {"/EmbeddedFile", "/FileAttachment"}
# How deep to look inside one object's own (direct) dictionaries and arrays.
MAX_NESTING = 50
# Keys that hold script or fire actions by themselves: /JS (script text), /AA (actions on
# page open, form field focus ...), /JavaScript (the document's script name tree), /XFA (forms
# that carry their own scripts).
ACTIVE_KEYS = {"/JS", "/AA", "/JavaScript", "/Launch", "/RichMedia", "/XFA"}
# A safety net over the raw bytes for names too long to turn up by chance in compressed data
# (PDF names may spell letters as #xx, so both spellings are matched).
_RAW_ACTIVE_NAMES = re.compile(
    rb"/(?:J|#4[aA])(?:a|#61)(?:v|#76)(?:a|#61)(?:S|#53)(?:c|#63)(?:r|#72)(?:i|#69)(?:p|#70)(?:t|#74)"
    rb"|/(?:L|#4[cC])(?:a|#61)(?:u|#75)(?:n|#6[eE])(?:c|#63)(?:h|#68)"
)
# Walking a pathological file must end: no genuine appendix has anywhere near this many objects.
MAX_PDF_OBJECTS = 500_000

PDF_ACTIVE_MESSAGE = (
    "The PDF contains JavaScript or actions that run when it is opened, which we cannot publish. "
    "Print it to a new PDF (or export it again without scripts) and upload that."
)
PDF_PROTECTED_MESSAGE = (
    "The PDF is protected with a password, so it cannot be checked or read by everyone. "
    "Save a copy without the password and upload that."
)
PDF_LINK_MESSAGE = (
    "The PDF has a link that runs script or opens a file or program rather than a web page "
    "(for example a javascript: or file: link, or a link to a network folder), which we cannot publish. "
    "Remove the link, or change it to a web address, and upload the PDF again."
)
PDF_EMBEDDED_FILE_MESSAGE = (
    "The PDF has files attached inside it, which we cannot publish. Save it again without its "
    "attachments and upload each attached document on its own."
)
PDF_UNREADABLE_MESSAGE = "The PDF could not be read all the way through. Save it again as a PDF and upload that."

# Zips: Word and Excel files are zips of XML, which compresses well (typically 5 to 30 times);
# a zip bomb packs gigabytes into kilobytes.
MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_RATIO = 200
ZIP_RATIO_APPLIES_ABOVE = 1024 * 1024  # small files may compress absurdly well and still be harmless
ZIP_BOMB_MESSAGE = "The file unpacks to far more than its size, as a “zip bomb” does: it cannot be accepted."


def pdf_active_content(upload) -> str | None:
    """Why this PDF may not be published, or None.

    Reads every object with pikepdf (qpdf), including those packed in compressed object
    streams and those no page refers to, rather than trusting a search of the bytes.
    """

    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    if _RAW_ACTIVE_NAMES.search(raw):
        return PDF_ACTIVE_MESSAGE
    try:
        with pikepdf.open(io.BytesIO(raw)) as pdf:
            for count, obj in enumerate(pdf.objects):
                if count > MAX_PDF_OBJECTS:
                    return PDF_UNREADABLE_MESSAGE
                for part in _with_direct_parts(obj):
                    refusal = _refusal(part)
                    if refusal:
                        return refusal
    except pikepdf.PasswordError:
        return PDF_PROTECTED_MESSAGE
    except (pikepdf.PdfError, ValueError, RuntimeError, OSError):
        return PDF_UNREADABLE_MESSAGE
    return None


def _with_direct_parts(obj, depth: int = 0):
    """The object and the dictionaries written inside it (a link's action is usually one): other
    objects it refers to are visited on their own by the walk over pdf.objects."""

    yield obj
    if depth > MAX_NESTING:
        return
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        children = (value for _key, value in obj.items())
    elif isinstance(obj, pikepdf.Array):
        children = iter(obj)
    else:
        return
    for child in children:
        if isinstance(child, (pikepdf.Dictionary, pikepdf.Array)) and not child.is_indirect:
            yield from _with_direct_parts(child, depth + 1)


def _refusal(obj) -> str | None:

    if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        return None
    keys = set(obj.keys())
    if keys & ACTIVE_KEYS:
        return PDF_ACTIVE_MESSAGE
    action = str(obj.get("/S")) if "/S" in keys else ""
    if action in ACTIVE_ACTIONS:
        return PDF_LINK_MESSAGE if action == "/GoToR" else PDF_ACTIVE_MESSAGE
    if "/OpenAction" in keys and not _is_plain_destination(obj.get("/OpenAction")):
        return PDF_ACTIVE_MESSAGE
    if action == "/URI" and not _is_safe_link(obj.get("/URI")):
        return PDF_LINK_MESSAGE
    if keys & EMBEDDED_FILE_KEYS or {str(obj.get("/Type")), str(obj.get("/Subtype"))} & EMBEDDED_FILE_NAMES:
        return PDF_EMBEDDED_FILE_MESSAGE
    return None


def _is_safe_link(value) -> bool:
    """A web, e-mail or phone link. Readers drop spaces and control characters inside a scheme
    ("java script:"), so they are dropped here too before it is read."""
    text = _NOT_IN_A_SCHEME.sub("", str(value or "")).lower()
    if text.startswith(("\\\\", "//")):
        return False  # a network path (\\server\share), which a reader opens as a file
    scheme, colon, _rest = text.partition(":")
    if not colon:
        return True  # a relative link, within the web address the PDF is served from
    return scheme in SAFE_LINK_SCHEMES


def _is_plain_destination(value) -> bool:
    """An /OpenAction that only opens the document at a page ("fit page") is harmless."""

    if isinstance(value, pikepdf.Array):
        return True
    if isinstance(value, pikepdf.Dictionary):
        return str(value.get("/S")) == "/GoTo" and "/Next" not in value
    return False


def zip_bomb(archive: zipfile.ZipFile, compressed_size: int) -> str | None:
    """Why this zip is refused as a bomb, or None. Uses the sizes the zip declares, which is
    all a reader will ever unpack (Python's zipfile stops at the declared size)."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        return ZIP_BOMB_MESSAGE
    unpacked = sum(member.file_size for member in members)
    if unpacked > ZIP_RATIO_APPLIES_ABOVE and unpacked > MAX_ZIP_RATIO * max(compressed_size, 1):
        return ZIP_BOMB_MESSAGE
    for member in members:
        if member.file_size > ZIP_RATIO_APPLIES_ABOVE and member.file_size > MAX_ZIP_RATIO * max(
            member.compress_size, 1
        ):
            return ZIP_BOMB_MESSAGE
    return None
