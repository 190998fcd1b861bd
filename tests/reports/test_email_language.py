# ruff: noqa: F811  (pytest fixtures imported from other test modules are redefined as arguments)
"""The language the site e-mails a signed-in person in: the one they chose on their account page, or
else the language of the page they last signed in at; each clearance e-mail in its reader's language,
whatever the language of the page the step was taken on, read back from a real SMTP server."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from committee import access, correspondence
from committee.models import EmailLanguage
from reports.models import Recommendation
from tests.alerts.conftest import body, smtp, subject  # noqa: F401  (the real SMTP server fixture)
from tests.conftest import make_committee, make_report, make_user
from tests.web.test_welsh_staff import _english_in_mail, content_strings

pytestmark = pytest.mark.django_db


def _path(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _language(user) -> str:
    # Read afresh: the account's e-mail language as the next e-mail will find it.
    return correspondence.for_user(type(user).objects.get(pk=user.pk))


def _sign_in(client, user, language: str):
    return client.post(_path("login", language), {"username": user.username, "password": "pw"})


def test_signing_in_at_a_welsh_page_means_welsh_emails_until_the_person_chooses(client):
    user = make_user("legal", access.LEGAL_APPROVERS)
    assert _language(user) == "en-gb"  # never signed in: the site's language

    assert _sign_in(client, user, "cy").status_code == 302
    assert _language(user) == "cy"
    _sign_in(client, user, "en-gb")
    assert _language(user) == "en-gb"

    page = client.get(_path("email_language", "en-gb"))
    assert page.status_code == 200 and 'value="en-gb" checked' in page.content.decode()
    response = client.post(_path("email_language", "en-gb"), {"language": "cy"})
    assert response.status_code == 302
    assert "Saved: we will e-mail you in the language you chose." in client.get(response["Location"]).content.decode()
    # A choice holds whatever page they sign in at next.
    _sign_in(client, user, "en-gb")
    assert _language(user) == "cy"
    assert 'value="cy" checked' in client.get(_path("email_language", "cy")).content.decode()


def test_the_account_page_refuses_a_language_the_site_has_not_and_asks_strangers_to_sign_in(client):
    user = make_user("legal", access.LEGAL_APPROVERS)
    page = client.get(_path("email_language", "cy"))
    assert page.status_code == 302 and page["Location"].startswith(_path("login", "cy"))
    client.force_login(user)
    client.post(_path("email_language", "en-gb"), {"language": "fr"})
    assert not EmailLanguage.objects.filter(user=user, chosen=True).exists()
    assert client.put(_path("email_language", "en-gb")).status_code == 405


def test_an_approver_who_chose_welsh_is_asked_to_sign_off_in_welsh_from_an_english_page(
    client, smtp, django_capture_on_commit_callbacks
):
    committee = make_committee("Environment Committee", name_cy="Pwyllgor yr Amgylchedd")
    committee.requires_director_signoff = False
    committee.save()
    author = make_user("author", access.REPORT_AUTHORS)
    legal = make_user("legal", access.LEGAL_APPROVERS)
    finance = make_user("finance", access.FINANCE_APPROVERS)
    correspondence.choose(legal, "cy")
    report = make_report(
        committee, author=author, title="Library opening hours", title_cy="Oriau agor y llyfrgell", summary="<p>S</p>"
    )
    Recommendation.objects.create(report=report, text="<p>Agree the hours.</p>")

    client.force_login(author)
    # The e-mails go once the step commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _path("reports:report_submit", "en-gb", report.pk),
            {"approver_legal": legal.pk, "approver_finance": finance.pk},
        )
    assert response.status_code == 302, response.content.decode()[:2000]

    [welsh] = smtp.to("legal@example.gov.uk")
    [english] = smtp.to("finance@example.gov.uk")
    assert subject(welsh) == "Gofynnwyd am gymeradwyaeth: Oriau agor y llyfrgell"
    assert f"/cy/reports/{report.pk}/manage/" in body(welsh)
    assert "Pwyllgor yr Amgylchedd" in body(welsh)
    assert _english_in_mail(f"{subject(welsh)}\n{body(welsh)}", content_strings()) == []
    assert subject(english) == "Sign-off requested: Library opening hours"
    assert "Please give the finance sign-off for this report:" in body(english)
    assert f"http://127.0.0.1:8000/reports/{report.pk}/manage/" in body(english)
