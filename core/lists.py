"""A list joined with "and" in the active language: "B and C", "14, 16 and 18"; in Welsh "a", or "ac"
before a word read with a vowel sound ("B ac E", "paragraffau 14 ac 16")."""

from __future__ import annotations

import re

from django.utils.translation import pgettext

_FIGURE = re.compile(r"\d+")


def joined(items: list[str]) -> str:
    """ "B", "B and C", "B, C and D", in the active language."""
    if len(items) <= 1:
        return "".join(items)
    last = items[-1]
    if read_with_a_vowel(last):
        word = pgettext("joining a list, before a vowel", "and")
    else:
        word = pgettext("joining a list", "and")
    return f"{', '.join(items[:-1])} {word} {last}"


def read_with_a_vowel(item: str) -> bool:
    """Whether Welsh reads the item aloud starting with a vowel (a, e, i, o, u, w, y), so that "and"
    before it is "ac". A word or a letter goes by how it is written ("ac E"); a figure ("8", "1.2",
    "16 - 18") by its Welsh name (`_figure_with_a_vowel`)."""
    figure = _FIGURE.match(item.strip())
    if figure:
        return _figure_with_a_vowel(int(figure.group()))
    return item.strip()[:1].lower() in "aeiouwy"


def _figure_with_a_vowel(number: int) -> bool:
    # Figures are read the decimal way, as the Welsh Government and Welsh-medium schools read them:
    # 16 "un deg chwech", 80 "wyth deg". So a figure is read with a vowel when its first word is "un"
    # (1, 11 to 19, and "un pwynt dau" for 1.2) or "wyth" (8, 80s, 800s, 8,000s); 10 is "deg", 100
    # to 199 "cant" and 1,000 to 1,999 "mil". (The traditional count, kept for ages and the time of
    # day, differs: 12 to 15 and 17 to 19 start with a consonant, "deuddeg", "deunaw", and 20 and 21
    # with a vowel, "ugain", "un ar hugain"; figures in a report are not read so.)
    if number >= 1000:
        thousands = number // 1000
        return thousands != 1 and _figure_with_a_vowel(thousands)
    if number >= 100:
        return number // 100 == 8
    if number >= 10:
        return number // 10 == 8 or 11 <= number <= 19
    return number in (1, 8)
