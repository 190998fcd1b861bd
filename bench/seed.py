"""Seed a realistic council for the benchmark: 40 committees, five years of meetings (about 2,000),
20,000 structured reports of 2–40 pages with agendas, minutes, work programmes and the search index.

Run it against a database of its own (never a test database):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cr_bench .venv/bin/python bench/seed.py [--reset]

It starts from the demo council (`loaddemo`: the log-ins and the council's real example report) and
tops it up. Everything is written with bulk_create in batches of meetings, so it takes minutes. Run
twice, it sees the council is there and stops; `--reset` empties the database and seeds it again.
"""

from __future__ import annotations

import argparse
import datetime
import html
import io
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

# The app's modules are imported inside functions, after django.setup(): Django must be configured
# (which settings and which database, chosen per run) before any model loads, which is Django's rule.

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/cr_bench"
LONDON = ZoneInfo("Europe/London")
# A page of a report as the print stylesheet lays it out holds about this many words of body text.
WORDS_PER_PAGE = 500
PARAGRAPH_WORDS = 90
SEEDED_SLUG_PREFIX = "bench-"
IMPLICATIONS = [
    "Corporate Priorities and Performance",
    "Resources (Finance & Value for Money, Procurement, Staffing, IT, Property, Sustainability)",
    "Legal and Constitutional References",
    "Risk Management",
    "Equalities and Diversity",
    "Consultation and Engagement",
]
COMMITTEE_KINDS = ["committee", "scrutiny", "sub_committee", "board", "regulatory"]
AREA_NAMES = [
    "Housing and Growth",
    "Environment",
    "Community Leadership and Libraries",
    "Health and Wellbeing Board",
    "Overview and Scrutiny",
    "Performance and Contract Management",
    "Financial Performance and Contracts",
    "Constitution and Ethics",
    "General Functions",
    "Pension Fund",
    "Local Pension Board",
    "Corporate Parenting Advisory Panel",
    "Schools Forum",
    "Strategic Planning",
    "Chipping Barnet Area",
    "Finchley and Golders Green Area",
    "Hendon Area",
    "Planning Committee A",
    "Planning Committee B",
    "Licensing Committee",
    "Licensing Sub-Committee B",
    "Audit and Governance",
    "Children and Young People Scrutiny",
    "Adults Scrutiny",
    "Health Overview and Scrutiny",
    "Budget Scrutiny",
    "Transport and Highways",
    "Regeneration",
    "Employment and Appeals",
    "Standards",
    "Joint Health Scrutiny",
    "Community Safety",
    "Climate Emergency Working Group",
]


def setup_django(database_url: str | None = None) -> None:
    """Configure Django from a script: the bench's own database unless DATABASE_URL says otherwise."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()


@dataclass
class SeedSize:
    committees: int = 40
    years: float = 5.0
    reports: int = 20_000
    min_pages: int = 2
    max_pages: int = 40
    typical_pages: int = 8


@dataclass
class SeedResult:
    committees: int = 0
    meetings: int = 0
    reports: int = 0
    paragraphs: int = 0
    search_documents: int = 0
    seconds: float = 0.0
    skipped: bool = False
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        if self.skipped:
            return f"Already seeded: {self.committees} committees, {self.meetings} meetings, {self.reports} reports."
        return (
            f"Seeded {self.committees} committees, {self.meetings} meetings, {self.reports} reports "
            f"({self.paragraphs} paragraphs), {self.search_documents} search entries in {self.seconds:.0f} s."
        )


def at(day: datetime.date, hour: int = 19, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def is_seeded() -> bool:
    from committee.models import Committee

    return Committee.objects.filter(slug__startswith=SEEDED_SLUG_PREFIX).exists()


def reset_database() -> None:
    """Empty every table (the schema stays): the benchmark's database only."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def seed(
    size: SeedSize | None = None,
    *,
    reset: bool = False,
    log: Callable[[str], None] = print,
    random_seed: int = 2017,
    reverse: bool = False,
) -> SeedResult:
    from django.core.management import call_command

    from committee.models import Committee, Meeting
    from reports.models import Paragraph, Report

    size = size or SeedSize()
    started = time.monotonic()
    if reset:
        reset_database()
    elif is_seeded():
        seeder = _Seeder(size, random_seed + 1, log)
        resumed = seeder.resume(reverse=reverse)
        topped_up = published_revisions(log)
        # Also when nothing was left to do: a database seeded and measured at once is not vacuumed yet.
        settle(log)
        if resumed or topped_up:
            from committee.models import SearchDocument

            return SeedResult(
                committees=Committee.objects.count(),
                meetings=Meeting.objects.count(),
                reports=Report.objects.count(),
                paragraphs=Paragraph.objects.count(),
                search_documents=SearchDocument.objects.count(),
                seconds=time.monotonic() - started,
                timings=seeder.timings,
            )
        return SeedResult(
            committees=Committee.objects.count(),
            meetings=Meeting.objects.count(),
            reports=Report.objects.count(),
            skipped=True,
        )
    call_command("loaddemo", stdout=io.StringIO())
    seeder = _Seeder(size, random_seed, log)
    seeder.run()
    started_revisions = time.monotonic()
    published_revisions(log)
    seeder.timings["published revisions"] = time.monotonic() - started_revisions
    started_settling = time.monotonic()
    settle(log)
    seeder.timings["vacuum and analyze"] = time.monotonic() - started_settling
    from committee.models import SearchDocument

    return SeedResult(
        committees=Committee.objects.count(),
        meetings=Meeting.objects.count(),
        reports=Report.objects.count(),
        paragraphs=Paragraph.objects.count(),
        search_documents=SearchDocument.objects.count(),
        seconds=time.monotonic() - started,
        timings=seeder.timings,
    )


def settle(log: Callable[[str], None] = print) -> None:
    """VACUUM (ANALYZE), as autovacuum would in a council's database that has been running a while.

    Straight after the seed the planner has no statistics and every search entry is a dead row
    beside its live one (its vectors are written by an UPDATE), so search measured what no running
    council would see (see the README's search figures). A few seconds when nothing has changed.
    """
    from django.db import connection

    if connection.vendor != "postgresql" or connection.in_atomic_block:  # VACUUM cannot run in a transaction
        return
    log("Vacuuming and analysing, as a running database would be")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


class _Seeder:
    """Writes the council in batches of meetings; each batch is one transaction of bulk inserts."""

    BATCH_MEETINGS = 60

    def __init__(self, size: SeedSize, random_seed: int, log: Callable[[str], None]):
        from bench.text import DOCUMENT_KINDS, Prose

        self.kinds = DOCUMENT_KINDS
        self.size = size
        self.prose = Prose(random_seed)
        self.random = self.prose.random
        self.log = log
        self.timings: dict[str, float] = {}
        self.today = datetime.date.today()

    # The council ----------------------------------------------------------

    def run(self) -> None:
        from django.db import transaction

        with transaction.atomic():
            self.people_and_committees()
        meetings = self.meetings()
        total = len(meetings)
        per_meeting, extra = divmod(self.size.reports, max(total, 1))
        started = time.monotonic()
        for start in range(0, total, self.BATCH_MEETINGS):
            batch = meetings[start : start + self.BATCH_MEETINGS]
            counts = [per_meeting + (1 if start + i < extra else 0) for i in range(len(batch))]
            with transaction.atomic():
                self.fill_meetings(batch, counts)
            done = start + len(batch)
            elapsed = time.monotonic() - started
            self.log(f"  {done}/{total} meetings filled ({elapsed:.0f} s, about {elapsed / done * total:.0f} s in all)")
        self.timings["reports"] = time.monotonic() - started
        self.work_programme_backlog()

    def resume(self, *, reverse: bool = False) -> bool:
        """Fill the meetings an interrupted seed left empty. With `reverse`, from the last meeting back,
        stopping short of the meetings another seeding process is filling (two processes, one each end,
        get twice the share of a busy machine). Returns whether there was anything to do."""
        from django.contrib.auth.models import User
        from django.db import transaction

        from committee.models import AgendaItem, Committee, Meeting, Person, WorkProgrammeItem
        from reports.templates_setup import ensure_standard_template

        first = Committee.objects.filter(slug__startswith=SEEDED_SLUG_PREFIX).order_by("created").first()
        meetings = list(
            Meeting.objects.filter(created__gte=first.created).select_related("committee").order_by("starts_at", "id")
        )

        def unfilled() -> list:
            filled = set(AgendaItem.objects.filter(meeting__in=meetings).values_list("meeting_id", flat=True))
            return [m for m in meetings if m.pk not in filled]

        todo = unfilled()
        backlog = WorkProgrammeItem.objects.filter(committee=first, target_meeting=None).exists()
        if not todo and backlog:
            return False
        self.template = ensure_standard_template()
        self.governance = User.objects.get(username="governance")
        self.authors = list(User.objects.filter(username__startswith="bench-author-"))
        self.officers = list(Person.objects.filter(kind=Person.Kind.OFFICER))
        self.committees = list(Committee.objects.all())
        per_meeting = self.size.reports // max(len(meetings), 1)
        position = {m.pk: i for i, m in enumerate(meetings)}
        started = time.monotonic()
        while todo:
            batch = todo[-self.BATCH_MEETINGS :] if reverse else todo[: self.BATCH_MEETINGS]
            if reverse:
                # Stop two batches short of the last meeting the forward process has filled.
                filled_before = [m for m in meetings[: position[batch[0].pk]] if m not in todo]
                frontier = position[filled_before[-1].pk] if filled_before else -1
                if position[batch[0].pk] - frontier <= 2 * self.BATCH_MEETINGS:
                    self.log("  stopping: the forward process is near")
                    return True
            with transaction.atomic():
                self.fill_meetings(batch, [per_meeting] * len(batch))
            self.log(f"  resumed {len(batch)} meetings ({time.monotonic() - started:.0f} s)")
            todo = unfilled()
        if not backlog:
            self.work_programme_backlog()
        return True

    def people_and_committees(self) -> None:
        from django.contrib.auth.models import Group, User
        from django.utils.text import slugify

        from committee import access
        from committee.models import Committee, Membership, Person, Venue, Ward
        from reports.templates_setup import ensure_standard_template

        r = self.random
        self.template = ensure_standard_template()
        self.governance = User.objects.get(username="governance")
        authors_group = Group.objects.get(name=access.REPORT_AUTHORS)
        authors = []
        for index in range(20):
            user, _ = User.objects.get_or_create(
                username=f"bench-author-{index}", defaults={"email": f"author{index}@example.gov.uk"}
            )
            user.groups.add(authors_group)
            authors.append(user)
        self.authors = [*authors, *User.objects.filter(username__in=["author", "author2"])]
        from bench.text import WARDS

        for name in WARDS:
            Ward.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        wards = list(Ward.objects.all())
        self.venues = [
            Venue.objects.get_or_create(name=name, defaults={"address": "London", "postcode": "NW4 4BG"})[0]
            for name in ["Hendon Town Hall", "Colindale Office", "Barnet House", "Friern Barnet Library"]
        ]
        officers = Person.objects.bulk_create(
            Person(
                name=f"{first} {last}",
                kind=Person.Kind.OFFICER,
                job_title=r.choice(["Head of Service", "Strategic Lead", "Assistant Director", "Director"]),
                email=f"{first}.{last}{i}@example.gov.uk".lower(),
                phone=f"020 8359 {1000 + i}",
            )
            for i, (first, last) in enumerate((r.choice(FIRST_NAMES), r.choice(LAST_NAMES)) for _ in range(120))
        )
        self.officers = officers
        councillors = Person.objects.bulk_create(
            Person(
                name=f"Cllr {r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}",
                kind=Person.Kind.COUNCILLOR,
                party=r.choice(["Conservative", "Labour", "Liberal Democrat", "Green", "Independent"]),
                ward=r.choice(wards),
            )
            for _ in range(63)
        )
        existing = list(Committee.objects.all())
        new = []
        for index, name in enumerate(AREA_NAMES[: max(0, self.size.committees - len(existing))]):
            kind = r.choice(COMMITTEE_KINDS)
            new.append(
                Committee(
                    name=name if "Committee" in name or "Board" in name or "Panel" in name else f"{name} Committee",
                    slug=f"{SEEDED_SLUG_PREFIX}{slugify(name)}",
                    kind=kind,
                    terms_of_reference=self.prose.paragraph(60),
                    takes_key_decisions=index % 5 == 0,
                )
            )
        Committee.objects.bulk_create(new)
        self.committees = existing + new
        memberships = []
        for committee in new:
            seats = r.sample(councillors, k=r.randint(7, 12))
            for position, person in enumerate(seats):
                role = {0: Membership.Role.CHAIR, 1: Membership.Role.VICE_CHAIR}.get(position, Membership.Role.MEMBER)
                memberships.append(Membership(person=person, committee=committee, role=role))
            memberships.append(Membership(person=r.choice(officers), committee=committee, role=Membership.Role.CLERK))
        Membership.objects.bulk_create(memberships)

    def meetings(self) -> list:
        """Five years of meetings for every committee, on a grid so none falls on a demo meeting's day."""
        from committee.models import Meeting

        r = self.random
        first_day = self.today - datetime.timedelta(days=round(365 * (self.size.years - 0.5)))
        last_day = self.today + datetime.timedelta(days=182)
        taken = set(Meeting.objects.values_list("committee_id", "starts_at__date"))
        new = []
        for offset, committee in enumerate(self.committees):
            day = first_day + datetime.timedelta(days=offset % 4)
            while day.weekday() > 3:
                day += datetime.timedelta(days=1)
            step = 36
            while day < last_day:
                clash = any((committee.id, day + datetime.timedelta(days=d)) in taken for d in range(-10, 11))
                if not clash:
                    new.append(
                        Meeting(
                            committee=committee,
                            starts_at=at(day, r.choice([10, 14, 18, 19]), r.choice([0, 0, 30])),
                            venue=r.choice(self.venues),
                        )
                    )
                day += datetime.timedelta(days=step)
        for meeting in new:
            if meeting.date < self.today:
                meeting.status = Meeting.Status.HELD
            deadline = meeting.statutory_publication_deadline()
            if deadline <= self.today:
                meeting.agenda_published_at = at(deadline, 10)
        Meeting.objects.bulk_create(new, batch_size=1000)
        new.sort(key=lambda m: m.starts_at)
        return new

    # One batch of meetings: their reports, agendas, minutes and search entries --------------

    def pages(self) -> int:
        s = self.size
        return max(
            s.min_pages, min(s.max_pages, round(self.random.triangular(s.min_pages, s.max_pages, s.typical_pages)))
        )

    def fill_meetings(self, meetings: list, counts: list[int]) -> None:
        from committee.models import (
            AgendaItem,
            AgendaPublication,
            ItemDecision,
            Minutes,
            WorkProgrammeChange,
            WorkProgrammeItem,
        )
        from reports.models import BackgroundPaper, Recommendation, Report, Section

        r = self.random
        plans = []  # (meeting, topic, pages, status, exempt paragraph)
        for meeting, count in zip(meetings, counts, strict=True):
            published = meeting.agenda_published_at is not None
            for _ in range(count):
                status = Report.Status.PUBLISHED if published else r.choice(["draft", "submitted", "approved"])
                exempt = 3 if r.random() < 0.04 else None
                plans.append((meeting, r.choice(self.prose.topics), self.pages(), status, exempt))

        # Work programme items for the last year's and the coming reports.
        horizon = self.today - datetime.timedelta(days=365)
        programme_items = {}
        for index, (meeting, topic, _pages, _status, exempt) in enumerate(plans):
            if meeting.date >= horizon:
                programme_items[index] = WorkProgrammeItem(
                    committee_id=meeting.committee_id,
                    title=f"{topic.title}: {r.choice(self.kinds)}",
                    purpose=self.prose.paragraph(30, topic),
                    report_of=r.choice(REPORT_OF),
                    lead_officer=r.choice(self.officers),
                    target_meeting=meeting,
                    key_decision=r.random() < 0.2,
                    is_exempt=exempt is not None,
                    exempt_paragraph=exempt,
                    status=WorkProgrammeItem.Status.CONFIRMED,
                    first_published_on=meeting.date - datetime.timedelta(days=90),
                )
        WorkProgrammeItem.objects.bulk_create(programme_items.values())
        WorkProgrammeChange.objects.bulk_create(
            WorkProgrammeChange(
                committee_id=item.committee_id,
                item=item,
                kind=WorkProgrammeChange.Kind.PUBLISHED,
                at=at(item.first_published_on, 9),
            )
            for item in programme_items.values()
        )

        reports = []
        for index, (meeting, topic, _pages, status, exempt) in enumerate(plans):
            item = programme_items.get(index)
            reports.append(
                Report(
                    committee_id=meeting.committee_id,
                    meeting=meeting,
                    work_programme_item=item,
                    template=self.template,
                    title=item.title if item else f"{topic.title}: {r.choice(self.kinds)}",
                    report_of=item.report_of if item else r.choice(REPORT_OF),
                    is_exempt=exempt is not None,
                    exempt_paragraph=exempt,
                    key_decision=item.key_decision if item else r.random() < 0.2,
                    summary=f"<p>{html.escape(self.prose.paragraph(50, topic))}</p>",
                    status=status,
                    author=r.choice(self.authors),
                    published_at=meeting.agenda_published_at if status == Report.Status.PUBLISHED else None,
                )
            )
        Report.objects.bulk_create(reports)
        Report.contact_officers.through.objects.bulk_create(
            Report.contact_officers.through(report_id=report.pk, person_id=r.choice(self.officers).pk)
            for report in reports
        )
        Recommendation.objects.bulk_create(
            Recommendation(report=report, position=position, text=f"<p>That the Committee {html.escape(text)}</p>")
            for report in reports
            for position, text in enumerate(
                self.prose.sentences(r.randint(1, 5)) if r.random() < 0.8 else ["notes the report."]
            )
        )

        # Sections, then paragraphs: the bulk of the text. Plain text is kept for the search index.
        bodies: dict[int, list[str]] = {}
        sections = []
        section_plan = []  # (section, report index, words, kind)
        for index, (report, (_meeting, topic, pages, _status, _exempt)) in enumerate(zip(reports, plans, strict=True)):
            words = max(pages * WORDS_PER_PAGE - 250, PARAGRAPH_WORDS)
            shares = [
                ("Why this report is needed", 0.6, "plain"),
                ("Reasons for recommendations", 0.1, "plain"),
                ("Alternative options considered and not recommended", 0.05, "plain"),
                ("Post decision implementation", 0.05, "plain"),
                ("Implications of decision", 0.2, "implications"),
            ]
            for position, (heading, share, kind) in enumerate(shares):
                section = Section(report=report, position=position, heading=heading)
                sections.append(section)
                section_plan.append((section, index, round(words * share), kind, topic))
            sections.append(
                Section(report=report, position=len(shares), heading="Background papers", is_background_papers=True)
            )
        Section.objects.bulk_create(sections, batch_size=2000)

        from reports.models import Paragraph

        top_level = []
        children_of: list[tuple[Paragraph, list[str]]] = []
        for section, index, words, kind, topic in section_plan:
            body = bodies.setdefault(index, [])
            body.append(section.heading)
            if kind == "implications":
                each = max(PARAGRAPH_WORDS // 2, words // len(IMPLICATIONS))
                for position, heading in enumerate(IMPLICATIONS):
                    node = Paragraph(section=section, position=position, heading=heading)
                    top_level.append(node)
                    texts = [self.prose.paragraph(min(each, PARAGRAPH_WORDS), topic)]
                    while sum(len(t.split()) for t in texts) < each:
                        texts.append(self.prose.paragraph(PARAGRAPH_WORDS, topic))
                    children_of.append((node, texts))
                    body.append(heading)
                    body.extend(texts)
                continue
            written = 0
            position = 0
            while written < words or position == 0:
                if r.random() < 0.12:
                    items = self.prose.bullets(r.randint(3, 6), topic)
                    text = "<p>The main points are:</p><ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items)
                    text += "</ul>"
                    plain = " ".join(items)
                elif r.random() < 0.03:
                    text, plain = self.table(topic)
                else:
                    plain = self.prose.paragraph(PARAGRAPH_WORDS, topic)
                    text = f"<p>{html.escape(plain)}</p>"
                top_level.append(Paragraph(section=section, position=position, text=text))
                body.append(plain)
                written += len(plain.split())
                position += 1
        headings = [p for p in top_level if p.heading]
        Paragraph.objects.bulk_create(headings, batch_size=5000)
        leaves = [p for p in top_level if not p.heading] + [
            Paragraph(section_id=node.section_id, parent=node, position=position, text=f"<p>{html.escape(t)}</p>")
            for node, texts in children_of
            for position, t in enumerate(texts)
        ]
        fast_insert(Paragraph, ["section", "parent", "position", "heading", "text"], leaves)
        self.paragraph_count = len(top_level) + sum(len(texts) for _node, texts in children_of)
        BackgroundPaper.objects.bulk_create(
            BackgroundPaper(
                report=report,
                position=position,
                title=f"{plans[i][1].title}: report to committee, {r.choice(['2019', '2020', '2021', '2022'])}",
                url=f"https://www.example.gov.uk/documents/{report.pk}-{position}",
            )
            for i, report in enumerate(reports)
            for position in range(r.randint(0, 3))
        )

        # Agendas: the opening items, then the reports (Part 2 for exempt ones), published with the meeting.
        publications = {
            m.pk: AgendaPublication(
                meeting=m,
                kind=AgendaPublication.Kind.AGENDA,
                published_at=m.agenda_published_at,
                published_by=self.governance,
            )
            for m in meetings
            if m.agenda_published_at
        }
        AgendaPublication.objects.bulk_create(publications.values())
        items = []
        for meeting in meetings:
            for position, title in enumerate(OPENING_ITEMS):
                items.append(
                    AgendaItem(
                        meeting=meeting, position=position, title=title, publication=publications.get(meeting.pk)
                    )
                )
        report_items = []
        for position, (report, (meeting, _topic, _pages, _status, exempt)) in enumerate(
            zip(reports, plans, strict=True)
        ):
            report_items.append(
                AgendaItem(
                    meeting=meeting,
                    position=10 + position,
                    title=report.title,
                    kind=AgendaItem.Kind.EXEMPT if exempt else AgendaItem.Kind.REPORT,
                    part=AgendaItem.Part.EXEMPT if exempt else AgendaItem.Part.PUBLIC,
                    exempt_paragraph=exempt,
                    report=report,
                    publication=publications.get(meeting.pk),
                )
            )
        AgendaItem.objects.bulk_create([*items, *report_items], batch_size=2000)

        # Minutes and decisions of the meetings held.
        held = [m for m in meetings if m.status == m.Status.HELD]
        minutes = [
            Minutes(
                meeting=m,
                status=Minutes.Status.CONFIRMED,
                notes=f"<p>{html.escape(self.prose.paragraph(80))}</p>",
                published_at=m.starts_at + datetime.timedelta(days=7),
                confirmed_at=m.starts_at + datetime.timedelta(days=40),
            )
            for m in held
        ]
        Minutes.objects.bulk_create(minutes)
        decisions = [
            ItemDecision(
                agenda_item=item,
                outcome=r.choice(
                    [ItemDecision.Outcome.AGREED, ItemDecision.Outcome.AGREED, ItemDecision.Outcome.NOTED]
                ),
                text=f"<p>{html.escape(self.prose.paragraph(25))}</p>",
            )
            for item in report_items
            if item.meeting.status == item.meeting.Status.HELD
        ]
        ItemDecision.objects.bulk_create(decisions)
        self.index(reports, plans, bodies, items, report_items, minutes, decisions)

    def table(self, topic) -> tuple[str, str]:
        r = self.random
        rows = [(year, r.randint(100, 9000), r.randint(100, 9000)) for year in ["2021/22", "2022/23", "2023/24"]]
        cells = "".join(f"<tr><td>{y}</td><td>£{a:,}k</td><td>£{b:,}k</td></tr>" for y, a, b in rows)
        caption = f"{topic.title}: budget and spend"
        text = (
            f"<table><caption>{html.escape(caption)}</caption><thead><tr><th scope='col'>Year</th>"
            f"<th scope='col'>Budget</th><th scope='col'>Spend</th></tr></thead><tbody>{cells}</tbody></table>"
        )
        return text, caption

    def index(self, reports, plans, bodies, items, report_items, minutes, decisions) -> None:
        """The search index, as publishing/search.py writes it when an agenda is published."""
        from django.db import connection

        from committee.models import SearchDocument
        from publishing import search

        documents = []
        for index, report in enumerate(reports):
            meeting = plans[index][0]
            if report.status != report.Status.PUBLISHED:
                continue
            documents.append(
                SearchDocument(
                    kind=SearchDocument.Kind.REPORT,
                    object_id=report.pk,
                    committee_id=report.committee_id,
                    meeting=meeting,
                    date=meeting.date,
                    title=report.title,
                    summary=html.unescape(report.summary[3:-4]),
                    body="\n".join(bodies[index]),
                    url=f"/reports/{report.pk}/",
                    is_exempt=report.is_exempt,
                )
            )
        for item in [*items, *report_items]:
            if item.publication is None:
                continue
            meeting = item.meeting
            documents.append(
                SearchDocument(
                    kind=SearchDocument.Kind.AGENDA_ITEM,
                    object_id=item.pk,
                    committee_id=meeting.committee_id,
                    meeting=meeting,
                    date=meeting.date,
                    title=item.title,
                    url=f"/meetings/{meeting.pk}/#item-{item.pk}",
                    is_exempt=item.part == item.Part.EXEMPT,
                )
            )
        decided = {}
        for decision in decisions:
            decided.setdefault(decision.agenda_item.meeting_id, []).append(decision)
        for record in minutes:
            meeting = record.meeting
            lines = [html.unescape(record.notes[3:-4])]
            lines += [
                f"{d.agenda_item.title}. {d.get_outcome_display()}. {html.unescape(d.text[3:-4])}"
                for d in decided.get(meeting.pk, [])
                if d.agenda_item.part == d.agenda_item.Part.PUBLIC
            ]
            documents.append(
                SearchDocument(
                    kind=SearchDocument.Kind.MINUTES,
                    object_id=record.pk,
                    committee_id=meeting.committee_id,
                    meeting=meeting,
                    date=meeting.date,
                    title=f"Minutes: {meeting.committee.name}, {meeting.date:%-d %B %Y}",
                    body="\n".join(lines),
                    url=f"/meetings/{meeting.pk}/minutes/",
                )
            )
        for document in documents:
            document.excerpt = search.excerpt(document.summary, document.body)
        fast_insert(
            SearchDocument,
            [
                "kind",
                "object_id",
                "committee",
                "meeting",
                "date",
                "title",
                "summary",
                "body",
                "excerpt",
                "url",
                "is_exempt",
            ],
            documents,
        )
        if connection.vendor == "postgresql":
            # The same weighted vector publishing/search.py writes, for the rows just added.
            pks = list(SearchDocument.objects.filter(search_vector__isnull=True).values_list("pk", flat=True))
            search._update_vectors(pks)

    def work_programme_backlog(self) -> None:
        """Items 'to be scheduled' on every committee's programme."""
        from committee.models import WorkProgrammeItem

        r = self.random
        WorkProgrammeItem.objects.bulk_create(
            WorkProgrammeItem(
                committee=committee,
                title=f"{topic.title}: {r.choice(self.kinds)}",
                purpose=self.prose.paragraph(30, topic),
                report_of=r.choice(REPORT_OF),
                status=WorkProgrammeItem.Status.PLANNED,
                first_published_on=self.today - datetime.timedelta(days=30),
            )
            for committee in self.committees
            for topic in r.sample(self.prose.topics, k=3)
        )


def published_revisions(log: Callable[[str], None] = print, batch: int = 200) -> int:
    """The published revision workflow.publish keeps of every published report (the report page shows it),
    for published reports that have none: a seed from before revisions were seeded is topped up.
    Returns how many were made."""
    from django.db import transaction
    from django.db.models import Max

    from reports.models import Report, ReportRevision
    from reports.revisions import snapshot_of_loaded
    from reports.structure import prefetch_report

    missing = list(
        Report.objects.published().exclude(revisions__is_published=True).order_by("pk").values_list("pk", flat=True)
    )
    started = time.monotonic()
    for start in range(0, len(missing), batch):
        pks = missing[start : start + batch]
        numbers = dict(
            ReportRevision.objects.filter(report_id__in=pks)
            .values("report_id")
            .annotate(n=Max("number"))
            .values_list("report_id", "n")
        )
        with transaction.atomic():
            ReportRevision.objects.bulk_create(
                ReportRevision(
                    report=report,
                    number=(numbers.get(report.pk) or 0) + 1,
                    content=snapshot_of_loaded(report),
                    is_published=True,
                    published_at=report.published_at,
                )
                for report in prefetch_report(Report.objects.filter(pk__in=pks))
            )
        done = start + len(pks)
        log(f"  {done}/{len(missing)} published revisions ({time.monotonic() - started:.0f} s)")
    return len(missing)


def fast_insert(model, field_names: list[str], objects: list) -> None:
    """Insert rows whose ids nobody needs back. On PostgreSQL with COPY: the seed's paragraphs and search
    entries are most of its rows, and bulk_create spends its time compiling INSERT statements for them."""
    from django.db import connection

    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=2000)
        return
    fields = [model._meta.get_field(name) for name in field_names]
    # COPY leaves unnamed columns to the database, which knows no Django defaults: name those too.
    text_types = ("CharField", "TextField")
    fields += [
        f
        for f in model._meta.concrete_fields
        if f not in fields
        and not f.primary_key
        and not f.null
        and (f.has_default() or f.get_internal_type() in text_types)
    ]
    lines = ("\t".join(_copy_value(getattr(obj, f.attname)) for f in fields) + "\n" for obj in objects)
    buffer = io.StringIO("".join(lines))
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)


def _copy_value(value) -> str:
    """One field in COPY's text format: NULL is \\N; backslash, tab and line breaks escaped."""
    if value is None:
        return "\\N"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


OPENING_ITEMS = ["Apologies for absence", "Declarations of interest", "Minutes of the previous meeting"]
REPORT_OF = [
    "Chief Executive",
    "Director of Finance",
    "Executive Director, Adults and Health",
    "Executive Director, Children's Services",
    "Executive Director, Environment",
    "Director of Housing and Growth",
    "Director of Public Health",
    "Head of Governance",
    "Strategic Lead, Libraries",
    "Director of Resources",
]
FIRST_NAMES = ["Amira", "Ben", "Chloe", "David", "Ella", "Farid", "Grace", "Hassan", "Isla", "James", "Kiran", "Leah"]
LAST_NAMES = ["Ahmed", "Brown", "Cohen", "Davies", "Evans", "Fernandes", "Green", "Hughes", "Iqbal", "Jones", "Khan"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reset", action="store_true", help="Empty the database first, then seed it again.")
    parser.add_argument("--reports", type=int, default=SeedSize.reports)
    parser.add_argument("--years", type=float, default=SeedSize.years)
    parser.add_argument("--committees", type=int, default=SeedSize.committees)
    parser.add_argument("--reverse", action="store_true", help="Resume from the last meeting back (a second process).")
    parser.add_argument("--database-url", help=f"Default: $DATABASE_URL, else {DEFAULT_DATABASE_URL}")
    args = parser.parse_args(argv)
    setup_django(args.database_url)
    check_database_is_the_benchmarks()
    result = seed(
        SeedSize(committees=args.committees, years=args.years, reports=args.reports),
        reset=args.reset,
        reverse=args.reverse,
    )
    print(result.summary())
    return 0


def check_database_is_the_benchmarks() -> None:
    """Seeding (and --reset) writes a lot: refuse a database that is not obviously the benchmark's own."""
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "postgresql" or "bench" not in name or name.startswith("test_"):
        raise SystemExit(
            f"Refusing to seed {connection.vendor} database {name!r}: use a PostgreSQL database "
            "named for the benchmark, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/cr_bench"
        )


if __name__ == "__main__":
    sys.exit(main())
