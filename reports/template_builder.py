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
from django.utils.translation import gettext_lazy as _

from committee.models import Committee
from reports.models import Paragraph, Recommendation, Report, ReportTemplate, Section, TemplateSection, TitleBlockRow
from reports.structure import ReportStructure, loaded_structure

WORDING_FIELDS = [
    "summary_heading",
    "recommendations_heading",
    "recommendations_lead_in",
    "empty_subsection_text",
]
STYLE_FIELDS = [
    "opening",
    "implications_layout",
    "title_placement",
    "title_block_layout",
    "heading_case",
    "numbering",
    "sub_numbering",
    "recommendation_numbering",
    "appendix_labels",
]


class TemplateForm(forms.ModelForm):
    class Meta:
        model = ReportTemplate
        fields = ["name", "committees", *WORDING_FIELDS, *STYLE_FIELDS]
        widgets = {
            "committees": forms.CheckboxSelectMultiple,
            **dict.fromkeys(STYLE_FIELDS, forms.RadioSelect),
        }
        labels = {
            "name": _("Name of the template"),
            "committees": _("Offered for"),
            "recommendations_lead_in": _("Lead-in to the recommendations"),
            "empty_subsection_text": _("Text under an empty sub-heading"),
            "opening": _("Order of the report"),
            "implications_layout": _("The implications"),
            "title_placement": _("Where the title prints"),
            "title_block_layout": _("How the title block is laid out"),
            "heading_case": _("Section headings"),
            "numbering": _("Paragraph numbering"),
            "sub_numbering": _("Numbering below the first level"),
            "recommendation_numbering": _("Recommendation numbering"),
            "appendix_labels": _("Appendices"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committees"].queryset = Committee.objects.filter(active=True)
        self.fields["name"].error_messages["required"] = "Enter the template's name"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.checkboxes("committees", legend_size="s", small=True),
            Fieldset(
                *[Field.text(name) for name in WORDING_FIELDS], legend=_("Headings and lead-ins"), legend_size="m"
            ),
            Fieldset(
                *[Field.radios(name, legend_size="s", small=True) for name in STYLE_FIELDS],
                legend=_("Numbering and layout"),
                legend_size="m",
            ),
        )


class RowForm(forms.Form):
    label = forms.CharField(max_length=200, required=False)
    kind = forms.ChoiceField(choices=TitleBlockRow.Field.choices, initial=TitleBlockRow.Field.FREE)
    show_label = forms.BooleanField(label=_("Print the label"), required=False, initial=True)
    choices = forms.CharField(
        label=_("Choices, one a line (for a choice from a list)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("label", field_width=Fluid.TWO_THIRDS),
            Field.select("kind"),
            Field.checkbox("show_label", small=True),
            Field.textarea("choices", rows=3),
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
    guidance = forms.CharField(
        label=_("Guidance for the author"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("heading", field_width=Fluid.TWO_THIRDS),
            Field.select("level"),
            Field.select("kind"),
            Field.checkbox("is_background_papers", small=True),
            Field.checkbox("is_implications", small=True),
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
                    f"Deleting the section “{previous_deleted}” would leave its sub-heading “{data['heading']}” "
                    "under another section. Delete the sub-heading as well, or move it first."
                )
            if not seen_section:
                raise forms.ValidationError(
                    f"The sub-heading “{data['heading']}” has no section above it: make it a section, "
                    "or move it under one."
                )

    def ordered_forms_with_deleted(self) -> list[forms.Form]:
        """Every form in the order the page gives, deleted ones included (ordered_forms leaves them out)."""

        def key(form):
            order = form.cleaned_data.get("ORDER")
            return (order is None, order if order is not None else 0, self.forms.index(form))

        return sorted((f for f in self.forms if hasattr(f, "cleaned_data")), key=key)


RowFormSet = forms.formset_factory(RowForm, formset=OrderedFormSet, extra=3, can_order=True, can_delete=True)
SectionFormSet = forms.formset_factory(
    SectionForm, formset=BaseSectionFormSet, extra=3, can_order=True, can_delete=True
)


def row_initial(template: ReportTemplate | None) -> list[dict]:
    if template is None or template.pk is None:
        return []
    return [
        {"label": r.label, "kind": r.field, "show_label": r.show_label, "choices": r.choices, "ORDER": index}
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
            "level": SectionForm.Level.SUB_HEADING if s.parent_id else SectionForm.Level.SECTION,
            "kind": SectionForm.Kind.OPTIONAL
            if s.is_optional
            else SectionForm.Kind.REQUIRED
            if s.is_required
            else SectionForm.Kind.PRINTED,
            "is_background_papers": s.is_background_papers,
            "is_implications": s.is_implications,
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
            show_label=data["show_label"],
            choices=data["choices"].strip(),
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
            guidance=data["guidance"],
            is_background_papers=data["is_background_papers"] and not sub,
            is_implications=data["is_implications"] and not sub,
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
    committee = template.committees.first() or Committee.objects.filter(active=True).first()
    if committee is None:
        committee = Committee.objects.create(name="Sample Committee", slug="sample-committee-preview")
    extra = {}
    for row in template.title_block_rows.all():
        if row.field == TitleBlockRow.Field.CHOICE and row.choice_list:
            extra[row.label] = row.choice_list[0]
        elif row.field == TitleBlockRow.Field.DATE:
            extra[row.label] = datetime.date.today().isoformat()
        elif row.field in SAMPLE_VALUES:
            extra[row.label] = SAMPLE_VALUES[row.field]
    report = Report.objects.create(
        committee=committee,
        template=template,
        title=SAMPLE_TITLE,
        report_of="Director of Place",
        summary=SAMPLE_SUMMARY,
        extra_title_rows=extra,
    )
    for position, text in enumerate(SAMPLE_RECOMMENDATIONS):
        Recommendation.objects.create(report=report, position=position, text=text)
    template_sections = list(template.sections.all())
    for top in (s for s in template_sections if s.parent_id is None):
        section = Section.objects.create(
            report=report,
            position=top.position,
            heading=top.heading,
            is_background_papers=top.is_background_papers,
            is_optional=top.is_optional,
            is_implications=top.is_implications,
        )
        if top.is_background_papers:
            continue
        Paragraph.objects.create(section=section, position=0, text=f"<p>The first paragraph under {top.heading}.</p>")
        for child in (s for s in template_sections if s.parent_id == top.id):
            heading = Paragraph.objects.create(
                section=section,
                position=child.position + 1,
                heading=child.heading,
                signed_off_by="Jane Smith, Head of Finance" if top.is_implications else "",
            )
            Paragraph.objects.create(
                section=section, parent=heading, position=0, text=f"<p>A paragraph under {child.heading}.</p>"
            )
    return loaded_structure(report)
