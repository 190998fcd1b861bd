"""Signed-in readers' pages: their parts, and the pages whole, kept for every reader who reads the same.

Page parts (``page_parts``) are for signed-in readers, whom the anonymous page cache never serves: the
content of a report, meeting or committee page, kept under the page, the public edition
(core/public_edition.py: anything published, corrected, withdrawn or made exempt moves it) and a
``reader`` naming everything the content depends on of who is asking: what they may read of Part 2,
from the access rules (reports/access.py ``shared_reader``) over the reader's entitlements as kept under
their generation and today's date (web/readers.py). So a
member whose Part 2 entitlement ends asks under a new reader at once and never finds the old content,
and a correction is found under a new edition. Readers whose view is their own (the governance team,
anyone with reports of their own) have ``reader`` None, and their pages are rendered for them alone.

Whole pages (``render_page``) go one step further for those readers: the page as rendered around its
parts (header, navigation, breadcrumbs, footer) is kept in this process's memory under the parts' key
and everything else the page shows that differs by request: its address, the header's links for this
kind of user (web/context_processors.py ``header_facts``) and the page's template. The one thing in it
made for each request, the sign-out form's CSRF token, is put in as it is served. Only in memory, never
in Redis: a deploy starts new processes, so a page never outlives the static files it names; and only
while the public edition is known (Redis answering), since the edition is what tells a kept page it is
out of date. A page with a message to show (a banner) is rendered.

The rows such a page is read from (``kept_rows``: a published report with its latest published
revision, a meeting, a committee) are kept in the process under the public edition too, so a kept page
asks the database nothing; who may read them is still decided at every request.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from core import public_edition
from core.council import current_council
from reports import access, kept_bodies
from web.context_processors import header_facts

# The page parts' templates (page_parts), so that a deploy changing them changes their keys too; the
# report body's own are named by reports/kept_bodies.py.
_PARTS_SOURCES = [
    "reports/_report_content.html",
    "public/_meeting_content.html",
    "committee/_committee_content.html",
    "partials/_agenda.html",
    "public/_actions_tracker.html",
]


@functools.cache
def _sources_digest() -> str:
    digest = hashlib.sha256(kept_bodies.sources_digest().encode())
    for name in _PARTS_SOURCES:
        digest.update(get_template(name).template.source.encode())
    return digest.hexdigest()[:16]


# Page parts for signed-in readers -------------------------------------------------------------------


def _page_facts(page: str, ident, reader: str) -> tuple[str, ...]:
    """Everything a page's parts depend on: the page, who reads it, the edition, the templates, the
    council, the language and the day."""
    return (
        page,
        str(ident),
        reader,
        str(public_edition.current()),
        _sources_digest(),
        current_council().fingerprint,
        settings.SITE_URL,
        translation.get_language(),
        timezone.localdate().isoformat(),
    )


def page_key(page: str, ident, reader: str) -> str:
    return "page-part:" + hashlib.sha256("\n".join(_page_facts(page, ident, reader)).encode()).hexdigest()


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


# Whole pages for signed-in readers, in this process's memory ------------------------------------------

# What the memory may hold, in bytes of HTML, the least recently served going first: a long report's
# page is a few hundred thousand, a meeting's or a committee's tens of thousands.
PAGES_MOST_BYTES = 16_000_000
# Where a form's CSRF token stands in a page: a kept page is kept as the bytes around it.
_TOKEN = re.compile(rb'(?<=name="csrfmiddlewaretoken" value=")[^"]*(?=")')


@dataclass(frozen=True)
class _KeptPage:
    expires: float
    # The page's bytes, already encoded, around each CSRF token: joined with this request's token.
    pieces: tuple[bytes, ...]
    content_type: str
    # Names the page as kept (its key): with the reader's CSRF secret, the page's ETag.
    name: str

    @property
    def size(self) -> int:
        return sum(len(piece) for piece in self.pieces)


_pages: OrderedDict[tuple, _KeptPage] = OrderedDict()
_pages_lock = threading.Lock()
_pages_size = 0


def forget_pages() -> None:
    """Empty this process's kept pages and rows (tests)."""
    global _pages_size
    with _pages_lock:
        _pages.clear()
        _pages_size = 0
        _rows.clear()


def _whole_page_key(request: HttpRequest, template: str, parts: tuple) -> tuple:
    facts = tuple(header_facts(request.user).values())
    return (parts, template, request.scheme, request.get_host(), request.get_full_path(), facts)


def _kept_page(key: tuple) -> _KeptPage | None:
    with _pages_lock:
        found = _pages.get(key)
        if found is None:
            return None
        if found.expires < time.monotonic():
            _forget(key)
            return None
        _pages.move_to_end(key)
        return found


def _keep_page(key: tuple, response: HttpResponse) -> _KeptPage:
    global _pages_size
    page = _KeptPage(
        expires=time.monotonic() + settings.PAGE_PARTS_SECONDS,
        pieces=tuple(_TOKEN.split(response.content)),
        content_type=response["Content-Type"],
        name=hashlib.sha256(repr(key).encode()).hexdigest(),
    )
    with _pages_lock:
        _forget(key)
        _pages[key] = page
        _pages_size += page.size
        while _pages_size > PAGES_MOST_BYTES and _pages:
            _forget(next(iter(_pages)))
    return page


def _forget(key: tuple) -> None:
    global _pages_size
    found = _pages.pop(key, None)
    if found is not None:
        _pages_size -= found.size


def _etag(request: HttpRequest, page: _KeptPage) -> str:
    """The kept page's ETag, for this reader: the page's name and their CSRF secret (set by ``get_token``),
    so a browser keeping the page with a token made from an older secret (signed in again) is sent it
    anew rather than told it has it. Weak: the page's token is masked afresh each time."""
    secret = request.META.get("CSRF_COOKIE", "")
    return 'W/"' + hashlib.sha256(f"{page.name}:{secret}".encode()).hexdigest()[:32] + '"'


# The rows a shared page is read from, in this process's memory ----------------------------------------

# How many pages' rows the memory may hold (each a few model instances): past it, all are let go.
ROWS_MOST = 1024
_rows: dict[tuple, tuple[float, tuple]] = {}


def kept_rows(request: HttpRequest, page: str, ident, load: Callable[[], tuple], *, keep=lambda rows: True) -> tuple:
    """The page's own rows, as ``load`` reads them (a report with its latest published revision, a
    meeting, a committee), kept in this process under the public edition for a page kept for everyone
    who reads the same: every save of such a row moves the edition (publishing/public_changes.py), so a
    kept page is served asking the database nothing. Access is still decided on them at every request,
    over the reader's own entitlements (web/readers.py). Each request gets its own copies (``own_copies``).
    Read afresh on a reload, while the public edition is unknown, and when ``keep`` says not to (a report
    not published: drafting saves it without moving the edition); ``load`` raising (a 404) keeps nothing."""
    edition = public_edition.current() if keeps_page_parts() else None
    if edition is None:
        return load()
    key = (page, ident, edition)
    found = None if "no-cache" in request.headers.get("Cache-Control", "") else _rows.get(key)
    if found is not None and found[0] >= time.monotonic():
        rows = found[1]
    else:
        rows = load()
        if not keep(rows):
            return rows
        if len(_rows) >= ROWS_MOST:
            _rows.clear()
        # The seconds bound what no saved row records, as for the pages themselves.
        _rows[key] = (time.monotonic() + settings.PAGE_PARTS_SECONDS, rows)
    return own_copies(rows)


def own_copies(rows: tuple) -> tuple:
    """Kept rows for one request: copies all the way down (the related rows, the prefetched ones, a JSON
    field's dicts and lists), so that nothing a request sets on them, or on a row they lead to (a Welsh
    reader's committee named in Welsh), reaches the next request. Built directly, without the pickling
    protocol ``copy.copy`` goes through, so that going deeper costs no more than a shallow copy did."""
    made: dict[int, object] = {}
    return tuple(_own(row, made) for row in rows)


# Values no request can change in place: a kept row's values of these types are handed on as they are (a
# tuple's or a frozen set's items too: the rows keep ids in them, not rows).
_UNCHANGEABLE = frozenset(
    {str, int, float, bool, type(None), bytes, datetime.date, datetime.datetime, datetime.time, Decimal, UUID}
    | {tuple, frozenset}
)
# Fields whose values, as read from the database, are of those types (text, numbers, dates, ids).
_PLAIN_FIELDS = frozenset(
    {
        *("AutoField", "BigAutoField", "SmallAutoField", "ForeignKey", "OneToOneField"),
        *("CharField", "TextField", "SlugField", "EmailField", "URLField", "GenericIPAddressField"),
        *("IntegerField", "BigIntegerField", "SmallIntegerField", "PositiveIntegerField"),
        *("PositiveBigIntegerField", "PositiveSmallIntegerField", "BooleanField", "DecimalField", "FloatField"),
        *("DateField", "DateTimeField", "TimeField", "DurationField", "UUIDField"),
    }
)


@functools.cache
def _plain_fields(model: type[Model]) -> frozenset[str]:
    """The attributes of a model's rows a copy hands on without looking at them: its plain fields' (not a
    JSON field's, nor a file's) and the row's state, which the copy makes afresh."""
    fields = model._meta.concrete_fields
    return frozenset({"_state", *(f.attname for f in fields if f.get_internal_type() in _PLAIN_FIELDS)})


def _own(value, made: dict[int, object]):
    if isinstance(value, Model):
        found = made.get(id(value))
        if found is not None:  # a row met again (a revision's report is the report) stays one row
            return found
        copied = value.__class__.__new__(value.__class__)
        made[id(value)] = copied
        fields = value.__dict__.copy()
        # Looked at one by one: a JSON field's value, a file, the prefetched rows, anything set on the row.
        for name in fields.keys() - _plain_fields(value.__class__):
            if type(fields[name]) not in _UNCHANGEABLE:
                fields[name] = _own(fields[name], made)
        # Where it was read from and that it was saved, as the row's; its related rows its own.
        state = fields["_state"] = ModelState()
        state.__dict__ = {
            **value._state.__dict__,
            "fields_cache": {name: _own(row, made) for name, row in value._state.fields_cache.items()},
        }
        copied.__dict__ = fields
        return copied
    if isinstance(value, QuerySet):  # a prefetched relation: its rows, evaluated, are the request's own
        queryset = value.__class__.__new__(value.__class__)
        queryset.__dict__.update(value.__dict__)  # its query is cloned by whatever is chained on it
        queryset._result_cache = _own(value._result_cache, made)
        return queryset
    if isinstance(value, FieldFile):  # bound to the kept row: its name, which the field binds to the copy
        return value.name
    if isinstance(value, dict):
        return {key: item if type(item) in _UNCHANGEABLE else _own(item, made) for key, item in value.items()}
    if isinstance(value, list):
        return [item if type(item) in _UNCHANGEABLE else _own(item, made) for item in value]
    if isinstance(value, set):
        return set(value)
    return value  # something else as unchangeable


def render_page(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    page: str,
    ident,
    reader: str | None,
    render_parts: Callable[[], dict[str, str]],
) -> HttpResponse:
    """The page ``template`` around its parts (``page_parts``), kept whole in this process for every
    reader who reads the same and is offered the same header; rendered for a reader whose view is their
    own (``reader`` None), on a reload, while the public edition is unknown, and when a message waits.
    A page kept whole carries an ETag naming it (``_etag``), so that the browser's copy is answered
    with 304 Not Modified, and the body is never hashed."""
    whole = (
        reader is not None
        and keeps_page_parts()
        and public_edition.current() is not None
        and not messages.get_messages(request)
    )
    fresh = "no-cache" in request.headers.get("Cache-Control", "")
    if whole:
        key = _whole_page_key(request, template, _page_facts(page, ident, reader))
        kept = None if fresh else _kept_page(key)
        if kept is not None:
            # Only a page with a form asks for the token: asking sets the CSRF cookie, which an anonymous
            # visitor's page must not carry (web/caching.py: shared caches keep only pages without one).
            body = get_token(request).encode().join(kept.pieces) if len(kept.pieces) > 1 else kept.pieces[0]
            response = HttpResponse(body, content_type=kept.content_type)
            response["ETag"] = _etag(request, kept)
            return response
    parts = page_parts(request, page, ident, reader, render_parts)
    response = render(request, template, {**context, **parts})
    if whole and response.status_code == 200:
        response["ETag"] = _etag(request, _keep_page(key, response))
    return response
