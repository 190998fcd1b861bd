"""The Modern.gov-compatible web service, and the old Modern.gov page addresses people bookmarked."""

from __future__ import annotations

import functools

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from committee import access
from committee.models import AgendaItem, Meeting
from core import bad_requests
from opendata import moderngov
from reports import access as report_access


def service_error(message: str, status: int = 400) -> HttpResponse:
    response = HttpResponse(moderngov.error_xml(message), status=status, content_type="text/xml; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def web_service(request, operation: str):
    try:
        body = moderngov.answer(operation, request.GET, request.build_absolute_uri)
    except moderngov.ServiceError as error:
        response = service_error(str(error), error.status)
    else:
        response = HttpResponse(body, content_type="text/xml; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _in_language_asked(view):
    """An old Modern.gov address of its Welsh pages (``LLL=1``) leads to the Welsh page."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with moderngov.in_language_asked(moderngov.Params(request.GET)):
            return view(request, *args, **kwargs)

    return wrapped


def _old_id(request, name: str) -> int:
    """Modern.gov's query parameters, looked up without regard to case (?ID=, ?id=)."""
    value = bad_requests.parse_int(moderngov.Params(request.GET).text(name))
    if value is None:
        raise Http404(f"No {name} in this address")
    return value


@require_safe
@_in_language_asked
def old_committee_page(request):
    committee = get_object_or_404(access.public_committees(), old_id=_old_id(request, "ID"))
    return HttpResponsePermanentRedirect(committee.get_absolute_url())


@require_safe
@_in_language_asked
def old_meeting_page(request):
    meeting = get_object_or_404(Meeting.objects.public(), old_id=_old_id(request, "MId"))
    return HttpResponsePermanentRedirect(meeting.get_absolute_url())


@require_safe
@_in_language_asked
def old_agenda_item_page(request):
    item = get_object_or_404(AgendaItem.objects.public(), old_id=_old_id(request, "ID"))
    return HttpResponsePermanentRedirect(item.meeting.get_absolute_url())


@require_safe
@_in_language_asked
def old_person_page(request):
    """There is no page per councillor yet: their first committee's page lists them with their role."""
    person = get_object_or_404(report_access.public_people(), old_id=_old_id(request, "UID"))
    membership = person.memberships.select_related("committee").order_by("committee__name").first()
    if membership is None:
        return HttpResponsePermanentRedirect(reverse("committee:committee_list"))
    return HttpResponsePermanentRedirect(membership.committee.get_absolute_url())


@require_safe
@_in_language_asked
def old_plan_page(request):
    """A committee's plan (RPId kept as that committee's old id), else the Forward Plan of key decisions."""
    committee = access.public_committees().filter(old_id=_old_id(request, "RPId")).first()
    if committee is not None:
        return HttpResponsePermanentRedirect(reverse("committee:work_programme_public", args=[committee.slug]))
    return HttpResponsePermanentRedirect(reverse("committee:forward_plan"))


OLD_PAGES = {
    "mgCommitteeDetails.aspx": old_committee_page,
    "ieListDocuments.aspx": old_meeting_page,
    "mgAi.aspx": old_agenda_item_page,
    "mgUserInfo.aspx": old_person_page,
    "mgListPlans.aspx": old_plan_page,
}
