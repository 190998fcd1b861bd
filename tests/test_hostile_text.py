"""Cross-site scripting payloads typed, pasted or smuggled into every text field of a report end
up inert: on the report's pages, in its PDF, in feeds and in e-mails. core/richtext.py clean()
is the gate on the way in and again on the way out (the rich_text filter)."""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from committee import access
from core import richtext
from reports import pasting, upload_safety
from reports.models import BackgroundPaper, Paragraph, Recommendation, Report, Section
from reports.templates_setup import ensure_standard_template, start_report_from_template
from tests.conftest import make_user
from tests.xss_payloads import PAYLOADS, live_markup

ALL = "\n\n".join(PAYLOADS)
# Plain-text fields (title, headings) must show what was typed, literally.
TITLE = '<script>alert("xss-title")</script> Libraries <img src=x onerror=alert(1)>'


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_sanitiser_leaves_nothing_alive(payload):
    assert live_markup(richtext.clean(payload)) == []
    assert live_markup(pasting.to_html(payload)) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_sanitiser_is_idempotent_so_cleaning_again_on_output_changes_nothing(payload):
    once = richtext.clean(payload)
    assert richtext.clean(once) == once
    stored = pasting.to_html(payload)
    assert richtext.clean(stored) == stored


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_shown_again_is_cleaned_again_though_the_result_is_remembered(payload):
    from reports.templatetags.report_tags import hanging_number, rich_text

    # Twice each: the second time the filters answer from what they remember, which must be the
    # cleaned text, never the raw input it was remembered by.
    for _ in range(2):
        assert live_markup(rich_text(payload)) == []
        assert live_markup(hanging_number(payload, "1.1")) == []
        assert rich_text(payload) == richtext.clean(payload)


def test_escaped_code_typed_as_text_is_shown_as_typed():
    stored = pasting.to_html('Type &lt;script&gt; to "see" it')
    assert live_markup(stored) == []
    assert html.unescape(re.sub(r"<[^>]*>", "", stored)) == 'Type &lt;script&gt; to "see" it'


# A report with a payload in every field ------------------------------------------------------


def fill_every_field(report: Report, *, raw: bool) -> None:
    """Payloads in every text field. raw=True stores them as they are, as the admin, an import or
    a bug could, so the output side of the gate is tested on its own."""
    rich = (lambda text: text) if raw else pasting.to_html
    report.title = TITLE
    report.report_of = PAYLOADS[1][:200]
    report.decision_maker = PAYLOADS[3][:200]
    report.lead_head_of_service = PAYLOADS[9][:200]
    report.summary = rich(ALL)
    report.save()
    for position, payload in enumerate(PAYLOADS):
        Recommendation.objects.create(report=report, position=position, text=rich(payload))
    section = Section.objects.create(report=report, position=99, heading=PAYLOADS[0][:300])
    parent = Paragraph.objects.create(section=section, position=0, heading=PAYLOADS[4][:300], text=rich(ALL))
    for position, payload in enumerate(PAYLOADS):
        Paragraph.objects.create(section=section, parent=parent, position=position, text=rich(payload))
    papers = Section.objects.filter(report=report, is_background_papers=True).first() or section
    papers.is_background_papers = True
    papers.save()
    BackgroundPaper.objects.create(report=report, title=PAYLOADS[2][:500], url="javascript:alert('xss-url')")
    BackgroundPaper.objects.create(report=report, title=PAYLOADS[6][:500], url="https://example.org/ok")


@pytest.fixture
def hostile_report(db, committee, meeting, author):
    report = start_report_from_template(
        ensure_standard_template(), committee=committee, title="T", report_of="R", author=author
    )
    report.meeting = meeting
    report.save()
    fill_every_field(report, raw=True)
    return report


@pytest.fixture
def officer(db):
    return make_user("officer", access.GOVERNANCE_OFFICERS, is_staff=True)


def staff_pages(report: Report) -> list[str]:
    return [
        reverse("reports:report_detail", args=[report.pk]),
        reverse("reports:report_edit", args=[report.pk]),
        reverse("reports:report_preview", args=[report.pk]),
        reverse("reports:report_manage", args=[report.pk]),
        reverse("reports:dashboard"),
    ]


def test_every_page_of_a_report_full_of_payloads_is_inert(client, hostile_report, officer, author):
    for user in (officer, author):
        client.force_login(user)
        for path in staff_pages(hostile_report):
            response = client.get(path)
            if response.status_code != 200:
                continue  # e.g. the dashboard of a user who has none; the report pages are checked below
            page = response.content.decode()
            assert live_markup(page) == [], path
            assert 'href="javascript' not in page.lower(), path
    client.force_login(officer)
    page = client.get(hostile_report.get_absolute_url()).content.decode()
    # Plain fields show what was typed, as text.
    assert html.escape(TITLE, quote=False) in page or html.escape(TITLE) in page
    assert "{{ 7*7 }}" in page  # stored text is never treated as a template


def test_the_published_report_is_inert_for_the_public(client, hostile_report):
    Report.objects.filter(pk=hostile_report.pk).update(status=Report.Status.PUBLISHED)
    response = client.get(hostile_report.get_absolute_url())
    assert response.status_code == 200
    assert live_markup(response.content.decode()) == []


def test_payloads_typed_into_the_editor_are_stored_clean(client, committee, author):
    report = start_report_from_template(
        ensure_standard_template(), committee=committee, title="T", report_of="R", author=author
    )
    client.force_login(author)
    response = client.post(
        reverse("reports:summary_save", args=[report.pk]), {"version": report.version, "summary": ALL}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert live_markup(report.summary) == []
    assert "xss-5" in report.summary  # the harmless words survive
    section = report.sections.first()
    for payload in PAYLOADS[:6]:
        report.refresh_from_db()
        client.post(
            reverse("reports:paragraph_add", args=[report.pk, section.pk]),
            {"version": report.version, "heading": payload[:300], "text": payload},
        )
        client.post(
            reverse("reports:recommendation_add", args=[report.pk]), {"version": report.version + 1, "text": payload}
        )
    for text in Paragraph.objects.filter(section=section).values_list("text", flat=True):
        assert live_markup(text) == []
    for text in Recommendation.objects.filter(report=report).values_list("text", flat=True):
        assert live_markup(text) == []


# The PDF ---------------------------------------------------------------------------------------


def test_the_pdf_of_a_report_full_of_payloads_runs_nothing_and_shows_plain_text_literally(hostile_report):
    from documents.pdf import render_report_pdf
    from reports.structure import loaded_structure

    data = render_report_pdf(loaded_structure(hostile_report))
    assert upload_safety.pdf_active_content(io.BytesIO(data)) is None
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                uri = str(action.get_object().get("/URI", ""))
                assert not re.match(r"\s*(javascript|data|vbscript):", uri, re.IGNORECASE), uri
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Libraries" in text
    assert "xss-title" in text  # the title is plain text: shown literally, never run
    # Rich text: the markup (and the script inside it) is dropped, the words are kept.
    for marker in ("xss-15", "xss-21", "xss-23"):
        assert marker not in text
    assert "styled xss-5" in text


# Feeds ------------------------------------------------------------------------------------------


def test_the_work_programme_feed_carries_no_live_markup(client, committee, meeting):
    from committee.models import WorkProgrammeItem
    from work_programme import programme

    WorkProgrammeItem.objects.create(committee=committee, target_meeting=meeting, title=PAYLOADS[0][:500], purpose=ALL)
    programme.publish_programme(committee)
    response = client.get(reverse("committee:work_programme_feed", args=[committee.slug]))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    namespace = {"atom": "http://www.w3.org/2005/Atom"}
    entries = root.findall("atom:entry", namespace)
    assert entries
    for entry in entries:
        for element in entry:
            if element.get("type") == "html":
                # A feed reader renders type="html" content as HTML.
                assert live_markup(element.text or "") == [], element.tag
        summary = entry.find("atom:summary", namespace)
        assert "xss-5" in html.unescape(summary.text)


def test_the_documents_feed_shows_agenda_item_titles_as_text_never_as_markup(client, meeting, governance_officer):
    import feedparser

    from committee import agenda
    from publishing import publication as publishing

    agenda.add_item(meeting, governance_officer, title=TITLE)
    agenda.add_item(meeting, governance_officer, title="Tom & Jerry's <Enter> key")
    publishing.publish_agenda(meeting, governance_officer, late_reason="urgency")
    response = client.get(reverse("committee:documents_feed"))
    assert response.status_code == 200
    # As a feed reader gets it: type="html" content, rendered as HTML.
    entry = feedparser.parse(response.content, sanitize_html=False).entries[0]
    assert live_markup(entry.summary) == []
    shown = html.unescape(re.sub(r"<[^>]*>", "", entry.summary))
    assert TITLE in shown and "Tom & Jerry's <Enter> key" in shown


# E-mails ----------------------------------------------------------------------------------------


def test_e_mails_about_a_hostile_report_are_plain_text_with_no_injected_headers(hostile_report, author):
    from reports import notifications

    approver = make_user("legal", access.LEGAL_APPROVERS)
    Report.objects.filter(pk=hostile_report.pk).update(title="Evil\r\nBcc: everyone@example.org\r\n" + TITLE)
    hostile_report.refresh_from_db()
    mail.outbox.clear()
    notifications._send("cleared", [approver], {"report": hostile_report, "link": "https://example.gov.uk/r/1"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.to == [approver.email]
    assert message.bcc == [] and message.cc == []
    assert "everyone@example.org" not in str(message.message()["Bcc"] or "")
    assert not getattr(message, "alternatives", [])  # text only: nothing for a mail client to run
    assert message.content_subtype == "plain"


# The Word document and the other downloads ------------------------------------------------------------


def test_the_word_document_of_a_report_full_of_payloads_carries_nothing_active(client, hostile_report, officer):
    import zipfile

    import docx

    client.force_login(officer)
    response = client.get(reverse("reports:report_docx", args=[hostile_report.pk]))
    assert response.status_code == 200
    data = response.content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        # No macros, embedded objects or imported HTML chunks (w:altChunk) that Word would act on.
        assert not any(n.lower().endswith(("vbaproject.bin", ".bin")) or "embeddings/" in n for n in names)
        body = archive.read("word/document.xml").decode()
        assert "altChunk" not in body and "w:object" not in body
        for name in names:
            if name.endswith(".rels"):
                for target in re.findall(r'Target="([^"]*)"', archive.read(name).decode()):
                    assert not re.match(r"\s*(javascript|data|vbscript|file):", html.unescape(target), re.I), target
    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)
    assert "xss-title" in text  # the plain title, shown literally
    for marker in ("xss-15", "xss-21", "xss-23"):
        assert marker not in text  # rich text: the markup and its script dropped
    assert "styled xss-5" in text


def test_the_plain_text_download_is_served_as_text_and_never_sniffed(client, hostile_report, officer):
    client.force_login(officer)
    response = client.get(reverse("reports:report_text", args=[hostile_report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "\n" not in response["Content-Disposition"] and '"' not in response["Content-Disposition"].split("=", 1)[
        1
    ].strip('"')


# Text stored before it was normalised -----------------------------------------------------------------
# Word's manual line break (U+000B) and other characters XML cannot hold, put straight into the database
# as the admin, an import or an older release could have: every XML and Word writer still answers, and
# what it writes parses.

VT = "\x0b"
BAD = f"Libraries{VT}review\x01\x1f\ufffe"


def store_raw(obj, **values) -> None:
    """Bypass the model fields' normalising, as text stored before it existed."""
    from django.db import connection

    with connection.cursor() as cursor:
        for column, value in values.items():
            cursor.execute(f'UPDATE "{obj._meta.db_table}" SET "{column}" = %s WHERE id = %s', [value, obj.pk])


@pytest.fixture
def council_with_control_characters(demo):
    from committee.models import AgendaPublication
    from tests.opendata_builders import build_open_council

    council = build_open_council()
    publication = AgendaPublication.objects.create(
        meeting=council.meeting, kind=AgendaPublication.Kind.AGENDA, published_at=council.meeting.agenda_published_at
    )
    council.meeting.agenda_items.filter(is_supplementary=False).update(publication=publication)
    for item in council.meeting.agenda_items.all():
        store_raw(item, title=f"{item.title}{VT}{BAD}", description=f"Note{VT}{BAD}")
    store_raw(council.appendix, title=f"Action plan{VT}{BAD}")
    store_raw(council.public_report, title=f"HMIC report{VT}{BAD}")
    store_raw(council.committee, name=f"{council.committee.name}{VT}")
    store_raw(council.meeting, status_notice=f"Moved{VT}{BAD}")
    return council


def test_the_documents_feed_survives_control_characters_stored_earlier(client, council_with_control_characters):
    import feedparser

    from committee.models import Minutes

    # The demo's other meetings' minutes are newer and would fill the feed's page.
    Minutes.objects.exclude(meeting=council_with_control_characters.meeting).delete()
    response = client.get(reverse("committee:documents_feed"))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert any("Libraries review" in entry.summary for entry in feed.entries)


def test_the_modern_gov_xml_survives_control_characters_stored_earlier(client, council_with_control_characters):
    council = council_with_control_characters
    response = client.get("/mgWebService.asmx/GetMeeting", {"lMeetingId": council.meeting.pk})
    assert response.status_code == 200
    meeting = ET.fromstring(response.content)
    titles = [element.text for element in meeting.iter("agendaitemtitle")]
    assert titles and all("Libraries review" in title for title in titles)
    linked = [doc for doc in meeting.iter("linkeddoc") if "Action plan" in doc.findtext("title")]
    assert linked and "Libraries review" in linked[0].findtext("title")
    response = client.get("/mgWebService.asmx/GetAttachment", {"lAttachmentId": linked[0].findtext("attachmentid")})
    assert response.status_code == 200
    assert "Libraries review" in ET.fromstring(response.content).findtext("attachmentdetails/title")
    response = client.get("/mgWebService.asmx/GetCommittees")
    assert response.status_code == 200
    ET.fromstring(response.content)


def test_calendars_and_the_sitemap_survive_control_characters_stored_earlier(client, council_with_control_characters):
    from icalendar import Calendar

    response = client.get(reverse("committee:ical_all"))
    assert response.status_code == 200
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", response.content)
    notices = [str(event.get("description")) for event in Calendar.from_ical(response.content).walk("VEVENT")]
    assert any("Moved Libraries review" in notice for notice in notices)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ET.fromstring(response.content)


def test_the_work_programme_feed_survives_control_characters_stored_earlier(client, committee, meeting):
    import feedparser

    from committee.models import WorkProgrammeItem
    from work_programme import programme as work_programme

    item = WorkProgrammeItem.objects.create(committee=committee, target_meeting=meeting, title="T", purpose="P")
    work_programme.publish_programme(committee)
    store_raw(item, title=BAD, purpose=BAD)
    response = client.get(reverse("committee:work_programme_feed", args=[committee.slug]))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries[0].title.startswith("Libraries review")


def test_the_word_document_survives_control_characters_stored_earlier(client, hostile_report, officer):
    import docx

    store_raw(hostile_report, title=BAD, report_of=BAD, summary=f"<p>Summary{VT}{BAD}</p>")
    section = hostile_report.sections.get(position=99)
    store_raw(section, heading=BAD)
    paragraph = Paragraph.objects.filter(section=section).first()
    store_raw(paragraph, heading=BAD, text=f"<p>{BAD}</p>")
    store_raw(BackgroundPaper.objects.filter(report=hostile_report).first(), title=BAD)
    client.force_login(officer)
    response = client.get(reverse("reports:report_docx", args=[hostile_report.pk]))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    assert document.core_properties.title == "Libraries review"
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Summary Libraries review" in text


@pytest.mark.parametrize("template", ["signoff_requested", "changes_requested", "cleared", "approved", "published"])
def test_every_e_mail_shows_the_title_as_typed_in_its_subject_and_body(hostile_report, author, template):
    from reports import notifications
    from reports.models import SignOff

    title = "Children's & young people's <Enter> plan \"2027\""
    Report.objects.filter(pk=hostile_report.pk).update(title=title)
    hostile_report.refresh_from_db()
    signoff = SignOff(report=hostile_report, role=SignOff.Role.LEGAL, comment="Fix the 'costs' & <dates>")
    mail.outbox.clear()
    notifications._send(
        template,
        [author],
        {"report": hostile_report, "role": "legal", "approver": author, "signoff": signoff, "link": "https://x/r/1"},
    )
    message = mail.outbox[0]
    assert title in message.subject
    assert title in message.body
    assert "&#x27;" not in message.subject + message.body and "&amp;" not in message.subject + message.body
