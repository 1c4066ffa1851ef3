"""RFC 9457 problem details: one error base class, one JSON shape, no personal data in bodies.

Validation errors never echo the input: a personnummer sent in a bad request must not come back
in the error (api.md, Conventions). For the same reason there is no `instance` member: the
request path is the caller's text and could hold an identity number.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from insatser_api.kit.database_errors import is_unavailable
from insatser_api.kit.messages_sv import swedish_message

# The body's models live in kit/problem.py, free of FastAPI, so that the client can read them.
from insatser_api.kit.problem import PROBLEM_MEDIA_TYPE as PROBLEM_MEDIA_TYPE
from insatser_api.kit.problem import PROBLEM_TYPE_BASE as PROBLEM_TYPE_BASE
from insatser_api.kit.problem import FieldError as FieldError
from insatser_api.kit.problem import Problem as Problem

logger = logging.getLogger(__name__)

_TITLES = {
    400: "Felaktig begäran",
    401: "Inloggning krävs",
    403: "Behörighet saknas",
    404: "Hittades inte",
    405: "Metoden stöds inte",
    406: "Formatet stöds inte",
    413: "Begäran är för stor",
    415: "Innehållstypen stöds inte",
    422: "Ogiltiga uppgifter",
    408: "Begäran tog för lång tid",
    500: "Internt fel",
    503: "Tjänsten är tillfälligt otillgänglig",
}

# Error types raised by this service's own validators (PydanticCustomError), whose message is
# Swedish already: kit/text.py, kit/dates.py.
OWN_ERROR_TYPES = frozenset({"nul_character", "date_out_of_range"})

# Seconds a client is asked to wait after a 503 for the database (INSATSER_DATABASE_RETRY_AFTER_
# SECONDS sets it per app).
DEFAULT_RETRY_AFTER_S = 5


class ProblemError(Exception):
    """An error that knows its status, its problem type and what to tell the caller."""

    status = 400
    slug = "bad-request"

    def __init__(self, detail: str, errors: Sequence[FieldError] = ()) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors)


class InvalidRequest(ProblemError):
    status = 422
    slug = "invalid-request"


class NotFound(ProblemError):
    status = 404
    slug = "not-found"


def problem_response(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    errors: Sequence[FieldError] = (),
    headers: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + slug if slug else "about:blank",
        "title": _TITLES.get(status, "Fel"),
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = [e.model_dump() for e in errors]
    return Response(orjson.dumps(body), status, headers, PROBLEM_MEDIA_TYPE)


def _field_name(loc: Sequence[int | str]) -> str:
    parts = list(loc[1:]) if loc and loc[0] in ("body", "query", "path", "header") else list(loc)
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += ("." if name else "") + part
    return name or "body"


def validation_errors(raw: Sequence[Any]) -> list[FieldError]:
    errors = []
    for error in raw:
        kind = str(error.get("type", "invalid"))
        message = str(error.get("msg")) if kind in OWN_ERROR_TYPES else swedish_message(error)
        errors.append(
            FieldError(field=_field_name(error.get("loc", ())), message=message, code=kind)
        )
    return errors


async def _on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)
    return problem_response(exc.status, exc.detail, slug=exc.slug, errors=exc.errors)


async def _on_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    raw = exc.errors()
    if any(e.get("type") == "json_invalid" for e in raw):
        return problem_response(
            400,
            "Begärans innehåll är inte giltig JSON.",
            slug="malformed-json",
            errors=[FieldError(field="body", message="Ogiltig JSON.", code="json_invalid")],
        )
    return problem_response(
        422,
        "Begäran innehåller ogiltiga uppgifter; se errors.",
        slug="invalid-request",
        errors=validation_errors(raw),
    )


# Set in the ASGI scope when the client hung up before its request was read: the telemetry
# counts it as 499 (nginx's "client closed request"), not as a 500, and nothing is logged as
# an error.
CLIENT_GONE = "insatser.client_gone"
_BODY_UNREADABLE = "There was an error parsing the body"  # FastAPI's text for any read failure


def client_gone(scope: Any) -> Response:
    scope[CLIENT_GONE] = True
    logger.debug("client disconnected before its request was read")
    return Response(status_code=499)


async def _on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.detail == _BODY_UNREADABLE:
        if isinstance(exc.__cause__, ClientDisconnect):
            return client_gone(request.scope)
        # Not UTF-8, typically: the same problem as any body that is not JSON.
        return problem_response(
            400,
            "Begärans innehåll är inte giltig JSON i UTF-8.",
            slug="malformed-json",
            errors=[FieldError(field="body", message="Ogiltig JSON.", code="json_invalid")],
        )
    detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "Fel")
    if exc.status_code == 404 and detail == "Not Found":
        detail = "Resursen finns inte."
    elif exc.status_code == 405:
        detail = "Metoden stöds inte för den här resursen."
    slug = "request-timeout" if exc.status_code == 408 else None
    return problem_response(exc.status_code, detail, slug=slug, headers=dict(exc.headers or {}))


def database_unavailable(retry_after: int = DEFAULT_RETRY_AFTER_S) -> Response:
    return problem_response(
        503,
        "Databasen svarar inte just nu. Försök igen om en stund; inget har sparats av "
        "den här begäran.",
        slug="database-unavailable",
        headers={"Retry-After": str(retry_after)},
    )


async def _on_database_error(request: Request, exc: Exception) -> Response:
    if not is_unavailable(exc):
        raise exc  # a bug, not an outage: the unexpected-error middleware answers 500
    from insatser_api.ops.metrics import DATABASE_UNAVAILABLE

    DATABASE_UNAVAILABLE.inc()
    # The driver's message may name the host or quote parameters; the type says enough.
    logger.warning("database unavailable: %s; answered 503", type(exc).__name__)
    retry_after = getattr(request.app.state, "retry_after_seconds", DEFAULT_RETRY_AFTER_S)
    return database_unavailable(retry_after)


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    # No internals in the body: the exception text could hold anything, personal data included.
    return problem_response(500, "Ett oväntat fel inträffade.", slug="internal-error")


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(SQLAlchemyError, _on_database_error)
    app.add_exception_handler(Exception, _on_unexpected)


def problem_responses(descriptions: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for statuses answered with a problem body."""
    return {
        status: {"model": Problem, "content": {PROBLEM_MEDIA_TYPE: {}}, "description": text}
        for status, text in descriptions.items()
    }


PROBLEM_RESPONSES = problem_responses({status: _TITLES[status] for status in (400, 404, 422)})

# Every operation that may touch the database (and every authenticated one: checking a key not
# in the cache reads the database).
DATABASE_RESPONSES: dict[int | str, dict[str, Any]] = {
    503: {
        "description": "Databasen svarar inte just nu; försök igen efter `Retry-After` sekunder",
        "headers": {
            "Retry-After": {
                "description": "Sekunder att vänta innan ett nytt försök",
                "schema": {"type": "integer", "example": DEFAULT_RETRY_AFTER_S},
            }
        },
        "content": {
            PROBLEM_MEDIA_TYPE: {
                "example": {
                    "type": PROBLEM_TYPE_BASE + "database-unavailable",
                    "title": _TITLES[503],
                    "status": 503,
                    "detail": "Databasen svarar inte just nu. Försök igen om en stund; inget har "
                    "sparats av den här begäran.",
                }
            }
        },
    }
}
