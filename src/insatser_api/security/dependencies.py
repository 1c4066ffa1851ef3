"""FastAPI dependencies: authenticate the bearer key, check its scope, hand over the Principal.

Endpoints say what they need with one alias, e.g. `principal: EligibilityChecker`, or with
`dependencies=[Depends(require_scope(scopes.ADMIN))]` when they do not read the principal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param
from starlette.concurrency import run_in_threadpool

from insatser_api.config import Settings
from insatser_api.security import errors, scopes
from insatser_api.security.principal import AUTH_DISABLED, Principal
from insatser_api.security.service import KeyVerifier

_SCHEME_DESCRIPTION = (
    "API-nyckel (`isk_…`) i huvudet `Authorization: Bearer <nyckel>`. Nycklar skapas med "
    "`insatser-api keys create` och har behörigheter (scopes)."
)

# The caller of a catalogue endpoint left open by INSATSER_PUBLIC_CATALOG=true.
ANONYMOUS_READER = Principal(
    key_id=None, name="anonymous", scopes=frozenset({scopes.CATALOG_READ}), enheter=frozenset()
)


class ScopedBearer(HTTPBearer):
    """The bearer scheme (declared in OpenAPI as `bearerAuth`) and the whole check in one
    dependency: 401 without a valid key, 403 with a key that lacks the scope. HTTPBearer gives
    the OpenAPI declaration; the header is read here (`_bearer_token`).

    One dependency rather than a scope check depending on `HTTPBearer`: FastAPI's dependency
    solving per level cost the eligibility endpoints ~15 µs a request (docs/performance.md).
    """

    def __init__(self, scope: str, open_when: Callable[[Settings], bool] | None = None) -> None:
        if scope not in scopes.ALL_SCOPES:
            raise ValueError(f"unknown scope {scope!r}")
        super().__init__(
            auto_error=False, scheme_name="bearerAuth", description=_SCHEME_DESCRIPTION
        )
        self.scope = scope
        self.open_when = open_when

    async def __call__(self, request: Request) -> Principal:  # type: ignore[override]
        settings: Settings = request.app.state.settings
        if settings.auth_disabled:
            principal = AUTH_DISABLED
        elif self.open_when is not None and self.open_when(settings):
            principal = ANONYMOUS_READER
        else:
            principal = await _authenticate(request, _bearer_token(request))
            if not principal.has_scope(self.scope):
                raise errors.missing_scope(self.scope)
        request.state.principal = principal
        return principal


def require_scope(
    scope: str, *, open_when: Callable[[Settings], bool] | None = None
) -> ScopedBearer:
    """A dependency that lets through callers holding `scope`. `open_when(settings)` true: no
    key needed (the public catalogue)."""
    return ScopedBearer(scope, open_when)


def _bearer_token(request: Request) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, read as `HTTPBearer` reads it,
    without building its pydantic credentials model on every request."""
    scheme, token = get_authorization_scheme_param(request.headers.get("authorization"))
    if not (scheme and token) or scheme.lower() != "bearer":
        return None
    return token


async def _authenticate(request: Request, token: str | None) -> Principal:
    if token is None:
        if "authorization" in request.headers:
            raise errors.invalid_key()
        raise errors.missing_key()
    verifier: KeyVerifier = request.app.state.key_verifier
    # Cache hit: no database and no thread; a miss queries the database off the event loop.
    principal = verifier.cached(token) or await run_in_threadpool(verifier.verify, token)
    if principal is None:
        raise errors.invalid_key()
    return principal


def ensure_may_write_for(principal: Principal, enhet: str) -> None:
    """403 unless the caller may write documentation for `enhet` (the insats' enhet)."""
    if not principal.may_write_for(enhet):
        raise errors.enhet_not_allowed(enhet)


def _catalog_is_public(settings: Settings) -> bool:
    return settings.public_catalog


require_catalog_read = require_scope(scopes.CATALOG_READ, open_when=_catalog_is_public)

CatalogReader = Annotated[Principal, Depends(require_catalog_read)]
EligibilityChecker = Annotated[Principal, Depends(require_scope(scopes.ELIGIBILITY_CHECK))]
DocumentationWriter = Annotated[Principal, Depends(require_scope(scopes.DOCUMENTATION_WRITE))]
DocumentationReader = Annotated[Principal, Depends(require_scope(scopes.DOCUMENTATION_READ))]
StatisticsReader = Annotated[Principal, Depends(require_scope(scopes.STATISTICS_READ))]
Admin = Annotated[Principal, Depends(require_scope(scopes.ADMIN))]
