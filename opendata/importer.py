"""Moving in from Modern.gov: read a Modern.gov site's web service and create its committees,
wards, councillors, memberships, meetings, agenda items and document links here.

Everything is matched on the old system's ids (the `old_id` fields), so:
- running it twice changes nothing the second time (idempotent);
- after a failure (a dropped connection half way) running it again carries on: each meeting is
  imported in its own transaction, and what was already imported is updated, not duplicated;
- the old Modern.gov page addresses redirect here, because the old ids are kept.

What cannot be carried over is reported rather than guessed: an exempt (restricted) item has no
Schedule 12A paragraph in Modern.gov's answer, and every Part 2 item here must have one.
"""

from __future__ import annotations

import datetime
import re
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from committee.models import AgendaItem, Committee, Meeting, Membership, Person, Venue, Ward
from core import bad_requests, richtext
from opendata.models import ImportedDocument

Fetch = Callable[[str, dict[str, str]], bytes]


class ImportFailed(Exception):
    """The site could not be read at all (wrong address, not a Modern.gov site)."""


def http_fetcher(site_url: str, timeout: float = 60) -> Fetch:
    """Calls `<site>/mgWebService.asmx/<Operation>?…` over HTTP(S)."""
    base = site_url.rstrip("/") + "/mgWebService.asmx/"

    def fetch(operation: str, params: dict[str, str]) -> bytes:
        url = base + operation + ("?" + urllib.parse.urlencode(params) if params else "")
        request = urllib.request.Request(url, headers={"User-Agent": "committee-reports import_moderngov"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (the council's own site)
                return response.read()
        except urllib.error.HTTPError as error:
            detail = error.read()[:300].decode("utf-8", "replace")
            raise ServiceAnswer(f"{operation}: HTTP {error.code}: {detail}") from error
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise ServiceAnswer(f"{operation}: {error}") from error

    return fetch


class ServiceAnswer(Exception):
    """One call failed (Modern.gov answers errors with HTTP 500): that item is skipped and reported."""


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def count(self, kind: str, created: bool) -> None:
        target = self.created if created else self.updated
        target[kind] = target.get(kind, 0) + 1


# Reading Modern.gov's values ---------------------------------------------------------------------

TIME_RE = re.compile(r"^\s*(\d{1,2})[.:](\d{2})\s*([ap])\.?m\.?\s*$", re.IGNORECASE)
POSTCODE_RE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", re.IGNORECASE)


def text(element: ET.Element | None, path: str) -> str:
    if element is None:
        return ""
    return (element.findtext(path) or "").strip()


def number(element: ET.Element, path: str) -> int | None:
    value = text(element, path)
    return bad_requests.parse_int(value)


def mg_date(value: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def mg_time(value: str) -> datetime.time:
    """'7.00 pm' → 19:00. A meeting without a time starts at midnight rather than being lost."""
    match = TIME_RE.match(value or "")
    if not match:
        return datetime.time(0, 0)
    hour, minute, half = int(match.group(1)) % 12, int(match.group(2)), match.group(3).lower()
    return datetime.time(hour + (12 if half == "p" else 0), minute)


def by_label(choices, label: str, default):
    for value, choice_label in choices.choices:
        if choice_label.lower() == label.strip().lower():
            return value
    return default


def unique_slug(model, name: str, exclude_pk=None) -> str:
    base = slugify(name)[:190] or "item"
    slug, suffix = base, 2
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


class Importer:
    def __init__(self, fetch: Fetch, *, progress: Callable[[str], None] = lambda message: None, dry_run=False):
        self.fetch = fetch
        self.progress = progress
        self.dry_run = dry_run
        self.report = ImportReport()
        self.tz = ZoneInfo(settings.TIME_ZONE)

    def call(self, operation: str, **params) -> ET.Element:
        body = self.fetch(operation, {key: str(value) for key, value in params.items()})
        try:
            return ET.fromstring(body)
        except ET.ParseError as error:
            raise ServiceAnswer(f"{operation}: the answer is not XML ({error})") from error

    # Committees, wards, councillors and their seats ------------------------------------------

    def import_committees(self) -> dict[int, Committee]:
        try:
            root = self.call("GetCommittees")
        except ServiceAnswer as error:
            raise ImportFailed(f"This does not look like a Modern.gov web service: {error}") from error
        committees = {}
        for element in root.findall("committee"):
            old_id = number(element, "committeeid")
            title = text(element, "committeetitle")
            if old_id is None or not title:
                self.report.skipped.append(f"A committee without an id or title: {ET.tostring(element)[:120]!r}")
                continue
            if text(element, "committeedeleted") == "True":
                self.report.skipped.append(f"Committee {old_id} ({title}): deleted in Modern.gov")
                continue
            values = {
                "name": title,
                "kind": by_label(Committee.Kind, text(element, "committeecategory"), Committee.Kind.COMMITTEE),
                "active": text(element, "committeeexpired") != "True",
            }
            committee = Committee.objects.filter(old_id=old_id).first()
            if committee is None:
                committee = Committee(old_id=old_id, slug=unique_slug(Committee, title), **values)
                created = True
            else:
                for key, value in values.items():
                    setattr(committee, key, value)
                created = False
            committee.save()
            self.report.count("committees", created)
            committees[old_id] = committee
        self.progress(f"Committees: {len(committees)}")
        return committees

    def import_councillors(self, committees: dict[int, Committee]) -> dict[int, Person]:
        root = self.call("GetCouncillorsByWard")
        people = {}
        for ward_element in root.findall("wards/ward"):
            ward_name = text(ward_element, "wardtitle")
            ward = None
            if ward_name:
                ward = Ward.objects.filter(name=ward_name).first()
                if ward is None:
                    ward = Ward.objects.create(name=ward_name, slug=unique_slug(Ward, ward_name))
                    self.report.count("wards", True)
            for element in ward_element.findall("councillors/councillor"):
                old_id = number(element, "councillorid")
                name = text(element, "fullusername")
                if old_id is None or not name:
                    self.report.skipped.append(f"A councillor without an id or name in {ward_name}")
                    continue
                person, created = Person.objects.update_or_create(
                    old_id=old_id,
                    defaults={
                        "name": name,
                        "kind": Person.Kind.COUNCILLOR,
                        "party": text(element, "politicalpartytitle"),
                        "ward": ward,
                        "email": text(element, "workaddress/email"),
                        "phone": text(element, "workaddress/phone"),
                    },
                )
                self.report.count("councillors", created)
                people[old_id] = person
                self.import_seats(person, text(element, "keyposts"), committees)
        self.progress(f"Councillors: {len(people)}")
        return people

    def import_seats(self, person: Person, key_posts: str, committees: dict[int, Committee]) -> None:
        """Their committees (GetCommitteesByUser), chairs and vice-chairs read from their key posts."""
        try:
            root = self.call("GetCommitteesByUser", lUserId=person.old_id)
        except ServiceAnswer as error:
            self.report.skipped.append(f"Committees of {person.name}: {error}")
            return
        posts = {}
        for post in filter(None, (part.strip() for part in key_posts.split(";"))):
            role, _, committee_title = post.partition(", ")
            posts[committee_title] = by_label(Membership.Role, role, Membership.Role.MEMBER)
        for element in root.findall("committee"):
            committee = committees.get(number(element, "committeeid"))
            if committee is None:
                continue
            role = posts.get(committee.name, Membership.Role.MEMBER)
            membership = Membership.objects.filter(person=person, committee=committee).exclude(
                role=Membership.Role.CLERK
            )
            if membership.exists():
                if membership.exclude(role=role).exists():
                    membership.update(role=role, modified=timezone.now())
                    self.report.count("memberships", False)
            else:
                Membership.objects.create(person=person, committee=committee, role=role)
                self.report.count("memberships", True)

    # Meetings --------------------------------------------------------------------------------

    def meeting_list(self, start: str, end: str) -> list[tuple[int, int, ET.Element]]:
        root = self.call("GetMeetings", lCommitteeId=0, sFromDate=start, sToDate=end)
        found = []
        for committee in root.findall("committee"):
            committee_id = number(committee, "committeeid")
            for meeting in committee.findall("committeemeetings/meeting"):
                meeting_id = number(meeting, "meetingid")
                if meeting_id is not None and committee_id is not None:
                    found.append((committee_id, meeting_id, meeting))
        return found

    def import_meetings(self, committees: dict[int, Committee], start: str = "", end: str = "") -> None:
        listed = self.meeting_list(start, end)
        for index, (committee_id, meeting_id, summary) in enumerate(listed, start=1):
            committee = committees.get(committee_id)
            if committee is None:
                self.report.skipped.append(f"Meeting {meeting_id}: its committee {committee_id} was not imported")
                continue
            try:
                detail = self.call("GetMeeting", lMeetingId=meeting_id)
                with transaction.atomic():
                    self.import_meeting(committee, meeting_id, summary, detail)
            except ServiceAnswer as error:
                self.report.skipped.append(f"Meeting {meeting_id}: {error}")
            if index % 10 == 0 or index == len(listed):
                self.progress(f"Meetings: {index}/{len(listed)}")

    def venue(self, location: str) -> Venue | None:
        if not location:
            return None
        name, _, last = location.rpartition(", ")
        postcode = last if name and POSTCODE_RE.match(last) else ""
        name = name if postcode else location
        venue = Venue.objects.filter(name=name, postcode=postcode).first()
        if venue is None:
            venue = Venue.objects.create(name=name, postcode=postcode)
            self.report.count("venues", True)
        return venue

    def import_meeting(self, committee: Committee, old_id: int, summary: ET.Element, detail: ET.Element) -> None:
        day = mg_date(text(detail, "meetingdate") or text(summary, "meetingdate"))
        if day is None:
            self.report.skipped.append(f"Meeting {old_id}: no date")
            return
        starts_at = datetime.datetime.combine(day, mg_time(text(detail, "meetingtime")), tzinfo=self.tz)
        meeting = Meeting.objects.filter(old_id=old_id).first()
        created = meeting is None
        if created:
            meeting = Meeting(old_id=old_id)
        meeting.committee = committee
        meeting.starts_at = starts_at
        meeting.status = by_label(Meeting.Status, text(detail, "meetingstatus"), Meeting.Status.SCHEDULED)
        meeting.venue = self.venue(text(detail, "meetinglocation"))
        if text(detail, "agendapublished") == "True" and meeting.agenda_published_at is None:
            # Modern.gov does not say when; it was public before the move, so it is public from now.
            meeting.agenda_published_at = timezone.now()
        meeting.save()
        self.report.count("meetings", created)
        for position, element in enumerate(detail.findall("agendaitems/agendaitem")):
            self.import_item(meeting, position, element)

    def import_item(self, meeting: Meeting, position: int, element: ET.Element) -> None:
        old_id = number(element, "agendaitemid")
        title = text(element, "agendaitemtitle")
        if old_id is None or not title:
            self.report.skipped.append(f"Meeting {meeting.old_id}: an agenda item without an id or title")
            return
        if text(element, "isrestricted") == "True":
            self.report.skipped.append(
                f"Agenda item {old_id} ({title}): exempt, and Modern.gov does not give its Schedule 12A paragraph;"
                " add it to the agenda by hand"
            )
            return
        item, created = AgendaItem.objects.update_or_create(
            old_id=old_id,
            defaults={
                "meeting": meeting,
                "position": position,
                "title": title[:500],
                # Modern.gov sends the item's text as HTML; ours is plain text shown line by line.
                "description": "\n".join(richtext.to_plain_lines(text(element, "agendatext"))),
                "kind": AgendaItem.Kind.PROCEDURAL,
                "part": AgendaItem.Part.PUBLIC,
                "exempt_paragraph": None,
            },
        )
        self.report.count("agenda items", created)
        for document in element.findall("linkeddocuments/linkeddoc"):
            self.import_document(item, document)

    def import_document(self, item: AgendaItem, element: ET.Element) -> None:
        old_id = number(element, "attachmentid")
        url = text(element, "url")
        if old_id is None or not url:
            self.report.skipped.append(f"Agenda item {item.old_id}: a document without an id or address")
            return
        if text(element, "isrestricted") == "True":
            self.report.skipped.append(f"Document {old_id}: restricted")
            return
        _document, created = ImportedDocument.objects.update_or_create(
            old_id=old_id,
            defaults={
                "agenda_item": item,
                "title": (text(element, "title") or url)[:500],
                "url": url,
                "published_on": mg_date(text(element, "publicationdate")),
            },
        )
        self.report.count("documents", created)

    # All of it -------------------------------------------------------------------------------

    def run(self, start: str = "", end: str = "") -> ImportReport:
        committees = self.import_committees()
        try:
            self.import_councillors(committees)
        except ServiceAnswer as error:
            self.report.skipped.append(f"Councillors: {error}")
        try:
            self.import_meetings(committees, start, end)
        except ServiceAnswer as error:
            raise ImportFailed(f"The list of meetings could not be read: {error}") from error
        return self.report
