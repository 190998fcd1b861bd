"""Who may open what: the expectations the access matrix (tests/test_access_matrix.py) checks for
every URL pattern of the project, every persona and every state of the object behind the URL.

How to read an entry:

    "reports:report_detail": Expect("report", get=reader_or_404),

- The subject says which object the URL is about and so which states are tried: "none" (no
  object), "committee", "meeting" (agenda published / being built), "wp_item" (public / exempt
  work programme item) or "report" (each of REPORT_STATES).
- `get` and `post` are rules: functions of (persona, state) giving what the visitor should get:
  200, 302 (a redirect that is not the login page), "login" (sent to log in), 403, 404, 405, or
  OK (200 or 302: the permitted person's empty form or redirect after the action). `post=None`
  means the matrix does not POST (a page that only reads).
- Whatever the rule, no response may show the canary text of anything the persona may not read:
  see READERS and SECRETS below, written out by hand rather than asked of committee/access.py, so
  that the matrix checks the rules rather than repeating them.
- The public's routes to a report (those that let an anonymous visitor read a published public
  report) are tried in CORRECTION_STATES too; each revision and each file of every report state is
  tried on every route to it by tests/test_access_matrix.py (test_each_revision, test_each_file).

Adding a view? Add one line here. The test tells you the URL name if you forget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

PERSONAS = [
    "anonymous",
    "author",  # wrote every report in the matrix
    "other_author",  # a report author who did not write them
    "approver",  # the legal approver assigned to each report sent for clearance
    "governance_officer",
    "committee_member",  # sits on the reports' committee
    "other_committee_member",
    "administrator",
    # Councillors' registers of interests (members/): the monitoring officer's team, in no other group.
    "monitoring_officer",
]
REPORT_STATES = [
    "draft",
    "submitted",
    "cleared",
    "approved",
    "published_public",
    "published_exempt",
    "withdrawn",
]
# What a correction can leave a published report in (tests/matrix_world.py makes one of each). The
# matrix tries them on the public's routes to a report (where a leak would be); the staff pages and
# the steps that change a report are tried on the states above.
CORRECTION_STATES = [
    "correcting_public",  # public; a correction (new title, text and files) saved, not yet published
    "corrected_public",  # public; a correction with new files, published
    "correcting_exempt",  # exempt; a correction lifting the exemption saved, not yet published
    "exempt_made_public",  # published exempt, then corrected to public (its appendix deleted)
    "exempt_public_exempt",  # exempt, corrected to public, then corrected back to exempt
    "public_being_made_exempt",  # public; a correction marking it exempt saved, not yet published
]
# Public reports with exempt parts (tests/matrix_world.py EXEMPT_PART_STATES): tried, like the
# correction states, on the public's routes to a report, and file by file and revision by revision.
EXEMPT_PART_STATES = [
    "public_exempt_appendix",
    "public_exempt_passage",
    # Issue 18, later disclosure: published with an exempt appendix and two exempt passages, then the
    # appendix's and one passage's exemptions lifted (publication.lift_exemption); the other stays exempt.
    "exemption_lifted",
    # Issue 18, later disclosure: published with an exempt appendix and paragraph, then a redacted
    # version of each published in its place (publication.publish_redacted_appendix and _paragraph);
    # the whole appendix and paragraph stay Part 2.
    "redacted_version",
]
# Corrections saved and not yet published: their text and files are for the people working on them.
BEING_CORRECTED = {"correcting_public", "correcting_exempt", "public_being_made_exempt"}
SUBJECT_STATES = {
    "none": ["-"],
    "committee": ["-"],
    "meeting": ["agenda_published", "agenda_being_built", "minutes_published"],
    "pack": ["public", "members"],  # the published meeting's agenda packs
    "dataset": [
        "committees",
        "meetings",
        "decisions",
        "work-programmes",
        "attendance",
        "interests",
    ],  # open data as CSV
    "wp_item": ["wp_public", "wp_exempt"],
    # Cabinet's decision notices, the exempt one called in; a cabinet member's exempt decision record's.
    # Issue 19: and an exempt cabinet member's decision drafted in the editor and published as a report.
    "notice": ["notice_public", "notice_exempt", "notice_record_exempt", "notice_report_record_exempt"],
    "record": ["record_draft"],  # a decision taken outside a meeting, drafted and not yet published
    "action": ["action_exempt"],  # an action arising from a Part 2 item of Cabinet's decided meeting
    "report": REPORT_STATES,
    # Councillors' registers of interests: the committee member's page and register (tests/matrix_world.py).
    "councillor": ["-"],
    # A report template (the council's standard one), built by administrators (web/views/report_templates.py).
    "template": ["-"],
}

# Issue 19: the decision notices' open data, tried like the other downloads.
SUBJECT_STATES["dataset"] = [*SUBJECT_STATES["dataset"], "decision-notices", "actions"]

GOVERNANCE = {"governance_officer", "administrator"}
PART_2_READERS = GOVERNANCE | {"committee_member"}
STAFF = GOVERNANCE | {"author", "other_author", "approver"}
EVERYONE = set(PERSONAS)
PUBLISHED = {"published_public", "published_exempt", *CORRECTION_STATES, *EXEMPT_PART_STATES}
SENT_FOR_CLEARANCE = {"submitted", "cleared", "approved", "withdrawn", *PUBLISHED}
# Those who worked on a published report: the author, its approver, the governance team.
WORKED_ON = GOVERNANCE | {"author", "approver"}
PART_2 = PART_2_READERS | WORKED_ON

# Who may read each report (its page, as it was last published), and work programme item, by its state.
READERS = {
    "draft": GOVERNANCE | {"author"},
    "submitted": GOVERNANCE | {"author", "approver"},
    "cleared": GOVERNANCE | {"author", "approver"},
    "approved": GOVERNANCE | {"author", "approver"},
    "withdrawn": GOVERNANCE | {"author", "approver"},
    "published_public": EVERYONE,
    # Part 2: the committee's members and those who worked on it; never the public.
    "published_exempt": GOVERNANCE | {"author", "approver", "committee_member"},
    "wp_public": EVERYONE,
    "wp_exempt": GOVERNANCE | {"committee_member"},
    # A correction changes who may read a published report only once it is published, except that
    # marking it exempt hides it at once: either version saying exempt keeps it from the public.
    "correcting_public": EVERYONE,
    "corrected_public": EVERYONE,
    "correcting_exempt": PART_2,
    "exempt_made_public": EVERYONE,
    "exempt_public_exempt": PART_2,
    "public_being_made_exempt": PART_2,
    # Public reports: everybody reads them, less their exempt parts (SECRETS below).
    "public_exempt_appendix": EVERYONE,
    "public_exempt_passage": EVERYONE,
    "exemption_lifted": EVERYONE,
    "redacted_version": EVERYONE,
}
PUBLIC_REPORTS = {
    state for state in REPORT_STATES + CORRECTION_STATES + EXEMPT_PART_STATES if READERS[state] == EVERYONE
}

# Hidden text, each with its own canary (tests/matrix_world.py canary()), and who may see it. A
# report's state names the text it was written with; "<state>_draft" the text of a correction saved
# and not published. Text published while a report was exempt stays Part 2 for ever, even after a
# correction made the report public (its earlier revision holds it).
SECRETS = {
    **{state: READERS[state] for state in REPORT_STATES if state != "published_public"},
    "wp_exempt": READERS["wp_exempt"],
    "supplementary": GOVERNANCE,  # an item added after the agenda was published, not yet published
    # A Part 2 item's decision: its minute, amendment, notice's reasons and call-in reasons (its title,
    # paragraph, outcome and dates are public). The committee member also sits on Cabinet.
    "part2_decision": PART_2_READERS,
    # Decisions taken outside meetings: a draft record, and a published exempt one's decision, reasons
    # and interests (its title and paragraph are public), are the governance officers' alone.
    "record_draft": GOVERNANCE,
    "record_exempt": GOVERNANCE,
    # A decision drafted in the editor: its text is in the published exempt report too, so Part 2 for
    # those who may read that report (the committee member sits on Cabinet) and for those who worked on it.
    "report_record_exempt": PART_2,
    # An action arising from a Part 2 item: governance officers' (the tracker shows it to them alone).
    "action_exempt": GOVERNANCE,
    "correcting_public_draft": WORKED_ON,
    "correcting_exempt": PART_2,
    "correcting_exempt_draft": WORKED_ON,
    "exempt_made_public": PART_2,
    "exempt_public_exempt": PART_2,
    "public_being_made_exempt_draft": WORKED_ON,
    # The exempt appendix's file and the exempt paragraph and recommendation of a public report: Part 2.
    "exempt_appendix": PART_2,
    "exempt_passage": PART_2,
    # Comments where the text is (reports/comments.py): an approver's open comment and suggested text on
    # every report, in every state. Internal: never public, never councillors, never another author.
    "internal_comment": WORKED_ON,
    # Registers of interests (members/): a sensitive interest's details (Localism Act 2011 s.32) are the
    # monitoring officer's alone, even once published, and not shown back to the member who wrote them;
    # a change waiting to be checked is the member's and the monitoring officer's.
    "sensitive_interest": {"monitoring_officer"},
    "register_waiting": {"monitoring_officer", "committee_member"},
    # The reading room: a committee member's private note on the public report (tests/matrix_world.py).
    # Nobody else, the administrator included, may ever see it.
    "member_note": {"committee_member"},
    # Issue 18: the confidential title of the exempt report and its Part 2 agenda item (the public
    # agenda shows its public title): the committee's members and those who worked on the report.
    "confidential_title": PART_2,
    # The passage still exempt after a lift, in every revision of the report.
    "exemption_lifted": PART_2,
}
HIDDEN_STATES_FOR = {persona: [secret for secret, who in SECRETS.items() if persona not in who] for persona in PERSONAS}


def revision_readers(state: str, published: bool, exempt: bool) -> set[str]:
    """Who may read one revision of the report: a working revision, those who worked on it; a
    published one, the report's readers, and if it was published exempt, only its Part 2 readers."""
    if not published:
        return READERS[state] & WORKED_ON
    return READERS[state] & PART_2 if exempt else READERS[state]


def file_readers(state: str, added_in_correction: bool, exempt: bool = False) -> set[str]:
    """Who may open one of the report's files: its readers, a file added in a correction not yet
    published only those who worked on it, and an exempt appendix only its Part 2 readers."""
    if exempt:
        return READERS[state] & PART_2
    if added_in_correction and state in BEING_CORRECTED:
        return READERS[state] & WORKED_ON
    return READERS[state]


def works_on(persona: str, state: str) -> bool:
    """The people working on the report: its author, its approver once sent, the governance team."""
    return persona in GOVERNANCE or persona == "author" or (persona == "approver" and state in SENT_FOR_CLEARANCE)


def may_edit(persona: str, state: str) -> bool:
    """Drafting: the author and the governance team until it is published or withdrawn; after
    publication only the governance team, to issue a correction."""
    if state == "withdrawn":
        return False
    if state in PUBLISHED:
        return persona in GOVERNANCE
    return persona in GOVERNANCE or persona == "author"


# The permitted person's empty POST reaches the view: it answers with its page (200), a redirect
# (302, refusals of an impossible step included, with a message), the form's errors (400) or a
# version conflict (409). What matters is that it is not a login, 403 or 404.
OK = "ok"
OK_STATUSES = (200, 302, 400, 409)
Rule = Callable[[str, str], object]


def always(value) -> Rule:
    return lambda persona, state: value


def minutes_published(persona: str, state: str):
    """A meeting's minutes pages are found once its draft minutes are published, by anyone."""
    return 200 if state == "minutes_published" else 404


def public(persona: str, state: str):
    return 200


def reader_or_404(persona: str, state: str):
    return 200 if persona in READERS[state] else 404


def logged_in(then: Rule) -> Rule:
    """Behind @login_required: the anonymous visitor is sent to log in first."""
    return lambda persona, state: "login" if persona == "anonymous" else then(persona, state)


def governance_only(allowed=200) -> Rule:
    return logged_in(lambda persona, state: allowed if persona in GOVERNANCE else 403)


def administrators_only(allowed=200) -> Rule:
    return logged_in(lambda persona, state: allowed if persona == "administrator" else 403)


def staff_only(allowed=200) -> Rule:
    return logged_in(lambda persona, state: allowed if persona in STAFF else 403)


def editor(allowed=OK) -> Rule:
    """Drafting: 404 if you may not know the report exists, 403 if you may only read it."""

    def rule(persona, state):
        if persona not in READERS[state]:
            return 404
        return allowed if may_edit(persona, state) else 403

    return logged_in(rule)


def route_setter(allowed=200) -> Rule:
    """A report's route: the governance team, of any report they may read."""
    return logged_in(
        lambda persona, state: 404 if persona not in READERS[state] else (allowed if persona in GOVERNANCE else 403)
    )


def report_staff(allowed=200) -> Rule:
    """The report's clearance records and preview: for the people working on it."""

    def rule(persona, state):
        if persona not in READERS[state]:
            return 404
        if not works_on(persona, state):
            return 403
        return allowed(persona, state) if callable(allowed) else allowed

    return logged_in(rule)


def welsh_writer(persona: str, state: str):
    """The report's Welsh (reports/translation.py): the people working on it read it; a draft's editors,
    the governance team in clearance and after publication write it (the matrix sends no version: a
    permitted POST is refused as out of date and saves nothing)."""
    outcome = report_staff()(persona, state)
    if outcome != 200:
        return outcome
    if state == "withdrawn":
        return 403
    if state == "draft":
        return OK if persona in GOVERNANCE or persona == "author" else 403
    return OK if persona in GOVERNANCE else 403


def revision_reader(persona: str, state: str):
    """Revision 1 is a working revision: only for the people working on the report, 404 otherwise."""
    return 200 if persona in READERS[state] and works_on(persona, state) else 404


def corrector(persona: str, state: str):
    if persona == "anonymous":
        return "login"
    if persona not in READERS[state]:
        return 404
    return OK if persona in GOVERNANCE and state in PUBLISHED else 403


def lifter(persona: str, state: str):
    """Lifting an exemption: the correctors' rule; the matrix's report states have no exempt part, so
    even the governance team finds nothing to lift there (tests/publishing/test_lift_exemption.py)."""
    decided = corrector(persona, state)
    return 404 if decided == OK else decided


def wp_manager(allowed=200) -> Rule:
    """Work programme items' staff pages: the governance team; 404 for everybody else logged in."""
    return logged_in(lambda persona, state: allowed if persona in GOVERNANCE else 404)


def moves(sources: set[str], who: set[str]) -> Rule:
    """Whether the POST changes the report's state: only for `who`, only from `sources`."""
    return lambda persona, state: persona in who and state in sources


def step(sources: set[str], who: set[str]) -> Rule:
    """A clearance step's POST. Readers who do not work on the report get 403; a step the report's
    state does not allow is refused with a message on the report's page (302) before anyone's
    permission is asked; in a state that allows it, those not in `who` get 403."""

    def rule(persona, state):
        if persona not in READERS[state]:
            return 404
        if not works_on(persona, state):
            return 403
        if state in sources and persona not in who:
            return 403
        return OK

    return logged_in(rule)


def submitter(persona: str, state: str):
    """The submit page: the report's editors while it is not yet published or withdrawn."""
    if persona == "anonymous":
        return "login"
    if persona not in READERS[state]:
        return 404
    in_progress = state in ("draft", "submitted", "cleared", "approved")
    return OK if in_progress and persona in GOVERNANCE | {"author"} else 403


EDITORS = GOVERNANCE | {"author"}
# The register of interests' checks: the monitoring officer's team only, whatever other group one is in.
monitoring_officer_only = logged_in(lambda persona, state: OK if persona == "monitoring_officer" else 403)


def records_keepers(allowed=200) -> Rule:
    """Councillors' photos, addresses and approvals of absence: the monitoring officer's team and governance."""
    return logged_in(lambda persona, state: allowed if persona in GOVERNANCE | {"monitoring_officer"} else 403)


# Comments where the text is: for the people working on the report (its author, its approver once sent,
# the governance team) while it is drafted or in clearance; accepting or rejecting a suggestion is the
# report's editors' (the approver is refused with 403).
COMMENTABLE = {"draft", "submitted", "cleared", "approved"}


def commenter(editors_only: bool = False) -> Rule:
    def rule(persona, state):
        if persona not in READERS[state]:
            return 404
        if not works_on(persona, state) or state not in COMMENTABLE:
            return 403
        if editors_only and persona not in EDITORS:
            return 403
        return OK

    return logged_in(rule)


def opens_in_editor(persona: str, state: str):
    """The editor page: its editors, and, read-only to comment where the text is, its approver while
    the report is in clearance (reports/access.py `can_open_in_editor`)."""
    if persona == "anonymous":
        return "login"
    if persona not in READERS[state]:
        return 404
    if may_edit(persona, state) or (works_on(persona, state) and state in COMMENTABLE):
        return 200
    return 403


@dataclass(frozen=True)
class Expect:
    subject: str
    get: Rule
    post: Rule | None = None
    data: dict | None = None  # what the matrix POSTs (empty if None)
    changes: Rule | None = None  # for workflow steps: whether the report's state changes
    query: str = ""  # added to the URL; {meeting}, {committee}, {report}, {appendix} are filled in


POST_ONLY = always(405)
WITHDRAWABLE = {"draft", "submitted", "cleared", "approved"}
RETURNABLE = {"submitted", "cleared", "approved", "withdrawn"}

# A report's files: the matrix asks these for the report's first appendix or paper; the correction
# states, with files added in a correction, are tried file by file on every route instead.
FILE_ROUTES = {
    "reports:appendix_file",
    "reports:appendix_redacted_file",
    "reports:paper_file",
    "opendata:appendix_download",
    "opendata:background_paper_download",
}

EXPECTATIONS: dict[str, Expect] = {
    # Public pages ---------------------------------------------------------------------------
    "home": Expect("none", get=public),
    "login": Expect("none", get=public),
    "logout": Expect("none", get=POST_ONLY),
    "email_language": Expect("none", get=logged_in(always(200)), post=logged_in(always(302))),
    "committee:committee_list": Expect("none", get=public),
    "committee:committee_detail": Expect("committee", get=public),
    "committee:meeting_detail": Expect("meeting", get=public),
    "committee:work_programme_public": Expect("committee", get=public),
    "committee:work_programme_pdf": Expect("committee", get=public),
    "committee:work_programme_feed": Expect("committee", get=public),
    "committee:work_programme_item": Expect("wp_item", get=wp_manager()),
    "committee:forward_plan": Expect("none", get=public),
    "reports:report_detail": Expect("report", get=reader_or_404),
    # Officers' pages --------------------------------------------------------------------------
    "reports:dashboard": Expect("none", get=staff_only()),
    "reports:report_new": Expect("none", get=logged_in(lambda p, s: 200 if p in STAFF - {"approver"} else 403)),
    "reports:clean_paste": Expect("none", get=POST_ONLY, post=staff_only()),
    # The template builder: administrators only.
    "reports:template_list": Expect("none", get=administrators_only()),
    "reports:template_new": Expect("none", get=administrators_only(), post=administrators_only(OK)),
    "reports:template_edit": Expect("template", get=administrators_only(), post=administrators_only(OK)),
    "reports:template_make_default": Expect("template", get=POST_ONLY, post=administrators_only(302)),
    # Importing a Word report (web/views/word_import.py): report authors, like starting a report.
    "reports:report_import": Expect(
        "none",
        get=logged_in(lambda p, s: 200 if p in STAFF - {"approver"} else 403),
        post=logged_in(lambda p, s: OK if p in STAFF - {"approver"} else 403),
    ),
    "reports:report_import_create": Expect(
        "none", get=POST_ONLY, post=logged_in(lambda p, s: OK if p in STAFF - {"approver"} else 403)
    ),
    # Comments where the text is (web/views/comments.py): internal, like the clearance records.
    "reports:report_comments": Expect("report", get=report_staff(200)),
    "reports:comment_add": Expect("report", get=POST_ONLY, post=commenter()),
    "reports:comment_reply": Expect("report", get=POST_ONLY, post=commenter()),
    "reports:comment_resolve": Expect("report", get=POST_ONLY, post=commenter()),
    "reports:comment_accept": Expect("report", get=POST_ONLY, post=commenter(editors_only=True)),
    "reports:comment_reject": Expect("report", get=POST_ONLY, post=commenter(editors_only=True)),
    "committee:work_programme_due": Expect("none", get=governance_only()),
    # Drafting a report ------------------------------------------------------------------------
    # Approvers open it too, to comment where the text is; every step that changes the text is editor().
    "reports:report_edit": Expect("report", get=opens_in_editor),
    "reports:report_details": Expect("report", get=editor(200), post=editor()),
    "reports:summary_save": Expect("report", get=POST_ONLY, post=editor()),
    "reports:recommendation_add": Expect("report", get=POST_ONLY, post=editor()),
    "reports:recommendation_change": Expect("report", get=POST_ONLY, post=editor()),
    "reports:section_add": Expect("report", get=POST_ONLY, post=editor()),
    "reports:section_change": Expect("report", get=POST_ONLY, post=editor()),
    "reports:paragraph_add": Expect("report", get=POST_ONLY, post=editor()),
    "reports:paragraph_change": Expect("report", get=POST_ONLY, post=editor()),
    "reports:paper_add": Expect("report", get=POST_ONLY, post=editor()),
    "reports:paper_change": Expect("report", get=POST_ONLY, post=editor()),
    "reports:appendix_add": Expect("report", get=POST_ONLY, post=editor()),
    "reports:appendix_change": Expect("report", get=POST_ONLY, post=editor()),
    "reports:report_preview": Expect("report", get=report_staff()),
    # The in-browser editor's JSON endpoints (issue 16): the same rule as the forms they stand beside.
    "reports:block_save": Expect("report", get=POST_ONLY, post=editor()),
    "reports:paragraph_split": Expect("report", get=POST_ONLY, post=editor()),
    # editor2: paragraphs pasted from Word (issue 16)
    "reports:paragraph_paste": Expect("report", get=POST_ONLY, post=editor()),
    "reports:paragraph_heading": Expect("report", get=POST_ONLY, post=editor()),
    # editor3: a paragraph, recommendation or section dragged to its place (issue 16)
    "reports:block_move": Expect("report", get=POST_ONLY, post=editor()),
    # Clearance -------------------------------------------------------------------------------
    "reports:report_manage": Expect("report", get=report_staff()),
    "reports:report_submit": Expect("report", get=submitter, post=submitter),
    "reports:report_sign_off": Expect(
        "report",
        get=POST_ONLY,
        post=step({"submitted"}, {"approver"}),
        data={"role": "legal", "decision": "approve"},
        changes=moves({"submitted"}, {"approver"}),
    ),
    "reports:report_approve": Expect(
        "report", get=POST_ONLY, post=step({"cleared"}, GOVERNANCE), changes=moves({"cleared"}, GOVERNANCE)
    ),
    "reports:report_publish": Expect(
        "report", get=POST_ONLY, post=step({"approved"}, GOVERNANCE), changes=moves({"approved"}, GOVERNANCE)
    ),
    "reports:report_withdraw": Expect(
        "report",
        get=POST_ONLY,
        post=step(WITHDRAWABLE, EDITORS),
        changes=moves(WITHDRAWABLE, EDITORS),
    ),
    "reports:report_return_to_draft": Expect(
        "report",
        get=POST_ONLY,
        post=step(RETURNABLE, EDITORS),
        changes=moves(RETURNABLE, EDITORS),
    ),
    "reports:report_correct": Expect("report", get=corrector, post=corrector),
    "reports:report_exemptions": Expect("report", get=corrector),
    "reports:appendix_redact": Expect("report", get=lifter, post=lifter),
    "reports:paragraph_redact": Expect("report", get=lifter, post=lifter),
    "reports:recommendation_redact": Expect("report", get=lifter, post=lifter),
    "reports:exemption_lift": Expect("report", get=lifter, post=lifter),
    "reports:report_welsh": Expect("report", get=report_staff(), post=welsh_writer),
    "reports:revision_list": Expect("report", get=report_staff()),
    # Without ?a=&b= it redirects to the two latest revisions, when there are two to compare.
    "reports:revision_compare": Expect("report", get=report_staff(lambda p, s: 200 if s in PUBLISHED else 302)),
    "reports:revision_detail": Expect("report", get=revision_reader),
    # Meetings and agendas (governance officers) ------------------------------------------------
    "committee:meetings_manage": Expect("none", get=governance_only()),
    "committee:meeting_schedule": Expect("committee", get=governance_only(), post=governance_only(OK)),
    "committee:meeting_schedule_series": Expect("committee", get=governance_only(), post=governance_only(OK)),
    "committee:agenda_build": Expect("meeting", get=governance_only()),
    "committee:agenda_opening_items": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:agenda_item_add": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:agenda_report_add": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:agenda_item_move": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:agenda_item_remove": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:agenda_item_edit": Expect("meeting", get=governance_only(), post=governance_only(OK)),
    "committee:agenda_publish": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:agenda_publish_supplementary": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:meeting_postpone": Expect("meeting", get=governance_only(), post=governance_only(OK)),
    "committee:meeting_cancel": Expect("meeting", get=governance_only(), post=governance_only(OK)),
    # Work programmes (governance officers) -----------------------------------------------------
    "committee:work_programme_manage": Expect("committee", get=governance_only()),
    "committee:work_programme_item_add": Expect("committee", get=governance_only(), post=governance_only(OK)),
    "committee:work_programme_table": Expect("committee", get=governance_only(), post=governance_only(OK)),
    "committee:work_programme_export": Expect("committee", get=governance_only()),
    "committee:work_programme_import": Expect("committee", get=governance_only(), post=governance_only(OK)),
    "committee:work_programme_publish": Expect("committee", get=POST_ONLY, post=governance_only(OK)),
    "committee:work_programme_item_edit": Expect("wp_item", get=wp_manager(), post=wp_manager(OK)),
    "committee:work_programme_item_move": Expect("wp_item", get=wp_manager(), post=wp_manager(OK)),
    "committee:work_programme_item_route": Expect("wp_item", get=wp_manager(), post=wp_manager(OK)),
    # The public site: meetings, minutes, calendars, feeds and search --------------------------
    "committee:meeting_list": Expect("none", get=public),
    "committee:meeting_calendar": Expect("none", get=public),
    "committee:ical_all": Expect("none", get=public),
    "committee:ical_committee": Expect("committee", get=public),
    "committee:documents_feed": Expect("none", get=public),
    # Councillors and their registers of interests (members/, web/views/councillors.py, register.py).
    "members:councillor_list": Expect("none", get=public),
    "members:councillor": Expect("councillor", get=public),
    "members:register_history": Expect("councillor", get=public),
    "members:councillor_photo": Expect("councillor", get=always(404)),  # the matrix's councillor has none
    "members:committee_attendance": Expect("committee", get=public),
    "members:my_register": Expect("none", get=logged_in(always(200))),  # every persona is a Person
    "members:my_register_add": Expect("none", get=POST_ONLY, post=logged_in(always(OK))),
    "members:my_gift_add": Expect("none", get=POST_ONLY, post=logged_in(always(OK))),
    "members:my_register_change": Expect(
        "councillor", get=POST_ONLY, post=logged_in(lambda p, s: OK if p == "committee_member" else 404)
    ),
    "members:register_review": Expect("none", get=logged_in(lambda p, s: 200 if p == "monitoring_officer" else 403)),
    "members:register_publish": Expect("councillor", get=POST_ONLY, post=monitoring_officer_only),
    "members:gift_publish": Expect("councillor", get=POST_ONLY, post=monitoring_officer_only),
    "members:dispensation_add": Expect("none", get=POST_ONLY, post=monitoring_officer_only),
    "members:councillor_records": Expect("none", get=records_keepers()),
    "members:councillor_profile_edit": Expect("councillor", get=records_keepers(), post=records_keepers(OK)),
    "members:absences": Expect("none", get=records_keepers()),
    "members:absence_approve": Expect("none", get=POST_ONLY, post=records_keepers(OK)),
    # Public pages only: tests/web/test_sitemap.py checks no exempt or unpublished page is listed.
    "sitemap": Expect("none", get=public),
    # Council identity (issue 17): the council's colours as a stylesheet, the same for everybody.
    "council_stylesheet": Expect("none", get=public),
    # Every report's summary contains the word: results may only show what the visitor may read.
    "committee:search": Expect("none", get=public, query="q=Summary"),
    # E-mail alerts (alerts/): no account; a signed link is an address's key, and the matrix's is not one.
    # What a subscriber is sent, for every report state, is tests/alerts/test_alert_access.py.
    "alerts:subscribe": Expect("none", get=public, post=always(200)),
    "alerts:confirm": Expect("none", get=always(404), post=always(404)),
    "alerts:unsubscribe": Expect("none", get=always(404), post=always(404)),
    "alerts:manage": Expect("none", get=always(404), post=always(405)),
    "alerts:stop_alert": Expect("none", get=always(405), post=always(404)),
    "alerts:delete_address": Expect("none", get=always(405), post=always(404)),
    "alerts:manage_language": Expect("none", get=always(405), post=always(404)),
    "alerts:member_papers": Expect("none", get=logged_in(always(200)), post=logged_in(always(302))),
    # The members' pack holds the Part 2 papers: the committee's members and the governance team.
    "committee:meeting_pack": Expect("pack", get=lambda p, s: 200 if s == "public" or p in PART_2_READERS else 404),
    "reports:report_pdf": Expect("report", get=reader_or_404),
    "reports:report_docx": Expect("report", get=reader_or_404),
    # A published report in both languages: its public edition (an exempt report's readers are Part 2's),
    # rendered by the worker; the matrix's council has not had it rendered, so a reader is told it is
    # being prepared. Nothing unpublished is printed so.
    "reports:report_bilingual_pdf": Expect(
        "report", get=lambda persona, state: 503 if state in PUBLISHED and persona in READERS[state] else 404
    ),
    "reports:report_text": Expect("report", get=reader_or_404),
    "reports:appendix_file": Expect("report", get=reader_or_404),
    # The report states tried here have no redacted version: nobody finds one (test_each_file tries
    # the redacted_version state's).
    "reports:appendix_redacted_file": Expect("report", get=lambda persona, state: 404),
    "reports:paper_file": Expect("report", get=reader_or_404),
    # Minutes and packs (governance officers) -----------------------------------------------------
    "committee:agenda_packs_rebuild": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:minutes_edit": Expect("meeting", get=governance_only()),
    "committee:minutes_attendance": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:minutes_declaration": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:minutes_notes": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:minutes_decision": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:minutes_named_vote": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:minutes_publish": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:minutes_confirm": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    # Only the decided meeting has minutes: its public pages are found by everyone, the others' by nobody.
    "committee:meeting_decisions": Expect("meeting", get=minutes_published),
    "committee:meeting_minutes": Expect("meeting", get=minutes_published),
    # Open data: OParl 1.1 and the Modern.gov-compatible web service and old page addresses ------
    "opendata:open_data": Expect("none", get=public),
    "opendata:download": Expect("dataset", get=public),
    "opendata:oparl_system": Expect("none", get=public),
    "opendata:oparl_bodies": Expect("none", get=public),
    "opendata:oparl_body": Expect("none", get=public),
    "opendata:oparl_body_list": Expect("none", get=public),
    "opendata:oparl_organization_meetings": Expect("committee", get=public),
    # A report as an OParl paper: open data holds only what anybody may read.
    "opendata:oparl_object": Expect("report", get=lambda p, s: 200 if s in PUBLIC_REPORTS else 404),
    "^oparl/(?P<rest>.*)$": Expect("none", get=always(404)),
    "opendata:appendix_download": Expect("report", get=reader_or_404),
    "opendata:background_paper_download": Expect("report", get=reader_or_404),
    "opendata:report_download": Expect("report", get=reader_or_404),
    # Only the decided meeting has minutes. The open-data pack download is the public pack
    # whichever pack the matrix names (it has no variant): never the members' pack's Part 2 papers.
    "opendata:minutes_download": Expect("meeting", get=minutes_published),
    # Executive decisions: notices and call-in (the public pages; officers' steps) ---------------
    "committee:decision_list": Expect("none", get=public),
    "committee:decision_notice": Expect("notice", get=public),
    "committee:decision_notice_publish": Expect("meeting", get=POST_ONLY, post=governance_only(OK)),
    "committee:call_in_record": Expect("notice", get=POST_ONLY, post=governance_only(OK)),
    "committee:call_in_outcome": Expect("notice", get=POST_ONLY, post=governance_only(OK)),
    "opendata:agenda_pack_download": Expect("pack", get=public),
    # Online call-in (issue 19): a councillor with a seat, not on Cabinet (which took the decision),
    # signs; Cabinet's members and officers are refused, the anonymous visitor sent to log in. The
    # called-in (exempt) notice refuses further signatures with a message (a redirect).
    "committee:call_in_sign": Expect(
        "notice",
        get=POST_ONLY,
        post=logged_in(lambda persona, state: OK if persona == "other_committee_member" else 403),
        data={"reasons": "The consultation was too short."},
    ),
    # The public's decisions data (issue 19): lists, the feed and, through the "dataset" subject,
    # the decision notices' CSV; the exempt notice's canaries must reach none of them.
    "committee:decisions_awaiting_call_in": Expect("none", get=public),
    "committee:decisions_feed": Expect("none", get=public),
    "committee:committee_decisions": Expect("committee", get=public),
    # Decisions taken outside meetings (issue 19): governance officers draft and publish them; the
    # matrix's empty POST of a new record is refused with the form's errors (400).
    "committee:decision_records": Expect("none", get=governance_only()),
    # Actions arising from minutes: governance officers record and update them (the empty POST: 400).
    "committee:minutes_action": Expect("meeting", get=POST_ONLY, post=governance_only(400)),
    "committee:actions_manage": Expect("none", get=governance_only()),
    "committee:action_update": Expect("action", get=POST_ONLY, post=governance_only(OK)),
    "committee:decision_record_new": Expect("none", get=governance_only(), post=governance_only(400)),
    "committee:decision_record_edit": Expect("record", get=governance_only(), post=governance_only(400)),
    "committee:decision_record_publish": Expect("record", get=POST_ONLY, post=governance_only(OK)),
    # A report's route through meetings (issue 19): governance officers set it; readers of the
    # report get 403, everybody else 404.
    "reports:report_route": Expect("report", get=route_setter(200), post=route_setter(OK)),
    "reports:report_route_step": Expect("report", get=POST_ONLY, post=route_setter(OK)),
    "mgWebService.asmx/<str:operation>": Expect("meeting", get=public, query="lMeetingId={meeting}"),
    "mgwebservice.asmx/<str:operation>": Expect("meeting", get=public, query="lMeetingId={meeting}"),
    "mgAi.aspx": Expect("none", get=always(404), query="ID=999"),
    "mgai.aspx": Expect("none", get=always(404), query="ID=999"),
    "mgCommitteeDetails.aspx": Expect("none", get=always(404), query="ID=999"),
    "mgcommitteedetails.aspx": Expect("none", get=always(404), query="ID=999"),
    "mgListPlans.aspx": Expect("none", get=always(404), query="ID=999"),
    "mglistplans.aspx": Expect("none", get=always(404), query="ID=999"),
    "mgUserInfo.aspx": Expect("none", get=always(404), query="UID=999"),
    "mguserinfo.aspx": Expect("none", get=always(404), query="UID=999"),
    "ieListDocuments.aspx": Expect("none", get=always(404), query="MId=999"),
    "ielistdocuments.aspx": Expect("none", get=always(404), query="MId=999"),
}


# The Django admin: every admin URL sends anyone without a staff login to the admin's login page
# (checked for all of them in test_every_admin_url_needs_a_staff_login); this sample also runs
# through the full matrix. Governance officers are staff; what they may change follows their
# group's model permissions.
def admin_page(persona: str, state: str):
    return 200 if persona in GOVERNANCE else "login"


def admin_model_page(persona: str, state: str):
    """Governance officers are staff but hold no model permissions: they work in the app's pages."""
    return {"administrator": 200, "governance_officer": 403}.get(persona, "login")


# The reading room (reading_room/) -------------------------------------------------------------
# A signed-in person's own papers and notes: published reports they may read, as last published.


def reading_room_reader(allowed=200) -> Rule:
    return logged_in(lambda p, s: allowed if s in PUBLISHED and p in READERS[s] else 404)


EXPECTATIONS.update(
    {
        "reading_room:my_meetings": Expect("none", get=logged_in(always(200))),
        "reading_room:meeting": Expect(
            "meeting", get=logged_in(lambda p, s: 404 if s == "agenda_being_built" and p not in GOVERNANCE else 200)
        ),
        "reading_room:report": Expect("report", get=reading_room_reader()),
        # The matrix's empty note is refused with the form's errors (400), to those who may read the report.
        "reading_room:note_add": Expect("report", get=POST_ONLY, post=reading_room_reader(400)),
        "reading_room:appendix_note_add": Expect("report", get=POST_ONLY, post=reading_room_reader(400)),
        "reading_room:note_delete": Expect("report", get=POST_ONLY, post=reading_room_reader(302)),
        "reading_room:report_changes": Expect("report", get=reading_room_reader()),
        "reading_room:notes_export": Expect("none", get=logged_in(always(200))),
        "reading_room:notes_delete_all": Expect("none", get=POST_ONLY, post=logged_in(always(302))),
        # Offline: the service worker's script is the same for everybody; what a device may keep is asked
        # by each signed-in person of their own access.
        "reading_room_service_worker": Expect("none", get=public),
        "reading_room:offline_entitlement": Expect("none", get=logged_in(always(200))),
    }
)

ADMIN_SAMPLE: dict[str, Expect] = {
    "admin:index": Expect("none", get=admin_page),
    "admin:reports_report_changelist": Expect("none", get=admin_model_page),
    "admin:reports_report_change": Expect("report", get=admin_model_page),
    "admin:auth_user_changelist": Expect("none", get=admin_model_page),
}
