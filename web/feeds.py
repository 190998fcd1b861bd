"""Subscriptions: iCalendar feeds of meetings, and an Atom feed of newly published documents.

Both say only what is public: a meeting's date, place and status, and the titles of published
agenda items (a Part 2 item by its title and paragraph, never its papers).
"""

from __future__ import annotations

import datetime
from html import escape

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from committee import access, decisions
from committee.models import AgendaItem, AgendaPublication, Meeting, Minutes
from core import bilingual, dates, text
from core.council import current_council
from core.language import is_welsh

MEETING_LENGTH = datetime.timedelta(hours=2)


def _status(meeting: Meeting) -> tuple[str, str]:
    """iCalendar STATUS and a summary prefix: a postponed meeting is cancelled on its old date."""
    if meeting.status == Meeting.Status.CANCELLED:
        return "CANCELLED", _("CANCELLED: ")
    if meeting.status == Meeting.Status.POSTPONED:
        return "CANCELLED", _("POSTPONED: ")
    return "CONFIRMED", ""


def _xml_safe(value):
    return text.xml_safe(value) if isinstance(value, str) else value


class XmlSafeAtom1Feed(Atom1Feed):
    """Atom, with what XML cannot hold taken out of every value. Django's writer refuses a control
    character, so one title stored before text was normalised (core/text.py) would make the whole
    feed fail, for everyone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(_xml_safe, args), **{key: _xml_safe(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_xml_safe, args), **{key: _xml_safe(value) for key, value in kwargs.items()})


def _location(venue) -> tuple[str, dict]:
    """The venue in the reader's language, and on a Welsh feed the language it is in (RFC 5545 LANGUAGE):
    "Neuadd y Sir", or the English where the council has given no Welsh."""
    lines = [bilingual.bilingual_text(venue, "name"), *bilingual.bilingual_text(venue, "address").splitlines()]
    location = ", ".join(line.strip() for line in lines if line.strip())
    if not is_welsh():
        return location, {}
    return location, {"language": bilingual.content_lang(venue, "name")}


def meetings_calendar(request, meetings, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{current_council().name}//Committee meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{name} — {current_council().reader_name}")
    host = request.get_host().split(":")[0]
    for meeting in meetings:
        status, prefix = _status(meeting)
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("summary", f"{prefix}{bilingual.bilingual_text(meeting.committee, 'name')}")
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + MEETING_LENGTH)
        event.add("dtstamp", meeting.modified)
        event.add("last-modified", meeting.modified)
        # Each change of status or time is a new version for calendar apps to pick up.
        event.add("sequence", int(meeting.modified.timestamp()) // 60 - int(meeting.created.timestamp()) // 60)
        event.add("status", status)
        url = request.build_absolute_uri(meeting.get_absolute_url())
        event.add("url", url)
        if meeting.venue:
            event.add("location", *_location(meeting.venue))
        description = [meeting.status_notice] if meeting.status_notice else []
        if meeting.rescheduled_to_id:
            description.append(
                _("New date: %(when)s") % {"when": dates.long_datetime(meeting.rescheduled_to.starts_at)}
            )
        description.append(_("Agenda and papers: %(url)s") % {"url": url})
        event.add("description", "\n".join(description))
        calendar.add_component(event)
    # iCalendar text holds no control characters but the tab (RFC 5545 3.3.11); stored text may.
    return text.xml_safe(calendar.to_ical().decode()).encode()


class PublishedDocumentsFeed(Feed):
    """Agendas, supplementary agendas and minutes, newest first."""

    feed_type = XmlSafeAtom1Feed

    def link(self):
        return reverse("committee:meeting_list")  # in the reader's language

    def title(self):
        return _("%(council)s: newly published committee documents") % {"council": current_council().reader_name}

    def subtitle(self):
        return _("Agendas with their reports, supplementary agendas, and minutes.")

    def items(self):
        publications = list(
            AgendaPublication.objects.select_related("meeting__committee")
            .prefetch_related(
                # Only what an entry says of each item: forty agendas bring a few hundred items a request.
                Prefetch(
                    "items",
                    queryset=AgendaItem.objects.only(
                        "publication", "title", "title_cy", "part", "exempt_paragraph"
                    ).order_by("part", "position", "id"),
                )
            )
            .order_by("-published_at")[:40]
        )
        minutes = list(Minutes.objects.public().select_related("meeting__committee").order_by("-published_at")[:40])
        entries = [("publication", p.published_at, p) for p in publications] + [
            ("minutes", m.published_at, m) for m in minutes
        ]
        return sorted(entries, key=lambda e: e[1], reverse=True)[:40]

    def item_title(self, entry):
        kind, _published, obj = entry
        meeting = obj.meeting
        label = obj.get_kind_display() if kind == "publication" else obj.get_status_display()
        return f"{label}: {bilingual.bilingual_text(meeting.committee, 'name')}, {dates.short_date(meeting.date)}"

    def item_description(self, entry):
        kind, _published, obj = entry
        if kind == "minutes":
            return _("Minutes of the meeting.")
        lines = []
        for item in obj.items.all():
            title = bilingual.bilingual_text(item, "title")
            if item.part == AgendaItem.Part.EXEMPT:
                exempt = _("%(title)s (exempt: paragraph %(number)s of Schedule 12A)")
                lines.append(exempt % {"title": title, "number": item.exempt_paragraph})
            else:
                lines.append(title)
        # Atom sends the description as type="html", which feed readers render: escape the titles.
        return escape("; ".join(lines))

    def item_link(self, entry):
        kind, _published, obj = entry
        url = obj.meeting.get_absolute_url()
        return f"{url}minutes/" if kind == "minutes" else url

    def item_guid(self, entry):
        kind, _published, obj = entry
        return f"{kind}-{obj.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry[1]

    def item_updateddate(self, entry):
        return entry[1]


class DecisionsFeed(Feed):
    """Published decision notices, newest first: an exempt decision by its title and paragraph only."""

    feed_type = XmlSafeAtom1Feed
    link = "/decisions/"

    def title(self):
        return _("%(council)s: executive decisions") % {"council": current_council().reader_name}

    def subtitle(self):
        return "Decision notices of the Cabinet, cabinet members and officers, with each call-in deadline."

    def items(self):
        return list(
            access.public_decision_notices()
            .select_related(*decisions.NOTICE_RELATED)
            .order_by("-published_at", "-id")[:40]
        )

    def item_title(self, notice):
        return decisions.subject(notice).title

    def item_description(self, notice):
        about = decisions.subject(notice)
        lines = [f"{about.maker}, {about.decided_on:%-d %B %Y}."]
        if about.part == AgendaItem.Part.EXEMPT:
            lines.append(f"Exempt: paragraph {about.exempt_paragraph} of Schedule 12A.")
        else:
            lines.append(f"{about.outcome}. {strip_tags(about.text)}".strip())
        lines.append(f"{decisions.status(notice).label}.")
        # Atom sends the description as type="html", which feed readers render: escape the text.
        return escape(" ".join(lines))

    def item_link(self, notice):
        return reverse("committee:decision_notice", args=[notice.pk])

    def item_guid(self, notice):
        return f"decision-notice-{notice.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, notice):
        return notice.published_at
