"""The text an author edits (core/editable_text.py): stored HTML shown as plain text with simple
marks, and read back to exactly the same HTML."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from committee.demo import example_report
from core import richtext
from core.editable_text import from_text, to_text
from reports.pasting import to_html

STORED = [
    "<p>The report provides an overview.</p><p>A Competitive Dialogue was run.</p>",
    "<p>Prevailing themes:</p><ul><li>One</li><li>Two<ul><li>Nested</li></ul></li></ul>"
    "<ol><li>First</li><li>Second</li></ol>",
    "<p><strong>Bold</strong>, <em>italic</em>, <strong><em>both</em></strong> and "
    '<a href="https://www.barnet.gov.uk/plan" rel="noopener noreferrer">the plan</a>.</p>',
    "<p>Email &lt;priya.shah@example.gov.uk&gt;, press &lt;Enter&gt;, or if a&lt;b and c&gt;d.</p>",
    "<p>- not a bullet</p><p>1. not numbered</p><p>| not a table</p><p>A. N. Other said 5 * 3 = 15 [sic].</p>",
    "<p>Barnet House<br>2 Bristol Avenue</p>",
    "<p>S:\\Committees\\2017 and a note*</p>",
    '<table><thead><tr><th scope="col">Year</th><th scope="col">Places | seats</th></tr></thead>'
    "<tbody><tr><td>2016</td><td><strong>40</strong></td></tr><tr><td>2017</td><td></td></tr></tbody></table>",
    "<ul><li>Monday to Friday<br>9am to 8pm</li></ul>",
]


@pytest.mark.parametrize("html", STORED)
def test_stored_text_reopens_as_plain_text_and_saves_back_the_same(html):
    shown = to_text(html)
    assert not richtext.has_markup(shown), shown
    assert from_text(shown) == html


def test_paragraphs_lists_and_marks_look_as_documented():
    assert to_text(STORED[0]) == "The report provides an overview.\n\nA Competitive Dialogue was run."
    assert to_text(STORED[1]) == "Prevailing themes:\n\n- One\n- Two\n  - Nested\n\n1. First\n2. Second"
    assert to_text(STORED[2]) == "**Bold**, *italic*, ***both*** and [the plan](https://www.barnet.gov.uk/plan)."
    assert to_text(STORED[7]) == ("| Year | Places \\| seats |\n| --- | --- |\n| 2016 | **40** |\n| 2017 |  |")


def test_text_in_angle_brackets_stays_text():
    assert from_text("Press <Enter>, type <p>hello</p> or <script>alert(1)</script>") == (
        "<p>Press &lt;Enter&gt;, type &lt;p&gt;hello&lt;/p&gt; or &lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    assert to_text(from_text("type <b>bold</b>")) == "type <b>bold</b>"


def test_a_link_to_script_is_not_a_link():
    for typed in ("[click](javascript:alert(1))", "[click](javascript:alert)", "[x](data:text/html,hi)"):
        stored = from_text(typed)
        assert "<a" not in stored
        assert from_text(to_text(stored)) == stored


def test_the_example_report_reopens_as_it_was_stored():
    texts = [*example_report.SUMMARY, *example_report.RECOMMENDATIONS]
    for _heading, paragraphs in example_report.SECTIONS:
        texts += [p for p in paragraphs if isinstance(p, str)]
    for text in texts:
        stored = to_html(text)
        assert from_text(to_text(stored)) == stored
        assert not richtext.has_markup(to_text(stored))


def test_whatever_is_pasted_is_stored_as_the_text_box_will_save_it():
    pasted = (
        "<p><b>Heading</b></p><p>Text <i>with</i> a <a href='https://x.example/'>link</a>.</p>"
        "<table><tr><td><p>Year</p></td><td>Places</td></tr><tr><td>2016</td><td><p>40</p><p>more</p></td></tr></table>"
        "<ul><li><p>Item</p></li></ul>"
    )
    stored = to_html(pasted)
    assert from_text(to_text(stored)) == stored
    assert '<thead><tr><th scope="col">Year</th>' in stored


words = st.text(alphabet="ab *_\\|[]()<>-1.#&'\"\n", min_size=0, max_size=60)
marked = st.lists(
    st.one_of(
        words,
        words.map(lambda w: f"**{w.strip()}**"),
        words.map(lambda w: f"*{w.strip()}*"),
        words.map(lambda w: f"[{w.strip() or 'x'}](https://example.org/{w.strip()})"),
        st.sampled_from(["\n\n", "\n- ", "\n  - ", "\n1. ", "\n| a | b |\n| --- | --- |\n| c | d |\n\n", "\\\n"]),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(marked)
@example(r"[\](https://example.org/\)\[x](https://example.org/)")
def test_whatever_is_typed_saves_and_reopens_to_the_same_stored_html(typed):
    stored = from_text(typed)
    shown = to_text(stored)
    assert from_text(shown) == stored, (typed, shown)
    # The only "<" the box shows are the author's own.
    assert shown.count("<") == stored.count("&lt;")
