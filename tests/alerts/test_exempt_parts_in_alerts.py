"""E-mails to the public at the grain of information (issue 18): a public report's exempt paragraph
and exempt appendix never reach a public subscriber's e-mail, not even as the words of an alert they
would match, while the text of a published redacted version is public and may. Real SMTP, read back."""

from __future__ import annotations

import pytest
import weasyprint
from django.core.files.base import ContentFile
from django.utils import timezone

from alerts.models import Alert, Subscriber
from publishing import publication
from reports.models import Appendix, Paragraph, Section
from tests.alerts.builders import agenda_ready, publish
from tests.alerts.conftest import body

pytestmark = pytest.mark.django_db

PASSAGE_MARKER = "CANARYPASSAGETENDERBIDS"
APPENDIX_MARKER = "CANARYAPPENDIXPRICES"
REDACTED_WORD = "REDACTEDBIDSUMMARY"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def confirmed_alert(email: str, **fields) -> Alert:
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    return Alert.objects.create(subscriber=subscriber, confirmed_at=timezone.now(), **fields)


def with_exempt_parts(report) -> Paragraph:
    """The public report gains an exempt paragraph and an exempt appendix, each with its marker."""
    section = Section.objects.create(report=report, position=1, heading="The tender")
    Paragraph.objects.create(section=section, position=0, text="<p>The branch library tender was run.</p>")
    exempt = Paragraph.objects.create(
        section=section, position=1, text=f"<p>Bids {PASSAGE_MARKER}</p>", exempt_paragraph=3
    )
    appendix = Appendix(
        report=report, position=1, title="Tender prices", exempt_paragraph=3, content_type="application/pdf"
    )
    data = weasyprint.HTML(string=f"<p>Prices {APPENDIX_MARKER}</p>").write_pdf()
    appendix.file.save("prices.pdf", ContentFile(data), save=False)
    appendix.save()
    return exempt


def public_messages(smtp):
    return smtp.to_public()


def test_no_exempt_paragraph_or_appendix_reaches_a_public_subscriber(smtp, worker_runs_at_once):
    built = agenda_ready()
    with_exempt_parts(built.public_report)
    confirmed_alert("ward@example.com", kind=Alert.Kind.WARD, ward=built.ward)
    confirmed_alert("passage@example.com", kind=Alert.Kind.WORDS, words=PASSAGE_MARKER.lower())
    confirmed_alert("appendix@example.com", kind=Alert.Kind.WORDS, words=APPENDIX_MARKER.lower())
    confirmed_alert("committee@example.com", kind=Alert.Kind.COMMITTEE, committee=built.committee)
    with worker_runs_at_once():
        publish(built)

    [ward_mail] = smtp.to("ward@example.com")
    assert "Library opening hours in Hale" in body(ward_mail)  # the public report is announced
    assert smtp.to("committee@example.com")
    # The exempt paragraph's and appendix's words match nothing for the public: no e-mail at all.
    assert smtp.to("passage@example.com") == [] and smtp.to("appendix@example.com") == []
    for message in public_messages(smtp):
        whole = message.as_string()
        assert PASSAGE_MARKER not in whole.upper() and APPENDIX_MARKER not in whole.upper()


def test_a_published_redacted_version_is_public_text_an_alert_may_quote(
    smtp, worker_runs_at_once, django_capture_on_commit_callbacks
):
    built = agenda_ready()
    exempt = with_exempt_parts(built.public_report)
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_report(built.public_report, built.officer)
        publication.publish_redacted_text(
            built.public_report, built.officer, exempt, f"<p>Bids {REDACTED_WORD}</p>", "Prices taken out."
        )
    confirmed_alert("redacted@example.com", kind=Alert.Kind.WORDS, words=REDACTED_WORD.lower())
    confirmed_alert("passage@example.com", kind=Alert.Kind.WORDS, words=PASSAGE_MARKER.lower())
    with worker_runs_at_once():
        publish(built)

    [mail] = smtp.to("redacted@example.com")
    assert "Library opening hours in Hale" in body(mail)
    assert REDACTED_WORD.lower() in body(mail).lower()  # why they are getting it: the redacted text's word
    assert smtp.to("passage@example.com") == []
    for message in public_messages(smtp):
        assert PASSAGE_MARKER not in message.as_string().upper()
