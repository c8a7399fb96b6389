"""Request bodies sent without a length (``Transfer-Encoding: chunked``).

Django reads exactly ``CONTENT_LENGTH`` bytes of a request body; a chunked request has no such
header, so behind gunicorn (which de-chunks the body and says so with ``wsgi.input_terminated``)
Django saw an empty body: a chunked paste failed its CSRF check with a 403, whatever its size.

:class:`ChunkedBodies` wraps the WSGI application: it reads such a body up to a cap (spooled to
disk past 1 MB), hands Django the bytes with their length, and so every size check of the desk
works as for any other request. A body over the cap is not read further: Django is told its
length so far (over every limit), and the paste and upload forms answer "too long" as they do
for a declared length. Servers that do not de-chunk (``wsgi.input_terminated`` unset, as in
runserver) are left alone: reading their input could wait for ever.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from typing import Any

CHUNK = 64 * 1024
SPOOL = 1024 * 1024
OVERHEAD = 1024 * 1024  # form fields and multipart framing around the largest file

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def body_cap() -> int:
    from django.conf import settings

    largest = max(
        int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0), int(settings.INGEST_MAX_BYTES or 0)
    )
    return largest + OVERHEAD


class ChunkedBodies:
    def __init__(self, app: WSGIApp, cap: Callable[[], int] = body_cap) -> None:
        self.app = app
        self.cap = cap

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if (
            not environ.get("CONTENT_LENGTH")
            and environ.get("wsgi.input_terminated")
            and "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        ):
            self._buffer(environ)
        return self.app(environ, start_response)

    def _buffer(self, environ: dict[str, Any]) -> None:
        cap = self.cap()
        source = environ["wsgi.input"]
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL)  # noqa: SIM115 (handed on)
        size = 0
        while size <= cap:
            piece = source.read(min(CHUNK, cap + 1 - size))
            if not piece:
                break
            spool.write(piece)
            size += len(piece)
        spool.seek(0)
        environ["wsgi.input"] = spool
        environ["CONTENT_LENGTH"] = str(size)
