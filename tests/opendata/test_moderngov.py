"""The Modern.gov-compatible web service, read with a plain XML parser as its clients read it."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from committee.models import AgendaItem, Attendance, Committee, ItemDecision, Meeting, Minutes, Person, Ward
from tests.conftest import make_meeting
from tests.opendata_builders import build_open_council

SERVICE = "/mgWebService.asmx"
SECRETS = ["Tender evaluation scores", "scores.pdf", "Draft: not yet cleared", "Secret future business"]


@pytest.fixture
def council(demo):
    council = build_open_council()
    council.exempt_item.description = "<p>The preferred bidder's prices.</p>"
    council.exempt_item.save()
    minutes = Minutes.objects.create(
        meeting=council.meeting, status=Minutes.Status.CONFIRMED, published_at=timezone.now()
    )
    chair = Person.objects.get(name="Cllr Reuben Thompstone")
    Attendance.objects.create(meeting=council.meeting, person=chair, kind=Attendance.Kind.PRESENT)
    Attendance.objects.create(
        meeting=council.meeting, person=Person.objects.get(name="Cllr Anne Hutton"), kind=Attendance.Kind.APOLOGIES
    )
    report_item = council.meeting.agenda_items.get(report=council.public_report)
    ItemDecision.objects.create(
        agenda_item=report_item, outcome=ItemDecision.Outcome.NOTED, text="<p>The Committee noted the report.</p>"
    )
    ItemDecision.objects.create(
        agenda_item=council.exempt_item, outcome=ItemDecision.Outcome.AGREED, text="<p>Award to Bidder B.</p>"
    )
    council.minutes = minutes
    council.report_item = report_item
    return council


def call(client, operation: str, status: int = 200, **params) -> ET.Element:
    response = client.get(f"{SERVICE}/{operation}", params)
    assert response.status_code == status, response.content[:500]
    assert response["Access-Control-Allow-Origin"] == "*"
    if status != 200:
        # An error is an XML document too, so a client's parser reads the message.
        assert response["Content-Type"].startswith("text/xml")
        return ET.fromstring(response.content).findtext("message")
    assert response["Content-Type"].startswith("text/xml")
    text = response.content.decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(response.content)
    for element in root.iter():
        assert not element.tag.startswith("{"), "no namespaces"
        assert element.tag == element.tag.lower()
        if element.tag != "attendee":
            assert not element.attrib, f"attributes only on <attendee>, not <{element.tag}>"
    for secret in SECRETS:
        assert secret not in text
    return root


def texts(parent: ET.Element, path: str) -> list[str]:
    return [element.text or "" for element in parent.findall(path)]


def is_mg_date(value: str) -> bool:
    return datetime.datetime.strptime(value, "%d/%m/%Y") is not None


# Committees ----------------------------------------------------------------------------------


def test_get_committees_lists_every_committee_with_its_fields(client, council):
    root = call(client, "GetCommittees")
    assert root.tag == "committees"
    committees = root.findall("committee")
    assert int(root.findtext("committeescount")) == len(committees) == Committee.objects.count()
    planning = next(c for c in committees if c.findtext("committeetitle") == "Planning Committee")
    assert int(planning.findtext("committeeid")) == Committee.objects.get(slug="planning").pk
    assert planning.findtext("committeedeleted") == "False"
    assert planning.findtext("committeeexpired") == "False"
    assert planning.findtext("committeecategory") == "Regulatory"


def test_an_inactive_committee_is_expired(client, council):
    Committee.objects.filter(slug="audit").update(active=False)
    root = call(client, "GetCommittees")
    audit = next(c for c in root.findall("committee") if c.findtext("committeetitle") == "Audit Committee")
    assert audit.findtext("committeeexpired") == "True"


def test_get_committees_by_user_lists_that_councillors_current_committees(client, council):
    person = Person.objects.get(name="Cllr Reuben Thompstone")
    root = call(client, "GetCommitteesByUser", lUserId=person.pk)
    assert root.tag == "committees"
    assert sorted(texts(root, "committee/committeetitle")) == [
        "Children, Education, Libraries and Safeguarding Committee",
        "Full Council",
    ]
    assert root.findtext("committeescount") == "2"


# Meetings ------------------------------------------------------------------------------------


def test_get_meetings_groups_a_date_range_by_committee(client, council):
    root = call(client, "GetMeetings", lCommitteeId=council.committee.pk, sFromDate="01/02/2017", sToDate="28/02/2017")
    assert root.tag == "getmeetings"
    assert root.findtext("meetingscount") == "1" and root.findtext("committeescount") == "1"
    committee = root.find("committee")
    assert committee.findtext("committeeid") == str(council.committee.pk)
    assert committee.findtext("committeetitle") == council.committee.name
    assert committee.findtext("committeemeetingcount") == "1"
    meeting = committee.find("committeemeetings/meeting")
    assert meeting.findtext("meetingid") == str(council.meeting.pk)
    assert meeting.findtext("meetingdate") == "21/02/2017"
    assert meeting.findtext("meetingtime") == "7.00 pm"
    assert meeting.findtext("meetingstatus") == "Held"
    assert meeting.findtext("iswebcast") == "False"


def test_get_meetings_with_zero_or_empty_parameters_means_all(client, council):
    everything = call(client, "GetMeetings", lCommitteeId="0", sFromDate="", sToDate="0")
    assert int(everything.findtext("meetingscount")) == Meeting.objects.count()
    assert (
        int(everything.findtext("committeescount"))
        == Committee.objects.filter(meetings__isnull=False).distinct().count()
    )
    counts = [int(c.findtext("committeemeetingcount")) for c in everything.findall("committee")]
    assert sum(counts) == Meeting.objects.count()


def test_get_all_meetings_by_date_orders_either_way(client, council):
    ascending = call(client, "GetAllMeetingsByDate", sFromDate="01/01/2017", bIsAscendingDateOrder="True")
    assert ascending.tag == "getmeetingsbydate"
    meetings = ascending.findall("meetings/meeting")
    assert int(ascending.findtext("meetingscount")) == len(meetings) > 5
    dates = [datetime.datetime.strptime(m.findtext("meetingdate"), "%d/%m/%Y") for m in meetings]
    assert dates == sorted(dates)
    first = meetings[0]
    assert [child.tag for child in first] == [
        "meetingid",
        "meetingdate",
        "meetingtime",
        "meetingstatus",
        "committeeid",
        "committeetitle",
        "iswebcast",
    ]
    descending = call(client, "GetAllMeetingsByDate", sFromDate="01/01/2017", bIsAscendingDateOrder="false")
    assert texts(descending, "meetings/meeting/meetingid") == list(
        reversed(texts(ascending, "meetings/meeting/meetingid"))
    )


def test_morning_times_read_like_modern_gov(client, council):
    meeting = make_meeting(council.committee, datetime.date(2030, 6, 3))
    meeting.starts_at = meeting.starts_at.replace(hour=10, minute=30)
    meeting.save()
    root = call(client, "GetAllMeetingsByDate", sFromDate="03/06/2030", sToDate="03/06/2030")
    assert texts(root, "meetings/meeting/meetingtime") == ["10.30 am"]


# One meeting ---------------------------------------------------------------------------------


def test_get_meeting_gives_the_agenda_with_documents_and_decisions(client, council):
    root = call(client, "GetMeeting", lMeetingId=council.meeting.pk)
    assert root.tag == "meeting"
    assert root.findtext("meetingid") == str(council.meeting.pk)
    assert root.findtext("meetingdate") == "21/02/2017"
    assert root.findtext("meetingtime") == "7.00 pm"
    assert root.findtext("meetinglocation") == "Hendon Town Hall, NW4 4BG"
    assert root.findtext("agendaid") == str(council.meeting.pk)
    assert root.findtext("agendapublished") == "True"
    assert root.findtext("decisionpublished") == "True"
    assert root.findtext("minutepublished") == "True"
    items = {item.findtext("agendaitemid"): item for item in root.findall("agendaitems/agendaitem")}
    report_item = items[str(council.report_item.pk)]
    assert report_item.findtext("agendaitemtitle") == council.report_item.title
    assert report_item.findtext("isrestricted") == "False"
    assert report_item.findtext("isdecision") == "True"
    assert report_item.findtext("minutesnonemptyhtmlbody") == "<p>The Committee noted the report.</p>"
    assert report_item.findtext("fulldisplaynumberformat") == report_item.findtext("agendaitemnumber") + "."
    # The minutes number their items as the agenda does.
    assert report_item.findtext("minutesitemnumber") == report_item.findtext("agendaitemnumber") != ""
    documents = report_item.findall("linkeddocuments/linkeddoc")
    titles = [d.findtext("title") for d in documents]
    assert titles[0] == council.public_report.title
    assert "Metropolitan Police action plan" in titles and "Local safeguarding board minutes" in titles
    for document in documents:
        assert document.findtext("isrestricted") == "False"
        assert document.findtext("url").startswith("http://testserver/") or document.findtext("url").startswith(
            "https://"
        )
        assert int(document.findtext("attachmentid")) > 0
    appendix = next(d for d in documents if d.findtext("title") == "Metropolitan Police action plan")
    assert is_mg_date(appendix.findtext("publicationdate"))
    assert client.get(appendix.findtext("url").removeprefix("http://testserver")).status_code == 200


def test_an_exempt_item_is_restricted_with_no_text_documents_or_decision(client, council):
    root = call(client, "GetMeeting", lMeetingId=council.meeting.pk)
    item = next(
        i for i in root.findall("agendaitems/agendaitem") if i.findtext("agendaitemid") == str(council.exempt_item.pk)
    )
    assert item.findtext("agendaitemtitle") == "Award of contract: residential placements"
    assert item.findtext("isrestricted") == "True"
    assert item.findtext("agendatext") == ""
    assert item.findtext("minutesnonemptyhtmlbody") == ""
    assert item.find("linkeddocuments") is not None and list(item.find("linkeddocuments")) == []
    text = ET.tostring(root, encoding="unicode")
    assert "preferred bidder" not in text and "Bidder B" not in text


def test_attendees_come_from_the_minutes_with_their_attributes(client, council):
    root = call(client, "GetMeeting", lMeetingId=council.meeting.pk)
    attendees = {a.get("name"): a for a in root.findall("attendees/attendee")}
    assert set(attendees) == {"Cllr Reuben Thompstone", "Cllr Anne Hutton"}
    chair = attendees["Cllr Reuben Thompstone"]
    assert chair.get("memberid") == str(Person.objects.get(name="Cllr Reuben Thompstone").pk)
    assert chair.get("attendance") == "Present"
    assert chair.get("roledescription") == "Chair"
    assert chair.get("politicalparty") == "Conservative"
    assert chair.get("ward") == "Brunswick Park"
    assert chair.get("membertype") == "Councillor"
    assert [child.tag for child in chair] == ["url", "photosmallurl", "photobigurl"]
    assert attendees["Cllr Anne Hutton"].get("attendance") == "Apologies"


def test_a_meeting_without_a_published_agenda_has_empty_agenda_and_expected_members(client, council):
    root = call(client, "GetMeeting", lMeetingId=council.unpublished_meeting.pk)
    assert root.findtext("agendapublished") == "False" and root.findtext("minutepublished") == "False"
    assert root.find("agendaitems") is not None and list(root.find("agendaitems")) == []
    attendees = root.findall("attendees/attendee")
    assert attendees and all(a.get("attendance") == "Expected" for a in attendees)


def test_draft_minutes_stay_private(client, council):
    council.minutes.status = Minutes.Status.DRAFT
    council.minutes.save()
    root = call(client, "GetMeeting", lMeetingId=council.meeting.pk)
    assert root.findtext("minutepublished") == "False" and root.findtext("decisionpublished") == "False"
    assert {item.findtext("minutesitemnumber") for item in root.findall("agendaitems/agendaitem")} == {""}
    assert "noted the report" not in ET.tostring(root, encoding="unicode")


def test_a_meeting_with_nothing_at_all_still_has_both_lists(client, db):
    committee = Committee.objects.create(name="Empty Committee", slug="empty")
    meeting = make_meeting(committee)
    root = call(client, "GetMeeting", lMeetingId=meeting.pk)
    assert root.find("agendaitems") is not None and root.find("attendees") is not None


# Councillors ---------------------------------------------------------------------------------


def test_get_councillors_by_ward_lists_each_ward_with_its_councillors(client, council):
    root = call(client, "GetCouncillorsByWard")
    assert root.tag == "councillorsbyward"
    wards = {w.findtext("wardtitle"): w for w in root.findall("wards/ward")}
    assert set(wards) == set(Ward.objects.values_list("name", flat=True))
    brunswick = wards["Brunswick Park"]
    names = texts(brunswick, "councillors/councillor/fullusername")
    assert brunswick.findtext("councillors/councillorcount") == str(len(names)) == "2"
    reuben = next(
        c for c in brunswick.findall("councillors/councillor") if c.findtext("fullusername") == "Cllr Reuben Thompstone"
    )
    assert reuben.findtext("councillorid") == str(Person.objects.get(name="Cllr Reuben Thompstone").pk)
    assert reuben.findtext("politicalpartytitle") == "Conservative"
    assert reuben.findtext("districttitle") == "Brunswick Park"
    assert reuben.findtext("keyposts") == "Chair, Children, Education, Libraries and Safeguarding Committee"
    assert reuben.findtext("workaddress/email") == "cllr-reuben-thompstone@example.gov.uk"
    assert [child.tag for child in reuben.find("workaddress")] == [
        "line1",
        "line2",
        "line3",
        "line4",
        "postcode",
        "phone",
        "mobile",
        "email",
    ]
    assert reuben.find("termsofoffice") is not None


def test_terms_of_office_come_from_full_council_seats(client, council):
    person = Person.objects.get(name="Cllr Reuben Thompstone")
    person.memberships.filter(committee__slug="full-council").update(
        start_date=datetime.date(2022, 5, 5), end_date=datetime.date(2026, 5, 7)
    )
    root = call(client, "GetCouncillorsByWardId", lWardId=person.ward_id)
    assert len(root.findall("wards/ward")) == 1
    term = next(
        c for c in root.findall("wards/ward/councillors/councillor") if c.findtext("fullusername") == person.name
    ).find("termsofoffice/termofoffice")
    assert term.findtext("startdate") == "05/05/2022" and term.findtext("enddate") == "07/05/2026"


def test_get_member_group_lists_councillors_in_order(client, council):
    root = call(client, "GetMemberGroup", sOrder="", sShortName="")
    assert root.tag == "memberlist"
    names = texts(root, "members/member/fullusername")
    assert names == sorted(names) and "Cllr Helena Hart" in names
    member = root.find("members/member")
    assert [child.tag for child in member] == [
        "memberid",
        "fullusername",
        "photosmallurl",
        "photobigurl",
        "politicalpartytitle",
        "politicalgrouptitle",
        "districttitle",
        "representing",
        "keyposts",
    ]
    planning = call(client, "GetMemberGroup", sShortName="planning")
    assert sorted(texts(planning, "members/member/fullusername")) == [
        "Cllr Melvin Cohen",
        "Cllr Sachin Rajput",
        "Cllr Tim Roberts",
    ]
    assert texts(call(client, "GetMemberGroup", sShortName="no-such-group"), "members/member") == []


# Attachments ---------------------------------------------------------------------------------


def test_get_attachment_describes_a_public_document(client, council):
    meeting = call(client, "GetMeeting", lMeetingId=council.meeting.pk)
    linked = meeting.find("agendaitems/agendaitem/linkeddocuments/linkeddoc")
    root = call(client, "GetAttachment", lAttachmentId=linked.findtext("attachmentid"))
    details = root.find("attachmentdetails")
    assert root.tag == "attachment"
    assert [child.tag for child in details] == ["attachmentid", "title", "url", "isrestricted", "publicationdate"]
    assert details.findtext("title") == linked.findtext("title")


def test_get_attachment_refuses_exempt_and_unpublished_documents(client, council):
    for value in (
        council.exempt_appendix.pk * 10 + 2,
        council.exempt_report.pk * 10 + 1,
        council.draft_report.pk * 10 + 1,
    ):
        message = call(client, "GetAttachment", status=404, lAttachmentId=value)
        assert "No attachment" in message


# Errors and addressing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url,status,message",
    [
        (f"{SERVICE}/GetNothing", 404, "Request format is unrecognized"),
        (f"{SERVICE}/GetMeeting", 400, "Missing parameter: lMeetingId"),
        (f"{SERVICE}/GetMeeting?lMeetingId=abc", 400, "Cannot convert abc to System.Int32"),
        (f"{SERVICE}/GetMeeting?lMeetingId=%C2%B2", 400, "Cannot convert ² to System.Int32"),
        (f"{SERVICE}/GetMeeting?lMeetingId=" + "9" * 30, 400, "to System.Int32"),
        (f"{SERVICE}/GetMeeting?lMeetingId=999999", 404, "No meeting found"),
        (f"{SERVICE}/GetMeetings?sFromDate=31/31/2020", 400, "Cannot convert 31/31/2020 to System.DateTime"),
        (f"{SERVICE}/GetAllMeetingsByDate?bIsAscendingDateOrder=perhaps", 400, "System.Boolean"),
        (f"{SERVICE}/GetCouncillorsByWardId", 400, "Missing parameter: lWardId"),
        (f"{SERVICE}/GetCommitteesByUser", 400, "Missing parameter: lUserId"),
        (f"{SERVICE}/GetMemberGroup?sOrder=%00", 400, "NUL"),
        (f"{SERVICE}/GetMeeting%00", 400, "NUL"),
    ],
)
def test_bad_requests_get_asp_nets_message_in_an_error_document(client, db, url, status, message):
    # ASP.NET itself answers 500 in plain text; a client could not tell that from our own fault.
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/xml")
    assert message in ET.fromstring(response.content).findtext("message")


def test_the_service_answers_in_lower_case_and_ignores_unknown_parameters(client, council):
    root = call(client, "getcommittees", utm_source="newsletter")
    assert root.tag == "committees"
    response = client.get("/mgwebservice.asmx/getmeeting", {"lmeetingid": council.meeting.pk})
    assert response.status_code == 200 and ET.fromstring(response.content).tag == "meeting"


def test_the_service_is_read_only(client, db):
    assert client.post(f"{SERVICE}/GetCommittees").status_code == 405


def test_get_meeting_costs_the_same_for_a_long_agenda(client, council, django_assert_max_num_queries):
    with django_assert_max_num_queries(14) as first:
        call(client, "GetMeeting", lMeetingId=council.meeting.pk)
    for position in range(20):
        AgendaItem.objects.create(meeting=council.meeting, position=100 + position, title=f"Item {position}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        call(client, "GetMeeting", lMeetingId=council.meeting.pk)


# Old Modern.gov addresses --------------------------------------------------------------------


def test_old_modern_gov_addresses_redirect_to_our_pages(client, council):
    Committee.objects.filter(pk=council.committee.pk).update(old_id=143)
    Meeting.objects.filter(pk=council.meeting.pk).update(old_id=8801)
    AgendaItem.objects.filter(pk=council.report_item.pk).update(old_id=55012)
    Person.objects.filter(name="Cllr Reuben Thompstone").update(old_id=301)
    committee_url = council.committee.get_absolute_url()
    meeting_url = council.meeting.get_absolute_url()
    expected = {
        "/mgCommitteeDetails.aspx?ID=143": committee_url,
        "/mgcommitteedetails.aspx?id=143": committee_url,
        "/ieListDocuments.aspx?CId=143&MId=8801": meeting_url,
        "/mgAi.aspx?ID=55012": meeting_url,
        "/mgUserInfo.aspx?UID=301": "/committees/children-education-libraries-safeguarding/",
        "/mgListPlans.aspx?RPId=143": f"{committee_url}work-programme/",
        "/mgListPlans.aspx?RPId=999": "/forward-plan/",
    }
    for old, new in expected.items():
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new, old


@pytest.mark.parametrize(
    "url",
    ["/mgCommitteeDetails.aspx?ID=999", "/mgCommitteeDetails.aspx", "/ieListDocuments.aspx?MId=x", "/mgAi.aspx?ID=1"],
)
def test_old_addresses_without_a_match_are_not_found(client, council, url):
    assert client.get(url).status_code == 404


def test_an_old_address_of_an_unpublished_agenda_item_is_not_found(client, council):
    item = council.unpublished_meeting.agenda_items.get()
    AgendaItem.objects.filter(pk=item.pk).update(old_id=777)
    assert client.get("/mgAi.aspx?ID=777").status_code == 404


def test_a_client_asking_in_welsh_gets_the_welsh_titles(client, council):
    Committee.objects.filter(slug="planning").update(name_cy="Pwyllgor Cynllunio")
    council.report_item.title_cy = "Adolygiad y llyfrgelloedd"
    council.report_item.save()
    welsh = call(client, "GetCommittees", LLL="1")
    assert "Pwyllgor Cynllunio" in texts(welsh, "committee/committeetitle")
    assert "Rheoleiddio" in texts(welsh, "committee/committeecategory")
    english = call(client, "GetCommittees")
    assert "Planning Committee" in texts(english, "committee/committeetitle")
    agenda = call(client, "GetMeeting", lMeetingId=council.meeting.pk, LLL="1")
    assert "Adolygiad y llyfrgelloedd" in texts(agenda, "agendaitems/agendaitem/agendaitemtitle")
    assert council.report_item.title in texts(
        call(client, "GetMeeting", lMeetingId=council.meeting.pk), "agendaitems/agendaitem/agendaitemtitle"
    )


def test_an_old_welsh_page_address_leads_to_the_welsh_page(client, council):
    Committee.objects.filter(slug="planning").update(old_id=4321)
    response = client.get("/mgCommitteeDetails.aspx", {"ID": "4321", "LLL": "1"})
    assert response.status_code == 301 and response["Location"].startswith("/cy/committees/")
    assert client.get("/mgCommitteeDetails.aspx", {"ID": "4321"})["Location"].startswith("/committees/")
