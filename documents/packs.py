"""Agenda packs: one tagged PDF of a meeting's cover, agenda and papers, built in the background; the
public pack without Part 2 papers, the members' pack with them. Rebuilt when its fingerprint no longer
matches, re-rendering only what changed: docs/documents.md.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import logging
import os
import re
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import pypdf
import weasyprint
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop, pgettext
from django_tasks import task

from committee import actions
from committee.models import AgendaItem, AgendaPack, Meeting, Membership
from core import bilingual, dates, public_edition
from core.council import current_council
from core.language import WELSH
from documents import pdf, pdf_assembly
from reports import access, exemption, welsh_edition
from reports.agendas import Agenda, agenda_for
from reports.models import Appendix, Paragraph, Recommendation, Report, ReportRevision
from reports.published import with_exempt_flag
from reports.revisions import readable_structure, structure_from_snapshot
from reports.structure import prefetch_report, report_structure

logger = logging.getLogger(__name__)
RENDERER_VERSION = "3"
MAX_LAYOUT_ROUNDS = 4


class _MembersView:
    """Who the members' pack is laid out for: sees every published item, Part 2 included."""

    is_authenticated = True
    is_superuser = True
    pk = None

    def __init__(self):
        self._access_groups = frozenset()
        self._access_committees = frozenset()


def _reader(variant: str):
    return _MembersView() if variant in AgendaPack.MEMBERS_VARIANTS else AnonymousUser()


def _published_agenda(meeting: Meeting, variant: str) -> Agenda:
    """The published agenda as the pack's reader sees it (never unpublished supplementary items)."""
    # Each report knows whether it was last published exempt: asked once for the lot, not per paper.
    reports = Prefetch("report", queryset=with_exempt_flag(Report.objects.all()))
    items = [
        item
        for item in meeting.agenda_items.prefetch_related(reports)
        if item.publication_id is not None or not item.is_supplementary
    ]
    return agenda_for(meeting, _reader(variant), items)


def _pack_reports(agenda: Agenda, variant: str) -> list[tuple[str, AgendaItem, Report]]:
    """(number, item, report) for each paper in the pack: published reports only; Part 2 only for members."""
    papers = []
    for entry in agenda.entries:
        report = entry.item.report
        if report is None or report.status != Report.Status.PUBLISHED:
            continue
        exempt = entry.is_exempt or access.published_report_is_exempt(report)
        if exempt and variant not in AgendaPack.MEMBERS_VARIANTS:
            continue
        papers.append((entry.number, entry.item, report))
    return papers


def variants_for(meeting: Meeting) -> list[str]:
    """The public pack, and the members' pack when anything on the agenda is Part 2: an exempt item, or
    an exempt appendix, paragraph or recommendation of a report on it (reports/exemption.py)."""
    report_ids = meeting.agenda_items.filter(report__isnull=False).values("report_id")
    has_part2 = (
        meeting.agenda_items.filter(part=AgendaItem.Part.EXEMPT).exists()
        or Appendix.objects.filter(report_id__in=report_ids, exempt_paragraph__isnull=False).exists()
        or Recommendation.objects.filter(report_id__in=report_ids, exempt_paragraph__isnull=False).exists()
        or Paragraph.objects.filter(section__report_id__in=report_ids, exempt_paragraph__isnull=False).exists()
    )
    welsh = current_council().is_welsh
    variants = [AgendaPack.Variant.PUBLIC] + ([AgendaPack.Variant.WELSH] if welsh else [])
    if has_part2:
        variants += [AgendaPack.Variant.MEMBERS] + ([AgendaPack.Variant.MEMBERS_WELSH] if welsh else [])
    return variants


def fingerprint(meeting: Meeting, variant: str) -> str:
    """A hash of everything the pack shows: when any of it changes, the pack is rebuilt."""
    meeting = Meeting.objects.select_related("committee", "venue").get(pk=meeting.pk)
    agenda = _published_agenda(meeting, variant)
    digest = hashlib.sha256()

    def add(*parts):
        digest.update("\x1f".join(str(p) for p in parts).encode())
        digest.update(b"\x1e")

    add(RENDERER_VERSION, weasyprint.__version__, variant, current_council().fingerprint)
    add(meeting.committee.name, meeting.committee.name_cy)
    notice = meeting.remote_attendance_notice
    add(notice and notice.remote_attendance, notice and notice.remote_attendance_cy)
    add(meeting.starts_at.isoformat(), meeting.status, meeting.venue_id, meeting.venue and meeting.venue.modified)
    for entry in agenda.entries:
        item = entry.item
        add(entry.number, item.pk, entry.title, item.description, item.part, item.exempt_paragraph, item.report_id)
        add(item.title_cy)  # a Welsh council's agenda prints it beside the English
        add(entry.classification)
    add(agenda.exclusion_motion)
    papers = _pack_reports(agenda, variant)
    published = _published_revisions([report.pk for _number, _item, report in papers])
    for _number, _item, report in papers:
        # The published revision, not the report's last save: a correction being drafted on a published
        # report is not in the pack until it is published (and then this changes and the pack is rebuilt).
        revision = published.get(report.pk)
        add(report.pk, report.status, revision.pk if revision else report.modified.isoformat())
        if revision is None:
            for appendix in report.appendices.all():
                add(appendix.pk, appendix.title, appendix.sha512, appendix.size)
    for membership in Membership.objects.filter(committee_id=meeting.committee_id).select_related("person"):
        add(membership.pk, membership.role, membership.modified.isoformat(), membership.person.name)
    for action in _tracker(meeting):
        add("action", action.pk, action.modified.isoformat())
    return digest.hexdigest()


def _tracker(meeting: Meeting) -> list:
    """The committee's actions from earlier meetings not yet done, as the public's tracker shows them
    (committee/actions.py): an action arising from a Part 2 item is the governance officers' alone, in
    the members' pack too."""
    return actions.tracker(meeting, AnonymousUser())


# Building -----------------------------------------------------------------

PACK_CSS = "print/pack.css"
STAMP_CSS = "print/stamp.css"
PART_CACHE_FOLDER = "pack-parts"


@dataclass
class _Part:
    """One piece of the pack: the front (cover and agenda), a report, an appendix's title page, or an
    uploaded appendix (already a PDF: ``data`` set, ``html`` empty)."""

    html: str = ""
    data: bytes | None = None
    # A report's cache key, known without building its HTML (made only when it must be rendered).
    key: str = ""
    make_html: Callable[[], str] | None = None
    pages: int = 0
    outline_level: int = 0  # 1: an appendix's title page, under its item; 2: the appendix, under that
    uploaded: bool = False  # an uploaded appendix: its pages get the pack's numbers on a white label
    exempt_banner: str = ""  # printed on an uploaded appendix's pages
    document: object = None  # the rendered piece, opened once to count its pages, then joined
    # A piece the previous pack holds where it is now is not read at all; this opens it, should the
    # pack have to be joined anew after all.
    read: Callable[[], object] | None = None


def _stylesheets() -> list[weasyprint.CSS]:
    # The pack's stylesheet parsed once a process, as the print stylesheet is (again if it changes):
    # parsing it took about 35 ms of every rebuild's one rendered piece.
    path = finders.find(PACK_CSS)
    return [pdf.print_stylesheet(), pdf.council_stylesheet(), pdf.parsed_stylesheet(path, os.stat(path).st_mtime_ns)]


def _cache_key(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in (RENDERER_VERSION, weasyprint.__version__, *parts):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _static_bytes(*names: str) -> bytes:
    return b"".join(Path(finders.find(name)).read_bytes() for name in names if finders.find(name))


def _render(html: str) -> bytes:
    """A piece laid out and written as a tagged PDF, with no page numbers of its own."""
    document = weasyprint.HTML(
        string=html, base_url=pdf.static_base_url(), url_fetcher=pdf.StaticOnlyFetcher(), media_type="print"
    ).render(
        # The process's one font configuration, as a report's own PDF is laid out with (documents/pdf.py):
        # a new one a piece loaded the fonts again, about 0.1 s of every rebuild's one rendered piece.
        stylesheets=_stylesheets(),
        font_config=pdf.font_config(),
        pdf_variant=pdf.PDF_VARIANT,
        pdf_tags=True,
    )
    document.metadata.lang = pdf.document_language()
    document.metadata.authors = [current_council().reader_name]
    return pdf.write_pdf(document)


# The cached pieces the pack being built uses, written down with it so that clear_pack_parts keeps them.
_USED: ContextVar[set[str] | None] = ContextVar("pack_parts_used", default=None)
MANIFEST_FOLDER = f"{PART_CACHE_FOLDER}/manifests"


def _part_path(key: str) -> str:
    return f"{PART_CACHE_FOLDER}/{key[:2]}/{key}.pdf"


def _mark_used(path: str) -> None:
    used = _USED.get()
    if used is not None:
        used.add(path)


def _cached(key: str, make) -> bytes:
    """A piece from the cache, or made and kept. A piece does not depend on where it sits in the pack
    (page numbers are stamped afterwards), so a rebuild after one report changes renders only that
    report: the others, the appendices' title pages and the page numbers come from here."""
    path = _part_path(key)
    _mark_used(path)
    if default_storage.exists(path):
        with default_storage.open(path, "rb") as handle:
            data = handle.read()
        # Another worker may still be writing it (the public and members' packs share their public
        # reports, and are often built at once): a file without its end is made again, not used.
        if data.rstrip().endswith(b"%%EOF"):
            return data
        return make()
    data = make()
    if not default_storage.exists(path):  # another build may have stored it meanwhile
        default_storage.save(path, ContentFile(data))
    return data


def _html_key(html: str) -> str:
    return _cache_key(_static_bytes(pdf.PRINT_CSS, PACK_CSS), current_council().fingerprint, html)


def _render_cached(html: str) -> bytes:
    return _cached(_html_key(html), lambda: _render(html))


def _render_part(part: _Part) -> bytes:
    """A rendered piece (``part.key`` set): from the cache, or laid out and kept."""
    return _cached(part.key, lambda: _render(part.make_html() if part.make_html is not None else part.html))


def _piece_reader(part: _Part):
    return lambda: pdf_assembly.open_piece(_render_part(part))


# The pack each meeting's variant was last built as, with its layout: a rebuild patches it.
PREVIOUS_FOLDER = f"{PART_CACHE_FOLDER}/packs"


def _previous_path(meeting: Meeting, variant: str) -> str:
    return f"{PREVIOUS_FOLDER}/{meeting.pk}-{variant}.pack"


def _previous_pack(meeting: Meeting, variant: str) -> tuple[bytes, dict] | None:
    """The pack last built for this meeting and variant, and what it is made of (None: none kept, or
    one another build is still writing). Whatever it holds, only pieces of the same key in the same
    place are kept from it, so a stale one costs time, never correctness."""
    path = _previous_path(meeting, variant)
    _mark_used(path)
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        head, _, data = handle.read().partition(b"\n")
    try:
        kept = json.loads(head)
    except ValueError:
        return None
    if kept.get("sha256") != hashlib.sha256(data).hexdigest() or "layout" not in kept:
        return None
    return data, kept


def _keep_for_next_build(meeting: Meeting, variant: str, data: bytes, layout: dict, front_source: dict) -> None:
    kept = {"sha256": hashlib.sha256(data).hexdigest(), "layout": layout, "front_source": front_source}
    path = _previous_path(meeting, variant)
    default_storage.delete(path)
    default_storage.save(path, ContentFile(json.dumps(kept).encode() + b"\n" + data))


def _stamp(label: str = "", banner: str = "") -> bytes:
    """A page holding only a footer ``label`` and an exempt ``banner``, laid over the pack's pages."""
    html = render_to_string("committee/pack/stamps.html", {"label": label, "banner": banner})
    key = _cache_key(_static_bytes(STAMP_CSS), html)

    def make():
        stylesheet = weasyprint.CSS(filename=finders.find(STAMP_CSS), url_fetcher=pdf.StaticOnlyFetcher())
        return weasyprint.HTML(
            string=html, base_url=pdf.static_base_url(), url_fetcher=pdf.StaticOnlyFetcher()
        ).write_pdf(stylesheets=[stylesheet])

    return _cached(key, make)


# Every character a page number needs: the footer's glyphs are taken from a specimen holding them,
# laid out once (``number_specimen``).
def page_wording() -> str:
    """Each page's footer in the pack's language (active while it is built): "Page 3 of 12",
    "Tudalen 3 o 12"."""
    return gettext("Page %(number)s of %(pages)s") % {"number": "{page}", "pages": "{total}"}


def number_specimen() -> str:
    """Every character the footer needs in this language: its words and the ten digits."""
    return " ".join(page_wording().replace("{page}", "0123456789").replace("{total}", "").split())


def agenda_page_word() -> str:
    """The word before each paper's page number in the agenda ("Page 12", "Tudalen 12")."""
    return pgettext("agenda page number", "Page")


# A Welsh council's cover and agenda print these in Welsh and English (core.bilingual ``both``): kept
# here so that the catalogue keeps their Welsh.
COVER_PHRASES = [
    gettext_noop("Date"),
    gettext_noop("Time"),
    gettext_noop("Venue"),
    gettext_noop("Attending remotely"),
    gettext_noop("To be confirmed"),
    gettext_noop("Members"),
    gettext_noop("Actions tracker"),
    gettext_noop("Actions from earlier meetings not yet done"),
    gettext_noop("Action"),
    gettext_noop("Owner"),
    gettext_noop("Due"),
    gettext_noop("Progress"),
    gettext_noop("Contact"),
    gettext_noop("Telephone"),
    gettext_noop("Email"),
    gettext_noop("Agenda"),
    gettext_noop("Part 2: exempt items"),
    gettext_noop("Motion to exclude the press and public."),
    gettext_noop("Members' pack: includes exempt papers (Part 2). Not for publication."),
    gettext_noop("This meeting has been cancelled."),
    gettext_noop("This meeting has been postponed."),
]


def _cover_context(meeting: Meeting, agenda: Agenda, variant: str) -> dict:
    memberships = [
        m
        for m in Membership.objects.filter(committee_id=meeting.committee_id).select_related("person")
        if m.is_current(meeting.date)
    ]
    clerks = [m.person for m in memberships if m.role == Membership.Role.CLERK]
    members = [m for m in memberships if m.role != Membership.Role.CLERK]
    order = {role: index for index, role in enumerate(Membership.Role.values)}
    members.sort(key=lambda m: (order[m.role], m.person.name))
    return {
        "meeting": meeting,
        "agenda": agenda,
        "members": members,
        "contact": clerks[0] if clerks else None,
        **pdf.council_context(),
        "is_members_pack": variant in AgendaPack.MEMBERS_VARIANTS,
        "tracker": _tracker(meeting),
    }


def _front_html(context: dict, pages: dict[int, int]) -> str:
    return render_to_string("committee/pack/front.html", {**context, "pages": pages})


# Every attribute that names an element by its id, inside a tag (text never holds a raw "<").
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_ID_ATTRIBUTE = re.compile(r'(\s(?:id|for|headers|aria-labelledby|aria-describedby|aria-controls)=")([^"]*)(")')
_FRAGMENT_LINK = re.compile(r'(\shref="#)([^"]*)(")')


def prefix_ids(html: str, prefix: str) -> str:
    """Each report's ids (and the links and labels that point at them) prefixed with ``prefix``: every
    report uses the same ids (section-1, …), so in a pack a link would land in the first report."""

    def in_tag(match):
        tag = _ID_ATTRIBUTE.sub(
            lambda m: m.group(1) + " ".join(prefix + name for name in m.group(2).split()) + m.group(3), match.group(0)
        )
        return _FRAGMENT_LINK.sub(
            lambda m: m.group(1) + prefix + m.group(2) + m.group(3) if m.group(2) else m.group(0), tag
        )

    return _TAG.sub(in_tag, html)


def _published_revisions(report_ids: list[int]) -> dict[int, ReportRevision]:
    """Each report's latest published revision: what the pack prints."""
    latest = {}
    for revision in ReportRevision.objects.filter(report_id__in=report_ids, is_published=True).order_by("number"):
        latest[revision.report_id] = revision
    return latest


def _report_html(doc, number: str, item: AgendaItem, title: str) -> str:
    html = prefix_ids(pdf.report_print_html(doc), f"item-{item.pk}-")
    marker = (
        f'<div id="pack-item-{item.pk}" data-pack-bookmark="{number}. {_attr(title)}" class="council-pack-start"></div>'
    )
    body = html.find("<body")
    body_end = html.find(">", body) + 1 if body >= 0 else 0
    return html[:body_end] + marker + html[body_end:]


def _report_templates_digest() -> bytes:
    """What a report's print HTML is made with besides its content: its templates and the tags and
    sanitiser they call. Part of a published report's cache key, so its HTML need not be built to
    know it is unchanged."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for folder, pattern in (
        ("templates/reports", "*.html"),
        ("reports/templatetags", "*.py"),
        ("reports", "richtext.py"),
    ):
        for path in sorted((base / folder).glob(pattern)):
            digest.update(path.read_bytes())
    return digest.digest()


def _report_part(
    number: str, item: AgendaItem, report: Report, revision: ReportRevision | None, templates: bytes, variant: str
):
    """The report's part, its title and its appendices. The pack prints what was published (the latest
    published revision, corrections included), never edits made for a correction not yet published;
    the public pack prints its public edition, without exempt passages or appendices (reports/exemption.py)."""
    members = variant in AgendaPack.MEMBERS_VARIANTS
    welsh = variant in AgendaPack.WELSH_VARIANTS
    # A Part 2 item's confidential title is for the members' pack; the public one for everybody.
    title = (members and item.confidential_title) or (welsh and item.title_cy) or item.title
    if revision is None:  # published before revisions were kept
        if members:
            doc = welsh_edition.for_reader(report_structure(prefetch_report().get(pk=report.pk)))
        else:
            doc = welsh_edition.for_reader(readable_structure(report, None, entitled=False))
        return _Part(html=_report_html(doc, number, item, title)), doc.report.title, pdf.pdf_appendices(doc)
    readable = exemption.edition(revision.content, entitled=members)
    # The Welsh pack prints each report's Welsh edition (built while Welsh is active: build_pack_pdf).
    doc = welsh_edition.for_reader(structure_from_snapshot(readable))
    content = json.dumps(readable, sort_keys=True, default=str)
    key = _cache_key(
        "report",
        templates,
        _static_bytes(pdf.PRINT_CSS, PACK_CSS),
        current_council().fingerprint,
        content,
        number,
        str(item.pk),
        title,
        variant,
    )
    part = _Part(key=key, make_html=lambda: _report_html(doc, number, item, title))
    return part, doc.report.title, pdf.pdf_appendices(doc)


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _exempt_banner(item: AgendaItem, report: Report) -> str:
    paragraph = report.exempt_paragraph if report.is_exempt else item.exempt_paragraph
    if not (report.is_exempt or item.part == AgendaItem.Part.EXEMPT):
        return ""
    return exemption.banner(paragraph)


def _paper_parts(
    number: str, item: AgendaItem, report: Report, revision, templates: bytes, variant: str
) -> list[_Part]:
    """A report, then each uploaded PDF appendix: a tagged title page (its bookmark, under the item's)
    and the appendix's own pages, as supplied. An unreadable appendix is left out with a warning."""
    report_part, title, appendices = _report_part(number, item, report, revision, templates, variant)
    parts = [report_part]
    report_banner = _exempt_banner(item, report)
    for appendix in appendices:
        banner = report_banner
        if appendix.exempt_paragraph:  # an exempt appendix of a public report, in the members' pack
            banner = exemption.banner(appendix.exempt_paragraph)
        pages = pdf_assembly.page_count(appendix.data)
        if not pages:
            logger.warning("Appendix %r of item %s is not a readable PDF; left out of the pack", appendix.title, number)
            continue
        title_page = render_to_string(
            "committee/pack/appendix.html",
            {
                "title": appendix.title,
                "number": number,
                "report_title": title,
                "pages": pages,
                "exempt_banner": banner,
            },
        )
        parts.append(_Part(html=title_page, outline_level=1))
        parts.append(
            _Part(
                data=appendix.data,
                key=hashlib.sha256(appendix.data).hexdigest(),
                pages=pages,
                outline_level=2,
                uploaded=True,
                exempt_banner=banner,
            )
        )
    return parts


def _page_numbers(front_pages: int, papers) -> dict[int, int]:
    """Each paper's first page in the pack, after a front of ``front_pages`` pages."""
    pages, start = {}, front_pages + 1
    for item_id, parts in papers:
        pages[item_id] = start
        start += sum(part.pages for part in parts)
    return pages


# What the agenda holds in each page number's place while it is laid out: as wide as any real number
# (the column is of fixed width, the numbers right-aligned), and unique, so each is found again.
PLACEHOLDER_DIGITS = 4


def agenda_number_specimen() -> str:
    return f"{agenda_page_word()} 0123456789"


def _agenda_specimen_html() -> str:
    return render_to_string("committee/pack/number_specimen.html", {"text": agenda_number_specimen()})


def _agenda_numbers() -> pdf_assembly.AgendaNumbers:
    return pdf_assembly.AgendaNumbers(_render_cached(_agenda_specimen_html()), agenda_number_specimen())


def _filled(document, numbers: dict[str, str]) -> bool:
    agenda_numbers = _agenda_numbers()
    try:
        return agenda_numbers.fill(document, numbers)
    finally:
        agenda_numbers.close()


def _numbered_front(context: dict, papers, previous: tuple[bytes, dict] | None = None) -> tuple[_Part, dict]:
    """The cover and agenda, with each paper's page number in the agenda; and, for the next build, the
    agenda as laid out (its cache key and its pages).

    The agenda is laid out once with placeholders for the numbers, which are then written in from a
    specimen's glyphs (documents/pdf_assembly.py ``AgendaNumbers``): a correction that moves every later
    page is renumbered without laying the agenda out again, and the laid-out agenda is cached like
    any other piece. When the previous pack holds this very agenda with these numbers, it is not read
    at all. Should a number not fit (a pack of 10,000 pages), the agenda is laid out with the numbers
    themselves until its length settles."""
    placeholders = {item_id: f"{index:0{PLACEHOLDER_DIGITS}d}" for index, (item_id, _parts) in enumerate(papers)}
    if len(placeholders) < 10**PLACEHOLDER_DIGITS:
        html = _front_html(context, placeholders)
        source = _html_key(html)
        known_pages = previous[1].get("front_source", {}).get(source) if previous else None
        document = None
        if known_pages is None:
            document = pdf_assembly.open_piece(_render_cached(html))
            known_pages = len(document.pages)
        laid_out = {source: known_pages}
        pages = _page_numbers(known_pages, papers)
        if all(len(str(page)) <= PLACEHOLDER_DIGITS for page in pages.values()):
            word = agenda_page_word()
            numbers = {f"{word} {placeholders[item]}": f"{word} {page}" for item, page in pages.items()}
            key = _cache_key("front", source, json.dumps(numbers, sort_keys=True))
            if document is None and key in {record["key"] for record in previous[1]["layout"]["pieces"]}:
                # Neither the agenda nor the specimen its numbers are set from is read: both are kept.
                _mark_used(_part_path(source))
                _mark_used(_part_path(_html_key(_agenda_specimen_html())))

                def read():
                    again = pdf_assembly.open_piece(_render_cached(html))
                    if not _filled(again, numbers):
                        raise ValueError("The agenda's page number placeholders were not found")
                    return again

                return _Part(key=key, pages=known_pages, read=read), laid_out
            if document is None:
                document = pdf_assembly.open_piece(_render_cached(html))
            if _filled(document, numbers):
                return _Part(key=key, document=document, pages=len(document.pages)), laid_out
            logger.warning("The agenda's page number placeholders were not found; laying it out with the numbers")
        document.close()
    # The agenda carries the papers' page numbers, which depend on its own length: settle it.
    pages: dict[int, int] = {}
    front = _Part(html=_front_html(context, pages))
    for _round in range(MAX_LAYOUT_ROUNDS):
        front.data = _render_cached(front.html)
        front.pages = pdf_assembly.page_count(front.data)
        new_pages = _page_numbers(front.pages, papers)
        if new_pages == pages:
            break
        pages = new_pages
        front.html = _front_html(context, pages)
    return front, {}


def build_pack_pdf(meeting: Meeting, variant: str, progress=lambda percent: None) -> tuple[bytes, int]:
    """The pack as PDF bytes and its page count: in Welsh for the Welsh pack, in English for the others."""
    language = WELSH if variant in AgendaPack.WELSH_VARIANTS else settings.LANGUAGE_CODE
    with translation.override(language):
        return _build_pack_pdf(meeting, variant, progress)


def _build_pack_pdf(meeting: Meeting, variant: str, progress) -> tuple[bytes, int]:
    """The pack as PDF bytes and its page count.

    Each piece is rendered on its own (or taken from the cache when nothing in it changed), the pieces
    are put together keeping their tags, and the pack's page numbers are laid over every page.
    """
    meeting = Meeting.objects.select_related("committee", "venue").get(pk=meeting.pk)
    previous = _previous_pack(meeting, variant)
    known = {record["key"]: record["pages"] for record in previous[1]["layout"]["pieces"]} if previous else {}
    agenda = _published_agenda(meeting, variant)
    context = _cover_context(meeting, agenda, variant)
    in_pack = _pack_reports(agenda, variant)
    revisions = _published_revisions([report.pk for _number, _item, report in in_pack])
    templates = _report_templates_digest()
    papers = [
        (item.pk, _paper_parts(number, item, report, revisions.get(report.pk), templates, variant))
        for number, item, report in in_pack
    ]
    steps = sum(len(parts) for _, parts in papers) + 3
    done = 0

    def step():
        nonlocal done
        done += 1
        progress(min(99, int(100 * done / steps)))

    for _item_id, parts in papers:
        for part in parts:
            if part.data is None:
                part.key = part.key or _html_key(part.html)
                if part.key in known:  # in the previous pack: its pages are kept there, unread
                    part.pages = known[part.key]
                    part.read = _piece_reader(part)
                    _mark_used(_part_path(part.key))
                else:
                    part.data = _render_part(part)
                    part.document = pdf_assembly.open_piece(part.data)
                    part.pages = len(part.document.pages)
            step()
    front, front_source = _numbered_front(context, papers, previous)
    step()
    sequence = [front] + [part for _, parts in papers for part in parts]
    total = sum(part.pages for part in sequence)
    labelled, banners, index = set(), {}, 0
    for part in sequence:
        for _ in range(part.pages):
            if part.uploaded:
                labelled.add(index)
                if part.exempt_banner:
                    banners[index] = _stamp(banner=part.exempt_banner)
            index += 1
    step()
    data, layout = pdf_assembly.assemble(
        [pdf_assembly.Piece(part.data, part.outline_level, part.document, part.key, part.read) for part in sequence],
        title=gettext("Agenda pack: %(committee)s, %(date)s")
        % {"committee": bilingual.bilingual_text(meeting.committee, "name"), "date": dates.short_date(meeting.date)},
        footer=pdf_assembly.Footer(
            specimen=_stamp(label=number_specimen()), labelled=labelled, banners=banners, wording=page_wording()
        ),
        previous=(previous[0], previous[1]["layout"]) if previous else None,
    )
    if previous is None or data is not previous[0]:
        _keep_for_next_build(meeting, variant, data, layout, front_source)
    step()
    return data, total


# A report's paragraph in the pack: its id as the report prints it (paragraph-3.2), prefixed with the
# agenda item's (prefix_ids), which WeasyPrint keeps as a named destination and the assembly carries over.
_PARAGRAPH_DESTINATION = re.compile(r"^item-(\d+)-paragraph-([\d.]+)$")


def paragraph_pages(data: bytes) -> dict[str, dict[str, int]]:
    """Each report's paragraphs' pages in a built pack, {report id: {"3.2": 37}}, read back from the
    pack's own named destinations, so they are the pages it prints whatever was taken from the cache."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    found: dict[int, dict[str, int]] = {}
    for name, destination in reader.named_destinations.items():
        match = _PARAGRAPH_DESTINATION.match(str(name))
        if match:
            page = reader.get_destination_page_number(destination)
            found.setdefault(int(match.group(1)), {})[match.group(2)] = page + 1
    reports = dict(AgendaItem.objects.filter(pk__in=list(found)).values_list("pk", "report_id"))
    return {str(reports[item]): pages for item, pages in found.items() if reports.get(item)}


def _set_progress(pack_id: int, percent: int) -> None:
    AgendaPack.objects.filter(pk=pack_id).update(progress=percent)


@task()
def build_pack(pack_id: int) -> None:
    """The background task: build one pack, store it, and mark it ready (or failed, with why)."""
    pack = AgendaPack.objects.select_related("meeting").filter(pk=pack_id).first()
    if pack is None:
        return
    current = fingerprint(pack.meeting, pack.variant)
    AgendaPack.objects.filter(pk=pack.pk).update(
        status=AgendaPack.Status.BUILDING, progress=0, fingerprint=current, error=""
    )
    public_edition.changed()  # a rebuilt pack is "being prepared" on the meeting's page meanwhile
    used = _USED.set(set())
    try:
        data, pages = build_pack_pdf(pack.meeting, pack.variant, lambda p: _set_progress(pack.pk, p))
        parts = _USED.get()
    except Exception as error:  # a broken pack must say so on the page, not stay "building" for ever
        logger.exception("Agenda pack %s failed", pack.pk)
        AgendaPack.objects.filter(pk=pack.pk).update(status=AgendaPack.Status.FAILED, error=str(error)[:500])
        public_edition.changed()
        return
    finally:
        _USED.reset(used)
    pack.refresh_from_db()
    old = pack.file.name if pack.file else ""
    pack.file.save(f"{pack.variant}-{current[:12]}.pdf", ContentFile(data), save=False)
    pack.status = AgendaPack.Status.READY
    pack.progress = 100
    pack.size = len(data)
    pack.page_count = pages
    pack.paragraph_pages = paragraph_pages(data)
    pack.built_at = timezone.now()
    try:
        pack.save(update_fields=["file", "status", "progress", "size", "page_count", "paragraph_pages", "built_at"])
    except BaseException:
        # The row still points at the last good pack: keep that file, drop the new one.
        if pack.file.name != old:
            pack.file.storage.delete(pack.file.name)
        raise
    # Only once the row points at the new file is the old one no longer needed.
    if old and old != pack.file.name:
        pack.file.storage.delete(old)
    _write_manifest(pack.pk, parts)


def _manifest_path(pack_id: int) -> str:
    return f"{MANIFEST_FOLDER}/pack-{pack_id}.txt"


def _write_manifest(pack_id: int, parts: set[str]) -> None:
    path = _manifest_path(pack_id)
    default_storage.delete(path)
    default_storage.save(path, ContentFile("\n".join(sorted(parts)).encode()))


def _files_under(folder: str):
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _files_under(f"{folder}/{sub}")


def stale_parts(*, older_than: datetime.timedelta = datetime.timedelta(hours=1), now=None) -> list[str]:
    """Cached pack pieces no current pack uses (each pack's last build wrote down its pieces), older
    than ``older_than``: a younger one may belong to a build in progress. Removing a piece costs at
    most its rendering again; a manifest of a pack that no longer exists goes too."""
    now = now or timezone.now()
    packs = set(AgendaPack.objects.values_list("pk", flat=True))
    keep, stale = set(), []
    for path in _files_under(MANIFEST_FOLDER):
        pack_id = path.rsplit("pack-", 1)[-1].removesuffix(".txt")
        if pack_id.isdigit() and int(pack_id) in packs:
            with default_storage.open(path, "rb") as handle:
                keep.update(handle.read().decode().split())
        else:
            stale.append(path)
    for path in _files_under(PART_CACHE_FOLDER):
        if path.startswith(MANIFEST_FOLDER + "/") or path in keep:
            continue
        if now - default_storage.get_modified_time(path) >= older_than:
            stale.append(path)
    return sorted(stale)


def request_packs(meeting: Meeting, *, force: bool = False) -> list[AgendaPack]:
    """Queue a build of each pack whose content changed since it was built. Safe to call often.
    ``force``: queue them all (an officer asked: whatever a pack's row says, it is built again)."""
    if not meeting.agenda_is_published:
        return []
    queued = []
    for variant in variants_for(meeting):
        current = fingerprint(meeting, variant)
        with transaction.atomic():
            pack, _ = AgendaPack.objects.select_for_update().get_or_create(meeting=meeting, variant=variant)
            up_to_date = pack.fingerprint == current and pack.status != AgendaPack.Status.FAILED
            if up_to_date and not force:
                continue
            pack.status = AgendaPack.Status.QUEUED
            pack.progress = 0
            pack.fingerprint = current
            pack.save(update_fields=["status", "progress", "fingerprint"])
            pk = pack.pk
            transaction.on_commit(lambda pk=pk: build_pack.enqueue(pk))
        queued.append(pack)
    return queued
