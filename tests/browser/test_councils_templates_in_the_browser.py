"""Done when (issue 17), in a real browser: five more councils' reports (Durham, the Isle of Wight,
Mole Valley, Cardiff, Denbighshire; ../shared/examples/) set up through the user interface alone, with
no JSON and no HTML typed: the council, its committee, wards and people in the admin's forms, its
meeting on the meetings page, its template on the template builder (Denbighshire's wording in Welsh and
English, Welsh first); the report on its meeting's agenda where the template prints the item's number;
then each report's opening (title block, summary, recommendations, first numbered paragraphs) drafted
in the editor, its Welsh written where the council is Welsh, published, and its public page and PDF
compared, line by line and in order, with the council's own text. Screenshots of each page and each
PDF's pages (pdftoppm) are left in test-artifacts/councils/ to be looked at beside the source."""

from __future__ import annotations

import datetime
import io
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import time_machine
import weasyprint
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from committee import access
from committee.models import Committee, Meeting
from reports.models import Report, Section
from tests.browser.builders import run_the_worker
from tests.browser.conftest import describe, run_axe
from tests.conftest import make_user

pytestmark = pytest.mark.browser

EXAMPLES = Path(settings.BASE_DIR).parent / "shared" / "examples"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "councils"


@dataclass
class Row:
    label: str
    kind: str
    show_label: bool = True
    choices: str = ""
    date_style: str = ""  # blank: as the template prints dates
    label_cy: str = ""
    same_line: bool = False  # printed on the line of the row before


@dataclass
class TemplateSpec:
    name: str
    rows: list[Row]
    sections: list[str]
    settings: dict[str, str]
    summary_heading: str = "Summary"
    recommendations_heading: str = "Recommendations"
    welsh: dict[str, str] = field(default_factory=dict)  # the wording's Welsh, by its field's name
    sections_cy: list[str] = field(default_factory=list)  # the sections' headings in Welsh


@dataclass
class Council:
    """One council's example: what its administrators set up and its author types, all from the source."""

    slug: str
    source: str
    council: str
    committee: str
    meeting: datetime.date
    today: datetime.datetime
    template: TemplateSpec
    title: str
    report_of: str
    wards: list[str] = field(default_factory=list)
    nation: str = "england"
    welsh_name: str = ""  # the council's, and its committee's
    committee_cy: str = ""
    opening_items: list[str] = field(default_factory=list)  # the committee's, before the report on its agenda
    welsh: dict[str, str] = field(default_factory=dict)  # the report's Welsh, by its box on the Welsh page
    appendices: list[tuple[str, int | None]] = field(default_factory=list)  # title, exempt paragraph
    people: list[tuple[str, str]] = field(default_factory=list)  # (name, job title)
    details: dict[str, str] = field(default_factory=dict)  # label -> value typed (fill)
    choices: list[str] = field(default_factory=list)  # labels of radios to choose
    people_chosen: list[str] = field(default_factory=list)
    key_decision: str = ""  # the forward plan reference
    summary: str = ""
    recommendations: list[str] = field(default_factory=list)
    paragraphs: dict[str, list[str]] = field(default_factory=dict)  # section heading -> paragraphs typed
    # What the council printed, in order: each must be in the source, and then on the page and in the PDF.
    expected: list[str] = field(default_factory=list)
    # What we print differently from the source, in order too.
    ours: list[str] = field(default_factory=list)
    # Dates and numbers exactly as the council prints them (case and full stops, which `expected` reads past).
    exact: list[str] = field(default_factory=list)


DURHAM = Council(
    slug="durham",
    source="report-durham-ox-close-amalgamation-2021.txt",
    council="Durham County Council",
    committee="Cabinet",
    meeting=datetime.date(2021, 4, 21),
    today=datetime.datetime(2021, 3, 15, 10, tzinfo=datetime.UTC),
    template=TemplateSpec(
        name="Cabinet report (Durham)",
        rows=[
            Row("Meeting", "committee", show_label=False),
            Row("Date", "meeting_date", show_label=False),
            Row("Title", "title", show_label=False),
            Row("Key Decision No", "forward_plan_reference"),
            Row("Report of", "report_of"),
            Row("Management team members", "people", show_label=False),
            Row("Electoral division(s) affected", "wards"),
        ],
        sections=["Purpose of the Report", "Executive summary"],
        settings={
            "opening": "sections_first",
            "title_placement": "row",
            "title_block_layout": "lines",
            "heading_case": "as_written",
            "numbering": "flat",
        },
    ),
    title=(
        "Proposal to amalgamate Ox Close Primary and Oxclose Nursery Schools into one primary school in a "
        "replacement new build on the Durham Road site of the former Tudhoe Grange Comprehensive School from "
        "1 September 2024"
    ),
    report_of="Corporate Management Team",
    wards=["Spennymoor and Tudhoe"],
    people=[
        ("John Pearce", "Corporate Director of Children and Young People’s Services"),
        ("Councillor Olwyn Gunn", "Cabinet Portfolio Holder for Children and Young People’s Services"),
    ],
    people_chosen=["John Pearce", "Councillor Olwyn Gunn"],
    key_decision="CYPS/03/2021",
    paragraphs={
        "Purpose of the Report": [
            "To seek Cabinet approval to amalgamate Ox Close Primary and Oxclose Nursery Schools into one "
            "primary school in a replacement new build on the Durham Road site of the former Tudhoe Grange "
            "Comprehensive School from 1 September 2024, taking account of the Local Authority’s duties as "
            "prescribed in the Education and Inspections Act 2006 to secure sufficient places and to ensure good "
            "outcomes for all children and young people in the local area",
        ],
        "Executive summary": [
            "Ox Close Primary and Oxclose Nursery Schools formed the Ox Close Federation in November 2018 and "
            "this arrangement is working well Amalgamating the two schools into a single primary school is a "
            "logical progression from the federation arrangement",
        ],
    },
    expected=[
        "Cabinet",
        "21 April 2021",
        "Proposal to amalgamate Ox Close Primary and Oxclose Nursery Schools into one primary school in a "
        "replacement new build on the Durham Road site of the former Tudhoe Grange Comprehensive School from "
        "1 September 2024",
        "Key Decision No CYPS/03/2021",
        "Report of Corporate Management Team",
        "John Pearce, Corporate Director of Children and Young People’s Services",
        "Councillor Olwyn Gunn, Cabinet Portfolio Holder for Children and Young People’s Services",
        "Electoral division(s) affected: Spennymoor and Tudhoe",
        "Purpose of the Report",
        "1 To seek Cabinet approval to amalgamate Ox Close Primary",
        "good outcomes for all children and young people in the local area",
        "Executive summary",
        "2 Ox Close Primary and Oxclose Nursery Schools formed the Ox Close Federation in November 2018",
    ],
    exact=["21 April 2021", "1 To seek Cabinet approval", "2 Ox Close Primary"],
)

ISLE_OF_WIGHT = Council(
    slug="isle-of-wight",
    source="report-iow-undercliff-drive-cpo-2005.txt",
    council="Isle of Wight Council",
    committee="Cabinet",
    meeting=datetime.date(2005, 6, 7),
    today=datetime.datetime(2005, 5, 16, 10, tzinfo=datetime.UTC),
    template=TemplateSpec(
        name="Report to the Cabinet (Isle of Wight)",
        rows=[
            Row("Paper", "free", show_label=False),
            Row("Purpose", "choice", choices="For Decision\nFor Information"),
            Row("Report to", "free", show_label=False),
            Row("Date", "meeting_date"),
            Row("Title", "title"),
            Row("REPORT OF", "report_of"),
            Row("IMPLEMENTATION DATE", "date", date_style="day_month_year"),
        ],
        sections=["SUMMARY/PURPOSE", "BACKGROUND"],
        settings={
            "opening": "sections_first",
            "title_placement": "row",
            "title_block_layout": "lines",
            "heading_case": "as_written",
            "numbering": "flat",
            "full_stops": "all",
            "date_style": "capitals",
        },
    ),
    title="HIGHWAY IMPROVEMENT, UNDERCLIFF DRIVE, ST LAWRENCE – COMPULSORY PURCHASE ORDER",
    report_of=(
        "THE CABINET MEMBER FOR RESOURCES, AUDIT, AN EFFICIENT COUNCIL AND CUSTOMER CHAMPION AND THE CABINET "
        "MEMBER FOR ENVIRONMENT, TRANSPORT AND PLANNING POLICY"
    ),
    details={"Paper": "PAPER E", "Report to": "REPORT TO THE CABINET", "IMPLEMENTATION DATE": "2005-06-20"},
    choices=["For Decision"],
    paragraphs={
        "SUMMARY/PURPOSE": [
            "That the Council resolves to make a Compulsory Purchase Order under Section 240 of the Highway Act "
            "1980. To acquire the land described in this report, and to continue negotiations with landowners.",
        ],
        "BACKGROUND": [
            "The A3055 Undercliff Drive is an important section of the Island’s highway infrastructure that "
            "links the West Wight to the coastal towns of Ventnor, Shanklin and Sandown. It is also a vital "
            "part of the tourist route around the Island.",
            "Periodic damage had occurred to the road over a long period of time necessitating its realignment "
            "in the 1920s. In 2001 a major landslide caused substantial damage to the highway.",
        ],
    },
    expected=[
        "PAPER E",
        "Purpose : For Decision",
        "REPORT TO THE CABINET",
        "Date : 7 JUNE 2005",
        "Title : HIGHWAY IMPROVEMENT, UNDERCLIFF DRIVE, ST LAWRENCE – COMPULSORY PURCHASE ORDER",
        "REPORT OF THE CABINET MEMBER FOR RESOURCES, AUDIT, AN EFFICIENT COUNCIL AND CUSTOMER CHAMPION AND "
        "THE CABINET MEMBER FOR ENVIRONMENT, TRANSPORT AND PLANNING POLICY",
        "IMPLEMENTATION DATE : 20 June 2005",
        "SUMMARY/PURPOSE",
        "1. That the Council resolves to make a Compulsory Purchase Order under Section 240 of the Highway Act",
        "BACKGROUND",
        "2. The A3055 Undercliff Drive is an important section of the Island’s highway infrastructure",
        "3. Periodic damage had occurred to the road over a long period of time",
    ],
    exact=["7 JUNE 2005", "20 June 2005", "1. That the Council resolves", "2. The A3055", "3. Periodic damage"],
)

MOLE_VALLEY = Council(
    slug="mole-valley",
    source="report-molevalley-charlwood-ph-2020.txt",
    council="Mole Valley District Council",
    committee="Development Management Committee",
    meeting=datetime.date(2020, 6, 3),
    today=datetime.datetime(2020, 5, 11, 10, tzinfo=datetime.UTC),
    template=TemplateSpec(
        name="Planning application (Mole Valley)",
        rows=[
            Row("Application Number", "free"),
            Row("Registration Date", "date", date_style="short_month"),
            Row("Applicant", "free"),
            Row("Case Officer", "people"),
            Row("Amendments /amplifications", "free"),
            Row("Committee Date", "meeting_date"),
            Row("Ward(s)", "wards"),
            Row("Proposal", "free"),
            Row("Site Description", "free"),
        ],
        sections=["Development Plan", "Relevant Planning History"],
        settings={
            "opening": "recommendations_first",
            "title_placement": "hidden",
            "title_block_layout": "table",
            "heading_case": "as_written",
            "numbering": "decimal",
            "recommendation_numbering": "none",
        },
        recommendations_heading="RECOMMENDATION",
    ),
    title="The Charlwood (PH), 12 The Street, Charlwood: single storey rear extension",
    report_of="Case Officer",
    wards=["Charlwood"],
    people=[("Mark Brodie", "")],
    people_chosen=["Mark Brodie"],
    details={
        "Application Number": "MO/2020/0160 (Detailed)",
        "Registration Date": "2020-01-21",
        "Applicant": "Greene King Pub Partners",
        "Proposal": "Erection of single storey rear extension, covered pergola, extension to patio area, new "
        "cycle parking and alterations to car park and yard.",
        "Site Description": "The Charlwood (PH), 12, The Street, Charlwood, , , RH6 0BY",
    },
    summary=(
        "The site lies within the large rural village of Charlwood. Planning permission is sought for a proposed "
        "single-storey rear extension to provide a new dining area providing 20 covers; the retrospective "
        "enclosure of the former oak framed smoking shelter to provide additional dining area and removal of "
        "glazed doors on the south elevation and for their installation on the north elevation facing the "
        "extended patio."
    ),
    recommendations=["Approve subject to conditions"],
    paragraphs={"Development Plan": ["Large rural village"]},
    expected=[
        "Application Number MO/2020/0160 (Detailed)",
        "Registration Date 21-Jan-2020",
        "Applicant Greene King Pub Partners",
        "Case Officer Mark Brodie",
        "Amendments /amplifications",
        "Committee Date 3 June 2020",
        "Ward(s) Charlwood",
        "Proposal Erection of single storey rear extension, covered pergola, extension to patio area, new "
        "cycle parking and alterations to car park and yard.",
        "Site Description The Charlwood (PH), 12, The Street, Charlwood, , , RH6 0BY",
        "RECOMMENDATION: Approve subject to conditions",
        "Summary",
        "The site lies within the large rural village of Charlwood.",
        "1. Development Plan",
        "1.1 Large rural village",
        "2. Relevant Planning History",
    ],
    exact=["21-Jan-2020", "3 June 2020", "1. Development Plan", "1.1 Large rural village"],
)


CARDIFF = Council(
    slug="cardiff",
    source="report-cardiff-atlantic-wharf-masterplan-2020.txt",
    council="Cardiff Council",
    welsh_name="Cyngor Caerdydd",
    nation="wales",
    committee="Cabinet",
    committee_cy="Cabinet",
    meeting=datetime.date(2020, 12, 17),
    today=datetime.datetime(2020, 11, 23, 10, tzinfo=datetime.UTC),
    # Ten items come before the report on the Cabinet's agenda: it is item 11.
    opening_items=[f"Item {number} of the Cabinet's business" for number in range(1, 11)],
    template=TemplateSpec(
        name="Cabinet report (Cardiff)",
        rows=[
            Row("Committee", "committee", show_label=False),
            Row("MEETING", "meeting_date", same_line=True),
            Row("Title", "title", show_label=False),
            Row("Portfolio", "free", show_label=False),
            Row("AGENDA ITEM", "agenda_item", same_line=True),
        ],
        sections=["Reason for this Report", "Background"],
        settings={
            "opening": "sections_first",
            "title_placement": "row",
            "title_block_layout": "lines",
            "title_block_case": "capitals",
            "heading_case": "as_written",
            "numbering": "flat",
            "full_stops": "all",  # "1. To seek Cabinet approval …"
            "appendix_labels": "numbers",
            "exempt_appendix_notices": "combined",  # one notice for appendices 2 to 6, as Cardiff prints it
        },
    ),
    title="Atlantic Wharf Masterplan",
    report_of="Director of Economic Development",
    # The stored copy lost the councillor's name; the council's own report names him.
    details={"Portfolio": "Investment & Development (Councillor Russell Goodway)"},
    welsh={"title": "Prif Gynllun Glanfa'r Iwerydd", "report_of": "Cyfarwyddwr Datblygu Economaidd"},
    # Appendices 2 to 6 exempt under paragraphs 14 and 16 of Part 4 of the Welsh Schedule 12A.
    appendices=[
        ("Draft Atlantic Wharf masterplan", None),
        ("Land ownership and valuations", 14),
        ("Development appraisal", 14),
        ("Indoor Arena heads of terms", 14),
        ("Procurement options", 14),
        ("Legal advice on the land transactions", 16),
    ],
    paragraphs={
        "Reason for this Report": [
            "To seek Cabinet approval of the draft Atlantic Wharf masterplan relating to the regeneration of circa "
            "25 acres of Council owned land in Butetown.",
            "To seek authority to commence a public consultation process to engage local residents and businesses "
            "on the proposals.",
            "Following completion of the consultation process, to seek authority to prepare of an outline planning "
            "application, to support delivery of the Indoor Arena project.",
        ],
        "Background": [
            "The regeneration of Cardiff Bay is widely regarded as an exemplar urban transformation project.",
            "In 1987, the Cardiff Bay Development Corporation was established by the UK Government to provide a "
            "dedicated regeneration focus over an area that made up almost one sixth of the total area of Cardiff.",
        ],
    },
    expected=[
        "COUNCIL CYNGOR CAERDYDD",
        "CABINET MEETING: 17 DECEMBER 2020",
        "ATLANTIC WHARF MASTERPLAN",
        "INVESTMENT & DEVELOPMENT (COUNCILLOR",
        "AGENDA ITEM: 11",
        "Appendices 2 - 6 of this report are not for publication as they contain exempt information of the "
        "description contained in paragraphs 14 and 16 of part 4 and paragraph 21 of part 5 of Schedule 12A of the "
        "Local Government Act 1972",
        "Reason for this Report",
        "1. To seek Cabinet approval of the draft Atlantic Wharf masterplan relating to the regeneration of circa "
        "25 acres of Council owned land in",
        "2. To seek authority to commence a public consultation process to engage local residents and businesses "
        "on the proposals.",
        "3. Following completion of the consultation process, to seek authority to prepare of an outline planning "
        "application, to support delivery of the Indoor Arena project.",
        "Background",
        "4. The regeneration of Cardiff Bay is widely regarded as an exemplar urban transformation project.",
        "5. In 1987, the Cardiff Bay Development Corporation was established by the UK Government",
    ],
    # The portfolio and the agenda item on one line, as the source prints them (its copy lost the name);
    # under them one notice for the exempt appendices, in the council's words (in `expected`), not one each.
    ours=[
        "INVESTMENT & DEVELOPMENT (COUNCILLOR RUSSELL GOODWAY) AGENDA ITEM: 11",
        "Reason for this Report",
    ],
    exact=["Appendices 2 - 6 of this report are not for publication"],
)

DENBIGHSHIRE_TITLE = (
    "TOWN AND COUNTRY PLANNING ACT 1990 TOWN AND COUNTRY PLANNING (GENERAL PERMITTED DEVELOPMENT PROCEDURE) ORDER "
    "1995 - TO DATE PLANNING AND COMPENSATION ACT 1991 TOWN AND COUNTRY PLANNING ADVERT REGULATIONS 1994 PLANNING "
    "(LISTED BUILDINGS AND CONSERVATION AREAS) ACT 1990 APPLICATIONS FOR PERMISSION FOR DEVELOPMENT"
)
DENBIGHSHIRE_TITLE_CY = (
    "DEDDF CYNLLUNIO TREF A GWLAD 1990 CYNLLUNIO TREF A GWLAD (DATBLYGIAD CYFFREDINOL) GORCHYMYN 1995 - HYD HEDDIW "
    "DEDDF CYNLLUNIO A IAWNDAL 1991 RHEOLIAD HYSBYSEBU CYNLLUNIO TREF A GWLAD 1994 DEDDF CYNLLUNIO (ADEILADAU "
    "RHESTREDIG A CHADWRAETH) 1990 CEISIADAU AM GANIATAD DATBLYGU"
)
DENBIGHSHIRE_PREAMBLE = [
    "These are reports and recommendations by Officers for consideration and resolution by the County Planning "
    "Authority.",
    "All the applications in respect of the proposals specified in this report will be available for inspection by "
    "the Members of the Committee prior to and during the meeting at which the said applications will be considered.",
    "The Background Papers relating to each application, including forms, plans, relevant correspondence, "
    "Development Plan and guidance documents are available for public inspection during normal office hours",
]
DENBIGHSHIRE_PREAMBLE_CY = [
    "Adroddiadau ac argymhellion gan Swyddogion i’w hystyried a’u datrys gan Awdurdod Cynllunio’r Sir.",
    "Bydd pob cais am y cynigion a nodir yn yr adroddiad hwn ar gael i’w archwilio gan Aelodau o’r Pwyllgor cyn ac "
    "yn ystod y cyfarfod lle ystyrir y ceisiadau.",
    "Gellir gweld y Papurau Cefndir i bob cais, gan gynnwys ffurflenni, cynlluniau, gohebiaeth, Cynllun Datblygiad a "
    "dogfennau arweiniad yn ystod yr oriau swyddfa arferol.",
    "Nid yw’r atodiad y cyfeiriwyd ato yn yr adroddiad ar gael yn Gymraeg ac mae hynny yn unol â Chynllun Iaith "
    "Gymraeg y Cyngor",
]

DENBIGHSHIRE = Council(
    slug="denbighshire",
    source="report-denbighshire-planning-applications-2006.txt",
    council="Denbighshire County Council",
    welsh_name="Cyngor Sir Ddinbych",
    nation="wales",
    committee="Planning Committee",
    committee_cy="Pwyllgor Cynllunio",
    meeting=datetime.date(2006, 9, 6),
    today=datetime.datetime(2006, 8, 14, 10, tzinfo=datetime.UTC),
    opening_items=["Apologies for absence"],
    template=TemplateSpec(
        name="Planning applications (Denbighshire)",
        rows=[
            Row("Committee", "committee", show_label=False),
            Row("MEETING", "meeting_date", label_cy="CYFARFOD"),
            Row("Agenda Item", "agenda_item", label_cy="Eitem"),
            Row("Title", "title", show_label=False),
        ],
        # The preamble is the report's summary, printed without a heading of its own.
        summary_heading="",
        sections=["INDEX TO REPORT"],
        sections_cy=["MYNEGAI I’R ADRODDIAD"],
        welsh={"recommendations_heading_cy": "Argymhellion"},
        settings={
            "languages": "welsh_first",
            "opening": "sections_first",
            "title_placement": "row",
            "title_block_layout": "lines",
            "heading_case": "as_written",
            "numbering": "flat",
        },
    ),
    title=DENBIGHSHIRE_TITLE,
    report_of="Head of Planning and Public Protection",
    summary="\n\n".join(DENBIGHSHIRE_PREAMBLE),
    welsh={
        "title": DENBIGHSHIRE_TITLE_CY,
        "report_of": "Pennaeth Cynllunio a Gwarchod y Cyhoedd",
        "summary": "\n\n".join(DENBIGHSHIRE_PREAMBLE_CY),
    },
    paragraphs={"INDEX TO REPORT": ["30/2006/0426/PF Land at Ffordd Talargoch, Meliden"]},
    expected=[
        "PWYLLGOR CYNLLUNIO PLANNING COMMITTEE",
        "Eitem: 2 Agenda Item: 2",
        DENBIGHSHIRE_TITLE_CY,
        *DENBIGHSHIRE_PREAMBLE_CY,
        *DENBIGHSHIRE_PREAMBLE,
        "INDEX TO REPORT",
        "1 30/2006/0426/PF Land at",
    ],
    # The meeting's date in our one date style, in Welsh then English; the title once, Welsh first, as the
    # template prints every heading ("Welsh / English"), where the source sets the English title after the
    # Welsh preamble.
    ours=[
        "CYFARFOD: 6 Medi 2006 / MEETING: 6 September 2006",
        f"{DENBIGHSHIRE_TITLE_CY} / {DENBIGHSHIRE_TITLE}",
        "MYNEGAI I’R ADRODDIAD / INDEX TO REPORT",
    ],
)


def normalised(text: str) -> str:
    """Text compared as a reader reads it: case, spacing (a line wrapped after a slash included), colons
    after labels, the slash between Welsh and English, and a full stop after a paragraph's number aside
    (the Isle of Wight prints "1.", Durham "1"; both read one)."""
    text = text.replace("’", "'").replace("\u00a0", " ").lower()
    text = text.replace(" / ", " ")  # Welsh / English, as a bilingual template prints a heading or a line
    text = re.sub(r"\s*:\s*", " ", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"/ ", "/", text)  # a label wrapped after its slash in a narrow column
    return re.sub(r"(?<![\d.])(\d+)\. ", r"\1 ", text).strip()


def in_order(haystack: str, needles: list[str]) -> list[str]:
    """The needles not found in the haystack in the order given (empty when all are)."""
    missing, at = [], 0
    for needle in needles:
        found = haystack.find(normalised(needle), at)
        if found < 0:
            missing.append(needle)
        else:
            at = found + len(normalised(needle))
    return missing


def sign_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def admin_save(page) -> None:
    page.locator("input[name=_save]").click()
    page.locator(".messagelist .success").first.wait_for()


def set_up_the_council(page, base: str, council: Council) -> None:
    """The administrator, in the admin's forms: the council, its committee, wards and people."""
    page.goto(f"{base}/admin/committee/council/")
    page.locator("#id_name").fill(council.council)
    page.locator("#id_welsh_name").fill(council.welsh_name)
    page.locator("#id_nation").select_option(council.nation)
    if council.nation == "wales":  # its language scheme: the report's opening in Welsh before it is published
        page.locator("#id_welsh_required").select_option("summary")
    admin_save(page)
    page.goto(f"{base}/admin/committee/committee/add/")
    page.locator("#id_name").fill(council.committee)
    page.locator("#id_name_cy").fill(council.committee_cy)
    page.locator("#id_slug").fill(council.slug + "-committee")
    page.locator("#id_standard_opening_items").fill("\n".join(council.opening_items))
    for role in ("legal", "finance", "director"):  # this test's councils clear reports without sign-offs
        page.locator(f"#id_requires_{role}_signoff").uncheck()
    admin_save(page)
    for ward in council.wards:
        page.goto(f"{base}/admin/committee/ward/add/")
        page.locator("#id_name").fill(ward)
        page.locator("#id_slug").fill(re.sub(r"[^a-z]+", "-", ward.lower()))
        admin_save(page)
    for name, job_title in council.people:
        page.goto(f"{base}/admin/committee/person/add/")
        page.locator("#id_name").fill(name)
        page.locator("#id_kind").select_option("officer" if "Councillor" not in name else "councillor")
        page.locator("#id_job_title").fill(job_title)
        admin_save(page)


def build_the_template(page, base: str, council: Council) -> None:
    """The administrator, on the template builder: wording, layout, rows and sections, each typed into the
    blank the page offers, "Add another" asked for the next (the page comes back with what was typed and
    one more blank), previewed, then saved."""
    spec = council.template
    committee = Committee.objects.get(name=council.committee)
    page.goto(base + reverse("reports:template_new"))
    page.locator("#id_name").fill(spec.name)
    page.locator(f"input[name=committees][value='{committee.pk}']").check()
    page.locator("#id_summary_heading").fill(spec.summary_heading)
    page.locator("#id_recommendations_heading").fill(spec.recommendations_heading)
    for name, value in spec.welsh.items():
        page.locator(f"#id_{name}").fill(value)
    for name, value in spec.settings.items():
        page.locator(f"input[name={name}][value={value}]").check()
    # The live preview: a new template has none until the page's script sends what is typed.
    page.locator("#preview article.council-report").wait_for()
    assert spec.recommendations_heading.lower() in page.locator("#preview").inner_text().lower()
    assert page.locator("legend", has_text="A new row").count() == 1  # one blank, not three
    for index, row in enumerate(spec.rows):
        if index:
            page.get_by_role("button", name="Add another row").click()
        page.locator(f"#id_rows-{index}-label").fill(row.label)
        page.locator(f"#id_rows-{index}-kind").select_option(row.kind)
        if not row.show_label:
            page.locator(f"#id_rows-{index}-show_label").uncheck()
        if row.choices:
            page.locator(f"#id_rows-{index}-choices").fill(row.choices)
        if row.date_style:
            page.locator(f"#id_rows-{index}-date_style").select_option(row.date_style)
        if row.label_cy:
            page.locator(f"#id_rows-{index}-label_cy").fill(row.label_cy)
        if row.same_line:
            page.locator(f"#id_rows-{index}-same_line").check()
    for index, heading in enumerate(spec.sections):
        if index:
            page.get_by_role("button", name="Add another section or sub-heading").click()
        page.locator(f"#id_sections-{index}-heading").fill(heading)
        if index < len(spec.sections_cy):
            page.locator(f"#id_sections-{index}-heading_cy").fill(spec.sections_cy[index])
    # Nothing typed was lost on the way: every row is still there, in order.
    labels = [page.locator(f"#id_rows-{index}-label").input_value() for index in range(len(spec.rows))]
    assert labels == [row.label for row in spec.rows]
    page.get_by_role("button", name="Preview a sample report").click()
    page.get_by_text("As typed, not yet saved.").wait_for()
    assert spec.sections[0] in page.locator("#preview").inner_text()
    violations = run_axe(page)
    assert violations == [], describe(violations)
    page.get_by_role("button", name="Save the template", exact=True).last.click()
    page.get_by_text(f"The template “{spec.name}” is saved").wait_for()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{council.slug}-template-builder.png"), full_page=True)


def schedule_the_meeting(page, base: str, council: Council) -> Meeting:
    committee = Committee.objects.get(name=council.committee)
    page.goto(base + reverse("committee:meeting_schedule", args=[committee.slug]))
    page.get_by_label("Date", exact=True).fill(council.meeting.isoformat())
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_load_state()
    return Meeting.objects.get(committee=committee)


def add_text(page, link, field: str, text: str) -> None:
    link.click()
    page.locator(field).fill(text)
    page.locator(field).locator("xpath=ancestor::form").get_by_role("button").first.click()
    page.locator(field).wait_for(state="detached")


def draft_the_opening(page, base: str, council: Council, meeting: Meeting) -> Report:
    """The author: starts the report from the council's template, fills in its title block and types
    its opening in the editor."""
    committee = Committee.objects.get(name=council.committee)
    page.goto(base + reverse("reports:report_new"))
    page.get_by_label("Committee", exact=True).select_option(str(committee.pk))
    page.get_by_label(council.template.name).check()
    page.get_by_label("Meeting", exact=True).select_option(str(meeting.pk))
    page.get_by_label("Title", exact=True).fill(council.title)
    page.get_by_label("Report of", exact=True).fill(council.report_of)
    page.get_by_role("button", name="Start the report").click()
    page.get_by_role("heading", name="Edit the report").wait_for()
    report = Report.objects.get(title=council.title)

    page.get_by_role("link", name="Change the details").click()
    if council.wards:
        page.get_by_label("The report affects all wards").uncheck()
        for ward in council.wards:
            page.get_by_label(ward, exact=True).check()
    if council.key_decision:
        page.get_by_label("Key decision", exact=True).check()
        page.get_by_label("Forward plan reference").fill(council.key_decision)
    for label, value in council.details.items():
        page.get_by_label(label, exact=True).fill(value)
    for choice in council.choices:
        page.get_by_label(choice, exact=True).check()
    people_row = next((row.label for row in council.template.rows if row.kind == "people"), "")
    for name in council.people_chosen:  # in the row's own group: the contact officers are listed too
        page.get_by_role("group", name=people_row).get_by_label(re.compile(re.escape(name))).check()
    page.get_by_role("button", name="Save the details").click()
    page.get_by_role("heading", name="Edit the report").wait_for()

    if council.summary:
        page.get_by_role("link", name="Edit the summary").click()
        page.locator("#summary-text").fill(council.summary)
        page.get_by_role("button", name="Save the summary").click()
        page.locator("#summary-text").wait_for(state="detached")
    for text in council.recommendations:
        add_text(page, page.get_by_role("link", name="Add a recommendation"), "#recommendation-new-text", text)
    for heading, paragraphs in council.paragraphs.items():
        section = Section.objects.get(report=report, heading=heading)
        for text in paragraphs:
            link = page.locator(f"#add-section-{section.pk}").get_by_role("link")
            add_text(page, link, f"#section-{section.pk}-new-text", text)
    for number, (title, paragraph) in enumerate(council.appendices, start=1):
        path = ARTIFACTS / f"{council.slug}-appendix-{number}.pdf"
        weasyprint.HTML(string=f"<h1>{title}</h1>").write_pdf(path)
        page.get_by_role("link", name="Add an appendix").click()
        page.get_by_label("Title of the appendix").fill(title)
        page.get_by_label("File").set_input_files(str(path))
        if paragraph:
            page.get_by_label("Exempt information (Part 2)").select_option(str(paragraph))
        page.get_by_role("button", name="Upload the appendix").click()
        page.get_by_role("link", name=title).wait_for()
    violations = run_axe(page)
    assert violations == [], describe(violations)
    return report


def write_the_welsh(page, base: str, council: Council, report: Report) -> None:
    """The author, on the report's Welsh page: what the council's language scheme asks for."""
    if not council.welsh:
        return
    page.goto(base + reverse("reports:report_welsh", args=[report.pk]))
    for key, text in council.welsh.items():
        page.locator(f"#welsh-{key}").fill(text)
    page.get_by_role("button", name="Save the Welsh").click()
    page.get_by_text("Welsh complete").wait_for()


def put_it_on_the_agenda(page, base: str, council: Council, meeting: Meeting, report: Report) -> None:
    """The governance officer: the committee's standard opening items, then the report."""
    if not any(row.kind == "agenda_item" for row in council.template.rows):
        return
    page.goto(base + reverse("committee:agenda_build", args=[meeting.pk]))
    page.get_by_role("button", name="Add the standard opening items").click()
    page.wait_for_load_state()
    page.get_by_label("Report", exact=True).select_option(str(report.pk))
    page.get_by_role("button", name="Add report").click()
    page.wait_for_load_state()


def publish(page, base: str, council: Council, meeting: Meeting, report: Report) -> None:
    """The author writes the Welsh the council asks for and submits it (this committee asks for no
    sign-offs: it is cleared at once); the governance officer puts it on the agenda, approves and
    publishes it."""
    write_the_welsh(page, base, council, report)
    page.goto(base + reverse("reports:report_submit", args=[report.pk]))
    page.get_by_role("button", name="Submit for clearance").click()
    page.wait_for_load_state()
    sign_in(page, base, "governance")
    put_it_on_the_agenda(page, base, council, meeting, report)
    page.goto(base + reverse("reports:report_manage", args=[report.pk]))
    page.get_by_role("button", name="Approve for publication").click()
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
    run_the_worker()  # renders the published report's PDF, as in production


def pdf_pages_as_png(pdf: bytes, slug: str) -> list[Path]:
    path = ARTIFACTS / f"{slug}.pdf"
    path.write_bytes(pdf)
    for old in ARTIFACTS.glob(f"{slug}-pdf-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "70", path.name, f"{slug}-pdf"], cwd=ARTIFACTS, check=True)
    return sorted(ARTIFACTS.glob(f"{slug}-pdf-*.png"))


def check_the_council(live_server, page, council: Council) -> None:
    source = normalised((EXAMPLES / council.source).read_text())
    assert in_order(source, council.expected) == [], "the expected lines are the council's own, in its order"
    base = live_server.url
    make_user("admin", access.ADMINISTRATORS, is_staff=True, is_superuser=True)
    make_user("author", access.REPORT_AUTHORS)
    make_user("governance", access.GOVERNANCE_OFFICERS, is_staff=True)

    sign_in(page, base, "admin")
    set_up_the_council(page, base, council)
    build_the_template(page, base, council)
    sign_in(page, base, "governance")
    meeting = schedule_the_meeting(page, base, council)
    sign_in(page, base, "author")
    report = draft_the_opening(page, base, council, meeting)
    publish(page, base, council, meeting, report)

    # The public's page and PDF, against the source.
    page.context.clear_cookies()
    page.goto(base + reverse("reports:report_detail", args=[report.pk]))
    shown = normalised(page.locator("article.council-report").inner_text())
    page.screenshot(path=str(ARTIFACTS / f"{council.slug}-page.png"), full_page=True)
    violations = run_axe(page)
    assert violations == [], describe(violations)
    response = page.request.get(base + reverse("reports:report_pdf", args=[report.pk]))
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    printed_as_is = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    printed = normalised(printed_as_is)
    assert pdf_pages_as_png(pdf, council.slug)
    assert normalised(council.council) in shown and normalised(council.council) in printed
    for name, text in (("page", shown), ("PDF", printed)):
        assert in_order(text, council.expected) == [], f"{council.slug} {name}: {text[:2000]}"
        assert in_order(text, council.ours) == [], f"{council.slug} {name}"
    # Dates and numbers as the council prints them, case and full stops included.
    for name, text in (("page", page.locator("article.council-report").inner_text()), ("PDF", printed_as_is)):
        squashed = re.sub(r"\s+", " ", text)
        assert [line for line in council.exact if line not in squashed] == [], f"{council.slug} {name}"


@pytest.mark.parametrize("council", [DURHAM, ISLE_OF_WIGHT, MOLE_VALLEY, CARDIFF, DENBIGHSHIRE], ids=lambda c: c.slug)
def test_a_councils_report_is_set_up_drafted_and_published_through_the_ui_as_the_council_prints_it(
    live_server, page, council
):
    page.set_default_timeout(60_000)
    with time_machine.travel(council.today, tick=True):
        check_the_council(live_server, page, council)
