"""Every write to the desk. Views, admin, commands and tasks call these; nothing else writes.

Each function is keyword-only and typed, checks the actor's permission, runs in one
transaction, and records its history event(s) through ``claims.audit.record_event`` in that
same transaction. Claim writes carry ``expected_version``: a stale version raises
:class:`ClaimConflict`, which names what changed. The modules split the layer by concept;
import from here.
"""

from claims.services._base import CANDIDATE_MIN_SCORE, ClaimConflict, ServiceError
from claims.services.checkpoints import checkpoint_create
from claims.services.claims import (
    claim_accept,
    claim_archive,
    claim_create,
    claim_edit,
    claim_reject,
    claim_reopen,
    claim_set_verdict,
    claims_from_extraction,
)
from claims.services.entities import entity_add_alias, entity_find, entity_resolve, normalize_alias
from claims.services.evidence import evidence_link, evidence_unlink
from claims.services.factsheets import (
    FactSheetConflict,
    factsheet_archive,
    factsheet_claim_add,
    factsheet_claim_remove,
    factsheet_create,
    factsheet_edit,
    factsheet_entry_move,
    factsheet_entry_note,
    factsheet_entry_set_section,
    factsheet_publish,
    factsheet_section_add,
    factsheet_section_move,
    factsheet_section_remove,
    factsheet_section_rename,
)
from claims.services.history import claim_revert, entity_merge, source_update_metadata
from claims.services.ingest import (
    fetch_policy,
    ingest_text,
    ingest_upload,
    ingest_url,
    plan_candidates,
    source_retry_extraction,
    source_start_extraction,
)
from claims.services.matching import (
    match_accept,
    match_dismiss,
    matches_for_claims,
    matches_for_source,
)
from claims.services.merge import claim_merge, claim_unmerge, merge_plan
from claims.services.quantities import clean_quantity
from claims.services.sources import (
    SourceResult,
    extracts_in_background,
    source_create,
    source_set_extraction_status,
    source_unlink_revision,
)
from claims.services.undo import claim_undo

__all__ = [
    "CANDIDATE_MIN_SCORE",
    "ClaimConflict",
    "FactSheetConflict",
    "ServiceError",
    "SourceResult",
    "checkpoint_create",
    "claim_accept",
    "claim_archive",
    "claim_create",
    "claim_edit",
    "claim_merge",
    "claim_reject",
    "claim_reopen",
    "claim_revert",
    "claim_set_verdict",
    "claim_undo",
    "claim_unmerge",
    "claims_from_extraction",
    "clean_quantity",
    "entity_add_alias",
    "entity_find",
    "entity_merge",
    "entity_resolve",
    "evidence_link",
    "evidence_unlink",
    "extracts_in_background",
    "factsheet_archive",
    "factsheet_claim_add",
    "factsheet_claim_remove",
    "factsheet_create",
    "factsheet_edit",
    "factsheet_entry_move",
    "factsheet_entry_note",
    "factsheet_entry_set_section",
    "factsheet_publish",
    "factsheet_section_add",
    "factsheet_section_move",
    "factsheet_section_remove",
    "factsheet_section_rename",
    "fetch_policy",
    "ingest_text",
    "ingest_upload",
    "ingest_url",
    "match_accept",
    "match_dismiss",
    "matches_for_claims",
    "matches_for_source",
    "merge_plan",
    "normalize_alias",
    "plan_candidates",
    "source_create",
    "source_retry_extraction",
    "source_set_extraction_status",
    "source_start_extraction",
    "source_unlink_revision",
    "source_update_metadata",
]
