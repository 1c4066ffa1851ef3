"""The eligibility endpoints' one call into the decision log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fastapi import Request

from insatser_api.decisions.log import DecisionLog
from insatser_api.decisions.rows import AnsweredRequest
from insatser_api.rules import Decision

# The client name of requests made while authentication is off (development and test).
ANONYMOUS_CLIENT = "anonymous"


def client_name(request: Request) -> str:
    """The calling client: the name of its API key, set by the authentication dependency."""
    principal = getattr(request.state, "principal", None)
    name = getattr(principal, "name", None)
    return name if isinstance(name, str) else ANONYMOUS_CLIENT


def log_answers(
    request: Request, request_kind: str, age_years: int | None, decisions: Sequence[Decision]
) -> None:
    log: DecisionLog | None = request.app.state.decision_log
    if log is None:  # switched off by configuration
        return
    log.record(
        AnsweredRequest(
            decided_at=dt.datetime.now(dt.UTC),
            client=client_name(request),
            request_kind=request_kind,
            age_years=age_years,
            decisions=decisions,
        )
    )
