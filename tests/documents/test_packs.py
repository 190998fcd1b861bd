"""Agenda packs: built by the background worker, read back from the PDF, never leaking Part 2."""

import datetime
import io
from zoneinfo import ZoneInfo

import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse

from committee import agenda
from committee.models import AgendaPack, Membership, Person, Venue
from documents import packs
from publishing import publication as publishing
from reports.models import Paragraph, Report, Section
from tests.conftest import make_report

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
IN_TIME = datetime.datetime(2017, 2, 13, 12, tzinfo=LONDON)
SECRET = "Tender prices from the three bidders"


def long_report(committee, title, paragraphs, **extra):
    report = make_report(committee, title=title, status=Report.Status.APPROVED, **extra)
    section = Section.objects.create(report=report, heading="Background")
    for n in range(paragraphs):
        Paragraph.objects.create(section=section, position=n, text=f"<p>{title} paragraph {n}. " + "Text. " * 60)
    return report


def run_worker():
    """What the worker does with each queued pack, in this test's transaction (the real worker
    closes its database connections between tasks, so it runs in test_the_worker_builds_… below)."""
    for pk in AgendaPack.objects.filter(status=AgendaPack.Status.QUEUED).values_list("pk", flat=True):
        packs.build_pack.call(pk)


@pytest.fixture
def published(meeting, committee, governance_officer, django_capture_on_commit_callbacks):
    meeting.venue = Venue.objects.create(name="Hendon Town Hall", address="The Burroughs")
    meeting.save()
    chair = Person.objects.create(name="Cllr Reuben Thompstone")
    Membership.objects.create(person=chair, committee=committee, role=Membership.Role.CHAIR)
    clerk = Person.objects.create(name="Edward Gilbert", job_title="Governance Officer", email="eg@example.gov.uk")
    Membership.objects.create(person=clerk, committee=committee, role=Membership.Role.CLERK)
    first = long_report(committee, "Libraries review", 25)
    second = long_report(committee, "School places strategy", 5)
    exempt = long_report(
        committee, "Award of contract", 3, is_exempt=True, exempt_paragraph=3, summary=f"<p>{SECRET}</p>"
    )
    agenda.add_opening_items(meeting, governance_officer)
    for report in (first, second, exempt):
        agenda.add_report_item(meeting, governance_officer, report)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_agenda(meeting, governance_officer, now=IN_TIME)
    run_worker()
    meeting.refresh_from_db()
    return meeting


def read(pack: AgendaPack) -> pypdf.PdfReader:
    with pack.file.open("rb") as handle:
        return pypdf.PdfReader(io.BytesIO(handle.read()))


def outline(reader):
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def count_renders(monkeypatch) -> list[str]:
    """Every piece laid out from here on, by its HTML."""
    rendered = []
    render = packs._render

    def counting(html):
        rendered.append(html)
        return render(html)

    monkeypatch.setattr(packs, "_render", counting)
    return rendered


def test_publishing_queues_both_packs_and_the_worker_builds_them(published):
    built = {p.variant: p for p in AgendaPack.objects.filter(meeting=published)}
    assert set(built) == {"public", "members"}
    for pack in built.values():
        assert pack.status == AgendaPack.Status.READY and pack.progress == 100
        assert pack.size == pack.file.size and pack.page_count > 3


def test_the_public_pack_reads_back_with_one_numbering_bookmarks_and_linked_agenda(published):
    pack = AgendaPack.objects.get(meeting=published, variant="public")
    reader = read(pack)
    total = len(reader.pages)
    assert total == pack.page_count
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in page.extract_text()
    cover = reader.pages[0].extract_text()
    for expected in (
        "London Borough of Barnet",
        published.committee.name,
        "Tuesday 21 February 2017",
        "7pm",
        "Hendon Town Hall",
        "Cllr Reuben Thompstone (Chair)",
        "Edward Gilbert",
    ):
        assert expected in cover
    marks = [(depth, title, page) for depth, title, page in outline(reader) if depth == 0]
    assert [title for _, title, _ in marks] == ["Cover", "Agenda", "5. Libraries review", "6. School places strategy"]
    libraries, school = marks[2][2], marks[3][2]
    assert school > libraries + 1  # the 25-paragraph report runs over several pages
    agenda_page = reader.pages[marks[1][2] - 1]
    text = agenda_page.extract_text()
    assert f"Page {libraries}" in text and f"Page {school}" in text
    assert "Award of contract" in text and "paragraph 3" in text  # listed by title and paragraph
    links = [a.get_object() for a in agenda_page.get("/Annots", [])]
    targets = {reader.get_destination_page_number(reader.named_destinations[link["/Dest"]]) + 1 for link in links}
    assert {libraries, school} <= targets
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # still a tagged PDF


def test_the_public_pack_never_holds_exempt_material(published):
    text = "".join(
        page.extract_text() for page in read(AgendaPack.objects.get(meeting=published, variant="public")).pages
    )
    assert SECRET not in text and "Award of contract paragraph" not in text


def test_the_members_pack_includes_part_2(published):
    reader = read(AgendaPack.objects.get(meeting=published, variant="members"))
    text = "".join(page.extract_text() for page in reader.pages)
    assert SECRET in text and "Members' pack" in text
    assert "7. Award of contract" in [title for depth, title, _ in outline(reader) if depth == 0]


@pytest.mark.parametrize("persona", ["public", "other_committee_member", "committee_member", "governance_officer"])
def test_pack_downloads_are_checked_on_every_request(client, published, persona, request):
    entitled = persona in ("committee_member", "governance_officer")
    if persona != "public":
        client.force_login(request.getfixturevalue(persona))
    public_url = reverse("committee:meeting_pack", args=[published.pk, "public"])
    members_url = reverse("committee:meeting_pack", args=[published.pk, "members"])
    response = client.get(public_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get(members_url).status_code == (200 if entitled else 404)
    page = client.get(published.get_absolute_url()).content.decode()
    assert public_url in page and "(PDF," in page
    assert (members_url in page) is entitled


def test_the_pack_file_is_not_in_a_public_folder(published, settings):
    pack = AgendaPack.objects.get(meeting=published, variant="members")
    assert pack.file.path.startswith(str(settings.MEDIA_ROOT))
    assert not any(str(settings.MEDIA_ROOT).startswith(str(s)) for s in settings.STATICFILES_DIRS)


def test_a_pack_is_kept_until_something_in_it_changes(
    published, governance_officer, committee, django_capture_on_commit_callbacks
):
    pack = AgendaPack.objects.get(meeting=published, variant="public")
    built_at = pack.built_at
    with django_capture_on_commit_callbacks(execute=True):
        assert packs.request_packs(published) == []
    late = long_report(committee, "Ofsted letter", 1)
    agenda.add_report_item(published, governance_officer, late)
    with django_capture_on_commit_callbacks(execute=True):
        assert packs.request_packs(published) == []  # not yet published: the pack is unchanged
        publishing.publish_supplementary(published, governance_officer, late_reason="late_item")
    pack.refresh_from_db()
    assert pack.status == AgendaPack.Status.QUEUED
    run_worker()
    pack.refresh_from_db()
    assert pack.status == AgendaPack.Status.READY and pack.built_at > built_at
    assert "Ofsted letter" in [t for d, t, _ in outline(read(pack)) if d == 0][-1]


def test_officers_see_progress_and_can_rebuild(client, published, governance_officer):
    client.force_login(governance_officer)
    AgendaPack.objects.filter(meeting=published, variant="public").update(status="building", progress=40)
    page = client.get(reverse("committee:agenda_build", args=[published.pk])).content.decode()
    assert 'value="40"' in page and "Being built" in page
    response = client.post(reverse("committee:agenda_packs_rebuild", args=[published.pk]), follow=True)
    # A pack the row says is being built may be one whose build stopped: the officer's rebuild builds it.
    assert "being built again" in response.content.decode()
    assert set(AgendaPack.objects.filter(meeting=published).values_list("status", flat=True)) == {"queued"}
    assert client.get(reverse("committee:agenda_packs_rebuild", args=[published.pk])).status_code == 405


def test_a_failed_build_says_why(published, monkeypatch):
    pack = AgendaPack.objects.get(meeting=published, variant="public")

    def broken(*args, **kwargs):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr(packs, "build_pack_pdf", broken)
    packs.build_pack.call(pack.pk)
    pack.refresh_from_db()
    assert pack.status == AgendaPack.Status.FAILED and "fonts missing" in pack.error


@pytest.mark.django_db(transaction=True)
def test_the_worker_builds_the_demo_example_meetings_pack(client):
    """End to end, as `make run` does it: the demo queues the pack, the worker process builds it."""
    from committee.models import Meeting

    call_command("loaddemo", stdout=io.StringIO())
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())
    meeting = Meeting.objects.get(starts_at__date=datetime.date(2017, 2, 21))
    pack = AgendaPack.objects.get(meeting=meeting, variant="public")
    assert pack.status == AgendaPack.Status.READY
    assert any("HMIC" in title for _, title, _ in outline(read(pack)))
    assert (
        reverse("committee:meeting_pack", args=[meeting.pk, "public"])
        in client.get(meeting.get_absolute_url()).content.decode()
    )


def test_a_pack_downloaded_before_is_answered_not_modified_after_the_access_check(client, published, committee_member):
    url = reverse("committee:meeting_pack", args=[published.pk, "public"])
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"pack-public-') and not etag.startswith("W/")

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    # The members' pack still checks who asks before it says anything about the file.
    members_url = reverse("committee:meeting_pack", args=[published.pk, "members"])
    members_etag = (client.force_login(committee_member), client.get(members_url)["ETag"])[1]
    client.logout()
    assert client.get(members_url, HTTP_IF_NONE_MATCH=members_etag).status_code == 404


# Appendices, anchors and rebuilding ---------------------------------------------------------------


def untagged_pdf(text: str, pages: int) -> bytes:
    """An appendix as councils receive them: a PDF with no tags (a scan, a spreadsheet printed to PDF)."""
    import weasyprint

    html = "".join(f"<p style='break-after: page'>{text} sheet {n + 1}</p>" for n in range(pages))
    return weasyprint.HTML(string=html).write_pdf()


@pytest.fixture
def with_appendices(meeting, committee, governance_officer, django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    from documents.pdf import html_to_pdf
    from reports.models import Appendix

    first = long_report(committee, "Libraries review", 12)
    second = long_report(committee, "School places strategy", 5)
    for report in (first, second):
        Section.objects.create(report=report, position=1, heading="Options considered")
    budget = Appendix(report=first, position=0, title="Budget table", content_type="application/pdf")
    budget.file.save("budget.pdf", ContentFile(html_to_pdf("<h1>Budget table</h1><p>Budget lines.</p>", title="B")))
    plan = Appendix(report=first, position=1, title="Site plan", content_type="application/pdf")
    plan.file.save("plan.pdf", ContentFile(untagged_pdf("Site plan", 2)))
    for report in (first, second):
        agenda.add_report_item(meeting, governance_officer, report)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_agenda(meeting, governance_officer, now=IN_TIME)
    run_worker()
    meeting.refresh_from_db()
    return meeting


def page_texts(reader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def test_appendices_follow_their_report_with_the_packs_page_numbers(with_appendices):
    import pikepdf

    pack = AgendaPack.objects.get(meeting=with_appendices, variant="public")
    reader = read(pack)
    texts = page_texts(reader)
    total = len(texts)
    assert total == pack.page_count
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text  # uploaded appendix pages too
    marks = outline(reader)
    top = [(title, page) for depth, title, page in marks if depth == 0]
    assert [title for title, _ in top] == ["Cover", "Agenda", "1. Libraries review", "2. School places strategy"]
    libraries, school = top[2][1], top[3][1]
    under_libraries = {title: page for depth, title, page in marks if depth == 1 and libraries <= page < school}
    budget, plan = under_libraries["Appendix A – Budget table"], under_libraries["Appendix B – Site plan"]
    # Order: the report, then each appendix's title page and its pages, then the next report.
    assert libraries < budget < plan < school
    assert "Appendix A – Budget table" in texts[budget - 1] and "To item 1: Libraries review" in texts[budget - 1]
    assert "Budget lines." in texts[budget]
    assert (2, "Budget table", budget + 1) in marks  # the appendix's own bookmark, under its title page
    assert "Site plan sheet 1" in texts[plan] and "Site plan sheet 2" in texts[plan + 1]
    assert school == plan + 3
    agenda_text = texts[top[1][1] - 1]
    assert f"Page {libraries}" in agenda_text and f"Page {school}" in agenda_text
    with pikepdf.open(pack.file.path) as document:
        root = document.Root
        assert "/StructTreeRoot" in root and bool(root.MarkInfo.Marked) and str(root.Lang) == "en-GB"
        assert str(document.docinfo.Title).startswith("Agenda pack: ")
        keys = {int(key) for key in root.StructTreeRoot.ParentTree.Nums[::2]}
        # Rendered pages and the tagged appendix's page are tagged; the untagged one stays as supplied.
        for index in (0, libraries - 1, budget - 1, budget, school - 1):
            assert int(document.pages[index].obj.StructParents) in keys
        assert "/StructParents" not in document.pages[plan].obj


def test_each_reports_anchors_are_its_own(with_appendices):
    reader = read(AgendaPack.objects.get(meeting=with_appendices, variant="public"))
    top = [(title, page) for depth, title, page in outline(reader) if depth == 0]
    libraries, school = top[2][1], top[3][1]
    items = {item.title: item.pk for item in with_appendices.agenda_items.all()}
    destinations = reader.named_destinations
    for title, first, last in (("Libraries review", libraries, school - 1), ("School places strategy", school, 99)):
        page = reader.get_destination_page_number(destinations[f"item-{items[title]}-section-2"]) + 1
        assert first <= page <= last


def test_ids_and_the_links_to_them_are_prefixed():
    html = '<h2 id="section-1">A</h2><a href="#section-1">1</a><a href="https://x.test/#a">x</a><p>id="x"</p>'
    assert packs.prefix_ids(html, "item-3-") == (
        '<h2 id="item-3-section-1">A</h2><a href="#item-3-section-1">1</a><a href="https://x.test/#a">x</a>'
        '<p>id="x"</p>'
    )


def pack_text(meeting, variant="public") -> str:
    return "".join(page_texts(read(AgendaPack.objects.get(meeting=meeting, variant=variant))))


def test_a_published_correction_rebuilds_the_packs_and_search_but_a_correction_in_progress_does_not(
    published, governance_officer, django_capture_on_commit_callbacks
):
    from committee.models import SearchDocument

    report = Report.objects.get(title="Libraries review")
    paragraph = Paragraph.objects.filter(section__report=report).order_by("position").first()
    paragraph.text = "<p>Corrected: the library at Hendon stays open on Sundays.</p>"
    paragraph.save()
    report.save()  # the editor saves the report too
    with django_capture_on_commit_callbacks(execute=True):
        assert packs.request_packs(published) == []  # not published yet: the packs still hold the original
    AgendaPack.objects.filter(meeting=published).update(status=AgendaPack.Status.QUEUED)
    run_worker()
    assert "Corrected:" not in pack_text(published)

    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_correction(report, governance_officer, "Sunday opening corrected.")
    assert set(AgendaPack.objects.filter(meeting=published).values_list("status", flat=True)) == {"queued"}
    run_worker()
    for variant in ("public", "members"):
        assert "Corrected: the library at Hendon stays open on Sundays." in pack_text(published, variant)
    indexed = SearchDocument.objects.get(kind=SearchDocument.Kind.REPORT, object_id=report.pk)
    assert "stays open on Sundays" in indexed.body


def test_after_a_correction_the_rebuild_renders_only_that_report(
    with_appendices, governance_officer, django_capture_on_commit_callbacks, monkeypatch
):

    rendered = count_renders(monkeypatch)
    report = Report.objects.get(title="School places strategy")
    paragraph = Paragraph.objects.filter(section__report=report).order_by("position").first()
    paragraph.text = paragraph.text.replace("paragraph 0.", "paragraph 0 (corrected).")
    paragraph.save()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_correction(report, governance_officer, "Paragraph 1.1 corrected.")
    run_worker()
    item = with_appendices.agenda_items.get(report=report)
    assert len(rendered) == 1 and f'id="pack-item-{item.pk}"' in rendered[0]
    pack = AgendaPack.objects.get(meeting=with_appendices, variant="public")
    texts = page_texts(read(pack))
    assert any("paragraph 0 (corrected)." in text for text in texts)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def agenda_number_is_tagged_text(document, page_index: int) -> bool:
    """Whether every page number written into the agenda sits in tagged content (a marked-content
    sequence with an MCID, which screen readers read), not in an artifact."""
    import pikepdf

    stack, found = [], 0
    for operands, operator in pikepdf.parse_content_stream(document.pages[page_index]):
        op = str(operator)
        if op in ("BDC", "BMC"):
            properties = operands[1] if op == "BDC" and len(operands) > 1 else None
            stack.append(isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties)
        elif op == "EMC":
            stack.pop()
        elif op == "Tf" and str(operands[0]).startswith("/PackAgenda"):
            found += 1
            if not (stack and stack[-1]):
                return False
    return found > 0


def test_a_correction_that_adds_pages_renders_only_that_report_and_renumbers_the_agenda(
    with_appendices, governance_officer, django_capture_on_commit_callbacks, monkeypatch
):
    import re

    import pikepdf

    before = read(AgendaPack.objects.get(meeting=with_appendices, variant="public"))
    top = [(title, page) for depth, title, page in outline(before) if depth == 0]
    school_before, total_before = top[3][1], len(before.pages)
    rendered = count_renders(monkeypatch)
    report = Report.objects.get(title="Libraries review")
    section = report.sections.get(heading="Options considered")
    for n in range(12):
        Paragraph.objects.create(
            section=section, position=n, text="<p>Option considered and rejected. " + "Text. " * 60
        )
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_correction(report, governance_officer, "The options considered added.")
    run_worker()

    item = with_appendices.agenda_items.get(report=report)
    # Only the corrected report was laid out: not the agenda, whose numbers all moved, nor anything else.
    assert len(rendered) == 1 and f'id="pack-item-{item.pk}"' in rendered[0]
    pack = AgendaPack.objects.get(meeting=with_appendices, variant="public")
    reader = read(pack)
    texts = page_texts(reader)
    total = len(texts)
    assert total > total_before
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text
    top = [(title, page) for depth, title, page in outline(reader) if depth == 0]
    assert [title for title, _ in top] == ["Cover", "Agenda", "1. Libraries review", "2. School places strategy"]
    agenda_page, libraries, school = top[1][1], top[2][1], top[3][1]
    assert school == school_before + total - total_before
    assert "Option considered and rejected." in texts[libraries]
    agenda_text = texts[agenda_page - 1]
    numbers = re.findall(r"Page (\d+)(?! of)\b", agenda_text)
    assert numbers == [str(libraries), str(school)]  # the new numbers, nothing of the placeholders
    links = [a.get_object() for a in reader.pages[agenda_page - 1].get("/Annots", [])]
    targets = {reader.get_destination_page_number(reader.named_destinations[link["/Dest"]]) + 1 for link in links}
    assert targets == {libraries, school}
    with pack.file.open("rb") as handle, pikepdf.open(io.BytesIO(handle.read())) as document:
        assert "/StructTreeRoot" in document.Root
        assert agenda_number_is_tagged_text(document, agenda_page - 1)


def pack_summary(data: bytes) -> dict:
    """What a reader meets in a pack: each page's text, the bookmarks, where each named destination and
    each link lands, which pages are tagged (with their marked content's elements on that page), and
    the structure tree's element types in order."""
    import pikepdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    destinations = reader.named_destinations
    summary = {
        "texts": page_texts(reader),
        "outline": outline(reader),
        "destinations": {name: reader.get_destination_page_number(d) + 1 for name, d in destinations.items()},
        "links": [
            (number, reader.get_destination_page_number(destinations[annotation.get_object()["/Dest"]]) + 1)
            for number, page in enumerate(reader.pages, start=1)
            for annotation in page.get("/Annots", [])
            if "/Dest" in annotation.get_object()
        ],
    }
    with pikepdf.open(io.BytesIO(data)) as document:
        root = document.Root.StructTreeRoot
        nums = root.ParentTree.Nums
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        page_of = {page.obj.objgen: index for index, page in enumerate(document.pages)}
        tagged = []
        for index, page in enumerate(document.pages):
            if "/StructParents" in page.obj:
                elements = [e for e in tree[int(page.obj.StructParents)] if isinstance(e, pikepdf.Dictionary)]
                assert elements and all(page_of[e.Pg.objgen] == index for e in elements if "/Pg" in e)
                tagged.append(index)
        types = []

        def walk(element, depth):
            types.append((depth, str(element.S)))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    assert kid.P.objgen == element.objgen
                    walk(kid, depth + 1)

        for top in root.K if isinstance(root.K, pikepdf.Array) else [root.K]:
            walk(top, 0)
        summary["tagged"], summary["structure"] = tagged, types
        summary["next_key_above_keys"] = int(root.ParentTreeNextKey) > max(tree)
    return summary


@pytest.mark.parametrize("how", ["appended", "written again"])
def test_a_rebuild_patches_the_previous_pack_into_what_a_build_from_nothing_makes(
    with_appendices, governance_officer, django_capture_on_commit_callbacks, monkeypatch, how
):
    """Patched as an update appended to the previous pack, or (when it has grown too much) written again."""
    import pikepdf

    from documents import pdf_assembly

    report = Report.objects.get(title="Libraries review")  # the first paper: every later page moves
    section = report.sections.get(heading="Options considered")
    for n in range(12):
        Paragraph.objects.create(section=section, position=n, text="<p>Option rejected. " + "Text. " * 60)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_correction(report, governance_officer, "The options considered added.")
    joined_anew, appended = [], []
    start, append = pdf_assembly._Assembly.start.__func__, pdf_assembly._append
    monkeypatch.setattr(
        pdf_assembly._Assembly, "start", classmethod(lambda cls, *args: joined_anew.append(1) or start(cls, *args))
    )
    if how == "written again":
        monkeypatch.setattr(pdf_assembly, "_append", lambda *args: None)
    else:
        monkeypatch.setattr(pdf_assembly, "_append", lambda *args: appended.append(append(*args)) or appended[-1])
    patched, patched_pages = packs.build_pack_pdf(with_appendices, AgendaPack.Variant.PUBLIC)
    assert joined_anew == []  # the previous pack was patched, not joined again from its pieces
    assert (how == "appended") == bool(appended and appended[0] is not None)
    with pikepdf.open(io.BytesIO(patched)) as document:
        assert document.check_pdf_syntax() == []
    monkeypatch.setattr(packs, "_previous_pack", lambda meeting, variant: None)
    fresh, fresh_pages = packs.build_pack_pdf(with_appendices, AgendaPack.Variant.PUBLIC)
    assert joined_anew == [1]

    summary = pack_summary(patched)
    assert summary == pack_summary(fresh) and patched_pages == fresh_pages == len(summary["texts"])
    assert any("Option rejected." in text for text in summary["texts"])
    for number, text in enumerate(summary["texts"], start=1):
        assert f"Page {number} of {patched_pages}" in text
    assert summary["next_key_above_keys"] and summary["links"]


def test_a_patched_members_pack_keeps_the_exempt_banner_on_its_moved_pages(
    meeting, committee, governance_officer, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.files.base import ContentFile

    from reports.models import Appendix

    public = long_report(committee, "Libraries review", 2)
    exempt = long_report(committee, "Award of contract", 2, is_exempt=True, exempt_paragraph=3)
    bids = Appendix(report=exempt, position=0, title="Bid prices", content_type="application/pdf")
    bids.file.save("bids.pdf", ContentFile(untagged_pdf(SECRET, 2)))
    for report in (public, exempt):
        agenda.add_report_item(meeting, governance_officer, report)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_agenda(meeting, governance_officer, now=IN_TIME)
    run_worker()
    section = public.sections.get()
    for n in range(10):
        Paragraph.objects.create(section=section, position=100 + n, text="<p>Added. " + "Text. " * 60)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_correction(public, governance_officer, "More background.")
    run_worker()
    pack = AgendaPack.objects.get(meeting=meeting, variant="members")
    with pack.file.open("rb") as handle:
        patched = handle.read()
    monkeypatch.setattr(packs, "_previous_pack", lambda meeting, variant: None)
    fresh, _pages = packs.build_pack_pdf(meeting, AgendaPack.Variant.MEMBERS)
    summary = pack_summary(patched)
    assert summary == pack_summary(fresh)
    texts = summary["texts"]
    sheets = [index for index, text in enumerate(texts) if f"{SECRET} sheet" in text]
    assert len(sheets) == 2
    for index in sheets:
        assert "Exempt — not for publication: paragraph 3 of Schedule 12A" in texts[index]
        assert f"Page {index + 1} of {len(texts)}" in texts[index]


def test_without_its_placeholders_the_agenda_is_laid_out_with_the_numbers(with_appendices, monkeypatch):
    from documents import pdf_assembly

    monkeypatch.setattr(pdf_assembly.AgendaNumbers, "fill", lambda self, document, numbers: False)
    monkeypatch.setattr(packs, "_previous_pack", lambda meeting, variant: None)  # the agenda laid out afresh
    data, total = packs.build_pack_pdf(with_appendices, AgendaPack.Variant.PUBLIC)
    reader = pypdf.PdfReader(io.BytesIO(data))
    top = [(title, page) for depth, title, page in outline(reader) if depth == 0]
    agenda_text = reader.pages[top[1][1] - 1].extract_text()
    assert f"Page {top[2][1]}" in agenda_text and f"Page {top[3][1]}" in agenda_text
    assert "Page 000" not in agenda_text and total == len(reader.pages)


def test_an_exempt_reports_uploaded_appendix_is_in_the_members_pack_only_under_the_exempt_banner(
    meeting, committee, governance_officer, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from reports.models import Appendix

    public = long_report(committee, "Libraries review", 2)
    exempt = long_report(committee, "Award of contract", 2, is_exempt=True, exempt_paragraph=3)
    bids = Appendix(report=exempt, position=0, title="Bid prices", content_type="application/pdf")
    bids.file.save("bids.pdf", ContentFile(untagged_pdf(SECRET, 1)))
    for report in (public, exempt):
        agenda.add_report_item(meeting, governance_officer, report)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_agenda(meeting, governance_officer, now=IN_TIME)
    run_worker()
    assert SECRET not in pack_text(meeting, "public")
    texts = page_texts(read(AgendaPack.objects.get(meeting=meeting, variant="members")))
    (page,) = [text for text in texts if f"{SECRET} sheet 1" in text]
    assert "Exempt — not for publication: paragraph 3 of Schedule 12A" in page
    assert f"Page {texts.index(page) + 1} of {len(texts)}" in page


@pytest.fixture
def own_media(settings, tmp_path):
    """A media folder of this test's own, so the pack piece cache holds only this test's pieces."""
    settings.MEDIA_ROOT = tmp_path


def test_clear_pack_parts_removes_only_the_pieces_no_pack_uses(
    own_media, with_appendices, governance_officer, django_capture_on_commit_callbacks, monkeypatch
):

    def pieces():
        return {p for p in packs._files_under(packs.PART_CACHE_FOLDER) if not p.startswith(packs.MANIFEST_FOLDER)}

    before = pieces()
    out = io.StringIO()
    call_command("clear_pack_parts", "--older-than-minutes", "0", stdout=out)
    assert pieces() == before and "Removed 0" in out.getvalue()

    report = Report.objects.get(title="School places strategy")
    Paragraph.objects.filter(section__report=report, position=0).update(text="<p>School places, corrected.</p>")
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_correction(report, governance_officer, "Paragraph 1.1 corrected.")
    run_worker()
    (superseded,) = packs.stale_parts(older_than=datetime.timedelta(0))  # the report before its correction
    assert superseded in before
    out = io.StringIO()
    call_command("clear_pack_parts", "--older-than-minutes", "0", "--dry-run", stdout=out)
    assert f"Would remove {superseded}" in out.getvalue() and superseded in pieces()
    call_command("clear_pack_parts", "--older-than-minutes", "0", stdout=io.StringIO())
    assert superseded not in pieces()

    # Everything the pack uses was kept: building it again renders nothing.
    rendered = []
    monkeypatch.setattr(packs, "_render", lambda html: rendered.append(html))
    AgendaPack.objects.filter(meeting=with_appendices).update(status=AgendaPack.Status.QUEUED)
    run_worker()
    assert rendered == [] and AgendaPack.objects.get(meeting=with_appendices).status == AgendaPack.Status.READY


def test_the_meeting_page_says_a_pack_is_being_prepared_until_the_worker_has_built_it(
    client, meeting, committee, governance_officer, committee_member, django_capture_on_commit_callbacks
):
    agenda.add_report_item(meeting, governance_officer, long_report(committee, "Libraries review", 2))
    agenda.add_report_item(
        meeting, governance_officer, long_report(committee, "Award of contract", 1, is_exempt=True, exempt_paragraph=3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_agenda(meeting, governance_officer, now=IN_TIME)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Agenda pack</a>" not in page
    assert "(PDF, being prepared)" in page
    assert page.count("being prepared") == 1, "the public hears only of the public pack"
    client.force_login(committee_member)
    assert client.get(meeting.get_absolute_url()).content.decode().count("being prepared") == 2

    run_worker()
    client.logout()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "being prepared" not in page
    assert reverse("committee:meeting_pack", args=[meeting.pk, "public"]) in page
