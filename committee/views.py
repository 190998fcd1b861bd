from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from committee import access
from committee.models import Committee, Meeting
from reports.numbering import agenda_numbers


@require_safe
def home(request):
    upcoming = list(Meeting.objects.upcoming().select_related("committee", "venue")[:10])
    committees = list(Committee.objects.filter(active=True))
    return render(request, "public/home.html", {"upcoming": upcoming, "committees": committees})


@require_safe
def committee_list(request):
    committees = list(Committee.objects.filter(active=True).select_related("parent"))
    return render(request, "committee/committee_list.html", {"committees": committees})


@require_safe
def committee_detail(request, slug: str):
    committee = get_object_or_404(Committee, slug=slug)
    members = list(committee.memberships.select_related("person", "person__ward").order_by("role", "person__name"))
    members = [m for m in members if m.is_current()]
    meetings = committee.meetings.select_related("venue")
    context = {
        "committee": committee,
        "members": members,
        "upcoming": list(meetings.upcoming()[:10]),
        "past": list(meetings.past()[:20]),
    }
    return render(request, "committee/committee_detail.html", context)


@require_safe
def meeting_detail(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("committee", "venue"), pk=pk)
    items = []
    if access.can_see_agenda(request.user, meeting):
        items = list(meeting.agenda_items.select_related("report"))
    numbers = agenda_numbers(items)
    agenda = [
        {
            "number": numbers[item.id],
            "item": item,
            "show_content": access.can_see_agenda_item_content(request.user, item),
        }
        for item in items
    ]
    return render(request, "committee/meeting_detail.html", {"meeting": meeting, "agenda": agenda})
