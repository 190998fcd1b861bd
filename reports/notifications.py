"""E-mails about a report's clearance, each from a named template under templates/emails/.

Sent by the workflow after its transaction commits, so nobody is told about a change
that was rolled back. Each person is written to in their own e-mail language
(committee/correspondence.py), whatever the language of the page the step was taken on.
Text only: report content never goes in an e-mail, just its title and a link that asks
the reader to sign in.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse, translate_url
from django.utils import translation

from committee import access, correspondence
from core.council import current_council
from core.plain_text import render_plain_text
from reports.models import SignOff


def report_link(report, page: str = "reports:report_manage") -> str:
    """Clearance e-mails lead to the report's staff page, where the next step is taken."""
    return settings.SITE_URL + reverse(page, args=[report.pk])


def _send(template: str, recipients: list, context: dict) -> None:
    recipients = [user for user in recipients if user is not None and user.email]
    for language, users in sorted(correspondence.by_language(recipients).items()):
        # The link to the page in the reader's language (read from the English address the steps give).
        link = {"link": translate_url(context["link"], language)} if "link" in context else {}
        with translation.override(language):
            drawn = {"council_name": current_council().reader_name, **context, **link}
            subject = " ".join(render_plain_text(f"emails/{template}_subject.txt", drawn).split())
            body = render_plain_text(f"emails/{template}.txt", drawn)
        # One message each: colleagues' addresses are not shared round on a To line.
        for address in sorted({user.email for user in users}):
            send_mail(subject, body, None, [address])


def _authors(report) -> list:
    return [report.author, *report.shared_with.all()]


def _governance_officers() -> list:
    return list(get_user_model().objects.filter(is_active=True, groups__name=access.GOVERNANCE_OFFICERS).distinct())


def _role(role):
    """A sign-off's role by its label, worded in the e-mail's language ("legal" → "Legal", "Cyfreithiol")."""
    return SignOff.Role(role).label if role in SignOff.Role.values else role


def signoff_requested(report, assignments) -> None:
    for role, approver in assignments:
        _send(
            "signoff_requested",
            [approver],
            {"report": report, "role": _role(role), "approver": approver, "link": report_link(report)},
        )


def changes_requested(report, signoff) -> None:
    _send("changes_requested", _authors(report), {"report": report, "signoff": signoff, "link": report_link(report)})


def cleared(report) -> None:
    _send("cleared", _governance_officers(), {"report": report, "link": report_link(report)})


def approved(report) -> None:
    _send("approved", _authors(report), {"report": report, "link": report_link(report)})


def report_published(report) -> None:
    _send("published", _authors(report), {"report": report, "link": report_link(report, "reports:report_detail")})
