from django.urls import path

from claims.views import audit as audit_views
from claims.views import claims, dashboard, exports, factsheets, figures, queue, sources
from claims.views import ingest as ingest_views

app_name = "claims"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("sources/", sources.source_list, name="source_list"),
    path("sources/<int:pk>/", sources.source_detail, name="source_detail"),
    path("ingest/", ingest_views.ingest, name="ingest"),
    path("ingest/url/", ingest_views.ingest_url, name="ingest_url"),
    path("ingest/upload/", ingest_views.ingest_upload, name="ingest_upload"),
    path("ingest/text/", ingest_views.ingest_text, name="ingest_text"),
    path(
        "sources/<int:pk>/extraction/",
        ingest_views.extraction_status,
        name="extraction_status",
    ),
    path(
        "sources/<int:pk>/extraction/retry/",
        ingest_views.extraction_retry,
        name="extraction_retry",
    ),
    path("claims/", queue.claim_list, name="list"),
    path("claims/bulk/", queue.bulk_action, name="bulk"),
    path("sources/<int:pk>/claims/new/", sources.claim_from_selection, name="new_claim"),
    path("claims/<int:pk>/", claims.claim_detail, name="detail"),
    path("claims/<int:pk>/edit/", claims.claim_edit, name="edit"),
    path("claims/<int:pk>/mentions/", claims.claim_mentions_more, name="mentions"),
    path("claims/<int:pk>/history/", claims.claim_history_more, name="history"),
    path("claims/<int:pk>/figure-history/", figures.figure_history, name="figure_history"),
    path("claims/<int:pk>/accept/", claims.claim_accept, name="accept"),
    path("claims/<int:pk>/reject/", claims.claim_reject, name="reject"),
    path("claims/<int:pk>/reopen/", claims.claim_reopen, name="reopen"),
    path("claims/<int:pk>/verdict/", claims.claim_verdict, name="verdict"),
    path("claims/<int:pk>/evidence/", claims.evidence_link, name="link_evidence"),
    path("claims/<int:pk>/evidence/search/", claims.evidence_search, name="evidence_search"),
    path("claims/<int:pk>/merge/", claims.claim_merge, name="merge"),
    path("claims/<int:pk>/unmerge/", claims.claim_unmerge, name="unmerge"),
    path("matches/<int:pk>/accept/", claims.match_accept, name="match_accept"),
    path("matches/<int:pk>/dismiss/", claims.match_dismiss, name="match_dismiss"),
    path("conflicts/", claims.conflicts, name="conflicts"),
    path("evidence/<int:pk>/unlink/", claims.evidence_unlink, name="unlink_evidence"),
    path("claims/<int:pk>/as-of/<int:event_id>/", audit_views.claim_as_of, name="as_of"),
    path("claims/<int:pk>/revert/", audit_views.claim_revert, name="revert"),
    path("audit/", audit_views.audit_log, name="audit_log"),
    path("audit/export.csv", audit_views.audit_export, {"fmt": "csv"}, name="audit_csv"),
    path("audit/export.json", audit_views.audit_export, {"fmt": "json"}, name="audit_json"),
    path("factsheets/", factsheets.factsheet_list, name="factsheet_list"),
    path("factsheets/new/", factsheets.factsheet_create, name="factsheet_create"),
    path("factsheets/<int:pk>/", factsheets.factsheet_detail, name="factsheet"),
    path("factsheets/<int:pk>/edit/", factsheets.factsheet_edit, name="factsheet_edit"),
    path("factsheets/<int:pk>/archive/", factsheets.factsheet_archive, name="factsheet_archive"),
    path("factsheets/<int:pk>/publish/", factsheets.factsheet_publish, name="factsheet_publish"),
    path("factsheets/<int:pk>/sections/", factsheets.section_add, name="factsheet_section_add"),
    path(
        "factsheets/<int:pk>/sections/<int:section_id>/rename/",
        factsheets.section_rename,
        name="factsheet_section_rename",
    ),
    path(
        "factsheets/<int:pk>/sections/<int:section_id>/move/",
        factsheets.section_move,
        name="factsheet_section_move",
    ),
    path(
        "factsheets/<int:pk>/sections/<int:section_id>/remove/",
        factsheets.section_remove,
        name="factsheet_section_remove",
    ),
    path(
        "factsheets/<int:pk>/claims/<int:claim_id>/move/",
        factsheets.entry_move,
        name="factsheet_entry_move",
    ),
    path(
        "factsheets/<int:pk>/claims/<int:claim_id>/section/",
        factsheets.entry_section,
        name="factsheet_entry_section",
    ),
    path(
        "factsheets/<int:pk>/claims/<int:claim_id>/note/",
        factsheets.entry_note,
        name="factsheet_entry_note",
    ),
    path(
        "factsheets/<int:pk>/claims/<int:claim_id>/remove/",
        factsheets.entry_remove,
        name="factsheet_entry_remove",
    ),
    path(
        "factsheets/<int:pk>/export.<str:fmt>",
        factsheets.draft_export,
        name="factsheet_draft_export",
    ),
    path(
        "factsheets/<int:pk>/versions/<int:number>/",
        factsheets.factsheet_version,
        name="factsheet_version",
    ),
    path(
        "factsheets/<int:pk>/versions/<int:number>/export.<str:fmt>",
        factsheets.version_export,
        name="factsheet_version_export",
    ),
    path("factsheets/<int:pk>/compare/", factsheets.factsheet_compare, name="factsheet_compare"),
    path(
        "claims/<int:claim_id>/factsheets/add/",
        factsheets.claim_add,
        name="factsheet_add_claim",
    ),
    path("claims/export.<str:fmt>", factsheets.claims_export, name="claims_export"),
    path("exports/<int:pk>/", exports.export_status, name="export_status"),
    path("exports/<int:pk>/download/", exports.export_download, name="export_download"),
]
