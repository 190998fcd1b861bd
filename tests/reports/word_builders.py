"""Word documents made with python-docx the way councils write reports, for the import tests."""

from __future__ import annotations

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from committee.demo import example_report as example

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload(document, name: str = "report.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=DOCX_TYPE)


def add_link(paragraph, text: str, url: str) -> None:
    """A real Word hyperlink (python-docx writes none by itself)."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def title_block(document, rows) -> None:
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value


def example_report_docx():
    """The example report (Barnet's, as the demo holds it) written in Word as Barnet writes it:
    title-block table, headings in capitals with their numbers, paragraphs numbered by hand."""
    document = docx.Document()
    contact = example.CONTACT
    title_block(
        document,
        [
            ("", f"{example.COMMITTEE} 21 February 2017"),
            ("Title", example.TITLE),
            ("Report of", example.REPORT_OF),
            ("Wards", "All"),
            ("Status", "Public"),
            ("Urgent", "No"),
            ("Key", "No"),
            ("Enclosures", "None"),
            (
                "Officer Contact Details",
                f"{contact['name']}, {contact['job_title']} {contact['email']} {contact['phone']}",
            ),
        ],
    )
    document.add_heading("Summary", level=1)
    for text in example.SUMMARY:
        document.add_paragraph(text)
    document.add_heading("Recommendations", level=1)
    for number, text in enumerate(example.RECOMMENDATIONS, start=1):
        document.add_paragraph(f"{number}.\t{text}")
    for number, (heading, paragraphs) in enumerate(example.SECTIONS, start=1):
        document.add_heading(f"{number}. {heading.upper()}", level=1)
        for index, paragraph in enumerate(paragraphs, start=1):
            label = f"{number}.{index}"
            if isinstance(paragraph, tuple):
                sub_heading, children = paragraph
                document.add_heading(f"{label} {sub_heading}", level=2)
                for child_index, child in enumerate(children, start=1):
                    document.add_paragraph(f"{label}.{child_index} {child}")
            elif paragraph.startswith("<p>Prevailing"):
                document.add_paragraph(f"{label} Prevailing themes that emerged the inspections were as follows:")
                for bullet in example.BULLETS_1_3:
                    document.add_paragraph(bullet, style="List Bullet")
            else:
                document.add_paragraph(f"{label} {paragraph}")
    papers = len(example.SECTIONS) + 1
    document.add_heading(f"{papers}. BACKGROUND PAPERS", level=1)
    first, second = example.BACKGROUND_PAPERS
    document.add_paragraph(f"{papers}.1 {first['title']}: <{first['url']}>")
    document.add_paragraph(f"{papers}.2 {second['title']}:")
    document.add_paragraph(f"<{second['url']}>")
    return document


def council_report_docx():
    """A report as many councils write one in Word: a title block, bold numbered headings (no heading
    styles), paragraphs numbered by hand with lettered sub-paragraphs, a table with a header row, a
    bullet list, bold, italic and a link, and an e-mail address in angle brackets."""
    document = docx.Document()
    title_block(
        document,
        [
            ("Report title", "Library opening hours 2027"),
            ("Report of", "Director of Communities"),
            ("Wards", "All"),
            ("Key decision", "Yes"),
            ("Urgent", "No"),
            ("Contact officer", "Priya Shah <priya.shah@example.gov.uk>"),
            ("Budget code", "LIB-2027"),
        ],
    )

    def bold_line(text):
        document.add_paragraph().add_run(text).bold = True

    bold_line("1. Summary")
    document.add_paragraph("Opening hours change at four libraries from April 2027.")
    bold_line("2. Recommendations")
    document.add_paragraph("2.1 That the Committee approves the new opening hours.")
    document.add_paragraph("2.2 That the Committee notes the consultation results.")
    bold_line("3. Why this report is needed")
    intro = document.add_paragraph("3.1 Visits have ")
    intro.add_run("fallen by a third").bold = True
    intro.add_run(" since 2019, as the ")
    add_link(intro, "library strategy", "https://example.gov.uk/libraries")
    intro.add_run(" foresaw.")
    document.add_paragraph("3.2 The proposed hours are:")
    table = document.add_table(rows=3, cols=2)
    for row, (library, hours) in zip(
        table.rows, [("Library", "Hours a week"), ("Chipping Barnet", "48"), ("Edgware", "40")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = library, hours
    document.add_paragraph("3.3 The changes mean:")
    document.add_paragraph("later opening on Mondays;", style="List Bullet")
    document.add_paragraph("Sunday opening at Edgware.", style="List Bullet")
    document.add_paragraph("a) Staff were consulted in May.")
    sub = document.add_paragraph("b) Questions go to <priya.shah@example.gov.uk>, ")
    sub.add_run("not").italic = True
    sub.add_run(" to the branches.")
    bold_line("4. Customer consultation")
    document.add_paragraph("4.1 612 people replied to the survey.")
    bold_line("5. Implications of decision")
    bold_line("5.1 Resources (Finance & Value for Money, Procurement, Staffing, IT, Property, Sustainability)")
    document.add_paragraph("5.1.1 The change saves £120,000 a year.")
    bold_line("5.2 Legal and Constitutional References")
    document.add_paragraph("5.2.1 The Public Libraries and Museums Act 1964 applies.")
    return document
