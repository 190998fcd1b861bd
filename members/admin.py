"""The admin's lists of councillors' photos and addresses, approvals of absence (s.85) and dispensations,
for administrators. The council's own people keep them through the app's pages (web/views/
councillor_records.py, register.py). The register of interests is kept through the app's pages only,
so a sensitive interest's details never reach an admin list (members/access.py)."""

from django.contrib import admin

from members.models import AbsenceApproval, CouncillorProfile, Dispensation


@admin.register(CouncillorProfile)
class CouncillorProfileAdmin(admin.ModelAdmin):
    list_display = ["person"]
    search_fields = ["person__name"]
    autocomplete_fields = ["person"]


@admin.register(AbsenceApproval)
class AbsenceApprovalAdmin(admin.ModelAdmin):
    list_display = ["person", "approved_on", "until", "approved_by"]
    search_fields = ["person__name"]
    autocomplete_fields = ["person"]


@admin.register(Dispensation)
class DispensationAdmin(admin.ModelAdmin):
    list_display = ["person", "committee", "granted_on", "expires_on"]
    search_fields = ["person__name", "scope"]
    autocomplete_fields = ["person"]
