"""Benchmark of the audit trail: the cost of history on an edit, and verify_audit at scale.

Run from the repository root, with a PostgreSQL server the postgres role can create databases on:

    .venv/bin/python bench/audit.py --server postgres://postgres@127.0.0.1:5432 \
        [--edits 400] [--events 1000000] [--workers N]

Everything happens in a dedicated database ``factdesk_audit_bench`` that the script creates,
migrates (the append-only triggers included) and drops at the end, whatever happens.

1. Edit cost. The same edit (``claims.services.claim_edit``: permission check, row lock,
   version check, validation, save) timed with its history event and with
   ``audit.record_event`` replaced by a no-op. Runs alternate (with, without, with, …) so
   drift hits both alike; the figure is the ratio of medians. Target: at most 20 % over.
   DEBUG is off, as in production (Django's query log is not history's cost).
2. verify_audit over N generated events. The events are a valid desk-wide chain, hashed in
   Python exactly as record_event hashes them and loaded with COPY; then ``manage.py
   verify_audit`` runs over them (streaming, constant memory, ``--workers`` processes, by
   default one per CPU) and must pass within 60 s. The loader moves the chain head row
   (migration 0005) to the last generated event and runs ANALYZE, as autovacuum would soon.
   Then ``audit_checkpoint`` signs that head (it verifies the chain again first).
"""

from __future__ import annotations

import argparse
import io
import os
import secrets
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_DB = "factdesk_audit_bench"


def admin_connection(server: str) -> Any:
    import psycopg

    return psycopg.connect(f"{server}/postgres", autocommit=True)


def create_database(server: str) -> None:
    with admin_connection(server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def drop_database(server: str) -> None:
    from django.db import connections

    connections.close_all()
    with admin_connection(server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


def setup_django(server: str) -> None:
    os.environ["DATABASE_URL"] = f"{server}/{BENCH_DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
    import django

    django.setup()
    from django.conf import settings

    # As in production: with DEBUG on, Django also records every query it sends, a cost of
    # the development server, not of history.
    settings.DEBUG = False
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- 1. the cost of history on an edit ----------------------------------------------------


def bench_edit(edits: int) -> dict[str, float]:
    from django.db import connection

    from claims import audit, services
    from claims.management.commands.create_desk_user import set_up_user
    from claims.models import Claim
    from claims.permissions import Role

    set_up_user(username="bench-editor", role=Role.EDITOR, password="x" * 12, check_password=False)
    from django.contrib.auth.models import User

    editor = User.objects.get(username="bench-editor")
    text = "Officials said 400 soldiers arrived at the camp."
    source = services.source_create(by=editor, text=text, title="Bench", extract=False).source
    start = text.index("400 soldiers")
    claim = services.claim_create(
        by=editor,
        source=source,
        start=start,
        end=start + 12,
        statement="400 soldiers arrived",
        quantity={"value": 400, "unit_name": "soldier"},
        state="open",
    )
    real_record = audit.record_event

    def no_history(**kwargs: Any) -> None:
        """The same change without its event: the claim's UPDATE alone."""
        write = kwargs.get("write")
        if write is not None:
            with connection.cursor() as cursor:
                cursor.execute(write[0], write[1])

    def one_edit(value: int) -> float:
        nonlocal claim
        began = time.perf_counter()
        claim = services.claim_edit(
            claim=claim,
            by=editor,
            expected_version=claim.version,
            changes={"value": str(value)},
            reason="bench",
        )
        return time.perf_counter() - began

    with_history: list[float] = []
    without: list[float] = []
    for i in range(50):  # warm up both paths
        audit.record_event = no_history if i % 2 else real_record  # type: ignore[assignment]
        one_edit(1000 + i)
    for i in range(edits):
        audit.record_event = real_record
        with_history.append(one_edit(2 * i + 1))
        audit.record_event = no_history  # type: ignore[assignment]
        without.append(one_edit(2 * i + 2))
    audit.record_event = real_record
    assert Claim.objects.get(pk=claim.pk).version == claim.version
    med_with, med_without = statistics.median(with_history), statistics.median(without)
    return {
        "with_ms": med_with * 1000,
        "without_ms": med_without * 1000,
        "overhead_pct": (med_with / med_without - 1) * 100,
    }


def bench_edit_request(edits: int) -> dict[str, float]:
    """The same edit as an editor makes it: the htmx POST of the edit form, whole request
    (session, CSRF-exempt test client, form parsing, the service, the re-rendered panel)."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from claims import audit
    from claims.models import Claim

    setup_test_environment()  # lets the test client's host through ALLOWED_HOSTS
    editor = User.objects.get(username="bench-editor")
    claim = Claim.objects.filter(state="open").order_by("id").first()
    assert claim is not None
    client = Client()
    client.force_login(editor)
    url = reverse("claims:edit", args=[claim.pk])
    real_record = audit.record_event

    def no_history(**kwargs: Any) -> None:
        """The same change without its event: the claim's UPDATE alone."""
        write = kwargs.get("write")
        if write is not None:
            with connection.cursor() as cursor:
                cursor.execute(write[0], write[1])

    def one_edit(value: int) -> float:
        fresh = Claim.objects.get(pk=claim.pk)
        data = {name: getattr(fresh, name) or "" for name in Claim.QUANTITY_FIELDS}
        data.update({"version": fresh.version, "value": str(value), "reason": "bench"})
        began = time.perf_counter()
        response = client.post(url, data, HTTP_HX_REQUEST="true", secure=True)
        elapsed = time.perf_counter() - began
        assert response.status_code == 200, response.status_code
        return elapsed

    with_history: list[float] = []
    without: list[float] = []
    for i in range(20):
        audit.record_event = no_history if i % 2 else real_record  # type: ignore[assignment]
        one_edit(5000 + i)
    for i in range(edits):
        audit.record_event = real_record
        with_history.append(one_edit(6000 + 2 * i))
        audit.record_event = no_history  # type: ignore[assignment]
        without.append(one_edit(6001 + 2 * i))
    audit.record_event = real_record
    med_with, med_without = statistics.median(with_history), statistics.median(without)
    return {
        "with_ms": med_with * 1000,
        "without_ms": med_without * 1000,
        "overhead_pct": (med_with / med_without - 1) * 100,
    }


# --- 2. verify_audit over many events -----------------------------------------------------


def generate_events(count: int) -> float:
    """A valid chain of ``count`` events, hashed like record_event, loaded with COPY."""
    from django.db import connection

    from claims import audit

    began = time.perf_counter()
    start = datetime(2024, 1, 1, tzinfo=UTC)
    prev = last_prev = audit.chain_head()
    first_id = 1_000_000_000  # far above anything the sequence handed out
    buffer = io.StringIO()
    import json

    for i in range(count):
        created = start + timedelta(microseconds=i * 1500)
        before = {"value": str(400 + i)}
        after = {"value": str(401 + i)}
        values = (
            "claim.edited",  # action
            None,  # actor_id
            "bench",  # actor_label
            after,
            before,
            "command",  # channel
            None,  # claim_id
            i + 2,  # claim_version
            uuid.UUID(int=i),  # correlation_id
            created,
            None,  # entity_id
            prev,
            "generated for the benchmark",
            None,  # source_id
        )
        digest = audit.hash_of_values(values)
        row = (
            str(first_id + i),
            "claim.edited",
            "bench",
            json.dumps(after),
            json.dumps(before),
            "command",
            str(i + 2),
            str(uuid.UUID(int=i)),
            created.isoformat(),
            prev,
            "generated for the benchmark",
            digest,
        )
        buffer.write("\t".join(row) + "\n")
        last_prev, prev = prev, digest
    columns = (
        "id, action, actor_label, after, before, channel, claim_version, correlation_id, "
        "created_at, prev_hash, reason, hash"
    )
    buffer.seek(0)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY claims_claimevent ({columns}) FROM STDIN") as copy:
            while chunk := buffer.read(1 << 20):
                copy.write(chunk)
        # Events loaded behind record_event's back: move the chain head (migration 0005) to
        # the last of them, as record_event would have.
        cursor.execute(
            "UPDATE claims_auditchainhead SET prev_hash = %s, hash = %s WHERE id = 1",
            [last_prev, prev],
        )
        cursor.execute("ANALYZE claims_claimevent")
    return time.perf_counter() - began


def bench_verify(count: int, workers: int) -> dict[str, Any]:
    from django.core.management import call_command

    load_seconds = generate_events(count)
    out = io.StringIO()
    began = time.perf_counter()
    call_command("verify_audit", f"--workers={workers}", stdout=out)
    verify_seconds = time.perf_counter() - began
    # A signed checkpoint of that head: verification again, then one signed row.
    from django.test import override_settings

    with override_settings(AUDIT_CHECKPOINT_KEY=secrets.token_urlsafe(32)):
        began = time.perf_counter()
        call_command("audit_checkpoint", f"--workers={workers}", stdout=out)
        checkpoint_seconds = time.perf_counter() - began
    return {
        "events": count,
        "load_s": load_seconds,
        "verify_s": verify_seconds,
        "checkpoint_s": checkpoint_seconds,
        "out": out,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--edits", type=int, default=400)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument(
        "--workers",
        type=int,
        default=max(1, min(8, os.cpu_count() or 1)),
        help="verify_audit --workers (default: one per CPU, as the command's own default)",
    )
    args = parser.parse_args()
    create_database(args.server)
    try:
        setup_django(args.server)
        edit = bench_edit(args.edits)
        print(
            f"edit with history {edit['with_ms']:.2f} ms, without {edit['without_ms']:.2f} ms "
            f"(median of {args.edits} each): history adds {edit['overhead_pct']:.1f} % "
            f"({'OK' if edit['overhead_pct'] <= 20 else 'OVER'} the 20 % budget)"
        )
        page = bench_edit_request(max(50, args.edits // 2))
        print(
            f"the same edit as an htmx request: with history {page['with_ms']:.2f} ms, "
            f"without {page['without_ms']:.2f} ms: history adds {page['overhead_pct']:.1f} %"
        )
        result = bench_verify(args.events, args.workers)
        print(f"generated and loaded {result['events']} events in {result['load_s']:.1f} s")
        print(result["out"].getvalue().strip())
        ok = result["verify_s"] <= 60
        print(
            f"verify_audit ({args.workers} worker(s)) over {result['events']} events: "
            f"{result['verify_s']:.1f} s "
            f"({'OK' if ok else 'OVER'} the 60 s budget)"
        )
        print(f"audit_checkpoint (verify, then sign the head): {result['checkpoint_s']:.1f} s")
        return 0 if ok and edit["overhead_pct"] <= 20 else 1
    finally:
        drop_database(args.server)


if __name__ == "__main__":
    raise SystemExit(main())
