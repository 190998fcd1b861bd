from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from committee import access, actions
from committee.models import Committee, Meeting, Membership
from core.council import current_council
from web import fragments


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
    # The same for everyone but the governance team, who are offered the work programme's management.
    reader = None if access.is_governance_officer(request.user) else "everyone"
    if reader is None:
        committee = get_object_or_404(Committee, slug=slug)
    else:  # its row too, under the public edition (any save of a committee moves it)
        [committee] = fragments.kept_rows(
            request, "committee", slug, lambda: (get_object_or_404(Committee, slug=slug),)
        )
    return fragments.render_page(
        request,
        "committee/committee_detail.html",
        {"committee": committee},
        page="committee",
        ident=committee.pk,
        reader=reader,
        render_parts=lambda: _committee_parts(request, committee),
    )


def _committee_parts(request, committee: Committee) -> dict[str, str]:
    members = [m for m in committee.memberships.select_related("person", "person__ward") if m.is_current()]
    # As a council lists them: chair, vice-chair, members, substitutes, co-opted members, then the clerk.
    roles = Membership.Role.values
    members.sort(key=lambda m: (roles.index(m.role), m.person.name))
    meetings = committee.meetings.select_related("venue")
    context = {
        "committee": committee,
        "members": members,
        "upcoming": list(meetings.upcoming()[:10]),
        "past": list(meetings.past()[:20]),
        "tracker": actions.committee_tracker(committee, request.user),
    }
    return {"content": render_to_string("committee/_committee_content.html", context, request=request)}


@require_safe
def council_stylesheet(request):
    """The council's colours (core/council.py) over the built stylesheet: the pages allow no inline style."""
    council = current_council()
    css = (
        f":root {{ --council-header-colour: {council.header_colour}; --council-link-colour: {council.link_colour}; }}\n"
        f".council-header {{ background: {council.header_colour}; border-bottom-color: {council.header_colour}; }}\n"
        # Not while focused: GOV.UK's focus state is black on yellow, whatever the link's colour.
        f".govuk-link:link:not(:focus), .govuk-link:visited:not(:focus) {{ color: {council.link_colour}; }}\n"
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    # The page asks for it with the council's fingerprint in the address, so it may be kept a day.
    patch_cache_control(response, public=True, max_age=86400)
    return response
