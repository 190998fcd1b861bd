"""The staff's pages and e-mails in Welsh: every page an officer, author, approver, councillor or
monitoring officer can open reads in Welsh at its /cy/ address, and every e-mail reads in Welsh when
drawn in Welsh. A page fails if a sentence the catalogue translates is still in English on it, or if
it shows English words that neither the catalogue nor the council's own content explains: a string a
template, form or view forgot to mark for translation."""

from __future__ import annotations

import datetime
import html
import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import models
from django.urls import translate_url
from django.utils import translation

from core.plain_text import render_plain_text
from tests import access_matrix as spec
from tests.core.test_welsh_catalogue import PO, read_po
from tests.matrix_world import build_world
from tests.test_access_matrix import PROJECT_PATTERNS, _reverse, subject_kwargs
from tests.web.test_welsh_site import ENGLISH_CONTENT, ENGLISH_LEFT

pytestmark = pytest.mark.django_db

# Who opens each page, most likely first: the first persona the access matrix lets in reads it.
STAFF_PERSONAS = ["governance_officer", "author", "approver", "monitoring_officer", "committee_member", "administrator"]
# Words a Welsh sentence does not have and an English one seldom lacks.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|to|for|this|that|is|are|be|been|not|with|by|your|you|has|have|will|it|from|"
    r"was|were|which|who|when|what|there|their|or|on|at|an|as|can|may|must|no|yet|save|edit|add|"
    r"delete|remove|report|reports|meeting|meetings|committee|minutes|draft|submit|publish|"
    r"published|approve|approved|change|changes|sign|back|new|none|cancel|back|open|show|help)\b",
    re.IGNORECASE,
)
CHOICE_KEY = re.compile(r"[a-z0-9_-]+")
TAG = re.compile(r"<[^>]+>")
HIDDEN = re.compile(r"<(script|style|template|svg)\b.*?</\1>", re.DOTALL)
# The scripts' words (core/script_words.py): JSON keyed by their English, never shown; each key's
# Welsh is what the scripts write (tests/browser/test_scripts_in_welsh.py sees it written).
SCRIPT_WORDS = re.compile(r'<script id="script-words" type="application/json">.*?</script>', re.DOTALL)
# Words shown to the reader in attributes.
ATTRIBUTES = re.compile(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"')
SUBMIT_VALUES = re.compile(r'<input[^>]*type="submit"[^>]*value="([^"]*)"')


def content_strings() -> list[str]:
    """Every piece of text the council (here, the test world) wrote: titles, names, paragraphs. It is
    content, in the language it was written in, not the interface."""
    found = set()
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                # Long text is shown stripped of its marks and a paragraph at a time.
                found.update(re.split(r"\s*\n\s*|<[^>]+>", html.unescape(str(value or ""))))
    # Not the stored keys of choices ("published"), which the interface shows by their labels.
    return sorted((s for s in found if len(s) > 3 and not CHOICE_KEY.fullmatch(s)), key=len, reverse=True)


def shown_text(page: str) -> list[str]:
    """The pieces of text a reader sees or hears on a page, outside content marked as English."""
    page = HIDDEN.sub("", ENGLISH_CONTENT.sub("", page))
    texts = ATTRIBUTES.findall(page) + SUBMIT_VALUES.findall(page)
    texts += TAG.split(page)
    return [" ".join(html.unescape(t).split()) for t in texts if t.strip()]


# Words Welsh shares with English ("Agenda", "CSV"): the catalogue gives them unchanged.
SAME_IN_WELSH = {e.msgid for e in read_po(PO) if e.strings and e.strings[0] == e.msgid}
# Text still in English on a page type, each for a reason outside these pages' templates: none now
# (the agenda builder's classifications are worded in the reader's language since issue 21's document work).
KNOWN_GAPS: dict[str, list[str]] = {}


def english_left(page: str, content: list[str]) -> list[str]:
    # A catalogue sentence the council also wrote as content (a standard item's title, a template's
    # heading) is its content here: the staff edit the words they wrote.
    written = set(content)
    page = SCRIPT_WORDS.sub("", page)
    # A short catalogue sentence inside a longer one the council wrote ("Background paper" in its heading
    # "Background papers") is content too.
    unwritten = html.unescape(page)
    for piece in content:
        if len(piece) > 3:
            unwritten = unwritten.replace(piece, " ")
    left = [msgid for msgid in ENGLISH_LEFT if msgid in page and msgid in unwritten and msgid not in written]
    for shown in shown_text(page):
        text = shown
        for piece in content:
            if len(piece) > 3 and piece in text:
                text = text.replace(piece, " ")
        if text in SAME_IN_WELSH:
            continue
        # A word standing alone (a button, a tag, a heading), or a phrase with two English words in it.
        alone = shown == text and len(text.split()) == 1 and ENGLISH_WORDS.fullmatch(text)
        if alone or len(ENGLISH_WORDS.findall(text)) >= 2:
            left.append(text)
    return left


@pytest.fixture
def world(db):
    return build_world()


def staff_pages(world) -> list[tuple[str, str, str]]:
    """(URL name, persona, English path) of every page type staff or councillors open signed in, which
    the public cannot: those are tests/web/test_welsh_site.py's."""
    pages = []
    for name in PROJECT_PATTERNS:
        expect = spec.EXPECTATIONS.get(name)
        if expect is None or name.startswith("^") or name in spec.FILE_ROUTES:
            continue
        states = spec.SUBJECT_STATES[expect.subject]
        if any(expect.get("anonymous", s) == 200 for s in states):
            continue
        for persona in STAFF_PERSONAS:
            opened = [s for s in states if expect.get(persona, s) == 200]
            if opened:
                path = _reverse(world, name, expect.subject, opened[0])
                if expect.query:
                    path += "?" + expect.query.format(**subject_kwargs(world, name, expect.subject, opened[0]))
                pages.append((name, persona, path))
                break
    return pages


def test_every_staff_page_type_reads_in_welsh(client, world):
    checked, pages = [], {}
    for name, persona, path in staff_pages(world):
        welsh_path = translate_url(path, "cy")
        if welsh_path == path:
            continue
        client.force_login(world.users[persona])
        response = client.get(welsh_path)
        assert response.status_code == 200, (name, welsh_path)
        if not response["Content-Type"].startswith("text/html"):
            continue
        pages[f"{name} ({welsh_path} as {persona})"] = response.content.decode()
        checked.append(name)
    # Read after the pages: a page may make what it shows (the council's standard template).
    content = content_strings()
    english = {}
    for where, page in pages.items():
        gaps = KNOWN_GAPS.get(where.split(" ")[0], [])
        left = [text for text in english_left(page, content) if not any(text.startswith(gap) for gap in gaps)]
        if left:
            english[where] = left
    assert not english, "Staff pages still in English:\n" + "\n".join(f"{k}: {v}" for k, v in english.items())
    for expected in [
        "reports:dashboard",
        "reports:report_edit",
        "reports:report_manage",
        "reports:report_route",
        "reports:report_welsh",
        "committee:agenda_build",
        "committee:minutes_edit",
        "reports:template_edit",
        "reports:template_new",
        "committee:decision_records",
    ]:
        assert expected in checked, expected


def _english_in_mail(text: str, content: list[str]) -> list[str]:
    lines = [line for line in text.splitlines() if line.strip() and not line.strip().startswith("http")]
    return english_left("\n".join(f"<p>{html.escape(line)}</p>" for line in lines), content)


def test_every_clearance_email_reads_in_welsh(world, mailoutbox):
    from django.contrib.auth import get_user_model

    from committee import correspondence
    from reports import notifications
    from reports.models import SignOff

    report = world.reports["submitted"]
    signoff = SignOff.objects.filter(report=report).select_related("approver").first()
    signoff.comment = "Mae angen ffigurau cyllid newydd."
    # Each is written in its reader's e-mail language, not the page's: here everybody chose Welsh.
    for user in get_user_model().objects.all():
        correspondence.choose(user, "cy")
    with translation.override("en-gb"):
        notifications.signoff_requested(report, [(signoff.get_role_display(), signoff.approver)])
        notifications.changes_requested(report, signoff)
        notifications.cleared(report)
        notifications.approved(report)
        notifications.report_published(report)
    assert len({m.subject.split(":")[0] for m in mailoutbox}) == 5
    content = content_strings()
    for message in mailoutbox:
        left = _english_in_mail(f"{message.subject}\n{message.body}", content)
        assert not left, (message.subject, left)
    assert "Gofynnwyd am gymeradwyaeth:" in mailoutbox[0].subject


def test_the_councils_other_emails_read_in_welsh(world):
    """The call-in, six-month-rule and alert e-mails, drawn in Welsh from their templates."""
    person = SimpleNamespace(name="Ann Jones", ward=SimpleNamespace(name="Rhyl"))
    day = datetime.date(2017, 2, 21)
    contexts = {
        "call_in": {
            "event": "called_in",
            "subject": SimpleNamespace(title="Toiledau cyhoeddus", maker="Cabinet", decided_on=day),
            "notice": SimpleNamespace(call_in_deadline=day),
            "signatories": ["Ann Jones", "Huw Puw"],
            "members_required": 3,
            "scrutiny_meeting": None,
            "link": "https://example.org/",
            "council_name": "Cyngor Sir Ddinbych",
        },
        "six_month_rule": {
            "absence": SimpleNamespace(person=person, attended_before=True, counted_from=day, ceases_on=day),
            "council": "Cyngor Sir Ddinbych",
            "months": 4,
        },
        "alert_confirm": {
            "council_name": "Cyngor Sir Ddinbych",
            "what": "Cabinet",
            "alert": SimpleNamespace(get_frequency_display="Unwaith y dydd"),
            "days": 7,
            "confirm_url": "https://example.org/",
        },
        "alert": {
            "council_name": "Cyngor Sir Ddinbych",
            "headline": "papur",
            "what": "Cabinet",
            "entries": [
                SimpleNamespace(
                    title="Toiledau cyhoeddus",
                    published_as="Rhaglen",
                    committee="Cabinet",
                    meeting_date="Dydd Mawrth, 21 Chwefror 2017",
                    reason="Cabinet",
                    is_part_2=True,
                    exempt_paragraph=14,
                    read_url="https://example.org/",
                    meeting_url="https://example.org/",
                )
            ],
            "changes": [],
            "unsubscribe_url": "https://example.org/",
            "manage_url": "https://example.org/",
        },
    }
    content = content_strings()
    for name, context in contexts.items():
        with translation.override("cy"):
            subject = render_plain_text(f"emails/{name}_subject.txt", context)
            body = render_plain_text(f"emails/{name}.txt", context)
        left = _english_in_mail(f"{subject}\n{body}", content)
        assert not left, (name, left)
        with translation.override("en"):
            english = render_plain_text(f"emails/{name}.txt", context)
        assert english != body, name
