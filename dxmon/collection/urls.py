from __future__ import annotations

from django.urls import path

from dxmon.collection.views import extract, imports, reports, rounds, system, workflow

app_name = "collection"
urlpatterns = [
    path("", reports.report_list, name="report_list"),
    path("<int:pk>/", reports.report_detail, name="report_detail"),
    path("<int:pk>/values/<str:code>/", reports.value_save, name="value_save"),
    path("<int:pk>/evidence/<str:code>/", reports.evidence_add, name="evidence_add"),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/delete/",
        reports.evidence_delete,
        name="evidence_delete",
    ),
    path("<int:pk>/export/<str:fmt>/", reports.report_export, name="report_export"),
    path("<int:pk>/extract/", extract.extract_start, name="extract_start"),
    path("<int:pk>/extract/<int:doc_pk>/", extract.extract_proposals, name="extract_proposals"),
    path(
        "<int:pk>/extract/<int:doc_pk>/accept-all/",
        extract.proposals_accept_all,
        name="extract_accept_all",
    ),
    path("<int:pk>/extract/<int:doc_pk>/<int:key>/", extract.proposal_row, name="extract_proposal"),
    path("<int:pk>/submit/", workflow.report_submit, name="report_submit"),
    path("<int:pk>/return/", workflow.report_return, name="report_return"),
    path("<int:pk>/review/", workflow.report_review, name="report_review"),
    path("<int:pk>/approve/", workflow.report_approve, name="report_approve"),
    path("<int:pk>/reopen/", workflow.report_reopen, name="report_reopen"),
    path("rounds/", rounds.round_list, name="round_list"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("rounds/<int:pk>/workbook/", rounds.round_workbook, name="round_workbook"),
    path("import/", imports.data_import, name="import"),
    path("system/profiles/", system.profiles, name="system_profiles"),
    path("system/profiles/new/", system.profile_edit, name="system_profile_new"),
    path("system/profiles/<int:pk>/", system.profile_edit, name="system_profile_edit"),
    path("system/import/", system.system_import, name="system_import"),
]
