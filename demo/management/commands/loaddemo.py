"""A believable council: committees, members, a year of meetings, work programmes,
reports in every state, log-ins for each role, and the council's real example report."""

from __future__ import annotations

import datetime
import hashlib
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from committee import access, actions, call_in, deadlines, decision_records, decisions, minutes, routes
from committee.demo import example_report as example
from committee.models import (
    AgendaItem,
    CallIn,
    Committee,
    Consultation,
    DecisionNotice,
    DecisionRecord,
    Meeting,
    Membership,
    Minutes,
    Person,
    Venue,
    Ward,
    WorkProgrammeChange,
    WorkProgrammeDeferral,
    WorkProgrammeItem,
)
from core import richtext
from demo import councillors, wales
from documents import packs, tasks
from documents.pdf import html_to_pdf
from opendata.models import CouncilTerm
from publishing import publication as publishing
from publishing import search
from reports import decision_reports, revisions, workflow
from reports.models import (
    Appendix,
    BackgroundPaper,
    Paragraph,
    Recommendation,
    Report,
    ReportTemplate,
    Section,
    SignOff,
)
from reports.templates_setup import ensure_decision_template, ensure_standard_template, start_report_from_template
from work_programme import forward_plan
from work_programme import programme as work_programme

LONDON = ZoneInfo("Europe/London")
DEMO_PASSWORD = "demo-password"
SCHEDULE_ANCHOR = datetime.date(2024, 1, 8)  # a Monday; committees meet Monday to Thursday

# username, name, job title, groups
DEMO_USERS = [
    ("admin", "Alex Admin", "Systems Administrator", [access.ADMINISTRATORS]),
    ("governance", "Edward Gilbert", "Governance Team Leader", [access.GOVERNANCE_OFFICERS]),
    ("author", "Priya Shah", "Head of Safeguarding", [access.REPORT_AUTHORS]),
    ("author2", "Tom Hughes", "Strategic Lead, Libraries", [access.REPORT_AUTHORS]),
    ("legal", "Grace Obi", "Senior Lawyer, HB Public Law", [access.LEGAL_APPROVERS]),
    ("finance", "Daniel Cole", "Finance Business Partner", [access.FINANCE_APPROVERS]),
    ("director", "Chris Munday", "Commissioning Director, Children and Young People", [access.DIRECTOR_APPROVERS]),
    ("councillor", "Cllr Reuben Thompstone", "Councillor", [access.COMMITTEE_MEMBERS]),
    ("councillor2", "Cllr Helena Hart", "Councillor", [access.COMMITTEE_MEMBERS]),
    ("monitoring", "Sam Okafor", "Monitoring Officer", [access.MONITORING_OFFICERS]),
]

WARDS = [
    "Brunswick Park",
    "Burnt Oak",
    "Childs Hill",
    "Colindale",
    "East Barnet",
    "Finchley Church End",
    "Hendon",
    "High Barnet",
    "Mill Hill",
    "West Hendon",
]

# name, slug, kind, takes key decisions, purpose
COMMITTEES = [
    (
        "Full Council",
        "full-council",
        Committee.Kind.FULL_COUNCIL,
        False,
        "All 63 councillors: sets the budget and policy framework and agrees the Constitution.",
    ),
    (
        "Policy and Resources Committee",
        "policy-and-resources",
        Committee.Kind.EXECUTIVE,
        True,
        "Strategic policy, finance, and the council's corporate plan; takes the council's key decisions.",
    ),
    (
        example.COMMITTEE,
        "children-education-libraries-safeguarding",
        Committee.Kind.COMMITTEE,
        True,
        "Children's services, schools, libraries and safeguarding, including the council's safeguarding duties.",
    ),
    (
        "Adults and Safeguarding Committee",
        "adults-and-safeguarding",
        Committee.Kind.COMMITTEE,
        True,
        "Adult social care, health and wellbeing, and the safeguarding of adults.",
    ),
    (
        "Planning Committee",
        "planning",
        Committee.Kind.REGULATORY,
        False,
        "Determines major planning applications and those called in by councillors.",
    ),
    (
        "Licensing Sub-Committee",
        "licensing-sub-committee",
        Committee.Kind.SUB_COMMITTEE,
        False,
        "Hears licensing applications and reviews under the Licensing Act 2003.",
    ),
    (
        "Overview and Scrutiny Committee",
        "overview-and-scrutiny",
        Committee.Kind.SCRUTINY,
        False,
        "Scrutinises the executive's decisions and policies, and hears decisions called in by councillors.",
    ),
    (
        "Audit Committee",
        "audit",
        Committee.Kind.COMMITTEE,
        False,
        "Assurance on risk management, internal control, and the statement of accounts.",
    ),
]

# Councillors: name, party, ward index, committee memberships (slug, role)
COUNCILLORS = [
    (
        "Cllr Reuben Thompstone",
        "Conservative",
        0,
        [("children-education-libraries-safeguarding", "chair"), ("full-council", "member")],
    ),
    (
        "Cllr Bridget Perry",
        "Conservative",
        1,
        [("children-education-libraries-safeguarding", "vice_chair"), ("full-council", "member")],
    ),
    (
        "Cllr Anne Hutton",
        "Labour",
        2,
        [("children-education-libraries-safeguarding", "member"), ("full-council", "member")],
    ),
    (
        "Cllr Pauline Coakley Webb",
        "Labour",
        3,
        [("children-education-libraries-safeguarding", "member"), ("audit", "member")],
    ),
    ("Cllr Helena Hart", "Conservative", 4, [("adults-and-safeguarding", "chair"), ("full-council", "member")]),
    ("Cllr Sachin Rajput", "Conservative", 5, [("adults-and-safeguarding", "vice_chair"), ("planning", "member")]),
    (
        "Cllr Reema Patel",
        "Labour",
        6,
        [("adults-and-safeguarding", "member"), ("full-council", "member"), ("overview-and-scrutiny", "chair")],
    ),
    ("Cllr Richard Cornelius", "Conservative", 7, [("policy-and-resources", "chair"), ("full-council", "chair")]),
    ("Cllr Daniel Thomas", "Conservative", 8, [("policy-and-resources", "vice_chair"), ("audit", "chair")]),
    ("Cllr Barry Rawlings", "Labour", 9, [("policy-and-resources", "member"), ("full-council", "member")]),
    ("Cllr Melvin Cohen", "Conservative", 0, [("planning", "chair"), ("licensing-sub-committee", "chair")]),
    ("Cllr Tim Roberts", "Labour", 2, [("planning", "member"), ("licensing-sub-committee", "member")]),
    (
        "Cllr Jack Cohen",
        "Liberal Democrat",
        5,
        [("licensing-sub-committee", "member"), ("children-education-libraries-safeguarding", "substitute")],
    ),
]

# Councillors (none on Policy and Resources) who call in the demo's parking decision, with their reasons.
DECISION_SIGNATORIES = {
    "Cllr Reema Patel": "Residents were not consulted on the rise.",
    "Cllr Tim Roberts": "The report gives no figures for the scheme's costs.",
    "Cllr Anne Hutton": "Carers' permits should be exempt.",
}

# Planned reports for each committee's programme: title, purpose, report of, key decision, exempt paragraph
PROGRAMME = {
    "children-education-libraries-safeguarding": [
        (
            "Metropolitan Police child protection action plan",
            "The MPS action plan following the HMIC inspection.",
            "Commissioning Director, Children and Young People",
            False,
            None,
        ),
        (
            "School places planning strategy 2027–2032",
            "Approve the strategy for primary and secondary places.",
            "Director of Education and Skills",
            True,
            None,
        ),
        (
            "Libraries strategy: community-run libraries review",
            "Review of partnership libraries after two years.",
            "Strategic Lead, Libraries",
            False,
            None,
        ),
        (
            "Family services annual complaints report",
            "Complaints and compliments for the year.",
            "Director of Children's Social Care",
            False,
            None,
        ),
        (
            "Award of contract: residential placements framework",
            "Award of a framework contract.",
            "Director of Children's Social Care",
            True,
            3,
        ),
    ],
    "adults-and-safeguarding": [
        (
            "Adult social care charging policy",
            "Consult on changes to the charging policy.",
            "Executive Director, Adults and Health",
            True,
            None,
        ),
        (
            "Safeguarding Adults Board annual report",
            "The board's annual report.",
            "Executive Director, Adults and Health",
            False,
            None,
        ),
        (
            "Dementia strategy refresh",
            "Approve the refreshed dementia strategy.",
            "Director of Adult Social Care",
            False,
            None,
        ),
    ],
    "policy-and-resources": [
        ("Medium term financial strategy 2027–2031", "Set the budget envelope.", "Chief Finance Officer", True, None),
        (
            "Brent Cross regeneration: land acquisition",
            "Acquisition of land for the regeneration scheme.",
            "Deputy Chief Executive",
            True,
            3,
        ),
        (
            "Corporate plan performance, quarter 2",
            "Performance against the corporate plan.",
            "Head of Strategy",
            False,
            None,
        ),
    ],
    "overview-and-scrutiny": [
        (
            "Call-in and urgency: annual report",
            "Decisions called in and urgent decisions exempted from call-in in the year.",
            "Head of Governance",
            False,
            None,
        ),
    ],
    "audit": [
        ("Internal audit progress report", "Progress against the audit plan.", "Head of Internal Audit", False, None),
        ("Statement of accounts 2025/26", "Approve the audited accounts.", "Chief Finance Officer", False, None),
    ],
    "planning": [
        (
            "Local plan: regulation 19 consultation",
            "Approve the plan for consultation.",
            "Director of Planning",
            True,
            None,
        ),
        (
            "Planning enforcement annual report",
            "Enforcement cases opened, closed and prosecuted in the year.",
            "Head of Development Management",
            False,
            None,
        ),
    ],
    "full-council": [
        ("Council tax setting 2027/28", "Set the council tax.", "Chief Finance Officer", True, None),
        (
            "Constitution review: scheme of delegation",
            "Changes recommended by the Constitution and General Purposes Committee.",
            "Monitoring Officer",
            False,
            None,
        ),
    ],
    "licensing-sub-committee": [
        (
            "Statement of licensing policy: five-year review",
            "Consult on the revised policy under the Licensing Act 2003.",
            "Head of Trading Standards and Licensing",
            False,
            None,
        ),
        (
            "Cumulative impact assessment: town centres",
            "Evidence for keeping the cumulative impact areas.",
            "Head of Trading Standards and Licensing",
            False,
            None,
        ),
    ],
}


def at(day: datetime.date, hour: int = 19, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def html_paragraph(text: str) -> str:
    return richtext.clean(text if text.lstrip().startswith("<") else f"<p>{text}</p>")


class Command(BaseCommand):
    help = "Create the demo council: committees, people, meetings, reports and log-ins. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show what would be created, and create nothing.")
        parser.add_argument(
            "--council",
            choices=["barnet", "wales"],
            default="barnet",
            help="barnet: the English demo (London Borough of Barnet); wales: a Welsh council publishing in "
            "Welsh and English (Denbighshire). One council an installation: load either into its own database.",
        )

    def handle(self, *args, dry_run: bool = False, council: str = "barnet", **options):
        if council == "wales":
            return self.load_wales(dry_run)
        if dry_run:
            exists = Report.objects.filter(title=example.TITLE).exists()
            self.stdout.write("The demo data is already loaded." if exists else "Would create the demo council.")
            return
        with transaction.atomic():
            self.create_groups_and_users()
            template = ensure_standard_template()
            self.create_council()
            councillors.create(self.committees, self.meetings, User.objects.get(username="monitoring"))
            self.create_example_report(template)
            self.create_other_reports(template)
            self.create_route()
            self.create_decisions()
            self.create_work_programme_story()
            self.index_and_queue_packs()
            self.create_council_terms()
        self.stdout.write(self.style.SUCCESS(f"Demo council ready. Log-ins (password for all: {DEMO_PASSWORD}):"))
        for username, name, _title, groups in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {name} — {', '.join(groups)}")

    def load_wales(self, dry_run: bool) -> None:
        if dry_run:
            exists = Report.objects.filter(title=wales.REPORT["title"]).exists()
            self.stdout.write("The Welsh demo is already loaded." if exists else "Would create the Welsh demo council.")
            return
        with transaction.atomic():
            self.create_groups_and_users()
            users = {user.username: user for user in User.objects.filter(username__in=[u for u, *_ in DEMO_USERS])}
            report = wales.create(users, DEMO_PASSWORD)
            packs.request_packs(report.meeting)
        self.stdout.write(self.style.SUCCESS(f"Welsh demo council ready. Log-ins (password for all: {DEMO_PASSWORD}):"))
        for username, name, _title, groups in [*DEMO_USERS, wales.TRANSLATOR]:
            self.stdout.write(f"  {username:<12} {name} — {', '.join(groups)}")

    def index_and_queue_packs(self):
        """Make the published papers searchable, freeze each published report as a published revision
        with its PDF queued (as publishing does), and queue the example meeting's agenda pack (all built
        by the worker that `make run` starts)."""

        search.reindex_all()
        # Only the demo's own papers: a benchmark council seeded on top of the demo keeps its own.
        demo_papers = Report.objects.filter(
            status=Report.Status.PUBLISHED, author__username__in=[username for username, *_ in DEMO_USERS]
        ).exclude(revisions__is_published=True)
        for report in demo_papers:
            tasks.queue_published_report(revisions.record(report, None, published=True))
        example_meeting = Meeting.objects.filter(
            committee__slug="children-education-libraries-safeguarding", starts_at=at(example.MEETING_DATE)
        ).first()
        if example_meeting is not None:
            packs.request_packs(example_meeting)

    # People and log-ins ---------------------------------------------------

    def create_groups_and_users(self):
        for name in access.ALL_GROUPS:
            Group.objects.get_or_create(name=name)
        for username, name, job_title, groups in DEMO_USERS:
            first, _, last = name.replace("Cllr ", "").partition(" ")
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "email": f"{username}@example.gov.uk"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.is_staff = username in {"admin", "governance"}
                user.is_superuser = username == "admin"
                user.save()
            user.groups.add(*Group.objects.filter(name__in=groups))
            kind = Person.Kind.COUNCILLOR if name.startswith("Cllr") else Person.Kind.OFFICER
            person, _ = Person.objects.get_or_create(
                name=name, defaults={"kind": kind, "job_title": job_title, "email": f"{username}@example.gov.uk"}
            )
            if person.user_id is None:
                person.user = user
                person.save(update_fields=["user"])

    def create_council(self):

        wards = [Ward.objects.get_or_create(slug=slugify(n), defaults={"name": n})[0] for n in WARDS]
        self.venue, _ = Venue.objects.get_or_create(
            name="Hendon Town Hall", defaults={"address": "The Burroughs\nLondon", "postcode": "NW4 4BG"}
        )
        self.committees = {}
        for name, slug, kind, key, purpose in COMMITTEES:
            committee, _ = Committee.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "kind": kind, "takes_key_decisions": key, "terms_of_reference": purpose},
            )
            self.committees[slug] = committee
        licensing = self.committees["licensing-sub-committee"]
        if licensing.parent_id is None:
            licensing.parent = self.committees["full-council"]
            licensing.save(update_fields=["parent"])

        for name, party, ward_index, seats in COUNCILLORS:
            person, _ = Person.objects.get_or_create(name=name, defaults={"kind": Person.Kind.COUNCILLOR})
            Person.objects.filter(pk=person.pk).update(
                party=party, ward=wards[ward_index], email=f"{slugify(name)}@example.gov.uk"
            )
            for slug, role in seats:
                Membership.objects.get_or_create(
                    person=person, committee=self.committees[slug], defaults={"role": role}
                )
        officer, _ = Person.objects.get_or_create(name=example.CONTACT["name"], defaults={"kind": Person.Kind.OFFICER})
        Person.objects.filter(pk=officer.pk).update(
            job_title=example.CONTACT["job_title"], email=example.CONTACT["email"], phone=example.CONTACT["phone"]
        )
        for committee in self.committees.values():
            Membership.objects.get_or_create(person=officer, committee=committee, role=Membership.Role.CLERK)

        # A year of meetings: the last six months and the next six, every six weeks or so.
        today = timezone.localdate()
        self.meetings = {}
        for offset, (slug, committee) in enumerate(self.committees.items()):
            # Every six weeks on a fixed grid, so a later run adds meetings without duplicating any.
            dates = []
            day = SCHEDULE_ANCHOR + datetime.timedelta(days=offset % 4 + 7 * (offset // 4))
            while day < today + datetime.timedelta(days=183):
                if day >= today - datetime.timedelta(days=182):
                    dates.append(day)
                day += datetime.timedelta(days=42)
            # Created in bulk: the demo is loaded by many tests, and a query a meeting adds up.
            existing = {m.starts_at: m for m in committee.meetings.filter(starts_at__in=[at(d) for d in dates])}
            new_meetings = []
            for day in dates:
                if at(day) in existing:
                    continue
                meeting = Meeting(committee=committee, starts_at=at(day), venue=self.venue)
                if day < today:
                    meeting.status = Meeting.Status.HELD
                    meeting.agenda_published_at = at(meeting.statutory_publication_deadline(), 10)
                new_meetings.append(meeting)
            Meeting.objects.bulk_create(new_meetings)
            AgendaItem.objects.bulk_create(
                AgendaItem(meeting=meeting, position=position, title=title)
                for meeting in new_meetings
                if meeting.status == Meeting.Status.HELD
                for position, title in enumerate(committee.opening_item_titles())
            )
            meetings = sorted([*existing.values(), *new_meetings], key=lambda m: m.starts_at)
            self.meetings[slug] = meetings
            future = [m for m in meetings if m.date >= today]
            for index, (title, purpose, report_of, key, paragraph) in enumerate(PROGRAMME.get(slug, [])):
                target = future[index % len(future)] if future else None
                first_published = today - datetime.timedelta(days=max(60 - index * 15, 0))
                WorkProgrammeItem.objects.get_or_create(
                    committee=committee,
                    title=title,
                    defaults={
                        "purpose": purpose,
                        "report_of": report_of,
                        "key_decision": key,
                        "is_exempt": paragraph is not None,
                        "exempt_paragraph": paragraph,
                        "target_meeting": target,
                        "status": WorkProgrammeItem.Status.CONFIRMED
                        if index == 0
                        else WorkProgrammeItem.Status.PLANNED,
                        "first_published_on": first_published,
                    },
                )

    def add_opening_items(self, meeting: Meeting) -> int:
        if meeting.agenda_items.exists():
            return meeting.agenda_items.count()
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, position=position, title=title)
            for position, title in enumerate(meeting.committee.opening_item_titles())
        )
        return len(meeting.committee.opening_item_titles())

    # Reports --------------------------------------------------------------

    def create_example_report(self, template):
        committee = self.committees["children-education-libraries-safeguarding"]
        meeting, _ = Meeting.objects.get_or_create(
            committee=committee,
            starts_at=at(example.MEETING_DATE),
            defaults={"venue": self.venue, "status": Meeting.Status.HELD},
        )
        if Report.objects.filter(title=example.TITLE, committee=committee).exists():
            return
        if meeting.agenda_published_at is None:
            meeting.agenda_published_at = at(meeting.statutory_publication_deadline(), 10)
            meeting.save(update_fields=["agenda_published_at"])
        contact = Person.objects.get(name=example.CONTACT["name"])
        author = User.objects.get(username="author")
        report = Report.objects.create(
            committee=committee,
            meeting=meeting,
            template=template,
            title=example.TITLE,
            report_of=example.REPORT_OF,
            all_wards=True,
            summary="".join(html_paragraph(p) for p in example.SUMMARY),
            status=Report.Status.PUBLISHED,
            published_at=meeting.agenda_published_at,
            author=author,
        )
        report.contact_officers.add(contact)
        self.fill_report(report, example.RECOMMENDATIONS, example.SECTIONS, example.BACKGROUND_PAPERS)
        self.add_opening_items(meeting)
        AgendaItem.objects.get_or_create(
            meeting=meeting,
            report=report,
            defaults={"title": example.TITLE, "kind": AgendaItem.Kind.REPORT, "position": 10},
        )

    def fill_report(self, report: Report, recommendations, sections, background_papers):
        for position, text in enumerate(recommendations):
            Recommendation.objects.create(report=report, position=position, text=html_paragraph(text))
        position = 0
        for position, (heading, paragraphs) in enumerate(sections):
            section = Section.objects.create(report=report, position=position, heading=heading)
            self.add_paragraphs(section, None, paragraphs)
        Section.objects.create(
            report=report, position=position + 1, heading=example.BACKGROUND_PAPERS_HEADING, is_background_papers=True
        )
        for paper_position, paper in enumerate(background_papers):
            BackgroundPaper.objects.create(report=report, position=paper_position, **paper)

    def add_paragraphs(self, section: Section, parent: Paragraph | None, paragraphs):
        for position, paragraph in enumerate(paragraphs):
            if isinstance(paragraph, tuple):
                heading, children = paragraph
                node = Paragraph.objects.create(section=section, parent=parent, position=position, heading=heading)
                self.add_paragraphs(section, node, children)
            else:
                Paragraph.objects.create(
                    section=section, parent=parent, position=position, text=html_paragraph(paragraph)
                )

    def create_other_reports(self, template):
        """A report in each state, so every page and dashboard has something to show."""
        if Report.objects.exclude(title=example.TITLE).exists():
            return
        users = {u.username: u for u in User.objects.filter(username__in=[u[0] for u in DEMO_USERS])}
        cels = self.committees["children-education-libraries-safeguarding"]
        adults = self.committees["adults-and-safeguarding"]
        today = timezone.localdate()
        next_cels = next(m for m in self.meetings["children-education-libraries-safeguarding"] if m.date >= today)
        next_adults = next(m for m in self.meetings["adults-and-safeguarding"] if m.date >= today)
        last_adults = [m for m in self.meetings["adults-and-safeguarding"] if m.date < today][-1]
        contact = Person.objects.get(name=example.CONTACT["name"])

        def make(title, committee, meeting, status, author, **extra):
            report = start_report_from_template(
                template,
                committee=committee,
                meeting=meeting,
                title=title,
                report_of=extra.pop("report_of"),
                status=status,
                author=users[author],
                **extra,
            )
            report.contact_officers.add(contact)
            Recommendation.objects.create(
                report=report, position=0, text=html_paragraph("That the Committee notes the report.")
            )
            first = report.sections.order_by("position").first()
            Paragraph.objects.create(section=first, position=0, text=html_paragraph(extra.get("summary", "") or title))
            return report

        make(
            "School places planning strategy 2027–2032",
            cels,
            next_cels,
            Report.Status.DRAFT,
            "author",
            report_of="Director of Education and Skills",
            key_decision=True,
            summary="<p>The strategy sets out how the council will meet demand for school places.</p>",
        )
        make(
            "Libraries strategy: community-run libraries review",
            cels,
            next_cels,
            Report.Status.DRAFT,
            "author2",
            report_of="Strategic Lead, Libraries",
            summary="<p>Two years of partnership libraries reviewed.</p>",
        )
        submitted = make(
            "Dementia strategy refresh",
            adults,
            next_adults,
            Report.Status.SUBMITTED,
            "author",
            report_of="Director of Adult Social Care",
            summary="<p>A refreshed strategy for people living with dementia and their carers.</p>",
        )
        for role in adults.required_signoff_roles:
            SignOff.objects.create(report=submitted, role=role, approver=users[role])
        published = make(
            "Safeguarding Adults Board annual report",
            adults,
            last_adults,
            Report.Status.PUBLISHED,
            "author",
            report_of="Executive Director, Adults and Health",
            summary="<p>The board's annual report on the safeguarding of adults at risk.</p>",
            published_at=last_adults.agenda_published_at,
        )
        exempt = make(
            "Award of contract: home care framework",
            adults,
            last_adults,
            Report.Status.PUBLISHED,
            "author",
            report_of="Executive Director, Adults and Health",
            is_exempt=True,
            exempt_paragraph=3,
            key_decision=True,
            summary="<p>CONFIDENTIAL: tender prices from the three bidders.</p>",
            published_at=last_adults.agenda_published_at,
        )
        with_appendix, with_passage = self.create_reports_with_exempt_parts(make, adults, last_adults)
        for position, report in enumerate([published, with_appendix, with_passage], start=10):
            AgendaItem.objects.create(
                meeting=last_adults, position=position, title=report.title, kind=AgendaItem.Kind.REPORT, report=report
            )
        AgendaItem.objects.create(
            meeting=last_adults,
            position=20,
            title=exempt.title,
            kind=AgendaItem.Kind.EXEMPT,
            part=AgendaItem.Part.EXEMPT,
            exempt_paragraph=3,
            report=exempt,
        )

    def create_route(self):
        """A report with a two-meeting route: the school places strategy goes to its committee for a
        recommendation, then to Policy and Resources for the decision (committee/routes.py)."""
        report = Report.objects.filter(title="School places planning strategy 2027–2032").first()
        if report is None or report.route.exists():
            return
        officer = User.objects.get(username="governance")
        cels = self.committees["children-education-libraries-safeguarding"]
        resources = self.committees["policy-and-resources"]
        first = report.meeting or next(m for m in self.meetings[cels.slug] if m.date >= timezone.localdate())
        deciding = next((m for m in self.meetings[resources.slug] if m.starts_at > first.starts_at), None)
        routes.add_step(report, officer, committee=cels, meeting=first, role=Consultation.Role.RECOMMENDATION)
        routes.add_step(report, officer, committee=resources, meeting=deciding, role=Consultation.Role.DECISION)

    def create_decisions(self):
        """Two executive decisions of Policy and Resources: one whose notice was published today and is
        open for call-in (a councillor has signed the request; two more would call it in), and an
        earlier one three councillors called in, which the scrutiny committee referred back."""
        resources = self.committees["policy-and-resources"]
        if DecisionNotice.objects.filter(decision__agenda_item__meeting__committee=resources).exists():
            return
        held = [m for m in self.meetings[resources.slug] if m.status == Meeting.Status.HELD]
        if len(held) < 2:
            return
        officer = User.objects.get(username="governance")

        def decided(meeting, title, text):
            item = AgendaItem.objects.create(meeting=meeting, position=20, title=title, kind=AgendaItem.Kind.REPORT)
            return minutes.set_decision(item, officer, outcome="agreed", text=html_paragraph(text))

        def sign(notice, name, reasons, when):
            # Signed as the councillor would sign on line, through a log-in of their own.
            person = Person.objects.get(name=name)
            if person.user_id is None:
                person.user = User.objects.get_or_create(username=slugify(name).replace("cllr-", ""))[0]
                person.save(update_fields=["user"])
            return call_in.sign(notice, person.user, reasons=reasons, now=when)

        earlier, latest = held[-2], held[-1]
        called = decided(earlier, "Parking permit charges 2027", "Resident permit charges rise by 5% from April.")
        open_decision = decided(
            latest, "Community halls: lettings policy", "The revised lettings policy is adopted from next month."
        )
        for meeting in (earlier, latest):
            if not Minutes.objects.filter(meeting=meeting).exists():
                publishing.publish_minutes(meeting, officer, now=at(meeting.date + datetime.timedelta(days=2), 10))
        published = at(earlier.date + datetime.timedelta(days=2), 11)
        notice = decisions.publish_notice(
            called,
            officer,
            reasons="Permit charges have not risen for three years and no longer cover the scheme's costs.",
            alternatives_rejected="A 10% rise; charging by vehicle emissions.",
            now=published,
        )
        call = None
        for hour, (name, reasons) in enumerate(DECISION_SIGNATORIES.items()):
            call = sign(notice, name, reasons, published + datetime.timedelta(days=1, hours=hour))
        if call is not None and call.scrutiny_item_id:
            # The demo's past meeting took the item on its agenda as published.
            AgendaItem.objects.filter(pk=call.scrutiny_item_id).update(is_supplementary=False)
            decisions.record_scrutiny_outcome(
                call,
                officer,
                outcome=CallIn.Outcome.REFERRED_BACK,
                note="The committee asked Policy and Resources to consult residents' associations first.",
                on=call.scrutiny_item.meeting.date,
            )
            call.refresh_from_db()
            if call.reconsideration_item_id:
                # Policy and Resources' next agenda takes the reconsideration as published.
                AgendaItem.objects.filter(pk=call.reconsideration_item_id).update(is_supplementary=False)
        notice = decisions.publish_notice(
            open_decision,
            officer,
            reasons="Halls stood empty on weekday mornings; the new policy lets community groups book them free.",
            alternatives_rejected="Keeping the present charges.",
        )
        sign(
            notice,
            "Cllr Reema Patel",
            "Free booking should be open to every community group, not only charities.",
            timezone.now(),
        )
        self.create_decisions_outside_meetings(officer, latest)

    def create_decisions_outside_meetings(self, officer, latest):
        """An officer's decision record (published, not subject to call-in), a cabinet member's (open
        for call-in), and an action arising from Policy and Resources' latest minutes."""
        today = timezone.localdate()
        self.draft_officer_decision_record(officer, today)
        member_record = decision_records.save_draft(
            None,
            officer,
            maker=DecisionRecord.Maker.CABINET_MEMBER,
            taken_by="Cllr Reema Patel, Cabinet Member for Housing",
            title="Homelessness prevention grant: allocations 2027",
            decision="Allocate the grant to the three night shelters as set out in the report.",
            reasons="The shelters meet the grant's criteria and cover the borough between them.",
            alternatives_rejected="A single provider: less resilient.",
            interests_declared="None.",
            dispensations="None.",
            key_decision=True,
            decided_on=today - datetime.timedelta(days=1),
            exempt_paragraph=None,
        )
        decision_records.publish(member_record, officer)
        actions.add(
            latest,
            officer,
            description="Report back on bookings by community groups after six months.",
            owner="Head of Community Services",
            due_on=latest.date + datetime.timedelta(days=180),
        )

    def draft_officer_decision_record(self, officer, today):
        """An officer's decision record drafted in the editor from the council's template, cleared by
        each approver the committee asks for, and published: the decision, not subject to call-in."""
        ensure_decision_template(ReportTemplate.Kind.CABINET_MEMBER_DECISION)  # offered beside it
        template = ensure_decision_template(ReportTemplate.Kind.OFFICER_DECISION)
        author = User.objects.get(username="author")
        report = start_report_from_template(
            template,
            committee=self.committees["policy-and-resources"],
            title="Street cleansing: award of the mechanical sweeping contract",
            report_of="Director of Environment",
            decision_maker="Director of Environment",
            summary=html_paragraph("The most economically advantageous tender under the published criteria."),
            extra_title_rows={decision_reports.DATE_LABEL: (today - datetime.timedelta(days=3)).isoformat()},
            author=author,
        )
        Recommendation.objects.create(
            report=report,
            position=0,
            text=html_paragraph(
                "Award the mechanical sweeping contract to CleanStreets Ltd for three years from April."
            ),
        )
        written = {
            "Background": "The present contract ends in March; four firms tendered.",
            "Alternative options considered and rejected": "Bringing the service in house: higher cost in the "
            "first three years.",
        }
        for section in report.sections.all():
            if section.heading in written:
                Paragraph.objects.create(section=section, position=0, text=html_paragraph(written[section.heading]))
        revisions.record(report, author)
        workflow.submit(report, author)
        for signoff in list(report.signoffs.select_related("approver")):
            workflow.sign_off(report, signoff.approver, signoff.role, approve=True)
        workflow.approve_for_publication(report, officer)
        publishing.publish_report(report, officer)

    def create_reports_with_exempt_parts(self, make, committee, meeting) -> tuple[Report, Report]:
        """The commonest Part 2 case, a public report with an exempt appendix, and a public report with
        one exempt paragraph (reports/exemption.py): the public sees a notice where each stands."""
        with_appendix = make(
            "Day opportunities: award of the contract for the new centre",
            committee,
            meeting,
            Report.Status.PUBLISHED,
            "author",
            report_of="Executive Director, Adults and Health",
            key_decision=True,
            summary="<p>Three bids were received; the evaluation recommends the award to the highest scorer.</p>",
            published_at=meeting.agenda_published_at,
        )
        data = html_to_pdf(
            "<h1>Tender Price Breakdown</h1><p>Bidder 1: £1,240,000. Bidder 2: £1,310,500. Bidder 3: £1,402,750.</p>",
            title="Tender Price Breakdown",
        )
        appendix = Appendix(
            report=with_appendix,
            position=1,
            title="Tender Price Breakdown",
            content_type="application/pdf",
            size=len(data),
            sha512=hashlib.sha512(data).hexdigest(),
            exempt_paragraph=3,
            public_interest_reason="Publishing the bids before the contract is signed would prejudice the council's "
            "position in negotiating it.",
        )
        appendix.file.save("tender-price-breakdown.pdf", ContentFile(data), save=True)
        with_passage = make(
            "Closure of Meadow View residential home: care of the remaining residents",
            committee,
            meeting,
            Report.Status.PUBLISHED,
            "author",
            report_of="Director of Adult Social Care",
            summary="<p>How each of the home's remaining residents will be moved to a new home.</p>",
            published_at=meeting.agenda_published_at,
        )
        first = with_passage.sections.order_by("position").first()
        Paragraph.objects.create(
            section=first,
            position=1,
            text=html_paragraph(
                "One resident, whose needs are complex, will move with her key worker to a specialist placement "
                "in the borough; her family have agreed the plan."
            ),
            exempt_paragraph=1,
        )
        Paragraph.objects.create(
            section=first,
            position=2,
            text=html_paragraph("Every other resident has chosen a new home, and each move is planned with them."),
        )
        return with_appendix, with_passage

    # Work programmes ------------------------------------------------------

    def create_work_programme_story(self):
        """Link the demo reports to their programme items and give the programmes a history:
        a deferral, an item not yet published, a key decision short of notice with its route,
        and the feed's entries. Each step checks first, so a second run adds nothing."""

        today = timezone.localdate()
        governance = User.objects.get(username="governance")
        for item in WorkProgrammeItem.objects.filter(report__isnull=True).select_related("committee"):
            report = Report.objects.filter(
                committee=item.committee, title=item.title, work_programme_item__isnull=True
            ).first()
            if report is None:
                continue
            Report.objects.filter(pk=report.pk).update(work_programme_item=item)
            if report.meeting_id and item.target_meeting_id != report.meeting_id:
                WorkProgrammeItem.objects.filter(pk=item.pk).update(target_meeting_id=report.meeting_id)

        cels = self.committees["children-education-libraries-safeguarding"]
        future = [m for m in self.meetings[cels.slug] if m.starts_at > timezone.now()]
        candidates = WorkProgrammeItem.objects.filter(
            committee=cels, report__isnull=True, target_meeting__in=future[:-1]
        ).exclude(status=WorkProgrammeItem.Status.WITHDRAWN)
        if not WorkProgrammeDeferral.objects.filter(item__committee=cels).exists() and candidates:
            item = min(candidates, key=lambda i: (not i.title.startswith("Family services"), i.title))
            later = future[future.index(item.target_meeting) + 1]
            work_programme.move_item(
                item, later, "Waiting for the year-end data from the new case management system.", by=governance
            )
        WorkProgrammeItem.objects.get_or_create(
            committee=cels,
            title="Home to school transport policy for children with SEND",
            defaults={
                "purpose": "Consult on changes to travel assistance for children with special educational needs.",
                "report_of": "Director of Education and Skills",
                "key_decision": True,
            },
        )

        # A key decision that cannot wait for 28 clear days: the soonest executive meeting that is too
        # close for full notice, taken under general exception (or special urgency if closer still).
        urgent_title = "Temporary accommodation: emergency block booking"
        if not WorkProgrammeItem.objects.filter(title=urgent_title).exists():
            close = sorted(
                (
                    m
                    for slug, meetings in self.meetings.items()
                    if self.committees[slug].takes_key_decisions
                    for m in meetings
                    if today + datetime.timedelta(days=1) < m.date
                    and not deadlines.forward_plan_notice_given(today, m.date)
                    and m.status == Meeting.Status.SCHEDULED
                ),
                key=lambda m: m.starts_at,
            )
            if not close:
                # No executive meeting is that close today: councils call an extraordinary meeting
                # for a decision that cannot wait, and so does the demo.
                day = today + datetime.timedelta(days=12)
                while day.weekday() >= 5:
                    day += datetime.timedelta(days=1)
                close = [
                    Meeting.objects.create(
                        committee=self.committees["policy-and-resources"],
                        starts_at=at(day, 10),
                        venue=self.venue,
                        status_notice="An extraordinary meeting, called for an urgent decision.",
                    )
                ]
            if close:
                urgent = WorkProgrammeItem.objects.create(
                    committee=close[0].committee,
                    title=urgent_title,
                    purpose="Agree a block booking of emergency accommodation as demand exceeds supply.",
                    report_of="Director of Housing",
                    key_decision=True,
                    status=WorkProgrammeItem.Status.CONFIRMED,
                    target_meeting=close[0],
                )
                general = forward_plan.general_exception_open(today, close[0].date)
                forward_plan.record_route(
                    urgent,
                    WorkProgrammeItem.ForwardPlanRoute.GENERAL_EXCEPTION
                    if general
                    else WorkProgrammeItem.ForwardPlanRoute.SPECIAL_URGENCY,
                    "Placements must be secured before the current contract ends; waiting for a later "
                    "meeting would leave families without accommodation.",
                    "Cllr Barry Rawlings, Chair of the Overview and Scrutiny Committee",
                    noticed_on=today,
                    by=governance,
                )

        # The feed starts from each item's first publication.
        published = WorkProgrammeItem.objects.filter(first_published_on__isnull=False).exclude(
            changes__kind=WorkProgrammeChange.Kind.PUBLISHED
        )
        for item in published:
            WorkProgrammeChange.objects.create(
                committee_id=item.committee_id,
                item=item,
                kind=WorkProgrammeChange.Kind.PUBLISHED,
                by=governance,
                at=at(item.first_published_on, 9),
            )

    def create_council_terms(self):
        """Barnet's all-out elections (5 May 2022, 7 May 2026): the terms open data publishes."""

        CouncilTerm.objects.get_or_create(
            name="2022–2026",
            defaults={"start_date": datetime.date(2022, 5, 5), "end_date": datetime.date(2026, 5, 7)},
        )
        CouncilTerm.objects.get_or_create(name="2026–2030", defaults={"start_date": datetime.date(2026, 5, 7)})
