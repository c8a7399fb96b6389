"""The NinjaAPI object: authentication, throttling, problem+json errors, the docs page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csp import csp_override
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from claims.api.auth import AUTH, PerCallerThrottle
from claims.api.problems import CONTENT_TYPE, Problem, problem_response, validation_errors
from claims.ingest import IngestError
from claims.services import ClaimConflict, ServiceError

# The docs page (Swagger UI, served from our static files) sets inline styles; it gets its
# own policy. Desk pages keep the strict one.
DOCS_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
}


def _docs_decorator(view: Any) -> Any:
    return csp_override(DOCS_CSP)(view)


class FactdeskAPI(NinjaAPI):
    """NinjaAPI whose document says what the errors are: every 4xx and 5xx answer is
    ``application/problem+json`` (RFC 9457), not ``application/json``."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content") or {}
                    if int(status) >= 400 and "application/json" in content:
                        content[CONTENT_TYPE] = content.pop("application/json")
        return schema


api = FactdeskAPI(
    title="Factdesk API",
    version="1",
    description=(
        "Claims, reports, entities, fact sheets and the audit log of the desk. Send a personal "
        "token as `Authorization: Bearer TOKEN`. Errors are RFC 9457 problem details."
    ),
    urls_namespace="api-v1",
    auth=AUTH,
    throttle=[PerCallerThrottle()],
    docs=Swagger(),
    docs_url="/docs/",
    docs_decorator=_docs_decorator,
)


@api.exception_handler(Problem)
def _problem(request: HttpRequest, exc: Problem) -> HttpResponse:
    return problem_response(request, exc.status, exc.detail, kind=exc.kind, **exc.extra)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(
        request,
        401,
        "Send a valid, unexpired API token as 'Authorization: Bearer TOKEN'.",
        headers={"WWW-Authenticate": 'Bearer realm="factdesk"'},
    )


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    wait = max(1, int((exc.wait or 1) + 0.999))
    return problem_response(
        request,
        429,
        f"Too many requests for this token; try again in {wait} seconds.",
        headers={"Retry-After": str(wait)},
    )


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
        errors.setdefault(".".join(loc[-2:]) or "non_field", []).append(str(error.get("msg")))
    return problem_response(request, 422, "The request's fields are not valid.", errors=errors)


@api.exception_handler(ValidationError)
def _django_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # Well-formed values the desk's rules refuse (a verdict without its reason, a quote that
    # is not in the report): "desk-rule", unlike input that breaks the document ("invalid-input").
    errors = validation_errors(exc)
    detail = " ".join(m for messages in errors.values() for m in messages)
    return problem_response(request, 422, detail, kind="desk-rule", errors=errors)


@api.exception_handler(ClaimConflict)
def _conflict(request: HttpRequest, exc: ClaimConflict) -> HttpResponse:
    from claims.api.problems import conflict_fields

    return problem_response(request, 409, str(exc), kind="stale-version", **conflict_fields(exc))


@api.exception_handler(ServiceError)
def _refused(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return problem_response(request, 409, str(exc), kind="refused")


@api.exception_handler(IngestError)
def _ingest_refused(request: HttpRequest, exc: IngestError) -> HttpResponse:
    return problem_response(request, 422, str(getattr(exc, "reason", exc)), kind="report-refused")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem_response(request, 403, str(exc) or "Your role does not allow this.")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(request, 404, "There is no such thing, or you may not see it.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(request, exc.status_code, str(exc))


from claims.api import endpoints  # noqa: E402, F401  (registers the routes)
