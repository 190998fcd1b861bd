"""The minutes' text boxes take formatted text (core/text_boxes.py): the minute of a decision, a
recommendation as amended and other business. Without JavaScript each box shows the stored HTML as
text with simple marks, never markup, and saves back the same HTML; with it, the editor's HTML
(static/editor/textbox.js, sent as "<name>-html") is sanitised by the one allow-list. Either way the
public minutes show bold, italic, links, lists and tables with a header row."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from committee import agenda, minutes
from committee.models import ItemDecision, Minutes
from core import editable_text, richtext
from core.text_boxes import EditorHtml, FormattedTextField, TypedText

pytestmark = pytest.mark.django_db

STORED = (
    '<p><strong>Agreed</strong> the <em>revised</em> hours, as set out in <a href="https://www.barnet.gov.uk/plan" '
    'rel="noopener noreferrer">the plan</a>.</p><ul><li>Monday: 9am to 8pm</li><li>Saturday</li></ul>'
    '<table><thead><tr><th scope="col">Library</th><th scope="col">Hours</th></tr></thead>'
    "<tbody><tr><td>Chipping Barnet</td><td>52</td></tr></tbody></table>"
)


@pytest.fixture
def item(meeting, governance_officer):
    added = agenda.add_item(meeting, governance_officer, title="Libraries review")
    meeting.agenda_published_at = meeting.starts_at
    meeting.save()
    return added


def boxes(page: str) -> dict[str, str]:
    """Each text box on the page by name: what its person sees in it."""
    found = re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    return {name: html.unescape(text.removeprefix("\n")) for name, text in found}


def decision_url(meeting, item):
    return reverse("committee:minutes_decision", args=[meeting.pk, item.pk])


def test_stored_minutes_show_as_text_with_marks_and_save_back_unchanged(client, meeting, governance_officer, item):
    minutes.set_decision(item, governance_officer, outcome="agreed", text=STORED)
    minutes.save_notes(meeting, governance_officer, "<p>The chair thanked <strong>officers</strong>.</p>")
    client.force_login(governance_officer)
    page = client.get(reverse("committee:minutes_edit", args=[meeting.pk])).content.decode()
    shown = boxes(page)
    minute, notes = shown[f"item{item.pk}-text"], shown["notes"]
    assert minute.startswith(
        "**Agreed** the *revised* hours, as set out in [the plan](https://www.barnet.gov.uk/plan)."
    )
    assert "- Monday: 9am to 8pm" in minute and "| Library | Hours |" in minute
    assert notes == "The chair thanked **officers**."
    assert not any(richtext.has_markup(text) for text in shown.values()), shown
    # Sent back as it was shown (a browser without JavaScript), it is stored as it was.
    response = client.post(
        decision_url(meeting, item), {f"item{item.pk}-outcome": "agreed", f"item{item.pk}-text": minute}
    )
    assert response.status_code == 302
    assert ItemDecision.objects.get(agenda_item=item).text == STORED
    client.post(reverse("committee:minutes_notes", args=[meeting.pk]), {"notes": notes})
    assert Minutes.objects.get(meeting=meeting).notes == "<p>The chair thanked <strong>officers</strong>.</p>"


def test_typed_marks_are_formatted_on_the_public_minutes_and_angle_brackets_stay_text(
    client, meeting, governance_officer, item
):
    client.force_login(governance_officer)
    typed = (
        "**Agreed** with *one* change, see [the plan](https://www.barnet.gov.uk/plan):\n\n"
        "- Sunday opening\n- Press <Enter> to search\n\n"
        "| Library | Hours |\n| --- | --- |\n| Chipping Barnet | 52 |"
    )
    response = client.post(
        decision_url(meeting, item), {f"item{item.pk}-outcome": "agreed", f"item{item.pk}-text": typed}
    )
    assert response.status_code == 302
    client.post(reverse("committee:minutes_notes", args=[meeting.pk]), {"notes": "The chair *thanked* officers."})
    client.post(reverse("committee:minutes_publish", args=[meeting.pk]))
    client.logout()
    page = client.get(reverse("committee:meeting_minutes", args=[meeting.pk])).content.decode()
    assert "<strong>Agreed</strong> with <em>one</em> change" in page
    assert '<a href="https://www.barnet.gov.uk/plan" rel="noopener noreferrer">the plan</a>' in page
    assert "<li>Press &lt;Enter&gt; to search</li>" in page
    assert '<thead><tr><th scope="col">Library</th><th scope="col">Hours</th></tr></thead>' in page
    assert "The chair <em>thanked</em> officers." in page
    assert "**" not in page and "| --- |" not in page


def test_the_editors_html_is_sanitised_by_the_allow_list(client, meeting, governance_officer, item):
    client.force_login(governance_officer)
    sent = (
        '<p onclick="steal()">Agreed <strong>now</strong><script>alert(1)</script><img src="x" onerror="y()"></p>'
        '<p><a href="javascript:alert(1)">bad</a> <a href="https://example.org/" target="_blank">good</a></p><p></p>'
        "<table><thead><tr><th>Year</th></tr></thead><tbody><tr><td>2026</td></tr></tbody></table>"
    )
    response = client.post(
        decision_url(meeting, item),
        {
            f"item{item.pk}-outcome": "agreed",
            f"item{item.pk}-text": "ignored: the editor sent its HTML",
            f"item{item.pk}-text-html": sent,
        },
    )
    assert response.status_code == 302
    stored = ItemDecision.objects.get(agenda_item=item).text
    assert stored == (
        "<p>Agreed <strong>now</strong></p>"
        '<p><a rel="noopener noreferrer">bad</a> <a href="https://example.org/" rel="noopener noreferrer">good</a></p>'
        "<table><thead><tr><th>Year</th></tr></thead><tbody><tr><td>2026</td></tr></tbody></table>"
    )
    assert stored == editable_text.from_editor(sent)


def test_a_refused_decision_keeps_the_editors_text_for_it_and_the_box(client, meeting, governance_officer, item):
    client.force_login(governance_officer)
    sent = "<p>As <strong>amended</strong>: Saturdays added.</p>"
    response = client.post(decision_url(meeting, item), {f"item{item.pk}-text-html": sent})  # no outcome chosen
    assert response.status_code == 400
    page = response.content.decode()
    assert boxes(page)[f"item{item.pk}-text"] == "As **amended**: Saturdays added."
    assert f'data-formatted-text="{html.escape(sent)}"' in page  # the editor starts again from it
    assert not ItemDecision.objects.filter(agenda_item=item).exists()


def test_the_field_reads_typed_text_as_text_and_the_editors_html_as_html():
    field = FormattedTextField(required=False)
    assert field.clean(TypedText("<p>hi</p>")) == "<p>&lt;p&gt;hi&lt;/p&gt;</p>"
    assert field.clean(EditorHtml("<p>hi</p>")) == "<p>hi</p>"
    assert field.clean(EditorHtml("<p><br></p>")) == ""
    required = FormattedTextField()
    with pytest.raises(Exception, match="required"):
        required.clean(EditorHtml("<p> </p>"))
