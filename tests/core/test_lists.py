"""Lists joined with "and" in the active language (core/lists.py): Welsh "ac" before a word read with a
vowel sound, a figure going by its Welsh name read the decimal way ("ac wyth", "ac un deg chwech")."""

from __future__ import annotations

import pytest
from django.utils import translation

from core.lists import joined, read_with_a_vowel
from reports import exemption


def test_english_joins_with_and():
    assert joined([]) == "" and joined(["B"]) == "B"
    assert joined(["B", "C"]) == "B and C" and joined(["14", "16", "18"]) == "14, 16 and 18"


@pytest.mark.parametrize(
    ("items", "welsh"),
    [
        (["B", "C"], "B a C"),
        (["B", "E"], "B ac E"),  # a letter goes by how it is written
        (["14", "16"], "14 ac 16"),  # "un deg chwech"
        (["2", "3"], "2 a 3"),
        (["3", "8"], "3 ac 8"),  # "wyth"
        (["4", "10"], "4 a 10"),  # "deg"
        (["2 - 6", "9"], "2 - 6 a 9"),
        (["9", "1.2"], "9 ac 1.2"),  # "un pwynt dau"
        (["Rhan 4", "Rhan 5"], "Rhan 4 a Rhan 5"),
    ],
)
def test_welsh_joins_with_a_or_ac_as_the_last_item_is_read(items, welsh):
    with translation.override("cy"):
        assert joined(items) == welsh


@pytest.mark.parametrize(
    ("number", "vowel"),
    [
        (1, True),  # un
        (2, False),  # dau
        (8, True),  # wyth
        (10, False),  # deg
        (11, True),  # un deg un
        (16, True),  # un deg chwech
        (18, True),  # un deg wyth (the traditional "deunaw" is not how a report's figures are read)
        (20, False),  # dau ddeg
        (21, False),  # dau ddeg un
        (80, True),  # wyth deg
        (88, True),
        (100, False),  # cant
        (118, False),  # cant un deg wyth
        (800, True),  # wyth cant
        (1000, False),  # mil
        (8000, True),  # wyth mil
        (11000, True),  # un deg un mil
        (21000, False),
    ],
)
def test_a_figure_is_read_by_its_welsh_name(number, vowel):
    assert read_with_a_vowel(str(number)) is vowel


def test_an_exempt_notice_cites_paragraphs_14_ac_16_in_welsh():
    with translation.override("cy"):
        status = exemption.classification(
            is_exempt=False, paragraph=None, appendices=[("B", 14), ("C", 16)], passages=[]
        )
    assert "B a C" in status and "14 ac 16" in status
    english = exemption.classification(is_exempt=False, paragraph=None, appendices=[("B", 14), ("C", 16)], passages=[])
    assert "B and C" in english and "14 and 16" in english
