"""Pasting from Word into the report editor (issue 16): a Word-like clipboard (MsoNormal paragraphs,
mso-list bullets, a table, a heading, manual numbers) pasted into a paragraph becomes several
paragraphs of the report, nested by their numbers, which the server numbers again; bold, italic,
links, the list and the table's header row are kept, and text in angle brackets stays text."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.models import Paragraph, Report
from reports.structure import prefetch_report, report_structure
from tests.browser.test_rich_text_editor import draft, open_editor, saved, sign_in, strict_page  # noqa: F401

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# As Word writes it to the clipboard (its <head> of styles trimmed).
WORD_CLIPBOARD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {margin:0cm;} --></style></head>
<body lang=EN-GB style='tab-interval:36.0pt'><!--StartFragment-->
<p class=MsoNormal>1.1<span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp; </span>The <b>libraries</b> are quiet
on <i>Monday</i> evenings &lt;see the table&gt;.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span></span><![endif]>staff<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span></span><![endif]>heating<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>
<tr><td width=200 valign=top><p class=MsoNormal><b>Day<o:p></o:p></b></p></td>
<td width=200 valign=top><p class=MsoNormal><b>Visits<o:p></o:p></b></p></td></tr>
<tr><td width=200 valign=top><p class=MsoNormal>Monday<o:p></o:p></p></td>
<td width=200 valign=top><p class=MsoNormal>40<o:p></o:p></p></td></tr>
</table>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<h2 style='mso-list:l1 level2 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.2<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Risk Management<o:p></o:p></h2>
<p class=MsoNormal>1.2.1 See <a href="https://www.barnet.gov.uk/libraries">the <i>libraries</i> plan</a>.<o:p></o:p></p>
<p class=MsoNormal style='margin-left:36.0pt'>a)&nbsp;&nbsp; that the Committee note it<o:p></o:p></p>
<!--EndFragment--></body></html>"""

PASTE = """([selector, html, text]) => {
  const target = document.querySelector(selector);
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", text);
  target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
}"""


def numbered(report: Report) -> list[tuple[str, str, str]]:
    doc = report_structure(prefetch_report(Report.objects.filter(pk=report.pk)).get())
    rows = []

    def walk(paragraphs):
        for p in paragraphs:
            rows.append((p.number, p.heading, p.text))
            walk(p.children)

    for section in doc.sections:
        walk(section.paragraphs)
    return rows


def test_paragraphs_pasted_from_word_become_numbered_paragraphs(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.evaluate(PASTE, ['[aria-label="Paragraph 1.1"]', WORD_CLIPBOARD, "1.1 The libraries are quiet"])

    page.get_by_role("textbox", name="Paragraph 1.3.1.1").wait_for()
    page.wait_for_function(
        "document.activeElement && document.activeElement.getAttribute('aria-label') === 'Paragraph 1.3.1.1'"
    )
    assert numbered(draft) == [
        ("1.1", "", "<p>Fewer people visit on Monday evenings.</p>"),
        (
            "1.2",
            "",
            "<p>The <strong>libraries</strong> are quiet on <em>Monday</em> evenings &lt;see the table&gt;.</p>"
            "<ul><li>staff</li><li>heating</li></ul>"
            '<table><thead><tr><th scope="col">Day</th><th scope="col">Visits</th></tr></thead>'
            "<tbody><tr><td>Monday</td><td>40</td></tr></tbody></table>",
        ),
        ("1.3", "Risk Management", ""),
        (
            "1.3.1",
            "",
            '<p>See <a href="https://www.barnet.gov.uk/libraries" rel="noopener noreferrer">'
            "the <em>libraries</em> plan</a>.</p>",
        ),
        ("1.3.1.1", "", "<p>that the Committee note it</p>"),
    ]
    # The page shows the server's numbers and the text formatted, never as markup.
    body = page.locator("#main-content").inner_text()
    assert "<see the table>" in body and "&lt;" not in body and "<strong>" not in body
    assert page.locator(".council-block th", has_text="Visits").count() == 1
    assert page.get_by_role("heading", name="1.3 Risk Management").count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "paste-from-word.png"), full_page=True)


def test_one_plain_paragraph_is_pasted_in_place(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.keyboard.type(" ")
    html = "<p class=MsoNormal>Staff said <b>so</b> &lt;in May&gt;.<o:p></o:p></p>"
    page.evaluate(PASTE, ['[aria-label="Paragraph 1.1"]', html, "Staff said so <in May>."])
    saved(page)
    assert list(Paragraph.objects.filter(section__report=draft).values_list("text", flat=True)) == [
        "<p>Fewer people visit on Monday evenings. Staff said <strong>so</strong> &lt;in May&gt;.</p>"
    ]


def test_a_heading_and_its_table_pasted_into_a_new_paragraph_make_a_sub_section(live_server, strict_page, draft):  # noqa: F811
    page, base = strict_page, live_server.url
    sign_in(page, base)
    open_editor(page, base, draft)
    page.get_by_role("textbox", name="Paragraph 1.1").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.get_by_role("textbox", name="Paragraph 1.2").wait_for()
    html = "<h2>Staffing</h2><table><tr><td>Role</td><td>Hours</td></tr><tr><td>Librarian</td><td>20</td></tr></table>"
    page.evaluate(PASTE, ['[aria-label="Paragraph 1.2"]', html, "Staffing"])
    page.get_by_role("heading", name="1.2 Staffing").wait_for()
    page.get_by_role("textbox", name="Paragraph 1.2.1").wait_for()
    page.get_by_role("textbox", name="Paragraph 1.1").click()  # leaving: nothing pasted is taken away
    page.wait_for_timeout(1000)
    assert numbered(draft) == [
        ("1.1", "", "<p>Fewer people visit on Monday evenings.</p>"),
        ("1.2", "Staffing", ""),
        (
            "1.2.1",
            "",
            '<table><thead><tr><th scope="col">Role</th><th scope="col">Hours</th></tr></thead>'
            "<tbody><tr><td>Librarian</td><td>20</td></tr></tbody></table>",
        ),
    ]
