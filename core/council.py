"""The council this installation serves: its name, Welsh name, logo, colours, nation, address and website.

Every page, PDF, Word file, e-mail and open-data document asks ``current_council()``. The council's
administrators keep the record in the admin (``committee.models.Council``, registered as the source at
start-up, since this bottom layer knows no models); until they first save it, the ``COUNCIL_*`` settings
are the first-run defaults. The answer is kept in the shared cache, so a page costs no query for it,
and forgotten when the record is saved, so every process sees the change at once.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.templatetags.static import static

from core import request_snapshot
from core.language import is_welsh


class Nation:
    """Where the council is: the statutory clock and the languages differ (England or Wales)."""

    ENGLAND = "england"
    WALES = "wales"


class WelshRequired:
    """What of a report a Welsh council's language scheme requires in Welsh before it is published."""

    SUMMARY = "summary"  # its title, its "report of" and its summary
    WHOLE_REPORT = "report"  # every block: headings, paragraphs, recommendations, papers' and appendices' titles


class BilingualLayout:
    """How a Welsh council prints a report in both languages in one PDF (documents/bilingual_pdf.py)."""

    SEQUENTIAL = "sequential"  # the Welsh, then the English
    SIDE_BY_SIDE = "side_by_side"  # each part in Welsh beside its English


DEFAULT_HEADER_COLOUR = "#0b4b8c"
DEFAULT_LINK_COLOUR = "#1d70b8"
CACHE_KEY = "council-identity:v1"


@dataclass(frozen=True)
class CouncilIdentity:
    name: str
    welsh_name: str = ""
    nation: str = Nation.ENGLAND
    # The logo as uploaded (bytes and type), or else a static file's path.
    logo_data: bytes = b""
    logo_type: str = ""
    logo_static: str = ""
    header_colour: str = DEFAULT_HEADER_COLOUR
    link_colour: str = DEFAULT_LINK_COLOUR
    address: str = ""
    website: str = ""
    welsh_required: str = WelshRequired.WHOLE_REPORT
    bilingual_layout: str = BilingualLayout.SEQUENTIAL

    @property
    def is_welsh(self) -> bool:
        return self.nation == Nation.WALES

    @property
    def reader_name(self) -> str:
        """The council's name in the language of the page, document or e-mail being made: its Welsh name
        ("Cyngor Sir Ddinbych") in Welsh where it has one, else its name."""
        return self.welsh_name if self.welsh_name and is_welsh() else self.name

    @property
    def logo_url(self) -> str:
        """Where a page or a PDF finds the logo: an uploaded logo travels inside the page as a data: URL
        (the pages' policy allows data: images, and the PDF renderer loads nothing else), the default one
        is a static file."""
        if self.logo_data:
            return f"data:{self.logo_type};base64,{base64.b64encode(self.logo_data).decode('ascii')}"
        return static(self.logo_static) if self.logo_static else ""

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything printed of the council changes: part of cached documents' keys."""
        digest = hashlib.sha256()
        for part in (self.name, self.welsh_name, self.nation, self.logo_type, self.logo_static, self.header_colour):
            digest.update(part.encode())
            digest.update(b"\0")
        for part in (self.link_colour, self.address, self.website):
            digest.update(part.encode())
            digest.update(b"\0")
        digest.update(self.logo_data)
        return digest.hexdigest()


def identity_from_settings() -> CouncilIdentity:
    """The first-run defaults, from the environment (config/settings/base.py)."""
    return CouncilIdentity(
        name=settings.COUNCIL_NAME,
        nation=settings.COUNCIL_NATION,
        logo_static=settings.COUNCIL_LOGO,
        website=settings.COUNCIL_WEBSITE,
    )


_source: Callable[[], CouncilIdentity | None] | None = None


def register_source(source: Callable[[], CouncilIdentity | None]) -> None:
    """The committee app gives the function that reads the saved record (None before the first save)."""
    global _source
    _source = source


def current_council() -> CouncilIdentity:
    """The council as its administrators last saved it, or the first-run defaults."""
    identity = request_snapshot.get(CACHE_KEY)  # asked by every page, more than once
    if identity is None:
        identity = (_source() if _source is not None else None) or identity_from_settings()
        cache.set(CACHE_KEY, identity, None)
    return identity


def forget_current_council() -> None:
    """Called when the record is saved: the next question reads it again, in every process."""
    cache.delete(CACHE_KEY)


def remember(identity: CouncilIdentity) -> None:
    """Keep ``identity`` as the answer until the record is next saved (tests start from the defaults)."""
    cache.set(CACHE_KEY, identity, None)
