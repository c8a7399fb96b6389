"""Benchmark of stored fact-sheet PDFs: the worker's one render, then downloads from storage.

Run from the repository root:

    .venv/bin/python bench/factsheet_pdf.py [--claims 50] [--downloads 50] [--database-url URL]

In a throw-away SQLite database (or ``--database-url``, an empty PostgreSQL database):
1000 claims are generated (bench/export.py's generator), a sheet of ``--claims`` of them is
built and published through the services, and then, as a viewer through the real view:

1. the first download before the worker ran (the progress page): time to answer;
2. the worker's render (``render_stored``, WeasyPrint in its child process): time;
3. ``--downloads`` downloads of the stored file: p50 and p95 time to the whole body.

Targets: the progress page and each stored download <= 0.2 s p95; the render happens once.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parent))

from export import generate, setup_django


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=50)
    parser.add_argument("--downloads", type=int, default=50)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factdesk-pdf-bench-") as tmp:
        os.environ.setdefault("FACTDESK_VAR_DIR", tmp)
        setup_django(args.database_url or f"sqlite:///{tmp}/bench.sqlite3")
        from django.contrib.auth.models import User
        from django.test import Client
        from django.urls import reverse

        from claims import services
        from claims.exports import stored_pdf
        from claims.models import Claim, FactSheetPdf

        editor = generate(1000)
        sheet = services.factsheet_create(by=editor, title=f"Benchmark: {args.claims} claims")
        for claim in Claim.objects.order_by("id")[: args.claims]:
            services.factsheet_claim_add(sheet=sheet, by=editor, claim=claim)
        version = services.factsheet_publish(sheet=sheet, by=editor)
        client = Client()
        client.force_login(User.objects.get(username="bench-viewer"))
        url = reverse("claims:factsheet_version_export", args=[sheet.pk, version.number, "pdf"])
        url += "?paper=a4"

        started = time.perf_counter()
        waiting = client.get(url, secure=True)
        first = time.perf_counter() - started
        assert waiting.status_code == 200 and b"<progress" in waiting.content, (
            waiting.status_code,
            waiting.content[:300],
        )

        pdf = FactSheetPdf.objects.get(version=version, paper="a4")
        started = time.perf_counter()
        done = stored_pdf.render_stored(pdf.pk)
        render = time.perf_counter() - started
        assert done is not None and done.status == "done", done

        times = []
        for _ in range(args.downloads):
            started = time.perf_counter()
            response = client.get(url, secure=True)
            body = b"".join(cast(Any, response).streaming_content)
            times.append(time.perf_counter() - started)
            assert body.startswith(b"%PDF")
        times.sort()
        p50 = statistics.median(times)
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        renders = FactSheetPdf.objects.get(pk=pdf.pk).renders
        print(
            f"{args.claims}-claim sheet, PDF {done.size / 1e3:.0f} kB: first request (progress "
            f"page) {first * 1000:.0f} ms; worker render {render:.2f} s; {args.downloads} "
            f"downloads from storage p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms; "
            f"renders {renders}"
        )
        ok = first <= 0.2 and p95 <= 0.2 and renders == 1
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
