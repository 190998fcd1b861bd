"""The council's real report (shared/examples/report-hmic-child-protection-2017.txt) as structured data."""

import datetime

COMMITTEE = "Children, Education, Libraries and Safeguarding Committee"
MEETING_DATE = datetime.date(2017, 2, 21)

TITLE = (
    "HMIC (Her Majesty's Inspectorate of Constabulary) Report: National Child Protection Inspections, "
    "The Metropolitan Police Service"
)
REPORT_OF = "Commissioning Director, Children and Young People"
CONTACT = {
    "name": "Edward Gilbert",
    "job_title": "Governance Team Leader",
    "email": "Edward.gilbert@barnet.gov.uk",
    "phone": "020 8359 3469",
}

SUMMARY = [
    "From 1st February– 27th May 2016 the HMIC carried out inspections of the child protection services in the "
    "Metropolitan Police Service (MPS). The findings were published in a report, listed as a background paper, "
    "on 25th November 2016.",
    "The item offers members with the opportunity to consider the report published by the HMIC, and to ask "
    "questions of the Barnet Borough Commander of the Metropolitan Police, Simon Rose, concerning the report.",
]

RECOMMENDATIONS = [
    "That the Committee notes the report.",
    "That the Committee offers its comments on the report published by the HMIC on 25th November 2016 and note "
    "that any comments made will be fed back to the London Borough of Barnet Metropolitan Police.",
    "That the Committee notes that, when it is available, the Metropolitan Police Service's (MPS) action plan "
    "will be brought as a report to a future meeting for the Committee's consideration.",
]

BULLETS_1_3 = [
    "The police response to children who regularly go missing from home is poor.",
    "The focus at a borough level on reducing MOPAC 7 crimes is set out in posters and at management meetings far "
    "more clearly and more frequently than the need to achieve good results on behalf of London's children.",
    "While the report found good examples of officers working quickly and effectively to protect children when "
    "the risk to them was evident and straightforward, they frequently failed to consider whether other children "
    "might be at risk from the same perpetrator.",
    "Some officers and staff did not have the training they needed to do their jobs effectively, for instance "
    "some officers in roles focused on tackling child sexual exploitation (CSE) had not been trained in the subject.",
    "Officers frequently failed to request strategy discussions with all relevant partner agencies (such as "
    "children's social care and health services).",
    "Officers and staff often do not assess cases properly or speak to children who are clearly at significant "
    "risk of CSE and do not accelerate action to protect them and trace suspects – meaning they continue to be at "
    "risk of abuse.",
    "Children are frequently detained in custody after they have been charged rather than being moved to more "
    "appropriate accommodation (which should be provided by the local authority).",
    "Borough officers are often unaware of the registered sex offenders in their areas and so miss opportunities "
    "to gather intelligence routinely about those who pose the greatest risk to children.",
    "Unacceptable delays, in all kinds of investigations, in gathering evidence, updating children on the progress "
    "of their cases, or acting on information (for instance, about individuals possessing indecent images of "
    "children).",
]

# Each section: (heading, [paragraph]), a paragraph being text or (heading, [paragraph]).
SECTIONS = [
    (
        "Why this report is needed",
        [
            "On 26th November, the HMIC published a report on its findings from child protection inspections in the "
            "Metropolitan Police Service (MPS). The inspections were undertaken from 1st February – 27th May 2016.",
            "The report examined a sample of child protection cases and found that, from that sample, approximately "
            "three-quarters (278 out of 374 examined) were substandard.",
            "<p>Prevailing themes that emerged the inspections were as follows:</p><ul>"
            + "".join(f"<li>{bullet}</li>" for bullet in BULLETS_1_3)
            + "</ul>",
            "The report states that the MPS is the first force that the HMIC has inspected as part of its child "
            "protection programme to have no single chief officer with responsibility and accountability for all "
            "child protection matters across the force. The report therefore concluded that there is an "
            "‘indefensible absence of strategic oversight of this very important issue’.",
            "The report also found that the force does not adequately use MPS-wide police and partnership data "
            "analysis of child abuse and other related offence types to track incidents, interventions and outcomes "
            "for children. Instead the inspections found that different teams and areas in the service are carrying "
            "out their own analyses of demand and trends, yet frontline staff were frequently unaware of any "
            "analysis undertaken in their boroughs. This problem is compounded by the lack of connection among the "
            "IT systems, databases and spreadsheets that the MPS uses to record such analyses.",
            "The problems highlighted in the report are said to be exacerbated by the limited searches conducted to "
            "link new reports of child protection cases with previous records, and by the generally poor use of "
            "information possessed by partner organisations (such as children’s social care). The report states "
            "that there are significant gaps in information and therefore missed opportunities to act quickly and "
            "decisively to protect children and prevent offending.",
            "The full report – 113 pages – is listed as a background paper (section 6) for the committee’s "
            "consideration.",
        ],
    ),
    (
        "Reasons for recommendations",
        [
            "The recommendations ask the committee to note the report and to provide comments on the findings in "
            "the HMIC’s report.",
            "The report also offers members of the committee to ask questions of the Barnet Borough Commander of "
            "the Metropolitan Police, Simon Rose, concerning the report.",
        ],
    ),
    ("Alternative options considered and not recommended", ["None in the context of this report."]),
    ("Post decision implementation", ["None."]),
    (
        "Implications of decision",
        [
            (
                "Corporate Priorities and Performance",
                [
                    "By receiving this report, the committee is supporting the council's corporate priorities. "
                    "Specifically, it supports the priority to 'ensure that Barnet is a place of opportunity, where "
                    "people can further their quality of life'."
                ],
            ),
            (
                "Resources (Finance & Value for Money, Procurement, Staffing, IT, Property, Sustainability)",
                ["None in the context of this report."],
            ),
            (
                "Legal and Constitutional References",
                [
                    "As set out in the responsibility for functions (Annex A) in the council's Constitution (Section "
                    "15a), the Children, Education, Libraries and Safeguarding Committee has responsibility to ensure "
                    "that the council's safeguarding responsibilities are taken into account."
                ],
            ),
            ("Risk Management", ["None in the context of this report."]),
            (
                "Equalities and Diversity",
                [
                    "The 2010 Equality Act outlines the provisions of the Public Sector Equalities Duty which "
                    "requires Public Bodies to have due regard to the need to: eliminate unlawful discrimination, "
                    "harassment and victimisation and other conduct prohibited by the Equality Act 2010; advance "
                    "equality of opportunity between people from different groups; foster good relations between "
                    "people from different groups."
                ],
            ),
            ("Consultation and Engagement", ["None in the context of this report."]),
        ],
    ),
]

BACKGROUND_PAPERS = [
    {
        "title": "Report published by the HMIC, 25th November 2016: National Child Protection Inspections, The "
        "Metropolitan Police Service – 1 February - 27 May 2016",
        "url": "https://www.justiceinspectorates.gov.uk/hmic/wp-content/uploads/met-national-child-protection-inspection.pdf",
        "date": datetime.date(2016, 11, 25),
    },
    {
        "title": "Children, Education, Libraries and Safeguarding Committee Forward Work Programme",
        "url": "https://barnet.moderngov.co.uk/mgListPlans.aspx?RPIId=697&RD=0",
        "date": None,
    },
]

# The council's standard template: the example's sections, with guidance for authors.
TEMPLATE_SECTIONS = [
    ("Why this report is needed", "Explain why the committee is being asked to consider this.", []),
    ("Reasons for recommendations", "Say why the recommendations are the right ones.", []),
    ("Alternative options considered and not recommended", "List the options rejected and why.", []),
    ("Post decision implementation", "What happens once the decision is made.", []),
    (
        "Implications of decision",
        "Address each of the headings below; say 'None in the context of this report.' where that is so.",
        [
            ("Corporate Priorities and Performance", "How the decision supports the corporate plan."),
            (
                "Resources (Finance & Value for Money, Procurement, Staffing, IT, Property, Sustainability)",
                "Finance must agree this paragraph.",
            ),
            ("Legal and Constitutional References", "Legal must agree this paragraph."),
            ("Risk Management", "The risks and how they are managed."),
            ("Equalities and Diversity", "Show due regard to the Public Sector Equality Duty."),
            ("Consultation and Engagement", "Who was consulted and what they said."),
        ],
    ),
]
BACKGROUND_PAPERS_HEADING = "Background papers"
