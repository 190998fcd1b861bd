"""E-mails about a report's clearance, each from a named template under templates/emails/.

Sent by the workflow after its transaction commits, so nobody is told about a change
that was rolled back. Text only: report content never goes in an e-mail, just its title
and a link that asks the reader to sign in.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from committee import access
from core.council import current_council
from core.plain_text import render_plain_text


def report_link(report, page: str = "reports:report_manage") -> str:
    """Clearance e-mails lead to the report's staff page, where the next step is taken."""
    return settings.SITE_URL + reverse(page, args=[report.pk])


def _send(template: str, recipients: list, context: dict) -> None:
    addresses = sorted({user.email for user in recipients if user is not None and user.email})
    if not addresses:
        return
    context = {"council_name": current_council().reader_name, **context}
    subject = " ".join(render_plain_text(f"emails/{template}_subject.txt", context).split())
    body = render_plain_text(f"emails/{template}.txt", context)
    # One message each: colleagues' addresses are not shared round on a To line.
    for address in addresses:
        send_mail(subject, body, None, [address])


def _authors(report) -> list:
    return [report.author, *report.shared_with.all()]


def _governance_officers() -> list:
    return list(get_user_model().objects.filter(is_active=True, groups__name=access.GOVERNANCE_OFFICERS).distinct())


def signoff_requested(report, assignments) -> None:
    for role, approver in assignments:
        _send(
            "signoff_requested",
            [approver],
            {"report": report, "role": role, "approver": approver, "link": report_link(report)},
        )


def changes_requested(report, signoff) -> None:
    _send("changes_requested", _authors(report), {"report": report, "signoff": signoff, "link": report_link(report)})


def cleared(report) -> None:
    _send("cleared", _governance_officers(), {"report": report, "link": report_link(report)})


def approved(report) -> None:
    _send("approved", _authors(report), {"report": report, "link": report_link(report)})


def report_published(report) -> None:
    _send("published", _authors(report), {"report": report, "link": report_link(report, "reports:report_detail")})
