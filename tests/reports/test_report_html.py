"""The report page: the structure a screen reader user navigates by, from the one shared template."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from committee.demo import example_report as example
from core.richtext import clean
from reports.models import Paragraph, Recommendation, Report, Section
from tests.conftest import make_report
from tests.report_builders import report_with_content


class Outline(HTMLParser):
    """Headings, table header cells, ordered list items and the exempt banner of a page's <main>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[str, str]] = []
        self.row_headers: list[str] = []
        self.ol_items: list[str] = []
        self.ul_items: list[str] = []
        self.scripts: list[str] = []
        self._stack: list[tuple[str, dict]] = []
        self._text: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "meta", "link", "input"):
            return
        self._stack.append((tag, dict(attrs)))
        self._text.append([])
        if tag == "script":
            self.scripts.append(dict(attrs).get("src", "inline"))

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, attrs = self._stack.pop()
            text = " ".join("".join(self._text.pop()).split())
            if self._text:
                self._text[-1].append(" " + text + " ")
            if open_tag != tag:
                continue
            if tag in ("h1", "h2", "h3", "h4"):
                self.headings.append((tag, text))
            elif tag == "th" and attrs.get("scope") == "row":
                self.row_headers.append(text)
            elif tag == "li":
                parent = next((t for t, _a in reversed(self._stack) if t in ("ol", "ul")), None)
                (self.ol_items if parent == "ol" else self.ul_items).append(text)
            break

    def handle_data(self, data):
        if self._text:
            self._text[-1].append(data)


def outline_of(response) -> Outline:
    parser = Outline()
    body = response.content.decode()
    # Only the page's own content: the site footer has headings of its own.
    parser.feed(body[body.index("<main") : body.index("</main>")])
    return parser


def test_the_example_report_page_has_the_councils_structure(client, demo):
    report = Report.objects.get(title__startswith="HMIC")
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    page = outline_of(response)

    h1s = [text for tag, text in page.headings if tag == "h1"]
    assert h1s == [example.TITLE]
    assert [text for tag, text in page.headings if tag == "h2"] == [
        "Summary",
        "Recommendations",
        "1. Why this report is needed",
        "2. Reasons for recommendations",
        "3. Alternative options considered and not recommended",
        "4. Post decision implementation",
        "5. Implications of decision",
        "6. Background papers",
    ]
    assert ("h3", "5.4 Risk Management") in page.headings
    assert page.row_headers == [
        "Title",
        "Report of",
        "Wards",
        "Status",
        "Urgent",
        "Key",
        "Enclosures",
        "Officer Contact Details",
    ]
    assert page.ol_items[:3] == [f"{n}. {text}" for n, text in enumerate(example.RECOMMENDATIONS, start=1)]
    assert example.BULLETS_1_3[0] in page.ul_items
    body = response.content.decode()
    assert 'href="mailto:Edward.gilbert@barnet.gov.uk"' in body
    for paper in example.BACKGROUND_PAPERS:
        assert f'href="{paper["url"].replace("&", "&amp;")}"' in body
    assert "Exempt" not in body


def test_the_page_offers_the_pdf_word_and_text_downloads(client, committee):
    report = report_with_content(committee, sections=1, paragraphs=1)
    body = client.get(report.get_absolute_url()).content.decode()
    assert f'href="/reports/{report.pk}/pdf/"' in body
    assert f'href="/reports/{report.pk}/docx/"' in body
    assert "Download as Word (.docx)" in body
    assert f'href="/reports/{report.pk}/text/"' in body


def test_an_exempt_report_page_shows_its_schedule_12a_paragraph_to_a_member(client, committee, committee_member):
    report = report_with_content(committee, sections=1, paragraphs=1, is_exempt=True, exempt_paragraph=3)
    client.force_login(committee_member)
    body = client.get(report.get_absolute_url()).content.decode()
    assert "Exempt — not for publication: paragraph 3 of Schedule 12A" in body


def test_hostile_text_is_inert_on_the_page(client, committee):
    report = make_report(
        committee,
        status=Report.Status.PUBLISHED,
        summary=clean('<p onclick="steal()">Hi<script>alert(1)</script><img src=x onerror=alert(2)></p>'),
    )
    section = Section.objects.create(report=report, position=0, heading="<script>alert(3)</script>")
    Paragraph.objects.create(section=section, text=clean('<p><a href="javascript:alert(4)">x</a></p>'))
    Recommendation.objects.create(report=report, text=clean("<p><style>body{display:none}</style>Ok</p>"))
    response = client.get(report.get_absolute_url())
    page = outline_of(response)
    body = response.content.decode()
    assert all(src != "inline" for src in page.scripts)
    assert "alert(" not in body.replace("&lt;script&gt;alert(3)&lt;/script&gt;", "")
    assert "onclick" not in body and "onerror" not in body and "javascript:" not in body
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in body  # a heading is shown as typed


def test_the_page_costs_the_same_queries_whatever_the_reports_size(client, committee, django_assert_max_num_queries):
    small = report_with_content(committee, sections=1, paragraphs=1)
    large = report_with_content(committee, sections=6, paragraphs=20, title="Large")
    with django_assert_max_num_queries(20) as small_queries:
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(20) as large_queries:
        client.get(large.get_absolute_url())
    assert len(large_queries.captured_queries) == len(small_queries.captured_queries)


@pytest.mark.parametrize("persona", [None, "other_committee_member"])
def test_an_exempt_report_page_is_not_found_for_outsiders(client, committee, persona, request):
    report = report_with_content(committee, sections=1, paragraphs=1, is_exempt=True, exempt_paragraph=1)
    if persona:
        client.force_login(request.getfixturevalue(persona))
    assert client.get(report.get_absolute_url()).status_code == 404
