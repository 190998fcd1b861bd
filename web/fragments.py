"""Rendered report bodies and page parts kept in the shared cache (Redis in production, each process's memory
otherwise).

Rendering the body of a long report (every paragraph sanitised again on the way out, numbered and laid
into the template) is most of the time a report page takes. A published revision is frozen, so the body
rendered from it is kept under a key naming that revision and everything else the HTML depends on: the
templates and filters that draw it, the council's name and logo, and which uploaded background papers
are still stored (their links). A correction is a new published revision, so a new key: the page shows
the new text at once, and nothing needs deleting.

Only what anybody may read is kept: a published, non-exempt report's published revision. Drafts,
working revisions and exempt reports are rendered for each request and never stored, so a cache shared
by every visitor never holds anything that depends on who is asking.

Page parts (``page_parts``) are for signed-in readers, whom the anonymous page cache never serves: the
content of a report, meeting or committee page, kept under the page, the public edition
(core/public_edition.py: anything published, corrected, withdrawn or made exempt moves it) and a
``reader`` naming everything the content depends on of who is asking: what they may read of Part 2,
from the access rules (reports/access.py ``shared_reader``) over the reader's entitlements as kept under
their generation and today's date (web/readers.py). So a
member whose Part 2 entitlement ends asks under a new reader at once and never finds the old content,
and a correction is found under a new edition. Readers whose view is their own (the governance team,
anyone with reports of their own) have ``reader`` None, and their pages are rendered for them alone.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from core import public_edition
from core.council import current_council
from reports import access, exemption, revisions, welsh_edition

BODY_TEMPLATE = "reports/_report_body.html"
# The templates and the code the body's HTML is made by: changing any of them (a deploy) changes every key.
_BODY_SOURCES = [
    BODY_TEMPLATE,
    "reports/_paragraphs.html",
    "reports/_title_row_value.html",
    "reports/_implications.html",
    # The page parts' templates (page_parts), so that a deploy changing them changes their keys too.
    "reports/_report_content.html",
    "public/_meeting_content.html",
    "committee/_committee_content.html",
    "partials/_agenda.html",
    "public/_actions_tracker.html",
]
_BODY_CODE = [
    "reports/templatetags/report_tags.py",
    "core/richtext.py",
    "reports/revisions.py",
    "reports/exemption.py",
    "core/dates.py",
]
# A frozen revision's body never goes stale, so the time only bounds what Redis holds: the reports
# read today, not every report ever opened (a long report's body is a few hundred kilobytes).
BODY_SECONDS = 24 * 3600


@functools.cache
def _sources_digest() -> str:
    digest = hashlib.sha256()
    for name in _BODY_SOURCES:
        digest.update(get_template(name).template.source.encode())
    for path in _BODY_CODE:
        digest.update((Path(settings.BASE_DIR) / path).read_bytes())
    return digest.hexdigest()[:16]


def may_keep(report, revision) -> bool:
    """Whether this revision's body may be kept where every visitor's request can find it."""
    return (
        access.report_is_public(report)
        and revision.is_published
        and revision.published_at is not None
        and not revision.content.get("is_exempt", True)
    )


def body_key(revision, uploaded: dict) -> str:
    papers = ",".join(f"{name}={paper.report_id}/{paper.pk}" for name, paper in sorted(uploaded.items()))
    # published_at as well as the pk: a revision's pk can come round again after a database is restored.
    parts = [
        str(revision.pk),
        revision.published_at.isoformat(),
        _sources_digest(),
        current_council().fingerprint,
        settings.SITE_URL,
        papers,
        # The body's headings, dates and Welsh title differ by the reader's language.
        translation.get_language(),
    ]
    return "report-body:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def published_body(request, report, revision, *, entitled: bool) -> SafeString:
    """The HTML of a published revision's body, from the shared cache when anybody may read it. Only
    the public edition is ever kept: a reader ``entitled`` to Part 2 (reports/access.py
    can_read_exempt_parts) gets the exempt passages of a public report rendered for them alone."""
    uploaded = revisions.uploaded_papers(revision.content)
    whole = entitled and exemption.has_exempt_parts(revision.content)
    keep = may_keep(report, revision) and not whole
    if keep:
        key = body_key(revision, uploaded)
        html = cache.get(key)
        if html is not None:
            return mark_safe(html)  # noqa: S308 - rendered by our own template from sanitised text
    doc = revisions.structure_from_snapshot(exemption.edition(revision.content, entitled=entitled), uploaded)
    html = render_to_string(BODY_TEMPLATE, {"doc": welsh_edition.for_reader(doc)}, request=request)
    if keep:
        cache.set(key, str(html), BODY_SECONDS)
    return mark_safe(html)  # noqa: S308 - as above


# Page parts for signed-in readers -------------------------------------------------------------------


def page_key(page: str, ident, reader: str) -> str:
    parts = [
        page,
        str(ident),
        reader,
        str(public_edition.current()),
        _sources_digest(),
        current_council().fingerprint,
        settings.SITE_URL,
        translation.get_language(),
        timezone.localdate().isoformat(),
    ]
    return "page-part:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def keeps_page_parts() -> bool:
    return settings.PAGE_PARTS_SECONDS > 0


def shared_reader(user) -> str | None:
    """Whom this reader reads the same as (reports/access.py), asked only when page parts are kept: it
    costs a query."""
    return access.shared_reader(user) if keeps_page_parts() else None


def page_parts(
    request, page: str, ident, reader: str | None, render: Callable[[], dict[str, str]]
) -> dict[str, SafeString]:
    """The rendered parts of a page (``render`` makes them: HTML by name), kept for every reader who
    reads the same; ``reader`` None renders them for this reader alone and keeps nothing. A request
    saying ``Cache-Control: no-cache`` (a reload) is rendered afresh, as the anonymous page cache does."""
    # The seconds bound what no saved row records, as the anonymous page cache's minute does: a meeting
    # passing from coming to past (a Part 2 entitlement is never taken from here: ``reader`` follows the
    # reader's generation and the date, web/readers.py).
    if reader is None or not keeps_page_parts():
        return {name: mark_safe(html) for name, html in render().items()}  # noqa: S308 - our templates
    key = page_key(page, ident, reader)
    kept = None if "no-cache" in request.headers.get("Cache-Control", "") else cache.get(key)
    if kept is None:
        kept = {name: str(html) for name, html in render().items()}
        cache.set(key, kept, settings.PAGE_PARTS_SECONDS)
    return {name: mark_safe(html) for name, html in kept.items()}  # noqa: S308 - as above
