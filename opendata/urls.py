from django.urls import path, re_path

from opendata.views import exports, moderngov
from opendata.views import files as views_files
from opendata.views import oparl as views_oparl

app_name = "opendata"

urlpatterns = [
    # OParl 1.1
    path("oparl/v1/", views_oparl.system, name="oparl_system"),
    path("oparl/v1/bodies", views_oparl.bodies, name="oparl_bodies"),
    path("oparl/v1/body/<int:body_id>", views_oparl.body, name="oparl_body"),
    path("oparl/v1/body/<int:body_id>/<str:kind>", views_oparl.body_list, name="oparl_body_list"),
    path(
        "oparl/v1/organization/<int:pk>/meetings",
        views_oparl.organization_meetings,
        name="oparl_organization_meetings",
    ),
    path("oparl/v1/<str:kind>/<str:pk>", views_oparl.object_detail, name="oparl_object"),
    re_path(r"^oparl/(?P<rest>.*)$", views_oparl.not_found),
    # The open data page and its downloads
    path("open-data/", exports.open_data, name="open_data"),
    path("open-data/<slug:dataset>.<str:fmt>", exports.download, name="download"),
    # Downloads (as attachments) behind the report's permission check; reports/ serves them inline
    path(
        "open-data/files/appendix/<int:pk>/download",
        views_files.appendix_download,
        name="appendix_download",
    ),
    path(
        "open-data/files/background-paper/<int:pk>/download",
        views_files.background_paper_download,
        name="background_paper_download",
    ),
    path("open-data/files/report/<int:pk>/download", views_files.report_download, name="report_download"),
    path("open-data/files/minutes/<int:pk>/download", views_files.minutes_download, name="minutes_download"),
    path(
        "open-data/files/agenda-pack/<int:pk>/download",
        views_files.agenda_pack_download,
        name="agenda_pack_download",
    ),
    # The Modern.gov-compatible web service (operation names in any case), and the old Modern.gov
    # page addresses people bookmarked; each as Modern.gov writes it and in lower case.
    path("mgWebService.asmx/<str:operation>", moderngov.web_service),
    path("mgwebservice.asmx/<str:operation>", moderngov.web_service),
]
for page, view in moderngov.OLD_PAGES.items():
    urlpatterns += [path(page, view), path(page.lower(), view)]
