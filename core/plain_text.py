"""Templates rendered as plain text, for e-mails' subjects and bodies."""

from __future__ import annotations

from django.template import Context
from django.template.loader import get_template


def render_plain_text(name: str, context: dict) -> str:
    """A template rendered as plain text: autoescaping is for HTML, and in an e-mail's subject or
    text body it shows an apostrophe as "&#x27;". Whatever the template says, nothing is escaped."""
    return get_template(name).template.render(Context(context, autoescape=False))
