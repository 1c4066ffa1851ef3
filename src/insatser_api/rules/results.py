"""What the rules layer answers: each part's result, and the decision for one insats.

All frozen: a result or a decision built once is shared by every request it answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Defined outside rules/ so that the client can name them without importing this layer.
from insatser_api.outcomes import Outcome as Outcome
from insatser_api.outcomes import Status as Status
from insatser_api.rules.facts import FactKey


@dataclass(frozen=True, slots=True)
class ConditionResult:
    """One villkor's answer. Its hash is worked out once: answers look their villkor's JSON
    up by the result (eligibility/answers.py), a few times in every answer."""

    code: str
    status: Status
    message: str
    source: str
    missing: tuple[FactKey, ...] = ()
    stay_limit: dt.date | None = None
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        fields = (self.code, self.status, self.message, self.missing, self.stay_limit)
        object.__setattr__(self, "_hash", hash(fields))

    def __hash__(self) -> int:
        return self._hash


@dataclass(frozen=True, slots=True)
class ConsentResult:
    required: bool | None  # None: it depends on an age that is not known
    given: bool | None  # the request's guardian_consent
    basis: str
    message: str
    # Facts whose answer could still change this consent's part in the outcome (the consent
    # itself when it is needed and not stated; whether the child takes part in the talks when
    # that is not stated): a form asks them after the missing facts' questions allow.
    asks: tuple[FactKey, ...] = ()

    @property
    def refused(self) -> bool:
        """Consent is needed and the vårdnadshavare said no."""
        return self.required is True and self.given is False


@dataclass(frozen=True, slots=True)
class TargetGroupResult:
    text: str
    applicant_outside: bool | None  # None: the age the målgrupp names is not known
    note: str


@dataclass(frozen=True, slots=True)
class StayLimitResult:
    until: dt.date | None  # None: folkbokförd in the kommun, no limit from the villkor
    message: str


@dataclass(frozen=True, slots=True)
class Change:
    """A smallest set of villkor that, met, would make the person eligible (rules/changes.py);
    `guardian_consent` among the codes when the vårdnadshavare's consent is needed too."""

    codes: tuple[str, ...]
    message: str  # Swedish, "Om personen …"


@dataclass(frozen=True, slots=True)
class Decision:
    """The answer for one insats (rules.md, Outcomes); made by `outcome.decide`. A value like
    the results it holds."""

    insats_id: str
    catalog_version: str
    as_of: dt.date
    outcome: Outcome
    conditions: tuple[ConditionResult, ...]
    missing_facts: tuple[FactKey, ...]
    consent: ConsentResult
    target_group: TargetGroupResult
    stay_limit: StayLimitResult | None
    information: str | None
    # For not_eligible where only lower age bounds are unmet: the age from which the person is
    # eligible (the answer gives the day, from the birth date: rules/changes.eligible_from).
    eligible_at_age: int | None = None
    # For not_eligible and needs_information (else None): what would make the person eligible
    # (rules/changes.py). Worked out with the decision: every decision the service works out
    # is written as an answer, and a remembered decision then holds only the changes, not the
    # situation they were read from (docs/performance.md, worker RSS).
    what_would_change: tuple[Change, ...] | None = field(default=None, compare=False)
