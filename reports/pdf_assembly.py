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

``stamp_pages`` then puts a footer (the pack's page numbers, rendered by WeasyPrint so its font is
embedded) on pages, marked as a pagination artifact so screen readers skip it.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name

from reports.pdf_appendices import _copy, _document_element, _number_tree_items

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Piece:
    data: bytes
    # Put this piece's bookmarks under the previous top-level bookmark (an appendix under its item).
    nest_outline: bool = False


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


def _outline_items(target: pikepdf.Pdf, source: pikepdf.Pdf, entries) -> list[pikepdf.OutlineItem]:
    items = []
    for title, destination, children in entries:
        item = pikepdf.OutlineItem(title, _copy(target, source, destination))
        item.children.extend(_outline_items(target, source, children))
        items.append(item)
    return items


class _Assembly:
    def __init__(self, first: bytes):
        self.target = pikepdf.open(io.BytesIO(first))
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
        source = pikepdf.open(io.BytesIO(piece.data))
        self.sources.append(source)
        first_new_page = len(self.target.pages)
        entries = _outline(source)
        self.target.pages.extend(source.pages)
        self._graft(source, first_new_page)
        for name, destination in _named_destinations(source):
            self.dests[name] = _copy(self.target, source, destination)
        items = _outline_items(self.target, source, entries)
        if piece.nest_outline and self.outline_items:
            self.outline_items[-1].children.extend(items)
        else:
            self.outline_items.extend(items)

    def _graft(self, source: pikepdf.Pdf, first_new_page: int) -> None:
        source_root = source.Root.get("/StructTreeRoot")
        if source_root is None or self.document is None:
            return  # an untagged appendix: its pages stay untagged, as uploaded
        offset = self.next_key
        source_items = _number_tree_items(source_root.get("/ParentTree"))
        # Copying the elements after the pages maps their /Pg references onto the appended pages.
        self.parent_items.extend((key + offset, _copy(self.target, source, value)) for key, value in source_items)
        self.next_key = max(
            [offset + int(source_root.get("/ParentTreeNextKey", 0))] + [k + 1 for k, _ in self.parent_items]
        )
        source_kids = source_root.get("/K")
        kids = list(source_kids) if isinstance(source_kids, Array) else [source_kids] if source_kids is not None else []
        document_kids = self.document.get("/K")
        if not isinstance(document_kids, Array):
            document_kids = Array([document_kids]) if document_kids is not None else Array()
            self.document.K = document_kids
        for kid in kids:
            copied = _copy(self.target, source, kid)
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


def stamp_pages(document: pikepdf.Pdf, stamps: pikepdf.Pdf, pages: list[int]) -> None:
    """Overlay stamps' page i on the document's page ``pages[i]``, aligned to its bottom-right corner,
    as a pagination artifact (it is the footer: screen readers skip it, as they skip WeasyPrint's)."""
    for stamp_index, page_index in enumerate(pages):
        page = pikepdf.Page(document.pages[page_index])
        stamp = pikepdf.Page(stamps.pages[stamp_index])
        form = document.copy_foreign(stamp.as_form_xobject())
        name = page.add_resource(form, Name.XObject, prefix="PackStamp")
        box = page.mediabox
        stamp_box = stamp.mediabox
        dx = float(box[2]) - float(stamp_box[2])
        dy = float(box[1]) - float(stamp_box[1])
        # Wrap the page's own content so a graphics state it leaves changed cannot move the stamp.
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(
            b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nq 1 0 0 1 %.3f %.3f cm %s Do Q\nEMC\n"
            % (dx, dy, str(name).encode())
        )


def assemble(
    pieces: list[Piece], *, title: str, stamps: bytes | None = None, stamped_pages: list[int] | None = None
) -> bytes:
    """The pieces as one PDF titled ``title``; the first piece's catalogue (language, metadata) is kept.
    ``stamps``' pages are laid over ``stamped_pages``, in order."""
    assembly = _Assembly(pieces[0].data)
    try:
        for piece in pieces[1:]:
            assembly.add(piece)
        target = assembly.finish()
        with target.open_metadata(set_pikepdf_as_editor=False) as metadata:
            metadata["dc:title"] = title
        target.docinfo[Name.Title] = title
        if stamps is not None and stamped_pages:
            with pikepdf.open(io.BytesIO(stamps)) as stamp_pdf:
                stamp_pages(target, stamp_pdf, stamped_pages)
                out = io.BytesIO()
                target.save(out)
        else:
            out = io.BytesIO()
            target.save(out)
        return out.getvalue()
    finally:
        assembly.close()
