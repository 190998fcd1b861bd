"""Dragging in the editor (issue 16): a paragraph, recommendation or section dropped before or after
another is one versioned change; a paragraph takes the other's level and section, with its
sub-paragraphs; the numbers follow; and what cannot be (inside itself, after the background papers,
a paragraph among sections) is refused with a message and changes nothing."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from reports import blocks, editing, revisions
from reports.models import Paragraph, Recommendation, Report
from reports.structure import prefetch_report, report_structure
from reports.templates_setup import ensure_standard_template, start_report_from_template
from tests.conftest import make_user


@pytest.fixture
def draft(db, committee, author):
    report = start_report_from_template(
        ensure_standard_template(), committee=committee, title="Libraries review", report_of="Director", author=author
    )
    revisions.record(report, author)
    first, second = report.sections.filter(is_background_papers=False).order_by("position")[:2]
    for section, texts in ((first, ["A", "B", "C"]), (second, ["D"])):
        for position, text in enumerate(texts):
            Paragraph.objects.create(section=section, position=position, text=f"<p>{text}</p>")
    b = Paragraph.objects.get(section=first, text="<p>B</p>")
    Paragraph.objects.create(section=first, parent=b, position=0, text="<p>B1</p>")
    for position, text in enumerate(["One", "Two", "Three"]):
        Recommendation.objects.create(report=report, position=position, text=f"<p>{text}</p>")
    return report


def para(report, text) -> Paragraph:
    return Paragraph.objects.get(section__report=report, text=f"<p>{text}</p>")


def numbered(report) -> dict[str, str]:
    """Each paragraph's text by the number the report shows it at."""
    doc = report_structure(prefetch_report(Report.objects.filter(pk=report.pk)).get())
    return {
        number: p.text.removeprefix("<p>").removesuffix("</p>")
        for number, p in doc.paragraph_by_number().items()
        if not p.background_paper and p.text  # (the template's empty headed paragraphs of section 5)
    }


def move(client, report, block, target, place, version=None):
    body = {"block": block, "target": target, "place": place}
    body["version"] = Report.objects.get(pk=report.pk).version if version is None else version
    return client.post(
        reverse("reports:block_move", args=[report.pk]), json.dumps(body), content_type="application/json"
    )


def test_a_paragraph_dragged_after_another_takes_its_place_and_the_numbers_follow(client, author, draft):
    client.force_login(author)
    assert numbered(draft) == {"1.1": "A", "1.2": "B", "1.2.1": "B1", "1.3": "C", "2.1": "D"}
    a = para(draft, "A")
    answer = move(client, draft, f"paragraph-{a.pk}", f"paragraph-{para(draft, 'C').pk}", "after")
    assert answer.status_code == 200, answer.content
    assert answer.json()["block"] == f"paragraph-{a.pk}"
    assert numbered(draft) == {"1.1": "B", "1.1.1": "B1", "1.2": "C", "1.3": "A", "2.1": "D"}
    assert Report.objects.get(pk=draft.pk).version == answer.json()["version"]


def test_a_paragraph_with_sub_paragraphs_moves_with_them_into_another_section_and_level(client, author, draft):
    client.force_login(author)
    b, d = para(draft, "B"), para(draft, "D")
    assert move(client, draft, f"paragraph-{b.pk}", f"paragraph-{d.pk}", "before").status_code == 200
    assert numbered(draft) == {"1.1": "A", "1.2": "C", "2.1": "B", "2.1.1": "B1", "2.2": "D"}
    assert para(draft, "B1").section_id == d.section_id  # the sub-paragraph went to the section too
    # Dropped beside a sub-paragraph, a paragraph goes to that level.
    c = para(draft, "C")
    assert move(client, draft, f"paragraph-{c.pk}", f"paragraph-{para(draft, 'B1').pk}", "after").status_code == 200
    assert numbered(draft) == {"1.1": "A", "2.1": "B", "2.1.1": "B1", "2.1.2": "C", "2.2": "D"}


def test_recommendations_and_sections_are_dragged_among_their_own_kind(client, author, draft):
    client.force_login(author)
    one, three = (Recommendation.objects.get(report=draft, text=f"<p>{t}</p>") for t in ("One", "Three"))
    assert move(client, draft, f"recommendation-{one.pk}", f"recommendation-{three.pk}", "after").status_code == 200
    order = Recommendation.objects.filter(report=draft).order_by("position").values_list("text", flat=True)
    assert list(order) == ["<p>Two</p>", "<p>Three</p>", "<p>One</p>"]
    sections = list(draft.sections.order_by("position"))
    first, second = sections[0], sections[1]
    answer = move(client, draft, f"section-{second.pk}", f"section-{first.pk}", "before")
    assert answer.status_code == 200 and answer.json()["block"] == f"section-{second.pk}"
    assert numbered(draft)["1.1"] == "D" and numbered(draft)["2.1"] == "A"


def test_a_paragraph_dragged_onto_a_section_goes_last_in_it(client, author, draft):
    client.force_login(author)
    empty = draft.sections.filter(is_background_papers=False).order_by("position")[2]
    b = para(draft, "B")
    assert move(client, draft, f"paragraph-{b.pk}", f"section-{empty.pk}", "end").status_code == 200
    assert numbered(draft) == {"1.1": "A", "1.2": "C", "2.1": "D", "3.1": "B", "3.1.1": "B1"}
    papers = draft.sections.get(is_background_papers=True)
    answer = move(client, draft, f"paragraph-{b.pk}", f"section-{papers.pk}", "end")
    assert answer.status_code == 400 and "background papers" in answer.json()["error"]


def test_a_paragraph_dragged_onto_a_heading_goes_under_it(client, author, draft):
    # A heading paragraph with nothing under it yet starts a sub-section: the dropped paragraph is its
    # first sub-paragraph, taking its own sub-paragraphs with it.
    client.force_login(author)
    Paragraph.objects.filter(pk=para(draft, "D").pk).update(heading="Costs")
    d, b = para(draft, "D"), para(draft, "B")
    answer = move(client, draft, f"paragraph-{b.pk}", f"paragraph-{d.pk}", "under")
    assert answer.status_code == 200, answer.content
    assert answer.json()["block"] == f"paragraph-{b.pk}"
    assert numbered(draft) == {"1.1": "A", "1.2": "C", "2.1": "D", "2.1.1": "B", "2.1.1.1": "B1"}
    # Under a heading that has sub-paragraphs now, it goes first among them.
    a = para(draft, "A")
    assert move(client, draft, f"paragraph-{a.pk}", f"paragraph-{d.pk}", "under").status_code == 200
    assert numbered(draft) == {"1.1": "C", "2.1": "D", "2.1.1": "A", "2.1.2": "B", "2.1.2.1": "B1"}


@pytest.mark.parametrize(
    "what",
    [
        "under a plain paragraph",
        "under its own sub-paragraph",
        "itself",
        "inside itself",
        "paragraph among sections",
        "after the papers",
        "the papers",
        "sideways",
        "nothing",
    ],
)
def test_what_cannot_be_is_refused_with_a_message_and_changes_nothing(client, author, draft, what):
    client.force_login(author)
    Paragraph.objects.filter(text="<p>B1</p>").update(heading="Within")
    b, b1 = para(draft, "B"), para(draft, "B1")
    papers = draft.sections.get(is_background_papers=True)
    first = draft.sections.filter(is_background_papers=False).order_by("position").first()
    block, target, place = {
        "under a plain paragraph": (f"paragraph-{b.pk}", f"paragraph-{para(draft, 'A').pk}", "under"),
        "under its own sub-paragraph": (f"paragraph-{b.pk}", f"paragraph-{b1.pk}", "under"),
        "itself": (f"paragraph-{b.pk}", f"paragraph-{b.pk}", "after"),
        "inside itself": (f"paragraph-{b.pk}", f"paragraph-{b1.pk}", "after"),
        "paragraph among sections": (f"paragraph-{b.pk}", f"section-{first.pk}", "after"),
        "after the papers": (f"section-{first.pk}", f"section-{papers.pk}", "after"),
        "the papers": (f"section-{papers.pk}", f"section-{first.pk}", "before"),
        "sideways": (f"paragraph-{b.pk}", f"paragraph-{para(draft, 'A').pk}", "beside"),
        "nothing": (None, f"paragraph-{b.pk}", "after"),
    }[what]
    before, version = numbered(draft), Report.objects.get(pk=draft.pk).version
    answer = move(client, draft, block, target, place)
    assert answer.status_code == 400 and answer.json()["error"]
    assert numbered(draft) == before and Report.objects.get(pk=draft.pk).version == version


def test_a_move_after_someone_else_saved_is_a_conflict_and_changes_nothing(client, author, draft):
    client.force_login(author)
    a, c = para(draft, "A"), para(draft, "C")
    with editing.changing(draft, author, draft.version) as locked:
        blocks.save(locked, blocks.Block("summary"), "<p>Theirs.</p>")
    answer = move(client, draft, f"paragraph-{a.pk}", f"paragraph-{c.pk}", "after", version=draft.version - 1)
    assert answer.status_code == 409
    assert numbered(draft)["1.1"] == "A"


def test_a_paragraph_of_another_report_cannot_be_moved_through_this_one(client, author, draft, committee):
    other = start_report_from_template(
        ensure_standard_template(), committee=committee, title="Other", report_of="Director", author=author
    )
    section = other.sections.filter(is_background_papers=False).first()
    theirs = Paragraph.objects.create(section=section, position=0, text="<p>Theirs</p>")
    client.force_login(author)
    answer = move(client, draft, f"paragraph-{theirs.pk}", f"paragraph-{para(draft, 'A').pk}", "after")
    assert answer.status_code == 400
    assert Paragraph.objects.get(pk=theirs.pk).section_id == section.pk


def test_only_the_reports_editors_may_move(client, draft):
    client.force_login(make_user("reader", []))
    a, c = para(draft, "A"), para(draft, "C")
    assert move(client, draft, f"paragraph-{a.pk}", f"paragraph-{c.pk}", "after").status_code in (403, 404)
    assert numbered(draft)["1.1"] == "A"
