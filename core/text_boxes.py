"""Text boxes of formatted text outside the report editor (the minutes, a decision): a form field whose
box shows the stored HTML as editable text (core/editable_text.py), never as markup, and reads what is
typed back to HTML. With JavaScript a formatted-text editor (static/editor/textbox.js) takes the box's
place and sends the HTML it made as "<name>-html" beside it, sanitised by the one allow-list
(core/richtext.py) like everything else.
"""

from __future__ import annotations

from django import forms

from core import editable_text, richtext


class TypedText(str):
    """What was typed in the text box, marks and all: shown back exactly as it was."""


class EditorHtml(str):
    """The HTML the formatted-text editor sent in place of the text box."""


def editor_field_name(name: str) -> str:
    return f"{name}-html"


class FormattedTextarea(forms.Textarea):
    """The box of a FormattedTextField. ``data-formatted-text`` holds the HTML the editor starts from."""

    def __init__(self, attrs: dict | None = None):
        super().__init__({"rows": 5, **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        html = data.get(editor_field_name(name))
        if html is not None:
            return EditorHtml(html)
        typed = data.get(name)
        return None if typed is None else TypedText(typed)

    def format_value(self, value):
        if not value:
            return None
        if isinstance(value, TypedText):
            return str(value)
        return editable_text.to_text(value)  # stored HTML, or the editor's

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-formatted-text"] = _html(value)
        return context


def _html(value) -> str:
    if not value:
        return ""
    if isinstance(value, TypedText):
        return editable_text.from_text(value)
    return richtext.clean(value)


class FormattedTextField(forms.CharField):
    """Formatted text whose cleaned value is the stored, sanitised HTML. Typed text is never read as
    HTML ("<p>" typed is the text "<p>"); the editor's HTML is cleaned by the allow-list."""

    widget = FormattedTextarea

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("strip", False)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        from_editor = isinstance(value, EditorHtml)
        value = super().clean(value)
        html = editable_text.from_editor(value) if from_editor else editable_text.from_text(value or "")
        if self.required and not html:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return html
