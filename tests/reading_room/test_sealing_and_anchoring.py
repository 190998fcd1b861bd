from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from reading_room import anchoring, sealing

CONTENT = {
    "sections": [
        {
            "paragraphs": [
                {"number": "1.1", "heading": "", "text": "<p>The library opens at nine.</p>", "children": []},
                {
                    "number": "1.2",
                    "heading": "Risks",
                    "text": "<p>One.</p><p>Two &amp; three.</p>",
                    "children": [{"number": "1.2.1", "heading": "", "text": "<p>Deep.</p>", "children": []}],
                },
            ]
        }
    ]
}


def test_a_sealed_note_reads_back_and_holds_no_plain_text():
    token = sealing.seal("opens at nine", "Ask about Sundays")
    assert "Sundays" not in token and "nine" not in token
    assert sealing.unseal(token) == ("opens at nine", "Ask about Sundays")


def test_a_rotated_key_still_opens_old_notes(settings):
    token = sealing.seal("q", "old")
    settings.READING_ROOM_NOTES_KEYS = [Fernet.generate_key().decode(), *settings.READING_ROOM_NOTES_KEYS]
    assert sealing.unseal(token) == ("q", "old")


def test_a_note_sealed_with_a_lost_key_says_so(settings):
    token = sealing.seal("q", "old")
    settings.READING_ROOM_NOTES_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(sealing.NoteUnreadable):
        sealing.unseal(token)


def test_without_a_key_notes_are_refused_clearly(settings):
    settings.READING_ROOM_NOTES_KEYS = []
    with pytest.raises(ImproperlyConfigured, match="READING_ROOM_NOTES_KEY"):
        sealing.seal("q", "t")


def test_paragraph_texts_are_plain_with_a_space_between_blocks():
    texts = anchoring.paragraph_texts(CONTENT)
    assert texts == {"1.1": "The library opens at nine.", "1.2": "Risks One. Two & three.", "1.2.1": "Deep."}


@pytest.mark.parametrize(
    ("paragraph", "quote", "expected"),
    [
        ("1.1", "opens   at\nnine", anchoring.Placement("1.1")),
        ("1.1", "", anchoring.Placement("1.1")),
        ("1.1", "Two & three", anchoring.Placement("1.2", moved=True)),
        ("1.1", "closes at ten", anchoring.Placement(None)),
        ("9.9", "", anchoring.Placement(None)),
    ],
)
def test_a_note_is_placed_by_its_words_first(paragraph, quote, expected):
    placement = anchoring.place(paragraph, quote, anchoring.paragraph_texts(CONTENT))
    assert placement == expected
    assert placement.detached == (expected.paragraph is None)
