"""The outcome rule: from the answers of an insats' parts to its decision (rules.md, Outcomes).

This is the one place the law's outcome is written. Everything faster (the memos in engine.py)
remembers what `decide` returned; tests/rules/test_memo.py checks that a remembered answer is
the answer `decide` gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from insatser_api.rules.changes import eligible_at_age, what_would_change
from insatser_api.rules.facts import FactKey
from insatser_api.rules.results import (
    ConditionResult,
    ConsentResult,
    Decision,
    Outcome,
    Status,
    StayLimitResult,
)
from insatser_api.rules.situation import Situation

if TYPE_CHECKING:
    from insatser_api.rules.engine import CompiledInsats


def decide(insats: CompiledInsats, situation: Situation) -> Decision:
    """May the person take part in `insats` on `situation.as_of`?

    - not_eligible: a villkor is not met, or the vårdnadshavare has refused a consent that is
      needed (21 kap. 2 § SoL). Nothing is asked for: no fact could change the answer.
    - needs_information: nothing is unmet but something is unknown; the answer names exactly
      the missing facts. The age is one of them when consent could be needed and no age is
      known, unless consent is given anyway (rules.md, Edge decisions: Unknown age).
    - requires_guardian_consent: every villkor met; the person is a child who needs consent and
      the request does not say it was given.
    - eligible: every villkor met and any consent needed is given.

    The målgrupp note is carried but decides nothing (bilagan avsnitt 1). A refusal carries the
    information of 11 kap. 6 § SoL; Akutboendet's answer carries the stay limit of its villkor.
    Where a villkor is not met, consent could not decide the answer and is not shown as required
    (rules.md, Edge decisions). A refusal or a question carries what would change it, read off
    the villkor's results (rules/changes.py).

    Parts equal to those of an earlier decision on the insats are that decision's objects
    (`insats.share`): a remembered decision holds references, not copies.
    """
    conditions = insats.share(tuple([c.evaluate(situation) for c in insats.conditions]))
    consent = insats.consent.evaluate(situation)
    target_group = insats.target_group.evaluate(situation)

    missing: tuple[FactKey, ...] = ()
    if any(result.status is Status.NOT_MET for result in conditions):
        outcome = Outcome.NOT_ELIGIBLE
        # Consent could not decide this answer, so it is not shown as required.
        consent = insats.consent.not_deciding(consent.given)
    elif consent.refused:
        outcome = Outcome.NOT_ELIGIBLE
    else:
        missing = _missing_facts(conditions, consent)
        if missing:
            outcome = Outcome.NEEDS_INFORMATION
        elif consent.required and consent.given is not True:
            outcome = Outcome.REQUIRES_GUARDIAN_CONSENT
        else:
            outcome = Outcome.ELIGIBLE

    stay_limit = None
    if insats.stay_limit_index is not None:
        limiting = conditions[insats.stay_limit_index]
        stay_limit = insats.share(StayLimitResult(limiting.stay_limit, limiting.message))
    changes = None
    at_age = None
    if outcome in (Outcome.NOT_ELIGIBLE, Outcome.NEEDS_INFORMATION):
        changes = insats.share(what_would_change(insats, situation, conditions))
    if outcome is Outcome.NOT_ELIGIBLE and not consent.refused:
        at_age = eligible_at_age(insats, situation, conditions)
    return Decision(
        insats_id=insats.id,
        catalog_version=insats.catalog_version,
        as_of=situation.as_of,
        outcome=outcome,
        conditions=conditions,
        missing_facts=missing,
        consent=consent,
        target_group=target_group,
        stay_limit=stay_limit,
        information=insats.information if outcome is Outcome.NOT_ELIGIBLE else None,
        eligible_at_age=at_age,
        what_would_change=changes,
    )


def _missing_facts(
    conditions: tuple[ConditionResult, ...], consent: ConsentResult
) -> tuple[FactKey, ...]:
    """The facts the unknown villkor lack, each once in the villkor's order; then the age, when
    whether consent is needed depends on it and consent is not given."""
    missing = dict.fromkeys(
        key for result in conditions if result.status is Status.UNKNOWN for key in result.missing
    )
    if consent.required is None and consent.given is not True:
        missing.setdefault(FactKey.APPLICANT_AGE)
    return tuple(missing)
