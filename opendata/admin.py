from django.contrib import admin

from opendata.models import CouncilTerm


@admin.register(CouncilTerm)
class CouncilTermAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
