from django.urls import path

from claims.views import audit as audit_views
from claims.views import claims, dashboard, queue, sources
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
    path("claims/<int:pk>/accept/", claims.claim_accept, name="accept"),
    path("claims/<int:pk>/reject/", claims.claim_reject, name="reject"),
    path("claims/<int:pk>/reopen/", claims.claim_reopen, name="reopen"),
    path("claims/<int:pk>/verdict/", claims.claim_verdict, name="verdict"),
    path("claims/<int:pk>/evidence/", claims.evidence_link, name="link_evidence"),
    path("claims/<int:pk>/evidence/search/", claims.evidence_search, name="evidence_search"),
    path("claims/<int:pk>/merge/", claims.claim_merge, name="merge"),
    path("evidence/<int:pk>/unlink/", claims.evidence_unlink, name="unlink_evidence"),
    path("claims/<int:pk>/as-of/<int:event_id>/", audit_views.claim_as_of, name="as_of"),
    path("claims/<int:pk>/revert/", audit_views.claim_revert, name="revert"),
    path("audit/", audit_views.audit_log, name="audit_log"),
    path("audit/export.csv", audit_views.audit_export, {"fmt": "csv"}, name="audit_csv"),
    path("audit/export.json", audit_views.audit_export, {"fmt": "json"}, name="audit_json"),
]
