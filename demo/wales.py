"""The Welsh demo council (``loaddemo --council wales``): Denbighshire, publishing in Welsh and English.

Bilingual committees, a report written in both languages and published with its meeting's agenda
(the agenda's items and the report's every block in Welsh), and a second report waiting for its
translation, for the translator's log-in to open beside the English. An installation serves one
council, so this is loaded instead of the English demo, into a database of its own.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.text import slugify

from committee import access
from committee.agenda import add_opening_items, add_report_item
from committee.models import Committee, Council, Meeting, Membership, Person, Venue, Ward
from publishing import publication
from reports import workflow
from reports.models import Paragraph, Recommendation, Report, Section, SignOff

LONDON = ZoneInfo("Europe/London")

COUNCIL = {
    "name": "Denbighshire County Council",
    "welsh_name": "Cyngor Sir Ddinbych",
    "nation": Council.Nation.WALES,
    "welsh_required": Council.WelshRequired.WHOLE_REPORT,
    "address": "County Hall\nWynnstay Road\nRuthin\nLL15 1YN",
    "website": "https://www.denbighshire.gov.uk",
}

TRANSLATOR = ("translator", "Eleri Roberts", "Translator", [access.TRANSLATORS])

# (slug, name, Welsh name, kind, terms of reference, in Welsh)
COMMITTEES = [
    (
        "cabinet",
        "Cabinet",
        "Cabinet",
        Committee.Kind.EXECUTIVE,
        "The Council's executive: takes the decisions not reserved to full Council.",
        "Gweithrediaeth y Cyngor: mae'n gwneud y penderfyniadau nad ydynt wedi'u cadw i'r Cyngor llawn.",
    ),
    (
        "communities-scrutiny-committee",
        "Communities Scrutiny Committee",
        "Pwyllgor Craffu Cymunedau",
        Committee.Kind.SCRUTINY,
        "Scrutinises the Council's services for communities.",
        "Mae'n craffu ar wasanaethau'r Cyngor i gymunedau.",
    ),
    (
        "planning-committee",
        "Planning Committee",
        "Pwyllgor Cynllunio",
        Committee.Kind.REGULATORY,
        "Decides planning applications.",
        "Mae'n penderfynu ar geisiadau cynllunio.",
    ),
]

REPORT = {
    "title": "Library opening hours",
    "title_cy": "Oriau agor llyfrgelloedd",
    "report_of": "Head of Customers, Communication and Marketing",
    "report_of_cy": "Pennaeth Cwsmeriaid, Cyfathrebu a Marchnata",
    "summary": "<p>This report asks Cabinet to agree longer opening hours at Ruthin, Denbigh and Rhyl "
    "libraries from April.</p>",
    "summary_cy": "<p>Mae'r adroddiad hwn yn gofyn i'r Cabinet gytuno ar oriau agor hirach yn llyfrgelloedd "
    "Rhuthun, Dinbych a'r Rhyl o fis Ebrill.</p>",
}
RECOMMENDATIONS = [
    ("That Cabinet agrees the new opening hours.", "Bod y Cabinet yn cytuno ar yr oriau agor newydd."),
    ("That Cabinet notes the results of the consultation.", "Bod y Cabinet yn nodi canlyniadau'r ymgynghoriad."),
]
SECTIONS = [
    (
        ("Background", "Cefndir"),
        [
            (
                "The three libraries are open for 32 hours a week.",
                "Mae'r tair llyfrgell ar agor am 32 awr yr wythnos.",
            ),
            (
                "Users asked for evening opening in the 2024 library survey.",
                "Gofynnodd defnyddwyr am gael agor gyda'r nos yn arolwg llyfrgelloedd 2024.",
            ),
        ],
    ),
    (
        ("Consultation", "Ymgynghori"),
        [
            (
                "The consultation ran for six weeks and received 412 responses.",
                "Roedd yr ymgynghoriad ar agor am chwe wythnos, a daeth 412 o ymatebion i law.",
            ),
        ],
    ),
    (
        ("Financial implications", "Goblygiadau ariannol"),
        [
            (
                "The longer hours cost £48,000 a year, met from the library service's budget.",
                "Mae'r oriau hirach yn costio £48,000 y flwyddyn, a thelir hyn o gyllideb y gwasanaeth llyfrgelloedd.",
            ),
        ],
    ),
]
# Multi-location meetings (Local Government and Elections (Wales) Act 2021).
REMOTE_ATTENDANCE = (
    "This is a multi-location meeting: members may attend in County Hall or by video. The public may watch it "
    "live at https://www.denbighshire.gov.uk/webcasts, or ask the clerk for a link to join."
)
REMOTE_ATTENDANCE_CY = (
    "Cyfarfod aml-leoliad yw hwn: gall aelodau ddod i Neuadd y Sir neu ymuno drwy fideo. Gall y cyhoedd ei "
    "wylio'n fyw yn https://www.denbighshire.gov.uk/webcasts, neu ofyn i'r clerc am ddolen i ymuno."
)
# The council's people and places in both languages: a name is the same in both, its role and party not.
VENUE = {
    "name": "County Hall, Ruthin",
    "name_cy": "Neuadd y Sir, Rhuthun",
    "address": "Wynnstay Road\nRuthin",
    "address_cy": "Ffordd Wynnstay\nRhuthun",
    "postcode": "LL15 1YN",
}
# (English name, Welsh name)
WARDS = [
    ("Ruthin", "Rhuthun"),
    ("Denbigh Upper / Henllan", "Dinbych Uchaf / Henllan"),
    ("Rhyl South West", "De Orllewin y Rhyl"),
    ("St Asaph East", "Dwyrain Llanelwy"),
]
# The demo's log-ins' roles in Welsh, by their English (demo/management/commands/loaddemo.py DEMO_USERS).
ROLES_CY = {
    "Systems Administrator": "Gweinyddwr Systemau",
    "Governance Team Leader": "Arweinydd Tîm Llywodraethu",
    "Head of Safeguarding": "Pennaeth Diogelu",
    "Strategic Lead, Libraries": "Arweinydd Strategol, Llyfrgelloedd",
    "Senior Lawyer, HB Public Law": "Uwch Gyfreithiwr, HB Public Law",
    "Finance Business Partner": "Partner Busnes Cyllid",
    "Commissioning Director, Children and Young People": "Cyfarwyddwr Comisiynu, Plant a Phobl Ifanc",
    "Monitoring Officer": "Swyddog Monitro",
    "Translator": "Cyfieithydd",
}
# The councillors' log-ins: (username, ward index, party, in Welsh, Cabinet role, in Welsh)
COUNCILLORS = [
    ("councillor", 0, "Independent", "Annibynnol", "Cabinet Member for Housing", "Aelod Cabinet dros Dai"),
    ("councillor2", 2, "Labour", "Llafur", "Cabinet Member for Libraries", "Aelod Cabinet dros Lyfrgelloedd"),
]
IN_TRANSLATION = {
    "title": "Public toilets strategy",
    "report_of": "Head of Highways and Environmental Services",
    "summary": "<p>The Local Government (Wales) Measure asks each council to publish a local toilets "
    "strategy. This report presents the draft for consultation.</p>",
}


def _html(text: str) -> str:
    return f"<p>{text}</p>"


def create(users: dict[str, User], password: str) -> Report:
    """The Welsh council and its papers; safe to run twice. ``users`` are the demo's log-ins by name;
    the translator's log-in is added with ``password``."""
    council = Council.first_run()
    for field, value in COUNCIL.items():
        setattr(council, field, value)
    council.save()
    translator = _translator(password)
    committees = {}
    for slug, name, name_cy, kind, purpose, purpose_cy in COMMITTEES:
        committees[slug], _ = Committee.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_cy": name_cy,
                "kind": kind,
                "terms_of_reference": purpose,
                "terms_of_reference_cy": purpose_cy,
                "takes_key_decisions": kind == Committee.Kind.EXECUTIVE,
                "requires_finance_signoff": False,
                "requires_director_signoff": False,
                "requires_translation_signoff": True,
                "remote_attendance": REMOTE_ATTENDANCE,
                "remote_attendance_cy": REMOTE_ATTENDANCE_CY,
            },
        )
    cabinet = committees["cabinet"]
    wards = _people_and_places(users)
    for username in ("councillor", "councillor2"):
        person = Person.objects.filter(user=users[username]).first()
        if person is not None:
            Membership.objects.get_or_create(person=person, committee=cabinet)
    published = Report.objects.filter(title=REPORT["title"], committee=cabinet).first()
    if published is None:
        venue, _ = Venue.objects.get_or_create(name=VENUE["name"], defaults=VENUE)
        meeting = _next_meeting(cabinet, venue)
        published = _translated_report(cabinet, meeting, users["author"])
        # The libraries are in Ruthin, Denbigh and Rhyl: the title block's "Wards affected" names them.
        published.all_wards = False
        published.save(update_fields=["all_wards"])
        published.wards.set(wards[:3])
        published.contact_officers.set(Person.objects.filter(user=users["author2"]))
        add_opening_items(meeting, users["governance"])
        add_report_item(meeting, users["governance"], published)
        publication.publish_agenda(meeting, users["governance"])
    if not Report.objects.filter(title=IN_TRANSLATION["title"]).exists():
        waiting = Report.objects.create(committee=cabinet, author=users["author"], **IN_TRANSLATION)
        section = Section.objects.create(report=waiting, position=0, heading="Background", heading_cy="Cefndir")
        Paragraph.objects.create(
            section=section,
            position=0,
            text=_html("Denbighshire has 34 public toilets, 12 of them run by town and community councils."),
        )
        Recommendation.objects.create(report=waiting, position=0, text=_html("That Cabinet approves consultation."))
        workflow.submit(waiting, users["author"], approvers={"legal": users["legal"], "translation": translator})
    return published


def _people_and_places(users: dict[str, User]) -> list[Ward]:
    """The wards, the demo's people's roles and parties in Welsh as well as English; the wards."""
    wards = [
        Ward.objects.update_or_create(slug=slugify(name), defaults={"name": name, "name_cy": name_cy})[0]
        for name, name_cy in WARDS
    ]
    for english, welsh in ROLES_CY.items():
        Person.objects.filter(job_title=english, job_title_cy="").update(job_title_cy=welsh, modified=timezone.now())
    for username, ward, party, party_cy, role, role_cy in COUNCILLORS:
        Person.objects.filter(user=users[username]).update(
            ward=wards[ward],
            party=party,
            party_cy=party_cy,
            job_title=role,
            job_title_cy=role_cy,
            modified=timezone.now(),
        )
    return wards


def _translator(password: str) -> User:
    username, name, job_title, groups = TRANSLATOR
    first, _, last = name.partition(" ")
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "email": f"{username}@example.gov.uk"}
    )
    if created:
        user.set_password(password)
        user.save()
    user.groups.add(*Group.objects.filter(name__in=groups))
    Person.objects.get_or_create(
        name=name,
        defaults={"kind": Person.Kind.OFFICER, "job_title": job_title, "email": user.email, "user": user},
    )
    return user


def _next_meeting(committee: Committee, venue: Venue) -> Meeting:
    """Three weeks ahead, so its agenda is published in good time (3 clear working days in Wales)."""
    day = timezone.localdate() + datetime.timedelta(days=21)
    starts_at = datetime.datetime.combine(day, datetime.time(10), tzinfo=LONDON)
    return Meeting.objects.create(committee=committee, starts_at=starts_at, venue=venue)


def _translated_report(committee: Committee, meeting: Meeting, author: User) -> Report:
    """Written in both languages and approved: the agenda's publication publishes it."""
    report = Report.objects.create(
        committee=committee, meeting=meeting, author=author, status=Report.Status.APPROVED, **REPORT
    )
    for position, (english, welsh) in enumerate(RECOMMENDATIONS):
        Recommendation.objects.create(report=report, position=position, text=_html(english), text_cy=_html(welsh))
    for position, ((heading, heading_cy), paragraphs) in enumerate(SECTIONS):
        section = Section.objects.create(report=report, position=position, heading=heading, heading_cy=heading_cy)
        for number, (english, welsh) in enumerate(paragraphs):
            Paragraph.objects.create(section=section, position=number, text=_html(english), text_cy=_html(welsh))
    SignOff.objects.create(
        report=report, role=SignOff.Role.TRANSLATION, decision=SignOff.Decision.APPROVED, decided_at=timezone.now()
    )
    return report
