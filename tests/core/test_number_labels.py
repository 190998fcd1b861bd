"""How numbers are printed (core/numbering.py): recommendations as 1., (a) or (i); paragraphs below the
first level as decimals or (a), (i), (A)."""

from __future__ import annotations

import pytest

from core.numbering import letters, paragraph_label, recommendation_label, roman


@pytest.mark.parametrize(
    ("index", "expected"), [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "ab"), (52, "az"), (53, "ba"), (702, "zz")]
)
def test_letters_run_on_past_z(index, expected):
    assert letters(index) == expected


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (1, "i"),
        (2, "ii"),
        (3, "iii"),
        (4, "iv"),
        (5, "v"),
        (9, "ix"),
        (14, "xiv"),
        (40, "xl"),
        (49, "xlix"),
        (90, "xc"),
        (400, "cd"),
        (1994, "mcmxciv"),
        (3999, "mmmcmxcix"),
    ],
)
def test_roman_numerals(index, expected):
    assert roman(index) == expected


def test_every_roman_numeral_up_to_3999_is_distinct_and_reads_back():
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}

    def read(numeral):
        total = 0
        for here, after in zip(numeral, numeral[1:] + " ", strict=True):
            total += -values[here] if after != " " and values[after] > values[here] else values[here]
        return total

    written = [roman(n) for n in range(1, 4000)]
    assert len(set(written)) == 3999
    assert [read(w) for w in written] == list(range(1, 4000))


@pytest.mark.parametrize(
    ("index", "style", "expected"),
    [
        (1, "numbers", "1."),
        (12, "numbers", "12."),
        (1, "letters", "(a)"),
        (27, "letters", "(aa)"),
        (1, "roman", "(i)"),
        (4, "roman", "(iv)"),
        (3, "anything else", "3."),
    ],
)
def test_recommendation_labels(index, style, expected):
    assert recommendation_label(index, style) == expected


@pytest.mark.parametrize(
    ("number", "style", "first_level", "expected"),
    [
        ("4", "decimal", 0, "4"),
        ("4.2", "decimal", 1, "4.2"),
        ("4.2.1", "decimal", 1, "4.2.1"),
        # Numbered straight through: 7, then (a), (i), (A) below it.
        ("7", "letters", 0, "7"),
        ("7.1", "letters", 0, "(a)"),
        ("7.2", "letters", 0, "(b)"),
        ("7.2.1", "letters", 0, "(i)"),
        ("7.2.4", "letters", 0, "(iv)"),
        ("7.2.4.3", "letters", 0, "(C)"),
        ("7.27", "letters", 0, "(aa)"),
        # Numbered by section: 4.2, then (a), (i), (A) below it.
        ("4", "letters", 1, "4"),
        ("4.2", "letters", 1, "4.2"),
        ("4.2.1", "letters", 1, "(a)"),
        ("4.2.1.3", "letters", 1, "(iii)"),
        ("4.2.1.3.2", "letters", 1, "(B)"),
        ("", "letters", 0, ""),
    ],
)
def test_paragraph_labels(number, style, first_level, expected):
    assert paragraph_label(number, style, first_level) == expected


def test_sibling_labels_are_distinct_at_every_level_in_both_styles():
    for style in ("decimal", "letters"):
        for prefix in ("3", "3.1", "3.1.2"):
            labels = [paragraph_label(f"{prefix}.{i}", style, 0) for i in range(1, 200)]
            assert len(set(labels)) == len(labels)
