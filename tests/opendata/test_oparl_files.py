"""OParl Files of reports: what the API says about a PDF (size, SHA-512, text) is true of the bytes a
client downloads, at `accessUrl` (inline) and `downloadUrl` (attachment) alike."""

from __future__ import annotations

import hashlib
import io
import re

import pypdf
import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from documents.models import FileFacts
from reports.models import Paragraph, Report, Section
from tests.conftest import make_report
from tests.oparl_validation import validate_object
from tests.opendata.test_oparl import get_json, local
from tests.opendata_builders import PDF_BYTES, build_open_council


@pytest.fixture
def council(demo):
    return build_open_council()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_a_report_pdf_file_has_size_checksum_and_text_true_of_the_downloaded_pdf(client, council):
    report = council.public_report
    url = f"/oparl/v1/file/report-{report.pk}"
    before = get_json(client, url)
    validate_object(before)
    # Nothing rendered yet: the API does not render PDFs to list them, and says nothing it does not know.
    assert not {"size", "sha512Checksum", "text"} & set(before)

    inline = client.get(local(before["accessUrl"]))
    assert inline.status_code == 200 and inline["Content-Disposition"].startswith("inline")
    download = client.get(local(before["downloadUrl"]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert download["Content-Disposition"].endswith('.pdf"')
    data = body(download)
    assert data.startswith(b"%PDF") and data == body(inline)

    after = get_json(client, url)
    validate_object(after)
    assert after["size"] == len(data)
    assert after["sha512Checksum"] == hashlib.sha512(data).hexdigest()
    assert after["modified"] >= before["modified"]  # the file changed: clients asking for changes see it
    # The text is the PDF's words: almost all of them are found in the PDF read back.
    assert words(report.title) <= words(after["text"])
    found = words(after["text"]) & words(pdf_text(data))
    assert len(found) > 0.9 * len(words(after["text"])) and len(found) > 100
    paper = get_json(client, f"/oparl/v1/paper/{report.pk}")
    assert paper["mainFile"] == after


def test_publishing_records_the_pdf_facts_in_the_background_and_a_correction_replaces_them(
    client, council, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import User

    from committee import access
    from documents import tasks
    from publishing import publication
    from reports.revisions import latest_published_revision

    governance_officer = User.objects.filter(groups__name=access.GOVERNANCE_OFFICERS).first()

    report = make_report(council.committee, meeting=council.meeting, title="Parks strategy", status="approved")
    section = Section.objects.create(report=report, heading="Background")
    Paragraph.objects.create(section=section, position=0, text="<p>The parks budget rises by a tenth.</p>")
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_report(report, governance_officer)
    queued = DBTaskResult.objects.filter(task_path__endswith="render_published_report")
    assert [task.args_kwargs["args"] for task in queued] == [[latest_published_revision(report).pk]]
    tasks.render_published_report.call(latest_published_revision(report).pk)  # what the worker does
    first = get_json(client, f"/oparl/v1/file/report-{report.pk}")
    assert "The parks budget rises by a tenth." in first["text"]
    served = body(client.get(local(first["accessUrl"])))
    assert first["sha512Checksum"] == hashlib.sha512(served).hexdigest()

    Paragraph.objects.filter(section=section).update(text="<p>The parks budget rises by a fifth.</p>")
    Report.objects.filter(pk=report.pk).update(title="Parks strategy (corrected)")
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_correction(Report.objects.get(pk=report.pk), governance_officer, "Budget corrected.")
    # The corrected PDF is another file: the old one's facts are not shown for it.
    stale = get_json(client, f"/oparl/v1/file/report-{report.pk}")
    assert "sha512Checksum" not in stale and "text" not in stale
    tasks.render_published_report.call(latest_published_revision(report).pk)
    corrected = get_json(client, f"/oparl/v1/file/report-{report.pk}")
    assert "rises by a fifth" in corrected["text"] and corrected["sha512Checksum"] != first["sha512Checksum"]
    served = body(client.get(local(corrected["accessUrl"])))
    assert corrected["sha512Checksum"] == hashlib.sha512(served).hexdigest()


def test_the_command_records_every_public_report_once_and_never_an_exempt_one(council):
    out = io.StringIO()
    call_command("record_file_facts", "--dry-run", stdout=out)
    assert not FileFacts.objects.exists() and "would record" in out.getvalue()
    call_command("record_file_facts", stdout=io.StringIO())
    recorded = set(FileFacts.objects.values_list("file_id", flat=True))
    assert f"report-{council.public_report.pk}" in recorded
    assert f"report-{council.exempt_report.pk}" not in recorded
    assert f"report-{council.draft_report.pk}" not in recorded
    out = io.StringIO()
    call_command("record_file_facts", stdout=out)
    assert "0 to record" in out.getvalue()


def test_an_exempt_reports_pdf_is_never_downloaded_by_the_public_nor_recorded(client, council):
    assert client.get(f"/open-data/files/report/{council.exempt_report.pk}/download").status_code == 404
    assert client.get(f"/open-data/files/report/{council.draft_report.pk}/download").status_code == 404
    get_json(client, f"/oparl/v1/file/report-{council.exempt_report.pk}", status=404)
    assert not FileFacts.objects.exists()


def test_an_uploaded_background_paper_has_its_size_and_checksum(client, council):
    paper = get_json(client, f"/oparl/v1/file/background-paper-{council.paper_file.pk}")
    validate_object(paper)
    assert paper["size"] == len(PDF_BYTES)
    assert paper["sha512Checksum"] == hashlib.sha512(PDF_BYTES).hexdigest()
    download = client.get(local(paper["downloadUrl"]))
    assert download["Content-Disposition"].startswith("attachment")
    assert hashlib.sha512(b"".join(download.streaming_content)).hexdigest() == paper["sha512Checksum"]
