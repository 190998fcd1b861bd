from django.urls import path

from web.feeds import DecisionsFeed, PublishedDocumentsFeed
from web.views import committees as views
from web.views import decision_records as views_records
from web.views import decisions as views_decisions
from web.views import meetings as views_meetings
from web.views import minutes as views_minutes
from web.views import public as views_public
from web.views import work_programme

app_name = "committee"

urlpatterns = [
    path("committees/", views.committee_list, name="committee_list"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee_detail"),
    path("meetings/<int:pk>/", views_public.meeting_page, name="meeting_detail"),
]

# Governance officers: meetings and agendas (web/views/meetings.py).

urlpatterns += [
    path("manage/meetings/", views_meetings.meetings_manage, name="meetings_manage"),
    path("manage/committees/<slug:slug>/schedule/", views_meetings.meeting_schedule, name="meeting_schedule"),
    path(
        "manage/committees/<slug:slug>/schedule-series/",
        views_meetings.meeting_schedule_series,
        name="meeting_schedule_series",
    ),
    path("manage/meetings/<int:pk>/agenda/", views_meetings.agenda_build, name="agenda_build"),
    path(
        "manage/meetings/<int:pk>/agenda/opening-items/",
        views_meetings.agenda_opening_items,
        name="agenda_opening_items",
    ),
    path("manage/meetings/<int:pk>/agenda/items/add/", views_meetings.agenda_item_add, name="agenda_item_add"),
    path("manage/meetings/<int:pk>/agenda/reports/add/", views_meetings.agenda_report_add, name="agenda_report_add"),
    path(
        "manage/meetings/<int:pk>/agenda/items/<int:item_pk>/move/<str:direction>/",
        views_meetings.agenda_item_move,
        name="agenda_item_move",
    ),
    path(
        "manage/meetings/<int:pk>/agenda/items/<int:item_pk>/remove/",
        views_meetings.agenda_item_remove,
        name="agenda_item_remove",
    ),
    path(
        "manage/meetings/<int:pk>/agenda/items/<int:item_pk>/edit/",
        views_meetings.agenda_item_edit,
        name="agenda_item_edit",
    ),
    path("manage/meetings/<int:pk>/publish/", views_meetings.agenda_publish, name="agenda_publish"),
    path(
        "manage/meetings/<int:pk>/publish-supplementary/",
        views_meetings.agenda_publish_supplementary,
        name="agenda_publish_supplementary",
    ),
    path("manage/meetings/<int:pk>/postpone/", views_meetings.meeting_postpone, name="meeting_postpone"),
    path("manage/meetings/<int:pk>/cancel/", views_meetings.meeting_cancel, name="meeting_cancel"),
    path("manage/meetings/<int:pk>/packs/", views_meetings.agenda_packs_rebuild, name="agenda_packs_rebuild"),
]

# Forward work programmes and the Forward Plan (web/views/work_programme.py).

urlpatterns += [
    path("committees/<slug:slug>/work-programme/", work_programme.programme_public, name="work_programme_public"),
    path("committees/<slug:slug>/work-programme.pdf", work_programme.programme_pdf, name="work_programme_pdf"),
    path("committees/<slug:slug>/work-programme/feed/", work_programme.ProgrammeFeed(), name="work_programme_feed"),
    path(
        "committees/<slug:slug>/work-programme/manage/", work_programme.programme_manage, name="work_programme_manage"
    ),
    path("committees/<slug:slug>/work-programme/manage/add/", work_programme.item_add, name="work_programme_item_add"),
    path(
        "committees/<slug:slug>/work-programme/manage/table/",
        work_programme.programme_table,
        name="work_programme_table",
    ),
    path(
        "committees/<slug:slug>/work-programme/manage/export.csv",
        work_programme.programme_export,
        name="work_programme_export",
    ),
    path(
        "committees/<slug:slug>/work-programme/manage/import/",
        work_programme.programme_import,
        name="work_programme_import",
    ),
    path(
        "committees/<slug:slug>/work-programme/manage/publish/",
        work_programme.programme_publish,
        name="work_programme_publish",
    ),
    path("work-programme/items/<int:pk>/", work_programme.item_detail, name="work_programme_item"),
    path("work-programme/items/<int:pk>/edit/", work_programme.item_edit, name="work_programme_item_edit"),
    path("work-programme/items/<int:pk>/move/", work_programme.item_move, name="work_programme_item_move"),
    path("work-programme/items/<int:pk>/route/", work_programme.item_route, name="work_programme_item_route"),
    path("work-programme/due/", work_programme.officers_view, name="work_programme_due"),
    path("forward-plan/", work_programme.forward_plan_public, name="forward_plan"),
]

# The public site: calendar, minutes and decisions, feeds, search, packs (web/views/public.py).

urlpatterns += [
    path("meetings/", views_public.meeting_calendar, {"view": "list"}, name="meeting_list"),
    path("meetings/calendar/", views_public.meeting_calendar, {"view": "month"}, name="meeting_calendar"),
    path("meetings/<int:pk>/minutes/", views_public.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/decisions/", views_public.meeting_decisions, name="meeting_decisions"),
    path("meetings/<int:pk>/pack/<str:variant>.pdf", views_public.meeting_pack, name="meeting_pack"),
    path("meetings.ics", views_public.ical_all, name="ical_all"),
    path("committees/<slug:slug>/meetings.ics", views_public.ical_committee, name="ical_committee"),
    path("documents.atom", PublishedDocumentsFeed(), name="documents_feed"),
    path("search/", views_public.search_page, name="search"),
]

# Governance officers: minutes (web/views/minutes.py).

urlpatterns += [
    path("manage/meetings/<int:pk>/minutes/", views_minutes.minutes_edit, name="minutes_edit"),
    path("manage/meetings/<int:pk>/minutes/attendance/", views_minutes.minutes_attendance, name="minutes_attendance"),
    path(
        "manage/meetings/<int:pk>/minutes/declarations/", views_minutes.minutes_declaration, name="minutes_declaration"
    ),
    path(
        "manage/meetings/<int:pk>/minutes/items/<int:item_pk>/decision/",
        views_minutes.minutes_decision,
        name="minutes_decision",
    ),
    path("manage/meetings/<int:pk>/minutes/notes/", views_minutes.minutes_notes, name="minutes_notes"),
    path(
        "manage/meetings/<int:pk>/minutes/items/<int:item_pk>/recorded-vote/",
        views_minutes.minutes_named_vote,
        name="minutes_named_vote",
    ),
    path("manage/meetings/<int:pk>/minutes/actions/", views_minutes.minutes_action, name="minutes_action"),
    path("manage/actions/", views_minutes.actions_manage, name="actions_manage"),
    path("manage/actions/<int:pk>/", views_minutes.action_update, name="action_update"),
    path("manage/meetings/<int:pk>/minutes/publish/", views_minutes.minutes_publish, name="minutes_publish"),
    path("manage/meetings/<int:pk>/minutes/confirm/", views_minutes.minutes_confirm, name="minutes_confirm"),
]

# Executive decisions: decision notices and call-in (web/views/decisions.py).

urlpatterns += [
    path("decisions/", views_decisions.decision_list, name="decision_list"),
    path("decisions/awaiting-call-in/", views_decisions.decisions_awaiting_call_in, name="decisions_awaiting_call_in"),
    path("decisions.atom", DecisionsFeed(), name="decisions_feed"),
    path("committees/<slug:slug>/decisions/", views_decisions.decision_list, name="committee_decisions"),
    path("decisions/<int:pk>/", views_decisions.decision_notice, name="decision_notice"),
    path(
        "manage/meetings/<int:pk>/minutes/items/<int:item_pk>/notice/",
        views_decisions.decision_notice_publish,
        name="decision_notice_publish",
    ),
    path("decisions/<int:pk>/call-in/sign/", views_decisions.call_in_sign, name="call_in_sign"),
    path("manage/decisions/<int:pk>/call-in/", views_decisions.call_in_record, name="call_in_record"),
    path("manage/decisions/<int:pk>/call-in/outcome/", views_decisions.call_in_outcome, name="call_in_outcome"),
]

# Decisions taken outside meetings, by cabinet members and officers (web/views/decision_records.py).

urlpatterns += [
    path("manage/decisions/records/", views_records.record_list, name="decision_records"),
    path("manage/decisions/records/new/", views_records.record_edit, name="decision_record_new"),
    path("manage/decisions/records/<int:pk>/", views_records.record_edit, name="decision_record_edit"),
    path("manage/decisions/records/<int:pk>/publish/", views_records.record_publish, name="decision_record_publish"),
]
