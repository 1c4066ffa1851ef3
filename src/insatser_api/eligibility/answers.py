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
from insatser_api.catalog.vardkedja import Successor, successors_of, vardkedja_of
from insatser_api.eligibility.schemas import (
    ConditionOut,
    ConsentOut,
    DocumentationOut,
    EligibilityResponse,
    StayLimitOut,
    Summary,
    TargetGroupOut,
)
from insatser_api.rules import Decision, Outcome

# Answers already written, by decision; emptied when full, which bounds its memory.
WRITTEN_LIMIT = 4_096
_written: dict[Decision, bytes] = {}


def answer_json(version: CatalogVersion, decision: Decision) -> bytes:
    """One answer (`EligibilityResponse`) as JSON."""
    written = _written.get(decision)
    if written is None:
        if len(_written) >= WRITTEN_LIMIT:
            _written.clear()
        written = _written[decision] = orjson.dumps(_answer(version, decision))
    return written


def screening_json(version: CatalogVersion, as_of: dt.date, decisions: Sequence[Decision]) -> bytes:
    """The answer of `POST /v1/eligibility` (`EligibilityAllResponse`) as JSON."""
    return orjson.dumps(
        {
            "catalog_version": version.version,
            "as_of": as_of,
            "results": [orjson.Fragment(answer_json(version, d)) for d in decisions],
            "summary": _summary(version, decisions),
        }
    )


def _answer(version: CatalogVersion, decision: Decision) -> dict[str, Any]:
    # Keys in the order of EligibilityResponse's fields; `stay_limit` and the documentation's
    # `decision` are left out when None, as their `exclude_if` says.
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
    if decision.outcome is Outcome.ELIGIBLE:
        successors = vardkedja_of(version.catalog).successors_json.get(decision.insats_id)
        if successors:
            answer["successors"] = list(successors)
    answer["information"] = decision.information
    return answer


def _summary(version: CatalogVersion, decisions: Sequence[Decision]) -> dict[str, list[str]]:
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
        "outside_target_group": [
            d.insats_id
            for d in decisions
            if d.outcome in may_take_part and d.target_group.applicant_outside
        ],
    }


def to_response(version: CatalogVersion, decision: Decision) -> EligibilityResponse:
    """One answer as the response model, for callers in the same process."""
    documentation = version.insatser[decision.insats_id].documentation
    return EligibilityResponse(
        insats_id=decision.insats_id,
        catalog_version=decision.catalog_version,
        as_of=decision.as_of,
        outcome=decision.outcome,
        conditions=[
            ConditionOut(code=c.code, status=c.status, message=c.message, source=c.source)
            for c in decision.conditions
        ],
        missing_facts=version.compiled.ordered_facts(decision.missing_facts),
        consent=ConsentOut(
            required=decision.consent.required,
            given=decision.consent.given,
            basis=decision.consent.basis,
            message=decision.consent.message,
        ),
        target_group=TargetGroupOut(
            text=decision.target_group.text,
            applicant_outside=decision.target_group.applicant_outside,
            note=decision.target_group.note,
        ),
        documentation=DocumentationOut(
            mode=documentation.mode,
            legal_basis=documentation.legal_basis,
            text=documentation.text,
            decision=documentation.decision,
        ),
        stay_limit=(
            StayLimitOut(until=decision.stay_limit.until, message=decision.stay_limit.message)
            if decision.stay_limit is not None
            else None
        ),
        successors=_successors(version, decision),
        information=decision.information,
    )


def _successors(version: CatalogVersion, decision: Decision) -> list[Successor] | None:
    """What an eligible insats opens next in the vårdkedja; None when nothing or not eligible."""
    if decision.outcome is not Outcome.ELIGIBLE:
        return None
    return successors_of(version.catalog, decision.insats_id) or None


def summarize(version: CatalogVersion, decisions: Sequence[Decision]) -> Summary:
    """A screening's summary as the response model, for callers in the same process."""
    return Summary(**_summary(version, decisions))
