from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reading_room.models import Note


class NoteForm(forms.Form):
    """A note or highlight on one paragraph: the form that works without JavaScript, and that the
    reading room's script fills in from a selection (static/js/reading-room.js)."""

    paragraph = forms.ChoiceField(
        label=_("Paragraph"),
        error_messages={
            "invalid_choice": _("Choose a paragraph of the report."),
            "required": _("Choose a paragraph of the report."),
        },
    )
    quote = forms.CharField(
        label=_("Words to anchor it to (optional)"),
        required=False,
        help_text=_("Copy them exactly from the paragraph: the note stays with them through a correction."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text = forms.CharField(label=_("Your note"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Note.Kind.choices, initial=Note.Kind.NOTE, required=False, widget=forms.RadioSelect
    )

    def __init__(self, *args, paragraphs: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = [(number, number) for number in paragraphs]


class AppendixNoteForm(forms.Form):
    """A note on a page of a PDF appendix: the browser shows the PDF, and the member gives its page and,
    if they like, copies the words from it."""

    appendix = forms.ChoiceField(
        label=_("Appendix"),
        error_messages={"invalid_choice": _("Choose an appendix."), "required": _("Choose an appendix.")},
    )
    page = forms.IntegerField(
        label=_("Page"),
        min_value=1,
        error_messages={
            "required": _("Give the page of the appendix."),
            "invalid": _("Give the page as a number, like 3."),
            "min_value": _("Give the page as a number, like 3."),
        },
    )
    quote = forms.CharField(
        label=_("Words on that page (optional)"),
        required=False,
        help_text=_("Copy them from the appendix to remind you what the note is about; alone, they are a highlight."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text = forms.CharField(label=_("Your note on the page"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, appendices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appendix"].choices = appendices


EXPORT_FORMATS = {"docx", "pdf"}
