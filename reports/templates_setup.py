"""The council's report templates: creating the standard one, choosing the default, offering the
ones that fit a committee, and starting a report from one."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from committee.demo import example_report as example
from reports import decision_reports
from reports.models import Paragraph, Report, ReportTemplate, Section, TemplateSection, TitleBlockRow
from reports.structure import DEFAULT_TITLE_BLOCK

STANDARD_TEMPLATE_NAME = "Standard committee report"


@transaction.atomic
def ensure_standard_template() -> ReportTemplate:
    """The example report's template; created once, then left for administrators to edit."""
    template, created = ReportTemplate.objects.get_or_create(
        name=STANDARD_TEMPLATE_NAME,
        defaults={"is_default": not ReportTemplate.objects.filter(is_default=True).exists()},
    )
    if not created:
        return template
    for position, (field_name, label) in enumerate(DEFAULT_TITLE_BLOCK):
        TitleBlockRow.objects.create(template=template, position=position, field=field_name, label=label)
    position = 0
    for heading, guidance, children in example.TEMPLATE_SECTIONS:
        section = TemplateSection.objects.create(
            template=template, position=position, heading=heading, guidance=guidance
        )
        for child_position, (child_heading, child_guidance) in enumerate(children):
            TemplateSection.objects.create(
                template=template,
                parent=section,
                position=child_position,
                heading=child_heading,
                guidance=child_guidance,
            )
        position += 1
    TemplateSection.objects.create(
        template=template,
        position=position,
        heading=example.BACKGROUND_PAPERS_HEADING,
        guidance="List the papers relied on. Add each as a background paper: a link, or an uploaded PDF.",
        is_background_papers=True,
    )
    return template


@transaction.atomic
def ensure_decision_template(kind: str) -> ReportTemplate:
    """The council's first template for a cabinet member's decision or an officer's decision record
    (reports/decision_reports.py); created once, then left for administrators to edit or copy."""
    spec = decision_reports.TEMPLATES[kind]
    template, created = ReportTemplate.objects.get_or_create(
        name=spec["name"],
        defaults={
            "kind": kind,
            "summary_heading": "Reasons for the decision",
            "recommendations_heading": "Decision",
            "recommendations_lead_in": spec["lead_in"],
            "opening": ReportTemplate.Opening.RECOMMENDATIONS_FIRST,
        },
    )
    if not created:
        return template
    for position, (field_name, label) in enumerate(decision_reports.TEMPLATE_ROWS):
        TitleBlockRow.objects.create(template=template, position=position, field=field_name, label=label)
    for position, (heading, guidance, required, records) in enumerate(decision_reports.TEMPLATE_SECTIONS):
        TemplateSection.objects.create(
            template=template,
            position=position,
            heading=heading,
            guidance=f"{guidance} {spec['guidance']}" if position == 0 else guidance,
            is_required=required,
            is_optional=not required,
            records=records,
        )
    return template


def default_template() -> ReportTemplate:
    return ReportTemplate.objects.filter(is_default=True).first() or ensure_standard_template()


@transaction.atomic
def make_default(template: ReportTemplate) -> ReportTemplate:
    """Make ``template`` the council's default: the one before stops being it, in the same
    transaction, so there is always exactly one."""
    ReportTemplate.objects.select_for_update().filter(is_default=True).exclude(pk=template.pk).update(is_default=False)
    ReportTemplate.objects.filter(pk=template.pk).update(is_default=True)
    template.is_default = True
    return template


def templates_for(committee) -> list[ReportTemplate]:
    """The templates offered for a committee's reports, the default first: those chosen for it and
    those chosen for no committee in particular."""
    default_template()  # a council always has one
    offered = ReportTemplate.objects.filter(Q(committees=committee) | Q(committees__isnull=True)).distinct()
    return sorted(offered, key=lambda t: (not t.is_default, t.name))


def template_for(committee) -> ReportTemplate:
    """The template a report for the committee starts from when nobody chose one."""
    offered = templates_for(committee)
    return offered[0] if offered else default_template()


@transaction.atomic
def start_report_from_template(template: ReportTemplate, **fields) -> Report:
    """A new draft holding the template's sections, sub-headings and guidance."""
    report = Report.objects.create(template=template, **fields)
    template_sections = list(template.sections.all())
    for top in [s for s in template_sections if s.parent_id is None]:
        section = Section.objects.create(
            report=report,
            position=top.position,
            heading=top.heading,
            heading_cy=top.heading_cy,
            guidance=top.guidance,
            is_background_papers=top.is_background_papers,
            is_optional=top.is_optional,
            is_required=top.is_required,
            is_implications=top.is_implications,
            records=top.records,
        )
        for child in [s for s in template_sections if s.parent_id == top.id]:
            Paragraph.objects.create(
                section=section, position=child.position, heading=child.heading, heading_cy=child.heading_cy
            )
    return report
