"""A Modern.gov-compatible web service (mgWebService.asmx), so that a council moving to us keeps
its existing integrations: its website widgets, apps and open-data scripts call the same
operations and parse the same XML.

What Modern.gov's answers look like, and what we keep exactly:
- an XML document with a bare root element (no namespace), lower-case element names, and
  attributes only on `<attendee>`;
- booleans as `True`/`False`, dates as `dd/MM/yyyy`, times as `7.00 pm`;
- in Welsh where the caller asks as Modern.gov's Welsh pages do (``LLL=1``): committee and agenda item
  titles, wards, parties and the meeting's venue in Welsh where the council wrote them, else in
  English, and categories in Welsh;
- parameters by name in the query string, unknown ones ignored; a missing or malformed required
  parameter is answered with HTTP 400 and an `<error>` document carrying ASP.NET's own message
  ("Cannot convert … to System.Int32."), an unknown operation or object with 404. (ASP.NET answers
  500 with plain text; a client cannot tell that from our own fault, nor parse it as XML.)

Public data only: an exempt (Part 2) agenda item shows its title with `isrestricted` True and
neither its text nor its documents; unpublished agendas and reports never appear.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from committee import access
from committee import decisions as decision_rules
from committee import minutes as minutes_rules
from committee.models import AgendaItem, Committee, ItemDecision, Meeting, Membership, Minutes, Person, Ward
from core import text as text_rules
from core.bilingual import bilingual_text, person_name
from core.language import WELSH
from core.numbering import agenda_numbers
from members.models import CouncillorProfile
from opendata.attachments import Attachment, public_attachment, public_attachments_of
from reports import access as report_access

XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


class ServiceError(Exception):
    """A call the service cannot answer: the caller's mistake (400) or an unknown thing (404)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


# Characters XML 1.0 cannot carry at all: a message quoting what the caller sent must still parse.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def error_xml(message: str) -> str:
    root = ET.Element("error")
    ET.SubElement(root, "message").text = _NOT_XML.sub("\ufffd", message)
    return to_xml(root)


# Values ----------------------------------------------------------------------------------------


def mg_bool(value: bool) -> str:
    return "True" if value else "False"


def mg_date(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.strftime("%d/%m/%Y")


def mg_time(value: datetime.datetime) -> str:
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    return f"{hour}.{local.minute:02d} {'am' if local.hour < 12 else 'pm'}"


def parse_mg_date(name: str, raw: str) -> datetime.date | None:
    """Modern.gov's dates: dd/MM/yyyy; empty or 0 means no limit. ISO dates are accepted too."""
    raw = raw.strip()
    if raw in ("", "0"):
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise ServiceError(f"Cannot convert {raw[:100]} to System.DateTime.\nParameter name: {name}")


class Params:
    """Query parameters looked up without regard to case, as ASP.NET does."""

    def __init__(self, query):
        self.values = {key.lower(): query.get(key) for key in query}

    def text(self, name: str, required: bool = False) -> str:
        value = self.values.get(name.lower())
        if value is None:
            if required:
                raise ServiceError(f"Missing parameter: {name}.")
            return ""
        return value

    def integer(self, name: str, required: bool = False) -> int:
        raw = self.text(name, required).strip()
        if raw == "":
            if required:
                raise ServiceError(f"Missing parameter: {name}.")
            return 0
        # System.Int32: ASCII digits with an optional sign, within 32 bits.
        if re.fullmatch(r"[-+]?[0-9]{1,10}", raw) and -(2**31) <= int(raw) < 2**31:
            return int(raw)
        raise ServiceError(f"Cannot convert {raw[:100]} to System.Int32.\nParameter name: {name}")

    def boolean(self, name: str, default: bool) -> bool:
        raw = self.text(name).strip().lower()
        if raw == "":
            return default
        if raw in ("true", "1"):
            return True
        if raw in ("false", "0"):
            return False
        raise ServiceError(f"Cannot convert {raw[:100]} to System.Boolean.\nParameter name: {name}")


# XML -----------------------------------------------------------------------------------------


def add(parent: ET.Element, tag: str, text=None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = text if isinstance(text, str) else str(text)
    return element


def to_xml(root: ET.Element) -> str:
    # ElementTree writes a control character as it is, which no XML parser reads: text stored before
    # text was normalised (core/text.py) loses them here, every element and attribute at once.
    return XML_DECLARATION + text_rules.xml_safe(ET.tostring(root, encoding="unicode"))


# Shared pieces --------------------------------------------------------------------------------


def committee_elements(parent: ET.Element, committees: Iterable[Committee]) -> None:
    for committee in committees:
        element = add(parent, "committee")
        add(element, "committeeid", committee.pk)
        add(element, "committeetitle", bilingual_text(committee, "name"))
        add(element, "committeedeleted", mg_bool(False))
        add(element, "committeeexpired", mg_bool(not committee.active))
        add(element, "committeecategory", committee.get_kind_display())


def meetings_between(params: Params) -> QuerySet:
    committee_id = params.integer("lCommitteeId")
    start = parse_mg_date("sFromDate", params.text("sFromDate"))
    end = parse_mg_date("sToDate", params.text("sToDate"))
    meetings = Meeting.objects.public().select_related("committee")
    if committee_id:
        meetings = meetings.filter(committee_id=committee_id)
    if start:
        meetings = meetings.filter(starts_at__date__gte=start)
    if end:
        meetings = meetings.filter(starts_at__date__lte=end)
    return meetings


def meeting_fields(element: ET.Element, meeting: Meeting) -> None:
    add(element, "meetingid", meeting.pk)
    add(element, "meetingdate", mg_date(meeting.starts_at))
    add(element, "meetingtime", mg_time(meeting.starts_at))
    add(element, "meetingstatus", meeting.get_status_display())


def key_posts(memberships: Iterable[Membership]) -> str:
    posts = [
        f"{m.get_role_display()}, {bilingual_text(m.committee, 'name')}"
        for m in memberships
        if m.role in (Membership.Role.CHAIR, Membership.Role.VICE_CHAIR) and m.is_current()
    ]
    return "; ".join(posts)


def councillors_with_posts(people: QuerySet) -> list[tuple[Person, list[Membership]]]:
    people = list(people.select_related("ward", "profile").order_by("name", "pk"))
    memberships: dict[int, list[Membership]] = defaultdict(list)
    for membership in access.public_memberships().filter(person__in=people).select_related("committee").order_by("pk"):
        memberships[membership.person_id].append(membership)
    return [(person, memberships[person.pk]) for person in people]


def _photo_url(person: Person, absolute) -> str:
    """The councillor's photo (members/), when they have one. Load the people with `profile`."""
    if absolute is None:
        return ""
    try:
        profile = person.profile
    except CouncillorProfile.DoesNotExist:
        return ""
    if not profile.photo:
        return ""
    return absolute(reverse("members:councillor_photo", args=[person.pk]))


def person_summary(
    parent: ET.Element, tag_id: str, person: Person, memberships: list[Membership], absolute=None
) -> None:
    add(parent, tag_id, person.pk)
    add(parent, "fullusername", person_name(person))  # "Cyng. Ann Jones" when asked in Welsh
    add(parent, "photosmallurl", _photo_url(person, absolute))
    add(parent, "photobigurl", _photo_url(person, absolute))
    add(parent, "politicalpartytitle", bilingual_text(person, "party"))


def public_councillors() -> QuerySet:
    return report_access.public_people().filter(kind=Person.Kind.COUNCILLOR)


# Operations -----------------------------------------------------------------------------------


def get_committees(params: Params, absolute) -> ET.Element:
    committees = list(access.public_committees().order_by("name", "pk"))
    root = ET.Element("committees")
    add(root, "committeescount", len(committees))
    committee_elements(root, committees)
    return root


def get_committees_by_user(params: Params, absolute) -> ET.Element:
    person_id = params.integer("lUserId", required=True)
    today = timezone.localdate()
    current = (
        access.public_memberships()
        .filter(person_id=person_id, person__in=report_access.public_people())
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=today))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    )
    committees = list(access.public_committees().filter(memberships__in=current).distinct().order_by("name", "pk"))
    root = ET.Element("committees")
    add(root, "committeescount", len(committees))
    committee_elements(root, committees)
    return root


def get_meetings(params: Params, absolute) -> ET.Element:
    meetings = list(meetings_between(params).order_by("committee__name", "committee_id", "starts_at", "pk"))
    by_committee: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        by_committee[meeting.committee_id].append(meeting)
    root = ET.Element("getmeetings")
    add(root, "meetingscount", len(meetings))
    add(root, "committeescount", len(by_committee))
    for committee_meetings in by_committee.values():
        committee = committee_meetings[0].committee
        element = add(root, "committee")
        add(element, "committeeid", committee.pk)
        add(element, "committeetitle", bilingual_text(committee, "name"))
        add(element, "committeemeetingcount", len(committee_meetings))
        listing = add(element, "committeemeetings")
        for meeting in committee_meetings:
            entry = add(listing, "meeting")
            meeting_fields(entry, meeting)
            add(entry, "iswebcast", mg_bool(False))
    return root


def get_all_meetings_by_date(params: Params, absolute) -> ET.Element:
    ascending = params.boolean("bIsAscendingDateOrder", default=True)
    order = ("starts_at", "pk") if ascending else ("-starts_at", "-pk")
    meetings = list(meetings_between(params).order_by(*order))
    root = ET.Element("getmeetingsbydate")
    add(root, "meetingscount", len(meetings))
    listing = add(root, "meetings")
    for meeting in meetings:
        entry = add(listing, "meeting")
        meeting_fields(entry, meeting)
        add(entry, "committeeid", meeting.committee_id)
        add(entry, "committeetitle", bilingual_text(meeting.committee, "name"))
        add(entry, "iswebcast", mg_bool(False))
    return root


def linked_document(parent: ET.Element, tag: str, attachment: Attachment, absolute) -> ET.Element:
    element = add(parent, tag)
    add(element, "attachmentid", attachment.id)
    add(element, "title", attachment.title)
    add(element, "url", absolute(attachment.url) if attachment.url else "")
    add(element, "isrestricted", mg_bool(attachment.restricted))
    add(element, "publicationdate", mg_date(attachment.published))
    return element


def _minutes(meeting: Meeting) -> Minutes | None:
    """The meeting's minutes if the public may read them."""
    return Minutes.objects.public().filter(meeting=meeting).first()


def _attendees(meeting: Meeting, minutes) -> list[tuple[Person, str, str]]:
    """Who attended (from published minutes), else the committee's members on the day, expected."""
    roles = {
        m.person_id: m.get_role_display() for m in access.public_memberships().filter(committee_id=meeting.committee_id)
    }
    if minutes is not None:
        rows = meeting.attendance.select_related("person__ward").order_by("person__name", "pk")
        return [(row.person, row.get_kind_display(), roles.get(row.person_id, "")) for row in rows]
    on = meeting.date
    members = (
        access.public_memberships()
        .filter(committee_id=meeting.committee_id)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=on))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .exclude(role=Membership.Role.CLERK)
        .select_related("person__ward")
        .order_by("person__name", "pk")
    )
    return [(m.person, "Expected", m.get_role_display()) for m in members]


def _minute_html(decision: ItemDecision) -> str:
    """The minute, then the decision on each recommendation a paragraph (escaped: plain text in HTML)."""
    lines = minutes_rules.resolution_lines(decision)
    if decision.has_vote or decision.outcome == ItemDecision.Outcome.REFERRED:
        lines.insert(0, minutes_rules.describe_resolution(decision))
    return decision.text + "".join(f"<p>{escape(line)}</p>" for line in lines)


def get_meeting(params: Params, absolute) -> ET.Element:
    meeting_id = params.integer("lMeetingId", required=True)
    meeting = Meeting.objects.public().select_related("committee", "venue").filter(pk=meeting_id).first()
    if meeting is None:
        raise ServiceError(f"No meeting found with id {meeting_id}.", status=404)
    items = list(AgendaItem.objects.public().filter(meeting=meeting).order_by("part", "position", "id"))
    numbers = agenda_numbers(items)
    minutes = _minutes(meeting)
    decisions = {}
    if minutes is not None:
        decisions = {
            d.agenda_item_id: d
            for d in minutes_rules.with_resolutions(ItemDecision.objects.filter(agenda_item__in=items))
        }
    considered = [item.report_id for item in items if item.report_id and access.agenda_item_content_is_public(item)]
    documents = public_attachments_of(considered)

    root = ET.Element("meeting")
    meeting_fields(root, meeting)
    venue = meeting.venue
    location = [bilingual_text(venue, "name"), venue.postcode] if venue else []
    add(root, "meetinglocation", ", ".join(filter(None, location)))
    add(root, "iswebcast", mg_bool(False))
    add(root, "agendaid", meeting.pk)
    add(root, "agendapublished", mg_bool(meeting.agenda_is_published))
    add(root, "decisionpublished", mg_bool(bool(decisions)))
    add(root, "minutepublished", mg_bool(minutes is not None))
    listing = add(root, "agendaitems")
    for item in items:
        public = access.agenda_item_content_is_public(item)
        decision = decisions.get(item.pk) if public else None
        entry = add(listing, "agendaitem")
        add(entry, "agendaitemid", item.pk)
        add(entry, "agendaitemtitle", bilingual_text(item, "title"))
        add(entry, "agendatext", item.description if public else "")
        add(entry, "agendaitemnumber", numbers[item.pk])
        add(entry, "fulldisplaynumberformat", f"{numbers[item.pk]}.")
        add(entry, "isrestricted", mg_bool(not public))
        add(entry, "isdecision", mg_bool(item.pk in decisions))
        add(entry, "minutesitemnumber", numbers[item.pk] if minutes is not None else "")
        add(entry, "minutesnonemptyhtmlbody", _minute_html(decision) if decision is not None else "")
        linked = add(entry, "linkeddocuments")
        if public and item.report_id:
            for attachment in documents.get(item.report_id, []):
                linked_document(linked, "linkeddoc", attachment, absolute)
    attendees = add(root, "attendees")
    for person, attendance, role in _attendees(meeting, minutes):
        attendee = add(attendees, "attendee")
        attendee.set("memberid", str(person.pk))
        attendee.set("name", person_name(person))
        attendee.set("attendance", attendance)
        attendee.set("roledescription", role)
        attendee.set("politicalparty", bilingual_text(person, "party"))
        attendee.set("ward", _ward_name(person))
        attendee.set("membertype", person.get_kind_display())
        add(attendee, "url", "")
        add(attendee, "photosmallurl", "")
        add(attendee, "photobigurl", "")
    return root


def _terms_of_office(memberships: list[Membership]) -> list[tuple[datetime.date | None, datetime.date | None]]:
    """A councillor's terms: their seats on Full Council, where recorded."""
    return [
        (m.start_date, m.end_date)
        for m in memberships
        if m.committee.kind == Committee.Kind.FULL_COUNCIL and (m.start_date or m.end_date)
    ]


def _ward_name(person: Person) -> str:
    """The ward a councillor represents, in Welsh where asked and written (load ``ward`` with them)."""
    return bilingual_text(person.ward, "name") if person.ward_id else ""


def councillor_element(parent: ET.Element, person: Person, memberships: list[Membership], absolute=None) -> None:
    element = add(parent, "councillor")
    person_summary(element, "councillorid", person, memberships, absolute)
    ward = _ward_name(person)
    add(element, "districttitle", ward)
    add(element, "representing", ward)
    add(element, "keyposts", key_posts(memberships))
    address = add(element, "workaddress")
    for line in ("line1", "line2", "line3", "line4", "postcode"):
        add(address, line, "")
    add(address, "phone", person.phone)
    add(address, "mobile", "")
    add(address, "email", person.email)
    terms = add(element, "termsofoffice")
    for start, end in _terms_of_office(memberships):
        term = add(terms, "termofoffice")
        add(term, "startdate", mg_date(start))
        add(term, "enddate", mg_date(end))


def _councillors_by_ward(wards: list[Ward], absolute) -> ET.Element:
    people = councillors_with_posts(public_councillors().filter(ward__in=wards))
    by_ward: dict[int, list] = defaultdict(list)
    for person, memberships in people:
        by_ward[person.ward_id].append((person, memberships))
    root = ET.Element("councillorsbyward")
    listing = add(root, "wards")
    for ward in wards:
        element = add(listing, "ward")
        add(element, "wardtitle", bilingual_text(ward, "name"))
        councillors = add(element, "councillors")
        add(councillors, "councillorcount", len(by_ward[ward.pk]))
        for person, memberships in by_ward[ward.pk]:
            councillor_element(councillors, person, memberships, absolute)
    return root


def get_councillors_by_ward(params: Params, absolute) -> ET.Element:
    return _councillors_by_ward(list(Ward.objects.order_by("name", "pk")), absolute)


def get_councillors_by_ward_id(params: Params, absolute) -> ET.Element:
    ward_id = params.integer("lWardId", required=True)
    return _councillors_by_ward(list(Ward.objects.filter(pk=ward_id)), absolute)


MEMBER_ORDERS = {"": ("name", "pk"), "name": ("name", "pk"), "ward": ("ward__name", "name"), "party": ("party", "name")}


def get_member_group(params: Params, absolute) -> ET.Element:
    """All councillors; `sShortName` narrows to a committee (by its web name or title) if it names one."""
    order = MEMBER_ORDERS.get(params.text("sOrder").strip().lower(), MEMBER_ORDERS["name"])
    short_name = params.text("sShortName").strip()
    people = public_councillors()
    if short_name and short_name.lower() not in ("all", "councillors", "members"):
        committee = Committee.objects.filter(Q(slug__iexact=short_name) | Q(name__iexact=short_name)).first()
        people = people.filter(memberships__committee=committee).distinct() if committee else people.none()
    ordered = {person.pk: (person, ms) for person, ms in councillors_with_posts(people)}
    root = ET.Element("memberlist")
    members = add(root, "members")
    for pk in people.order_by(*order).values_list("pk", flat=True):
        person, memberships = ordered[pk]
        element = add(members, "member")
        person_summary(element, "memberid", person, memberships, absolute)
        add(element, "politicalgrouptitle", bilingual_text(person, "party"))
        ward = _ward_name(person)
        add(element, "districttitle", ward)
        add(element, "representing", ward)
        add(element, "keyposts", key_posts(memberships))
    return root


def get_attachment(params: Params, absolute) -> ET.Element:
    value = params.integer("lAttachmentId", required=True)
    attachment = public_attachment(value)
    if attachment is None:
        raise ServiceError(f"No attachment found with id {value}.", status=404)
    root = ET.Element("attachment")
    linked_document(root, "attachmentdetails", attachment, absolute)
    return root


# Decisions ------------------------------------------------------------------------------------
# Executive decisions with their notices (Cabinet's, and those taken outside meetings), in the
# service's style: GetDecisionsByDate lists them by the day they were taken, GetDecision gives one.
# An exempt decision: its title, paragraph, dates and call-in status, `isrestricted` True, no text.


def _decision_element(parent: ET.Element, notice, absolute) -> None:
    about = decision_rules.subject(notice)
    state = decision_rules.status(notice)
    restricted = about.part == AgendaItem.Part.EXEMPT
    call = getattr(notice, "call_in", None)
    element = add(parent, "decision")
    add(element, "decisionid", notice.pk)
    add(element, "decisiontitle", about.title)
    add(element, "decisionmaker", about.maker)
    add(element, "committeeid", about.committee.pk if about.committee else "")
    add(element, "meetingid", about.item.meeting_id if about.item else "")
    add(element, "decisiondate", mg_date(about.decided_on))
    add(element, "iskeydecision", mg_bool(about.key_decision))
    add(element, "isrestricted", mg_bool(restricted))
    add(element, "restrictionparagraph", about.exempt_paragraph or "")
    add(element, "decisionoutcome", "" if restricted else about.outcome)
    text = about.text if about.item else escape(about.text)
    add(element, "decisiontext", "" if restricted else text)
    add(element, "reasons", "" if restricted else notice.reasons)
    add(element, "alternativesrejected", "" if restricted else notice.alternatives_rejected)
    add(element, "publisheddate", mg_date(notice.published_at))
    add(element, "isurgent", mg_bool(notice.urgent))
    add(element, "callinapplies", mg_bool(notice.call_in_applies and not notice.urgent))
    add(
        element,
        "callindeadline",
        mg_date(notice.call_in_deadline) if notice.call_in_applies and not notice.urgent else "",
    )
    add(element, "iscalledin", mg_bool(call is not None))
    add(element, "callinoutcome", call.get_outcome_display() if call else "")
    add(element, "status", state.label)
    add(element, "implementationdate", mg_date(state.implementable_from))
    add(element, "reconsidersdecisionid", notice.reconsideration_of.notice_id if notice.reconsideration_of_id else "")
    add(element, "linkuri", absolute(reverse("committee:decision_notice", args=[notice.pk])))


def _public_notices() -> QuerySet:
    return access.public_decision_notices().select_related(*decision_rules.NOTICE_RELATED)


def get_decisions_by_date(params: Params, absolute) -> ET.Element:
    start = parse_mg_date("sFromDate", params.text("sFromDate"))
    end = parse_mg_date("sToDate", params.text("sToDate"))
    committee_id = params.integer("lCommitteeId") or None
    filters = decision_rules.NoticeFilters(committee_id=committee_id, date_from=start, date_to=end)
    notices = list(decision_rules.filter_notices(_public_notices(), filters).order_by("published_at", "pk"))
    root = ET.Element("getdecisionsbydate")
    add(root, "decisionscount", len(notices))
    listing = add(root, "decisions")
    for notice in notices:
        _decision_element(listing, notice, absolute)
    return root


def get_decision(params: Params, absolute) -> ET.Element:
    notice = _public_notices().filter(pk=params.integer("lDecisionId", required=True)).first()
    if notice is None:
        raise ServiceError("Decision not found.", status=404)
    root = ET.Element("getdecision")
    _decision_element(root, notice, absolute)
    return root


OPERATIONS = {
    "getdecisionsbydate": get_decisions_by_date,
    "getdecision": get_decision,
    "getcommittees": get_committees,
    "getmeetings": get_meetings,
    "getallmeetingsbydate": get_all_meetings_by_date,
    "getmeeting": get_meeting,
    "getcouncillorsbyward": get_councillors_by_ward,
    "getcouncillorsbywardid": get_councillors_by_ward_id,
    "getmembergroup": get_member_group,
    "getcommitteesbyuser": get_committees_by_user,
    "getattachment": get_attachment,
}


def answer(operation: str, query, absolute) -> str:
    handler = OPERATIONS.get(operation.lower())
    if handler is None:
        unknown = operation[:100]
        raise ServiceError(f"Request format is unrecognized for URL unexpectedly ending in '/{unknown}'.", status=404)
    params = Params(query)
    with in_language_asked(params):
        return to_xml(handler(params, absolute))


def in_language_asked(params: Params):
    """Welsh when the caller asks as Modern.gov's Welsh pages do (``LLL=1``), else as it is."""
    return translation.override(WELSH) if params.text("LLL").strip() == "1" else contextlib.nullcontext()
