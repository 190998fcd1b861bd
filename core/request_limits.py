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
    context = {
        "largest_file": filesizeformat(settings.MAX_UPLOAD_BYTES),
        "council": current_council(),
        "council_name": current_council().name,
        "council_logo": current_council().logo_url,
    }
    return HttpResponse(loader.render_to_string("413.html", context), status=413)


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django refuses a malformed length itself, before reading anything
        if length > max_request_bytes():
            response = too_large(request)
            # The body is not read, so the connection cannot carry another request.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
