"""The council's identity, kept in the admin and read through core/council.py by every page and document."""

from __future__ import annotations

import datetime
import io
import subprocess
import tempfile
from pathlib import Path

import pikepdf
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from committee.models import Council
from core import colours
from core.council import current_council
from documents.pdf import render_report_pdf, report_print_html
from reports import notifications
from reports.structure import loaded_structure, prefetch_report, report_structure
from tests.report_builders import report_with_content

pytestmark = pytest.mark.django_db

# The smallest PNG there is: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def save_council(**fields) -> Council:
    values = {"name": "Cyngor Sir Ddinbych test", "nation": Council.Nation.ENGLAND, **fields}
    council = Council(**values)
    council.full_clean()
    council.save()
    return council


def test_before_the_first_save_the_settings_are_the_council(settings):
    assert current_council().name == settings.COUNCIL_NAME
    assert current_council().nation == settings.COUNCIL_NATION
    assert current_council().logo_url.endswith(settings.COUNCIL_LOGO)


def test_saving_the_record_changes_the_council_everywhere_at_once(client, django_assert_num_queries):
    current_council()
    save_council(name="Denbighshire County Council", welsh_name="Cyngor Sir Ddinbych", nation="wales")
    assert current_council().name == "Denbighshire County Council"
    assert current_council().is_welsh
    with django_assert_num_queries(0):  # kept until the record is next saved
        current_council()
    page = client.get(reverse("home")).content.decode()
    assert "Denbighshire County Council" in page
    assert "London Borough of Barnet" not in page


def test_there_is_only_ever_one_council():
    save_council(name="First")
    Council(name="Second").save()
    assert list(Council.objects.values_list("name", flat=True)) == ["Second"]


def test_a_welsh_council_publishes_agendas_three_clear_working_days_ahead(meeting):
    english = meeting.statutory_publication_deadline()
    save_council(nation="wales")
    welsh = meeting.statutory_publication_deadline()
    assert welsh > english
    assert meeting.date - welsh >= datetime.timedelta(days=4)


def test_the_report_pdf_prints_the_council_and_its_uploaded_logo(committee):
    save_council(name="Isle of Wight Council", logo=PNG, logo_type="image/png")
    doc = report_structure(prefetch_report().get(pk=report_with_content(committee, sections=1).pk))
    html = report_print_html(doc)
    assert "Isle of Wight Council" in html
    assert "data:image/png;base64," in html
    pdf = pikepdf.open(io.BytesIO(render_report_pdf(doc)))
    images = [name for page in pdf.pages for name in page.get_images()]
    assert images, "the uploaded logo is drawn in the PDF"


def colour_pixels(pdf: bytes, colour: str) -> int:
    """How many pixels of the PDF's first page, drawn at 50 dpi, are (about) the colour."""
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "report.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "report.pdf", "page"], cwd=folder, check=True
        )
        image = Image.open(next(Path(folder).glob("page*.png"))).convert("RGB")
    wanted = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return sum(1 for pixel in image.getdata() if all(abs(a - b) < 12 for a, b in zip(pixel, wanted, strict=True)))


def test_the_report_pdf_is_drawn_in_the_councils_colours_and_names_a_welsh_council_in_welsh(committee):
    report = report_with_content(committee, sections=1)
    green = "#00703c"
    assert colour_pixels(render_report_pdf(loaded_structure(report)), green) == 0
    save_council(name="Cardiff Council", welsh_name="Cyngor Caerdydd", nation="wales", header_colour=green)
    pdf = render_report_pdf(loaded_structure(report))
    assert colour_pixels(pdf, green) > 100, "the masthead's rule and the council's name are in its colour"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Cardiff Council" in text and "Cyngor Caerdydd" in text


def test_an_english_council_prints_no_welsh_name(committee):
    save_council(name="Durham County Council", welsh_name="Cyngor Sir Durham", nation="england")
    html = report_print_html(loaded_structure(report_with_content(committee, sections=1)))
    assert "Durham County Council" in html and "Cyngor Sir Durham" not in html


def test_e_mails_sign_off_with_the_council_saved(committee, author):
    save_council(name="Mole Valley District Council")
    notifications.report_published(report_with_content(committee, author=author))
    assert "Mole Valley District Council" in mail.outbox[-1].body


def test_open_data_names_the_council_saved(client):
    save_council(name="Durham County Council", website="https://www.durham.gov.uk/")
    body = client.get(reverse("opendata:oparl_system")).json()
    assert "Durham County Council" in body["name"]
    assert body["website"] == "https://www.durham.gov.uk/"


def test_the_council_stylesheet_carries_its_colours(client):
    save_council(header_colour="#00703c", link_colour="#4c2c92")
    response = client.get(reverse("council_stylesheet"))
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert "#00703c" in css and "#4c2c92" in css
    page = client.get(reverse("home")).content.decode()
    assert f"council.css?v={current_council().fingerprint[:12]}" in page


@pytest.mark.parametrize(
    ("colour", "problem"),
    [("#0b4b8c", ""), ("#1d70b8", ""), ("#ffdd00", "contrast"), ("#ffffff", "contrast"), ("blue", "hexadecimal")],
)
def test_colours_must_keep_text_readable(colour, problem):
    assert (problem in colours.colour_problem(colour)) if problem else colours.colour_problem(colour) == ""


def test_contrast_ratio_is_wcags():
    assert round(colours.contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert colours.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


# The admin page ------------------------------------------------------------


def test_the_council_list_opens_the_one_record_filled_in_from_the_settings(admin_client, settings):
    response = admin_client.get(reverse("admin:committee_council_changelist"))
    assert response.status_code == 302
    page = admin_client.get(response["Location"])
    assert page.status_code == 200
    assert settings.COUNCIL_NAME in page.content.decode()
    assert admin_client.get(reverse("admin:committee_council_add")).status_code == 403


def admin_post(admin_client, **changes):
    data = {
        "name": "Cardiff Council",
        "welsh_name": "Cyngor Caerdydd",
        "nation": "wales",
        "welsh_required": "report",
        "bilingual_layout": "sequential",
        "header_colour": "#0b4b8c",
        "link_colour": "#1d70b8",
        "address": "County Hall\nAtlantic Wharf\nCardiff CF10 4UW",
        "website": "https://www.cardiff.gov.uk/",
        **changes,
    }
    return admin_client.post(reverse("admin:committee_council_change", args=[1]), data)


def test_an_administrator_sets_the_council_and_its_logo(admin_client):
    response = admin_post(admin_client, logo_file=SimpleUploadedFile("logo.png", PNG, content_type="image/png"))
    assert response.status_code == 302, response.content.decode()[:2000]
    council = current_council()
    assert (council.name, council.welsh_name, council.nation) == ("Cardiff Council", "Cyngor Caerdydd", "wales")
    assert council.logo_type == "image/png" and council.logo_data == PNG
    # Saving again without a file keeps the logo; asking for the default drops it.
    admin_post(admin_client, name="Cardiff Council (renamed)")
    assert current_council().logo_data == PNG
    admin_post(admin_client, remove_logo="on")
    assert current_council().logo_data == b""


def test_the_admin_header_names_the_council_saved(admin_client):
    admin_post(admin_client, name="Cardiff Council")
    assert "Cardiff Council — committee administration" in admin_client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"header_colour": "#ffdd00"}, "contrast"),
        ({"link_colour": "red"}, "hexadecimal"),
        ({"logo_file": SimpleUploadedFile("logo.png", b"<html>not an image</html>")}, "SVG, PNG or JPEG"),
        ({"logo_file": SimpleUploadedFile("big.png", PNG + b"\0" * 300 * 1024)}, "larger than 256 KB"),
    ],
)
def test_the_admin_refuses_what_cannot_be_printed_with_a_clear_message(admin_client, changes, message):
    response = admin_post(admin_client, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Council.objects.exists()


def test_the_council_cannot_be_deleted(admin_client):
    admin_post(admin_client)
    assert admin_client.get(reverse("admin:committee_council_delete", args=[1])).status_code == 403
