"""401 and 403 as problem details, with the `WWW-Authenticate` challenge of RFC 6750."""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.responses import Response

from insatser_api.kit.errors import ProblemError, problem_response, problem_responses

REALM = "insatser-api"


class AuthProblem(ProblemError):
    """A refused caller; `challenge` becomes the `WWW-Authenticate` header."""

    def __init__(self, detail: str, challenge: str) -> None:
        super().__init__(detail)
        self.challenge = challenge


class Unauthenticated(AuthProblem):
    status = 401
    slug = "unauthenticated"


class Forbidden(AuthProblem):
    status = 403
    slug = "forbidden"


def missing_key() -> Unauthenticated:
    return Unauthenticated(
        "Anropet saknar API-nyckel. Skicka den i huvudet Authorization: Bearer <nyckel>.",
        f'Bearer realm="{REALM}"',
    )


def invalid_key() -> Unauthenticated:
    # One message for unknown, malformed, wrong and revoked keys: the caller learns nothing
    # about which keys exist.
    return Unauthenticated(
        "API-nyckeln är ogiltig eller återkallad.",
        f'Bearer realm="{REALM}", error="invalid_token"',
    )


def missing_scope(scope: str) -> Forbidden:
    return Forbidden(
        f"API-nyckeln saknar behörigheten {scope}.",
        f'Bearer realm="{REALM}", error="insufficient_scope", scope="{scope}"',
    )


def enhet_not_allowed(enhet: str) -> Forbidden:
    return Forbidden(
        f"API-nyckeln får inte dokumentera för enheten {enhet}.",
        f'Bearer realm="{REALM}", error="insufficient_scope", scope="documentation:write"',
    )


async def _on_auth_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AuthProblem)
    return problem_response(
        exc.status, exc.detail, slug=exc.slug, headers={"WWW-Authenticate": exc.challenge}
    )


def install_auth_problem_handler(app: FastAPI) -> None:
    app.add_exception_handler(AuthProblem, _on_auth_problem)


AUTH_RESPONSES = problem_responses(
    {401: "API-nyckel saknas eller är ogiltig", 403: "API-nyckeln saknar behörigheten"}
)
