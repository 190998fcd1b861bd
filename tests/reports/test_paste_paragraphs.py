"""Paragraphs pasted from Word into the editor (issue 16): manual numbering ("1.1", "2.", "a)",
"(i)") taken off and turned into the report's own structure (reports/paste_numbering.py), and the
paste endpoint placing them as paragraphs of the report (reports/blocks.py `paste_paragraphs`)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from reports import blocks, editing, revisions
from reports.models import Paragraph, Report, Section
from reports.paste_numbering import Placed, numbering, place
from reports.structure import prefetch_report, report_structure
from reports.templates_setup import ensure_standard_template, start_report_from_template
from tests.conftest import make_user

# The rule ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "kind", "parts", "rest"),
    [
        ("<p>1.1 The report</p>", "decimal", 2, "<p>The report</p>"),
        ("<p>2. Reasons</p>", "decimal", 1, "<p>Reasons</p>"),
        ("<p>5.2.1 Risk</p>", "decimal", 3, "<p>Risk</p>"),
        ("<p>3 Background</p>", "decimal", 1, "<p>Background</p>"),
        ("<p><strong>2.3</strong> Risk <em>Management</em></p>", "decimal", 2, "<p>Risk <em>Management</em></p>"),
        ("<p><strong>2.3 Risk</strong></p>", "decimal", 2, "<p><strong>Risk</strong></p>"),
        ("<p>a) that the Committee</p>", "letter", 0, "<p>that the Committee</p>"),
        ("<p>(b) note the plan</p>", "letter", 0, "<p>note the plan</p>"),
        ("<p>(i) the first</p>", "roman", 0, "<p>the first</p>"),
        ("<p>iv) the fourth</p>", "roman", 0, "<p>the fourth</p>"),
        ("<p>1.1 &lt;Name of officer&gt; will report</p>", "decimal", 2, "<p>&lt;Name of officer&gt; will report</p>"),
    ],
)
def test_manual_numbering_is_found_and_taken_off(html, kind, parts, rest):
    found = numbering(html)
    assert (found.kind, found.parts, found.rest) == (kind, parts, rest)


@pytest.mark.parametrize(
    "html",
    [
        "<p>2.5 million people visited the libraries.</p>",
        "<p>12 libraries will open later.</p>",
        "<p>The report provides 1.1 of something.</p>",
        "<p>&lt;Name of officer&gt; will report</p>",
        "<p>A Competitive Dialogue</p>",
        "<p>2026 was a good year</p>",
        "",
    ],
)
def test_text_that_only_starts_with_a_figure_keeps_it(html):
    assert numbering(html) is None


def test_numbers_become_levels_relative_to_the_first_paragraph():
    pieces = [
        (1, True, "<p>2. Reasons for the recommendations</p>"),
        (1, False, "<p>2.1 The libraries are quiet.</p>"),
        (1, False, "<p>More about that.</p>"),
        (1, False, "<p>2.1.1 On Mondays.</p>"),
        (1, False, "<p>a) in the evening</p>"),
        (1, False, "<p>(i) after six</p>"),
        (1, False, "<p>(ii) after seven</p>"),
        (1, False, "<p>b) at weekends</p>"),
        (1, False, "<p>2.2 Staff agree.</p>"),
    ]
    assert place(pieces) == [
        Placed(0, "Reasons for the recommendations", ""),
        Placed(1, "", "<p>The libraries are quiet.</p>"),
        Placed(1, "", "<p>More about that.</p>"),
        Placed(2, "", "<p>On Mondays.</p>"),
        Placed(3, "", "<p>in the evening</p>"),
        Placed(4, "", "<p>after six</p>"),
        Placed(4, "", "<p>after seven</p>"),
        Placed(3, "", "<p>at weekends</p>"),
        Placed(1, "", "<p>Staff agree.</p>"),
    ]


def test_no_paragraph_goes_above_the_first_or_skips_a_level():
    pieces = [
        (1, False, "<p>1.2.1 Deep first.</p>"),
        (1, False, "<p>1.3 Shallower.</p>"),
        (1, False, "<p>1.3.1.1 Two down.</p>"),
    ]
    assert [p.level for p in place(pieces)] == [0, 0, 1]


def test_the_ninth_letter_is_not_a_roman_one():
    letters = [(1, False, f"<p>{c}) item</p>") for c in "abcdefghi"]
    assert {p.level for p in place([(1, False, "<p>1. Point</p>"), *letters])} == {0, 1}


def test_unnumbered_paragraphs_follow_words_list_level():
    pieces = [(1, False, "<p>First.</p>"), (2, False, "<p>Under it.</p>"), (1, False, "<p>Back.</p>")]
    assert [p.level for p in place(pieces)] == [0, 1, 0]


# The endpoint ------------------------------------------------------------------------------------


@pytest.fixture
def draft(db, committee, author):
    report = start_report_from_template(
        ensure_standard_template(), committee=committee, title="Libraries review", report_of="Director", author=author
    )
    revisions.record(report, author)
    return report


def first_paragraph(report) -> Paragraph:
    """An empty paragraph, alone in a section of its own at the end of the report."""
    section = Section.objects.create(report=report, heading="Reasons for recommendations", position=99)
    return Paragraph.objects.create(section=section, position=0, text="")


def paste(client, report, paragraph, **body):
    return client.post(
        reverse("reports:paragraph_paste", args=[report.pk, paragraph.pk]),
        json.dumps(body),
        content_type="application/json",
    )


def version(report) -> int:
    return Report.objects.get(pk=report.pk).version


def numbered(report, paragraph) -> list[tuple[str, str, str]]:
    """(number, heading, text) of each paragraph of the paragraph's section, as the report numbers them."""
    doc = report_structure(prefetch_report(Report.objects.filter(pk=report.pk)).get())
    section = next(s for s in doc.sections if s.pk == paragraph.section_id)
    out = []

    def walk(paragraphs):
        for p in paragraphs:
            out.append((p.number, p.heading, p.text))
            walk(p.children)

    walk(section.paragraphs)
    return out


WORD = [
    {
        "depth": 1,
        "html": "<p class=MsoNormal>1.1<span style='mso-tab-count:1'>&nbsp;&nbsp; </span>"
        "The <b>libraries</b> are quiet.<o:p></o:p></p>",
    },
    {
        "depth": 1,
        "html": "<p class=MsoNormal>1.1.1 On <i>Mondays</i> &lt;see table&gt;.</p>"
        "<table class=MsoTableGrid><tr><td><p>Day</p></td><td><p>Visits</p></td></tr>"
        "<tr><td><p>Monday</p></td><td><p>40</p></td></tr></table>",
    },
    {"depth": 1, "heading": True, "html": "<h2>1.2 Risk Management</h2>"},
    {
        "depth": 1,
        "html": "<p class=MsoNormal>1.2.1 See <a href='https://www.barnet.gov.uk/'>the plan</a>:</p>"
        "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'>"
        "<span style='mso-list:Ignore'>·<span>&nbsp; </span></span>"
        "staff</p>"
        "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'>"
        "<span style='mso-list:Ignore'>·<span>&nbsp; </span></span>"
        "money</p>",
    },
]


def test_word_paragraphs_pasted_into_an_empty_paragraph_become_numbered_paragraphs(client, author, draft):
    client.force_login(author)
    target = first_paragraph(draft)
    editing_version = version(draft)
    response = paste(client, draft, target, before="", after="", pieces=WORD, version=editing_version)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == editing_version + 1  # one versioned change
    rows = numbered(draft, target)
    number = rows[0][0].rsplit(".", 1)[0]  # the section's number
    assert rows[:4] == [
        (f"{number}.1", "", "<p>The <strong>libraries</strong> are quiet.</p>"),
        (
            f"{number}.1.1",
            "",
            "<p>On <em>Mondays</em> &lt;see table&gt;.</p>"
            '<table><thead><tr><th scope="col">Day</th><th scope="col">Visits</th></tr></thead>'
            "<tbody><tr><td>Monday</td><td>40</td></tr></tbody></table>",
        ),
        (f"{number}.2", "Risk Management", ""),
        (
            f"{number}.2.1",
            "",
            '<p>See <a href="https://www.barnet.gov.uk/" rel="noopener noreferrer">the plan</a>:</p>'
            "<ul><li>staff</li><li>money</li></ul>",
        ),
    ], rows
    target.refresh_from_db()
    assert target.text == "<p>The <strong>libraries</strong> are quiet.</p>"  # the first filled the empty one
    assert body["block"] == f"paragraph-{Paragraph.objects.get(section__report=draft, text__contains='the plan').pk}"


def test_text_before_and_after_the_cursor_stays_round_the_pasted_paragraphs(client, author, draft):
    client.force_login(author)
    target = first_paragraph(draft)
    response = paste(
        client,
        draft,
        target,
        before="<p>Before.</p>",
        after="<p>After.</p>",
        pieces=[{"depth": 1, "html": "<p>2. One</p>"}, {"depth": 1, "html": "<p>2.1 Under one</p>"}],
        version=version(draft),
    )
    assert response.status_code == 200, response.content
    texts = [text for _, _, text in numbered(draft, target)]
    start = texts.index("<p>Before.</p>")
    assert texts[start : start + 4] == ["<p>Before.</p>", "<p>One</p>", "<p>Under one</p>", "<p>After.</p>"]
    one = Paragraph.objects.get(section__report=draft, text="<p>One</p>")
    assert Paragraph.objects.get(text="<p>Under one</p>", section__report=draft).parent_id == one.pk
    assert Paragraph.objects.get(text="<p>After.</p>", section__report=draft).parent_id == target.parent_id


@pytest.mark.parametrize(
    "pieces", [None, [], "x", [{"depth": 1}], [{"html": 3}], [{"html": "<p> </p>"}], [{"html": "<p>x</p>"}] * 2001]
)
def test_a_paste_that_cannot_be_read_is_refused_and_nothing_changes(client, author, draft, pieces):
    client.force_login(author)
    target = first_paragraph(draft)
    before = version(draft)
    response = paste(client, draft, target, before="", after="", pieces=pieces, version=before)
    assert response.status_code == 400
    assert response.json()["error"]
    assert version(draft) == before


def test_a_paste_after_someone_else_saved_is_a_conflict(client, author, draft):
    client.force_login(author)
    target = first_paragraph(draft)
    loaded = version(draft)
    with editing.changing(draft, author, loaded) as locked:
        blocks.save(locked, blocks.Block("summary"), "<p>Theirs</p>")
    response = paste(client, draft, target, pieces=[{"html": "<p>1. A</p>"}], version=loaded)
    assert response.status_code == 409


def test_someone_who_may_not_edit_cannot_paste(client, draft, committee):
    client.force_login(make_user("reader"))
    response = paste(client, draft, first_paragraph(draft), pieces=[{"html": "<p>1. A</p>"}], version=version(draft))
    assert response.status_code in (403, 404)


# A heading line made in place --------------------------------------------------------------------


def heading(client, report, paragraph, **body):
    return client.post(
        reverse("reports:paragraph_heading", args=[report.pk, paragraph.pk]),
        json.dumps(body),
        content_type="application/json",
    )


def test_a_line_made_a_heading_heads_a_sub_section_over_the_text_after_it(client, author, draft):
    client.force_login(author)
    target = first_paragraph(draft)
    response = heading(
        client, draft, target, before="", heading=" Risk  Management ", after="<p>None.</p>", version=version(draft)
    )
    assert response.status_code == 200, response.content
    rows = numbered(draft, target)
    number = rows[0][0]
    assert rows == [(number, "Risk Management", ""), (f"{number}.1", "", "<p>None.</p>")]
    assert response.json()["block"] == f"paragraph-{Paragraph.objects.get(text='<p>None.</p>').pk}"


def test_a_heading_after_text_starts_the_next_paragraph(client, author, draft):
    client.force_login(author)
    target = first_paragraph(draft)
    response = heading(client, draft, target, before="<p>Intro.</p>", heading="Risk", after="", version=version(draft))
    assert response.status_code == 200, response.content
    rows = numbered(draft, target)
    assert [(h, t) for _, h, t in rows] == [("", "<p>Intro.</p>"), ("Risk", "")]
    assert response.json()["block"] == f"paragraph-{Paragraph.objects.get(heading='Risk').pk}"


@pytest.mark.parametrize("line", ["", "   ", None, 3, "x" * 301])
def test_an_empty_or_overlong_heading_is_refused(client, author, draft, line):
    client.force_login(author)
    before = version(draft)
    response = heading(client, draft, first_paragraph(draft), before="", heading=line, after="", version=before)
    assert response.status_code == 400
    assert version(draft) == before
