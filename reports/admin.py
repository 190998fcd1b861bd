from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db.models import F
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reports import templates_setup, uploads
from reports.models import (
    Appendix,
    BackgroundPaper,
    Paragraph,
    Recommendation,
    Report,
    ReportRevision,
    ReportTemplate,
    ReportTransition,
    Section,
    SignOff,
    TemplateSection,
    TitleBlockRow,
)


class TemplateSectionFormSet(BaseInlineFormSet):
    def clean(self):
        """A section is deleted with its sub-headings only when they are ticked for deletion too, so none
        goes without the administrator seeing it."""
        super().clean()
        deleting = {form.instance.pk for form in self.deleted_forms if form.instance.pk}
        for form in self.deleted_forms:
            kept = [
                child.heading
                for child in TemplateSection.objects.filter(parent_id=form.instance.pk)
                if child.pk not in deleting
            ]
            if kept:
                raise forms.ValidationError(
                    gettext(
                        "Deleting the section “%(heading)s” would delete its sub-headings too: %(kept)s. "
                        "Tick them for deletion as well, or move them first."
                    )
                    % {"heading": form.instance.heading, "kept": ", ".join(kept)}
                )


class TemplateSectionInline(admin.TabularInline):
    model = TemplateSection
    formset = TemplateSectionFormSet
    extra = 0
    fields = [
        "heading",
        "parent",
        "position",
        "is_optional",
        "is_required",
        "is_background_papers",
        "records",
        "guidance",
    ]

    def get_queryset(self, request):
        # Each section followed by its own sub-headings, in order, as the report prints them.
        return (
            super()
            .get_queryset(request)
            .annotate(section_position=Coalesce("parent__position", "position"), section_id=Coalesce("parent_id", "id"))
            .order_by("section_position", "section_id", F("parent_id").asc(nulls_first=True), "position", "id")
        )


class TitleBlockRowInline(admin.TabularInline):
    model = TitleBlockRow
    extra = 0


@admin.register(ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default", "numbering", "appendix_labels"]
    search_fields = ["name"]
    # There is always one default: it changes by the action, which clears the one before.
    readonly_fields = ["is_default"]
    filter_horizontal = ["committees"]
    inlines = [TitleBlockRowInline, TemplateSectionInline]
    actions = ["make_default"]

    @admin.action(description=_("Make the selected template the default"))
    def make_default(self, request, queryset):
        chosen = list(queryset[:2])
        if len(chosen) != 1:
            self.message_user(request, gettext("Choose one template to make the default."), messages.ERROR)
            return
        template = templates_setup.make_default(chosen[0])
        self.message_user(
            request,
            gettext(
                "“%(template)s” is now the default template: reports start from it unless their committee uses another."
            )
            % {"template": template.name},
            messages.SUCCESS,
        )


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["position", "heading", "is_background_papers"]
    show_change_link = True


class CheckedFileForm(forms.ModelForm):
    """Files uploaded in the admin pass the same checks as the editor's (reports/uploads.py):
    the admin is no way round them."""

    allowed: tuple[str, ...] = ()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new upload, not the file already stored
            checked = uploads.check_upload(upload, allowed=self.allowed or (uploads.PDF, uploads.DOCX, uploads.XLSX))
            for name in ("content_type", "size", "sha512"):
                if hasattr(self.instance, name):
                    setattr(self.instance, name, getattr(checked, name))
        return upload


class BackgroundPaperForm(CheckedFileForm):
    allowed = ("pdf",)

    class Meta:
        model = BackgroundPaper
        fields = ["report", "position", "title", "url", "file", "date"]


PUBLISHED_FILE_MESSAGE = _(
    "This report is published: an appendix is added or its file replaced in a correction from the "
    "report's page, so nothing reaches the public before the correction is published."
)


class AppendixForm(CheckedFileForm):
    class Meta:
        model = Appendix
        # What the file is (type, size, fingerprint) comes from the check, never from the form.
        fields = ["report", "position", "title", "file"]

    def clean(self):
        """A new appendix of a published report would be public the moment it is saved: refused here
        (the file of an existing one is read-only, `published_file_fields`)."""
        cleaned = super().clean()
        report = cleaned.get("report") or getattr(self.instance, "report", None)
        if self.instance.pk is None and report is not None and report.published_at:
            raise forms.ValidationError(PUBLISHED_FILE_MESSAGE)
        return cleaned


def published_file_fields(report) -> list[str]:
    """An appendix of a published report keeps its file and report in the admin: a file replaced here
    would be public at once, unreviewed, with no correction recorded."""
    return ["report", "file"] if report is not None and report.published_at else []


class BackgroundPaperInline(admin.TabularInline):
    model = BackgroundPaper
    form = BackgroundPaperForm
    extra = 0


class AppendixInline(admin.TabularInline):
    model = Appendix
    form = AppendixForm
    extra = 0
    fields = ["position", "title", "file", "content_type", "size"]

    def get_readonly_fields(self, request, obj=None):
        # obj is the report: a published report's appendices keep their files.
        return ["content_type", "size", *(["file"] if published_file_fields(obj) else [])]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not published_file_fields(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not published_file_fields(obj)


class SignOffInline(admin.TabularInline):
    model = SignOff
    extra = 0


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "meeting", "status", "is_exempt", "key_decision", "modified"]
    list_filter = ["status", "is_exempt", "key_decision", "urgent", "committee"]
    search_fields = ["title", "summary", "report_of"]
    list_select_related = ["committee", "meeting__committee"]
    autocomplete_fields = ["meeting", "contact_officers", "author", "shared_with", "wards"]
    readonly_fields = ["version", "created", "modified"]
    inlines = [RecommendationInline, SectionInline, BackgroundPaperInline, AppendixInline, SignOffInline]


class ParagraphInline(admin.StackedInline):
    model = Paragraph
    extra = 0
    fields = ["position", "parent", "heading", "text"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["heading", "report", "position"]
    search_fields = ["heading", "report__title"]
    list_select_related = ["report"]
    inlines = [ParagraphInline]


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["__str__", "section", "position"]
    search_fields = ["heading", "text"]
    list_select_related = ["section__report"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "report", "position"]
    search_fields = ["text"]
    list_select_related = ["report"]


@admin.register(BackgroundPaper)
class BackgroundPaperAdmin(admin.ModelAdmin):
    form = BackgroundPaperForm
    list_display = ["title", "report", "url", "date"]
    search_fields = ["title", "url"]
    list_select_related = ["report"]


@admin.register(Appendix)
class AppendixAdmin(admin.ModelAdmin):
    form = AppendixForm
    list_display = ["title", "report", "content_type", "size"]
    search_fields = ["title"]
    list_select_related = ["report"]

    def get_readonly_fields(self, request, obj=None):
        return ["content_type", "size", "sha512", *published_file_fields(obj.report if obj else None)]

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not published_file_fields(obj.report if obj else None)


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    list_display = ["report", "role", "approver", "decision", "decided_at"]
    list_filter = ["role", "decision"]
    search_fields = ["report__title"]
    list_select_related = ["report", "approver"]


@admin.register(ReportTransition)
class ReportTransitionAdmin(admin.ModelAdmin):
    list_display = ["report", "from_status", "to_status", "by", "at"]
    list_filter = ["to_status"]
    search_fields = ["report__title", "comment"]
    list_select_related = ["report", "by"]


@admin.register(ReportRevision)
class ReportRevisionAdmin(admin.ModelAdmin):
    list_display = ["report", "number", "is_published", "created_by", "created"]
    list_filter = ["is_published"]
    search_fields = ["report__title"]
    list_select_related = ["report", "created_by"]
