"""Benchmark of the exports: bulk CSV and JSON of 10,000 claims, and a 200-claim PDF.

Run from the repository root:

    .venv/bin/python bench/export.py [--claims 10000] [--pdf-claims 200] [--database-url URL]
        [--reuse] [--no-memory] [--save DIR]

By default everything happens in a throw-away SQLite database in a temporary directory
(``--database-url postgres://postgres@127.0.0.1:5432/factdesk_export_bench`` uses a
PostgreSQL database instead; it must exist and be empty, and is left migrated). ``--reuse``
keeps the claims a previous run left in that database (generated once, exported many times);
``--no-memory`` skips the tracemalloc runs, ``--pdf-claims 0`` the PDF, and ``--save DIR``
writes the CSV and JSON downloaded to DIR (to compare two versions byte for byte).

1. Bulk export. N open claims, each with a mention in one of N/10 reports (with outlets,
   speakers and relays) and a verdict on every third, are inserted in bulk (a data generator,
   not the service layer: it has no history to write). The bulk CSV and JSON of all of them are
   then streamed through the real view (``/claims/export.csv?state=all``) by a viewer, and
   timed, with the Python time per claim beside it. More than ``jobs.INLINE_MAX`` claims go to
   the task worker (the immediate backend here: written before the answer), and the file is
   then downloaded as a user would. Memory: the same export measured with tracemalloc for N/4
   and for N claims; constant memory means the two peaks are about the same. Targets: <= 3 s
   each, flat peak.
2. PDF. A fact sheet of 200 of those claims, built and published through the services, is
   rendered to PDF (WeasyPrint in its child process) from the published version. Target: <= 20 s.
"""

from __future__ import annotations

import argparse
import functools
import os
import secrets
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
    os.environ.setdefault("FACTDESK_PLAIN_STATIC", "1")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    # Production-like: DEBUG off (no SQL log kept in memory).
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(n: int) -> Any:
    """N open claims with mentions, outlets, speakers and some verdicts; returns the editor."""
    from django.contrib.auth.models import User

    from claims.management.commands.create_desk_user import set_up_user
    from claims.models import (
        Claim,
        ClaimState,
        Entity,
        EntityKind,
        Mention,
        Source,
        SourceOrigin,
        Verdict,
        VerdictRecord,
        sha256_text,
    )
    from claims.permissions import Role
    from claims.querysets import service_writes

    for name, role in (("bench-editor", Role.EDITOR), ("bench-viewer", Role.VIEWER)):
        set_up_user(
            username=name, role=role, password=secrets.token_urlsafe(16), check_password=False
        )
    editor = User.objects.get(username="bench-editor")
    now = datetime(2024, 11, 1, tzinfo=UTC)
    with service_writes():
        outlets = Entity.objects.bulk_create(
            Entity(name=f"Outlet {i}", kind=EntityKind.OUTLET) for i in range(20)
        )
        speakers = Entity.objects.bulk_create(
            Entity(name=f"Ministry {i}", kind=EntityKind.GOVERNMENT) for i in range(50)
        )
        n_sources = max(1, n // 10)
        texts = []
        for s in range(n_sources):
            sentences = [
                f"Officials of report {s} said that {1000 + s * 10 + k} soldiers arrived, "
                f"the {k}th such count, at a cost of US${2000 + k} a month each."
                for k in range(10)
            ]
            texts.append(" ".join(sentences))
        sources = Source.objects.bulk_create(
            Source(
                title=f"Report {s} on troop movements",
                url=f"https://news{s % 20}.example/report/{s}",
                outlet=outlets[s % 20],
                published_at=now + timedelta(hours=s),
                retrieved_at=now + timedelta(hours=s, minutes=5),
                origin=SourceOrigin.COMMAND,
                text=texts[s],
                sha256=sha256_text(texts[s]),
            )
            for s in range(n_sources)
        )
        claims = Claim.objects.bulk_create(
            Claim(
                statement=f"Officials say {1000 + i} soldiers arrived (figure {i}).",
                value=Decimal(1000 + i),
                low=Decimal(1000 + i),
                high=Decimal(1000 + i),
                qualifier="=",
                unit_name="soldier",
                dimension="count",
                subject="soldiers arriving",
                as_of="October 2024",
                state=ClaimState.OPEN,
                score=0.8,
                created_by=editor,
            )
            for i in range(n)
        )
        mentions = []
        for i, claim in enumerate(claims):
            source = sources[i // 10]
            k = i % 10
            quote = f"{1000 + (i // 10) * 10 + k} soldiers"
            start = source.text.index(quote)
            mentions.append(
                Mention(
                    claim=claim,
                    source=source,
                    quote=quote,
                    start=start,
                    end=start + len(quote),
                    speaker=speakers[i % 50],
                    verb="said",
                    via=outlets[(i + 1) % 20] if i % 2 else None,
                )
            )
        Mention.objects.bulk_create(mentions, batch_size=2000)
        records = VerdictRecord.objects.bulk_create(
            VerdictRecord(
                claim=c, verdict=Verdict.DISPUTED, reason="Counts differ.", decided_by=editor
            )
            for c in claims[::3]
        )
        for claim, record in zip(claims[::3], records, strict=True):
            claim.verdict = Verdict.DISPUTED
            claim.current_verdict = record
        Claim.objects.bulk_update(claims[::3], ["verdict", "current_verdict"], batch_size=2000)
    from django.db import connection

    if connection.vendor == "postgresql":
        # Statistics for the rows just loaded: without them the planner may scan every
        # mention for each page of ids (minutes, not seconds) until autovacuum comes by.
        with connection.cursor() as cursor:
            for table in ("claims_claim", "claims_mention", "claims_source", "claims_entity"):
                cursor.execute(f"ANALYZE {table}")
    return editor


def download(fmt: str, save: Path | None = None) -> int:
    """The bulk export through the view as a viewer (streamed, or written by the task worker
    and then downloaded); returns the byte count."""
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(User.objects.get(username="bench-viewer"))
    params = {"state": "all"}
    response = client.get(reverse("claims:claims_export", args=[fmt]), params, secure=True)
    if response.status_code == 303:  # a big export: the task worker wrote it (immediate backend)
        pk = response["Location"].rstrip("/").rsplit("/", 1)[-1]
        response = client.get(reverse("claims:export_download", args=[pk]), secure=True)
    assert response.status_code == 200, response.status_code
    chunks: Iterable[bytes] = response.streaming_content  # type: ignore[attr-defined]
    if save is None:
        return sum(len(chunk) for chunk in chunks)
    size = 0
    with (save / f"claims.{fmt}").open("wb") as out:
        for chunk in chunks:
            out.write(chunk)
            size += len(chunk)
    return size


def nth_id(n: int) -> int:
    """The id of the n-th claim (read before the memory is traced: a list of n ids is no part
    of the export's peak)."""
    from claims.models import Claim

    return Claim.objects.order_by("id").values_list("id", flat=True)[n - 1]


def stream_only(fmt: str, last: int) -> int:
    from django.contrib.auth.models import User

    from claims.exports import bulk
    from claims.models import Claim

    user = User.objects.get(username="bench-viewer")
    return sum(len(c) for c in bulk.stream(fmt, Claim.objects.filter(id__lte=last), user))


def peak_memory(fn: Callable[[], int]) -> tuple[int, int]:
    tracemalloc.start()
    tracemalloc.reset_peak()
    size = fn()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return size, peak


def bench_bulk(n: int, *, memory: bool = True, save: Path | None = None) -> bool:
    ok = True
    for fmt in ("csv", "json"):
        download(fmt)  # warm up (imports, templates, the SQLite page cache)
        started = time.perf_counter()
        cpu = time.process_time()
        size = download(fmt, save)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu
        ok &= elapsed <= 3.0
        print(
            f"bulk {fmt}: {n} claims, {size / 1e6:.1f} MB in {elapsed:.2f} s (target <= 3 s); "
            f"Python CPU {cpu:.2f} s, {cpu / n * 1e6:.1f} µs a claim"
        )
        if not memory:
            continue
        quarter = max(1, n // 4)
        _s, small = peak_memory(functools.partial(stream_only, fmt, nth_id(quarter)))
        _s, large = peak_memory(functools.partial(stream_only, fmt, nth_id(n)))
        flat = large < small * 1.5
        ok &= flat
        print(
            f"  peak Python memory {small / 1e6:.1f} MB for {quarter} claims, "
            f"{large / 1e6:.1f} MB for {n} claims ({'flat' if flat else 'NOT flat'})"
        )
    return ok


def bench_pdf(editor: Any, count: int) -> bool:
    from claims import exports, services
    from claims.exports.content import load_content
    from claims.models import Claim

    sheet = services.factsheet_create(by=editor, title=f"Benchmark: {count} claims")
    sections = [
        services.factsheet_section_add(sheet=sheet, by=editor, title=f"Part {i + 1}")
        for i in range(4)
    ]
    for i, claim in enumerate(Claim.objects.order_by("id")[:count]):
        services.factsheet_claim_add(
            sheet=sheet, by=editor, claim=claim, section=sections[i % 4], note=f"Note {i}"
        )
    version = services.factsheet_publish(sheet=sheet, by=editor)
    content = load_content(version)
    started = time.perf_counter()
    pdf = exports.render(content, "pdf")
    elapsed = time.perf_counter() - started
    from io import BytesIO

    from pypdf import PdfReader

    pages = len(PdfReader(BytesIO(pdf)).pages)
    print(
        f"pdf: {count}-claim fact sheet, {pages} pages, {len(pdf) / 1e6:.2f} MB "
        f"in {elapsed:.2f} s (target <= 20 s)"
    )
    return elapsed <= 20.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--pdf-claims", type=int, default=200)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--reuse", action="store_true", help="keep the claims already there")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--save", type=Path, help="write the CSV and JSON downloaded here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factdesk-export-bench-") as tmp:
        os.environ.setdefault("FACTDESK_VAR_DIR", tmp)
        setup_django(args.database_url or f"sqlite:///{tmp}/bench.sqlite3")
        from django.contrib.auth.models import User

        from claims.models import Claim

        if args.reuse and Claim.objects.exists():
            editor = User.objects.get(username="bench-editor")
            args.claims = Claim.objects.count()
            print(f"reusing the {args.claims} claims already in the database")
        else:
            started = time.perf_counter()
            editor = generate(args.claims)
            print(f"generated {args.claims} claims in {time.perf_counter() - started:.1f} s")
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
        ok = bench_bulk(args.claims, memory=not args.no_memory, save=args.save)
        if args.pdf_claims > 0:
            ok &= bench_pdf(editor, min(args.pdf_claims, args.claims))
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
