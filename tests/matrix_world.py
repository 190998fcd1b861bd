"""The small council the access matrix runs against: one report in every state that matters,
each non-public one carrying canary text that must never reach a visitor who may not read it."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from committee import access, agenda, decision_records
from committee import actions as action_rules
from committee import decisions as decision_rules
from committee import minutes as minutes_rules
from committee.models import (
    Action,
    Committee,
    DecisionNotice,
    DecisionRecord,
    Meeting,
    Membership,
    Person,
    WorkProgrammeItem,
)
from documents import packs
from documents.pdf import html_to_pdf
from members import register as member_register
from publishing import publication as publishing
from reading_room import notes
from reports import decision_reports, editing, revisions, uploads, workflow
from reports.models import (
    Appendix,
    BackgroundPaper,
    Comment,
    Paragraph,
    Recommendation,
    Report,
    ReportTemplate,
    Section,
)
from reports.templates_setup import ensure_decision_template
from tests.conftest import LONDON, make_committee, make_meeting, make_report, make_user


def tiny_pdf() -> bytes:
    """A real one-page PDF, so appendix downloads and pack assembly have something to read."""
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(200, 200)
    writer.write(out)
    return out.getvalue()


def canary(secret: str) -> str:
    """Text unique to one piece of hidden content: seeing it proves the content leaked. It ends with
    END so that no canary is part of another ("CANARYDRAFTEND" is not inside "CANARYDRAFTOF…END")."""
    return f"CANARY{secret.replace('_', '').upper()}END"


@dataclass
class World:
    committee: Committee
    other_committee: Committee
    published_meeting: Meeting  # agenda published: the public and exempt reports are on it
    unpublished_meeting: Meeting  # agenda being built: the reports still in clearance are on it
    users: dict[str, User | None]
    reports: dict[str, Report]
    wp_items: dict[str, WorkProgrammeItem] = field(default_factory=dict)
    # Files uploaded while a correction was drafted, by report state (published with it, or not yet).
    added_in_correction: dict[str, list[Appendix | BackgroundPaper]] = field(default_factory=dict)
    decided_meeting: Meeting | None = None  # draft minutes published: decisions on a Part 1 and a Part 2 item
    notices: dict[str, DecisionNotice] = field(default_factory=dict)  # the decided meeting's, by state
    register: dict[str, int] = field(default_factory=dict)  # the committee member's register (_register)
    records: dict[str, DecisionRecord] = field(default_factory=dict)  # decisions taken outside meetings
    actions: dict[str, Action] = field(default_factory=dict)  # actions arising from the decided meeting


def _fill(report: Report, secret: str) -> None:
    """Every part of the report carries the secret, so any surface that shows any part is caught."""
    report.summary = f"<p>Summary {secret}</p>"
    report.save()
    Recommendation.objects.create(report=report, text=f"<p>Recommend {secret}</p>")
    section = Section.objects.create(report=report, heading=f"Heading {secret}")
    parent = Paragraph.objects.create(section=section, text=f"<p>Paragraph {secret}</p>")
    Paragraph.objects.create(section=section, parent=parent, text=f"<ul><li>Bullet {secret}</li></ul>")
    # Comments where the text is: every report carries the approver's open thread on its first paragraph,
    # with suggested text and the author's reply; it must reach nobody but the people working on it.
    internal = canary("internal_comment")
    thread = Comment.objects.create(
        report=report,
        part=Comment.Part.PARAGRAPH,
        paragraph=parent,
        author=User.objects.get(username="legal"),
        body=f"Cite the Act {internal}",
        suggestion=f"<p>Paragraph {secret} under the Act {internal}</p>",
        suggestion_state=Comment.Suggestion.OPEN,
    )
    Comment.objects.create(report=report, parent=thread, author=report.author, body=f"Will do {internal}")
    Section.objects.create(report=report, heading="Background papers", is_background_papers=True, position=1)
    paper = BackgroundPaper(report=report, title=f"Paper {secret}")
    paper.file.save("paper.pdf", ContentFile(tiny_pdf()), save=True)
    appendix = Appendix(report=report, title=f"Appendix {secret}", content_type="application/pdf")
    content = tiny_pdf()
    appendix.file.save("appendix.pdf", ContentFile(content), save=False)
    appendix.size = len(content)
    appendix.save()


def build_world() -> World:
    committee = make_committee(requires_finance_signoff=False, requires_director_signoff=False)
    other = make_committee("Adults and Safeguarding Committee")
    users: dict[str, User | None] = {
        "anonymous": None,
        "author": make_user("author", access.REPORT_AUTHORS),
        "other_author": make_user("otherauthor", access.REPORT_AUTHORS),
        "approver": make_user("legal", access.LEGAL_APPROVERS),
        "governance_officer": make_user("governance", access.GOVERNANCE_OFFICERS, is_staff=True),
        "committee_member": make_user("member", access.COMMITTEE_MEMBERS, committee=committee),
        "other_committee_member": make_user("othermember", access.COMMITTEE_MEMBERS, committee=other),
        "administrator": make_user("admin", access.ADMINISTRATORS, is_staff=True, is_superuser=True),
        "monitoring_officer": make_user("monitoring", access.MONITORING_OFFICERS),
    }
    author, approver, officer = users["author"], users["approver"], users["governance_officer"]
    published_meeting = make_meeting(committee, datetime.date(2017, 2, 21))
    unpublished_meeting = make_meeting(committee, datetime.date(2017, 3, 21))

    reports: dict[str, Report] = {}

    def new(state: str, **extra) -> Report:
        title = "Libraries review" if state == "published_public" else f"Report {canary(state)}"
        if state == "published_exempt":
            # Issue 18: an exempt report's public title is the agenda's; its own title is confidential.
            title = f"Exempt property disposal: the {canary('confidential_title')} depot"
            extra["public_title"] = "Exempt property disposal"
        report = make_report(committee, title=title, author=author, **extra)
        _fill(report, canary(state) if state != "published_public" else "PUBLICTEXT")
        revisions.record(report, author)
        reports[state] = report
        return report

    new("draft", meeting=unpublished_meeting)
    for state in ("submitted", "cleared", "approved", "withdrawn"):
        report = new(state, meeting=unpublished_meeting)
        workflow.submit(report, author, {"legal": approver})
        if state in ("cleared", "approved"):
            workflow.sign_off(report, approver, "legal", approve=True)
        if state == "approved":
            workflow.approve_for_publication(report, officer)
        if state == "withdrawn":
            workflow.withdraw(report, author)
    for state, exempt in (("published_public", False), ("published_exempt", True)):
        extra = {"is_exempt": True, "exempt_paragraph": 3} if exempt else {}
        report = new(state, meeting=published_meeting, **extra)
        workflow.submit(report, author, {"legal": approver})
        workflow.sign_off(report, approver, "legal", approve=True)
        workflow.approve_for_publication(report, officer)

    _with_exempt_parts(committee, published_meeting, author, approver, officer, reports)

    agenda.add_opening_items(published_meeting, officer)
    agenda.add_report_item(published_meeting, officer, reports["published_public"])
    agenda.add_report_item(published_meeting, officer, reports["published_exempt"])
    for state in EXEMPT_PART_STATES:
        agenda.add_report_item(published_meeting, officer, reports[state])
    publishing.publish_agenda(published_meeting, officer, now=datetime.datetime(2017, 2, 10, 12, tzinfo=LONDON))
    # The packs are built by a background task after publication: build them here, in this transaction.
    published_meeting.refresh_from_db()
    for pack in packs.request_packs(published_meeting):
        packs.build_pack.call(pack.pk)
    _lift_exemptions(reports["exemption_lifted"], officer)
    _redact(reports["redacted_version"], officer)
    # An item added after publication: off the public agenda until its supplementary agenda is published.
    agenda.add_item(published_meeting, officer, title=f"Late item {canary('supplementary')}")
    added = _corrections(committee, author, approver, officer, reports)
    for state in ("draft", "submitted", "cleared", "approved"):
        agenda.add_report_item(unpublished_meeting, officer, reports[state])
    for report in reports.values():
        report.refresh_from_db()

    wp_items = {
        "wp_public": WorkProgrammeItem.objects.create(
            committee=committee, title="Library opening hours", purpose="PUBLICTEXT", target_meeting=unpublished_meeting
        ),
        "wp_exempt": WorkProgrammeItem.objects.create(
            committee=committee,
            title="Disposal of a depot",
            purpose=f"Purpose {canary('wp_exempt')}",
            is_exempt=True,
            exempt_paragraph=3,
            target_meeting=unpublished_meeting,
        ),
    }
    # Cabinet, on which the committee member also sits: its decisions have notices and may be called in.
    cabinet = make_committee("Cabinet", kind=Committee.Kind.EXECUTIVE)
    Membership.objects.create(person=users["committee_member"].person, committee=cabinet)
    decided, notices = _decided_meeting(cabinet, other, officer)
    _member_note(users["committee_member"], reports["published_public"])
    world = World(
        committee, other, published_meeting, unpublished_meeting, users, reports, wp_items, added, decided, notices
    )
    world.register = _register(users["committee_member"], users["monitoring_officer"])
    world.actions = _actions(decided, officer)
    world.records, record_notices = _decision_records(officer)
    world.notices.update(record_notices)
    world.notices["notice_report_record_exempt"] = _decision_drafted_in_the_editor(cabinet, users, officer)
    return world


def _decision_drafted_in_the_editor(cabinet: Committee, users: dict, officer: User) -> DecisionNotice:
    """Issue 19: an exempt cabinet member's decision drafted in the editor from its template and published
    through the report's workflow. Its decision and reasons are in the record and in the exempt report:
    Part 2 for the report's readers; the public see its title and paragraph only."""
    secret = canary("report_record_exempt")
    template = ensure_decision_template(ReportTemplate.Kind.CABINET_MEMBER_DECISION)
    report = make_report(
        cabinet,
        template=template,
        title=f"Sale of the depot {secret}",
        public_title="Disposal of a council depot",
        is_exempt=True,
        exempt_paragraph=3,
        summary=f"<p>Reasons {secret}</p>",
        decision_maker="Cllr Portfolio, Cabinet Member for Assets",
        extra_title_rows={decision_reports.DATE_LABEL: "2017-01-18"},
        author=users["author"],
        status=Report.Status.APPROVED,
    )
    Recommendation.objects.create(report=report, position=0, text=f"<p>Sell {secret}</p>")
    publishing.publish_report(report, officer)
    return DecisionNotice.objects.get(record__report=report)


def _actions(meeting: Meeting, officer: User) -> dict[str, Action]:
    """An action arising from the decided meeting's Part 2 item: its text is the governance officers'."""
    exempt = meeting.agenda_items.get(part=2)
    action = action_rules.add(
        meeting, officer, description=f"Value {canary('action_exempt')}", owner="Head of Property", agenda_item=exempt
    )
    # A later Cabinet meeting, agenda published, whose tracker lists it for officers only.
    later = make_meeting(meeting.committee, datetime.date(2017, 2, 14))
    agenda.add_item(later, officer, title="Minutes of the last meeting")
    publishing.publish_agenda(later, officer, now=datetime.datetime(2017, 2, 1, 12, tzinfo=LONDON))
    return {"action_exempt": action}


def _decision_records(officer: User) -> tuple[dict, dict]:
    """Decisions taken outside meetings: a cabinet member's draft record, seen by governance officers
    only, and a published exempt one, whose decision, reasons and interests are theirs alone."""
    base = {
        "maker": "cabinet_member",
        "taken_by": "Cllr Portfolio, Cabinet Member for Assets",
        "key_decision": False,
        "decided_on": datetime.date(2017, 1, 18),
        "alternatives_rejected": "",
    }
    draft_secret, exempt_secret = canary("record_draft"), canary("record_exempt")
    draft = decision_records.save_draft(
        None,
        officer,
        **base,
        title=f"Draft {draft_secret}",
        decision=f"Decision {draft_secret}",
        reasons=f"Reasons {draft_secret}",
        interests_declared="",
        dispensations="",
        exempt_paragraph=None,
    )
    exempt = decision_records.save_draft(
        None,
        officer,
        **base,
        title="Sale of a depot site",
        decision=f"Sell {exempt_secret}",
        reasons=f"Reasons {exempt_secret}",
        interests_declared=f"Interest {exempt_secret}",
        dispensations="",
        exempt_paragraph=3,
    )
    notice = decision_records.publish(exempt, officer, now=datetime.datetime(2017, 1, 18, 12, tzinfo=LONDON))
    return {"record_draft": draft}, {"notice_record_exempt": notice}


# Registers of interests (members/) -------------------------------------------------------------
# The committee member's register: a published sensitive interest (s.32) whose details carry the
# "sensitive_interest" canary, a change waiting to be checked carrying "register_waiting", and a gift
# waiting to be published.


def _register(member: User, monitoring_officer: User) -> dict[str, int]:
    when = datetime.datetime(2017, 1, 2, 12, tzinfo=LONDON)
    person = member.person
    sensitive = member_register.submit_entry(
        person,
        member,
        category="land",
        description=f"Home {canary('sensitive_interest')}",
        arose_on=datetime.date(2017, 1, 1),
        sensitive=True,
        now=when,
    )
    member_register.publish_version(sensitive, monitoring_officer, now=when)
    public = member_register.submit_entry(
        person, member, category="employment", description="PUBLICTEXT employer", arose_on=datetime.date(2016, 5, 1)
    )
    member_register.publish_version(public, monitoring_officer)
    waiting = member_register.change_entry(
        public.entry, member, description=f"Employer {canary('register_waiting')}", arose_on=datetime.date(2016, 5, 1)
    )
    gift = member_register.register_gift(
        person,
        member,
        donor="Acme Ltd",
        description="Dinner",
        value=Decimal("75"),
        received_on=datetime.date(2017, 1, 1),
    )
    return {"person": person.pk, "entry": public.entry_id, "version": waiting.pk, "gift": gift.pk}


def _decided_meeting(committee: Committee, other: Committee, officer: User) -> tuple[Meeting, dict]:
    """A Cabinet meeting whose draft minutes are published: the Part 2 item's minute, amendment,
    referral and vote are for its Part 2 readers only; the Part 1 item's are public. Both decisions
    have published notices; the Part 2 one is called in, its notice's and call-in's reasons secret."""
    meeting = make_meeting(committee, datetime.date(2017, 1, 17))
    public = agenda.add_item(meeting, officer, title="Library opening hours")
    exempt = agenda.add_item(meeting, officer, title="Depot lease", part=2, exempt_paragraph=3)
    publishing.publish_agenda(meeting, officer, now=datetime.datetime(2017, 1, 5, 12, tzinfo=LONDON))
    mover, seconder = Person.objects.create(name="Cllr Mover"), Person.objects.create(name="Cllr Seconder")
    minutes_rules.set_decision(
        public,
        officer,
        outcome="agreed",
        text="<p>PUBLICTEXT</p>",
        recommendations=[minutes_rules.RecommendationOutcome(1, "rejected", votes=(2, 9, 0))],
    )
    secret = canary("part2_decision")
    minutes_rules.set_decision(
        exempt,
        officer,
        outcome="referred",
        referred_to=other,
        votes=(6, 5, 1),
        text=f"<p>Minute {secret}</p>",
        recommendations=[
            minutes_rules.RecommendationOutcome(
                1, "amended", amendment=f"<p>Amended {secret}</p>", mover=mover, seconder=seconder
            )
        ],
    )
    publishing.publish_minutes(meeting, officer)
    notices = {
        "notice_public": decision_rules.publish_notice(public.decision, officer, reasons="PUBLICTEXT reasons"),
        "notice_exempt": decision_rules.publish_notice(
            exempt.decision, officer, reasons=f"Reasons {secret}", alternatives_rejected=f"Alternatives {secret}"
        ),
    }
    decision_rules.call_in(
        notices["notice_exempt"], officer, requested_by="Cllr Mover and Cllr Seconder", reason=f"Because {secret}"
    )
    return meeting, notices


# Exempt parts of public reports ----------------------------------------------------------------
# A public report with an exempt appendix, and one with an exempt paragraph and recommendation
# (reports/exemption.py). Everything else in them is public; the exempt parts carry the canaries
# "exempt_appendix" (inside the appendix's PDF) and "exempt_passage" (tests/access_matrix.py SECRETS).
EXEMPT_PART_STATES = ["public_exempt_appendix", "public_exempt_passage", "exemption_lifted", "redacted_version"]


def exempt_appendix_pdf() -> bytes:
    return html_to_pdf(f"<p>Tender prices {canary('exempt_appendix')}</p>", title="Tender Price Breakdown")


def _with_exempt_parts(committee, meeting, author, approver, officer, reports: dict[str, Report]) -> None:
    for state in EXEMPT_PART_STATES:
        report = make_report(committee, title=f"Depot contract {state[-7:]}", author=author, meeting=meeting)
        _fill(report, "PUBLICTEXT")
        if state == "exemption_lifted":  # lifted after the agenda is published (`_lift_exemptions`)
            data = html_to_pdf("<p>Tender prices PUBLICTEXT</p>", title="Tender prices")
            appendix = Appendix(
                report=report, position=1, title="Tender prices", content_type="application/pdf", exempt_paragraph=3
            )
            appendix.file.save("lifted.pdf", ContentFile(data), save=False)
            appendix.size = len(data)
            appendix.save()
            section = report.sections.filter(is_background_papers=False).first()
            Paragraph.objects.create(
                section=section, position=5, text="<p>Bids PUBLICTEXT lifted</p>", exempt_paragraph=3
            )
            Paragraph.objects.create(
                section=section, position=6, text=f"<p>Bids {canary('exemption_lifted')}</p>", exempt_paragraph=3
            )
        elif state == "redacted_version":  # redacted after the agenda is published (`_redact`)
            data = exempt_appendix_pdf()
            appendix = Appendix(
                report=report, position=1, title="Site valuation", content_type="application/pdf", exempt_paragraph=3
            )
            appendix.file.save("valuation.pdf", ContentFile(data), save=False)
            appendix.size = len(data)
            appendix.save()
            section = report.sections.filter(is_background_papers=False).first()
            Paragraph.objects.create(
                section=section, position=5, text=f"<p>Bids {canary('exempt_passage')}</p>", exempt_paragraph=3
            )
            Recommendation.objects.create(
                report=report, position=1, text=f"<p>Agree {canary('exempt_passage')}</p>", exempt_paragraph=3
            )
        elif state == "public_exempt_appendix":
            data = exempt_appendix_pdf()
            appendix = Appendix(
                report=report,
                position=1,
                title="Tender Price Breakdown",
                content_type="application/pdf",
                exempt_paragraph=3,
                public_interest_reason="Publishing the bids would prejudice the council's commercial position.",
            )
            appendix.file.save("tender.pdf", ContentFile(data), save=False)
            appendix.size = len(data)
            appendix.save()
        else:
            secret = canary("exempt_passage")
            Recommendation.objects.create(report=report, position=1, text=f"<p>Agree {secret}</p>", exempt_paragraph=3)
            section = report.sections.filter(is_background_papers=False).first()
            Paragraph.objects.create(section=section, position=5, text=f"<p>Bids {secret}</p>", exempt_paragraph=3)
        revisions.record(report, author)
        workflow.submit(report, author, {"legal": approver})
        workflow.sign_off(report, approver, "legal", approve=True)
        workflow.approve_for_publication(report, officer)
        reports[state] = report


def _lift_exemptions(report: Report, officer: User) -> None:
    """The appendix's exemption lifted, then the first passage's: two corrections, each published."""
    publishing.lift_exemption(report, officer, report.appendices.get(exempt_paragraph=3), "The contract is signed.")
    lifted = Paragraph.objects.get(section__report=report, text__contains="lifted")
    publishing.lift_exemption(report, officer, lifted)


def _redact(report: Report, officer: User) -> None:
    """Redacted versions of the exempt appendix, paragraph and recommendation published in their place,
    their text public: three corrections, each published."""
    data = html_to_pdf("<p>Site valuation PUBLICTEXT redacted</p>", title="Site valuation (redacted)")
    upload = SimpleUploadedFile("valuation-redacted.pdf", data, content_type="application/pdf")
    appendix = report.appendices.get(exempt_paragraph=3)
    publishing.publish_redacted_appendix(report, officer, appendix, upload, uploads.check_upload(upload), "Redacted.")
    paragraph = Paragraph.objects.get(section__report=report, exempt_paragraph=3)
    publishing.publish_redacted_text(report, officer, paragraph, "<p>Bids PUBLICTEXT redacted</p>", "Redacted.")
    recommendation = report.recommendations.get(exempt_paragraph=3)
    publishing.publish_redacted_text(report, officer, recommendation, "<p>Agree PUBLICTEXT redacted</p>", "Redacted.")


# Corrections ----------------------------------------------------------------------------------
# A published report is corrected on its live row while it stays published: these are the states a
# correction can leave it in (tests/access_matrix.py CORRECTION_STATES says who may read what).
# Each is published on its own (not on the matrix's agenda, whose packs are built once above).
EXEMPT_FIRST = {"correcting_exempt", "exempt_made_public", "exempt_public_exempt"}


def _edit(report: Report, officer: User, change) -> None:
    """A governance officer's saved edit of a published report: a working revision, as in the editor."""
    with editing.changing(report, officer, Report.objects.get(pk=report.pk).version) as locked:
        change(locked)
    report.refresh_from_db()


def _rewrite(report: Report, text: str, *, exempt: bool | None = None, delete_files: bool = False) -> None:
    """Every part of the report's text rewritten to carry `text` (and its exemption set, when given).
    Files cannot be renamed in the editor, only deleted: Part 2 files go when the exemption is lifted."""
    report.summary = f"<p>Summary {text}</p>"
    if exempt is not None:
        report.is_exempt, report.exempt_paragraph = exempt, (3 if exempt else None)
    report.save()
    Recommendation.objects.filter(report=report).update(text=f"<p>Recommend {text}</p>")
    Section.objects.filter(report=report, is_background_papers=False).update(heading=f"Heading {text}")
    Paragraph.objects.filter(section__report=report).update(text=f"<p>Paragraph {text}</p>")
    if delete_files:
        report.appendices.all().delete()
        report.background_papers.all().delete()


def _add_files(report: Report, text: str) -> list[Appendix | BackgroundPaper]:
    content = tiny_pdf()
    appendix = editing.add_appendix(
        report,
        title=f"Added appendix {text}",
        content_type="application/pdf",
        size=len(content),
        sha512="",
        file=ContentFile(content, name="added-appendix.pdf"),
    )
    paper = editing.add_background_paper(
        report, title=f"Added paper {text}", url="", date=None, file=ContentFile(content, name="added-paper.pdf")
    )
    return [appendix, paper]


def _corrections(committee, author, approver, officer, reports: dict[str, Report]) -> dict[str, list]:
    added: dict[str, list] = {}
    for number, state in enumerate(
        (
            "correcting_public",
            "corrected_public",
            "correcting_exempt",
            "exempt_made_public",
            "exempt_public_exempt",
            "public_being_made_exempt",
        ),
        start=1,
    ):
        exempt = state in EXEMPT_FIRST
        extra = {"is_exempt": True, "exempt_paragraph": 3} if exempt else {}
        # A neutral title: an exempt report's title is public.
        report = make_report(committee, title=f"Corrected report {number}", author=author, **extra)
        _fill(report, canary(state) if exempt else "PUBLICTEXT")
        revisions.record(report, author)
        workflow.submit(report, author, {"legal": approver})
        workflow.sign_off(report, approver, "legal", approve=True)
        workflow.approve_for_publication(report, officer)
        workflow.publish(report, officer)
        report.refresh_from_db()
        reports[state] = report
        files = _correct(state, report, officer)
        report.refresh_from_db()
        added[state] = [type(f).objects.get(pk=f.pk) for f in files]
    return added


def _correct(state: str, report: Report, officer: User) -> list[Appendix | BackgroundPaper]:
    """The correction that puts a published report into `state`; the files it added."""
    draft = canary(f"{state}_draft")
    files: list = []

    if state == "correcting_public":  # a correction being drafted: new title, text and files
        _edit(report, officer, lambda r: (_rewrite(r, draft), setattr(r, "title", f"Title {draft}"), r.save()))
        _edit(report, officer, lambda r: files.extend(_add_files(r, draft)))
    elif state == "corrected_public":  # ... and published
        _edit(report, officer, lambda r: _rewrite(r, "PUBLICTEXT corrected"))
        _edit(report, officer, lambda r: files.extend(_add_files(r, "PUBLICTEXT added")))
        workflow.publish_correction(report, officer, "Figures corrected.")
    elif state == "correcting_exempt":  # lifting the exemption, not yet published
        _edit(report, officer, lambda r: _rewrite(r, draft, exempt=False, delete_files=True))
        _edit(report, officer, lambda r: files.extend(_add_files(r, draft)))
    elif state in ("exempt_made_public", "exempt_public_exempt"):  # exemption lifted, published
        _edit(report, officer, lambda r: _rewrite(r, "PUBLICTEXT", exempt=False, delete_files=True))
        _edit(report, officer, lambda r: files.extend(_add_files(r, "PUBLICTEXT added")))
        workflow.publish_correction(report, officer, "The terms are now public.")
        if state == "exempt_public_exempt":  # ... and back to exempt, published
            _edit(report, officer, lambda r: _rewrite(r, canary(state), exempt=True))
            workflow.publish_correction(report, officer, "Exempt again: new commercial terms.")
    elif state == "public_being_made_exempt":  # marking a public report exempt, not yet published
        _edit(report, officer, lambda r: _rewrite(r, draft, exempt=True))
        _edit(report, officer, lambda r: files.extend(_add_files(r, draft)))
    return files


# The reading room ------------------------------------------------------------------------------
# A committee member's private note (canary "member_note"): it must reach nobody else, on any page,
# export or admin screen (tests/access_matrix.py SECRETS).


def _member_note(member: User, report: Report) -> None:
    content = revisions.latest_published_revision(report).content
    number = content["sections"][0]["paragraphs"][0]["number"]
    notes.add_note(member, report, content, paragraph=number, text=f"My note {canary('member_note')}")
