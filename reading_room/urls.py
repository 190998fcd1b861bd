from django.urls import path

from reading_room import views

app_name = "reading_room"

urlpatterns = [
    path("", views.my_meetings, name="my_meetings"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/notes/", views.note_add, name="note_add"),
    path("reports/<int:pk>/notes/delete/", views.note_delete, name="note_delete"),
    path("reports/<int:pk>/appendix-notes/", views.appendix_note_add, name="appendix_note_add"),
    path("reports/<int:pk>/changes/", views.report_changes, name="report_changes"),
    path("notes/export/", views.notes_export, name="notes_export"),
    path("notes/delete-all/", views.notes_delete_all, name="notes_delete_all"),
    path("offline/entitlement/", views.offline_entitlement, name="offline_entitlement"),
]
