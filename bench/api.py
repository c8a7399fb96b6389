"""The API against the pages it mirrors: p50/p95 of the claims list and of one claim.

Run from the repository root against a desk built by bench/generate.py:

    .venv/bin/python bench/api.py --database-url postgres://factdesk@127.0.0.1:5432/fd_bench \
        [--samples 30] [--json var/api.json]

Each request goes in-process through Django's test client and the whole middleware stack
(DEBUG off), ``--samples`` times after one warm-up; wall time per request, the body read to
the end. Pairs, each printed with its ratio (API / page; the target is at most 2):

- the claims list: ``/api/v1/claims/?limit=100`` (and ``limit=50``) against the queue page
  ``/claims/`` (50 rows), both sorted by claim-worthiness; and both after the queue's first
  2,450 rows (its 50th page, through the keyset cursor);
- one claim: ``/api/v1/claims/{id}/`` against the claim page ``/claims/{id}/``, for a typical
  claim and for the claim with the most mentions.

The desk is only read. The database connection is read-only (PostgreSQL:
``default_transaction_read_only``; any write would fail the run), so nothing may write:
the page session lives in a signed cookie, the login signals (last login, access log) are
not sent, and the API token is the bench editor's in memory, found by its hash without the
last-used update (one indexed lookup by hash, as a real token costs, is still made).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scale import consume, setup_django  # noqa: E402


def read_only() -> None:
    """Every transaction of this process is read-only (PostgreSQL); SQLite opens read-only."""
    from django.db import connection
    from django.db.backends.signals import connection_created

    def guard(sender: Any, connection: Any, **kwargs: Any) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET default_transaction_read_only = on")
        elif connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA query_only = ON")

    connection_created.connect(guard, weak=False)
    connection.close()


def quiet_login(user: Any) -> Any:
    """A test client logged in as ``user`` without writing: a signed-cookie session, and no
    user_logged_in receivers (last_login, axes' access log)."""
    from django.conf import settings
    from django.contrib.auth.signals import user_logged_in
    from django.test import Client

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    receivers = user_logged_in.receivers
    user_logged_in.receivers = []
    try:
        client = Client()
        client.force_login(user)
    finally:
        user_logged_in.receivers = receivers
    return client


def in_memory_token(user: Any) -> str:
    """A read token for ``user`` that exists only in this process (see the module's doc)."""
    from claims.api import auth
    from claims.models_api import APIToken, TokenScope
    from claims.services import tokens

    secret = tokens.TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = APIToken(user=user, name="bench", prefix=secret[:11], scope=TokenScope.READ)

    def authenticate(given: str, **kwargs: Any) -> APIToken | None:
        found = APIToken.objects.filter(key_hash=tokens.token_hash(given)).first()
        if found is not None:
            return found if found.is_usable() else None
        return token if secrets.compare_digest(given, secret) else None

    auth.api_token_authenticate = authenticate  # type: ignore[assignment]
    return secret


def timed(request: Callable[[], Any], samples: int) -> dict[str, Any]:
    response = request()
    status = {response.status_code}
    size = consume(response)
    times = []
    for _ in range(samples):
        began = time.perf_counter()
        response = request()
        size = consume(response)
        times.append((time.perf_counter() - began) * 1000)
        status.add(response.status_code)
    cuts = statistics.quantiles(times, n=20, method="inclusive")
    return {
        "p50": statistics.median(times),
        "p95": cuts[18],
        "n": len(times),
        "status": sorted(status),
        "bytes": size,
    }


def facts() -> dict[str, Any]:
    from django.db.models import Count

    from claims.models import Claim, ClaimState, Mention

    total = Claim.objects.count()
    typical = (
        Claim.objects.filter(state=ClaimState.OPEN, pk__gte=max(1, total // 2))
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    big = (
        Mention.objects.values("claim_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("claim_id", "n")
        .first()
    )
    return {
        "claims": total,
        "typical": typical,
        "big": big[0] if big else None,
        "big_n": big[1] if big else 0,
    }


def deep_cursor(user: Any, rows: int) -> str:
    """The keyset cursor after the first ``rows`` rows of the queue (the API's is the same)."""
    from claims.models import Claim

    found = (
        Claim.objects.visible_to(user)
        .queue_filters()
        .order_by("-score", "-pk")
        .only("id", "score")[rows - 1 : rows]
    )
    row = next(iter(found), None)
    return f"{row.score!r}_{row.pk}" if row else ""


DEEP_ROWS = 2450  # the 50th queue page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--json", help="write the results here as JSON")
    args = parser.parse_args()
    if args.samples < 20:
        parser.error("--samples: at least 20")
    setup_django(args.database_url)
    read_only()

    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    settings.API_RATE_PER_MINUTE = 0
    editor = User.objects.get(username="bench-editor")
    page = quiet_login(editor)
    secret = in_memory_token(editor)
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    desk = facts()
    print(f"desk: {json.dumps(desk)}", flush=True)
    deep = deep_cursor(editor, DEEP_ROWS)

    def get(client: Any, url: str) -> Callable[[], Any]:
        return lambda: client.get(url, secure=True)

    pairs: list[tuple[str, str, Callable[[], Any], str, Callable[[], Any]]] = [
        (
            "claims list, 100 a page",
            "/api/v1/claims/?limit=100",
            get(api, "/api/v1/claims/?limit=100"),
            "/claims/",
            get(page, "/claims/"),
        ),
        (
            "claims list, 50 a page",
            "/api/v1/claims/?limit=50",
            get(api, "/api/v1/claims/?limit=50"),
            "/claims/",
            get(page, "/claims/"),
        ),
    ]
    if deep:
        pairs.append(
            (
                f"claims list after {DEEP_ROWS:,} rows",
                f"/api/v1/claims/?limit=100&after={deep}",
                get(api, f"/api/v1/claims/?limit=100&after={deep}"),
                f"/claims/?after={deep}",
                get(page, f"/claims/?after={deep}"),
            )
        )
    for label, pk in (
        ("typical claim", desk["typical"]),
        (f"claim with {desk['big_n']} mentions", desk["big"]),
    ):
        if pk:
            pairs.append(
                (
                    f"one claim: {label}",
                    f"/api/v1/claims/{pk}/",
                    get(api, f"/api/v1/claims/{pk}/"),
                    f"/claims/{pk}/",
                    get(page, f"/claims/{pk}/"),
                )
            )
    rows = []
    for name, api_url, api_request, page_url, page_request in pairs:
        a = timed(api_request, args.samples)
        p = timed(page_request, args.samples)
        row = {
            "name": name,
            "api": api_url,
            "page": page_url,
            "api_ms": a,
            "page_ms": p,
            "ratio_p50": a["p50"] / p["p50"],
            "ratio_p95": a["p95"] / p["p95"],
        }
        rows.append(row)
        print(line(row), flush=True)
    print()
    print(f"{connection.vendor}, {desk['claims']:,} claims, {args.samples} samples each")
    print(
        f"{'':38} {'API p50':>9} {'p95':>8} {'page p50':>9} {'p95':>8} {'ratio p50':>9} {'p95':>6}"
    )
    for row in rows:
        print(line(row))
    worst = max(row["ratio_p95"] for row in rows)
    print(f"\nworst ratio (p95): {worst:.2f} (target: at most 2.00)")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"desk": desk, "vendor": connection.vendor, "rows": rows}, indent=2)
        )
    return 0


def line(row: dict[str, Any]) -> str:
    a, p = row["api_ms"], row["page_ms"]
    bad = [s for s in a["status"] + p["status"] if s != 200]
    flag = f"  status {bad}" if bad else ""
    return (
        f"{row['name']:38} {a['p50']:8.1f}ms {a['p95']:7.1f}ms {p['p50']:8.1f}ms {p['p95']:7.1f}ms"
        f" {row['ratio_p50']:9.2f} {row['ratio_p95']:6.2f}{flag}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
