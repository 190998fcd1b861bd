"""Building a report template on a page of its own: its wording and numbering, its title-block rows
and its sections with their sub-headings, in order; and a preview of a sample report written in it.

Administrators work here without code or the admin's inlines (web/views/templates.py). The rows and
sections are written out afresh on each save, in the order the page shows: reports copy their
sections when they start, so nothing points at the old ones. A preview writes the template and a
sample report inside a transaction that is then rolled back: the page shows exactly what a report
would print, by the same code, and nothing is stored.
"""

from __future__ import annotations

import contextlib
import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout
from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from committee.models import AgendaItem, Committee, Meeting, Person
from reports.models import (
    Paragraph,
    Recommendation,
    Report,
    ReportTemplate,
    Section,
    SectionRecords,
    TemplateSection,
    TitleBlockRow,
)
from reports.structure import ReportStructure, loaded_structure

WORDING_FIELDS = [
    "summary_heading",
    "recommendations_heading",
    "recommendations_lead_in",
    "empty_subsection_text",
]
# The same wording in Welsh, and whether it prints beside the English (Denbighshire) or instead of it.
WELSH_FIELDS = [f"{name}_cy" for name in WORDING_FIELDS]
STYLE_FIELDS = [
    "opening",
    "implications_layout",
    "title_placement",
    "title_block_layout",
    "title_block_case",
    "heading_case",
    "numbering",
    "sub_numbering",
    "full_stops",
    "recommendation_numbering",
    "appendix_labels",
    "exempt_appendix_notices",
    "date_style",
]


class TemplateForm(forms.ModelForm):
    class Meta:
        model = ReportTemplate
        fields = ["name", "kind", "committees", *WORDING_FIELDS, *WELSH_FIELDS, "languages", *STYLE_FIELDS]
        widgets = {
            "kind": forms.RadioSelect,
            "committees": forms.CheckboxSelectMultiple,
            **dict.fromkeys([*STYLE_FIELDS, "languages"], forms.RadioSelect),
        }
        labels = {
            "name": _("Name of the template"),
            "kind": _("What it drafts"),
            "committees": _("Offered for"),
            "recommendations_lead_in": _("Lead-in to the recommendations"),
            "empty_subsection_text": _("Text under an empty sub-heading"),
            "opening": _("Order of the report"),
            "implications_layout": _("The implications"),
            "title_placement": _("Where the title prints"),
            "title_block_layout": _("How the title block is laid out"),
            "title_block_case": _("The title block's case"),
            "summary_heading_cy": _("Summary heading in Welsh"),
            "recommendations_heading_cy": _("Recommendations heading in Welsh"),
            "recommendations_lead_in_cy": _("Lead-in to the recommendations in Welsh"),
            "empty_subsection_text_cy": _("Text under an empty sub-heading in Welsh"),
            "languages": _("How the Welsh prints"),
            "heading_case": _("Section headings"),
            "numbering": _("Paragraph numbering"),
            "sub_numbering": _("Numbering below the first level"),
            "full_stops": _("Full stops after numbers"),
            "date_style": _("How dates print in the title block and the header"),
            "recommendation_numbering": _("Recommendation numbering"),
            "appendix_labels": _("Appendices"),
            "exempt_appendix_notices": _("Notices of exempt appendices under the title"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committees"].queryset = Committee.objects.filter(active=True)
        self.fields["name"].error_messages["required"] = "Enter the template's name"
        self.fields["kind"].required = False  # a form that does not say drafts a committee report
        self.fields["exempt_appendix_notices"].required = False  # nor one that does not say: a notice each
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.radios("kind", legend_size="s", small=True),
            Field.checkboxes("committees", legend_size="s", small=True),
            Fieldset(
                *[Field.text(name) for name in WORDING_FIELDS], legend=_("Headings and lead-ins"), legend_size="m"
            ),
            Fieldset(
                *[Field.text(name) for name in WELSH_FIELDS],
                Field.radios("languages", legend_size="s", small=True),
                legend=_("In Welsh"),
                legend_size="m",
            ),
            Fieldset(
                *[Field.radios(name, legend_size="s", small=True) for name in STYLE_FIELDS],
                legend=_("Numbering and layout"),
                legend_size="m",
            ),
        )

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or ReportTemplate.Kind.REPORT

    def clean_exempt_appendix_notices(self) -> str:
        return self.cleaned_data.get("exempt_appendix_notices") or ReportTemplate.ExemptAppendixNotices.EACH


class RowForm(forms.Form):
    label = forms.CharField(max_length=200, required=False)
    label_cy = forms.CharField(label=_("Label in Welsh"), max_length=200, required=False)
    kind = forms.ChoiceField(choices=TitleBlockRow.Field.choices, initial=TitleBlockRow.Field.FREE)
    show_label = forms.BooleanField(label=_("Print the label"), required=False, initial=True)
    same_line = forms.BooleanField(
        label=_(
            "Print it on the line of the row before (where the title block is laid out in lines, or above a table)"
        ),
        required=False,
    )
    choices = forms.CharField(
        label=_("Choices, one a line (for a choice from a list)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    date_style = forms.ChoiceField(
        label=_("How its date prints (for a date, or the meeting's)"),
        choices=[("", _("As the template prints dates")), *ReportTemplate.DateStyle.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("label", field_width=Fluid.TWO_THIRDS),
            Field.text("label_cy", field_width=Fluid.TWO_THIRDS),
            Field.select("kind"),
            Field.checkbox("show_label", small=True),
            Field.checkbox("same_line", small=True),
            Field.textarea("choices", rows=3),
            Field.select("date_style"),
            Field.text("ORDER", field_width=2),
            Field.checkbox("DELETE", small=True),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE") or not self.has_changed():
            return cleaned
        if not (cleaned.get("label") or "").strip():
            self.add_error("label", _("Enter the row's label (it is used even where it is not printed)"))
        if cleaned.get("kind") == TitleBlockRow.Field.CHOICE and not (cleaned.get("choices") or "").strip():
            self.add_error("choices", _("Enter the choices, one a line"))
        return cleaned


class SectionForm(forms.Form):
    class Level:
        SECTION = "section"
        SUB_HEADING = "sub"

    class Kind:
        PRINTED = "printed"
        OPTIONAL = "optional"
        REQUIRED = "required"

    heading = forms.CharField(max_length=300, required=False)
    heading_cy = forms.CharField(label=_("Heading in Welsh"), max_length=300, required=False)
    level = forms.ChoiceField(
        choices=[(Level.SECTION, _("A section")), (Level.SUB_HEADING, _("A sub-heading of the section above"))],
        initial=Level.SECTION,
    )
    kind = forms.ChoiceField(
        label=_("When it prints"),
        choices=[
            (Kind.PRINTED, _("Always")),
            (Kind.OPTIONAL, _("Optional: left out while empty")),
            (Kind.REQUIRED, _("Required: written before the report is submitted")),
        ],
        initial=Kind.PRINTED,
    )
    is_background_papers = forms.BooleanField(label=_("Lists the background papers"), required=False)
    is_implications = forms.BooleanField(
        label=_("The implications: its sub-headings are the issues, each signed off by an officer"), required=False
    )
    records = forms.ChoiceField(
        label=_("What it records, in a decision record"),
        help_text=_("The published decision reads these from the sections marked so, whatever their headings say."),
        choices=SectionRecords.choices,
        required=False,
    )
    guidance = forms.CharField(
        label=_("Guidance for the author"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("heading", field_width=Fluid.TWO_THIRDS),
            Field.text("heading_cy", field_width=Fluid.TWO_THIRDS),
            Field.select("level"),
            Field.select("kind"),
            Field.checkbox("is_background_papers", small=True),
            Field.checkbox("is_implications", small=True),
            Field.select("records"),
            Field.textarea("guidance", rows=3),
            Field.text("ORDER", field_width=2),
            Field.checkbox("DELETE", small=True),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE") or not self.has_changed():
            return cleaned
        if not (cleaned.get("heading") or "").strip():
            self.add_error("heading", _("Enter the heading"))
        if cleaned.get("is_background_papers") and cleaned.get("level") == self.Level.SUB_HEADING:
            self.add_error("is_background_papers", _("The background papers are a section, not a sub-heading"))
        if cleaned.get("records") and cleaned.get("level") == self.Level.SUB_HEADING:
            self.add_error("records", _("A decision record reads whole sections: mark the section, not a sub-heading"))
        return cleaned


class OrderedFormSet(forms.BaseFormSet):
    """Rows and sections in the order of their Position numbers, each with a box to delete it."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = "Position"
        form.fields["ORDER"].help_text = _("Change the numbers to change the order.")
        form.fields["DELETE"].label = _("Delete")


class BaseSectionFormSet(OrderedFormSet):
    def clean(self):
        """A sub-heading belongs to the section above it: there must be one, and deleting a section
        must not leave its sub-headings to fall under the one before without the administrator saying so."""
        if any(self.errors):
            return
        previous_deleted = None
        seen_section = False
        for form in self.ordered_forms_with_deleted():
            data = form.cleaned_data
            if not form.has_changed() and not form.initial:
                continue
            is_section = data.get("level") == SectionForm.Level.SECTION
            if data.get("DELETE"):
                if is_section:
                    previous_deleted = data.get("heading") or form.initial.get("heading")
                continue
            if is_section:
                seen_section, previous_deleted = True, None
                continue
            if previous_deleted:
                raise forms.ValidationError(
                    gettext(
                        "Deleting the section “%(section)s” would leave its sub-heading “%(heading)s” "
                        "under another section. Delete the sub-heading as well, or move it first."
                    )
                    % {"section": previous_deleted, "heading": data["heading"]}
                )
            if not seen_section:
                raise forms.ValidationError(
                    gettext(
                        "The sub-heading “%(heading)s” has no section above it: make it a section, "
                        "or move it under one."
                    )
                    % {"heading": data["heading"]}
                )

    def ordered_forms_with_deleted(self) -> list[forms.Form]:
        """Every form in the order the page gives, deleted ones included (ordered_forms leaves them out)."""

        def key(form):
            order = form.cleaned_data.get("ORDER")
            return (order is None, order if order is not None else 0, self.forms.index(form))

        return sorted((f for f in self.forms if hasattr(f, "cleaned_data")), key=key)


# One blank row and one blank section at the end: "Add another" asks for more (the page is sent back with
# one more blank, what was typed kept), so a template of four sections is not shown with three spares.
RowFormSet = forms.formset_factory(RowForm, formset=OrderedFormSet, extra=1, can_order=True, can_delete=True)
SectionFormSet = forms.formset_factory(
    SectionForm, formset=BaseSectionFormSet, extra=1, can_order=True, can_delete=True
)
ADD_ANOTHER = {"add_row": ("rows", RowForm), "add_section": ("sections", SectionForm)}


def with_another_blank(data, button: str):
    """The posted form with one more blank form in the formset whose "Add another" button was pressed,
    holding what a blank one shows (a free-text row, a section), so it reads as untouched, not as an error."""
    data = data.copy()
    prefix, form_class = ADD_ANOTHER[button]
    try:
        total = max(0, int(data.get(f"{prefix}-TOTAL_FORMS", 0)))
    except ValueError:
        total = 0
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    for name, field in form_class.base_fields.items():
        if field.initial is True:
            data[f"{prefix}-{total}-{name}"] = "on"
        elif field.initial not in (None, False, ""):
            data[f"{prefix}-{total}-{name}"] = str(field.initial)
    return data


def row_initial(template: ReportTemplate | None) -> list[dict]:
    if template is None or template.pk is None:
        return []
    return [
        {
            "label": r.label,
            "label_cy": r.label_cy,
            "kind": r.field,
            "show_label": r.show_label,
            "same_line": r.same_line,
            "choices": r.choices,
            "date_style": r.date_style,
            "ORDER": index,
        }
        for index, r in enumerate(template.title_block_rows.all(), start=1)
    ]


def section_initial(template: ReportTemplate | None) -> list[dict]:
    """The template's sections each followed by its sub-headings, as a report prints them."""
    if template is None or template.pk is None:
        return []
    sections = list(template.sections.all())
    ordered = []
    for top in sorted((s for s in sections if s.parent_id is None), key=lambda s: (s.position, s.id)):
        ordered.append(top)
        ordered += sorted((s for s in sections if s.parent_id == top.id), key=lambda s: (s.position, s.id))
    return [
        {
            "heading": s.heading,
            "heading_cy": s.heading_cy,
            "level": SectionForm.Level.SUB_HEADING if s.parent_id else SectionForm.Level.SECTION,
            "kind": SectionForm.Kind.OPTIONAL
            if s.is_optional
            else SectionForm.Kind.REQUIRED
            if s.is_required
            else SectionForm.Kind.PRINTED,
            "is_background_papers": s.is_background_papers,
            "is_implications": s.is_implications,
            "records": s.records,
            "guidance": s.guidance,
            "ORDER": index,
        }
        for index, s in enumerate(ordered, start=1)
    ]


def _kept(formset) -> list[dict]:
    return [form.cleaned_data for form in formset.ordered_forms if form.has_changed() or form.initial]


@transaction.atomic
def save_template(form: TemplateForm, rows: RowFormSet, sections: SectionFormSet) -> ReportTemplate:
    """Save the template with its rows and sections written afresh in the page's order."""
    template = form.save()
    template.title_block_rows.all().delete()
    for position, data in enumerate(_kept(rows)):
        TitleBlockRow.objects.create(
            template=template,
            position=position,
            field=data["kind"],
            label=data["label"].strip(),
            label_cy=data["label_cy"].strip(),
            show_label=data["show_label"],
            same_line=data["same_line"],
            choices=data["choices"].strip(),
            date_style=data.get("date_style") or "",
        )
    template.sections.all().delete()
    parent, top_position, child_position = None, 0, 0
    for data in _kept(sections):
        sub = data["level"] == SectionForm.Level.SUB_HEADING
        section = TemplateSection.objects.create(
            template=template,
            parent=parent if sub else None,
            position=child_position if sub else top_position,
            heading=data["heading"].strip(),
            heading_cy=data["heading_cy"].strip(),
            guidance=data["guidance"],
            is_background_papers=data["is_background_papers"] and not sub,
            is_implications=data["is_implications"] and not sub,
            records="" if sub else data.get("records") or "",
            is_optional=data["kind"] == SectionForm.Kind.OPTIONAL,
            is_required=data["kind"] == SectionForm.Kind.REQUIRED,
        )
        if sub:
            child_position += 1
        else:
            parent, top_position, child_position = section, top_position + 1, 0
    return template


# The sample report a preview prints: enough of everything to show each heading, number and row.
SAMPLE_TITLE = "Sample report: the new library service"
SAMPLE_SUMMARY = "<p>This is the report's summary, as its author writes it.</p>"
SAMPLE_RECOMMENDATIONS = [
    "<p>That the committee approves the new library service.</p>",
    "<p>That the committee notes the consultation's results.</p>",
]
SAMPLE_OFFICER = ("Alex Jones", "Head of Libraries")
SAMPLE_VALUES = {
    TitleBlockRow.Field.FREE: "The report's own words",
    TitleBlockRow.Field.YES_NO: "yes",
}


@contextlib.contextmanager
def sample_report(form: TemplateForm, rows: RowFormSet, sections: SectionFormSet):
    """Yield the structure of a sample report in the template as the (valid) forms describe it,
    neither of them stored: everything written here is rolled back when the block ends."""
    with transaction.atomic():
        template = save_template(form, rows, sections)
        yield _sample_structure(template)
        transaction.set_rollback(True)


@contextlib.contextmanager
def stored_sample_report(template: ReportTemplate):
    """Yield the structure of a sample report in the template as stored, the sample rolled back."""
    with transaction.atomic():
        yield _sample_structure(template)
        transaction.set_rollback(True)


def _sample_structure(template: ReportTemplate) -> ReportStructure:
    """A sample report on a sample meeting's agenda today, with a sample officer in any people row: every
    row then prints a value (the meeting's date in the template's date style, the agenda item's number …)."""
    committee = template.committees.first() or Committee.objects.filter(active=True).first()
    if committee is None:
        committee = Committee.objects.create(name="Sample Committee", slug="sample-committee-preview")
    today = timezone.localdate()
    meeting = Meeting.objects.create(
        committee=committee,
        starts_at=timezone.make_aware(datetime.datetime.combine(today, datetime.time(19))),
    )
    officer = None
    extra = {}
    for row in template.title_block_rows.all():
        if row.field == TitleBlockRow.Field.CHOICE and row.choice_list:
            extra[row.label] = row.choice_list[0]
        elif row.field == TitleBlockRow.Field.DATE:
            extra[row.label] = today.isoformat()
        elif row.field == TitleBlockRow.Field.PEOPLE:
            officer = officer or Person.objects.create(
                name=SAMPLE_OFFICER[0], job_title=SAMPLE_OFFICER[1], kind=Person.Kind.OFFICER
            )
            extra[row.label] = [officer.pk]
        elif row.field in SAMPLE_VALUES:
            extra[row.label] = SAMPLE_VALUES[row.field]
    report = Report.objects.create(
        committee=committee,
        template=template,
        meeting=meeting,
        title=SAMPLE_TITLE,
        report_of="Director of Place",
        summary=SAMPLE_SUMMARY,
        all_wards=True,
        extra_title_rows=extra,
    )
    AgendaItem.objects.create(
        meeting=meeting, position=4, title=SAMPLE_TITLE, kind=AgendaItem.Kind.REPORT, report=report
    )
    for position in range(4):  # the report is the fifth item, after the opening items
        AgendaItem.objects.create(meeting=meeting, position=position, title=f"Opening item {position + 1}")
    for position, text in enumerate(SAMPLE_RECOMMENDATIONS):
        Recommendation.objects.create(report=report, position=position, text=text)
    template_sections = list(template.sections.all())
    for top in (s for s in template_sections if s.parent_id is None):
        section = Section.objects.create(
            report=report,
            position=top.position,
            heading=top.heading,
            heading_cy=top.heading_cy,
            is_background_papers=top.is_background_papers,
            is_optional=top.is_optional,
            is_implications=top.is_implications,
            records=top.records,
        )
        if top.is_background_papers:
            continue
        Paragraph.objects.create(section=section, position=0, text=f"<p>The first paragraph under {top.heading}.</p>")
        for child in (s for s in template_sections if s.parent_id == top.id):
            heading = Paragraph.objects.create(
                section=section,
                position=child.position + 1,
                heading=child.heading,
                heading_cy=child.heading_cy,
                signed_off_by="Jane Smith, Head of Finance" if top.is_implications else "",
            )
            Paragraph.objects.create(
                section=section, parent=heading, position=0, text=f"<p>A paragraph under {child.heading}.</p>"
            )
    doc = loaded_structure(report)
    doc.meeting_id = None  # the sample meeting is rolled back: its date must not link to a page that is not there
    return doc
