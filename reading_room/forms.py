from __future__ import annotations

from django import forms

from reading_room.models import Note


class NoteForm(forms.Form):
    """A note or highlight on one paragraph: the form that works without JavaScript, and that the
    reading room's script fills in from a selection (static/js/reading-room.js)."""

    paragraph = forms.ChoiceField(
        label="Paragraph",
        error_messages={
            "invalid_choice": "Choose a paragraph of the report.",
            "required": "Choose a paragraph of the report.",
        },
    )
    quote = forms.CharField(
        label="Words to anchor it to (optional)",
        required=False,
        help_text="Copy them exactly from the paragraph: the note stays with them through a correction.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text = forms.CharField(label="Your note", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    kind = forms.ChoiceField(
        label="Kind", choices=Note.Kind.choices, initial=Note.Kind.NOTE, required=False, widget=forms.RadioSelect
    )

    def __init__(self, *args, paragraphs: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = [(number, number) for number in paragraphs]


EXPORT_FORMATS = {"docx", "pdf"}
