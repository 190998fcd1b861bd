"""The words the browser's scripts write come from the catalogue (issue 21): every t("…") and
tn("…", "…", n) in static/editor and static/js (the reading room's script and service worker among
them) is listed in core/script_words.py (and nothing listed is unused), no user-visible words are set
without t(), and a Welsh staff page carries their Welsh."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from core import script_words

STATIC = Path(settings.BASE_DIR) / "static"
SCRIPTS = sorted([*STATIC.glob("editor/*.js"), *STATIC.glob("js/*.js")])
READING_ROOM = [STATIC / "js/reading-room.js", STATIC / "js/reading-room-sw.js"]
STRING = r'"(?:[^"\\]|\\.)*"'
# t("…") or t("…" + "…"), the words split over lines for length.
T_CALL = re.compile(rf"\bt\(\s*((?:{STRING}\s*\+?\s*)+)[,)]")
TN_CALL = re.compile(rf"\btn\(\s*({STRING})\s*,\s*({STRING})\s*,")
# Words written straight into the page, a label or a dialog without t(): a literal with a letter in it.
# (In a template literal, the letters must be outside its ${…}: ` ${where}` only places words.)
LITERAL = r"""(?:"[^"]*[A-Za-z][^"]*"|'[^']*[A-Za-z][^']*'|`(?:\$\{[^}]*\}|[^`A-Za-z$])*[A-Za-z][^`]*`)"""
UNTRANSLATED = [
    re.compile(rf"\.(?:textContent|innerText|title|placeholder)\s*=\s*{LITERAL}"),
    re.compile(rf"""setAttribute\(\s*["'](?:aria-label|title|placeholder|aria-placeholder)["']\s*,\s*{LITERAL}"""),
    re.compile(rf"\b(?:confirm|prompt|alert|say|refuse|button|message)\(\s*{LITERAL}"),
    re.compile(rf"""\.show\(\s*["']refused["']\s*,\s*{LITERAL}"""),
    re.compile(rf"\.append\((?:[^()]*,\s*)?{LITERAL}"),
    re.compile(rf"""\[\s*["']\w+["']\s*,\s*{LITERAL}\s*\]"""),  # ["note", "Add a note"]: a labelled choice
    re.compile(rf"(?:error|done|text):\s*{LITERAL}"),  # { error: "Not sent: …" }
    # A word looked up somewhere else, its English the fallback: word("keeping", "Keeping the papers…").
    re.compile(r"""\b(?!t\()\w+\((?:[^()"'`]*,\s*)?["'][\w-]+["']\s*,\s*["'`][A-Z][a-z]"""),
    re.compile(r">\s*[A-Za-z][^<>]*</"),  # words in markup written as a string: `<span>Warning</span>`
]


def joined(literals: str) -> str:
    return "".join(json.loads(part) for part in re.findall(STRING, literals))


def used() -> tuple[set[str], set[tuple[str, str]]]:
    words, plurals = set(), set()
    for path in SCRIPTS:
        source = path.read_text()
        words |= {joined(match) for match in T_CALL.findall(source)}
        plurals |= {(json.loads(one), json.loads(many)) for one, many in TN_CALL.findall(source)}
    return words, plurals


def test_every_word_a_script_writes_is_listed_and_every_listed_word_is_used():
    words, plurals = used()
    assert len(words) > 60, "the scripts' t() calls were not found: has the helper been renamed?"
    listed = set(script_words.WORDS) | set(script_words.IN_CONTEXT)
    assert words - listed == set(), "used in a script, missing from core/script_words.py"
    assert listed - words == set(), "listed in core/script_words.py, used by no script"
    assert set(script_words.WORDS) & set(script_words.IN_CONTEXT) == set(), "one sense a word"
    assert plurals == set(script_words.PLURALS)


def test_the_reading_rooms_script_and_service_worker_take_their_words_from_t():
    assert set(READING_ROOM) <= set(SCRIPTS)
    for path in READING_ROOM:
        assert T_CALL.search(path.read_text()), path.name


def test_no_script_sets_words_the_reader_sees_without_t():
    found = []
    for path in SCRIPTS:
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if line.lstrip().startswith(("//", "*", "/*")):
                continue
            for pattern in UNTRANSLATED:
                if match := pattern.search(line):
                    found.append(f"{path.relative_to(STATIC)}:{number}: {match.group(0)}")
    assert found == []


@pytest.mark.parametrize(
    "line",
    [
        'tool.textContent = "Close the comments";',
        'bar.setAttribute("aria-label", `Formatting: ${name}`);',
        "hidden.textContent = ` on ${where}`;",
        'window.confirm("Leave them and carry on?")',
        'status.show("refused", "Click into a paragraph first.");',
        'link.append("Comment", hidden);',
        'for (const [kind, label] of [["highlight", "Highlight"]]) {',
        'result = { ok: false, answer: { error: "Not sent: try again." } };',
        'status.textContent = word("keeping", "Keeping the papers…");',
        'pageWord(html, "warning", "Warning") +',
    ],
)
def test_the_check_for_words_without_t_catches_each_way_of_writing_them(line):
    assert any(pattern.search(line) for pattern in UNTRANSLATED)
    translated = re.sub(LITERAL, lambda m: f"t({m.group(0)})", line)
    assert not any(pattern.search(translated) for pattern in UNTRANSLATED), translated


def test_the_check_catches_words_written_in_markup_and_passes_markup_around_t():
    line = '`<strong class="govuk-warning-text__text">You are offline: kept on ${when}.</strong>`'
    assert any(pattern.search(line) for pattern in UNTRANSLATED)
    line = '`<span class="govuk-visually-hidden">${escape(t("Warning"))}</span>` + `<span aria-hidden="true">!</span>`'
    assert not any(pattern.search(line) for pattern in UNTRANSLATED)


def test_every_word_has_its_welsh_and_an_english_page_carries_none():
    with translation.override("cy"):
        welsh = script_words.translations()
    assert set(welsh) == {*script_words.WORDS, *script_words.IN_CONTEXT, *(one for one, _ in script_words.PLURALS)}
    assert welsh["Saving…"] == "Wrthi'n cadw…"
    assert welsh["Saved"] == "Cadwyd"
    assert welsh["Highlight"] == "Amlygu"  # the button's sense ("Highlight!"), not the noun's ("Amlygiad")
    for english in script_words.WORDS:
        assert set(re.findall(r"%\(\w+\)s", welsh[english])) == set(re.findall(r"%\(\w+\)s", english)), english
    # Welsh has four plural forms: the forms for 0 to 12 choose among them, 12's for larger counts.
    assert welsh["%(open)s open comment"][1] == "%(open)s sylw agored"
    assert len(welsh["%(open)s open comment"]) == 13
    with translation.override("en-gb"):
        assert script_words.translations() == {}


def test_a_welsh_staff_page_carries_the_scripts_welsh_and_the_english_one_its_english(client, committee):
    from reports.models import Recommendation
    from tests.conftest import make_meeting, make_report, make_user

    author = make_user("author", "Report authors")
    report = make_report(committee, meeting=make_meeting(committee), author=author, title="Library opening hours")
    Recommendation.objects.create(report=report, position=0, text="<p>That the Committee note the review.</p>")
    client.force_login(author)

    def carried(path: str) -> dict:
        page = client.get(path).content.decode()
        found = re.search(r'<script id="script-words" type="application/json">(.*?)</script>', page)
        assert found, path
        return json.loads(found.group(1))

    welsh = carried(f"/cy/reports/{report.pk}/edit/")
    assert welsh["Saving…"] == "Wrthi'n cadw…" and welsh["Move up"] == "Symud i fyny"
    assert carried(f"/reports/{report.pk}/edit/") == {}
    client.logout()
    assert "script-words" not in client.get("/cy/").content.decode()  # the public's pages load no such script
