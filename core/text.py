"""Text as the council's documents can carry it: one normalising rule for everything stored, and
one guard for everything written out as XML.

Word's manual line break (Shift+Enter) reaches a text box as U+000B, a vertical tab: a character XML
1.0 cannot hold at all, so one title carrying it broke the Atom feed, the Word download and the
Modern.gov XML for everybody. Right-to-left overrides (U+202E) make a title read differently from
what it says. So:

- ``normalise_line`` and ``normalise_text`` are applied on the way in, by the model fields below
  (``CharField`` for one line, ``TextField`` for several), which every model of ours uses for free
  text. Whatever the path, a form, the admin, the CSV import, the Modern.gov importer, or a
  ``QuerySet.update()``, the value is normalised as it is saved; model forms normalise it as they
  clean it, so what is checked is what is stored.
- ``xml_safe`` is applied on the way out by every XML writer (Atom feeds, Modern.gov XML, iCalendar,
  the Word document), for text stored before this rule existed.
"""

from __future__ import annotations

import re

from django import forms
from django.db import models

# Line and page breaks other than \n: Word's manual line break (VT), form feed, NEL, and Unicode's
# line and paragraph separators.
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Control characters (C0 but tab and newline, DEL, C1), lone surrogates and the two noncharacters
# XML refuses: never meant as text, and most outputs cannot carry them.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Bidirectional embeddings, overrides and isolates: they reorder what is shown, so a title could
# read differently from what it says. The marks (U+200E, U+200F, U+061C) are kept: they do not
# reorder, and right-to-left names need them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What XML 1.0 cannot hold (its Char production): everything but tab, newline, carriage return,
# U+0020–U+D7FF, U+E000–U+FFFD and the planes above.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def normalise_line(value: str) -> str:
    """One line of text (a title, heading or name): breaks become spaces; controls and bidi
    overrides go."""
    value = _BREAKS.sub(" ", value).replace("\n", " ")
    return _BIDI_CONTROLS.sub("", _CONTROLS.sub("", value))


def normalise_text(value: str) -> str:
    """Text of several lines (a description, a comment, stored report HTML): every kind of line
    break becomes a newline; controls go. Bidi controls stay: a paragraph bounds them."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", value))


def xml_safe(value: str) -> str:
    """``value`` with what XML 1.0 cannot carry taken out; a vertical tab or form feed (Word's
    breaks) becomes a space, so the words either side stay apart."""
    return _NOT_XML.sub("", value.replace("\x0b", " ").replace("\x0c", " "))


# Model and form fields ---------------------------------------------------------------------------


class _NormalisingFormField(forms.CharField):
    normalise = staticmethod(normalise_line)

    def to_python(self, value):
        value = super().to_python(value)
        return self.normalise(value) if isinstance(value, str) else value


class LineFormField(_NormalisingFormField):
    """A form's one-line text box, normalised as it is cleaned."""


class TextFormField(_NormalisingFormField):
    """A form's text area, normalised as it is cleaned."""

    normalise = staticmethod(normalise_text)


class _NormalisingModelField:
    normalise = staticmethod(normalise_line)
    form_class = LineFormField
    django_path = ""

    def pre_save(self, model_instance, add):
        # The instance holds what was stored, as auto_now does with its date.
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = self.normalise(value)
            setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        # Also reached by QuerySet.update() and bulk_update(), which skip pre_save().
        value = super().get_prep_value(value)
        return self.normalise(value) if isinstance(value, str) else value

    def formfield(self, **kwargs):
        if not self.choices:
            kwargs.setdefault("form_class", self.form_class)
        return super().formfield(**kwargs)

    def deconstruct(self):
        # The column is an ordinary varchar or text: normalising happens in Python, so migrations
        # record Django's own field and changing a field to this one needs no migration.
        name, _, args, kwargs = super().deconstruct()
        return name, self.django_path, args, kwargs


class CharField(_NormalisingModelField, models.CharField):
    """A one-line text field (title, heading, name): saved through ``normalise_line``."""

    django_path = "django.db.models.CharField"


class TextField(_NormalisingModelField, models.TextField):
    """A text field of several lines: saved through ``normalise_text``."""

    normalise = staticmethod(normalise_text)
    form_class = TextFormField
    django_path = "django.db.models.TextField"
