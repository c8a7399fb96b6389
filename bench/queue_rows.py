"""What a queue row costs in Python: the rows of one queue page rendered again and again.

Run from the repository root against a desk built by bench/generate.py (either database):

    .venv/bin/python bench/queue_rows.py --database-url postgres://factdesk@127.0.0.1:5432/fd_x \
        [--state candidate] [--repeat 30]

Builds one page of the queue as the view does (``queue_page``, as bench-editor, so every row
has its Accept/Reject forms), then works out the rows' shared parts (``row_context``) and renders
its rows (the ``more-rows`` partial the view sends
for "Load 50 more") ``--repeat`` times and prints the CPU time (process time: no database
work, the rows are already loaded) per page and per row: median and best. Then times the
whole view through the test client (queries included) the same number of times.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
    os.environ.setdefault("FACTDESK_PLAIN_STATIC", "1")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()


def cpu_ms(fn: object, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        fn()  # type: ignore[operator]
        samples.append((time.process_time() - start) * 1000)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--state", default="candidate")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--user", default="bench-editor")
    args = parser.parse_args()
    setup_django(args.database_url)

    from django.contrib.auth.models import User
    from django.template.loader import render_to_string
    from django.test import Client, RequestFactory
    from django.urls import reverse

    from claims.views.queue import TEMPLATE, queue_page, row_context

    user = User.objects.get(username=args.user)
    url = f"{reverse('claims:list')}?state={args.state}"
    request = RequestFactory().get(url, secure=True)
    request.user = user
    page = queue_page(request, request.GET)
    rows = len(page.rows)
    if not rows:
        print("no rows: build a desk with bench/generate.py first")
        return 1
    context = {"claims": page.rows, "next_url": page.next_url}

    def render_rows() -> None:
        # The per-page parts (row_context) are worked out inside the timing, as the view does.
        full = {**context, **row_context(request, page.rows)}
        render_to_string(f"{TEMPLATE}#more-rows", full, request=request)

    render_rows()  # warm the template cache
    samples = cpu_ms(render_rows, args.repeat)
    med, best = statistics.median(samples), min(samples)
    print(f"rows rendered: {rows} (state={args.state}, as {args.user}), {args.repeat} times")
    print(f"rows partial, CPU per page: median {med:.1f} ms, best {best:.1f} ms")
    print(f"rows partial, CPU per row:  median {med / rows:.3f} ms, best {best / rows:.3f} ms")

    client = Client()
    client.force_login(user)
    assert client.get(url, secure=True).status_code == 200
    view = cpu_ms(lambda: client.get(url, secure=True), args.repeat)
    print(
        f"whole queue page (test client), CPU: median {statistics.median(view):.1f} ms, "
        f"best {min(view):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
