"""Who may use which page: the catalogue pages follow INSATSER_PUBLIC_CATALOG as the API's
catalogue does; the check page needs a session signed in with a key holding
`eligibility:check` (README, Staff pages). With authentication off (development, test) every
page is open."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from insatser_api.config import Settings
from insatser_api.security import repository, scopes
from insatser_api.security.principal import AUTH_DISABLED, Principal
from insatser_api.security.service import principal_of

# A signed-in session may use the pages with a key holding any of these.
PAGE_SCOPES = frozenset({scopes.CATALOG_READ, scopes.ELIGIBILITY_CHECK})
_CACHE_SWEEP_SIZE = 256


class DatabaseUnavailable(Exception):
    """The key could not be looked up: the page answers 503 (pages/router.py), never 500."""


class SessionKeys:
    """The principal of a session's key id, read from the database and trusted for `ttl`
    seconds (INSATSER_API_KEY_CACHE_SECONDS), exactly as long as a verified bearer key is."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        ttl: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._sessions = sessions
        self._ttl = ttl
        self._clock = clock
        self._cache: dict[str, tuple[Principal | None, float]] = {}

    async def principal(self, key_id: str) -> Principal | None:
        entry = self._cache.get(key_id)
        if entry is not None and entry[1] > self._clock():
            return entry[0]
        try:
            principal = await run_in_threadpool(self._load, key_id)
        except SQLAlchemyError as error:
            raise DatabaseUnavailable from error
        if self._ttl > 0:
            now = self._clock()
            if len(self._cache) >= _CACHE_SWEEP_SIZE:
                self._cache = {k: v for k, v in self._cache.items() if v[1] > now}
            self._cache[key_id] = (principal, now + self._ttl)
        return principal

    def _load(self, key_id: str) -> Principal | None:
        with self._sessions() as session:
            key = repository.by_id(session, key_id)
            if key is None or key.revoked_at is not None:
                return None
            return principal_of(key)


def may_read_catalog(settings: Settings, principal: Principal | None) -> bool:
    if settings.auth_disabled or settings.public_catalog:
        return True
    return principal is not None and principal.has_scope(scopes.CATALOG_READ)


def may_check(settings: Settings, principal: Principal | None) -> bool:
    if settings.auth_disabled:
        return True
    return principal is not None and principal.has_scope(scopes.ELIGIBILITY_CHECK)


def principal_when_open(settings: Settings) -> Principal | None:
    return AUTH_DISABLED if settings.auth_disabled else None
