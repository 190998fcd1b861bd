"""Forms for drafting a report and moving it through clearance.

Text fields return sanitised HTML (reports/pasting.py then richtext.clean), so nothing a
view saves can carry script. A bound form re-renders exactly what the person typed.
"""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout, Submit
from django import forms
from django.db.models import Case, Q, When
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Meeting, Person, Ward, WorkProgrammeItem
from core import dates, schedule_12a, text_boxes
from core.bilingual import bilingual_text
from core.language import is_welsh
from reports import uploads
from reports.models import Comment, Report, ReportTemplate, SignOff, TitleBlockRow
from reports.structure import person_line
from reports.templates_setup import default_template, templates_for


def in_reader_language(person: Person) -> str:
    """A person as a picker names them: "Ann Jones, Aelod Cabinet dros Dai" on a Welsh page."""
    return person_line(person, welsh=is_welsh())


TEXT_HELP = _(
    "Leave a blank line between paragraphs. Start a line with “- ” for a bullet or “1. ” for a numbered list. "
    "Write **bold**, *italic* and [words](https://link). A table is lines of | cells |, its first row the header. "
    "Text pasted from Word keeps its paragraphs, lists, tables, bold, italic and links."
)


class RichTextField(text_boxes.FormattedTextField):
    """A report's text box of plain text with simple marks (core/editable_text.py) whose cleaned value
    is the stored, sanitised HTML. What is typed is never read as HTML: "<p>" typed is the text "<p>".
    The report editor (static/editor/editor.js) edits the report's text in place rather than in it."""

    def __init__(self, *args, rows: int = 5, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows, "data-rich-text": "true"}))
        kwargs.setdefault("help_text", TEXT_HELP)
        super().__init__(*args, **kwargs)


class VersionedForm(forms.Form):
    """Every change carries the report version the editor loaded, so a second save is caught."""

    version = forms.IntegerField(widget=forms.HiddenInput)


def exempt_paragraph_field() -> forms.TypedChoiceField:
    """The Schedule 12A paragraph that makes a part of a report exempt; None when it is public."""
    return forms.TypedChoiceField(
        label=_("Exempt information (Part 2)"),
        choices=schedule_12a.choices,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Choose a paragraph of Schedule 12A, or “Not exempt”")},
    )


class SummaryForm(VersionedForm):
    summary = RichTextField(label=_("Summary"), required=False, rows=8)


class RecommendationForm(VersionedForm):
    text = RichTextField(
        label=_("Recommendation"),
        rows=3,
        error_messages={"required": _("Write the recommendation")},
        help_text=_("Start “That the Committee …”."),
    )
    exempt_paragraph = exempt_paragraph_field()


class ParagraphForm(VersionedForm):
    heading = forms.CharField(
        label=_("Heading (optional)"),
        required=False,
        max_length=300,
        help_text=_("Give a heading to make this a sub-section, like 5.1 “Risk Management”."),
    )
    text = RichTextField(label=_("Text"), required=False, rows=6)
    exempt_paragraph = exempt_paragraph_field()
    # Shown for an issue of the implications only; a form without it leaves the sign-off as it was.
    signed_off_by = forms.CharField(label=_("Signed off by"), required=False, max_length=300)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("heading", "").strip() or cleaned.get("text")):
            self.add_error("text", _("Write the paragraph's text, or give it a heading"))
        if "heading" in cleaned:
            cleaned["heading"] = cleaned["heading"].strip()
        return cleaned


class SectionForm(VersionedForm):
    heading = forms.CharField(
        label=_("Section heading"), max_length=300, error_messages={"required": _("Enter the section's heading")}
    )


class BackgroundPaperForm(VersionedForm):
    title = forms.CharField(
        label=_("Title of the paper"), max_length=500, error_messages={"required": _("Enter a title")}
    )
    url = forms.URLField(
        label=_("Link to the paper"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("A web address where anyone can read it, or upload a PDF instead."),
    )
    file = forms.FileField(label=_("Or upload a PDF"), required=False)
    date = forms.DateField(
        label=_("Date of the paper (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.checked = uploads.check_upload(upload, allowed=(uploads.PDF,))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("url") and not cleaned.get("file"):
            self.add_error("url", _("Give a link to the paper, or upload it as a PDF"))
        return cleaned


class AppendixForm(VersionedForm):
    title = forms.CharField(
        label=_("Title"), max_length=500, error_messages={"required": _("Enter the appendix's title")}
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, Word document (.docx) or Excel workbook (.xlsx)."),
        error_messages={"required": _("Choose the file to upload")},
    )
    exempt_paragraph = exempt_paragraph_field()
    own_label = forms.CharField(label=_("Label (optional)"), required=False, max_length=20)
    public_interest_reason = forms.CharField(
        label=_("Public interest reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = uploads.check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        cleaned["public_interest_reason"] = (cleaned.get("public_interest_reason") or "").strip()
        if (
            cleaned["public_interest_reason"]
            and not cleaned.get("exempt_paragraph")
            and "exempt_paragraph" not in self.errors
        ):
            self.add_error("exempt_paragraph", _("Choose the paragraph of Schedule 12A that makes the appendix exempt"))
        return cleaned


def _meetings_for(committee: Committee | None):
    qs = Meeting.objects.select_related("committee").exclude(status=Meeting.Status.CANCELLED)
    if committee is not None:
        qs = qs.filter(committee=committee)
    return qs.filter(starts_at__gte=timezone.now() - timezone.timedelta(days=1)).order_by("starts_at")


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return f"{meeting.committee.name}, {timezone.localtime(meeting.starts_at):%-d %B %Y}"


class TemplateChoice:
    """A report starts from one of the templates offered for its committee: asked only when more than
    one fits (``template_committee`` says which committee, once the rest of the form is clean)."""

    def _add_template_field(self) -> bool:
        """Add the field when the council has more than one template; say whether it did."""
        default_template()  # a council always has one, counted here as it is offered
        if ReportTemplate.objects.count() < 2:
            return False
        field = forms.ModelChoiceField(
            label=_("Template"),
            queryset=ReportTemplate.objects.all(),
            required=False,
            empty_label=None,
            widget=forms.RadioSelect,
            help_text=_("The kind of report: its sections, headings and numbering."),
        )
        field.label_from_instance = lambda t: f"{t.name} (the council's default)" if t.is_default else t.name
        self.fields["template"] = field
        return True

    def clean_template_for(self, committee) -> None:
        if committee is None:
            return
        offered = templates_for(committee)
        chosen = self.cleaned_data.get("template")
        if "template" in self.fields:
            # Offer again only what fits, should the form come back.
            self.fields["template"].queryset = ReportTemplate.objects.filter(pk__in=[t.pk for t in offered])
        if chosen is not None and chosen not in offered:
            self.add_error(
                "template",
                gettext("The %(committee)s does not use the template “%(template)s”")
                % {"committee": bilingual_text(committee, "name"), "template": chosen.name},
            )
        elif chosen is None and len(offered) > 1:
            self.add_error(
                "template",
                gettext("Choose the template: the %(committee)s uses more than one")
                % {"committee": bilingual_text(committee, "name")},
            )
        elif chosen is None:
            self.cleaned_data["template"] = offered[0]


class NewReportForm(TemplateChoice, forms.Form):
    committee = forms.ModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.filter(active=True),
        empty_label=_("Choose a committee"),
        error_messages={"required": _("Choose the committee the report goes to")},
    )
    meeting = MeetingChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Not decided yet"),
        help_text=_("The meeting the report is for. You can choose it later."),
    )
    title = forms.CharField(
        label=_("Title"), max_length=500, error_messages={"required": _("Enter the report's title")}
    )
    report_of = forms.CharField(
        label=_("Report of"),
        max_length=200,
        help_text=_("The officer role the report is of, e.g. “Commissioning Director, Children and Young People”."),
        error_messages={"required": _("Enter who the report is of")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _meetings_for(None)
        asks = self._add_template_field()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.select("committee"),
            *([Field.radios("template", legend_size="s", small=True)] if asks else []),
            Field.select("meeting"),
            Field.text("title"),
            Field.text("report_of", field_width=Fluid.TWO_THIRDS),
            Submit("start", _("Start the report")),
        )

    def clean(self):
        cleaned = super().clean()
        meeting, committee = cleaned.get("meeting"), cleaned.get("committee")
        if meeting and committee and meeting.committee_id != committee.pk:
            self.add_error(
                "meeting",
                gettext("That meeting is not a meeting of the %(committee)s")
                % {"committee": bilingual_text(committee, "name")},
            )
        self.clean_template_for(committee)
        return cleaned


class FromWorkProgrammeForm(TemplateChoice, forms.Form):
    item = forms.ModelChoiceField(
        label=_("Work programme item"),
        queryset=WorkProgrammeItem.objects.none(),
        empty_label=_("Choose an item"),
        error_messages={"required": _("Choose the item the report is for")},
        help_text=_("Fills in the title, who the report is of, key decision and exempt status, and the meeting."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["item"]
        field.queryset = (
            # An item whose report was withdrawn is open again: a new report can be started for it.
            WorkProgrammeItem.objects.filter(Q(report__isnull=True) | Q(report__status=Report.Status.WITHDRAWN))
            .exclude(status__in=[WorkProgrammeItem.Status.WITHDRAWN, WorkProgrammeItem.Status.CONSIDERED])
            .select_related("committee")
            .order_by("committee__name", "title")
        )
        field.label_from_instance = lambda item: f"{item.committee.name}: {item.title}"
        asks = self._add_template_field()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.select("item"),
            *([Field.radios("template", legend_size="s", small=True)] if asks else []),
            Submit("from_item", _("Start the report from this item")),
        )

    def clean(self):
        cleaned = super().clean()
        item = cleaned.get("item")
        self.clean_template_for(item.committee if item else None)
        return cleaned


class TitleBlockForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Report
        fields = [
            "title",
            "report_of",
            "meeting",
            "all_wards",
            "wards",
            "is_exempt",
            "exempt_paragraph",
            "public_title",
            "urgent",
            "key_decision",
            "forward_plan_reference",
            "decision_maker",
            "lead_head_of_service",
            "contact_officers",
        ]
        labels = {
            "title": _("Title"),
            "report_of": _("Report of"),
            "meeting": _("Meeting"),
            "forward_plan_reference": _("Forward plan reference"),
            "decision_maker": _("Final decision-maker"),
            "lead_head_of_service": _("Lead head of service"),
            "all_wards": _("The report affects all wards"),
            "wards": _("Wards affected"),
            "is_exempt": _("Exempt (Part 2): not for publication"),
            "exempt_paragraph": _("Schedule 12A paragraph"),
            "public_title": _("Public title (exempt reports only)"),
            "urgent": _("Urgent"),
            "key_decision": _("Key decision"),
            "contact_officers": _("Officer contact details"),
        }
        widgets = {
            "wards": forms.CheckboxSelectMultiple,
            "contact_officers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        report = self.instance
        meeting = self.fields["meeting"]
        meeting.queryset = _meetings_for(report.committee) | Meeting.objects.filter(pk=report.meeting_id)
        meeting.label_from_instance = lambda m: dates.at(timezone.localtime(m.starts_at), "j F Y")
        meeting.empty_label = _("Not decided yet")
        self.fields["wards"].queryset = Ward.objects.all()
        self.fields["wards"].label_from_instance = lambda ward: bilingual_text(ward, "name")
        self.fields["wards"].help_text = _("Only when it does not affect all wards.")
        self.fields["contact_officers"].queryset = Person.objects.filter(kind=Person.Kind.OFFICER)
        self.fields["contact_officers"].label_from_instance = in_reader_language
        self.fields["exempt_paragraph"].help_text = _("Required when the report is exempt.")
        self.fields["public_title"].help_text = _(
            "What the public agenda calls this report, worded so as not to disclose what the exemption "
            "protects. The title above is then for members entitled to Part 2. Leave empty if the title "
            "itself discloses nothing."
        )
        self.fields["exempt_paragraph"].choices = schedule_12a.choices()
        # The rows the template asks each report to fill in ("Timetable", "Report number", "Portfolio
        # holder"), each as its kind asks; kept by the row's label in extra_title_rows.
        rows = report.template.title_block_rows.all() if report.template_id else []
        self.filled_rows = {f"row_{row.pk}": row for row in rows if row.field in TitleBlockRow.FILLED_IN}
        layout = []
        for name, row in self.filled_rows.items():
            self.fields[name], shown = _title_row_field(row, report.extra_title_rows.get(row.label))
            layout.append(shown(name))
        free = [Fieldset(*layout, legend=_("Other details"))] if layout else []
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "version",
            Field.text("title"),
            Field.text("report_of", field_width=Fluid.TWO_THIRDS),
            Field.select("meeting"),
            Fieldset(Field.checkbox("all_wards"), Field.checkboxes("wards", small=True), legend=_("Wards")),
            Fieldset(
                Field.checkbox("is_exempt"),
                Field.select("exempt_paragraph"),
                Field.text("public_title"),
                Field.checkbox("urgent"),
                Field.checkbox("key_decision"),
                Field.text("forward_plan_reference", field_width=Fluid.ONE_THIRD),
                legend=_("Status"),
            ),
            Field.text("decision_maker", field_width=Fluid.TWO_THIRDS),
            Field.text("lead_head_of_service", field_width=Fluid.TWO_THIRDS),
            Field.checkboxes("contact_officers", small=True),
            *free,
            Submit("save", _("Save the details")),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_exempt") and not cleaned.get("exempt_paragraph"):
            self.add_error("exempt_paragraph", _("Choose the Schedule 12A paragraph that makes the report exempt"))
        if not cleaned.get("is_exempt"):
            cleaned["exempt_paragraph"] = None
            cleaned["public_title"] = ""
        if not cleaned.get("all_wards") and not cleaned.get("wards"):
            self.add_error("wards", _("Choose the wards affected, or say it affects all wards"))
        if cleaned.get("all_wards"):
            cleaned["wards"] = Ward.objects.none()
        # Values of rows the template no longer has are kept: they come back if the row does.
        extra = dict(self.instance.extra_title_rows or {})
        for name, row in self.filled_rows.items():
            value = _stored_row_value(row, cleaned.get(name))
            if value:
                extra[row.label] = value
            else:
                extra.pop(row.label, None)
        cleaned["extra_title_rows"] = extra
        if not cleaned.get("key_decision"):
            cleaned["forward_plan_reference"] = ""
        return cleaned


YES_NO_CHOICES = [("yes", _("Yes")), ("no", _("No")), ("n/a", _("Not applicable"))]


def _title_row_field(row: TitleBlockRow, stored):
    """The editor's field for a title-block row the report fills in, and how the layout shows it."""
    kind = TitleBlockRow.Field
    if row.field == kind.YES_NO:
        field = forms.ChoiceField(label=row.label, required=False, choices=YES_NO_CHOICES, widget=forms.RadioSelect)
        field.initial = stored or None
        return field, lambda name: Field.radios(name, legend_size="s", small=True, inline=True)
    if row.field == kind.CHOICE:
        choices = [(choice, choice) for choice in row.choice_list]
        if stored and stored not in row.choice_list:  # a choice since taken off the list stays chosen
            choices.append((stored, stored))
        field = forms.ChoiceField(label=row.label, required=False, choices=choices, widget=forms.RadioSelect)
        field.initial = stored or None
        return field, lambda name: Field.radios(name, legend_size="s", small=True)
    if row.field == kind.DATE:
        field = forms.DateField(
            label=row.label,
            required=False,
            input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"],
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            help_text=_("For example, 20 June 2005."),
            error_messages={"invalid": f"Enter {row.label} as a date, for example 20/06/2005"},
        )
        field.initial = stored or None
        return field, lambda name: Field.text(name, field_width=Fluid.ONE_THIRD)
    if row.field == kind.PEOPLE:
        field = forms.ModelMultipleChoiceField(
            label=row.label,
            required=False,
            # Officers first, then members, as title blocks name them ("Report of the Corporate Director
            # and the Cabinet Portfolio Holder"): the order chosen people print in.
            queryset=Person.objects.order_by(Case(When(kind=Person.Kind.OFFICER, then=0), default=1), "name", "id"),
            widget=forms.CheckboxSelectMultiple,
        )
        field.label_from_instance = in_reader_language
        field.initial = stored if isinstance(stored, list) else []
        return field, lambda name: Field.checkboxes(name, small=True)
    field = forms.CharField(label=row.label, required=False, max_length=500, initial=stored or "")
    return field, lambda name: Field.text(name)


def _stored_row_value(row: TitleBlockRow, value):
    """A row's cleaned value as extra_title_rows keeps it (JSON): text, an ISO date, or people's ids."""
    if row.field == TitleBlockRow.Field.DATE:
        return value.isoformat() if value else ""
    if row.field == TitleBlockRow.Field.PEOPLE:
        return [person.pk for person in value] if value else []
    return (value or "").strip()


class SubmitForm(forms.Form):
    """Choose who signs off each required role; the last approver (or the first in the group) is offered."""

    comment = forms.CharField(
        label=_("Note for the approvers (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, report: Report, approvers_for_role, **kwargs):
        super().__init__(*args, **kwargs)
        current = {s.role: s.approver_id for s in report.signoffs.all()}
        self.roles = list(report.committee.required_signoff_roles)
        for role in self.roles:
            queryset = approvers_for_role(role)
            field = forms.ModelChoiceField(
                label=format_lazy(_("{role} sign-off"), role=SignOff.Role(role).label),
                queryset=queryset,
                empty_label=None,
                error_messages={"required": f"Choose who gives the {role} sign-off"},
            )
            field.label_from_instance = lambda u: u.get_full_name() or u.get_username()
            self.fields[f"approver_{role}"] = field
            self.initial.setdefault(f"approver_{role}", current.get(role))

    def approvers(self) -> dict:
        return {role: self.cleaned_data[f"approver_{role}"] for role in self.roles}


class SignOffForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("approve", _("Approve")), ("changes", _("Request changes"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you approve the report or want changes")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you request changes: the author sees it."),
    )
    role = forms.ChoiceField(choices=SignOff.Role.choices, widget=forms.HiddenInput)

    def __init__(self, *args, open_comments: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        # Open comments on the text say what needs to change: the request lists them.
        self.open_comments = open_comments
        if open_comments:
            self.fields["comment"].help_text = (
                f"Your {open_comments} open comment{'s' if open_comments != 1 else ''} on the text "
                "will be listed with your request for changes."
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "changes" and not cleaned.get("comment", "").strip() and not self.open_comments:
            self.add_error("comment", _("Say what needs to change, so the author knows what to do"))
        return cleaned


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=_("What was corrected"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with the report as “Revised on …”."),
        error_messages={"required": _("Say what was corrected")},
    )


# Importing a Word report (reports/word_import.py) ---------------------------------------------------


class WordImportForm(TemplateChoice, forms.Form):
    """The Word file, and what the document itself cannot say: the committee, the meeting, the template."""

    file = forms.FileField(
        label=_("Word document (.docx)"),
        help_text=_("The report as written in Word. Pictures and embedded files are not imported."),
        error_messages={"required": _("Choose the Word document to import")},
    )
    committee = forms.ModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.filter(active=True),
        empty_label=_("Choose a committee"),
        error_messages={"required": _("Choose the committee the report goes to")},
    )
    meeting = MeetingChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Not decided yet"),
        help_text=_("The meeting the report is for. You can choose it later."),
    )

    def __init__(self, *args, with_file: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _meetings_for(None)
        asks = self._add_template_field()
        if not with_file:  # the review page's "Create the draft" carries the document read, not the file
            del self.fields["file"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *([Field("file")] if with_file else []),
            Field.select("committee"),
            *([Field.radios("template", legend_size="s", small=True)] if asks else []),
            Field.select("meeting"),
            Submit("review", _("Read the document")),
        )

    def clean(self):
        cleaned = super().clean()
        meeting, committee = cleaned.get("meeting"), cleaned.get("committee")
        if meeting and committee and meeting.committee_id != committee.pk:
            self.add_error(
                "meeting",
                gettext("That meeting is not a meeting of the %(committee)s")
                % {"committee": bilingual_text(committee, "name")},
            )
        self.clean_template_for(committee)
        return cleaned


# Comments where the text is (reports/comments.py) ----------------------------------------------------


class ThreadForm(forms.Form):
    """A new comment on one part of the report; for a paragraph or a recommendation, optionally new text."""

    part = forms.ChoiceField(choices=Comment.Part.choices, widget=forms.HiddenInput)
    item = forms.CharField(max_length=200, widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write your comment")},
    )
    suggestion = RichTextField(
        label=_("Suggested text (optional)"),
        required=False,
        help_text=_("Change the text as you would have it. The author can accept it with one button."),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply"), widget=forms.Textarea(attrs={"rows": 2}), error_messages={"required": _("Write your reply")}
    )


class LiftExemptionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is no longer exempt"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept in the report's history and shown with the report as “Revised on …”."),
        error_messages={"required": _("Say why the information is no longer exempt")},
    )
    confirm = forms.BooleanField(
        label=_("I confirm this information may be published now"),
        error_messages={"required": _("Confirm that the information may be published now")},
    )


class RedactedParagraphForm(forms.Form):
    text = RichTextField(
        label=_("The redacted version"),
        rows=6,
        error_messages={"required": _("Write the redacted version: the text the public may read")},
    )
    reason = forms.CharField(
        label=_("What the redacted version leaves out, and why it is published now"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept in the report's history and shown with the report as “Revised on …”."),
        error_messages={"required": _("Say what the redacted version leaves out")},
    )
    confirm = forms.BooleanField(
        label=_("I confirm the redacted version holds no exempt information and may be published now"),
        error_messages={"required": _("Confirm that the redacted version may be published now")},
    )


class RedactedAppendixForm(forms.Form):
    file = forms.FileField(
        label=_("The redacted version"),
        help_text=_("A PDF, Word document (.docx) or Excel workbook (.xlsx) with the exempt information taken out."),
        error_messages={"required": _("Choose the redacted version to upload")},
    )
    reason = forms.CharField(
        label=_("What the redacted version leaves out, and why it is published now"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept in the report's history and shown with the report as “Revised on …”."),
        error_messages={"required": _("Say what the redacted version leaves out")},
    )
    confirm = forms.BooleanField(
        label=_("I confirm the redacted version holds no exempt information and may be published now"),
        error_messages={"required": _("Confirm that the redacted version may be published now")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = uploads.check_upload(upload)
        return upload
