from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/stop/", views.stop_alert, name="stop_alert"),
    path("manage/<str:token>/language/", views.manage_language, name="manage_language"),
    path("manage/<str:token>/delete/", views.delete_address, name="delete_address"),
    path("my-committees/", views.member_papers, name="member_papers"),
]
