"""Background work (Django tasks). Embedded default: ImmediateBackend runs these inline."""

from __future__ import annotations

import logging

from django.tasks import task

from claims.audit import audit_context
from claims.models import Channel, ExtractionStatus, Source

logger = logging.getLogger(__name__)


@task()
def extract_source(source_id: int) -> int:
    """Run the extractor over a source and propose its figures as candidate claims.

    Idempotent: passages that already have a mention are skipped. A failure is recorded on
    the source (with its reason) so the page can offer a retry.
    """
    from claims import services
    from claims.extraction import extract

    source = Source.objects.get(pk=source_id)
    with audit_context(channel=Channel.TASK, label="task:extract_source"):
        services.source_set_extraction_status(source=source, status=ExtractionStatus.RUNNING)
        try:
            quantities = extract(source.text)
            created = services.claims_from_extraction(source=source, quantities=quantities)
        except Exception as exc:
            logger.exception("Extraction failed for source %s", source_id)
            services.source_set_extraction_status(
                source=source,
                status=ExtractionStatus.FAILED,
                error=f"{type(exc).__name__}: {exc}"[:2000],
            )
            return 0
        services.source_set_extraction_status(source=source, status=ExtractionStatus.DONE)
    return len(created)
