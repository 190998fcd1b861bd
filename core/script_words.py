"""The words the browser's scripts write (static/editor/*.js, static/js/*.js, the reading room's script
and its service worker among them), in the page's language.

Each is marked here so that `make messages` puts it in the one catalogue; a page that loads those
scripts carries their translations as JSON (``{% script_words %}``, a ``json_script`` element, never
run, so the Content-Security-Policy allows it), and ``t()`` in static/js/words.js reads them there;
the reading room's service worker reads them from the kept page's copy of it, offline too.
Placeholders are Python's ``%(name)s``, filled by ``t()``. tests/core/test_script_words.py fails when
a script uses a word not listed here, or a listed word is no longer used. Registered for every
template in settings (``TEMPLATES`` ``builtins``).
"""

from __future__ import annotations

from django.template import Library
from django.utils.html import json_script
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, gettext_noop, ngettext, pgettext_lazy

register = Library()

WORDS = (
    gettext_noop("%(heading)s (row %(number)s)"),
    gettext_noop("%(resolved)s resolved"),
    gettext_noop("(nothing)"),
    gettext_noop("A link must be a web address starting http:// or https://, or an e-mail address."),
    gettext_noop("Add a note"),
    gettext_noop("Add column"),
    gettext_noop("Add row"),
    gettext_noop("Bold"),
    gettext_noop("Bulleted list"),
    gettext_noop("Cancel"),
    gettext_noop("Changes are saved as you type."),
    gettext_noop("Click into a paragraph first, then choose what to do."),
    gettext_noop("Close the comments"),
    gettext_noop("Comment"),
    gettext_noop("Comments %(where)s"),
    gettext_noop("Delete"),
    gettext_noop("Delete column"),
    gettext_noop("Delete row"),
    gettext_noop("Done."),
    gettext_noop("Drag to move %(part)s"),
    gettext_noop("Formatting and order"),
    gettext_noop("Formatting: %(name)s"),
    gettext_noop("Header row"),
    gettext_noop("Heading"),
    gettext_noop("Italic"),
    gettext_noop("Keep my text and save it"),
    gettext_noop("Keeping the papers…"),
    gettext_noop("Kept %(kept)s papers for offline reading."),
    gettext_noop("Kept %(kept)s papers for offline reading; %(failed)s could not be fetched."),
    gettext_noop("Link"),
    gettext_noop("Link to (a web address starting https://, or an e-mail address):"),
    gettext_noop("Move down"),
    gettext_noop("Move up"),
    gettext_noop("Nest"),
    gettext_noop("Not done."),
    gettext_noop("Not moved: %(error)s"),
    gettext_noop("Not pasted: %(error)s"),
    gettext_noop("Not saved: %(error)s"),
    gettext_noop("Not saved: retry. Your text is kept here and is sent again every few seconds."),
    gettext_noop("Not saved: somebody else changed this report. See the message beside your text."),
    gettext_noop("Not sent: check the connection and try again."),
    gettext_noop("Numbered list"),
    gettext_noop("on paragraph %(number)s"),
    gettext_noop("on recommendation %(number)s"),
    gettext_noop("on the title-block row “%(label)s”"),
    gettext_noop("Only a paragraph's own line can be a heading: put the cursor in one first."),
    gettext_noop("paragraph %(number)s"),
    gettext_noop("Paragraph %(number)s"),
    gettext_noop("recommendation %(number)s"),
    gettext_noop("Recommendation %(number)s"),
    gettext_noop("reload the page and try again."),
    gettext_noop("Retry"),
    gettext_noop("Saved"),
    gettext_noop("Saving…"),
    gettext_noop("Search"),
    gettext_noop("Search %(name)s"),
    gettext_noop("section %(number)s"),
    gettext_noop("Select the words to link first."),
    gettext_noop("Selected words"),
    gettext_noop("Somebody else changed this report while you were typing."),
    gettext_noop("Summary"),
    gettext_noop("Table"),
    gettext_noop("Text under the heading (optional)"),
    gettext_noop("That could not be done. Reload the page and try again."),
    gettext_noop("The comments could not be read. Check the connection and try again."),
    gettext_noop("the paste could not be read."),
    gettext_noop("Their text now:"),
    gettext_noop("This part could not be saved. Reload the page and try again."),
    gettext_noop("This part was not saved"),
    gettext_noop(
        "Type in any paragraph. Enter starts the next paragraph (twice after a bullet), Shift+Enter a new "
        "line of the same one; Tab and Shift+Tab nest and un-nest it; Ctrl+Shift+8 starts bullets; Alt+F10 "
        "goes to these buttons (arrow keys move along them, Escape goes back); Ctrl+Alt+2 (or Heading) makes "
        "the line a sub-section's heading; Alt+Up and Alt+Down (or dragging the handle at its left) move it; "
        "Escape leaves the text. Numbers follow as the report is saved."
    ),
    gettext_noop("Type the heading's words first, then make the line a heading."),
    gettext_noop("Un-nest"),
    gettext_noop("Use the buttons, or Ctrl+B for bold, Ctrl+I for italic and Ctrl+K for a link."),
    gettext_noop("Use their text"),
    gettext_noop("Wait for the last change to finish, then try again."),
    gettext_noop("Warning"),
    gettext_noop("You are offline: this is the copy kept on this device on %(when)s. It may have changed since."),
    gettext_noop("You have changes that are not saved. Leave them and carry on?"),
)

# Words the catalogue has in more than one sense, told apart by a context (pgettext): a script asks for
# each by its English, and gets the sense given here.
IN_CONTEXT = {
    "Highlight": pgettext_lazy("button: highlight the selected words", "Highlight"),
}

# Words with a plural, (singular, plural): those of the editor's comment markers, which the
# catalogue has from templates/reports/_comment_marker.html.
PLURALS = (
    ("%(open)s open comment", "%(open)s open comments"),
    ("%(resolved)s resolved comment", "%(resolved)s resolved comments"),
)

# Counts 0 to 12 choose every Welsh plural form (1, 2, 8 and 11 are special); larger counts take 12's.
PLURAL_COUNTS = range(13)

_cache: dict[str, str] = {}


def translations() -> dict[str, str | list[str]]:
    """Each word's translation in the active language, where it differs from the English (an English
    page carries none): a word with a plural gives its forms for the counts 0 to 12."""
    words: dict[str, str | list[str]] = {w: gettext(w) for w in WORDS if gettext(w) != w}
    words |= {english: str(word) for english, word in IN_CONTEXT.items() if str(word) != english}
    for singular, plural in PLURALS:
        forms = [ngettext(singular, plural, n) for n in PLURAL_COUNTS]
        if forms != [singular if n == 1 else plural for n in PLURAL_COUNTS]:
            words[singular] = forms
    return words


@register.simple_tag
def script_words() -> SafeString:
    """The scripts' words for the page's language, as a JSON element (cached per language)."""
    language = get_language() or ""
    if language not in _cache:
        _cache[language] = json_script(translations(), "script-words")
    return _cache[language]
