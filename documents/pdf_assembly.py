"""One tagged PDF from several finished ones, keeping their tags, outline and internal links, with one
page numbering over the whole; a rebuild patches the previous pack rather than joining every piece
again. Why, and how: docs/documents.md.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pikepdf
from pikepdf import Array, Dictionary, Name

from documents.pdf_appendices import copy_object, document_element, number_tree_items

logger = logging.getLogger(__name__)

# Part of every layout ``assemble`` returns: a previous pack written another way is joined anew, not patched.
LAYOUT_VERSION = 1


@dataclass(frozen=True)
class Piece:
    data: bytes | None = None
    # How deep this piece's bookmarks go: 0 at the top level; 1 under the last top-level bookmark (an
    # appendix's title page under its item); 2 under that one's last child (an uploaded appendix's own
    # bookmarks under its title page).
    outline_level: int = 0
    # The piece already open (its pages counted), so it is not read twice; the assembly closes it.
    document: pikepdf.Pdf | None = None
    # What the piece is made of (its cache key; a hash of ``data`` when empty). Where the previous pack
    # has a piece of the same key in the same place, its pages there are kept as they are.
    key: str = ""
    # A piece the previous pack holds is not read unless it must be joined anew: this opens it.
    read: Callable[[], pikepdf.Pdf] | None = None

    def open(self) -> pikepdf.Pdf:
        if self.document is not None:
            return self.document
        if self.data is not None:
            return pikepdf.open(io.BytesIO(self.data))
        return self.read()


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


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def _copy_all(target: pikepdf.Pdf, source: pikepdf.Pdf, objects: list) -> list:
    """Many objects copied into ``target`` at once: one copy_foreign call for a piece's whole
    structure tree, not one per element (a 300-page pack has thousands, and each call costs far more
    than the copying)."""
    if not objects:
        return []
    return list(target.copy_foreign(source.make_indirect(Array(objects))))


def _portable(destination, page_index: dict) -> list | None:
    """A destination as the layout keeps it: [its page within the piece, its view (/XYZ left top zoom)], or
    [None, name] for a named one. None for one that leads nowhere in the piece (left out, as before)."""
    if isinstance(destination, Dictionary) and "/D" in destination:
        destination = destination.D
    if isinstance(destination, pikepdf.String):
        return [None, str(destination)]
    if isinstance(destination, Array) and len(destination) and isinstance(destination[0], Dictionary):
        page = page_index.get(destination[0].objgen)
        rest = []
        for value in list(destination)[1:]:
            if isinstance(value, Name):
                rest.append(str(value))
            elif isinstance(value, Decimal):
                rest.append(float(value))
            elif value is None or isinstance(value, int):
                rest.append(value)
            else:
                return None
        if page is not None:
            return [page, rest]
    return None


def _record(source: pikepdf.Pdf, key: str, level: int) -> dict:
    """What the layout keeps of a piece: its key, pages, destinations and bookmarks (its structure
    and footers are added as they are joined)."""
    page_index = {page.obj.objgen: index for index, page in enumerate(source.pages)}
    names = []
    for name, destination in _named_destinations(source):
        portable = _portable(destination, page_index)
        if portable is not None:
            names.append([name, *portable])

    def read(items):
        entries = []
        for item in items:
            portable = _portable(item.destination, page_index) if item.destination is not None else None
            if portable is not None:
                entries.append([item.title, *portable, read(item.children)])
        return entries

    with source.open_outline() as outline:
        bookmarks = read(outline.root)
    return {"key": key, "level": level, "pages": len(source.pages), "names": names, "outline": bookmarks}


class _Assembly:
    """The pack being put together: extended from its first piece, or the previous pack being patched.
    ``layout`` holds one record a piece, in order."""

    def __init__(self, target: pikepdf.Pdf, layout: list[dict]):
        self.target = target
        self.layout = layout
        self.sources: list[pikepdf.Pdf] = []  # kept open until saved: copied pages refer to them
        root = target.Root.get("/StructTreeRoot")
        self.struct_root = root
        self.document = document_element(root) if root is not None else None
        if self.document is not None and not isinstance(self.document.get("/K"), Array):
            self.document.K = Array(_as_list(self.document.get("/K")))
        self.parent_items = number_tree_items(root.get("/ParentTree")) if root is not None else []
        self.next_key = max(
            [int(root.get("/ParentTreeNextKey", 0)) if root is not None else 0]
            + [key + 1 for key, _ in self.parent_items]
        )

    @classmethod
    def start(cls, first: Piece, key: str) -> _Assembly:
        target = first.open()
        assembly = cls(target, [])
        record = _record(target, key, first.outline_level)
        kids = len(assembly.document.K) if assembly.document is not None else 0
        record.update(kids=kids, keys=[0, assembly.next_key])
        assembly.layout.append(record)
        return assembly

    @classmethod
    def patching(cls, data: bytes, layout: list[dict]) -> _Assembly:
        return cls(pikepdf.open(io.BytesIO(data)), [dict(record) for record in layout])

    def _open(self, piece: Piece) -> pikepdf.Pdf:
        source = piece.open()
        self.sources.append(source)
        return source

    def append(self, piece: Piece, key: str) -> None:
        source = self._open(piece)
        record = _record(source, key, piece.outline_level)
        start = len(self.target.pages)
        self.target.pages.extend(source.pages)
        kids, keys = self._graft(source, start, len(source.pages), kid_index=None, front=False)
        record.update(kids=kids, keys=keys)
        self.layout.append(record)

    def replace(self, index: int, piece: Piece, key: str) -> None:
        """The piece at ``index`` (its pages, structure elements and parent tree entries) replaced by
        ``piece``; its bookmarks and destinations are written with the others by ``finish``."""
        old = self.layout[index]
        start = sum(record["pages"] for record in self.layout[:index])
        kid_index = sum(record["kids"] for record in self.layout[:index])
        del self.target.pages[start : start + old["pages"]]
        if self.document is not None:
            for _ in range(old["kids"]):
                del self.document.K[kid_index]
        low, high = old["keys"]
        self.parent_items = [(key, value) for key, value in self.parent_items if not low <= key < high]
        source = self._open(piece)
        record = _record(source, key, piece.outline_level)
        self.target.pages[start:start] = source.pages
        kids, keys = self._graft(source, start, len(source.pages), kid_index=kid_index, front=index == 0)
        record.update(kids=kids, keys=keys)
        self.layout[index] = record

    def _graft(self, source: pikepdf.Pdf, first_page: int, count: int, *, kid_index, front: bool):
        """The piece's structure under the pack's /Document; (elements added there, parent tree keys)."""
        offset = self.next_key
        source_root = source.Root.get("/StructTreeRoot")
        if source_root is None or self.document is None:
            return 0, [offset, offset]  # an untagged appendix: its pages stay untagged, as uploaded
        source_items = number_tree_items(source_root.get("/ParentTree"))
        # Copying the elements after the pages maps their /Pg references onto the copied pages.
        copied_values = _copy_all(self.target, source, [value for _key, value in source_items])
        for (key, _value), value in zip(source_items, copied_values, strict=True):
            self.parent_items.append((key + offset, value))
        self.next_key = max(
            [offset + int(source_root.get("/ParentTreeNextKey", 0))] + [offset + key + 1 for key, _ in source_items]
        )
        # A later piece's /Document becomes a /Part of the pack's; a new first piece (the agenda, its
        # numbers moved) brings its /Document's elements, which the pack's /Document holds directly.
        element = document_element(source_root) if front else None
        kids = _as_list(element.get("/K") if element is not None else source_root.get("/K"))
        at = len(self.document.K) if kid_index is None else kid_index
        for position, copied in enumerate(_copy_all(self.target, source, kids)):
            if isinstance(copied, Dictionary):
                if copied.get("/S") == Name.Document:
                    copied.S = Name.Part  # one document, in parts
                copied.P = self.document
            self.document.K.insert(at + position, copied)
        for page in self.target.pages[first_page : first_page + count]:
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
                    roles[name] = copy_object(self.target, source, value)
        return len(kids), [offset, self.next_key]

    def finish(self) -> pikepdf.Pdf:
        """The parent tree, and the destinations and outline written from the layout (so a kept
        piece's point at its pages where they now are)."""
        target = self.target
        if self.struct_root is not None:
            nums = Array()
            for key, value in sorted(self.parent_items, key=lambda item: item[0]):
                nums.append(key)
                nums.append(value)
            self.struct_root.ParentTree = target.make_indirect(Dictionary(Nums=nums))
            self.struct_root.ParentTreeNextKey = self.next_key
        pages = [page.obj for page in target.pages]

        def destination(start: int, page, rest):
            if page is None:
                return pikepdf.String(rest)
            return Array([pages[start + page], *(Name(value) if isinstance(value, str) else value for value in rest)])

        def bookmarks(entries, start):
            items = []
            for title, page, rest, children in entries:
                item = pikepdf.OutlineItem(title, destination(start, page, rest))
                item.children.extend(bookmarks(children, start))
                items.append(item)
            return items

        dests, first, later, start = {}, [], [], 0
        for index, record in enumerate(self.layout):
            for name, page, rest in record["names"]:
                dests[name] = destination(start, page, rest)
            items = bookmarks(record["outline"], start)
            siblings = first if index == 0 else later
            for _level in range(record["level"] if index else 0):
                if not siblings:
                    break
                siblings = siblings[-1].children
            siblings.extend(items)
            start += record["pages"]
        names = target.Root.get("/Names")
        if dests:
            array = Array()
            for name in sorted(dests):
                array.append(pikepdf.String(name))
                array.append(dests[name])
            if names is None:
                target.Root.Names = names = Dictionary()
            names.Dests = target.make_indirect(Dictionary(Names=array))
        elif names is not None and "/Dests" in names:
            del names.Dests
        if "/Outlines" in target.Root:
            del target.Root.Outlines
        with target.open_outline() as outline:
            outline.root.extend(first + later)
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
        self.specimen_width = float(page.mediabox[2])

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

    def line(self, page: pikepdf.Page, text: str, font_name: str, *, on_label: bool = False) -> bytes:
        """``text`` as a footer line for ``page`` (whose resources call the font ``font_name``), marked
        as a pagination artifact (screen readers skip it, as they skip WeasyPrint's own footers).
        ``on_label``: on a white ground, over whatever the page has there (an uploaded appendix's own
        page numbers)."""
        codes = self.encode(text)
        box = page.mediabox
        # Aligned to the page's bottom-right corner, as on the A4 page the specimen was laid out on.
        right = self.right_edge + float(box[2]) - self.specimen_width
        baseline = self.baseline + float(box[1])
        left = right - self.width_of_codes(codes)
        label = b""
        if on_label:
            label = b"1 g %.3f %.3f %.3f %.3f re f\n" % (left - 6, baseline - 4, right - left + 6, self.size + 6)
        r, g, b = self.colour
        return (
            b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nq\n%s%.6f %.6f %.6f rg\n"
            b"BT %s %.3f Tf 1 0 0 1 %.3f %.3f Tm <%s> Tj ET\nQ\nEMC\n"
            % (label, r, g, b, font_name.encode(), self.size, left, baseline, codes.hex().encode())
        )

    def font_in(self, document: pikepdf.Pdf):
        """The footer font copied into ``document``."""
        return document.copy_foreign(self.font if self.font.is_indirect else self._pdf.make_indirect(self.font))

    def close(self) -> None:
        self._pdf.close()


@dataclass
class Footer:
    """The pack's page numbers ("Page n of N" on every page, set from ``specimen``); on label
    pages they sit on a white ground; ``banners`` lays a stamp over the given pages."""

    specimen: bytes
    labelled: set[int]
    banners: dict[int, bytes]
    # Each page's line, in the pack's language ("Tudalen 3 o 12" in a Welsh pack): the specimen must
    # hold every character it uses.
    wording: str = "Page {page} of {total}"


def _resource(page: pikepdf.Page, kind: Name, obj, preferred: str) -> str:
    """``obj``'s name in the page's resources: ``preferred`` unless the page uses that name already for
    something else (an uploaded appendix that is itself a pack). Pages of a piece share their resources,
    so one fixed name is set once for them all, not a new one a page."""
    resources = page.obj.get("/Resources")
    if resources is None:
        page.obj.Resources = resources = Dictionary()
    group = resources.get(kind)
    if group is None:
        resources[kind] = group = Dictionary()
    existing = group.get(preferred)
    if existing is None:
        group[preferred] = obj
        return preferred
    if existing.is_indirect and existing.objgen == obj.objgen:
        return preferred
    return str(page.add_resource(obj, kind, prefix=preferred[1:]))


class _Footers:
    """Each page's footer line (its number, and a banner on some) in one content stream of its own,
    after the page's content (wrapped in q … Q so nothing of the page's graphics state leaks into it).
    That stream is the page's last, so a rebuild rewrites the footers whose numbers moved in place."""

    def __init__(self, target: pikepdf.Pdf, numbers: PageNumbers, font=None, opening=None):
        self.target = target
        self.numbers = numbers
        self.font = font if font is not None else numbers.font_in(target)
        self.opening = opening  # one shared "q" stream for every page
        self.forms: dict[bytes, object] = {}
        self.stamp_boxes: dict[bytes, list[float]] = {}

    def _content(self, page: pikepdf.Page, line: list, names: tuple[str, str] | None) -> tuple[bytes, str, str]:
        text, labelled, _banner_key, stamp = line
        font_name = names[0] if names else _resource(page, Name.Font, self.font, "/PackPageNumbers")
        content = b"Q\n" + self.numbers.line(page, text, font_name, on_label=labelled)
        banner_name = ""
        if stamp:
            if names and names[1]:
                banner_name = names[1]
            else:
                if stamp not in self.forms:
                    with pikepdf.open(io.BytesIO(stamp)) as stamp_pdf:
                        form = pikepdf.Page(stamp_pdf.pages[0]).as_form_xobject()
                        self.forms[stamp] = self.target.copy_foreign(form)
                banner_name = _resource(page, Name.XObject, self.forms[stamp], "/PackBanner")
            if stamp not in self.stamp_boxes:
                with pikepdf.open(io.BytesIO(stamp)) as stamp_pdf:
                    self.stamp_boxes[stamp] = [float(value) for value in stamp_pdf.pages[0].mediabox]
            stamp_box = self.stamp_boxes[stamp]
            box = page.mediabox
            # Centred across the page, at its top, as the banner sits on the report's own pages.
            dx = (float(box[0]) + float(box[2]) - stamp_box[2]) / 2
            dy = float(box[3]) - stamp_box[3]
            banner = b"/Artifact <</Type /Pagination /Subtype /Header>> BDC\nq 1 0 0 1 %.3f %.3f cm %s Do Q\nEMC\n"
            content += banner % (dx, dy, banner_name.encode())
        return content, font_name, banner_name

    def add(self, page: pikepdf.Page, line: list) -> list:
        content, font_name, banner_name = self._content(page, line, None)
        if self.opening is None:
            self.opening = self.target.make_stream(b"q\n")
        page.obj.Contents = Array(
            [self.opening, *_as_list(page.obj.get("/Contents")), self.target.make_stream(content)]
        )
        return [*line[:3], font_name, banner_name]

    def rewritten(self, page: pikepdf.Page, line: list, old: list) -> tuple[bytes, list]:
        """A kept page's new footer stream; its resources' names kept when its banner is."""
        names = (old[3], old[4]) if old[2] == line[2] else (old[3], "")
        content, font_name, banner_name = self._content(page, line, names)
        return content, [*line[:3], font_name, banner_name]

    def rewrite(self, page: pikepdf.Page, line: list, old: list) -> list:
        content, written = self.rewritten(page, line, old)
        page.obj.Contents[-1].write(content)
        return written


def _frame(footer: Footer | None) -> str:
    """What a previous pack must share with this one to be patched: how its footers were written."""
    digest = hashlib.sha256(f"{LAYOUT_VERSION}\0{pikepdf.__version__}\0".encode())
    digest.update(footer.specimen if footer is not None else b"no footer")
    digest.update(footer.wording.encode() if footer is not None else b"")
    return digest.hexdigest()


def _changed(previous: tuple[bytes, dict] | None, pieces: list[Piece], keys: list[str], frame: str):
    """The places whose piece changed since ``previous`` (data, layout); None when the pack is better
    joined anew: no previous pack, one written another way, another list of pieces, or most of it new."""
    if previous is None:
        return None
    layout = previous[1]
    records = layout.get("pieces", [])
    if layout.get("frame") != frame or len(records) != len(pieces):
        return None
    if any(record["level"] != piece.outline_level for record, piece in zip(records, pieces, strict=True)):
        return None
    changed = [index for index, (record, key) in enumerate(zip(records, keys, strict=True)) if record["key"] != key]
    if 2 * sum(records[index]["pages"] for index in changed) > sum(record["pages"] for record in records):
        return None
    return changed


def assemble(
    pieces: list[Piece], *, title: str, footer: Footer | None = None, previous: tuple[bytes, dict] | None = None
) -> tuple[bytes, dict]:
    """The pieces as one PDF titled ``title`` (the first piece's catalogue, language and metadata, kept),
    and its layout. Given ``previous`` (an earlier pack of the same pieces, and its layout), only the
    pieces that changed are joined again, into that pack."""
    keys = [piece.key or hashlib.sha256(piece.data).hexdigest() for piece in pieces]
    frame = _frame(footer)
    changed = _changed(previous, pieces, keys, frame)
    numbers = assembly = font = None
    try:
        if changed == [] and _unchanged(previous, title, footer):
            return previous  # nothing in it changed
        if changed is not None:
            appended = _append(previous, pieces, keys, changed, footer, title)
            if appended is not None:
                return appended
        if changed is None:
            assembly = _Assembly.start(pieces[0], keys[0])
            for piece, key in zip(pieces[1:], keys[1:], strict=True):
                assembly.append(piece, key)
        else:
            assembly = _Assembly.patching(previous[0], previous[1]["pieces"])
            if footer is not None:
                font = _previous_font(assembly)
            for index in reversed(changed):  # from the end, so the places before stay where they were
                assembly.replace(index, pieces[index], keys[index])
        target = assembly.target
        lines = _lines(len(target.pages), footer)
        assembly.finish()
        with target.open_metadata(set_pikepdf_as_editor=False) as metadata:
            metadata["dc:title"] = title
        target.docinfo[Name.Title] = title
        if footer is not None:
            numbers = PageNumbers(footer.specimen)
            footers = _Footers(target, numbers, font)
            pages = target.pages
            for index, (record, start) in enumerate(_starts(assembly.layout)):
                fresh = changed is None or index in changed
                written = []
                for offset in range(record["pages"]):
                    page, line = pages[start + offset], lines[start + offset]
                    if fresh:
                        written.append(footers.add(page, line))
                    else:
                        old = record["footers"][offset]
                        written.append(footers.rewrite(page, line, old) if old[:3] != line[:3] else old)
                record["footers"] = written
        else:
            for record in assembly.layout:
                record["footers"] = []
        out = io.BytesIO()
        # Object streams: the thousands of small structure elements of a long pack compressed together,
        # which writes a file less than half the size in half the time of keeping the pieces' layout.
        target.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        layout = {"version": LAYOUT_VERSION, "frame": frame, "title": title, "pieces": assembly.layout}
        layout["compact_size"] = out.tell()
        return out.getvalue(), layout
    finally:
        if numbers is not None:
            numbers.close()
        if assembly is not None:
            assembly.close()
        for piece in pieces:
            if piece.document is not None:
                piece.document.close()


def _lines(total: int, footer: Footer | None) -> list[list]:
    """Each page's footer line: [text, on a label, its banner's key, its banner]."""
    lines = []
    for index in range(total if footer is not None else 0):
        stamp = footer.banners.get(index, b"")
        key = hashlib.sha256(stamp).hexdigest()[:16] if stamp else ""
        lines.append([footer.wording.format(page=index + 1, total=total), index in footer.labelled, key, stamp])
    return lines


def _unchanged(previous: tuple[bytes, dict], title: str, footer: Footer | None) -> bool:
    records = previous[1]["pieces"]
    lines = _lines(sum(record["pages"] for record in records), footer)
    return previous[1].get("title") == title and all(
        [line[:3] for line in lines[start : start + record["pages"]]] == [old[:3] for old in record["footers"]]
        for record, start in _starts(records)
    )


# An indirect reference in PDF syntax as qpdf writes it, strings skipped (qpdf escapes their parentheses).
_REFERENCE = re.compile(rb"(\((?:[^\\)]|\\.)*\)|<[0-9A-Fa-f\s]*>)|(?<= )(\d+) (\d+) R(?=[\s\]>/]|$)", re.S)


def _syntax(value) -> bytes:
    """A value in PDF syntax, an indirect object as its reference."""
    if isinstance(value, pikepdf.Object):
        return value.unparse()
    return Array([value]).unparse()[1:-1].strip()


def _number(value) -> bytes:
    if value is None:
        return b"null"
    if isinstance(value, str):
        return value.encode()  # a name, as "/XYZ"
    if isinstance(value, float):
        return (b"%.6f" % value).rstrip(b"0").rstrip(b".")
    return b"%d" % value


class _NotAppendable(Exception):
    """The previous pack cannot take this change as an update: it is written again (``_Assembly``)."""


class _Renumbering:
    """A piece's objects as the pack's update writes them: each gets the next free object number,
    except those that stand for the pack's own (its page tree, its /Document element, the footer font)."""

    def __init__(self, source: pikepdf.Pdf, first_free: int, external: dict[tuple, int]):
        self.source = source
        self.numbers = dict(external)
        self.next = first_free
        self.pending: list[tuple] = []
        self.streams: set[int] = set()

    def number(self, objgen: tuple) -> int:
        if objgen not in self.numbers:
            self.numbers[objgen] = self.next
            self.next += 1
            self.pending.append(objgen)
        return self.numbers[objgen]

    def syntax(self, text: bytes) -> bytes:
        def renumber(match):
            return match.group(1) or b"%d 0 R" % self.number((int(match.group(2)), int(match.group(3))))

        return _REFERENCE.sub(renumber, b" " + text)[1:]

    def value(self, value) -> bytes:
        if isinstance(value, pikepdf.Object) and value.is_indirect:
            return b"%d 0 R" % self.number(value.objgen)
        return self.syntax(_syntax(value))

    def bodies(self) -> dict[int, bytes]:
        """Every object of the piece reached so far, and those they reach, in PDF syntax."""
        written = {}
        while self.pending:
            objgen = self.pending.pop()
            obj = self.source.get_object(objgen)
            if isinstance(obj, pikepdf.Stream):
                raw = obj.read_raw_bytes()
                head = _dictionary(obj.stream_dict, {"/Length": b"%d" % len(raw)})
                written[self.numbers[objgen]] = self.syntax(head) + b"\nstream\n" + raw + b"\nendstream"
                self.streams.add(self.numbers[objgen])
            else:
                written[self.numbers[objgen]] = self.syntax(obj.unparse(resolved=True))
        return written


def _dictionary(obj, replaced: dict[str, bytes]) -> bytes:
    """A dictionary of the previous pack in PDF syntax, with the ``replaced`` entries given anew."""
    entries = [Name(key).unparse() + b" " + _syntax(value) for key, value in obj.items() if key not in replaced]
    entries += [Name(key).unparse() + b" " + value for key, value in replaced.items()]
    return b"<< " + b" ".join(entries) + b" >>"


def _append(previous: tuple[bytes, dict], pieces, keys, changed, footer: Footer | None, title: str):
    """The previous pack with the changed pieces in place of the old, as an incremental update: the new
    and changed objects written after the file as it was (the page tree, the /Document element, the
    parent tree, destinations, outline, the footers whose numbers moved), the rest untouched. qpdf
    would read and write every object of the pack again (about 0.25 s at 300 pages); this writes a
    correction's worth. The replaced pieces' objects stay behind, unreferenced, until the pack has
    grown to twice its written size and is written again. None when the change does not fit
    (another title, an untagged or oddly built pack): the pack is then written again."""
    data, layout = previous
    if footer is None or layout.get("title") != title or len(data) > 2 * layout.get("compact_size", 0):
        return None
    base = pikepdf.open(io.BytesIO(data))
    sources: list[pikepdf.Pdf] = []
    numbers = PageNumbers(footer.specimen)
    try:
        return _append_to(base, data, layout, pieces, keys, changed, footer, numbers, sources)
    except _NotAppendable:
        return None
    finally:
        numbers.close()
        for source in sources:
            source.close()
        base.close()


def _append_to(base, data, layout, pieces, keys, changed, footer, numbers, sources):
    records = [dict(record) for record in layout["pieces"]]
    catalog = base.Root
    root = catalog.get("/StructTreeRoot")
    document = document_element(root) if root is not None else None
    parent_tree = root.get("/ParentTree") if root is not None else None
    if document is None or not document.is_indirect or parent_tree is None or not parent_tree.is_indirect:
        raise _NotAppendable
    if "/Kids" in parent_tree or not isinstance(document.get("/K"), Array) or "/RoleMap" in root:
        raise _NotAppendable
    page_tree = catalog.Pages
    old_pages = [kid.objgen for kid in page_tree.Kids]
    if len(old_pages) != sum(record["pages"] for record in records) or any(gen for _number, gen in old_pages):
        raise _NotAppendable
    first_page = base.get_object(old_pages[0])
    contents = _as_list(first_page.get("/Contents"))
    font = first_page.get("/Resources", Dictionary()).get("/Font", Dictionary()).get(records[0]["footers"][0][3])
    if font is None or not font.is_indirect or len(contents) < 2:
        raise _NotAppendable
    opening = contents[0]
    nums = parent_tree.Nums
    parent_items = [(int(nums[index]), _syntax(nums[index + 1])) for index in range(0, len(nums), 2)]
    document_kids = [_syntax(kid) for kid in document.K]
    next_key = int(root.get("/ParentTreeNextKey", 0))
    free = int(base.trailer.Size)

    # The new pieces, opened: how many pages each has decides every footer.
    opened = {}
    for index in changed:
        source = pieces[index].open()
        sources.append(source)
        source_root = source.Root.get("/StructTreeRoot")
        tree = source.Root.Pages
        if source_root is None or "/RoleMap" in source_root:
            raise _NotAppendable
        if any(page.obj.get("/Parent") is None or page.obj.Parent.objgen != tree.objgen for page in source.pages):
            raise _NotAppendable
        opened[index] = source
    # Everything that could make the update impossible is checked before any piece is changed: a
    # piece open for the build is joined as it is should the pack be written again instead.
    for index, source in opened.items():
        records[index] = {**records[index], **_record(source, keys[index], pieces[index].outline_level)}
    total = sum(record["pages"] for record in records)
    lines = _lines(total, footer)
    for index, (record, start) in enumerate(_starts(records)):
        if index not in opened and any(
            before[2] != line[2] for before, line in zip(record["footers"], lines[start:], strict=False)
        ):
            raise _NotAppendable  # a banner comes or goes on a kept page: its resources change
    names = catalog.get("/Names")
    dests_tree = names.get("/Dests") if names is not None else None
    if any(record["names"] for record in records) != (dests_tree is not None and dests_tree.is_indirect):
        raise _NotAppendable
    outlines = catalog.get("/Outlines")
    if any(record["outline"] for record in records) != (outlines is not None and outlines.is_indirect):
        raise _NotAppendable
    objects: dict[int, bytes] = {}
    streams: set[int] = set()
    pages: list[int] = []
    new_kids: list[bytes] = []
    removed = []
    added_items = []
    footers = _Footers(base, numbers, font=font)
    for index, (record, start) in enumerate(_starts(records)):
        old = layout["pieces"][index]
        old_start = sum(r["pages"] for r in layout["pieces"][:index])
        old_kids = sum(r["kids"] for r in layout["pieces"][:index])
        if index not in opened:
            pages.extend(number for number, _gen in old_pages[old_start : old_start + old["pages"]])
            new_kids.extend(document_kids[old_kids : old_kids + old["kids"]])
            written = []
            for offset in range(record["pages"]):
                line, before = lines[start + offset], old["footers"][offset]
                if before[:3] == line[:3]:
                    written.append(before)
                    continue
                page = base.get_object(old_pages[old_start + offset])
                content, after = footers.rewritten(pikepdf.Page(page), line, before)
                compressed = zlib.compress(content)
                streams.add(page.Contents[-1].objgen[0])
                objects[page.Contents[-1].objgen[0]] = (
                    b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(compressed) + compressed + b"\nendstream"
                )
                written.append(after)
            record["footers"] = written
            continue
        source = opened[index]
        removed.append(old["keys"])
        front = index == 0
        source_root = source.Root.StructTreeRoot
        source_document = document_element(source_root)
        external = {source.Root.Pages.objgen: page_tree.objgen[0], source.Root.objgen: catalog.objgen[0]}
        if front:
            external[source_document.objgen] = document.objgen[0]
            external[source_root.objgen] = root.objgen[0]
            kids = _as_list(source_document.get("/K"))
        else:
            external[source_root.objgen] = document.objgen[0]  # its /Document, a /Part of the pack's
            kids = _as_list(source_root.get("/K"))
            for kid in kids:
                if isinstance(kid, Dictionary) and kid.get("/S") == Name.Document:
                    kid.S = Name.Part
        font_stand_in = source.make_indirect(Dictionary())
        opening_stand_in = source.make_stream(b"q\n")
        external[font_stand_in.objgen] = font.objgen[0]
        external[opening_stand_in.objgen] = opening.objgen[0]
        offset = next_key
        source_items = number_tree_items(source_root.get("/ParentTree"))
        next_key = max(
            [offset + int(source_root.get("/ParentTreeNextKey", 0))] + [offset + k + 1 for k, _ in source_items]
        )
        for page in source.pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        piece_footers = _Footers(source, numbers, font=font_stand_in, opening=opening_stand_in)
        record["footers"] = [piece_footers.add(page, lines[start + n]) for n, page in enumerate(source.pages)]
        renumbering = _Renumbering(source, free, external)
        pages.extend(renumbering.number(page.obj.objgen) for page in source.pages)
        new_kids.extend(renumbering.value(kid) for kid in kids)
        added_items.extend((key + offset, renumbering.value(value)) for key, value in source_items)
        objects.update(renumbering.bodies())
        streams |= renumbering.streams
        free = renumbering.next
        record.update(kids=len(kids), keys=[offset, next_key])
    items = [(k, v) for k, v in parent_items if not any(low <= k < high for low, high in removed)] + added_items
    items.sort(key=lambda item: item[0])
    objects[parent_tree.objgen[0]] = b"<< /Nums [ " + b" ".join(b"%d %s" % item for item in items) + b" ] >>"
    objects[root.objgen[0]] = _dictionary(root, {"/ParentTreeNextKey": b"%d" % next_key})
    objects[document.objgen[0]] = _dictionary(document, {"/K": b"[ " + b" ".join(new_kids) + b" ]"})
    kids_syntax = b" ".join(b"%d 0 R" % number for number in pages)
    objects[page_tree.objgen[0]] = _dictionary(
        page_tree, {"/Count": b"%d" % total, "/Kids": b"[ " + kids_syntax + b" ]"}
    )

    def destination(start, page, rest) -> bytes:
        if page is None:
            return pikepdf.String(rest).unparse()
        return b"[ %d 0 R %s ]" % (pages[start + page], b" ".join(_number(value) for value in rest))

    dests = {}
    for record, start in _starts(records):
        for name, page, rest in record["names"]:
            dests[name] = destination(start, page, rest)
    if dests:
        entries = b" ".join(pikepdf.String(name).unparse() + b" " + dests[name] for name in sorted(dests))
        objects[dests_tree.objgen[0]] = b"<< /Names [ " + entries + b" ] >>"
    free = _append_outline(outlines, records, destination, objects, free)
    return _update(data, base, objects, streams, free), {**layout, "pieces": records}


def _append_outline(outlines, records, destination, objects: dict[int, bytes], free: int) -> int:
    """The outline written anew from the layout, in the previous pack's outline root."""
    tree: list[list] = []  # [title, destination, children]
    first: list[list] = []
    for index, (record, start) in enumerate(_starts(records)):

        def entries(items, start=start):
            return [[title, destination(start, page, rest), entries(children)] for title, page, rest, children in items]

        siblings = first if index == 0 else tree
        for _level in range(record["level"] if index else 0):
            if not siblings:
                break
            siblings = siblings[-1][2]
        siblings.extend(entries(record["outline"]))
    top = first + tree
    if not top:
        return free

    def write(items, parent: int) -> tuple[int, int, int]:
        """The items under ``parent``: (first, last, how many are shown, all open)."""
        nonlocal free
        numbers = list(range(free, free + len(items)))
        free += len(items)
        shown = len(items)
        for position, (item, number) in enumerate(zip(items, numbers, strict=True)):
            title, target, children = item
            parts = [b"/Title " + pikepdf.String(title).unparse(), b"/Parent %d 0 R" % parent, b"/Dest " + target]
            if position:
                parts.append(b"/Prev %d 0 R" % numbers[position - 1])
            if position + 1 < len(numbers):
                parts.append(b"/Next %d 0 R" % numbers[position + 1])
            if children:
                child_first, child_last, count = write(children, number)
                parts.append(b"/First %d 0 R /Last %d 0 R /Count %d" % (child_first, child_last, count))
                shown += count
            objects[number] = b"<< " + b" ".join(parts) + b" >>"
        return numbers[0], numbers[-1], shown

    first_item, last_item, count = write(top, outlines.objgen[0])
    objects[outlines.objgen[0]] = b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (
        first_item,
        last_item,
        count,
    )
    return free


OBJECTS_PER_STREAM = 1000


def _update(data: bytes, base: pikepdf.Pdf, objects: dict[int, bytes], streams: set[int], free: int) -> bytes:
    """``data`` with ``objects`` appended as an incremental update: the streams as they are, the other
    objects compressed together in object streams (as the pack itself is written), then the update's
    cross-reference stream."""
    starts = re.findall(rb"startxref\s+(\d+)", data[-1024:])
    if not starts:
        raise _NotAppendable
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    where = {}  # number: (1, offset, 0) for an object in the file, (2, object stream, index) for one in a stream
    for number in sorted(streams):
        where[number] = (1, len(out), 0)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    plain = sorted(number for number in objects if number not in streams)
    for first in range(0, len(plain), OBJECTS_PER_STREAM):
        chunk, number = plain[first : first + OBJECTS_PER_STREAM], free
        free += 1
        offsets, body = [], bytearray()
        for index, member in enumerate(chunk):
            offsets.append(b"%d %d" % (member, len(body)))
            body += objects[member] + b"\n"
            where[member] = (2, number, index)
        head = b" ".join(offsets) + b"\n"
        packed = zlib.compress(head + body)
        where[number] = (1, len(out), 0)
        out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
            number,
            len(chunk),
            len(head),
            len(packed),
        )
        out += packed + b"\nendstream\nendobj\n"
    xref = free
    where[xref] = (1, len(out), 0)
    index, entries, run = [], bytearray(), None
    for number in sorted(where):
        if run is None or number != run[0] + run[1]:
            run = [number, 0]
            index.append(run)
        run[1] += 1
        kind, field, position = where[number]
        entries += bytes([kind]) + field.to_bytes(4, "big") + position.to_bytes(2, "big")
    trailer = base.trailer
    identifier = trailer.get("/ID")
    first_id = _syntax(identifier[0]) if identifier is not None else b"<>"
    new_id = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest().encode()
    info = b" /Info " + _syntax(trailer.Info) if "/Info" in trailer else b""
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /Index [ %s ] /W [ 1 4 2 ] /Root %s%s /ID [ %s <%s> ] /Prev %d"
        b" /Length %d >>\nstream\n"
        % (
            xref,
            xref + 1,
            b" ".join(b"%d %d" % (first, count) for first, count in index),
            _syntax(trailer.Root),
            info,
            first_id,
            new_id,
            int(starts[-1]),
            len(entries),
        )
    )
    out += bytes(entries) + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % where[xref][1]
    return bytes(out)


def _starts(layout: list[dict]):
    start = 0
    for record in layout:
        yield record, start
        start += record["pages"]


def _previous_font(assembly: _Assembly):
    """The footer font the previous pack's pages use (its first page's), or None to copy it again."""
    records = assembly.layout
    if not records or not records[0].get("footers") or not len(assembly.target.pages):
        return None
    fonts = assembly.target.pages[0].obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
    return fonts.get(records[0]["footers"][0][3])


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
