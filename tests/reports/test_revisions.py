"""Every save is kept in a revision (one for each sitting); any two can be compared section by section."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports import revisions
from reports.models import Paragraph, Report
from reports.templates_setup import ensure_standard_template, start_report_from_template


@pytest.fixture
def draft(db, committee, author):
    report = start_report_from_template(
        ensure_standard_template(), committee=committee, title="Libraries review", report_of="Director", author=author
    )
    section = report.sections.get(heading="Why this report is needed")
    Paragraph.objects.create(section=section, position=0, text="<p>Two years of partnership libraries.</p>")
    Paragraph.objects.create(section=section, position=1, text="<p>Footfall rose.</p>")
    revisions.record(report, author)
    return report


def test_a_snapshot_holds_the_numbered_report_and_no_guidance_or_signoffs(draft):
    content = revisions.snapshot(draft)
    assert content["title"] == "Libraries review"
    first = content["sections"][0]
    assert (first["number"], first["heading"]) == (1, "Why this report is needed")
    assert [p["number"] for p in first["paragraphs"]] == ["1.1", "1.2"]
    assert "guidance" not in str(content).lower()
    assert "signoff" not in str(content).lower()


def test_comparing_marks_changes_in_the_section_where_they_happened(draft, author):
    old = revisions.snapshot(draft)
    Paragraph.objects.filter(text__contains="Footfall").update(text="<p>Footfall fell sharply.</p>")
    Report.objects.filter(pk=draft.pk).update(title="Libraries review 2026")
    new = revisions.snapshot(draft)
    changed = {part.label: part for part in revisions.changed_parts(old, new)}
    assert set(changed) == {"Title block", "1. Why this report is needed"}
    rows = [row for row in changed["1. Why this report is needed"].rows if row.changed]
    assert rows[0].old == "1.2 Footfall <del>rose.</del>"
    assert rows[0].new == "1.2 Footfall <ins>fell sharply.</ins>"


def test_a_moved_section_compares_with_itself(draft):
    old = revisions.snapshot(draft)
    sections = list(draft.sections.order_by("position"))
    sections[0].position, sections[1].position = sections[1].position, sections[0].position
    sections[0].save()
    sections[1].save()
    new = revisions.snapshot(draft)
    parts = {p.label: p for p in revisions.compare(old, new)}
    assert "2. Why this report is needed" in parts
    assert not any(row.old.startswith("<del>Two") for row in parts["2. Why this report is needed"].rows)


def test_compared_text_is_escaped(draft):
    old = revisions.snapshot(draft)
    Paragraph.objects.filter(text__contains="Footfall").update(text="<p>a &lt;script&gt; tag</p>")
    rows = [r for p in revisions.changed_parts(old, revisions.snapshot(draft)) for r in p.rows if r.changed]
    assert "<script>" not in rows[0].new and "&lt;script&gt;" in rows[0].new


def test_the_compare_page_shows_two_revisions_side_by_side(client, author, draft):
    client.force_login(author)
    client.post(
        reverse("reports:summary_save", args=[draft.pk]), {"version": draft.version, "summary": "A new summary."}
    )
    response = client.get(reverse("reports:revision_compare", args=[draft.pk]), {"a": 1, "b": 2})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Revision 1 and revision 2" in body
    assert "<ins>A new summary.</ins>" in body
    listing = client.get(reverse("reports:revision_list", args=[draft.pk])).content.decode()
    assert "Revision 2" in listing and "Revision 1" in listing
