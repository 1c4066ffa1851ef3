"""The answer of the rules layer: per-condition results and the decision for one insats."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

# Defined outside rules/ so that the client can name them without importing this layer.
from insatser_api.outcomes import Outcome as Outcome
from insatser_api.outcomes import Status as Status


@dataclass(frozen=True, slots=True)
class ConditionResult:
    code: str
    status: Status
    message: str
    source: str
    missing: tuple[str, ...] = ()
    stay_limit: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ConsentResult:
    required: bool | None
    given: bool | None
    basis: str
    message: str


@dataclass(frozen=True, slots=True)
class TargetGroupResult:
    text: str
    applicant_outside: bool | None
    note: str


@dataclass(frozen=True, slots=True)
class StayLimitResult:
    until: dt.date | None  # None: folkbokförd in the kommun, no limit from the villkor
    message: str


class Decision(NamedTuple):
    """The answer for one insats. A named tuple rather than a frozen dataclass: it is built for
    every insats on every screening, and a tuple is built several times faster (immutable all
    the same, so a remembered decision can be shared between requests)."""

    insats_id: str
    catalog_version: str
    as_of: dt.date
    outcome: Outcome
    conditions: tuple[ConditionResult, ...]
    missing_facts: tuple[str, ...]
    consent: ConsentResult
    target_group: TargetGroupResult
    stay_limit: StayLimitResult | None
    information: str | None
