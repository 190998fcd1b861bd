"""No text box on an editor page shows HTML to its author: stored text reopens as plain text with
simple marks (core/editable_text.py), and saving it unchanged stores exactly what was there."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from reports.models import Paragraph, Recommendation, Report, Section
from reports.pasting import to_html
from reports.templates_setup import ensure_standard_template, start_report_from_template

# Every kind of content the editor stores, as the editor itself would store it.
CONTENT = {
    "paragraphs": to_html("<p>The report provides an overview.</p><p>A Competitive Dialogue was run.</p>"),
    "list": to_html(
        "<p>Prevailing themes:</p><ul><li>The police response is <b>poor</b>.</li><li>Delays<ul><li>In custody</li>"
        "</ul></li></ul><ol><li>First</li><li>Second</li></ol>"
    ),
    "marks": to_html(
        "<p><strong>Bold</strong>, <em>italic</em> and <a href='https://www.barnet.gov.uk/plan'>the plan</a>.</p>"
    ),
    "brackets": to_html("Email <priya.shah@example.gov.uk> and press <Enter>; 5 * 3 [sic]."),
    "break": to_html("<p>Barnet House<br>2 Bristol Avenue</p>"),
    "table": to_html(
        "<table><tr><td><b>Year</b></td><td><b>Places</b></td></tr><tr><td>2016</td><td>40</td></tr></table>"
    ),
}
TAG = re.compile(r"</?(?:p|br|strong|b|em|i|a|ul|ol|li|table|thead|tbody|tr|th|td|caption)\b[^>]*>", re.IGNORECASE)


class _Boxes(HTMLParser):
    """Every textarea's text and every text input's value, as the browser shows them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.boxes: list[tuple[str, str]] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "textarea":
            self._in = attrs.get("name", "")
            self.boxes.append((self._in, ""))
        elif tag == "input" and attrs.get("type", "text") == "text":
            self.boxes.append((attrs.get("name", ""), attrs.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._in = None

    def handle_data(self, data):
        if self._in is not None:
            name, text = self.boxes[-1]
            self.boxes[-1] = (name, text + data)


def boxes(page: str) -> list[tuple[str, str]]:
    parser = _Boxes()
    parser.feed(page)
    return parser.boxes


@pytest.fixture
def full_report(committee, meeting, author):
    report = start_report_from_template(
        ensure_standard_template(), committee=committee, meeting=meeting, title="T", report_of="R", author=author
    )
    report.summary = CONTENT["paragraphs"] + CONTENT["marks"]
    report.save()
    for position, text in enumerate([CONTENT["list"], CONTENT["brackets"]]):
        Recommendation.objects.create(report=report, position=position, text=text)
    section = report.sections.exclude(is_background_papers=True).first()
    parent = Paragraph.objects.create(section=section, position=90, heading="Risk <management>", text=CONTENT["table"])
    Paragraph.objects.create(section=section, parent=parent, position=0, text=CONTENT["break"])
    for position, key in enumerate(CONTENT, start=91):
        Paragraph.objects.create(section=section, position=position, text=CONTENT[key])
    return report


def editor_pages(report: Report):
    """Every page of the editor with a text box open on it."""
    edit = reverse("reports:report_edit", args=[report.pk])
    yield edit + "?edit=summary"
    for rec in report.recommendations.all():
        yield edit + f"?edit=recommendation-{rec.pk}"
    for paragraph in Paragraph.objects.filter(section__report=report):
        yield edit + f"?edit=paragraph-{paragraph.pk}"
        yield edit + f"?add=under-{paragraph.pk}"
    for section in Section.objects.filter(report=report):
        yield edit + f"?edit=section-{section.pk}"
        yield edit + f"?add=section-{section.pk}"
    yield edit + "?add=recommendation-new"
    yield reverse("reports:report_details", args=[report.pk])


def test_no_text_box_on_any_editor_page_shows_html(client, author, full_report):
    client.force_login(author)
    seen = 0
    for url in editor_pages(full_report):
        response = client.get(url)
        assert response.status_code == 200, url
        for name, text in boxes(response.content.decode()):
            seen += 1
            assert not TAG.search(text), f"{url}: the {name} box shows markup: {text!r}"
    assert seen > 20


def test_every_kind_of_content_reopens_readably(client, author, full_report):
    client.force_login(author)
    rec = full_report.recommendations.order_by("position").first()
    page = client.get(reverse("reports:report_edit", args=[full_report.pk]) + f"?edit=recommendation-{rec.pk}")
    shown = dict(boxes(page.content.decode()))["text"]
    assert shown == (
        "Prevailing themes:\n\n- The police response is **poor**.\n- Delays\n  - In custody\n\n1. First\n2. Second"
    )
    table = Paragraph.objects.get(section__report=full_report, heading="Risk <management>")
    page = client.get(reverse("reports:report_edit", args=[full_report.pk]) + f"?edit=paragraph-{table.pk}")
    assert dict(boxes(page.content.decode()))["text"] == "| Year | Places |\n| --- | --- |\n| 2016 | 40 |"


def test_saving_a_text_box_unchanged_stores_the_same_html(client, author, full_report):
    client.force_login(author)
    edit = reverse("reports:report_edit", args=[full_report.pk])
    for paragraph in Paragraph.objects.filter(section__report=full_report, position__gte=90):
        page = client.get(edit + f"?edit=paragraph-{paragraph.pk}").content.decode()
        shown = dict(boxes(page))
        version = Report.objects.get(pk=full_report.pk).version
        response = client.post(
            reverse("reports:paragraph_change", args=[full_report.pk, paragraph.pk, "save"]),
            {"version": version, "heading": html.unescape(shown["heading"]), "text": shown["text"]},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        saved = Paragraph.objects.get(pk=paragraph.pk)
        assert (saved.heading, saved.text) == (paragraph.heading, paragraph.text)
    page = client.get(edit + "?edit=summary").content.decode()
    version = Report.objects.get(pk=full_report.pk).version
    client.post(
        reverse("reports:summary_save", args=[full_report.pk]),
        {"version": version, "summary": dict(boxes(page))["summary"]},
    )
    assert Report.objects.get(pk=full_report.pk).summary == full_report.summary


def test_no_suggestion_box_shows_html_and_an_unchanged_one_suggests_nothing(client, author, full_report):
    """An approver's suggested text starts as the part's own words (the comments page, which the editor's
    threads are read from): plain text, like the editor's boxes; sent back unchanged it is a comment only."""
    client.force_login(author)
    comments_page = reverse("reports:report_comments", args=[full_report.pk])
    parts = [f"recommendation-{rec.pk}" for rec in full_report.recommendations.all()]
    parts += [f"paragraph-{p.pk}" for p in Paragraph.objects.filter(section__report=full_report, position__gte=90)]
    suggested = 0
    for key in parts:
        page = client.get(f"{comments_page}?on={key}").content.decode()
        shown = dict(boxes(page))
        assert not TAG.search(shown["suggestion"]), f"{key}: the suggestion box shows markup: {shown['suggestion']!r}"
        suggested += bool(shown["suggestion"])
        part, item = key.split("-")
        client.post(
            reverse("reports:comment_add", args=[full_report.pk]),
            {"part": part, "item": item, "body": "Fine as it is.", "suggestion": shown["suggestion"]},
        )
    assert suggested == len(parts) >= 8
    threads = full_report.comments.filter(parent=None)
    assert threads.count() == len(parts)
    assert not threads.exclude(suggestion_state="").exists()  # nothing suggested: the words were the same
