"""The language of each request, read from its address: /cy/… is Welsh, anything else English."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation

WELSH = "cy"


class AddressLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that only the address decides.

    English addresses stay as they were (``i18n_patterns(prefix_default_language=False)``) and Welsh
    ones start /cy/, so a page's address names its language: a link, a bookmark or a shared cache all
    give the same page, and no cookie (or cookie banner) is needed. Nothing is read from the browser's
    Accept-Language, so no response varies on it.

    Activating the language at the start also spares each of the hundreds of ``get_language()`` and
    ``gettext()`` calls a page makes a failed look-up first (docs/benchmark.md).
    """

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        # The thread serves its next request (or test) from the site's language, not this page's.
        translation.activate(settings.LANGUAGE_CODE)
        return response


def is_welsh(language: str | None = None) -> bool:
    """Whether the language (the active one if none is given) is Welsh."""
    return (language or translation.get_language() or "").split("-")[0] == WELSH


@dataclass(frozen=True)
class Edition:
    """This page in one language: its code (for hreflang and lang), its own name, its address."""

    code: str
    name: str
    path: str
    current: bool


def editions(request: HttpRequest) -> list[Edition]:
    """The page the request asked for in each language of the site, query string kept.

    A page outside the translated site (open data, the sitemap) or one that does not exist has the one
    address it was asked at.
    """
    asked = request.get_full_path()
    current = translation.get_language()
    found = []
    for code, name in settings.LANGUAGES:
        path = translate_url(asked, code) if code != current else asked
        found.append(Edition(code=code, name=name, path=path, current=code == current))
    if len({edition.path for edition in found}) < len(found):
        return []
    return found
