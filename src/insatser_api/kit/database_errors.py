"""Which database errors mean "cannot serve now" (a 503, a retry) rather than a bug: apart
from kit/database.py so that the writers it uses (kit/group_commit.py) can ask too."""

from __future__ import annotations

from sqlalchemy import exc as sa_exc

# Errors that say the database is away or cannot take writes now (unreachable, restarting,
# locked past the busy timeout, read-only, disk full, pool exhausted), as opposed to a bug or
# bad data. They become a 503 with Retry-After, and the decision log retries them.
_UNAVAILABLE = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.InternalError,
    sa_exc.TimeoutError,
)


def is_unavailable(error: BaseException) -> bool:
    """True when `error` says the database cannot serve now, rather than that a query is wrong."""
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, _UNAVAILABLE)
