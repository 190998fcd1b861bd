"""One tagged PDF from several finished ones, keeping their tags, outline and internal links.

Agenda packs are put together from separately rendered pieces (the cover and agenda, each report,
each uploaded appendix) so that a change to one report re-renders that report only. Merging finished
PDFs naively (pypdf's merger, or copying pages into a new pikepdf file) drops what makes them
accessible. Here the first piece is extended in place, and each later piece brings along:

- its pages;
- its structure tree: the piece's /Document element becomes a /Part of the first piece's /Document,
  with its parent tree keys renumbered, so every page stays tagged (an untagged appendix stays
  untagged, as uploaded);
- its bookmarks, at the top level or nested under the previous piece's last top-level bookmark;
- its named destinations, so links within a piece, and links from one piece to an anchor in another
  (the agenda's entries to their reports), still land. Names must be unique across pieces: a later
  piece's destination replaces an earlier one of the same name.

``PageNumbers`` then writes one page numbering over the whole (see there), marked as a pagination
artifact so screen readers skip it, as they skip WeasyPrint's own footers.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name

from reports.pdf_appendices import _copy, _document_element, _number_tree_items

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Piece:
    data: bytes
    # How deep this piece's bookmarks go: 0 at the top level; 1 under the last top-level bookmark (an
    # appendix's title page under its item); 2 under that one's last child (an uploaded appendix's own
    # bookmarks under its title page).
    outline_level: int = 0
    # The piece already open (its pages counted), so it is not read twice; the assembly closes it.
    document: pikepdf.Pdf | None = None


def open_piece(data: bytes) -> pikepdf.Pdf | None:
    """A piece opened once, to count its pages and then join it; None when it cannot be read."""
    try:
        return pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError:
        return None


def page_count(data: bytes) -> int | None:
    """Pages in a PDF, or None when it cannot be read."""
    try:
        with pikepdf.open(io.BytesIO(data)) as document:
            return len(document.pages)
    except pikepdf.PdfError:
        return None


def _named_destinations(document: pikepdf.Pdf) -> list[tuple[str, object]]:
    names = document.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    if dests is None:
        return []
    found = []

    def walk(node):
        if "/Names" in node:
            values = node.Names
            for index in range(0, len(values), 2):
                found.append((str(values[index]), values[index + 1]))
        for kid in node.get("/Kids", []):
            walk(kid)

    walk(dests)
    return found


def _outline(document: pikepdf.Pdf) -> list[tuple[str, object, list]]:
    """(title, destination, children) for each bookmark, read before the file is changed."""

    def read(items):
        return [(item.title, item.destination, read(item.children)) for item in items if item.destination is not None]

    with document.open_outline() as outline:
        return read(outline.root)


def _copy_all(target: pikepdf.Pdf, source: pikepdf.Pdf, objects: list) -> list:
    """Many objects copied into ``target`` at once: one copy_foreign call for a piece's whole
    structure tree, destinations or bookmarks, not one per element (a 300-page pack has thousands,
    and each call costs far more than the copying)."""
    if not objects:
        return []
    return list(target.copy_foreign(source.make_indirect(Array(objects))))


def _outline_items(target: pikepdf.Pdf, source: pikepdf.Pdf, entries) -> list[pikepdf.OutlineItem]:
    destinations = []

    def collect(entries):
        for _title, destination, children in entries:
            destinations.append(destination)
            collect(children)

    collect(entries)
    copied = iter(_copy_all(target, source, destinations))

    def build(entries):
        items = []
        for title, _destination, children in entries:
            item = pikepdf.OutlineItem(title, next(copied))
            item.children.extend(build(children))
            items.append(item)
        return items

    return build(entries)


class _Assembly:
    def __init__(self, first: Piece):
        self.target = first.document if first.document is not None else pikepdf.open(io.BytesIO(first.data))
        self.sources: list[pikepdf.Pdf] = []  # kept open until saved: appended pages refer to them
        root = self.target.Root.get("/StructTreeRoot")
        self.struct_root = root
        self.document = _document_element(root) if root is not None else None
        self.parent_items = _number_tree_items(root.get("/ParentTree")) if root is not None else []
        self.next_key = max(
            [int(root.get("/ParentTreeNextKey", 0)) if root is not None else 0]
            + [key + 1 for key, _ in self.parent_items]
        )
        self.dests = dict(_named_destinations(self.target))
        self.outline_items: list[pikepdf.OutlineItem] = []

    def add(self, piece: Piece) -> None:
        source = piece.document if piece.document is not None else pikepdf.open(io.BytesIO(piece.data))
        self.sources.append(source)
        first_new_page = len(self.target.pages)
        entries = _outline(source)
        self.target.pages.extend(source.pages)
        self._graft(source, first_new_page)
        dests = _named_destinations(source)
        copied = _copy_all(self.target, source, [destination for _name, destination in dests])
        for (name, _destination), destination in zip(dests, copied, strict=True):
            self.dests[name] = destination
        items = _outline_items(self.target, source, entries)
        siblings = self.outline_items
        for _level in range(piece.outline_level):
            if not siblings:
                break
            siblings = siblings[-1].children
        siblings.extend(items)

    def _graft(self, source: pikepdf.Pdf, first_new_page: int) -> None:
        source_root = source.Root.get("/StructTreeRoot")
        if source_root is None or self.document is None:
            return  # an untagged appendix: its pages stay untagged, as uploaded
        offset = self.next_key
        source_items = _number_tree_items(source_root.get("/ParentTree"))
        # Copying the elements after the pages maps their /Pg references onto the appended pages.
        copied_values = _copy_all(self.target, source, [value for _key, value in source_items])
        for (key, _value), value in zip(source_items, copied_values, strict=True):
            self.parent_items.append((key + offset, value))
        self.next_key = max(
            [offset + int(source_root.get("/ParentTreeNextKey", 0))] + [k + 1 for k, _ in self.parent_items]
        )
        source_kids = source_root.get("/K")
        kids = list(source_kids) if isinstance(source_kids, Array) else [source_kids] if source_kids is not None else []
        document_kids = self.document.get("/K")
        if not isinstance(document_kids, Array):
            document_kids = Array([document_kids]) if document_kids is not None else Array()
            self.document.K = document_kids
        for copied in _copy_all(self.target, source, kids):
            if isinstance(copied, Dictionary):
                if copied.get("/S") == Name.Document:
                    copied.S = Name.Part  # one document, in parts
                copied.P = self.document
            document_kids.append(copied)
        for page in list(self.target.pages)[first_new_page:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        source_roles = source_root.get("/RoleMap")
        if source_roles is not None:
            roles = self.struct_root.get("/RoleMap")
            if roles is None:
                roles = Dictionary()
                self.struct_root.RoleMap = roles
            for name, value in source_roles.items():
                if name not in roles:
                    roles[name] = _copy(self.target, source, value)

    def finish(self) -> pikepdf.Pdf:
        target = self.target
        if self.struct_root is not None:
            nums = Array()
            for key, value in sorted(self.parent_items, key=lambda item: item[0]):
                nums.append(key)
                nums.append(value)
            self.struct_root.ParentTree = target.make_indirect(Dictionary(Nums=nums))
            self.struct_root.ParentTreeNextKey = self.next_key
        if self.dests:
            names = Array()
            for name in sorted(self.dests):
                names.append(pikepdf.String(name))
                names.append(self.dests[name])
            if "/Names" not in target.Root:
                target.Root.Names = Dictionary()
            target.Root.Names.Dests = target.make_indirect(Dictionary(Names=names))
        with target.open_outline() as outline:
            outline.root.extend(self.outline_items)
        return target

    def close(self) -> None:
        for source in self.sources:
            source.close()
        self.target.close()


class PageNumbers:
    """Sets a footer line (the pack's "Page n of N") on pages in the glyphs of a specimen page.

    WeasyPrint lays out the specimen once: a page whose footer holds every character the line needs.
    Its font (embedded, as PDF/UA requires), size, colour, baseline and right edge are read back, and
    each page's line is then written from those glyphs, right-aligned as WeasyPrint aligns the report
    footer. So numbering a pack costs no layout at all, whatever its length, and a pack that grows
    by a page is renumbered without rendering anything.
    """

    def __init__(self, specimen: bytes):
        self._pdf = pikepdf.open(io.BytesIO(specimen))
        page = self._pdf.pages[0]
        ctm, stack = pikepdf.Matrix(), []
        font_name = text_matrix = None
        size = 0.0
        colour = (0.0, 0.0, 0.0)
        codes = b""
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "q":
                stack.append(ctm)
            elif op == "Q":
                ctm = stack.pop()
            elif op == "cm":
                ctm = pikepdf.Matrix(*[float(v) for v in operands]) @ ctm
            elif op == "rg":
                colour = tuple(float(v) for v in operands)
            elif op == "Tf":
                font_name, size = operands[0], float(operands[1])
            elif op == "Tm":
                text_matrix = pikepdf.Matrix(*[float(v) for v in operands]) @ ctm
            elif op == "TJ":
                codes += b"".join(bytes(part) for part in operands[0] if isinstance(part, pikepdf.String))
            elif op == "Tj":
                codes += bytes(operands[0])
        if font_name is None or text_matrix is None:
            raise ValueError("The page number specimen has no text")
        self.font = page.Resources.Font[font_name]
        self.size = size * abs(text_matrix.a)  # in points, on an unscaled page
        self.colour = colour
        self.widths = self._widths(self.font)
        self.codes = self._codes(self.font)
        x, self.baseline = text_matrix.transform((0, 0))
        self.right_edge = x + self.width_of_codes(codes)

    @staticmethod
    def _widths(font) -> dict[int, float]:
        descendant = font.DescendantFonts[0]
        default = float(descendant.get("/DW", 1000))
        widths: dict[int, float] = {}
        entries = list(descendant.get("/W", []))
        index = 0
        while index < len(entries):
            first = int(entries[index])
            if isinstance(entries[index + 1], Array):
                for offset, width in enumerate(entries[index + 1]):
                    widths[first + offset] = float(width)
                index += 2
            else:
                for glyph in range(first, int(entries[index + 1]) + 1):
                    widths[glyph] = float(entries[index + 2])
                index += 3
        widths[-1] = default
        return widths

    @staticmethod
    def _codes(font) -> dict[str, bytes]:
        """Character to two-byte glyph code, from the font's ToUnicode map (WeasyPrint writes bfchar)."""
        cmap = font.ToUnicode.read_bytes().decode("latin-1")
        found = {}
        for code, unicode in re.findall(r"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4})>", cmap):
            found[chr(int(unicode, 16))] = bytes.fromhex(code)
        return found

    def width_of_codes(self, codes: bytes) -> float:
        glyphs = [int.from_bytes(codes[i : i + 2], "big") for i in range(0, len(codes), 2)]
        return sum(self.widths.get(g, self.widths[-1]) for g in glyphs) / 1000 * self.size

    def encode(self, text: str) -> bytes:
        try:
            return b"".join(self.codes[character] for character in text)
        except KeyError as missing:
            raise ValueError(f"The page number specimen has no glyph for {missing}") from None

    def add(self, document: pikepdf.Pdf, page_index: int, text: str, *, on_label: bool = False) -> None:
        """Write ``text`` in the page's footer, as a pagination artifact (screen readers skip it, as
        they skip WeasyPrint's own footers). ``on_label``: on a white ground, over whatever the page
        has there (an uploaded appendix's own page numbers)."""
        page = pikepdf.Page(document.pages[page_index])
        font = self._font_in(document)
        name = page.add_resource(font, Name.Font, prefix="PackNumbers")
        codes = self.encode(text)
        box = page.mediabox
        # Aligned to the page's bottom-right corner, as on the A4 page the specimen was laid out on.
        right = self.right_edge + float(box[2]) - float(self._pdf.pages[0].mediabox[2])
        baseline = self.baseline + float(box[1])
        left = right - self.width_of_codes(codes)
        label = b""
        if on_label:
            label = b"1 g %.3f %.3f %.3f %.3f re f\n" % (left - 6, baseline - 4, right - left + 6, self.size + 6)
        r, g, b = self.colour
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(
            b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nq\n%s%.6f %.6f %.6f rg\n"
            b"BT %s %.3f Tf 1 0 0 1 %.3f %.3f Tm <%s> Tj ET\nQ\nEMC\n"
            % (label, r, g, b, str(name).encode(), self.size, left, baseline, codes.hex().encode())
        )

    def _font_in(self, document: pikepdf.Pdf):
        # One copy of the font per document: copy_foreign keeps a map per source, so this is cheap.
        return document.copy_foreign(self.font if self.font.is_indirect else self._pdf.make_indirect(self.font))

    def close(self) -> None:
        self._pdf.close()


def overlay(document: pikepdf.Pdf, page_index: int, stamp: bytes) -> None:
    """Lay a one-page stamp (the exempt banner on an uploaded appendix) over a page, aligned to its
    bottom-left corner, as an artifact."""
    with pikepdf.open(io.BytesIO(stamp)) as stamp_pdf:
        page = pikepdf.Page(document.pages[page_index])
        stamp_page = pikepdf.Page(stamp_pdf.pages[0])
        form = document.copy_foreign(stamp_page.as_form_xobject())
        name = page.add_resource(form, Name.XObject, prefix="PackStamp")
        box, stamp_box = page.mediabox, stamp_page.mediabox
        # Centred across the page, at its top, as the banner sits on the report's own pages.
        dx = (float(box[0]) + float(box[2]) - float(stamp_box[2])) / 2
        dy = float(box[3]) - float(stamp_box[3])
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(
            b"Q\n/Artifact <</Type /Pagination /Subtype /Header>> BDC\nq 1 0 0 1 %.3f %.3f cm %s Do Q\nEMC\n"
            % (dx, dy, str(name).encode())
        )


@dataclass
class Footer:
    """The pack's page numbers ("Page n of N" on every page, set from ``specimen``); on label
    pages they sit on a white ground; ``banners`` lays a stamp over the given pages."""

    specimen: bytes
    labelled: set[int]
    banners: dict[int, bytes]


def assemble(pieces: list[Piece], *, title: str, footer: Footer | None = None) -> bytes:
    """The pieces as one PDF titled ``title``; the first piece's catalogue (language, metadata) is kept."""
    assembly = _Assembly(pieces[0])
    numbers = None
    try:
        for piece in pieces[1:]:
            assembly.add(piece)
        target = assembly.finish()
        with target.open_metadata(set_pikepdf_as_editor=False) as metadata:
            metadata["dc:title"] = title
        target.docinfo[Name.Title] = title
        if footer is not None:
            numbers = PageNumbers(footer.specimen)
            total = len(target.pages)
            for index in range(total):
                numbers.add(target, index, f"Page {index + 1} of {total}", on_label=index in footer.labelled)
            for index, stamp in footer.banners.items():
                overlay(target, index, stamp)
        out = io.BytesIO()
        # Object streams: the thousands of small structure elements of a long pack compressed together,
        # which writes a file less than half the size in half the time of keeping the pieces' layout.
        target.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
    finally:
        if numbers is not None:
            numbers.close()
        assembly.close()
        for piece in pieces:
            if piece.document is not None:
                piece.document.close()


def _decoder(font) -> dict[bytes, str]:
    """Glyph code to character, from the font's ToUnicode map."""
    return {code: character for character, code in PageNumbers._codes(font).items()}


def _text_runs(page: pikepdf.Page):
    """(index, font name, size, codes, advance) for each text-showing operator on the page, with its
    index in the parsed content stream; ``advance`` in thousandths of the font size, kerning included."""
    instructions = pikepdf.parse_content_stream(page)
    font_name, size = None, 0.0
    for index, (operands, operator) in enumerate(instructions):
        op = str(operator)
        if op == "Tf":
            font_name, size = operands[0], float(operands[1])
        elif op in ("TJ", "Tj") and font_name is not None:
            parts = list(operands[0]) if op == "TJ" else [operands[0]]
            codes = b"".join(bytes(part) for part in parts if isinstance(part, pikepdf.String))
            kerning = sum(float(part) for part in parts if not isinstance(part, pikepdf.String))
            yield index, font_name, size, codes, kerning


class AgendaNumbers:
    """Writes the papers' page numbers into an agenda laid out with placeholders in their place.

    The agenda is laid out once with a fixed-width placeholder where each page number goes ("Page 0003",
    in a fixed-width column), so it keeps its layout, its links and its tags whatever the numbers turn
    out to be; a pack that grows by a page needs no new layout of its agenda. Each placeholder's glyphs
    are then swapped, inside the same text object and marked content (so the number stays in the
    link's tagged text, read by screen readers and text extraction), for the number's glyphs, taken
    from ``specimen``: a page on which ``specimen_text`` is laid out in the agenda's style.
    """

    def __init__(self, specimen: bytes, specimen_text: str):
        self._pdf = pikepdf.open(io.BytesIO(specimen))
        page = pikepdf.Page(self._pdf.pages[0])
        fonts = page.obj.Resources.Font
        self.font = None
        for _index, font_name, _size, codes, _kerning in _text_runs(page):
            font = fonts[font_name]
            decode = _decoder(font)
            if "".join(decode.get(codes[i : i + 2], "\ufffd") for i in range(0, len(codes), 2)) == specimen_text:
                self.font = font
                break
        if self.font is None:
            raise ValueError("The agenda's number specimen has no text")
        self.widths = PageNumbers._widths(self.font)
        self.codes = PageNumbers._codes(self.font)

    @staticmethod
    def _width(widths: dict[int, float], codes: bytes) -> float:
        glyphs = [int.from_bytes(codes[i : i + 2], "big") for i in range(0, len(codes), 2)]
        return sum(widths.get(g, widths[-1]) for g in glyphs)

    def fill(self, document: pikepdf.Pdf, numbers: dict[str, str]) -> bool:
        """Each placeholder text in ``numbers`` replaced by its number in ``document`` (the front, open),
        right-aligned as the placeholder was. False, and the document left as it was, when a
        placeholder is not found exactly once as a run of text or a character is not in the specimen
        (the caller then lays the agenda out with the numbers)."""
        if any(character not in self.codes for text in numbers.values() for character in text):
            return False
        found = dict.fromkeys(numbers, 0)
        changes_by_page = {}
        for page_index, pdf_page in enumerate(document.pages):
            page = pikepdf.Page(pdf_page)
            fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
            decoders, widths, changes = {}, {}, {}
            for index, font_name, size, codes, kerning in _text_runs(page):
                key = str(font_name)
                if key not in decoders:
                    decoders[key] = _decoder(fonts[font_name]) if font_name in fonts else {}
                    widths[key] = PageNumbers._widths(fonts[font_name]) if font_name in fonts else {-1: 0.0}
                text = "".join(decoders[key].get(codes[i : i + 2], "\ufffd") for i in range(0, len(codes), 2))
                if text not in numbers:
                    continue
                found[text] += 1
                new_codes = b"".join(self.codes[character] for character in numbers[text])
                old_width = self._width(widths[key], codes) - kerning
                # Right-aligned as the placeholder was: start further right by the difference.
                shift = old_width - self._width(self.widths, new_codes)
                changes[index] = (font_name, size, shift, new_codes)
            if changes:
                changes_by_page[page_index] = changes
        if any(count != 1 for count in found.values()):
            return False
        font = None
        for page_index, changes in changes_by_page.items():
            pdf_page = document.pages[page_index]
            page = pikepdf.Page(pdf_page)
            if font is None:
                indirect = self.font if self.font.is_indirect else self._pdf.make_indirect(self.font)
                font = document.copy_foreign(indirect)
            name = page.add_resource(font, Name.Font, prefix="PackAgenda")
            rewritten = []
            for index, instruction in enumerate(pikepdf.parse_content_stream(page)):
                if index not in changes:
                    rewritten.append(instruction)
                    continue
                font_name, size, shift, new_codes = changes[index]
                rewritten.append(pikepdf.ContentStreamInstruction([Name(name), size], pikepdf.Operator("Tf")))
                shown = Array([-shift, pikepdf.String(new_codes)])
                rewritten.append(pikepdf.ContentStreamInstruction([shown], pikepdf.Operator("TJ")))
                rewritten.append(pikepdf.ContentStreamInstruction([font_name, size], pikepdf.Operator("Tf")))
            pdf_page.Contents = document.make_stream(pikepdf.unparse_content_stream(rewritten))
        return True

    def close(self) -> None:
        self._pdf.close()
