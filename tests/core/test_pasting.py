"""Paste from Word keeps paragraphs, lists, bold, italic and links, and drops the rest."""

from __future__ import annotations

import pytest

from reports.pasting import to_html

# What Word 2016 puts on the clipboard for a paragraph, a bulleted list and a numbered list.
WORD_CLIPBOARD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<link rel=File-List href="file:///C:/Users/PSHAH/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->
<style><!-- /* Style Definitions */ p.MsoNormal {mso-style-unhide:no; margin:0cm; font-size:12.0pt;}
p.MsoListParagraphCxSpFirst {margin-left:36.0pt;} --></style></head>
<body lang=EN-GB style='tab-interval:36.0pt;word-wrap:break-word'>
<!--StartFragment-->
<p class=MsoNormal><span style='font-family:"Arial",sans-serif'>Prevailing themes that emerged the
inspections were <b>as follows</b>:<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:Symbol'><span
style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span style='font-family:"Arial",sans-serif'>The police response to children
who regularly go missing from home is poor.<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpMiddle style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;
</span></span></span><![endif]><span style='font-family:"Arial",sans-serif'>Some officers had <i>not</i> been
trained.<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-add-space:auto;text-indent:-18.0pt;
mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;
</span></span></span><![endif]>Including CSE roles.<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;
</span></span></span><![endif]>See <a href="https://www.justiceinspectorates.gov.uk/hmic/">the HMIC
site</a>.<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal><span style='font-weight:bold'>Bold by style</span> and <span style='font-style:italic'>italic
by style</span> in <span style='color:red;mso-themecolor:accent2'>colour</span>.<span style='mso-spacerun:yes'>
</span></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><!--[if !supportLists]--><span><span
style='mso-list:Ignore'>1.<span>&nbsp; </span></span></span><!--[endif]-->First<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><!--[if !supportLists]--><span><span
style='mso-list:Ignore'>2.<span>&nbsp; </span></span></span><!--[endif]-->Second<o:p></o:p></p>
<!--EndFragment-->
</body></html>"""


def test_word_paragraphs_lists_bold_italic_and_links_survive():
    assert to_html(WORD_CLIPBOARD) == (
        "<p>Prevailing themes that emerged the inspections were <strong>as follows</strong>:</p>"
        "<ul><li>The police response to children who regularly go missing from home is poor.</li>"
        "<li>Some officers had <em>not</em> been trained.<ul><li>Including CSE roles.</li></ul></li>"
        '<li>See <a href="https://www.justiceinspectorates.gov.uk/hmic/" rel="noopener noreferrer">the HMIC site</a>.'
        "</li></ul>"
        "<p><strong>Bold by style</strong> and <em>italic by style</em> in colour.</p>"
        "<ol><li>First</li><li>Second</li></ol>"
    )


def test_word_leaves_nothing_of_its_own_behind():
    html = to_html(WORD_CLIPBOARD)
    for trace in (
        "mso",
        "Mso",
        "o:p",
        "style=",
        "<style",
        "class=",
        "<span",
        "Symbol",
        "·",
        "&nbsp;",
        "StartFragment",
        "xml",
    ):
        assert trace not in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<p>ok</p><script>alert(1)</script>",
        '<p onmouseover="alert(1)">ok</p>',
        '<p>ok <a href="javascript:alert(1)">link</a></p>',
        '<p>ok</p><iframe src="https://evil.example/"></iframe>',
        "<p>ok</p><style>p{color:red}</style>",
        '<p>ok<img src="x" onerror="alert(1)"></p>',
        '<p>ok <a href="JaVaScRiPt:alert(1)">x</a></p>',
        "<p>ok</p><svg><script>alert(1)</script></svg>",
    ],
)
def test_hostile_input_is_neutralised(hostile):
    html = to_html(hostile)
    assert "ok" in html
    for bad in ("<script", "alert(1)", "onerror", "onmouseover", "javascript:", "<iframe", "<style", "<img", "<svg"):
        assert bad.lower() not in html.lower()


def test_a_plain_text_paste_of_word_bullets_becomes_a_list():
    text = "Prevailing themes:\n•\tThe police response is poor.\n•\tDelays in investigations.\n\nNext paragraph."
    assert to_html(text) == (
        "<p>Prevailing themes:</p><ul><li>The police response is poor.</li><li>Delays in investigations.</li></ul>"
        "<p>Next paragraph.</p>"
    )


def test_text_typed_after_stored_html_becomes_its_own_paragraph():
    assert to_html("<p>Stored.</p>\n\nTyped below & after.") == "<p>Stored.</p><p>Typed below &amp; after.</p>"


def test_simple_tables_are_kept():
    html = to_html("<table><tr><th scope='col'>Year</th></tr><tr><td>2016</td></tr></table>")
    assert "<table>" in html and '<th scope="col">Year</th>' in html and "<td>2016</td>" in html


def test_the_paste_endpoint_cleans_for_the_script(client, author):
    from django.urls import reverse

    client.force_login(author)
    response = client.post(reverse("reports:clean_paste"), {"html": WORD_CLIPBOARD})
    assert response.status_code == 200
    # The text box gets text with simple marks, never HTML.
    assert response.json()["text"].startswith("Prevailing themes that emerged the inspections were **as follows**:")
    assert "\n\n- The police response" in response.json()["text"]
    assert "<" not in response.json()["text"]
    assert client.get(reverse("reports:clean_paste")).status_code == 405


def test_the_paste_endpoint_is_for_staff_only(client, committee_member):
    from django.urls import reverse

    assert client.post(reverse("reports:clean_paste"), {"html": "x"}).status_code == 302
    client.force_login(committee_member)
    assert client.post(reverse("reports:clean_paste"), {"html": "x"}).status_code == 403


def test_word_bookmarks_and_in_document_links_keep_their_words_but_are_not_links():
    pasted = (
        '<p class=MsoNormal>See <a name="_Toc480">the plan</a>, <a href="#_Toc2">section 2</a> and '
        '<a href="https://www.barnet.gov.uk/plan"><span style="color:blue">the website</span></a>.</p>'
    )
    assert to_html(pasted) == (
        '<p>See the plan, section 2 and <a href="https://www.barnet.gov.uk/plan" rel="noopener noreferrer">'
        "the website</a>.</p>"
    )


# A "<" that opens no tag is text -----------------------------------------------------------------

ANGLE_BRACKETS = [
    ("Email <priya.shah@example.gov.uk> for details", "Email <priya.shah@example.gov.uk> for details"),
    ("Press the <Enter> key", "Press the <Enter> key"),
    ("if a<b and c>d", "if a<b and c>d"),
    ("Fewer than <5 places, more than 3> expected", "Fewer than <5 places, more than 3> expected"),
]


def words_of(stored: str) -> str:
    """What a reader sees of stored HTML: its text, entities decoded."""
    import html as html_module
    import re

    return html_module.unescape(re.sub(r"<[^>]*>", "", stored))


@pytest.mark.parametrize(("typed", "seen"), ANGLE_BRACKETS)
def test_angle_brackets_that_open_no_tag_keep_their_words_typed_or_pasted(typed, seen):
    from core import richtext

    assert words_of(to_html(typed)) == seen  # typed as plain text
    assert words_of(to_html(f"<p><b>Note:</b> {typed}</p>")) == f"Note: {seen}"  # among pasted HTML
    assert words_of(richtext.clean(f"<p>{typed}</p>")) == seen  # saved by another path (minutes, import)


def test_real_tags_beside_stray_brackets_are_still_markup_and_still_sanitised():
    stored = to_html("<p>Press <b>Enter</b> or <Enter>, never <script>alert(1)</script><img src=x onerror=alert(2)>")
    assert stored == "<p>Press <strong>Enter</strong> or &lt;Enter&gt;, never</p>"


def test_text_saved_through_the_editor_keeps_an_e_mail_address_in_angle_brackets(client, committee, author):
    from django.urls import reverse

    from reports.models import Paragraph
    from reports.templates_setup import ensure_standard_template, start_report_from_template

    report = start_report_from_template(
        ensure_standard_template(), committee=committee, title="T", report_of="R", author=author
    )
    client.force_login(author)
    section = report.sections.first()
    client.post(
        reverse("reports:paragraph_add", args=[report.pk, section.pk]),
        {"version": report.version, "heading": "Press the <Enter> key", "text": ANGLE_BRACKETS[0][0]},
    )
    paragraph = Paragraph.objects.get(section=section, heading__startswith="Press")
    assert paragraph.heading == "Press the <Enter> key"
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "Email &lt;priya.shah@example.gov.uk&gt; for details" in page
    assert "Press the &lt;Enter&gt; key" in page
