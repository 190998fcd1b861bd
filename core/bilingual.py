"""Content the council writes in English and in Welsh (a committee's name, an agenda item's title, a
report's title and summary): each kept in ``<field>`` and ``<field>_cy``.

A Welsh reader sees the Welsh where there is some, else the English, marked ``lang="en-GB"`` so that
a screen reader reads it in English; an English reader sees the English. Registered for every
template in settings (``TEMPLATES`` ``builtins``), as ``core.dates`` is.
"""

from __future__ import annotations

from django.template import Library
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop

from core.council import current_council
from core.language import WELSH, is_welsh

register = Library()
ENGLISH_TAG = "en-GB"


def welsh_of(obj, field: str) -> str:
    return (getattr(obj, f"{field}_cy", "") or "").strip()


@register.filter
def shows_welsh(obj, field: str) -> bool:
    """Whether a reader of this page sees the field in Welsh."""
    return is_welsh() and bool(welsh_of(obj, field))


@register.filter
def bilingual_text(obj, field: str) -> str:
    """The field in the reader's language where it is written in it, else in English (plain text, for
    attributes, titles and text that is escaped or sanitised on its way out)."""
    if shows_welsh(obj, field):
        return welsh_of(obj, field)
    return getattr(obj, field) or ""


@register.filter
def bilingual(obj, field: str) -> SafeString:
    """The field as ``bilingual_text`` gives it, escaped, the English marked as English on a Welsh page."""
    text = bilingual_text(obj, field)
    if is_welsh() and not shows_welsh(obj, field) and text:
        return format_html('<span lang="{}">{}</span>', ENGLISH_TAG, text)
    return format_html("{}", text)


@register.filter
def bilingual_lines(obj, field: str) -> SafeString:
    """A field of several lines (a venue's address) as ``bilingual`` gives it, each line break a ``<br>``."""
    joined = _lines(bilingual_text(obj, field))
    if is_welsh() and not shows_welsh(obj, field) and joined:
        return format_html('<span lang="{}">{}</span>', ENGLISH_TAG, joined)
    return joined


@register.filter
def content_lang(obj, field: str) -> str:
    """The language the reader sees the field in, for a ``lang`` attribute around it."""
    return WELSH if shows_welsh(obj, field) else ENGLISH_TAG


@register.filter
def phrase(english: str) -> str:
    """A standard phrase the council's templates print (a heading, a title-block label, "Yes"), in
    Welsh on a Welsh page when the catalogue has it; any other text as it is."""
    if is_welsh() and isinstance(english, str):
        return welsh_for(english) or english
    return english


@register.filter
def phrase_lang(english: str) -> str:
    """The language ``phrase`` prints the text in, for a ``lang`` attribute."""
    return WELSH if is_welsh() and isinstance(english, str) and welsh_for(english) else ENGLISH_TAG


@register.filter
def both(english: str) -> SafeString:
    """A standard phrase in Welsh and English, Welsh first, in a Welsh council's printed documents (the
    agenda pack's cover and agenda, read by Welsh and English readers alike); the English elsewhere."""
    welsh = welsh_for(english) if current_council().is_welsh and isinstance(english, str) else ""
    if not welsh:
        return format_html("{}", english)
    return format_html('<span lang="{}">{}</span> / {}', WELSH, welsh, english)


@register.filter
def both_text(obj, field: str) -> SafeString:
    """A field the council writes in both languages (a committee's name), Welsh first where there is
    Welsh and the council is Welsh; the English alone otherwise."""
    english = getattr(obj, field) or ""
    welsh = welsh_of(obj, field) if current_council().is_welsh else ""
    if not welsh or welsh == english:
        return format_html("{}", english)
    return format_html('<span lang="{}">{}</span> / {}', WELSH, welsh, english)


@register.filter
def both_lines(obj, field: str) -> SafeString:
    """A field of several lines (a venue's address) as ``both_text`` gives it, each line break a ``<br>``."""
    english = getattr(obj, field) or ""
    welsh = welsh_of(obj, field) if current_council().is_welsh else ""
    if not welsh or welsh == english:
        return _lines(english)
    return format_html('<span lang="{}">{}</span> / {}', WELSH, _lines(welsh), _lines(english))


def _lines(text: str) -> SafeString:
    # Each line is escaped on its own before the breaks are put between them.
    return mark_safe("<br>".join(format_html("{}", line.strip()) for line in text.splitlines() if line.strip()))


# The honorifics the council's records put before a councillor's name ("Cllr Ann Jones"): a name is
# the same in both languages, but not the word before it ("Cyng. Ann Jones").
HONORIFICS = (gettext_noop("Cllr"), gettext_noop("Councillor"))


@register.filter
def person_name(person) -> str:
    """A person's name as the reader reads it: as the council wrote it, its honorific in Welsh on a
    Welsh page. ``person`` is anything with a ``name`` (a Person, a title block's kept contact)."""
    name = getattr(person, "name", "") or ""
    return name_in_welsh(name) if is_welsh() else name


def name_in_welsh(name: str) -> str:
    """A name as the council wrote it, a leading honorific in Welsh: "Cllr Ann Jones" → "Cyng. Ann Jones"."""
    for english in HONORIFICS:
        if name.startswith(f"{english} "):
            return f"{welsh_for(english) or english} {name[len(english) + 1 :]}"
    return name


def welsh_for(english: str) -> str:
    """The Welsh catalogue's translation of a standard English phrase, or "" if it has none."""
    if not english:
        return ""
    with translation.override(WELSH):
        welsh = translation.gettext(english)
    return welsh if welsh != english else ""
