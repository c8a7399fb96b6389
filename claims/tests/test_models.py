"""The database itself holds the rules it can hold."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import Claim, Evidence, Mention, Source, VerdictRecord
from claims.querysets import AuditedWriteError, service_writes
from claims.tests.conftest import make_source

pytestmark = pytest.mark.django_db


def raw_claim(**fields: Any) -> Claim:
    """Bypass the services on purpose (inside the guard) to reach the database's own checks."""
    with transaction.atomic(), service_writes():
        return Claim.objects.create(statement="x", **fields)


def test_the_database_refuses_low_above_high() -> None:
    with pytest.raises(IntegrityError):
        raw_claim(low=Decimal(8), high=Decimal(7))


def test_the_database_refuses_a_claim_without_a_figure() -> None:
    with pytest.raises(IntegrityError):
        raw_claim()


def test_the_database_refuses_a_value_outside_its_range() -> None:
    with pytest.raises(IntegrityError):
        raw_claim(value=Decimal(9), low=Decimal(1), high=Decimal(5))


def test_the_database_refuses_reversed_offsets(reporter: Any) -> None:
    source = make_source(reporter)
    claim = raw_claim(value=Decimal(1))
    with pytest.raises(IntegrityError), transaction.atomic(), service_writes():
        Mention.objects.create(claim=claim, source=source, quote="x", start=9, end=3)


def test_the_database_refuses_the_same_text_twice(reporter: Any) -> None:
    source = make_source(reporter)
    with pytest.raises(IntegrityError), transaction.atomic(), service_writes():
        Source.objects.create(
            title="copy",
            text=source.text,
            sha256=source.sha256,
            origin="paste",
            retrieved_at=timezone.now(),
        )


def test_the_database_refuses_evidence_with_two_targets(reporter: Any) -> None:
    source = make_source(reporter)
    claim = raw_claim(value=Decimal(1))
    other = raw_claim(value=Decimal(2))
    with pytest.raises(IntegrityError), transaction.atomic(), service_writes():
        Evidence.objects.create(
            claim=claim, relation="context", target_source=source, target_claim=other
        )


def test_the_database_refuses_a_dispute_without_a_reason() -> None:
    claim = raw_claim(value=Decimal(1))
    with pytest.raises(IntegrityError), transaction.atomic(), service_writes():
        VerdictRecord.objects.create(claim=claim, verdict="disputed", reason="")


def test_bulk_updates_of_audited_tables_are_refused_outside_the_services(candidate: Claim) -> None:
    with pytest.raises(AuditedWriteError, match="history"):
        Claim.objects.filter(pk=candidate.pk).update(state="open")
    with pytest.raises(AuditedWriteError):
        Claim.objects.filter(pk=candidate.pk).delete()
    candidate.refresh_from_db()
    assert candidate.state == "candidate"
