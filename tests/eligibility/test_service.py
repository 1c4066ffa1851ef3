"""The answers the service writes are byte for byte what the response models serialize to.

The service writes JSON itself for speed (eligibility/service.py); the contract is still
`EligibilityResponse` and `EligibilityAllResponse`. Here each answer is also built as those
models and serialized the way FastAPI serializes a `response_model`, and the bytes compared.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from pydantic import TypeAdapter

from insatser_api.catalog.registry import CatalogRegistry, CatalogVersion
from insatser_api.eligibility.schemas import (
    ConditionOut,
    ConsentOut,
    DocumentationOut,
    EligibilityAllResponse,
    EligibilityResponse,
    StayLimitOut,
    Summary,
)
from insatser_api.eligibility.schemas import TargetGroupOut as TargetGroupModel
from insatser_api.eligibility.service import answer_json, screening_json
from insatser_api.rules import Decision, Outcome, Situation
from insatser_api.rules.situation import NOT_FOLKBOKFORD, FactValue, HistoryItem

ONE = TypeAdapter(EligibilityResponse)
ALL = TypeAdapter(EligibilityAllResponse)


def model_of(version: CatalogVersion, decision: Decision) -> EligibilityResponse:
    documentation = version.compiled.insatser[decision.insats_id].documentation
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
        target_group=TargetGroupModel(
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


def summary_of(version: CatalogVersion, decisions: list[Decision]) -> Summary:
    def having(outcome: Outcome) -> list[str]:
        return [d.insats_id for d in decisions if d.outcome is outcome]

    return Summary(
        eligible=having(Outcome.ELIGIBLE),
        requires_guardian_consent=having(Outcome.REQUIRES_GUARDIAN_CONSENT),
        needs_information=having(Outcome.NEEDS_INFORMATION),
        not_eligible=having(Outcome.NOT_ELIGIBLE),
        missing_facts=version.compiled.ordered_facts(k for d in decisions for k in d.missing_facts),
        outside_target_group=[
            d.insats_id
            for d in decisions
            if d.outcome in (Outcome.ELIGIBLE, Outcome.REQUIRES_GUARDIAN_CONSENT)
            and d.target_group.applicant_outside
        ],
    )


def situations() -> list[Situation]:
    found = []
    for age, folkbokford, consent, history, as_of in itertools.product(
        (None, 10, 15, 17, 30, 70),
        (None, "2380", "0180", NOT_FOLKBOKFORD),
        (None, True, False),
        (None, (), (HistoryItem("cra", None, dt.date(2026, 5, 31)),)),
        (dt.date(2026, 11, 20), dt.date(2026, 12, 23)),
    ):
        facts: dict[str, FactValue] = {"child.age": 4, "child.participates": consent is True}
        if age is not None:
            facts["applicant.age"] = age
        if folkbokford is not None:
            facts["applicant.folkbokford_kommunkod"] = folkbokford
        found.append(
            Situation(
                as_of=as_of,
                facts=facts,
                history=history,
                stay_until=as_of + dt.timedelta(days=5) if age == 30 else None,
                guardian_consent=consent,
            )
        )
    return found


@pytest.fixture(scope="module")
def version(registry: CatalogRegistry) -> CatalogVersion:
    return registry.versions[-1]


@pytest.mark.parametrize("situation", situations())
def test_json_equals_the_response_models(version: CatalogVersion, situation: Situation) -> None:
    decisions = version.compiled.judge_all(situation)
    for decision in decisions:
        expected = ONE.dump_json(model_of(version, decision))
        assert answer_json(version, decision) == expected
        assert answer_json(version, decision) == expected  # written once, then reused
    everything = EligibilityAllResponse(
        catalog_version=version.version,
        as_of=situation.as_of,
        results=[model_of(version, d) for d in decisions],
        summary=summary_of(version, decisions),
    )
    assert screening_json(version, situation.as_of, decisions) == ALL.dump_json(everything)


def test_a_subset_keeps_its_order(version: CatalogVersion) -> None:
    situation = Situation(as_of=dt.date(2026, 11, 20), facts={"applicant.age": 12})
    decisions = version.compiled.judge_all(situation, ["bubblan", "cra", "akutboendet"])
    written = ALL.validate_json(screening_json(version, situation.as_of, decisions))
    assert [r.insats_id for r in written.results] == ["bubblan", "cra", "akutboendet"]
    assert written.summary.not_eligible == ["cra", "akutboendet"]
