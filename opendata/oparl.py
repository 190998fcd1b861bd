"""OParl 1.1 objects built from the council's public records.

Each OParl type is described once (`KINDS`): where its objects come from (a public queryset from
`committee.access`, annotated with the `created` and `modified` OParl shows), which of them count as
deleted, and how a page of them becomes JSON. Lists, single objects and filters all use that one
description, so an object looks the same wherever it appears.

OParl's rules kept here, so that views stay thin:
- every object carries its canonical URL as `id`, its `type`, `created` and `modified`;
- optional fields with nothing to say are left out, never sent as null, "" or [];
- an embedded object's change is its parent's change: a meeting's `modified` is the latest of the
  meeting, its venue and its agenda items, so `modified_since` finds it when any of them changed.
"""

from __future__ import annotations

import datetime
import html
import mimetypes
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import CharField, DateTimeField, Exists, F, Max, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify

from committee import access
from committee import minutes as minutes_rules
from committee.models import (
    AgendaItem,
    AgendaPack,
    Committee,
    Consultation,
    DecisionNotice,
    DecisionRecord,
    ItemDecision,
    Meeting,
    Membership,
    Minutes,
    Person,
    Venue,
)
from core import bad_requests
from core.council import current_council
from core.numbering import agenda_numbers
from core.paths import path_to
from documents import file_facts
from documents.models import FileFacts
from opendata.models import CouncilTerm, Tombstone
from reports import access as report_access
from reports.models import Appendix, BackgroundPaper, Report, ReportRevision
from reports.published import exempt_appendices, last_published
from reports.published import prefetch as published_heads

OPARL_VERSION = "https://schema.oparl.org/1.1/"
BODY_ID = 1  # one installation serves one council


def oparl_type(name: str) -> str:
    return f"{OPARL_VERSION}{name}"


def stamp(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def day(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def plain_text(value: str) -> str:
    """OParl's texts are plain text; ours are sanitised HTML."""
    return html.unescape(strip_tags(value or "")).strip()


def compact(obj: dict[str, Any]) -> dict[str, Any]:
    """OParl leaves out what is empty: no null, no "", no [] (False and 0 are values, and stay)."""
    return {key: value for key, value in obj.items() if value is not None and value != "" and value != []}


def latest(queryset: QuerySet, link: str, field_name: str = "modified") -> Subquery:
    """The newest `field_name` among the rows of `queryset` pointing at the outer object through `link`."""
    return Subquery(
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(newest=Max(field_name))
        .values("newest")[:1],
        output_field=DateTimeField(),
    )


def newest(*expressions) -> Greatest:
    """The latest of several timestamps, any of which may be missing (SQLite's MAX() is NULL if any is)."""
    return Greatest(F("modified"), *[Coalesce(expression, F("modified")) for expression in expressions])


class Urls:
    """Absolute URLs for one request: OParl ids are full URLs."""

    def __init__(self, request):
        self.request = request

    def __call__(self, name: str, *args) -> str:
        return self.request.build_absolute_uri(reverse(f"opendata:{name}", args=args))

    def page(self, url: str) -> str:
        return self.request.build_absolute_uri(url)

    def object(self, kind: str, pk) -> str:
        return self("oparl_object", kind, pk)

    def body(self) -> str:
        return self("oparl_body", BODY_ID)

    def body_list(self, kind: str) -> str:
        return self("oparl_body_list", BODY_ID, kind)


# Objects -------------------------------------------------------------------


def deleted_object(urls: Urls, kind: str, obj) -> dict[str, Any]:
    return {
        "id": urls.object(kind, obj.oparl_pk),
        "type": oparl_type(KINDS[kind].type_name),
        "created": stamp(obj.oparl_created),
        "modified": stamp(obj.oparl_modified),
        "deleted": True,
    }


def system_object(urls: Urls) -> dict[str, Any]:
    created, modified = body_dates()
    return compact(
        {
            "id": urls("oparl_system"),
            "type": oparl_type("System"),
            "oparlVersion": OPARL_VERSION,
            "license": settings.OPEN_DATA_LICENCE,
            "body": urls("oparl_bodies"),
            "name": f"{current_council().name}: committee information",
            "contactEmail": settings.DEFAULT_FROM_EMAIL,
            "website": current_council().website,
            "web": urls.page(reverse("home")),
            "created": stamp(created),
            "modified": stamp(modified),
        }
    )


def body_dates() -> tuple[datetime.datetime, datetime.datetime]:
    """The council 'exists' from its first committee; it changes when a committee or a term does,
    or a term is deleted (its terms are embedded in it)."""
    committees = Committee.objects.aggregate(first=Min("created"), last=Max("modified"))
    last_term = CouncilTerm.objects.aggregate(last=Max("modified"))["last"]
    term_deleted = Tombstone.objects.filter(kind=Tombstone.Kind.LEGISLATIVE_TERM).aggregate(last=Max("deleted_at"))
    created = committees["first"] or timezone.now()
    modified = max([value for value in (committees["last"], last_term, term_deleted["last"]) if value] or [created])
    return created, modified


def body_object(urls: Urls) -> dict[str, Any]:
    created, modified = body_dates()
    terms = [term_object(urls, term) for term in CouncilTerm.objects.all()]
    obj = {
        "id": urls.body(),
        "type": oparl_type("Body"),
        "system": urls("oparl_system"),
        "name": current_council().name,
        # OParl has one name a body, and no field for a second language: a Welsh council's Welsh name is
        # one of its keywords, as the ones a search by it would use.
        "keyword": [current_council().welsh_name] if current_council().welsh_name else None,
        "website": current_council().website,
        "license": settings.OPEN_DATA_LICENCE,
        "contactEmail": settings.DEFAULT_FROM_EMAIL,
        "classification": "Local authority",
        "organization": urls.body_list("organization"),
        "person": urls.body_list("person"),
        "meeting": urls.body_list("meeting"),
        "paper": urls.body_list("paper"),
        "agendaItem": urls.body_list("agendaItem"),
        "consultation": urls.body_list("consultation"),
        "file": urls.body_list("file"),
        "locationList": urls.body_list("location"),
        "legislativeTermList": urls.body_list("legislativeTerm"),
        "membership": urls.body_list("membership"),
        "web": urls.page(reverse("home")),
        "created": stamp(created),
        "modified": stamp(modified),
    }
    obj = compact(obj)
    # Required, so present even before the council has recorded any term.
    obj["legislativeTerm"] = terms
    return obj


def term_object(urls: Urls, term: CouncilTerm) -> dict[str, Any]:
    return compact(
        {
            "id": urls.object("legislativeTerm", term.pk),
            "type": oparl_type("LegislativeTerm"),
            "body": urls.body(),
            "name": term.name,
            "startDate": day(term.start_date),
            "endDate": day(term.end_date),
            "created": stamp(term.created),
            "modified": stamp(term.modified),
        }
    )


def organization_object(urls: Urls, committee: Committee, membership_ids: list[int]) -> dict[str, Any]:
    return compact(
        {
            "id": urls.object("organization", committee.pk),
            "type": oparl_type("Organization"),
            "body": urls.body(),
            "name": committee.name,
            "membership": [urls.object("membership", pk) for pk in membership_ids],
            "meeting": urls("oparl_organization_meetings", committee.pk),
            "subOrganizationOf": urls.object("organization", committee.parent_id) if committee.parent_id else None,
            "organizationType": "committee",
            "classification": committee.get_kind_display(),
            "web": urls.page(committee.get_absolute_url()),
            "keyword": ["inactive"] if not committee.active else None,
            "created": stamp(committee.created),
            "modified": stamp(committee.oparl_modified),
        }
    )


VOTING_ROLES = {Membership.Role.CHAIR, Membership.Role.VICE_CHAIR, Membership.Role.MEMBER}


# A political party is an Organization of its own (organizationType "party"), named by its name: the
# councillors' records hold a party as its name, and the name is what stays the same about it.
PARTY = "party"


def party_id(name: str) -> str:
    return f"{PARTY}-{slugify(name)}"


def party_object(urls: Urls, party: Person) -> dict[str, Any]:
    """A party, from the public person standing for it in `_parties()` (its dates are its members')."""
    return compact(
        {
            "id": urls.object("organization", party_id(party.party)),
            "type": oparl_type("Organization"),
            "body": urls.body(),
            "name": party.party,
            "organizationType": PARTY,
            "classification": "Political party",
            "keyword": [f"name in Welsh: {party.oparl_party_cy}"] if party.oparl_party_cy else None,
            "created": stamp(party.oparl_created),
            "modified": stamp(party.oparl_modified),
        }
    )


def membership_object(urls: Urls, membership: Membership) -> dict[str, Any]:
    """Load the membership's person (`select_related("person")`): the seat is held for their party."""
    voting = True if membership.role in VOTING_ROLES else False if membership.role == Membership.Role.CLERK else None
    party = membership.person.party if membership.person.kind == Person.Kind.COUNCILLOR else ""
    return compact(
        {
            "id": urls.object("membership", membership.pk),
            "type": oparl_type("Membership"),
            "person": urls.object("person", membership.person_id),
            "organization": urls.object("organization", membership.committee_id),
            # The party the councillor sits for (their party today: the records keep no party history).
            "onBehalfOf": urls.object("organization", party_id(party)) if party and slugify(party) else None,
            "role": membership.get_role_display(),
            "votingRight": voting,
            "startDate": day(membership.start_date),
            "endDate": day(membership.end_date),
            "created": stamp(membership.created),
            "modified": stamp(membership.modified),
        }
    )


def person_object(urls: Urls, person: Person, memberships: list[Membership], embed: bool = True) -> dict[str, Any]:
    name = person.name
    form_of_address = None
    if name.startswith("Cllr "):
        form_of_address = "Councillor"
    status = [person.get_kind_display()]
    if person.job_title and person.job_title != status[0]:
        status.append(person.job_title)
    ward_cy = person.ward.name_cy if person.ward_id else ""
    return compact(
        {
            "id": urls.object("person", person.pk),
            "type": oparl_type("Person"),
            "body": urls.body(),
            "name": name,
            "formOfAddress": form_of_address,
            "email": [person.email] if person.email else None,
            "phone": [person.phone] if person.phone else None,
            "status": status,
            "membership": [membership_object(urls, m) for m in memberships] if embed else None,
            "keyword": [
                *([f"ward: {person.ward.name}"] if person.ward_id else []),
                *([f"party: {person.party}"] if person.party else []),
                # OParl has no field for a second language: the Welsh is in keywords, as the body's name is.
                *([f"ward in Welsh: {ward_cy}"] if ward_cy else []),
                *([f"party in Welsh: {person.party_cy}"] if person.party and person.party_cy else []),
                *([f"role in Welsh: {person.job_title_cy}"] if person.job_title and person.job_title_cy else []),
            ]
            or None,
            # Councillors and co-opted members have a page (members/); officers have none.
            "web": urls.page(path_to("members:councillor", person.pk))
            if person.kind in (Person.Kind.COUNCILLOR, Person.Kind.CO_OPTED)
            else None,
            "created": stamp(person.created),
            "modified": stamp(person.oparl_modified),
        }
    )


def location_object(urls: Urls, venue: Venue) -> dict[str, Any]:
    lines = [line.strip() for line in venue.address.splitlines() if line.strip()]
    welsh_lines = [line.strip() for line in venue.address_cy.splitlines() if line.strip()]
    return compact(
        {
            "id": urls.object("location", venue.pk),
            "type": oparl_type("Location"),
            "description": venue.name,
            "streetAddress": ", ".join(lines),
            "postalCode": venue.postcode,
            "keyword": [
                *([f"name in Welsh: {venue.name_cy}"] if venue.name_cy else []),
                *([f"address in Welsh: {', '.join(welsh_lines)}"] if welsh_lines else []),
            ]
            or None,
            "created": stamp(venue.created),
            "modified": stamp(venue.modified),
        }
    )


def decision_result(decision: ItemDecision) -> str:
    """The item's outcome; a referral names the body it went to."""
    if decision.outcome == ItemDecision.Outcome.REFERRED and decision.referred_to is not None:
        return f"Referred to {decision.referred_to.name}"
    return decision.get_outcome_display()


def resolution_text(decision: ItemDecision) -> str:
    """The minute, its vote, then the decision on each recommendation a line."""
    lines = [plain_text(decision.text)]
    if decision.has_vote:
        lines.append(minutes_rules.describe_resolution(decision))
    lines.extend(minutes_rules.resolution_lines(decision))
    return "\n".join(line for line in lines if line)


def agenda_item_object(urls: Urls, item: AgendaItem, context: AgendaContext) -> dict[str, Any]:
    decision, minutes_modified = context.decisions.get(item.pk), context.minutes_modified.get(item.meeting_id)
    # The decision is part of the item: published minutes change it.
    modified = max(item.modified, minutes_modified) if decision is not None else item.modified
    return compact(
        {
            "id": urls.object("agendaItem", item.pk),
            "type": oparl_type("AgendaItem"),
            "meeting": urls.object("meeting", item.meeting_id),
            "number": context.numbers[item.pk],
            "order": context.order[item.pk],
            "name": item.title,
            # An exempt item's title and paragraph are public; nothing else about it is.
            "public": access.agenda_item_content_is_public(item),
            "keyword": [f"exempt: paragraph {item.exempt_paragraph} of Schedule 12A"] if item.part == 2 else None,
            "consultation": urls.object("consultation", item.pk) if item.pk in context.considered else None,
            "result": decision_result(decision) if decision is not None else None,
            "resolutionText": resolution_text(decision) if decision is not None else None,
            "web": urls.page(reverse("committee:meeting_detail", args=[item.meeting_id])),
            "created": stamp(item.created),
            "modified": stamp(modified),
        }
    )


def meeting_object(
    urls: Urls, meeting: Meeting, agenda: list[dict], files: MeetingFiles | None = None, embed: bool = True
) -> dict[str, Any]:
    files = files or MeetingFiles()
    return compact(
        {
            "id": urls.object("meeting", meeting.pk),
            "type": oparl_type("Meeting"),
            "name": str(meeting),
            "meetingState": meeting.get_status_display(),
            "cancelled": meeting.status == Meeting.Status.CANCELLED,
            "start": stamp(meeting.starts_at),
            "location": location_object(urls, meeting.venue) if embed and meeting.venue_id else None,
            "organization": [urls.object("organization", meeting.committee_id)],
            # The public agenda pack is the summons to the meeting; the minutes record its decisions
            # (OParl's results protocol: they are not a verbatim transcript).
            "invitation": files.pack if embed else None,
            "resultsProtocol": files.minutes if embed else None,
            "agendaItem": agenda if embed else None,
            "keyword": [meeting.status_notice] if meeting.status_notice else None,
            "web": urls.page(meeting.get_absolute_url()),
            "created": stamp(meeting.created),
            "modified": stamp(meeting.oparl_modified),
        }
    )


def consultation_object(urls: Urls, item: AgendaItem, step: Consultation | None = None) -> dict[str, Any]:
    """A meeting's consideration of a report: its agenda item, with its step of the report's route
    (what the meeting was asked to do, and whether it decides) where the report has a route."""
    return compact(
        {
            "id": urls.object("consultation", item.pk),
            "type": oparl_type("Consultation"),
            "paper": urls.object("paper", item.report_id),
            "agendaItem": urls.object("agendaItem", item.pk),
            "meeting": urls.object("meeting", item.meeting_id),
            "organization": [urls.object("organization", item.meeting.committee_id)],
            "authoritative": step.decides if step is not None else None,
            "role": step.get_role_display() if step is not None else None,
            "created": stamp(item.created),
            "modified": stamp(item.oparl_modified),
        }
    )


REDACTED_APPENDIX = "appendix-redacted"  # the id prefix of an exempt appendix's published redacted version
PLANNED = "planned"  # the id prefix of a step of a route that no published agenda has taken yet


def planned_consultation_object(urls: Urls, step: Consultation) -> dict[str, Any]:
    """A step of a public report's route still to come: the meeting, if it is fixed, and the body.
    Once a published agenda takes it, the agenda item's consultation stands in its place and this
    one is listed as deleted."""
    return compact(
        {
            "id": urls.object("consultation", f"{PLANNED}-{step.pk}"),
            "type": oparl_type("Consultation"),
            "paper": urls.object("paper", step.report_id),
            "meeting": urls.object("meeting", step.meeting_id) if step.meeting_id else None,
            "organization": [urls.object("organization", step.committee_id)],
            "authoritative": step.decides,
            "role": step.get_role_display(),
            "created": stamp(step.oparl_created),
            "modified": stamp(step.oparl_modified),
        }
    )


# Files: a meeting's minutes and its public agenda pack; a report's PDF, its appendices and its
# background papers. Each has its own id space, named by the id's prefix ("minutes-12").


@dataclass
class MeetingFiles:
    minutes: dict | None = None
    pack: dict | None = None


def minutes_file_object(urls: Urls, minutes: Minutes) -> dict[str, Any]:
    meeting = minutes.meeting
    confirmed = minutes.status == Minutes.Status.CONFIRMED
    return compact(
        {
            "id": urls.object("file", f"minutes-{meeting.pk}"),
            "type": oparl_type("File"),
            "name": f"{'Minutes' if confirmed else 'Draft minutes (to be confirmed)'}: {meeting}",
            "fileName": f"minutes-{meeting.date:%Y-%m-%d}.html",
            "mimeType": "text/html",
            "date": day(minutes.confirmed_at if confirmed and minutes.confirmed_at else minutes.published_at),
            "accessUrl": urls.page(reverse("committee:meeting_minutes", args=[meeting.pk])),
            "downloadUrl": urls("minutes_download", meeting.pk),
            "meeting": [urls.object("meeting", meeting.pk)],
            "license": settings.OPEN_DATA_LICENCE,
            "keyword": ["confirmed"] if confirmed else ["draft"],
            "created": stamp(minutes.published_at),
            "modified": stamp(minutes.modified),
        }
    )


def pack_file_object(urls: Urls, pack: AgendaPack, facts: FileFacts | None) -> dict[str, Any]:
    meeting = pack.meeting
    return compact(
        {
            "id": urls.object("file", f"agenda-pack-{meeting.pk}"),
            "type": oparl_type("File"),
            "name": f"Agenda pack: {meeting}",
            "fileName": f"agenda-pack-{meeting.date:%Y-%m-%d}.pdf",
            "mimeType": "application/pdf",
            "date": day(pack.built_at),
            "size": pack.size or None,
            "sha512Checksum": facts.sha512 if facts else None,
            "accessUrl": urls.page(reverse("committee:meeting_pack", args=[meeting.pk, pack.variant])),
            "downloadUrl": urls("agenda_pack_download", meeting.pk),
            "meeting": [urls.object("meeting", meeting.pk)],
            "license": settings.OPEN_DATA_LICENCE,
            "created": stamp(pack.requested_at),
            "modified": stamp(pack.built_at),
        }
    )


def report_file_object(urls: Urls, report: Report, facts: FileFacts | None) -> dict[str, Any]:
    """The report's PDF. `facts` (size, checksum, text) are those of the PDF served now, if recorded;
    `report` comes annotated with `oparl_file_modified` (see `_with_pdf_facts`)."""
    shown = last_published(report)
    return compact(
        {
            "id": urls.object("file", f"report-{report.pk}"),
            "type": oparl_type("File"),
            "name": shown.title,
            "fileName": f"report-{report.pk}.pdf",
            "mimeType": "application/pdf",
            "date": day(report.published_at),
            "size": facts.size if facts else None,
            "sha512Checksum": facts.sha512 if facts else None,
            "text": facts.text if facts else None,
            "accessUrl": urls.page(reverse("reports:report_pdf", args=[report.pk])),
            "downloadUrl": urls("report_download", report.pk),
            "paper": [urls.object("paper", report.pk)],
            "license": settings.OPEN_DATA_LICENCE,
            "created": stamp(report.published_at or report.created),
            "modified": stamp(report.oparl_file_modified),
        }
    )


def appendix_file_object(urls: Urls, appendix: Appendix) -> dict[str, Any]:
    name = os.path.basename(appendix.file.name)
    return compact(
        {
            "id": urls.object("file", f"appendix-{appendix.pk}"),
            "type": oparl_type("File"),
            "name": appendix.title,
            "fileName": name,
            "mimeType": appendix.content_type or mimetypes.guess_type(name)[0],
            "date": day(appendix.created),
            "size": appendix.size or None,
            "sha512Checksum": appendix.sha512,
            "accessUrl": urls.page(reverse("reports:appendix_file", args=[appendix.report_id, appendix.pk])),
            "downloadUrl": urls("appendix_download", appendix.pk),
            "paper": [urls.object("paper", appendix.report_id)],
            "license": settings.OPEN_DATA_LICENCE,
            "created": stamp(appendix.created),
            "modified": stamp(appendix.oparl_modified),
        }
    )


def redacted_appendix_file_object(urls: Urls, appendix: Appendix) -> dict[str, Any]:
    """The published redacted version of an exempt appendix: a public File of its own, in the
    appendix's place (the whole appendix is never one)."""
    name = os.path.basename(appendix.redacted_file.name)
    return compact(
        {
            "id": urls.object("file", f"{REDACTED_APPENDIX}-{appendix.pk}"),
            "type": oparl_type("File"),
            "name": f"{appendix.title} (redacted version)",
            "fileName": name,
            "mimeType": appendix.redacted_content_type or mimetypes.guess_type(name)[0],
            "date": day(appendix.created),
            "size": appendix.redacted_size or None,
            "sha512Checksum": appendix.redacted_sha512 or None,
            "accessUrl": urls.page(reverse("reports:appendix_redacted_file", args=[appendix.report_id, appendix.pk])),
            "paper": [urls.object("paper", appendix.report_id)],
            "license": settings.OPEN_DATA_LICENCE,
            "keyword": ["redacted"],
            "created": stamp(appendix.created),
            "modified": stamp(appendix.oparl_modified),
        }
    )


def background_paper_file_object(urls: Urls, paper: BackgroundPaper, facts: FileFacts | None) -> dict[str, Any]:
    if paper.file:
        name = os.path.basename(paper.file.name)
        access_url = urls.page(reverse("reports:paper_file", args=[paper.report_id, paper.pk]))
        download_url = urls("background_paper_download", paper.pk)
        mime_type = mimetypes.guess_type(name)[0]
    else:
        # A paper held elsewhere (legislation, another council's site): OParl points at it.
        name, access_url, download_url, mime_type = None, paper.url, None, None
    return compact(
        {
            "id": urls.object("file", f"background-paper-{paper.pk}"),
            "type": oparl_type("File"),
            "name": paper.title,
            "fileName": name,
            "mimeType": mime_type,
            "date": day(paper.date),
            "size": facts.size if facts else None,
            "sha512Checksum": facts.sha512 if facts else None,
            "accessUrl": access_url,
            "downloadUrl": download_url,
            "paper": [urls.object("paper", paper.report_id)],
            "created": stamp(paper.oparl_created),
            "modified": stamp(paper.oparl_modified),
        }
    )


def paper_object(
    urls: Urls,
    report: Report,
    consultations: list[dict],
    appendices: list[Appendix],
    background_papers: list[BackgroundPaper],
    facts: dict[str, FileFacts],
    embed: bool = True,
    exempt: list[tuple[str, str, int]] = (),
    redacted: list[Appendix] = (),
) -> dict[str, Any]:
    """``exempt``: (label, title, paragraph) of the paper's exempt appendices, which are no public File:
    the Paper names them in its keywords (OParl has no field for them). ``redacted``: those whose
    redacted version is published, a public File each."""
    auxiliary = [appendix_file_object(urls, a) for a in appendices]
    auxiliary += [redacted_appendix_file_object(urls, a) for a in redacted]
    auxiliary += [background_paper_file_object(urls, p, facts.get(f"paper-{p.pk}")) for p in background_papers]
    shown = last_published(report)  # a correction being drafted is not open data until it is published
    return compact(
        {
            "id": urls.object("paper", report.pk),
            "type": oparl_type("Paper"),
            "body": urls.body(),
            "name": shown.title,
            "date": day(report.published_at),
            "paperType": "Key decision report" if shown.key_decision else "Report",
            "mainFile": report_file_object(urls, report, facts.get(f"report-{report.pk}")) if embed else None,
            "auxiliaryFile": auxiliary if embed else None,
            "originatorPerson": [urls.object("person", pk) for pk in shown.contact_ids],
            "underDirectionOf": [urls.object("organization", report.committee_id)],
            "consultation": consultations if embed else None,
            "keyword": (["urgent"] if shown.urgent else [])
            + [
                f"exempt appendix: Appendix {label} — {title}, not for publication (paragraph {paragraph} of "
                "Schedule 12A)"
                for label, title, paragraph in exempt
            ]
            or None,
            "web": urls.page(report.get_absolute_url()),
            "created": stamp(report.created),
            "modified": stamp(report.oparl_modified),
        }
    )


DECISION_RECORD = "decision-record"  # the id prefix of a decision taken outside a meeting, as Paper and File


def decision_record_file_object(urls: Urls, notice: DecisionNotice) -> dict[str, Any]:
    """A published decision's notice as its Paper's main File: the decision and its reasons as text.
    An exempt decision has none: only its title and paragraph are public."""
    record = notice.record
    lines = [record.decision, f"Reasons: {notice.reasons}"]
    if notice.alternatives_rejected:
        lines.append(f"Alternatives considered and rejected: {notice.alternatives_rejected}")
    page = urls.page(reverse("committee:decision_notice", args=[notice.pk]))
    return compact(
        {
            "id": urls.object("file", f"{DECISION_RECORD}-{record.pk}"),
            "type": oparl_type("File"),
            "name": f"Decision notice: {record.title}",
            "fileName": f"decision-notice-{notice.pk}.html",
            "mimeType": "text/html",
            "date": day(record.decided_on),
            "text": "\n\n".join(lines),
            "accessUrl": page,
            "paper": [urls.object("paper", f"{DECISION_RECORD}-{record.pk}")],
            "created": stamp(notice.published_at),
            "modified": stamp(max(notice.published_at, record.modified)),
        }
    )


def decision_record_paper_object(urls: Urls, notice: DecisionNotice, embed: bool = True) -> dict[str, Any]:
    """A cabinet member's or officer's published decision, taken outside a meeting: OParl has no
    meeting to hang it on, so it is a Paper whose type says who decided, like Modern.gov's
    "delegated decision"; its notice is the main File."""
    record = notice.record
    exempt = record.exempt_paragraph is not None
    keywords = ["key decision"] if record.key_decision else []
    if exempt:
        keywords.append(f"exempt: not for publication (paragraph {record.exempt_paragraph} of Schedule 12A)")
    return compact(
        {
            "id": urls.object("paper", f"{DECISION_RECORD}-{record.pk}"),
            "type": oparl_type("Paper"),
            "body": urls.body(),
            "name": record.title,
            "date": day(record.decided_on),
            "paperType": f"{DecisionRecord.Maker(record.maker).label} decision",
            "mainFile": decision_record_file_object(urls, notice) if embed and not exempt else None,
            "keyword": keywords or None,
            "web": urls.page(reverse("committee:decision_notice", args=[notice.pk])),
            "created": stamp(notice.published_at),
            "modified": stamp(max(notice.published_at, record.modified)),
        }
    )


# Kinds: where each type's objects come from, and how a page of them is built -------------------


@dataclass
class Segment:
    """One source of objects in a list: a queryset (annotated with `oparl_pk`, `oparl_created` and
    `oparl_modified`) and a function turning a page of it into OParl objects."""

    queryset: Callable[[], QuerySet]
    build: Callable[[Urls, list, bool], list[dict]]
    # Files only: what their ids start with ("report" in "report-12"), naming the segment they are in.
    prefix: str = ""


@dataclass
class Kind:
    type_name: str
    live: list[Segment]
    deleted: list[Segment] = field(default_factory=list)


def _annotated(queryset: QuerySet, pk=None, created=None, modified=None) -> QuerySet:
    return queryset.annotate(
        oparl_pk=pk if pk is not None else F("pk"),
        oparl_created=created if created is not None else F("created"),
        oparl_modified=modified if modified is not None else F("modified"),
    ).order_by("pk")


def _deleted_build(kind: str):
    def build(urls: Urls, objects: list, embed: bool) -> list[dict]:
        return [deleted_object(urls, kind, obj) for obj in objects]

    return build


def _tombstones(kind: str) -> Callable[[], QuerySet]:
    """Objects deleted outright (see opendata/tombstones.py): only their id and dates are left."""

    def queryset() -> QuerySet:
        tombstones = Tombstone.objects.filter(kind=kind)
        # Someone listed again (a new seat on a committee) is live, not deleted: never both at once.
        oparl_kind, _, prefix = kind.partition(":")  # "person"; "file:appendix" -> "file", "appendix"
        for segment in KINDS[oparl_kind].live:
            if segment.prefix == prefix:
                tombstones = tombstones.exclude(object_id__in=segment.queryset().order_by().values("oparl_pk"))
        return _annotated(tombstones, pk=F("object_id"), created=F("created"), modified=F("deleted_at"))

    return queryset


def _tombstone_segment(kind: str) -> Segment:
    return Segment(_tombstones(kind), _deleted_build(kind))


def _latest_deletion(kind: str, link: str = "parent_id") -> Subquery:
    """When something embedded in (or listed by) the outer object was last deleted."""
    return latest(Tombstone.objects.filter(kind=kind), link, "deleted_at")


# Organizations


def _committees() -> QuerySet:
    # An organisation lists its memberships: one added or deleted changes it.
    return _annotated(
        access.public_committees(),
        modified=newest(
            latest(access.public_memberships(), "committee"),
            _latest_deletion(Tombstone.Kind.MEMBERSHIP, "committee_id"),
        ),
    )


def _public_party_members() -> QuerySet:
    return report_access.public_people().filter(kind=Person.Kind.COUNCILLOR).exclude(party="")


def _parties() -> QuerySet:
    """One row a party: the first of its public councillors, standing for it; its dates are its members'."""
    members = _public_party_members()
    first = members.order_by().values("party").annotate(first=Min("pk")).values("first")
    same_party = members.filter(party=OuterRef("party")).order_by()
    return _annotated(
        Person.objects.filter(pk__in=Subquery(first)),
        created=Subquery(same_party.order_by("created").values("created")[:1]),
        modified=Subquery(same_party.order_by("-modified").values("modified")[:1]),
    ).annotate(
        # Its Welsh name as any of its members' records give it.
        oparl_party_cy=Subquery(same_party.exclude(party_cy="").order_by("pk").values("party_cy")[:1]),
    )


def _build_parties(urls: Urls, parties: list, embed: bool) -> list[dict]:
    # A name of punctuation alone makes no id; no membership points to it either (membership_object).
    return [party_object(urls, party) for party in parties if slugify(party.party)]


def _find_party(urls: Urls, slug: str) -> dict[str, Any] | None:
    names = _public_party_members().order_by().values_list("party", flat=True).distinct()
    name = next((name for name in names if slugify(name) == slug), None)
    if name is None:
        return None
    party = _parties().filter(party=name).first()
    return party_object(urls, party) if party is not None else None


def _build_committees(urls: Urls, committees: list, embed: bool) -> list[dict]:
    ids: dict[int, list[int]] = defaultdict(list)
    for pk, committee_id in (
        access.public_memberships().filter(committee__in=committees).order_by("pk").values_list("pk", "committee_id")
    ):
        ids[committee_id].append(pk)
    return [organization_object(urls, c, ids[c.pk]) for c in committees]


# People and memberships


def _people() -> QuerySet:
    return _annotated(
        report_access.public_people().select_related("ward"),
        modified=newest(latest(access.public_memberships(), "person"), _latest_deletion(Tombstone.Kind.MEMBERSHIP)),
    )


def _build_people(urls: Urls, people: list, embed: bool) -> list[dict]:
    memberships: dict[int, list[Membership]] = defaultdict(list)
    for membership in access.public_memberships().filter(person__in=people).select_related("person").order_by("pk"):
        memberships[membership.person_id].append(membership)
    return [person_object(urls, p, memberships[p.pk], embed) for p in people]


def _memberships() -> QuerySet:
    return _annotated(access.public_memberships().select_related("person"))


def _build_memberships(urls: Urls, memberships: list, embed: bool) -> list[dict]:
    return [membership_object(urls, m) for m in memberships]


# Meetings and agenda items


def _meetings() -> QuerySet:
    return _annotated(
        Meeting.objects.public().select_related("committee", "venue"),
        modified=newest(
            F("venue__modified"),
            latest(AgendaItem.objects.public(), "meeting"),
            _public_minutes_modified("pk"),
            latest(AgendaPack.objects.public(), "meeting", "built_at"),
            _latest_deletion(Tombstone.Kind.AGENDA_ITEM),
        ),
    )


@dataclass
class AgendaContext:
    """What an agenda item needs from around it: its number and place on the agenda, whether it
    considers a public report, and its decision if the minutes are public."""

    numbers: dict[int, str]
    order: dict[int, int]
    considered: set[int]
    decisions: dict[int, ItemDecision]
    minutes_modified: dict[int, datetime.datetime]


def _agenda_context(meeting_ids: Iterable[int]) -> AgendaContext:
    meeting_ids = list(meeting_ids)
    siblings = list(
        AgendaItem.objects.public()
        .filter(meeting_id__in=meeting_ids)
        .only("id", "meeting_id", "part", "position")
        .order_by("meeting_id", "part", "position", "id")
    )
    per_meeting: dict[int, list[AgendaItem]] = defaultdict(list)
    for item in siblings:
        per_meeting[item.meeting_id].append(item)
    numbers: dict[int, str] = {}
    order: dict[int, int] = {}
    for items in per_meeting.values():
        numbers.update(agenda_numbers(items))
        order.update({item.id: index for index, item in enumerate(items)})
    considered = set(
        report_access.public_considered_reports().filter(meeting_id__in=meeting_ids).values_list("pk", flat=True)
    )
    # Part 2 decisions are recorded by title only for the public: none of them here.
    decisions = {
        decision.agenda_item_id: decision
        for decision in minutes_rules.with_resolutions(
            access.public_decisions().filter(agenda_item__meeting_id__in=meeting_ids, agenda_item__part=1)
        )
    }
    minutes_modified = dict(
        Minutes.objects.public().filter(meeting_id__in=meeting_ids).values_list("meeting_id", "modified")
    )
    return AgendaContext(numbers, order, considered, decisions, minutes_modified)


def _build_meetings(urls: Urls, meetings: list, embed: bool) -> list[dict]:
    ids = [m.pk for m in meetings]
    agendas: dict[int, list[dict]] = defaultdict(list)
    files: dict[int, MeetingFiles] = defaultdict(MeetingFiles)
    if embed:
        context = _agenda_context(ids)
        items = AgendaItem.objects.public().filter(meeting_id__in=ids).order_by("part", "position", "id")
        for item in items:
            agendas[item.meeting_id].append(agenda_item_object(urls, item, context))
        for minutes in _minutes_files().filter(meeting_id__in=ids):
            files[minutes.meeting_id].minutes = minutes_file_object(urls, minutes)
        for obj in _build_pack_files(urls, list(_pack_files().filter(meeting_id__in=ids)), embed):
            files[int(obj["id"].rsplit("-", 1)[1])].pack = obj
    return [meeting_object(urls, m, agendas[m.pk], files[m.pk], embed) for m in meetings]


def _public_minutes_modified(link: str) -> Subquery:
    return Subquery(
        Minutes.objects.public().filter(meeting_id=OuterRef(link)).values("modified")[:1], output_field=DateTimeField()
    )


def _agenda_items() -> QuerySet:
    return _annotated(AgendaItem.objects.public(), modified=newest(_public_minutes_modified("meeting_id")))


def _build_agenda_items(urls: Urls, items: list, embed: bool) -> list[dict]:
    context = _agenda_context({item.meeting_id for item in items})
    return [agenda_item_object(urls, item, context) for item in items]


# Papers, consultations and files


def _published_revision() -> Subquery:
    return Subquery(
        ReportRevision.objects.filter(report=OuterRef("pk"), is_published=True).order_by("-number").values("number")[:1]
    )


def _facts_recorded(prefix: str, link: str = "pk") -> Subquery:
    """When the facts of this object's file were last recorded: they change the file when they do."""
    file_id = Concat(Value(f"{prefix}-"), Cast(OuterRef(link), CharField()))
    return Subquery(FileFacts.objects.filter(file_id=file_id).values("recorded_at")[:1], output_field=DateTimeField())


def _with_pdf_facts(reports: QuerySet) -> QuerySet:
    """Reports with what their PDF's File needs: which PDF is served now, and when it last changed."""
    return reports.annotate(oparl_revision=_published_revision(), oparl_file_modified=newest(_facts_recorded("report")))


def _report_facts(reports: list[Report], recorded: dict[str, FileFacts] | None = None) -> dict[str, FileFacts]:
    """The recorded facts of these reports' PDFs, where they describe the PDF served now."""
    wanted = {file_facts.report_file_id(r.pk): file_facts.report_pdf_version(r, r.oparl_revision) for r in reports}
    if recorded is None:
        recorded = {facts.file_id: facts for facts in FileFacts.objects.filter(file_id__in=list(wanted))}
    return {
        file_id: facts for file_id, facts in recorded.items() if file_id in wanted and facts.version == wanted[file_id]
    }


def _paper_modified():
    return newest(
        _facts_recorded("report"),
        latest(Appendix.objects.all(), "report", "created"),
        latest(report_access.public_considered_reports(), "report"),
        _latest_deletion(Tombstone.Kind.APPENDIX_FILE),
        _latest_deletion(Tombstone.Kind.BACKGROUND_PAPER_FILE),
        _latest_deletion(Tombstone.Kind.CONSULTATION),
    )


def _papers() -> QuerySet:
    return _annotated(
        _with_pdf_facts(Report.objects.public().prefetch_related("contact_officers", published_heads())),
        modified=_paper_modified(),
    )


def _build_papers(urls: Urls, reports: list, embed: bool) -> list[dict]:
    consultations: dict[int, list[dict]] = defaultdict(list)
    appendices: dict[int, list[Appendix]] = defaultdict(list)
    redacted: dict[int, list[Appendix]] = defaultdict(list)
    papers: dict[int, list[BackgroundPaper]] = defaultdict(list)
    facts: dict[str, FileFacts] = {}
    if embed:
        items = list(_consultations().filter(report__in=reports))
        steps = _steps_of(items)
        for item in items:
            consultations[item.report_id].append(consultation_object(urls, item, steps.get(_place(item))))
        for step in _planned_steps().filter(report__in=reports):
            consultations[step.report_id].append(planned_consultation_object(urls, step))
        for appendix in _annotated(report_access.public_files_of_appendices(), modified=F("created")).filter(
            report__in=reports
        ):
            (redacted if appendix.redacted_version else appendices)[appendix.report_id].append(appendix)
        all_papers = list(_background_papers().filter(report__in=reports))
        for paper in all_papers:
            papers[paper.report_id].append(paper)
        # One read for the facts of every file of the page: report PDFs and uploaded background papers.
        ids = [file_facts.report_file_id(r.pk) for r in reports]
        ids += [file_facts.background_paper_file_id(p) for p in all_papers]
        recorded = {f.file_id: f for f in FileFacts.objects.filter(file_id__in=ids)}
        facts = _report_facts(reports, recorded)
        by_paper = file_facts.background_paper_facts(all_papers, recorded)
        facts.update({f"paper-{pk}": f for pk, f in by_paper.items()})
    exempt = exempt_appendices([r.pk for r in reports]) if reports else {}
    return [
        paper_object(
            urls,
            r,
            consultations[r.pk],
            appendices[r.pk],
            papers[r.pk],
            facts,
            embed,
            exempt.get(r.pk, []),
            redacted[r.pk],
        )
        for r in reports
    ]


def _decision_records(exempt: bool = True) -> QuerySet:
    """Published decisions taken outside meetings (a draft is never open data)."""
    notices = access.public_decision_notices().filter(record__isnull=False).select_related("record")
    if not exempt:
        notices = notices.filter(record__exempt_paragraph__isnull=True)
    return _annotated(
        notices,
        pk=F("record_id"),
        created=F("published_at"),
        modified=Greatest(F("published_at"), F("record__modified")),
    )


def _public_decision_records() -> QuerySet:
    return _decision_records(exempt=False)


def _build_decision_records(urls: Urls, notices: list, embed: bool) -> list[dict]:
    return [decision_record_paper_object(urls, notice, embed) for notice in notices]


def _build_decision_record_files(urls: Urls, notices: list, embed: bool) -> list[dict]:
    return [decision_record_file_object(urls, notice) for notice in notices]


def _withdrawn_papers() -> QuerySet:
    return _annotated(report_access.withdrawn_public_reports())


def _consultations() -> QuerySet:
    # A change to the step (its role) is a change to the consultation.
    step_modified = Subquery(
        Consultation.objects.filter(report_id=OuterRef("report_id"), meeting_id=OuterRef("meeting_id")).values(
            "modified"
        )[:1],
        output_field=DateTimeField(),
    )
    return _annotated(
        report_access.public_considered_reports().select_related("meeting"),
        modified=newest(F("report__modified"), step_modified),
    )


def _place(obj) -> tuple[int, int | None]:
    return (obj.report_id, obj.meeting_id)


def _steps_of(items: list[AgendaItem]) -> dict[tuple[int, int | None], Consultation]:
    """The route's step at each item's meeting, in one query."""
    if not items:
        return {}
    steps = Consultation.objects.filter(
        report_id__in={i.report_id for i in items}, meeting_id__in={i.meeting_id for i in items}
    )
    return {_place(step): step for step in steps}


def _taken(outer_report: str = "report_id", outer_meeting: str = "meeting_id") -> QuerySet:
    """Items of published agendas at the step's meeting considering the step's report."""
    return AgendaItem.objects.public().filter(report_id=OuterRef(outer_report), meeting_id=OuterRef(outer_meeting))


def _planned_steps() -> QuerySet:
    """Steps of public reports' routes that no published agenda has taken yet."""
    return _annotated(
        Consultation.objects.filter(report__in=Report.objects.public()).exclude(Exists(_taken())),
        modified=newest(F("report__modified")),
    )


def _build_planned(urls: Urls, steps: list, embed: bool) -> list[dict]:
    return [planned_consultation_object(urls, step) for step in steps]


def _superseded_steps() -> QuerySet:
    """Planned consultations gone: taken by a published agenda (its item's consultation stands in
    their place), or of a public report since withdrawn."""
    taken_at = Subquery(
        _taken().annotate(at=Coalesce("publication__published_at", "meeting__agenda_published_at")).values("at")[:1],
        output_field=DateTimeField(),
    )
    gone = Q(Exists(_taken()), report__in=Report.objects.public()) | Q(
        report__in=report_access.withdrawn_public_reports()
    )
    return _annotated(Consultation.objects.filter(gone), modified=newest(F("report__modified"), taken_at))


def _build_superseded(urls: Urls, steps: list, embed: bool) -> list[dict]:
    return [
        {
            "id": urls.object("consultation", f"{PLANNED}-{step.oparl_pk}"),
            "type": oparl_type("Consultation"),
            "created": stamp(step.oparl_created),
            "modified": stamp(step.oparl_modified),
            "deleted": True,
        }
        for step in steps
    ]


def _withdrawn_consultations() -> QuerySet:
    return _annotated(
        AgendaItem.objects.public().filter(report__in=report_access.withdrawn_public_reports()),
        modified=newest(F("report__modified")),
    )


def _build_consultations(urls: Urls, items: list, embed: bool) -> list[dict]:
    steps = _steps_of(items)
    return [consultation_object(urls, item, steps.get(_place(item))) for item in items]


def _report_files() -> QuerySet:
    return _annotated(
        _with_pdf_facts(Report.objects.public().prefetch_related(published_heads())),
        modified=newest(_facts_recorded("report")),
    )


def _build_report_files(urls: Urls, reports: list, embed: bool) -> list[dict]:
    facts = _report_facts(reports)
    return [report_file_object(urls, r, facts.get(file_facts.report_file_id(r.pk))) for r in reports]


def _appendices() -> QuerySet:
    return _annotated(report_access.public_appendices(), modified=F("created"))


def _build_appendices(urls: Urls, appendices: list, embed: bool) -> list[dict]:
    return [appendix_file_object(urls, a) for a in appendices]


def _redacted_appendices() -> QuerySet:
    return _annotated(report_access.public_redacted_appendices(), modified=F("created"))


def _build_redacted_appendices(urls: Urls, appendices: list, embed: bool) -> list[dict]:
    return [redacted_appendix_file_object(urls, a) for a in appendices]


def _background_papers() -> QuerySet:
    return _annotated(
        report_access.public_background_papers(), created=F("report__created"), modified=F("report__modified")
    )


def _build_background_papers(urls: Urls, papers: list, embed: bool) -> list[dict]:
    facts = file_facts.background_paper_facts(papers)
    return [background_paper_file_object(urls, p, facts.get(p.pk)) for p in papers]


def _withdrawn_files(model, created=None) -> Callable[[], QuerySet]:
    """Appendices and background papers of withdrawn reports: deleted with their report."""

    def queryset() -> QuerySet:
        qs = model.objects.filter(report__in=report_access.withdrawn_public_reports())
        return _annotated(qs, created=created or F("report__created"), modified=F("report__modified"))

    return queryset


def _deleted_file_build(prefix: str):
    def build(urls: Urls, objects: list, embed: bool) -> list[dict]:
        return [
            {
                "id": urls.object("file", f"{prefix}-{obj.oparl_pk}"),
                "type": oparl_type("File"),
                "created": stamp(obj.oparl_created),
                "modified": stamp(obj.oparl_modified),
                "deleted": True,
            }
            for obj in objects
        ]

    return build


def _withdrawn_report_files() -> QuerySet:
    return _annotated(report_access.withdrawn_public_reports())


def _minutes_files() -> QuerySet:
    return _annotated(
        Minutes.objects.public().select_related("meeting__committee"),
        pk=F("meeting_id"),
        created=F("published_at"),
    )


def _build_minutes_files(urls: Urls, minutes: list, embed: bool) -> list[dict]:
    return [minutes_file_object(urls, m) for m in minutes]


def _pack_files() -> QuerySet:
    return _annotated(
        AgendaPack.objects.public().select_related("meeting__committee"),
        pk=F("meeting_id"),
        created=F("requested_at"),
        modified=F("built_at"),
    )


def _build_pack_files(urls: Urls, packs: list, embed: bool) -> list[dict]:
    facts = file_facts.agenda_pack_facts(packs)
    return [pack_file_object(urls, pack, facts.get(pack.pk)) for pack in packs]


# Locations and terms


def _locations() -> QuerySet:
    return _annotated(Venue.objects.all())


def _build_locations(urls: Urls, venues: list, embed: bool) -> list[dict]:
    return [location_object(urls, v) for v in venues]


def _terms() -> QuerySet:
    return _annotated(CouncilTerm.objects.all())


def _build_terms(urls: Urls, terms: list, embed: bool) -> list[dict]:
    return [term_object(urls, t) for t in terms]


KIND = Tombstone.Kind

KINDS: dict[str, Kind] = {
    "organization": Kind(
        "Organization",
        [Segment(_committees, _build_committees), Segment(_parties, _build_parties, prefix=PARTY)],
        deleted=[_tombstone_segment(KIND.ORGANIZATION)],
    ),
    "person": Kind("Person", [Segment(_people, _build_people)], deleted=[_tombstone_segment(KIND.PERSON)]),
    "membership": Kind(
        "Membership", [Segment(_memberships, _build_memberships)], deleted=[_tombstone_segment(KIND.MEMBERSHIP)]
    ),
    "meeting": Kind("Meeting", [Segment(_meetings, _build_meetings)], deleted=[_tombstone_segment(KIND.MEETING)]),
    "agendaItem": Kind(
        "AgendaItem", [Segment(_agenda_items, _build_agenda_items)], deleted=[_tombstone_segment(KIND.AGENDA_ITEM)]
    ),
    "paper": Kind(
        "Paper",
        [Segment(_papers, _build_papers), Segment(_decision_records, _build_decision_records, prefix=DECISION_RECORD)],
        deleted=[Segment(_withdrawn_papers, _deleted_build("paper")), _tombstone_segment(KIND.PAPER)],
    ),
    "consultation": Kind(
        "Consultation",
        [Segment(_consultations, _build_consultations), Segment(_planned_steps, _build_planned, prefix=PLANNED)],
        deleted=[
            Segment(_withdrawn_consultations, _deleted_build("consultation")),
            _tombstone_segment(KIND.CONSULTATION),
            Segment(_superseded_steps, _build_superseded, prefix=PLANNED),
        ],
    ),
    "file": Kind(
        "File",
        [
            Segment(_report_files, _build_report_files, prefix="report"),
            Segment(_appendices, _build_appendices, prefix="appendix"),
            Segment(_redacted_appendices, _build_redacted_appendices, prefix=REDACTED_APPENDIX),
            Segment(_background_papers, _build_background_papers, prefix="background-paper"),
            Segment(_minutes_files, _build_minutes_files, prefix="minutes"),
            Segment(_pack_files, _build_pack_files, prefix="agenda-pack"),
            Segment(_public_decision_records, _build_decision_record_files, prefix=DECISION_RECORD),
        ],
        deleted=[
            Segment(_withdrawn_report_files, _deleted_file_build("report"), prefix="report"),
            Segment(
                _withdrawn_files(Appendix, created=F("created")), _deleted_file_build("appendix"), prefix="appendix"
            ),
            Segment(
                _withdrawn_files(BackgroundPaper), _deleted_file_build("background-paper"), prefix="background-paper"
            ),
            *[
                Segment(_tombstones(f"file:{prefix}"), _deleted_file_build(prefix), prefix=prefix)
                for prefix in ("report", "appendix", "background-paper", "minutes", "agenda-pack")
            ],
        ],
    ),
    "location": Kind("Location", [Segment(_locations, _build_locations)], deleted=[_tombstone_segment(KIND.LOCATION)]),
    "legislativeTerm": Kind(
        "LegislativeTerm", [Segment(_terms, _build_terms)], deleted=[_tombstone_segment(KIND.LEGISLATIVE_TERM)]
    ),
}


def find_object(urls: Urls, kind_name: str, pk: str) -> dict[str, Any] | None:
    """One object by its id, live or deleted; None if the public may not know it."""
    kind = KINDS[kind_name]
    segments = [*kind.live, *kind.deleted]  # live first: a live object is never shown as deleted
    if kind_name == "organization" and pk.startswith(f"{PARTY}-"):
        return _find_party(urls, pk.removeprefix(f"{PARTY}-"))
    if kind_name in ("file", "consultation", "paper"):
        # A file's id names its kind: "report-12", "appendix-3", "background-paper-7", "minutes-4";
        # a consultation's is its agenda item's, or "planned-12" for a step of a route still to come;
        # a paper's is its report's, or "decision-record-5" for a decision taken outside a meeting.
        prefix, _, pk = pk.rpartition("-")
        segments = [segment for segment in segments if segment.prefix == prefix]
    else:
        # A committee's id is its number; a party's is named ("party-labour", above).
        segments = [segment for segment in segments if not segment.prefix]
    number = bad_requests.parse_int(pk)
    if number is None:
        return None
    for segment in segments:
        objects = list(segment.queryset().filter(oparl_pk=number))
        if objects:
            return segment.build(urls, objects, True)[0]
    return None


def filter_segment(queryset: QuerySet, filters: dict[str, datetime.datetime]) -> QuerySet:
    lookups = {
        "created_since": "oparl_created__gte",
        "created_until": "oparl_created__lte",
        "modified_since": "oparl_modified__gte",
        "modified_until": "oparl_modified__lte",
    }
    return queryset.filter(**{lookups[name]: value for name, value in filters.items()})
