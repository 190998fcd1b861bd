"""Appending uploaded PDF appendices to a tagged report PDF without losing its tags.

WeasyPrint cannot lay out an existing PDF, so appendices are added to the finished report. The
report PDF is opened and extended in place: its /StructTreeRoot, /MarkInfo, /Lang, metadata and
outline stay as WeasyPrint wrote them (copying pages into a *new* file, as pypdf's merger does,
is what drops them). Each appendix gets a top-level bookmark. If an appendix is itself tagged, its
structure elements are grafted under the report's document element and its parent tree keys are
renumbered, so its pages stay tagged too; an untagged appendix's pages stay untagged.
"""

from __future__ import annotations

import io
import logging

import pikepdf
from pikepdf import Array, Dictionary, Name

logger = logging.getLogger(__name__)


def number_tree_items(node) -> list[tuple[int, object]]:
    """All (key, value) pairs of a PDF number tree, flattened."""
    items: list[tuple[int, object]] = []
    if node is None:
        return items
    if "/Nums" in node:
        nums = node.Nums
        for index in range(0, len(nums), 2):
            items.append((int(nums[index]), nums[index + 1]))
    if "/Kids" in node:
        for kid in node.Kids:
            items.extend(number_tree_items(kid))
    return items


def copy_object(target: pikepdf.Pdf, source: pikepdf.Pdf, obj):
    """copy_foreign takes indirect objects only: make a direct one indirect in its own file first."""
    if isinstance(obj, pikepdf.Object) and not obj.is_indirect and isinstance(obj, (Dictionary, Array)):
        obj = source.make_indirect(obj)
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return target.copy_foreign(obj)
    return obj


def document_element(struct_root):
    """The report's top structure element (/Document), where appendix trees hang."""
    kids = struct_root.get("/K")
    if isinstance(kids, Array):
        for kid in kids:
            if isinstance(kid, Dictionary) and kid.get("/S") == Name.Document:
                return kid
        return None
    if isinstance(kids, Dictionary):
        return kids
    return None


def _graft_structure(target: pikepdf.Pdf, source: pikepdf.Pdf, first_new_page: int) -> bool:
    """Copy ``source``'s structure tree under ``target``'s, renumbering parent tree keys."""
    source_root = source.Root.get("/StructTreeRoot")
    target_root = target.Root.get("/StructTreeRoot")
    if source_root is None or target_root is None:
        return False
    document = document_element(target_root)
    if document is None:
        return False
    target_items = number_tree_items(target_root.get("/ParentTree"))
    offset = max([int(target_root.get("/ParentTreeNextKey", 0))] + [key + 1 for key, _ in target_items])
    source_items = number_tree_items(source_root.get("/ParentTree"))

    # Copying the source's elements after its pages maps their /Pg references onto the pages
    # already appended (pikepdf shares one foreign-object map per source file).
    new_items = [(key + offset, copy_object(target, source, value)) for key, value in source_items]
    source_kids = source_root.get("/K")
    kids = list(source_kids) if isinstance(source_kids, Array) else [source_kids] if source_kids is not None else []
    copied_kids = [copy_object(target, source, kid) for kid in kids]
    for kid in copied_kids:
        if isinstance(kid, Dictionary):
            kid.P = document
    document_kids = document.get("/K")
    if not isinstance(document_kids, Array):
        document_kids = Array([document_kids]) if document_kids is not None else Array()
    for kid in copied_kids:
        document_kids.append(kid)
    document.K = document_kids

    # Pages and annotations of the appendix point into the parent tree: shift their keys.
    for page in list(target.pages)[first_new_page:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset

    all_items = sorted(target_items + new_items, key=lambda item: item[0])
    nums = Array()
    for key, value in all_items:
        nums.append(key)
        nums.append(value)
    target_root.ParentTree = target.make_indirect(Dictionary(Nums=nums))
    target_root.ParentTreeNextKey = max([offset] + [key + 1 for key, _ in all_items])

    source_roles = source_root.get("/RoleMap")
    if source_roles is not None:
        roles = target_root.get("/RoleMap")
        if roles is None:
            roles = Dictionary()
            target_root.RoleMap = roles
        for name, value in source_roles.items():
            if name not in roles:
                roles[name] = copy_object(target, source, value)
    return True


def append_pdfs(report_pdf: bytes, appendices: list[tuple[str, bytes]]) -> bytes:
    """The report with each (title, pdf bytes) appendix after it, each with a top-level bookmark.

    An appendix that cannot be read is skipped with a warning rather than losing the whole report.
    """
    target = pikepdf.open(io.BytesIO(report_pdf))
    sources = []  # kept open until saved: appended pages refer to them
    with target.open_outline() as outline:
        for title, data in appendices:
            try:
                source = pikepdf.open(io.BytesIO(data))
            except pikepdf.PdfError:
                logger.warning("Appendix %r is not a readable PDF; left out of the report PDF", title)
                continue
            sources.append(source)
            first_new_page = len(target.pages)
            target.pages.extend(source.pages)
            if not _graft_structure(target, source, first_new_page):
                logger.info("Appendix %r has no tags; its pages are appended untagged", title)
            outline.root.append(pikepdf.OutlineItem(title, first_new_page))
    out = io.BytesIO()
    target.save(out)
    for source in sources:
        source.close()
    target.close()
    return out.getvalue()
