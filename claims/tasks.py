"""Background work (Django tasks). Embedded default: ImmediateBackend runs these inline,
except the extraction of reports longer than EXTRACTION_INLINE_MAX_CHARS, which goes to the
"background" database queue (``services.sources.extraction_backend``) drained by the worker
``make run`` starts beside runserver.

Production and docker compose: ``TASKS_BACKEND=django_tasks_db.DatabaseBackend`` and a
``worker`` service running ``python manage.py db_worker --queue-name default --interval 1``.
"""

from __future__ import annotations

import logging

from django.tasks import task

from claims.audit import audit_context
from claims.models import Channel, ExtractionStatus

logger = logging.getLogger(__name__)


def failure_reason(exc: BaseException) -> str:
    """A failure in words for the source page; the traceback goes to the log."""
    detail = str(exc).strip() or type(exc).__name__
    return f"the extractor stopped with an error ({type(exc).__name__}: {detail})"[:2000]


@task()
def extract_source(source_id: int) -> int:
    """Run the extractor over a source and propose its figures as candidate claims: at most
    EXTRACTION_MAX_CANDIDATES of them, the most claim-worthy (the source records how many
    figures were found and how many were kept).

    Idempotent and safe to run twice: only a pending (or failed) source is taken, atomically,
    and passages that already have a mention are skipped, so a rerun adds nothing. A failure
    is recorded on the source (with its reason) so the page can offer a retry. Returns the
    number of candidates created.
    """
    from claims import services
    from claims.extraction import extract

    with audit_context(channel=Channel.TASK, label="task:extract_source"):
        try:
            source = services.source_start_extraction(source_id=source_id)
        except Exception:
            logger.exception("Could not start extraction of source %s", source_id)
            return 0
        if source is None:
            logger.info("Source %s is gone, done or already being extracted", source_id)
            return 0
        try:
            # ExtractedQuantity is a frozen dataclass; services.ExtractedLike declares plain
            # (settable) attributes, which mypy treats as incompatible: read-only is all we need.
            worthy = [q for q in extract(source.text) if q.score >= services.CANDIDATE_MIN_SCORE]
            kept = services.plan_candidates(worthy)
            created = services.claims_from_extraction(source=source, quantities=kept)
        except Exception as exc:
            logger.exception("Extraction failed for source %s", source_id)
            services.source_set_extraction_status(
                source=source, status=ExtractionStatus.FAILED, error=failure_reason(exc)
            )
            return 0
        services.source_set_extraction_status(
            source=source,
            status=ExtractionStatus.DONE,
            figures_found=len(worthy),
            candidates_kept=len(kept),
        )
        try:
            services.matches_for_source(source=source)
        except Exception:  # suggestions are a help: their failure must not lose the figures
            logger.exception("Matching failed for source %s", source_id)
    return len(created)


@task()
def export_claims(export_id: int) -> int:
    """Write a big bulk export to its file (claims/exports/jobs.py); returns its size."""
    from claims.exports import jobs
    from claims.models import ClaimExport

    export = ClaimExport.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None:
        logger.info("Export %s is gone", export_id)
        return 0
    return jobs.write(export).size


@task()
def deliver_webhook(delivery_id: int) -> str:
    """Send one webhook delivery once (claims.services.watch.webhook_attempt): signed, through
    the ingest address checks; a failure schedules the next try with backoff. Returns the
    delivery's status."""
    from claims.services import watch

    with audit_context(channel=Channel.TASK, label="task:deliver_webhook"):
        delivery = watch.webhook_attempt(delivery_id=delivery_id)
    return delivery.status if delivery is not None else "gone"


@task()
def render_factsheet_pdf(pdf_id: int) -> int:
    """Render a published version's PDF once and store it (claims/exports/stored_pdf.py);
    returns its size, or 0 when another run has it (or it is gone)."""
    from claims.exports import stored_pdf

    pdf = stored_pdf.render_stored(pdf_id)
    return pdf.size if pdf is not None else 0
