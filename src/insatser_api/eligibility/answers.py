"""The rules layer's decisions as answers: JSON bytes for the endpoints, response models for
callers in the same process.

The endpoints write their answers straight to JSON with orjson (`answer_json`,
`screening_json`) rather than build the response models and have them serialized; the bytes
are exactly what `to_response` and `summarize` serialize to (field order, omitted fields,
dates), which tests/eligibility/test_answers.py checks. People who agree on what an insats reads
get the same decision (rules/engine.py), so each decision's JSON is written once and kept,
keyed on the decision itself (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import orjson

from insatser_api.catalog.registry import CatalogVersion
from insatser_api.catalog.vardkedja import vardkedja_of
from insatser_api.eligibility.schemas import EligibilityResponse, Summary
from insatser_api.rules import Decision, Outcome
from insatser_api.rules.changes import eligible_from
from insatser_api.rules.results import Change

# Answers already written, by decision and what would change it (decisions that compare equal
# may come from people whom different changes would help); emptied when full, which bounds its
# memory.
WRITTEN_LIMIT = 4_096
_written: dict[tuple[Decision, tuple[Change, ...] | None], bytes] = {}


def answer_json(
    version: CatalogVersion, decision: Decision, birth_date: dt.date | None = None
) -> bytes:
    """One answer (`EligibilityResponse`) as JSON. A refusal the person grows out of carries
    `eligible_from`, worked out from the birth date: that answer is the person's own and is
    written afresh, not kept."""
    eligible = eligible_from(decision.eligible_at_age, birth_date)
    if eligible is not None:
        return orjson.dumps(_answer(version, decision, eligible))
    key = (decision, decision.what_would_change)
    written = _written.get(key)
    if written is None:
        if len(_written) >= WRITTEN_LIMIT:
            _written.clear()
        written = _written[key] = orjson.dumps(_answer(version, decision))
    return written


def screening_json(
    version: CatalogVersion,
    as_of: dt.date,
    decisions: Sequence[Decision],
    birth_date: dt.date | None = None,
) -> bytes:
    """The answer of `POST /v1/eligibility` (`EligibilityAllResponse`) as JSON."""
    return orjson.dumps(
        {
            "catalog_version": version.version,
            "as_of": as_of,
            "results": [orjson.Fragment(answer_json(version, d, birth_date)) for d in decisions],
            "summary": _summary(version, decisions),
        }
    )


def _answer(
    version: CatalogVersion, decision: Decision, eligible: dt.date | None = None
) -> dict[str, Any]:
    # Keys in the order of EligibilityResponse's fields; `stay_limit`, `eligible_from`,
    # `what_would_change` and the documentation's `decision` are left out when None, as their
    # `exclude_if` says.
    consent = decision.consent
    target_group = decision.target_group
    documentation = version.insatser[decision.insats_id].documentation
    answer: dict[str, Any] = {
        "insats_id": decision.insats_id,
        "catalog_version": decision.catalog_version,
        "as_of": decision.as_of,
        "outcome": decision.outcome.value,
        "conditions": [
            {"code": c.code, "status": c.status.value, "message": c.message, "source": c.source}
            for c in decision.conditions
        ],
        "missing_facts": version.compiled.ordered_facts(decision.missing_facts),
        "next_questions": _questions(version, (decision,)),
        "consent": {
            "required": consent.required,
            "given": consent.given,
            "basis": consent.basis,
            "message": consent.message,
        },
        "target_group": {
            "text": target_group.text,
            "applicant_outside": target_group.applicant_outside,
            "note": target_group.note,
        },
        "documentation": {
            "mode": documentation.mode.value,
            "legal_basis": documentation.legal_basis,
            "text": documentation.text,
        },
    }
    if documentation.decision is not None:
        answer["documentation"]["decision"] = documentation.decision
    if decision.stay_limit is not None:
        answer["stay_limit"] = {
            "until": decision.stay_limit.until,
            "message": decision.stay_limit.message,
        }
    if eligible is not None:
        answer["eligible_from"] = eligible
    if decision.what_would_change is not None:
        answer["what_would_change"] = [
            {"codes": list(change.codes), "message": change.message}
            for change in decision.what_would_change
        ]
    if decision.outcome is Outcome.ELIGIBLE:
        successors = vardkedja_of(version.catalog).successors_json.get(decision.insats_id)
        if successors:
            answer["successors"] = list(successors)
    answer["information"] = decision.information
    return answer


def _questions(version: CatalogVersion, decisions: Sequence[Decision]) -> list[dict[str, Any]]:
    texts = version.catalog.fact_questions
    return [
        {"fact": q.fact.value, "question": texts[q.fact], "decides": list(q.decides)}
        for q in version.compiled.next_questions(decisions)
    ]


def _summary(version: CatalogVersion, decisions: Sequence[Decision]) -> dict[str, Any]:
    by_outcome: dict[Outcome, list[str]] = {outcome: [] for outcome in Outcome}
    for decision in decisions:
        by_outcome[decision.outcome].append(decision.insats_id)
    may_take_part = (Outcome.ELIGIBLE, Outcome.REQUIRES_GUARDIAN_CONSENT)
    return {
        "eligible": by_outcome[Outcome.ELIGIBLE],
        "requires_guardian_consent": by_outcome[Outcome.REQUIRES_GUARDIAN_CONSENT],
        "needs_information": by_outcome[Outcome.NEEDS_INFORMATION],
        "not_eligible": by_outcome[Outcome.NOT_ELIGIBLE],
        "missing_facts": version.compiled.ordered_facts(
            key for d in decisions for key in d.missing_facts
        ),
        "next_questions": _questions(version, decisions),
        "outside_target_group": [
            d.insats_id
            for d in decisions
            if d.outcome in may_take_part and d.target_group.applicant_outside
        ],
    }


def to_response(
    version: CatalogVersion, decision: Decision, birth_date: dt.date | None = None
) -> EligibilityResponse:
    """One answer as the response model, for callers in the same process."""
    eligible = eligible_from(decision.eligible_at_age, birth_date)
    return EligibilityResponse.model_validate(_answer(version, decision, eligible))


def summarize(version: CatalogVersion, decisions: Sequence[Decision]) -> Summary:
    """A screening's summary as the response model, for callers in the same process."""
    return Summary.model_validate(_summary(version, decisions))
