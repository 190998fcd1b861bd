"""Every PDF the council publishes is a tagged PDF a screen reader can use: British English, a title
shown instead of the file name, a structure tree, bookmarks to move around by, and alternative text
on every figure. Checked with pikepdf on the files as people download them: a public report, an
exempt report opened by a member of the committee, and both agenda packs (whose cover carries the
council's logo: report text cannot hold images)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
import pytest
from django.db import transaction
from django.urls import reverse

from tests.matrix_world import build_world


@dataclass
class Tagging:
    lang: str
    title: str
    xmp_title: str
    marked: bool
    has_structure: bool
    shows_title: bool  # the viewer shows the title, not the file name
    outline: list[str]
    figures: list[str | None]  # each Figure element's /Alt (None when missing)
    headings: int


def tagging(data: bytes) -> Tagging:
    assert data.startswith(b"%PDF"), data[:20]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        figures, headings = [], 0

        def walk(node, depth=0):
            nonlocal headings
            if depth > 200:
                return
            if isinstance(node, pikepdf.Array):
                for child in node:
                    walk(child, depth + 1)
                return
            if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
                return  # a marked-content id or a reference to page content
            kind = str(node.S)
            if kind == "/Figure":
                figures.append(str(node.Alt) if "/Alt" in node else None)
            if kind in {"/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}:
                headings += 1
            if "/K" in node:
                walk(node.K, depth + 1)

        structure = root.get("/StructTreeRoot")
        if structure is not None and "/K" in structure:
            walk(structure.K)
        with pdf.open_outline() as outline:
            titles = []

            def entries(items):
                for item in items:
                    titles.append(item.title)
                    entries(item.children)

            entries(outline.root)
        meta = pdf.open_metadata()
        preferences = root.get("/ViewerPreferences", {})
        return Tagging(
            lang=str(root.get("/Lang", "")),
            title=str(pdf.docinfo.get("/Title", "")),
            xmp_title=str(meta.get("dc:title", "")),
            marked=bool(root.get("/MarkInfo", {}).get("/Marked", False)),
            has_structure=structure is not None,
            shows_title=bool(preferences.get("/DisplayDocTitle", False)),
            outline=titles,
            figures=figures,
            headings=headings,
        )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The access matrix's small council (tests/matrix_world.py): a published public report, a
    published exempt one and both agenda packs built. Rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def download(client, world, persona: str, url: str) -> bytes:
    if world.users[persona] is not None:
        client.force_login(world.users[persona])
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_tagged(found: Tagging, title: str) -> None:
    assert found.lang == "en-GB"
    assert found.title == title and found.xmp_title == title
    assert found.shows_title
    assert found.marked and found.has_structure
    assert found.headings >= 1
    assert None not in found.figures and all(alt.strip() for alt in found.figures), found.figures


@pytest.mark.django_db
def test_a_public_report_pdf_is_tagged_with_language_title_outline_and_headings(world, client):
    report = world.reports["published_public"]
    found = tagging(download(client, world, "anonymous", reverse("reports:report_pdf", args=[report.pk])))
    assert_tagged(found, report.title)
    assert "Recommendations" in found.outline
    assert any("Heading PUBLICTEXT" in title for title in found.outline), found.outline


@pytest.mark.django_db
def test_an_exempt_report_pdf_opened_by_a_committee_member_is_tagged(world, client):
    report = world.reports["published_exempt"]
    found = tagging(download(client, world, "committee_member", reverse("reports:report_pdf", args=[report.pk])))
    assert_tagged(found, report.title)
    assert any("Heading" in title for title in found.outline), found.outline


@pytest.mark.django_db
@pytest.mark.parametrize(("variant", "persona"), [("public", "anonymous"), ("members", "committee_member")])
def test_agenda_packs_are_tagged_and_the_logo_on_the_cover_has_alternative_text(world, client, variant, persona):
    meeting = world.published_meeting
    data = download(client, world, persona, reverse("committee:meeting_pack", args=[meeting.pk, variant]))
    found = tagging(data)
    assert_tagged(found, f"Agenda pack: {meeting.committee.name}, {meeting.date:%-d %B %Y}")
    assert found.figures, "the cover's logo is not a tagged figure"
    assert found.figures[0] == "London Borough of Barnet"  # the council's name, as the logo shows it
    assert any("Libraries review" in title for title in found.outline), found.outline
    exempt = any("Exempt property disposal" in title for title in found.outline)
    assert exempt == (variant == "members")  # the Part 2 paper is in the members' pack only


def test_the_check_finds_what_an_untagged_pdf_lacks():
    """The checks above can fail: a plain PDF with an untitled, unlabelled figure fails each of them."""
    plain = pikepdf.new()
    plain.add_blank_page()
    figure = plain.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Figure))
    plain.Root.StructTreeRoot = plain.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([figure]))
    )
    out = io.BytesIO()
    plain.save(out)
    found = tagging(out.getvalue())
    assert (found.lang, found.title, found.marked, found.shows_title, found.outline) == ("", "", False, False, [])
    assert found.figures == [None]
    with pytest.raises(AssertionError):
        assert_tagged(found, "A report")
