"""Bad input gets a clear 400, never a server error.

- `integer`, `month` and `date` read a query or form value and raise `BadParameter` (a 400 with a
  sentence saying what to send instead) when it is not one, or is outside what any page can show.
- `RefuseNulMiddleware` answers 400 to a NUL character anywhere in the path or query string before
  any view runs: PostgreSQL cannot store or compare one, so no page has a use for it.
- `bad_request` is the project's 400 page (handler400), showing the sentence.

Machine-readable surfaces answer in their own format: an app registers a responder for its path
prefix (`register_responder`, from its AppConfig.ready), and the middleware uses it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template import loader

from core.council import current_council

# Beyond these, dates are typing mistakes or attacks, and Python's date arithmetic fails near year 1 and 9999.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
# The largest value a PostgreSQL integer column holds: ids beyond it cannot exist.
LARGEST_ID = 2**31 - 1
_WHOLE_NUMBER = re.compile(r"[0-9]{1,10}")  # ASCII digits only: "²" is a digit to str.isdigit but not to int()
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


class BadParameter(BadRequest):
    """A query or form value that is not what the page reads; its message is shown to the visitor."""


def parse_int(raw: str | None, *, minimum: int = 0, maximum: int = LARGEST_ID) -> int | None:
    """The whole number in `raw`, or None if it is not one between minimum and maximum."""
    raw = (raw or "").strip()
    if not _WHOLE_NUMBER.fullmatch(raw):
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def integer(query, name: str, *, default: int | None = None, minimum: int = 0, maximum: int = LARGEST_ID) -> int | None:
    raw = query.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = parse_int(raw, minimum=minimum, maximum=maximum)
    if value is None:
        raise BadParameter(f"‘{name}’ must be a whole number from {minimum} to {maximum}.")
    return value


def month(query, name: str) -> datetime.date | None:
    """The first day of the month given as YYYY-MM, or None if none was given."""
    raw = (query.get(name) or "").strip()
    if not raw:
        return None
    match = _MONTH.fullmatch(raw)
    if match and EARLIEST_YEAR <= int(match.group(1)) <= LATEST_YEAR and 1 <= int(match.group(2)) <= 12:
        return datetime.date(int(match.group(1)), int(match.group(2)), 1)
    raise BadParameter(f"‘{name}’ must be a month written as YYYY-MM, from {EARLIEST_YEAR} to {LATEST_YEAR}.")


def date(query, name: str) -> datetime.date | None:
    """The date given as YYYY-MM-DD, or None if none was given."""
    raw = (query.get(name) or "").strip()
    if not raw:
        return None
    value = parse_date(raw)
    if value is None:
        raise BadParameter(
            f"‘{name}’ must be a real date written as YYYY-MM-DD, from {EARLIEST_YEAR} to {LATEST_YEAR}."
        )
    return value


def parse_date(raw: str) -> datetime.date | None:
    try:
        value = datetime.date.fromisoformat(raw.strip())
    except ValueError:
        return None
    return value if EARLIEST_YEAR <= value.year <= LATEST_YEAR else None


# The 400 page, and other formats' -------------------------------------------------------------

Responder = Callable[[str], HttpResponse]  # the message to the response
_responders: dict[str, Responder] = {}


def register_responder(path_prefix: str, responder: Responder) -> None:
    """Answer bad requests under path_prefix (compared without regard to case) with responder."""
    _responders[path_prefix.lower()] = responder


def bad_request_response(request: HttpRequest, message: str) -> HttpResponse:
    path = request.path_info.lower()
    for prefix, responder in _responders.items():
        if path.startswith(prefix):
            return responder(message)
    council = current_council()
    # No context processors: the middleware answers before the session and user are known.
    context = {
        "message": message,
        "council": council,
        "council_name": council.reader_name,
        "council_logo": council.logo_url,
    }
    body = loader.render_to_string("400.html", context)
    return HttpResponseBadRequest(body)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400. Only our own BadParameter says why; Django's other 400s (a forged Host header, a
    malformed upload) keep their details out of the page."""
    message = "The address or form sent was not one this site can read."
    if isinstance(exception, BadParameter):
        message = str(exception)
    return bad_request_response(request, message)


def _has_nul(request: HttpRequest) -> bool:
    query = request.META.get("QUERY_STRING", "")
    return "\x00" in request.path_info or "%00" in query or "\x00" in query


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            return bad_request_response(request, "The address contains a character no page here can read (NUL).")
        return self.get_response(request)
