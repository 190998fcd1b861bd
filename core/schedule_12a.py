"""The descriptions of exempt information in Schedule 12A to the Local Government Act 1972, as the
council's nation numbers them: the one place that says which paragraphs an officer may choose.

England uses Part 1 (paragraphs 1 to 7) with the public interest test in paragraph 10 of Part 2.
Wales uses Part 4 (paragraphs 12 to 18), substituted by the Local Government (Access to Information)
(Variation) (Wales) Order 2007 (SI 2007/969), with the public interest test in paragraph 21 of Part 5.
Paragraph 21 is not a description of information: a Welsh report cites it beside the Part 4
paragraph ("paragraphs 14 and 16 of Part 4 and paragraph 21 of Part 5"), as Cardiff's does. See
docs/schedule-12a.md.

The database accepts either numbering (the nation is the council's setting, not the row's); the
forms, imports and agenda offer and accept only the council's own.
"""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from core.council import Nation, current_council

ENGLAND = [
    (1, _("1. Information relating to any individual")),
    (2, _("2. Information which is likely to reveal the identity of an individual")),
    (3, _("3. Information relating to the financial or business affairs of any particular person")),
    (4, _("4. Information relating to consultations or negotiations in labour relations matters")),
    (5, _("5. Information in respect of which a claim to legal professional privilege could be maintained")),
    (6, _("6. Information which reveals an intention to give a notice or make an order or direction")),
    (7, _("7. Information relating to the prevention, investigation or prosecution of crime")),
]
WALES = [
    (12, _("12. Information relating to a particular individual")),
    (13, _("13. Information which is likely to reveal the identity of an individual")),
    (
        14,
        _(
            "14. Information relating to the financial or business affairs of any particular person "
            "(including the authority holding that information)"
        ),
    ),
    (15, _("15. Information relating to consultations or negotiations in labour relations matters")),
    (16, _("16. Information in respect of which a claim to legal professional privilege could be maintained")),
    (17, _("17. Information which reveals an intention to give a notice or make an order or direction")),
    (18, _("18. Information relating to the prevention, investigation or prosecution of crime")),
]
# Every paragraph either nation may cite: the model fields' choices and the database's check.
ALL = ENGLAND + WALES
LOWEST_ENGLISH, HIGHEST_ENGLISH = 1, 7
LOWEST_WELSH, HIGHEST_WELSH = 12, 18
# The paragraph of each nation's public interest test (Part 2 in England, Part 5 in Wales).
PUBLIC_INTEREST_TEST = {Nation.ENGLAND: 10, Nation.WALES: 21}


def paragraphs(nation: str) -> list[tuple[int, str]]:
    """The paragraphs a council in this nation chooses from."""
    return WALES if nation == Nation.WALES else ENGLAND


def offered() -> list[tuple[int, str]]:
    """The paragraphs this council chooses from, in the reader's language."""
    return [(number, gettext(label)) for number, label in paragraphs(current_council().nation)]


def choices() -> list[tuple[int | str, str]]:
    """A form's choices: "Not exempt", then this council's paragraphs (a callable, so a form asks when
    it is built, after the council's nation is known)."""
    return [("", gettext("Not exempt")), *offered()]


def is_offered(paragraph) -> bool:
    return paragraph in dict(offered())


def range_text() -> str:
    """ "1 to 7" or "12 to 18", for messages."""
    numbers = [number for number, _ in offered()]
    return gettext("%(first)s to %(last)s") % {"first": numbers[0], "last": numbers[-1]}


def part_of(paragraph: int) -> int:
    """The Part of Schedule 12A a paragraph is in: Part 1 (England) or Part 4 (Wales)."""
    return 4 if paragraph >= LOWEST_WELSH else 1


def description(paragraph: int) -> str:
    """The paragraph's words, without its number; empty for a number neither nation uses."""
    text = dict(ALL).get(paragraph, "")
    return text.split(". ", 1)[1] if text else ""
