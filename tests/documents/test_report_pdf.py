"""The report as a PDF, read back as a reader's software would: text, numbering, outline, tags, links."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from pypdf import PdfReader

from committee.demo import example_report as example
from documents import pdf as report_pdf_module
from documents.pdf import html_to_pdf, render_report_document
from documents.pdf import render_report_pdf as render_doc_pdf
from documents.pdf_store import current_pdf_bytes
from reports.models import Appendix, BackgroundPaper, Paragraph, Recommendation, Report, Section
from reports.structure import loaded_structure
from tests.conftest import make_report
from tests.report_builders import report_with_content


def pdf_of(report) -> bytes:
    """The report's PDF rendered now, from its row."""
    return render_doc_pdf(loaded_structure(report))


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def outline_titles(outline) -> list[str]:
    titles = []
    for entry in outline:
        if isinstance(entry, list):
            titles.extend(outline_titles(entry))
        else:
            titles.append(entry.title)
    return titles


@pytest.fixture(scope="module")
def example_pdf(django_db_setup, django_db_blocker) -> bytes:
    """The demo council's example report, rendered once for this module's read-only checks.

    Loading the demo council is slow, so it is loaded once, inside a transaction rolled back at once.
    """
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddemo", stdout=io.StringIO())
        pdf = pdf_of(Report.objects.get(title__startswith="HMIC"))
        transaction.set_rollback(True)
    return pdf


def test_the_example_report_reads_in_the_councils_order_with_its_numbering(example_pdf):
    text = squash(text_of(read(example_pdf)))
    landmarks = [
        "London Borough of Barnet",
        "Children, Education, Libraries and Safeguarding Committee",
        "21 February 2017",
        "Title",
        "Report of Commissioning Director, Children and Young People",
        "Officer Contact Details Edward Gilbert, Governance Team Leader",
        "Summary",
        "Recommendations",
        "1. WHY THIS REPORT IS NEEDED",
        "1.1 On 26th November",
        "1.2 The report examined a sample",
        "1.3 Prevailing themes",
        "The police response to children who regularly go missing",
        "1.7 The full report",
        "2. REASONS FOR RECOMMENDATIONS",
        "3. ALTERNATIVE OPTIONS CONSIDERED AND NOT RECOMMENDED",
        "4. POST DECISION IMPLEMENTATION",
        "4.1 None.",
        "5. IMPLICATIONS OF DECISION",
        "5.1 Corporate Priorities and Performance",
        "5.1.1 By receiving this report",
        "5.2 Resources",
        "5.2.1 None in the context of this report.",
        "5.5.1 The 2010 Equality Act",
        "5.6.1 None in the context of this report.",
        "6. BACKGROUND PAPERS",
        "6.1 Report published by the HMIC",
        "6.2 Children, Education, Libraries and Safeguarding Committee Forward Work Programme",
    ]
    position = 0
    for landmark in landmarks:
        found = re.sub(r"\s+", " ", text).find(landmark, position)
        assert found >= 0, f"{landmark!r} missing or out of order after position {position}"
        position = found + len(landmark)


def test_the_three_recommendations_are_there_in_full(example_pdf):
    text = squash(text_of(read(example_pdf)))
    for number, recommendation in enumerate(example.RECOMMENDATIONS, start=1):
        assert f"{number}. {recommendation}" in text


def test_the_example_report_prints_on_a_handful_of_a4_pages_with_page_x_of_y(example_pdf):
    reader = read(example_pdf)
    assert 3 <= len(reader.pages) <= 6
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = squash(page.extract_text())
        assert f"Page {number} of {total}" in text
        assert "HMIC (Her Majesty's Inspectorate of Constabulary) Report" in text  # the running footer


def test_the_pdf_is_tagged_pdf_ua_in_british_english_with_title_and_author(example_pdf):
    reader = read(example_pdf)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == example.TITLE
    assert reader.metadata.author == example.REPORT_OF
    with pikepdf.open(io.BytesIO(example_pdf)) as pdf:
        xmp = str(pdf.Root.Metadata.read_bytes())
        assert "pdfuaid" in xmp  # claims PDF/UA-1
        fonts = [f for page in pdf.pages for f in page.Resources.Font.values()]
        assert fonts and all("/FontFile2" in f.DescendantFonts[0].FontDescriptor for f in fonts)  # embedded


def test_every_section_has_a_bookmark(example_pdf):
    titles = outline_titles(read(example_pdf).outline)
    assert titles[0] == example.TITLE
    for expected in [
        "Summary",
        "Recommendations",
        "1. Why this report is needed",
        "5. Implications of decision",
        "5.4 Risk Management",
        "6. Background papers",
    ]:
        assert expected in titles


def test_background_papers_are_clickable_and_their_addresses_printed(example_pdf):
    reader = read(example_pdf)
    uris = {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link" and "/A" in annotation.get_object()
    }
    for paper in example.BACKGROUND_PAPERS:
        assert paper["url"] in uris
    assert "mailto:Edward.gilbert@barnet.gov.uk" in uris
    text = squash(text_of(reader)).replace(" ", "")
    assert "https://barnet.moderngov.co.uk/mgListPlans.aspx?RPIId=697&RD=0" in text


def test_an_exempt_report_says_so_at_the_top_of_every_page(committee):
    report = report_with_content(committee, is_exempt=True, exempt_paragraph=3)
    reader = read(pdf_of(report))
    assert len(reader.pages) >= 3
    for page in reader.pages:
        assert "Exempt — not for publication: paragraph 3 of Schedule 12A" in squash(page.extract_text())


def test_a_public_report_carries_no_exempt_banner(example_pdf):
    assert "Exempt" not in text_of(read(example_pdf))


def test_hostile_text_stays_inert_in_the_pdf(committee):
    from core.richtext import clean

    report = make_report(
        committee, summary=clean('<p>Fine<script>alert("x")</script><img src="http://evil.test/x.png"></p>')
    )
    section = Section.objects.create(report=report, position=0, heading="<b>Not bold</b>")
    Paragraph.objects.create(
        section=section,
        text=clean('<p><a href="javascript:alert(1)">click</a> <iframe src="http://evil.test"></iframe></p>'),
    )
    pdf = pdf_of(report)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for annotation in page.obj.get("/Annots", []):
                assert "javascript" not in str(annotation.get("/A", {}).get("/URI", "")).lower()
        assert "/JavaScript" not in str(document.Root.get("/Names", {}).keys())
        assert "/OpenAction" not in document.Root
    text = text_of(read(pdf))
    assert "alert" not in text
    assert "<B>NOT BOLD</B>" in squash(text)  # a heading is text, shown as typed (in capitals)


def test_uploaded_pdf_appendices_follow_the_report_each_with_a_bookmark(committee, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    report = make_report(committee, title="Budget monitoring")
    appendix_pdf = html_to_pdf("<h1>Budget table</h1><p>Appendix content here.</p>", title="Budget table")
    appendix = Appendix(report=report, position=0, title="Budget table", content_type="application/pdf")
    appendix.file.save("budget.pdf", ContentFile(appendix_pdf), save=True)
    plain = pikepdf.new()
    plain.add_blank_page()
    untagged = io.BytesIO()
    plain.save(untagged)
    second = Appendix(report=report, position=1, title="Site plan", content_type="application/pdf")
    second.file.save("plan.pdf", ContentFile(untagged.getvalue()), save=True)

    pdf = pdf_of(report)
    reader = read(pdf)
    report_pages = len(render_report_document(loaded_structure(report)).pages)
    assert len(reader.pages) == report_pages + 2
    assert "Appendix content here." in reader.pages[report_pages].extract_text()
    titles = outline_titles(reader.outline)
    assert titles[0] == "Budget monitoring"
    assert "Appendix A – Budget table" in titles
    assert "Appendix B – Site plan" in titles
    assert reader.get_destination_page_number(reader.outline[-2]) == report_pages
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and bool(root["/MarkInfo"]["/Marked"])
    # The tagged appendix's structure was grafted into the report's tree, pointing at its page.
    with pikepdf.open(io.BytesIO(pdf)) as document:
        parent_tree = document.Root.StructTreeRoot.ParentTree.Nums
        keys = [int(parent_tree[i]) for i in range(0, len(parent_tree), 2)]
        appendix_page = document.pages[report_pages].obj
        assert int(appendix_page.StructParents) in keys
        assert len(keys) == len(set(keys))


def test_a_broken_appendix_is_left_out_and_the_report_still_prints(committee, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    report = make_report(committee, title="Budget monitoring")
    appendix = Appendix(report=report, position=0, title="Corrupt", content_type="application/pdf")
    appendix.file.save("corrupt.pdf", ContentFile(b"%PDF-1.4 not really"), save=True)
    reader = read(pdf_of(report))
    assert "Budget monitoring" in reader.pages[0].extract_text()


def test_an_unchanged_report_is_rendered_once_and_a_change_renders_again(committee, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    report = make_report(committee, title="Cached report")
    renders = []
    original = report_pdf_module.render_report_pdf

    def counting(doc, html=None):
        renders.append(doc)
        return original(doc, html=html)

    monkeypatch.setattr(report_pdf_module, "render_report_pdf", counting)
    first, first_key = current_pdf_bytes(loaded_structure(report))
    second, second_key = current_pdf_bytes(loaded_structure(Report.objects.get(pk=report.pk)))
    assert first == second and first_key == second_key
    assert len(renders) == 1
    assert list(tmp_path.glob("pdf-cache/*/*.pdf"))

    Recommendation.objects.create(report=report, text="<p>A new recommendation.</p>")
    third, third_key = current_pdf_bytes(loaded_structure(Report.objects.get(pk=report.pk)))
    assert third_key != first_key
    assert len(renders) == 2
    assert "A new recommendation." in text_of(read(third))


def test_the_cache_key_includes_the_weasyprint_version(committee, monkeypatch):
    from reports.structure import prefetch_report, report_structure

    report = make_report(committee)
    doc = report_structure(prefetch_report().get(pk=report.pk))
    before = report_pdf_module.report_pdf_key(doc)
    monkeypatch.setattr(report_pdf_module.weasyprint, "__version__", "999.0")
    assert report_pdf_module.report_pdf_key(doc) != before


def test_html_to_pdf_makes_a_tagged_a4_pdf_with_the_title_in_the_footer():
    pdf = html_to_pdf(
        '<html lang="en-GB"><body><h1>Forward work programme</h1><p>Items.</p></body></html>',
        title="Forward work programme 2025/26",
    )
    reader = read(pdf)
    assert reader.metadata.title == "Forward work programme 2025/26"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert "Forward work programme 2025/26" in reader.pages[0].extract_text()
    assert "Page 1 of 1" in reader.pages[0].extract_text()


def test_rendering_never_fetches_anything_but_the_apps_own_files(monkeypatch):
    import urllib.request

    def refuse(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    pdf = html_to_pdf('<p><img src="http://169.254.169.254/latest/x.png" alt="x">Text</p>', title="T")
    assert "Text" in read(pdf).pages[0].extract_text()


def test_background_paper_without_a_link_prints_its_title(committee):
    report = make_report(committee, title="Papers")
    section = Section.objects.create(report=report, position=0, heading="Background papers", is_background_papers=True)
    assert section
    BackgroundPaper.objects.create(report=report, title="Minutes of 3 March", url="https://example.gov.uk/m.pdf")
    assert "1.1 Minutes of 3 March" in squash(text_of(read(pdf_of(report))))


def test_reports_printed_together_start_on_new_pages_with_their_own_footer_and_banner(committee):
    """What an agenda pack does: several report bodies in one document, one page numbering."""
    from documents.pdf import html_to_document, report_body_html, write_pdf

    exempt = report_with_content(
        committee, sections=1, paragraphs=2, title="Exempt one", is_exempt=True, exempt_paragraph=3
    )
    public = report_with_content(committee, sections=1, paragraphs=2, title="Public two")
    bodies = "".join(report_body_html(loaded_structure(report)) for report in (exempt, public))
    html = f'<html lang="en-GB"><body>{bodies}</body></html>'
    reader = read(write_pdf(html_to_document(html, title="Agenda pack")))
    pages = [squash(page.extract_text()) for page in reader.pages]
    total = len(pages)
    first_public = next(i for i, text in enumerate(pages) if "Public two Title Public two" in text)
    assert first_public > 0
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text
        if number - 1 < first_public:
            assert "paragraph 3 of Schedule 12A" in text and "Exempt one" in text
        else:
            assert "Schedule 12A" not in text and "Public two" in text


def test_the_print_stylesheet_is_parsed_once_and_again_when_it_changes(monkeypatch, tmp_path):
    import os

    first = report_pdf_module.print_stylesheet()
    assert report_pdf_module.print_stylesheet() is first
    css = tmp_path / "report.css"
    css.write_text("@page { size: A4; }")
    monkeypatch.setattr(report_pdf_module.finders, "find", lambda name: str(css))
    other = report_pdf_module.print_stylesheet()
    assert other is not first and report_pdf_module.print_stylesheet() is other
    later = css.stat().st_mtime_ns + 2_000_000_000
    os.utime(css, ns=(later, later))
    assert report_pdf_module.print_stylesheet() is not other


def test_documents_printed_one_after_another_keep_their_own_footer_and_print_identically():
    # Between renders the app keeps the font configuration and each title's footer stylesheet.
    def page(title):
        body = f'<html lang="en-GB"><body><h1>{title}</h1><p>Items.</p></body></html>'
        return html_to_pdf(body, title=title)

    budget = page("Budget monitoring")
    forward = page("Forward plan")
    assert "Budget monitoring" in read(budget).pages[0].extract_text()
    assert "Budget monitoring" not in read(forward).pages[0].extract_text()
    assert "Forward plan" in read(forward).pages[0].extract_text()
    assert page("Budget monitoring") == budget


def test_a_worker_thread_prints_the_same_pdf_with_its_own_fonts(committee):
    import threading

    from reports.structure import prefetch_report, report_structure

    report = report_with_content(committee)
    doc = report_structure(prefetch_report().get(pk=report.pk))  # loaded here: the thread needs no database
    here = render_doc_pdf(doc)
    found = {}

    def render_in_thread():
        found["config"] = report_pdf_module.font_config()
        found["pdf"] = render_doc_pdf(doc)

    worker = threading.Thread(target=render_in_thread)
    worker.start()
    worker.join()
    assert found["pdf"] == here
    assert found["config"] is not report_pdf_module.font_config()  # Pango's font maps are not thread-safe
