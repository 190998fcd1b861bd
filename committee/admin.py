from django import forms
from django.contrib import admin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from committee import agenda
from committee.models import (
    AgendaItem,
    Committee,
    Council,
    Meeting,
    Membership,
    Person,
    Venue,
    Ward,
    WorkProgrammeDeferral,
    WorkProgrammeItem,
)
from committee.models.council import MAX_LOGO_BYTES, THE_COUNCIL, logo_type


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "active", "takes_key_decisions"]
    list_filter = ["kind", "active", "takes_key_decisions"]
    search_fields = ["name", "terms_of_reference"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ["name", "name_cy"]
    search_fields = ["name", "name_cy"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "job_title", "party", "ward", "email"]
    list_filter = ["kind", "party", "ward"]
    search_fields = ["name", "email", "job_title", "job_title_cy"]
    autocomplete_fields = ["user"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "committee", "role", "start_date", "end_date"]
    list_filter = ["role", "committee"]
    search_fields = ["person__name", "committee__name"]
    autocomplete_fields = ["person", "committee"]


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "name_cy", "postcode"]
    search_fields = ["name", "name_cy", "address", "address_cy", "postcode"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "kind", "part", "exempt_paragraph", "report", "is_supplementary"]
    autocomplete_fields = ["report"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["committee", "starts_at", "venue", "status", "agenda_published_at"]
    list_filter = ["status", "committee"]
    search_fields = ["committee__name", "venue__name"]
    date_hierarchy = "starts_at"
    list_select_related = ["committee", "venue"]
    inlines = [AgendaItemInline]

    def save_formset(self, request, form, formset, change):
        for item in formset.save(commit=False):
            if isinstance(item, AgendaItem):
                agenda.arrive_late(item)
            item.save()
        for item in formset.deleted_objects:
            item.delete()
        formset.save_m2m()


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "kind", "part", "exempt_paragraph"]
    list_filter = ["kind", "part"]
    search_fields = ["title"]
    list_select_related = ["meeting__committee"]
    autocomplete_fields = ["report", "meeting"]

    def save_model(self, request, obj, form, change):
        agenda.arrive_late(obj)
        super().save_model(request, obj, form, change)


class WorkProgrammeDeferralInline(admin.TabularInline):
    """The deferral history, read-only: moves are made on the programme pages, with a reason."""

    model = WorkProgrammeDeferral
    extra = 0
    can_delete = False
    fields = ["from_date", "to_date", "reason", "by", "at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WorkProgrammeItem)
class WorkProgrammeItemAdmin(admin.ModelAdmin):
    inlines = [WorkProgrammeDeferralInline]
    list_display = ["title", "committee", "target_meeting", "status", "key_decision", "is_exempt"]
    list_filter = ["status", "key_decision", "is_exempt", "committee"]
    search_fields = ["title", "purpose", "report_of"]
    list_select_related = ["committee", "target_meeting__committee"]
    autocomplete_fields = ["lead_officer", "target_meeting"]


class CouncilForm(forms.ModelForm):
    logo_file = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("SVG, PNG or JPEG, at most 256 KB; printed on every page and document. Leave empty to keep it."),
    )
    remove_logo = forms.BooleanField(label=_("Go back to the default logo"), required=False)

    class Meta:
        model = Council
        fields = ["name", "welsh_name", "nation", "header_colour", "link_colour", "address", "website"]

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        if upload.size > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo is larger than 256 KB: save it smaller (an SVG is usually best)."))
        data = upload.read()
        kind = logo_type(data)
        if not kind:
            raise forms.ValidationError(_("The logo must be an SVG, PNG or JPEG image."))
        return data, kind

    def save(self, commit=True):
        council = super().save(commit=False)
        if self.cleaned_data.get("remove_logo"):
            council.logo, council.logo_type = b"", ""
        elif self.cleaned_data.get("logo_file"):
            council.logo, council.logo_type = self.cleaned_data["logo_file"]
        if commit:
            council.save()
        return council


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    """One record: the list opens it, and it is never added twice or deleted."""

    form = CouncilForm
    fieldsets = [
        (
            None,
            {"fields": ["name", "welsh_name", "nation", "welsh_required", "bilingual_layout", "address", "website"]},
        ),
        (_("Look"), {"fields": ["logo_file", "remove_logo", "header_colour", "link_colour"]}),
    ]

    def changelist_view(self, request, extra_context=None):
        return redirect("admin:committee_council_change", THE_COUNCIL)

    def get_object(self, request, object_id, from_field=None):
        # Before the first save the record is filled in from the first-run settings.
        return Council.first_run() if str(object_id) == str(THE_COUNCIL) else None

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
