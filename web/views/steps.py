"""The shape every one-click state change on an officer's page shares: try the step; a refusal the
officer can act on becomes an error message, success a confirmation; either way, back to the page."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse


def attempt(
    request: HttpRequest,
    step: Callable[[], object],
    success: str,
    *,
    refused: type[Exception] | tuple[type[Exception], ...],
    back: HttpResponse,
) -> HttpResponse:
    """Run `step`; an exception of a `refused` kind is shown as its message. Anything else (a
    PermissionDenied among them, a 403) goes on up."""
    try:
        step()
    except refused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return back
