"""Rendered report bodies kept in the shared cache (Redis in production, each process's memory otherwise).

Rendering the body of a long report (every paragraph sanitised again on the way out, numbered and laid
into the template) is most of the time a report page takes. A published revision is frozen, so the body
rendered from it is kept under a key naming that revision and everything else the HTML depends on: the
templates and filters that draw it, the council's name and logo, and which uploaded background papers
are still stored (their links). A correction is a new published revision, so a new key: the page shows
the new text at once, and nothing needs deleting.

Only what anybody may read is kept: a published, non-exempt report's published revision. Drafts,
working revisions and exempt reports are rendered for each request and never stored, so a cache shared
by every visitor never holds anything that depends on who is asking. Every page showing a published
body asks here: the public report page and the clearance view (web/), the reading room's (reading_room/).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from core.council import current_council
from reports import access, exemption, revisions, welsh_edition

BODY_TEMPLATE = "reports/_report_body.html"
# The templates and the code the body's HTML is made by: changing any of them (a deploy) changes every key.
_BODY_SOURCES = [
    BODY_TEMPLATE,
    "reports/_paragraphs.html",
    "reports/_title_row_value.html",
    "reports/_implications.html",
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
def sources_digest() -> str:
    """Names the templates and code a kept body is made by: a deploy changing any of them changes every key."""
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
        sources_digest(),
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
