from django.urls import path

from web.views import councillor_records, councillors, register

app_name = "members"

# Councillors' public pages (web/views/councillors.py).

urlpatterns = [
    path("councillors/", councillors.councillor_list, name="councillor_list"),
    path("councillors/<int:pk>/", councillors.councillor_detail, name="councillor"),
    path("councillors/<int:pk>/register-history/", councillors.register_history, name="register_history"),
    path("councillors/<int:pk>/photo/", councillors.councillor_photo, name="councillor_photo"),
    path("committees/<slug:slug>/attendance/", councillors.committee_attendance, name="committee_attendance"),
]

# The register of interests: members keep their own, the monitoring officer's team publishes (web/views/register.py).

urlpatterns += [
    path("my-register/", register.my_register, name="my_register"),
    path("my-register/interests/add/", register.my_register_add, name="my_register_add"),
    path("my-register/interests/<int:pk>/change/", register.my_register_change, name="my_register_change"),
    path("my-register/gifts/add/", register.my_gift_add, name="my_gift_add"),
    path("manage/register/", register.register_review, name="register_review"),
    path("manage/register/changes/<int:pk>/publish/", register.register_publish, name="register_publish"),
    path("manage/register/gifts/<int:pk>/publish/", register.gift_publish, name="gift_publish"),
    path("manage/register/dispensations/add/", register.dispensation_add, name="dispensation_add"),
]

# Councillors' photos and addresses, and approvals of absence (six-month rule): the monitoring officer's
# team and governance officers (web/views/councillor_records.py).

urlpatterns += [
    path("manage/councillors/", councillor_records.councillor_records, name="councillor_records"),
    path("manage/councillors/<int:pk>/", councillor_records.councillor_profile_edit, name="councillor_profile_edit"),
    path("manage/six-month-rule/", councillor_records.absences, name="absences"),
    path("manage/six-month-rule/approve/", councillor_records.absence_approve, name="absence_approve"),
]
