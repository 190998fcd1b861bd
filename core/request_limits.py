"""A request body larger than any form here needs is refused before it is read.

Django would otherwise stream the whole body (to memory, then to a temporary file) before the
upload form could say the file is too large. The limit is the largest upload plus room for the
form's other fields; the page says what the largest file is. nginx's `client_max_body_size` should
match (docs/operations.md), so the body never reaches gunicorn at all.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat

from core.council import current_council

# The other fields of an upload form (title, CSRF token, multipart boundaries) need far less.
FORM_OVERHEAD_BYTES = 1024 * 1024


def max_request_bytes() -> int:
    return settings.MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES


def too_large(request: HttpRequest) -> HttpResponse:
    return _refusal("413.html", 413)


def length_required(request: HttpRequest) -> HttpResponse:
    return _refusal("411.html", 411)


def _refusal(template_name: str, status: int) -> HttpResponse:
    context = {
        "largest_file": filesizeformat(settings.MAX_UPLOAD_BYTES),
        "council": current_council(),
        "council_name": current_council().reader_name,
        "council_logo": current_council().logo_url,
    }
    response = HttpResponse(loader.render_to_string(template_name, context), status=status)
    # The body is not read, so the connection cannot carry another request.
    response["Connection"] = "close"
    return response


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django refuses a malformed length itself, before reading anything
        if length > max_request_bytes():
            return too_large(request)
        # A chunked body has no length to check in advance, and Django would read it as empty, so
        # the form would silently lose the file: say plainly that the length is needed.
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return length_required(request)
        return self.get_response(request)
