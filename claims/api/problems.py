"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error the API answers is one JSON object with ``type``, ``title``, ``status`` and
``detail``; some add members of their own (``errors`` for invalid input, the conflict's
fields for a stale ``expected_version``).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from claims.services import ClaimConflict

CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://factdesk.invalid/problems/"  # identifiers, not fetched

TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    413: "Too large",
    422: "Invalid input",
    429: "Too many requests",
    500: "Server error",
}


class Problem(Exception):
    """Raise in an endpoint to answer with a problem document."""

    def __init__(self, status: int, detail: str, *, kind: str = "", **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind or TITLES.get(status, "error").lower().replace(" ", "-")
        self.extra = extra


def problem_response(
    request: HttpRequest | None,
    status: int,
    detail: str,
    *,
    kind: str = "",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": TYPE_BASE + (kind or TITLES.get(status, "error").lower().replace(" ", "-")),
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.get_full_path()
    body.update(extra)
    response = HttpResponse(json.dumps(body, default=str), status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def validation_errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field" if name == "__all__" else name): [str(m) for m in messages]
            for name, messages in exc.message_dict.items()
        }
    return {"non_field": [str(m) for m in exc.messages]}


def conflict_fields(exc: ClaimConflict) -> dict[str, Any]:
    """What a 409 carries: the versions, the fields that changed, and who changed them."""
    return {
        "claim_id": exc.claim.pk,
        "expected_version": exc.expected_version,
        "current_version": exc.claim.version,
        "changed_fields": exc.changed_fields,
        "changes": [
            {
                "event_id": event.pk,
                "action": event.action,
                "actor": event.actor_label,
                "at": event.created_at.isoformat(),
                "claim_version": event.claim_version,
                "fields": [name for name, _old, _new in event.changed_fields()],
            }
            for event in exc.events
        ],
    }
