from django.contrib import admin

from committee import agenda
from committee.models import (
    AgendaItem,
    Committee,
    Meeting,
    Membership,
    Person,
    Venue,
    Ward,
    WorkProgrammeDeferral,
    WorkProgrammeItem,
)


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
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "job_title", "party", "ward", "email"]
    list_filter = ["kind", "party", "ward"]
    search_fields = ["name", "email", "job_title"]
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
    list_display = ["name", "postcode"]
    search_fields = ["name", "address", "postcode"]


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
