from django.urls import path

from committee import views

app_name = "committee"

urlpatterns = [
    path("committees/", views.committee_list, name="committee_list"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee_detail"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
]
