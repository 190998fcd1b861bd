from django.contrib import admin

from opendata.models import CouncilTerm, ImportedDocument


@admin.register(CouncilTerm)
class CouncilTermAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]


@admin.register(ImportedDocument)
class ImportedDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "agenda_item", "published_on", "url"]
    search_fields = ["title"]
    raw_id_fields = ["agenda_item"]
