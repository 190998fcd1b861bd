from django.urls import path

from web.views import (
    autosave,
    clearance,
    comments,
    downloads,
    drafting,
    report_templates,
    routes,
    translation,
    word_import,
)
from web.views import reports as views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
]

# Drafting (web/views/drafting.py) and clearance (web/views/clearance.py).

urlpatterns += [
    path("new/", drafting.report_new, name="report_new"),
    path("paste/", drafting.clean_paste, name="clean_paste"),
    path("<int:pk>/edit/", drafting.report_edit, name="report_edit"),
    path("<int:pk>/edit/details/", drafting.report_details, name="report_details"),
    path("<int:pk>/edit/summary/", drafting.summary_save, name="summary_save"),
    path("<int:pk>/edit/recommendations/add/", drafting.recommendation_add, name="recommendation_add"),
    path(
        "<int:pk>/edit/recommendations/<int:item>/<slug:action>/",
        drafting.recommendation_change,
        name="recommendation_change",
    ),
    path("<int:pk>/edit/sections/add/", drafting.section_add, name="section_add"),
    path("<int:pk>/edit/sections/<int:item>/<slug:action>/", drafting.section_change, name="section_change"),
    path("<int:pk>/edit/sections/<int:section>/paragraphs/add/", drafting.paragraph_add, name="paragraph_add"),
    path("<int:pk>/edit/paragraphs/<int:item>/<slug:action>/", drafting.paragraph_change, name="paragraph_change"),
    path("<int:pk>/edit/papers/add/", drafting.paper_add, name="paper_add"),
    path("<int:pk>/edit/papers/<int:item>/<slug:action>/", drafting.paper_change, name="paper_change"),
    path("<int:pk>/edit/appendices/add/", drafting.appendix_add, name="appendix_add"),
    path("<int:pk>/edit/appendices/<int:item>/<slug:action>/", drafting.appendix_change, name="appendix_change"),
    path("<int:pk>/preview/", drafting.report_preview, name="report_preview"),
    path("<int:pk>/manage/", clearance.report_manage, name="report_manage"),
    path("<int:pk>/submit/", clearance.report_submit, name="report_submit"),
    path("<int:pk>/sign-off/", clearance.report_sign_off, name="report_sign_off"),
    path("<int:pk>/approve/", clearance.report_approve, name="report_approve"),
    path("<int:pk>/publish/", clearance.report_publish, name="report_publish"),
    path("<int:pk>/withdraw/", clearance.report_withdraw, name="report_withdraw"),
    path("<int:pk>/return-to-draft/", clearance.report_return_to_draft, name="report_return_to_draft"),
    path("<int:pk>/correct/", clearance.report_correct, name="report_correct"),
    path("<int:pk>/exemptions/", clearance.report_exemptions, name="report_exemptions"),
    path("<int:pk>/exemptions/<slug:kind>/<int:item>/lift/", clearance.exemption_lift, name="exemption_lift"),
    path("<int:pk>/exemptions/appendix/<int:item>/redact/", clearance.appendix_redact, name="appendix_redact"),
    path(
        "<int:pk>/exemptions/paragraph/<int:item>/redact/",
        clearance.text_redact,
        {"kind": "paragraph"},
        name="paragraph_redact",
    ),
    path("<int:pk>/welsh/", translation.report_welsh, name="report_welsh"),
    path(
        "<int:pk>/exemptions/recommendation/<int:item>/redact/",
        clearance.text_redact,
        {"kind": "recommendation"},
        name="recommendation_redact",
    ),
    path("<int:pk>/revisions/", clearance.revision_list, name="revision_list"),
    path("<int:pk>/revisions/compare/", clearance.revision_compare, name="revision_compare"),
    path("<int:pk>/revisions/<int:number>/", clearance.revision_detail, name="revision_detail"),
]

urlpatterns += [
    path("<int:pk>/appendices/<int:item>/", drafting.appendix_file, name="appendix_file"),
    path("<int:pk>/appendices/<int:item>/redacted/", drafting.appendix_redacted_file, name="appendix_redacted_file"),
    path("<int:pk>/papers/<int:item>/", drafting.paper_file, name="paper_file"),
]

# Downloads: the report as PDF, Word and plain text (web/views/downloads.py).

urlpatterns += [
    path("<int:pk>/pdf/", downloads.report_pdf, name="report_pdf"),
    path("<int:pk>/pdf/bilingual/", downloads.report_bilingual_pdf, name="report_bilingual_pdf"),
    # The report's route through meetings (governance officers).
    path("<int:pk>/route/", routes.report_route, name="report_route"),
    path("<int:pk>/route/<int:step>/<slug:action>/", routes.report_route_step, name="report_route_step"),
    path("<int:pk>/docx/", downloads.report_docx_download, name="report_docx"),
    path("<int:pk>/text/", downloads.report_text, name="report_text"),
]

# Importing a Word report (web/views/word_import.py).

urlpatterns += [
    path("import/", word_import.report_import, name="report_import"),
    path("import/create/", word_import.report_import_create, name="report_import_create"),
]

# Comments where the text is (web/views/comments.py): internal to the people working on the report.

urlpatterns += [
    path("<int:pk>/comments/", comments.report_comments, name="report_comments"),
    path("<int:pk>/comments/add/", comments.comment_add, name="comment_add"),
    path("<int:pk>/comments/<int:item>/reply/", comments.comment_reply, name="comment_reply"),
    path("<int:pk>/comments/<int:item>/resolve/", comments.comment_resolve, name="comment_resolve"),
    path("<int:pk>/comments/<int:item>/accept/", comments.comment_accept, name="comment_accept"),
    path("<int:pk>/comments/<int:item>/reject/", comments.comment_reject, name="comment_reject"),
]

# The in-browser editor's JSON endpoints (web/views/autosave.py).

urlpatterns += [
    path("<int:pk>/edit/blocks/", autosave.block_save, name="block_save"),
    path("<int:pk>/edit/blocks/move/", autosave.block_move, name="block_move"),
    path("<int:pk>/edit/blocks/paragraph-<int:item>/split/", autosave.paragraph_split, name="paragraph_split"),
    path("<int:pk>/edit/blocks/paragraph-<int:item>/paste/", autosave.paragraph_paste, name="paragraph_paste"),
    path("<int:pk>/edit/blocks/paragraph-<int:item>/heading/", autosave.paragraph_heading, name="paragraph_heading"),
]

# The administrators' template builder (web/views/report_templates.py).

urlpatterns += [
    path("templates/", report_templates.template_list, name="template_list"),
    path("templates/new/", report_templates.template_new, name="template_new"),
    path("templates/<int:pk>/", report_templates.template_edit, name="template_edit"),
    path("templates/<int:pk>/make-default/", report_templates.template_make_default, name="template_make_default"),
]
