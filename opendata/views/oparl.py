"""The OParl 1.1 API: read-only JSON, public data only, for anyone (CORS open).

Every answer, errors included, is JSON with `Access-Control-Allow-Origin: *`; errors are OParl
Error objects with the matching HTTP status.
"""

from __future__ import annotations

import datetime
import functools
import math

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.http import urlencode

from core import bad_requests
from opendata import oparl
from opendata.oparl import KINDS, Urls

FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class OParlError(Exception):
    def __init__(self, status: int, message: str, debug: str = ""):
        super().__init__(message)
        self.status, self.message, self.debug = status, message, debug


def oparl_json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/json; charset=utf-8"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error_response(status: int, message: str, debug: str = "") -> JsonResponse:
    body = {"type": oparl.oparl_type("Error"), "message": message}
    if debug:
        body["debug"] = debug
    return oparl_json(body, status=status)


def bad_request(message: str) -> JsonResponse:
    return error_response(400, message)


def oparl_view(view):
    """GET only; every failure becomes an OParl Error object rather than an HTML page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = error_response(405, "This API is read-only: use GET.")
            response["Allow"] = "GET, HEAD"
            return response
        try:
            return oparl_json(view(request, Urls(request), *args, **kwargs))
        except OParlError as error:
            return error_response(error.status, error.message, error.debug)
        except Http404:
            return error_response(404, "There is no such object.", request.path)
        except bad_requests.BadParameter as error:
            return error_response(400, str(error))

    return wrapper


def parse_filters(request) -> dict[str, datetime.datetime]:
    filters = {}
    for name in FILTERS:
        raw = request.GET.get(name)
        if raw is None or raw == "":
            continue
        # An unencoded "+01:00" arrives as " 01:00".
        text = raw.strip().replace(" ", "+")
        try:
            value = datetime.datetime.fromisoformat(text)
        except ValueError as error:
            raise OParlError(
                400, f"{name} must be a date and time such as 2024-05-01T00:00:00+01:00.", repr(raw[:100])
            ) from error
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        filters[name] = value
    return filters


def positive_int(request, name: str, default: int) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    value = bad_requests.parse_int(raw, minimum=1)
    if value is None:
        raise OParlError(400, f"{name} must be a whole number of 1 or more.", repr(raw[:100]))
    return value


def paginate(request, urls: Urls, kind_name: str, scope=None) -> dict:
    """One page of a list: live objects in id order, then (with modified_since) deleted ones.

    `scope` narrows every segment's queryset (an organisation's meetings)."""
    kind = KINDS[kind_name]
    filters = parse_filters(request)
    page_size = min(positive_int(request, "limit", settings.OPARL_PAGE_SIZE), settings.OPARL_PAGE_SIZE)
    page = positive_int(request, "page", 1)
    embed = "omit_internal" not in request.GET

    segments = list(kind.live)
    if "modified_since" in filters:
        segments += kind.deleted
    querysets = []
    for segment in segments:
        queryset = oparl.filter_segment(segment.queryset(), filters)
        if scope is not None:
            queryset = scope(queryset)
        querysets.append((segment, queryset, queryset.count()))

    total = sum(count for _segment, _queryset, count in querysets)
    pages = max(1, math.ceil(total / page_size))
    if page > pages:
        raise OParlError(404, f"This list has {pages} page(s).", f"page={page}")

    data: list[dict] = []
    start, end = (page - 1) * page_size, page * page_size
    offset = 0
    for segment, queryset, count in querysets:
        lo, hi = max(start - offset, 0), min(end - offset, count)
        if lo < hi:
            data += segment.build(urls, list(queryset[lo:hi]), embed)
        offset += count

    kept = [(name, request.GET[name]) for name in (*FILTERS, "limit", "omit_internal") if name in request.GET]

    def link(number: int) -> str:
        return urls.page(f"{request.path}?{urlencode([*kept, ('page', number)])}")

    links = {"first": link(1), "self": link(page), "last": link(pages)}
    if page > 1:
        links["prev"] = link(page - 1)
    if page < pages:
        links["next"] = link(page + 1)
    return {
        "data": data,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": page_size,
            "currentPage": page,
            "totalPages": pages,
        },
        "links": links,
    }


def _check_body(body_id: int) -> None:
    if body_id != oparl.BODY_ID:
        raise OParlError(404, "There is no such body: this installation serves one council.", str(body_id))


@oparl_view
def system(request, urls: Urls) -> dict:
    return oparl.system_object(urls)


@oparl_view
def bodies(request, urls: Urls) -> dict:
    self_url = urls.page(request.path)
    return {
        "data": [oparl.body_object(urls)],
        "pagination": {"totalElements": 1, "elementsPerPage": 1, "currentPage": 1, "totalPages": 1},
        "links": {"first": self_url, "self": self_url, "last": self_url},
    }


@oparl_view
def body(request, urls: Urls, body_id: int) -> dict:
    _check_body(body_id)
    return oparl.body_object(urls)


@oparl_view
def body_list(request, urls: Urls, body_id: int, kind: str) -> dict:
    _check_body(body_id)
    if kind not in KINDS:
        raise OParlError(404, f"There is no list called {kind}.", kind)
    return paginate(request, urls, kind)


@oparl_view
def organization_meetings(request, urls: Urls, pk: int) -> dict:
    if not KINDS["organization"].live[0].queryset().filter(pk=pk).exists():
        raise Http404
    return paginate(request, urls, "meeting", scope=lambda queryset: queryset.filter(committee_id=pk))


@oparl_view
def object_detail(request, urls: Urls, kind: str, pk: str) -> dict:
    if kind not in KINDS:
        raise Http404
    found = oparl.find_object(urls, kind, pk)
    if found is None:
        raise Http404
    return found


@oparl_view
def not_found(request, urls: Urls, rest: str = "") -> dict:
    raise OParlError(404, "There is nothing at this address in the OParl API.", request.path)
