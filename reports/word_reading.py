"""Reading a Word report (.docx) into a flat list of blocks: headings, paragraphs, list items and
tables, each with its formatted text as simple HTML and the manual number it started with.

Nothing here knows about templates or reports: reports/word_import.py decides where each block goes.
Blocks are plain dicts so that what was read can travel in a signed form field between the review
page and "Create the draft" without keeping the file.
"""

from __future__ import annotations

import re
import zipfile
from html import escape

import docx
from django.utils.translation import gettext
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph

from reports import upload_safety

# Bigger than any report officers write (the example report is 40 KB); more is not a report.
MAX_DOCX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024

# "1.", "1.1", "5.2.1", "2)" then a space or tab; "a)", "(b)", "c.", "(iv)", "iv)" as sub-items.
_DECIMAL = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)(?:[.)])?[\s\u00a0]+(?=\S)")
_LETTER = re.compile(r"^\s*\(?([a-z]|[ivx]{1,5})[.)][\s\u00a0]+(?=\S)", re.IGNORECASE)
_ROMAN = re.compile(r"^[ivx]+$", re.IGNORECASE)
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


class WordReadError(Exception):
    """The file cannot be read as a Word report; the message is written for the officer."""


def read(upload) -> list[dict]:
    """The blocks of an uploaded .docx, in document order. Raises WordReadError for anything that
    is not a readable Word document of a sensible size."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_DOCX_BYTES:
        raise WordReadError(
            gettext(
                "The file is %(megabytes)s MB: a Word report is far smaller. "
                "Remove pictures or embedded files and try again."
            )
            % {"megabytes": size // (1024 * 1024)}
        )
    upload.seek(0)
    if upload.read(4) != b"PK\x03\x04":
        raise WordReadError(
            gettext("That is not a Word document (.docx). Open it in Word, save it as .docx and try again.")
        )
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            bomb = upload_safety.zip_bomb(archive, size or 0)
            if bomb:
                raise WordReadError(bomb)
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise WordReadError(gettext("The file unpacks to far more than its size: it cannot be imported."))
        if "word/document.xml" not in names:
            raise WordReadError(
                gettext(
                    "That is not a Word document (.docx): it may be another kind of Office file. "
                    "Open it in Word, save it as .docx and try again."
                )
            )
        upload.seek(0)
        document = docx.Document(upload)
    except WordReadError:
        raise
    except Exception as error:  # a damaged zip or XML: python-docx and zipfile raise many kinds
        raise WordReadError(
            gettext("The Word document is damaged and cannot be read. Open it in Word, save it again and try again.")
        ) from error
    return list(_blocks(document))


def _blocks(document):
    numbering = _numbering_formats(document)
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            yield _table(item)
        else:
            block = _paragraph(item, numbering)
            if block is not None:
                yield block


# Paragraphs ----------------------------------------------------------------------------------


def _paragraph(paragraph: Paragraph, numbering: dict) -> dict | None:
    segments = _segments(paragraph)
    text = "".join(s[0] for s in segments)
    if not text.strip():
        return None
    style = paragraph.style.name if paragraph.style is not None else ""
    kind, level = "paragraph", 0
    heading = _HEADING_STYLE.match(style)
    list_format = _list_format(paragraph, numbering)
    if style.lower() == "title":
        kind = "title"
    elif heading:
        kind, level = "heading", int(heading.group(1))
    elif list_format == "bullet" or "bullet" in style.lower():
        kind, level = "bullet", _list_level(paragraph)
    elif list_format or "list number" in style.lower():
        kind, level = "numbered", _list_level(paragraph)
    label, segments = _strip_label(segments)
    content = "".join(s[0] for s in segments)
    all_bold = all(bold for t, bold, _i, _h in segments if t.strip()) or _style_is_bold(paragraph)
    return {
        "kind": kind,
        "level": level,
        "label": label,
        "text": " ".join(text.split()),
        "content": " ".join(content.split()),  # the text without its manual number
        "html": _html(segments),
        "bold": bool(all_bold),
    }


def _segments(paragraph: Paragraph) -> list[tuple[str, bool, bool, str]]:
    """(text, bold, italic, link) runs of a paragraph, links' runs carrying their address."""
    found = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            href = item.url if item.address else ""
            for run in item.runs:
                found.append((run.text, _bold(run), _italic(run), href))
        else:
            found.append((item.text, _bold(item), _italic(item), ""))
    return [s for s in found if s[0]]


def _bold(run) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    return bool(run.style is not None and run.style.font.bold)


def _italic(run) -> bool:
    if run.italic is not None:
        return bool(run.italic)
    return bool(run.style is not None and run.style.font.italic)


def _style_is_bold(paragraph: Paragraph) -> bool:
    style = paragraph.style
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _strip_label(segments):
    """Take the manual number ("1.1", "a)") off the front of the paragraph: the report numbers itself."""
    text = "".join(s[0] for s in segments)
    match = _DECIMAL.match(text) or _LETTER.match(text)
    if not match:
        return "", segments
    label = match.group(1)
    remaining = match.end()
    stripped = []
    for segment in segments:
        if remaining >= len(segment[0]):
            remaining -= len(segment[0])
            continue
        stripped.append((segment[0][remaining:], *segment[1:]))
        remaining = 0
    return label, stripped


def _html(segments) -> str:
    out = []
    for text, bold, italic, href in segments:
        piece = escape(text, quote=False).replace("\t", " ").replace("\n", "<br>")
        if italic:
            piece = f"<em>{piece}</em>"
        if bold:
            piece = f"<strong>{piece}</strong>"
        if href:
            piece = f'<a href="{escape(href)}">{piece}</a>'
        out.append(piece)
    html = "".join(out).strip()
    # Runs split by Word leave "</strong><strong>" joins: one span of bold reads the same.
    return re.sub(r"</(strong|em)><\1>", "", html)


# Word's own list numbering ------------------------------------------------------------------


def _numbering_formats(document) -> dict[tuple[str, int], str]:
    """(numId, level) → the number format Word shows ("bullet", "decimal", "lowerLetter" …)."""
    try:
        part = document.part.numbering_part
    except (KeyError, NotImplementedError):
        return {}
    root = part.element
    abstract = {}
    for node in root.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in node.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            levels[int(lvl.get(qn("w:ilvl"), "0"))] = fmt.get(qn("w:val")) if fmt is not None else "decimal"
        abstract[node.get(qn("w:abstractNumId"))] = levels
    formats = {}
    for num in root.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for level, fmt in abstract.get(ref.get(qn("w:val")), {}).items():
            formats[(num.get(qn("w:numId")), level)] = fmt
    return formats


def _num_pr(paragraph: Paragraph):
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return ppr.numPr
    style = paragraph.style
    while style is not None:
        style_ppr = style.element.pPr
        if style_ppr is not None and style_ppr.numPr is not None:
            return style_ppr.numPr
        style = style.base_style
    return None


def _list_level(paragraph: Paragraph) -> int:
    num_pr = _num_pr(paragraph)
    if num_pr is not None and num_pr.ilvl is not None:
        return int(num_pr.ilvl.val)
    # Word's "List Bullet 2", "List Number 3" styles say their level in their name.
    name = paragraph.style.name if paragraph.style is not None else ""
    level = re.search(r"\s(\d)$", name)
    return int(level.group(1)) - 1 if level else 0


def _list_format(paragraph: Paragraph, numbering: dict) -> str:
    num_pr = _num_pr(paragraph)
    if num_pr is None or num_pr.numId is None or num_pr.numId.val == 0:
        return ""
    return numbering.get((str(num_pr.numId.val), _list_level(paragraph)), "decimal")


# Tables ---------------------------------------------------------------------------------------


def _table(table: Table) -> dict:
    rows = []
    for row in table.rows:
        cells, seen = [], []
        for cell in row.cells:
            # A merged cell is returned once per grid column it covers: count it as one, spanning them.
            if seen and cell._tc is seen[-1]:
                cells[-1]["colspan"] += 1
                continue
            seen.append(cell._tc)
            paragraphs = [_segments(p) for p in cell.paragraphs]
            cells.append(
                {
                    "text": " ".join(" ".join("".join(s[0] for s in p).split()) for p in paragraphs).strip(),
                    "html": "<br>".join(_html(p) for p in paragraphs if p),
                    "colspan": 1,
                }
            )
        rows.append(cells)
    text = " | ".join(c["text"] for c in (rows[0] if rows else []))
    return {
        "kind": "table",
        "level": 0,
        "label": "",
        "text": text,
        "content": text,
        "html": "",
        "bold": False,
        "rows": rows,
    }


def table_html(block: dict) -> str:
    """A table block as HTML; its first row becomes the header row when stored (reports/pasting.py)."""
    rows = []
    for row in block["rows"]:
        cells = []
        for cell in row:
            span = f' colspan="{cell["colspan"]}"' if cell["colspan"] > 1 else ""
            cells.append(f"<td{span}>{cell['html']}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table>{''.join(rows)}</table>"


def is_roman(label: str) -> bool:
    return bool(_ROMAN.match(label))
