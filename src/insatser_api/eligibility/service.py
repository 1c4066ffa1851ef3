"""Judging requests against the catalogue in force and shaping the answers."""

from __future__ import annotations

from collections.abc import Sequence

from insatser_api.catalog.registry import CatalogVersion
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
from insatser_api.rules.engine import CompiledInsats


def to_response(
    version: CatalogVersion, decision: Decision, insats: CompiledInsats
) -> EligibilityResponse:
    documentation = insats.documentation
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
        information=decision.information,
    )


def summarize(version: CatalogVersion, decisions: Sequence[Decision]) -> Summary:
    by_outcome: dict[Outcome, list[str]] = {outcome: [] for outcome in Outcome}
    for decision in decisions:
        by_outcome[decision.outcome].append(decision.insats_id)
    may_take_part = (Outcome.ELIGIBLE, Outcome.REQUIRES_GUARDIAN_CONSENT)
    return Summary(
        eligible=by_outcome[Outcome.ELIGIBLE],
        requires_guardian_consent=by_outcome[Outcome.REQUIRES_GUARDIAN_CONSENT],
        needs_information=by_outcome[Outcome.NEEDS_INFORMATION],
        not_eligible=by_outcome[Outcome.NOT_ELIGIBLE],
        missing_facts=version.compiled.ordered_facts(
            key for d in decisions for key in d.missing_facts
        ),
        outside_target_group=[
            d.insats_id
            for d in decisions
            if d.outcome in may_take_part and d.target_group.applicant_outside
        ],
    )
