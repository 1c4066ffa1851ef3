"""The answer of the rules layer: per-condition results and the decision for one insats."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    REQUIRES_GUARDIAN_CONSENT = "requires_guardian_consent"
    NEEDS_INFORMATION = "needs_information"
    NOT_ELIGIBLE = "not_eligible"


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
