"""RFC 9457 problem details: one error base class, one JSON shape, no personal data in bodies.

Validation errors never echo the input: a personnummer sent in a bad request must not come back
in the error (api.md, Conventions). For the same reason there is no `instance` member: the
request path is the caller's text and could hold an identity number.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from insatser_api.kit.messages_sv import swedish_message

# The body's models live in kit/problem.py, free of FastAPI, so that the client can read them.
from insatser_api.kit.problem import PROBLEM_MEDIA_TYPE as PROBLEM_MEDIA_TYPE
from insatser_api.kit.problem import PROBLEM_TYPE_BASE as PROBLEM_TYPE_BASE
from insatser_api.kit.problem import FieldError as FieldError
from insatser_api.kit.problem import Problem as Problem

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
    500: "Internt fel",
}


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
        message = swedish_message(error)
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


async def _on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "Fel")
    if exc.status_code == 404 and detail == "Not Found":
        detail = "Resursen finns inte."
    elif exc.status_code == 405:
        detail = "Metoden stöds inte för den här resursen."
    return problem_response(exc.status_code, detail, headers=dict(exc.headers or {}))


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    # No internals in the body: the exception text could hold anything, personal data included.
    return problem_response(500, "Ett oväntat fel inträffade.", slug="internal-error")


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected)


def problem_responses(descriptions: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for statuses answered with a problem body."""
    return {
        status: {"model": Problem, "content": {PROBLEM_MEDIA_TYPE: {}}, "description": text}
        for status, text in descriptions.items()
    }


PROBLEM_RESPONSES = problem_responses({status: _TITLES[status] for status in (400, 404, 422)})
