"""Django's ``date`` template filter, with the format read once rather than at every date.

Every public page prints dates ("Tuesday 3 March 2026, 7.00 pm"), tens on a calendar or a committee's
page, and Django's filter re-reads the format and asks the translation machinery for the day's and
month's names and "a.m." each time: 40–120 µs a date on a small server, a fifth of rendering a month of
meetings. Here a format (and the language it is read in) is split once into its literal text and its
letters, with the names already translated, and a date is then written with plain arithmetic.

Only the letters below, which print the same whatever the time zone, are done here; a format with any
other letter (``e``, ``O``, ``T``, ``Z``, ``r``, ``c``, ``S``…), a named format ("DATE_FORMAT"), or a value
that is not a date goes to Django's filter, which is what this one otherwise gives, character for
character. Registered for every template in settings (``TEMPLATES`` ``builtins``).

In Welsh the names come from the Welsh catalogue ("Dydd Mawrth", "Chwefror", "yh") and a day's name is
followed by a comma: "Dydd Mawrth, 21 Chwefror 2017, 7.00 yh" (``in_language``). Python code (feeds,
calendars, PDFs) prints dates with ``long_date``, ``long_datetime`` and ``short_date``, the same forms.
"""

from __future__ import annotations

import datetime
import functools

from django.template import Library, defaultfilters
from django.utils import dateformat, timezone
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import FORMAT_SETTINGS
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from core.language import is_welsh

register = Library()

# Django's own Welsh spells July "Gorffenaf": marked here, our catalogue (which Django reads first)
# spells it "Gorffennaf" for every Welsh date.
MONTHS_OUR_CATALOGUE_CORRECTS = [gettext_noop("July")]


def _names(lang: str | None) -> dict[str, object]:
    # Read while `lang` is active, as Django reads them when it formats.
    return {
        "l": [str(WEEKDAYS[day]) for day in range(7)],
        "D": [str(WEEKDAYS_ABBR[day]) for day in range(7)],
        "F": {month: str(MONTHS[month]) for month in range(1, 13)},
        "M": {month: str(MONTHS_3[month]).title() for month in range(1, 13)},
        "a": (str(_("a.m.")), str(_("p.m."))),
        "A": (str(_("AM")), str(_("PM"))),
    }


_DATE_LETTERS = {
    "d": lambda d, n: f"{d.day:02d}",
    "j": lambda d, n: str(d.day),
    "l": lambda d, n: n["l"][d.weekday()],
    "D": lambda d, n: n["D"][d.weekday()],
    "F": lambda d, n: n["F"][d.month],
    "M": lambda d, n: n["M"][d.month],
    "m": lambda d, n: f"{d.month:02d}",
    "n": lambda d, n: str(d.month),
    "Y": lambda d, n: f"{d.year:04d}",
    "y": lambda d, n: f"{d.year % 100:02d}",
}
_TIME_LETTERS = {
    "g": lambda d, n: str(d.hour % 12 or 12),
    "G": lambda d, n: str(d.hour),
    "h": lambda d, n: f"{d.hour % 12 or 12:02d}",
    "H": lambda d, n: f"{d.hour:02d}",
    "i": lambda d, n: f"{d.minute:02d}",
    "s": lambda d, n: f"{d.second:02d}",
    "a": lambda d, n: n["a"][d.hour > 11],
    "A": lambda d, n: n["A"][d.hour > 11],
}


@functools.lru_cache(maxsize=256)
def _compiled(format_string: str, lang: str | None):
    """The format as (literal text, letter function) pairs and whether it prints a time; None if a
    letter is not one done here."""
    pieces = dateformat.re_formatchars.split(format_string)
    names = _names(lang)
    parts = []
    has_time = False
    for index, piece in enumerate(pieces):
        if index % 2:
            if piece in _DATE_LETTERS:
                parts.append((None, _DATE_LETTERS[piece]))
            elif piece in _TIME_LETTERS:
                parts.append((None, _TIME_LETTERS[piece]))
                has_time = True
            else:
                return None
        elif piece:
            parts.append((dateformat.re_escaped.sub(r"\1", piece), None))
    return tuple(parts), has_time, names


LONG_DATE = "l j F Y"
SHORT_DATE = "j F Y"


def in_language(format_string: str, language: str | None) -> str:
    """The format as the language writes it: Welsh puts a comma after the day's name."""
    if is_welsh(language) and format_string.startswith("l j"):
        return "l, j" + format_string[3:]
    return format_string


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """Format a date according to the given format (Django's ``date`` filter)."""
    named = not isinstance(arg, str) or not arg or arg in FORMAT_SETTINGS
    if named or type(value) not in (datetime.datetime, datetime.date):
        return defaultfilters.date(value, arg)
    language = get_language()
    arg = in_language(arg, language)
    compiled = _compiled(arg, language)
    if compiled is None or (compiled[1] and type(value) is datetime.date):
        return defaultfilters.date(value, arg)
    parts, _has_time, names = compiled
    return "".join(text if letter is None else letter(value, names) for text, letter in parts)


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def long_date(value: datetime.date | datetime.datetime) -> str:
    """ "Tuesday 21 February 2017" / "Dydd Mawrth, 21 Chwefror 2017", in the active language."""
    return date(_local(value), LONG_DATE)


def long_datetime(value: datetime.datetime) -> str:
    """ "Tuesday 21 February 2017, 7pm" / "Dydd Mawrth, 21 Chwefror 2017, 7.00 yh"."""
    return f"{long_date(value)}, {clock_time(_local(value))}"


def short_date(value: datetime.date | datetime.datetime) -> str:
    """ "21 February 2017" / "21 Chwefror 2017"."""
    return date(_local(value), SHORT_DATE)


# The ways councils print a date at the top of a report, as a report template chooses one
# (reports.models.ReportTemplate.DateStyle): "21 February 2017", "Tuesday 21 February 2017",
# "21/02/2017", "21-Feb-2017" and "21 FEBRUARY 2017".
DATE_STYLES = {
    "day_month_year": SHORT_DATE,
    "with_weekday": LONG_DATE,
    "numeric": "d/m/Y",
    "short_month": "d-M-Y",
    "capitals": SHORT_DATE,
}


def styled_date(value: datetime.date | datetime.datetime, style: str = "day_month_year") -> str:
    """A date in one of DATE_STYLES, in the active language; an unknown style prints as the first."""
    text = date(_local(value), DATE_STYLES.get(style, SHORT_DATE))
    return text.upper() if style == "capitals" else text


@register.filter(expects_localtime=True, is_safe=False)
def date_style(value, style: str = "day_month_year") -> str:
    """``{{ doc.meeting_date|date_style:doc.wording.date_style }}``; nothing for anything but a date."""
    if not isinstance(value, (datetime.date, datetime.datetime)):
        return ""
    return styled_date(value, style)


# The time of day -----------------------------------------------------------
# One style on every page, PDF and e-mail, GOV.UK's: "6pm", "6:30pm", "midday", "midnight" (never
# "6:00p.m." on one page and "6.00 p.m." on another); in Welsh, the Welsh Government's "7.00 yh".


def clock_time(value: datetime.time | datetime.datetime) -> str:
    """The time of day in GOV.UK style: 6pm, 6:30pm, 10am, midday, midnight (to the minute)."""
    hour, minute = value.hour, value.minute
    if is_welsh():
        return f"{hour % 12 or 12}.{minute:02d} {_('a.m.') if hour < 12 else _('p.m.')}"
    if minute == 0 and hour == 12:
        return "midday"
    if minute == 0 and hour == 0:
        return "midnight"
    suffix = "am" if hour < 12 else "pm"
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == 0 else f"{shown}:{minute:02d}{suffix}"


@register.filter(expects_localtime=True, is_safe=False)
def clock(value):
    """``{{ meeting.starts_at|clock }}``: 7pm. Anything but a time or a date and time prints as nothing."""
    if not isinstance(value, (datetime.time, datetime.datetime)):
        return ""
    return clock_time(value)


@register.filter(expects_localtime=True, is_safe=False)
def at(value, arg="j F Y"):
    """``{{ meeting.starts_at|at:"l j F Y" }}``: Tuesday 21 February 2017, 7pm (the day as ``date``
    writes it, then the time in the one style)."""
    if not isinstance(value, datetime.datetime):
        return date(value, arg) if value else ""
    return f"{date(value, arg)}, {clock_time(value)}"
