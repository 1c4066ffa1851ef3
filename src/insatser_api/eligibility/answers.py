"""The rules layer's decisions as answers: JSON bytes for the endpoints, response models for
callers in the same process.

The endpoints write their answers straight to JSON with orjson (`answer_json`,
`screening_json`) rather than build the response models and have them serialized; the bytes
are exactly what `to_response` and `summarize` serialize to (field order, omitted fields,
dates), which tests/eligibility/test_answers.py checks.

`_answer` is the one definition of an answer's shape. Its parts (the villkor's results, the
consent, the målgrupp, the documentation, …) are few distinct values however many people ask,
so the JSON writer keeps each part's JSON, keyed on the values the part is read from, and
assembles an answer from them (docs/performance.md); the response models take the same parts
as plain values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Protocol

import orjson

from insatser_api.catalog.registry import CatalogVersion
from insatser_api.catalog.vardkedja import vardkedja_of
from insatser_api.eligibility.schemas import EligibilityResponse, Summary
from insatser_api.rules import ConditionResult, Decision, Outcome
from insatser_api.rules.changes import eligible_from

# One part of an answer, from the catalogue version and the decision.
Build = Callable[[CatalogVersion, Decision], object]
# One item of a part that is a list (a villkor's result), from the item alone.
BuildItem = Callable[[Any], object]

# Distinct values kept per part and catalogue version; past that a part is written per call.
PARTS_KEPT = 4_096
# Catalogue versions whose parts are kept (a reload brings new ones; the old are let go).
VERSIONS_KEPT = 8


class Parts(Protocol):
    version: CatalogVersion

    def __call__(self, build: Build, decision: Decision, key: Hashable) -> object:
        """The part `build` makes of `decision`; `key` is what the part reads of it."""

    def each(self, build: BuildItem, items: Sequence[Hashable]) -> list[object]:
        """The part `build` makes of each of `items`, in a list."""


class _Built:
    """Each part built as plain values (for the response models)."""

    def __init__(self, version: CatalogVersion) -> None:
        self.version = version

    def __call__(self, build: Build, decision: Decision, key: Hashable) -> object:
        return build(self.version, decision)

    def each(self, build: BuildItem, items: Sequence[Hashable]) -> list[object]:
        return [build(item) for item in items]


class _Written:
    """Each part's JSON, written the first time its key is seen in this catalogue version."""

    def __init__(self, version: CatalogVersion) -> None:
        self.version = version
        self.memos: dict[Build | BuildItem, dict[Hashable, orjson.Fragment]] = {}

    def __call__(self, build: Build, decision: Decision, key: Hashable) -> object:
        memo = self._memo(build)
        written = memo.get(key)
        if written is None:
            written = _fragment(build(self.version, decision))
            if len(memo) < PARTS_KEPT:
                memo[key] = written
        return written

    def each(self, build: BuildItem, items: Sequence[Hashable]) -> list[object]:
        # Kept per item, not per list: the villkor's results are a few thousand shared values
        # on distinct people, their combinations (a history names its days) many more, and
        # each combination's JSON a few kB (docs/performance.md, worker RSS).
        memo = self._memo(build)
        found: list[object] = []
        for item in items:
            written = memo.get(item)
            if written is None:
                written = _fragment(build(item))
                if len(memo) < PARTS_KEPT:
                    memo[item] = written
            found.append(written)
        return found

    def _memo(self, build: Build | BuildItem) -> dict[Hashable, orjson.Fragment]:
        memo = self.memos.get(build)
        if memo is None:
            memo = self.memos[build] = {}
        return memo


def _fragment(value: object) -> orjson.Fragment:
    """`value`'s JSON, to keep. Copied to its own length: the bytes orjson returns hold the
    whole buffer it wrote into (4 kB however short the JSON; docs/performance.md, worker RSS)."""
    return orjson.Fragment(memoryview(orjson.dumps(value)).tobytes())


# By the digest of the catalogue version's file: a version edited in place is a new digest.
_writers: dict[str, _Written] = {}


def _written_parts(version: CatalogVersion) -> _Written:
    writer = _writers.get(version.digest)
    if writer is None or writer.version is not version:
        if len(_writers) >= VERSIONS_KEPT:
            _writers.clear()
        writer = _writers[version.digest] = _Written(version)
    return writer


def answer_json(
    version: CatalogVersion, decision: Decision, birth_date: dt.date | None = None
) -> bytes:
    """One answer (`EligibilityResponse`) as JSON. A refusal the person grows out of carries
    `eligible_from`, worked out from the birth date."""
    eligible = eligible_from(decision.eligible_at_age, birth_date)
    return orjson.dumps(_answer(decision, eligible, _written_parts(version)))


def screening_json(
    version: CatalogVersion,
    as_of: dt.date,
    decisions: Sequence[Decision],
    birth_date: dt.date | None = None,
) -> bytes:
    """The answer of `POST /v1/eligibility` (`EligibilityAllResponse`) as JSON."""
    parts = _written_parts(version)
    results = [_answer(d, eligible_from(d.eligible_at_age, birth_date), parts) for d in decisions]
    return orjson.dumps(
        {
            "catalog_version": version.version,
            "as_of": as_of,
            "results": results,
            "summary": _summary(version, decisions),
        }
    )


def _answer(decision: Decision, eligible: dt.date | None, part: Parts) -> dict[str, Any]:
    # Keys in the order of EligibilityResponse's fields; `stay_limit`, `eligible_from`,
    # `what_would_change` and the documentation's `decision` are left out when None, as their
    # `exclude_if` says.
    asks = (decision.insats_id, decision.outcome, decision.missing_facts, decision.consent.asks)
    answer: dict[str, Any] = {
        "insats_id": decision.insats_id,
        "catalog_version": decision.catalog_version,
        "as_of": decision.as_of,
        "outcome": decision.outcome.value,
        "conditions": part.each(_condition, decision.conditions),
        "missing_facts": part(_missing_facts, decision, decision.missing_facts),
        "next_questions": part(_next_questions, decision, asks),
        "consent": part(_consent, decision, decision.consent),
        "target_group": part(_target_group, decision, decision.target_group),
        "documentation": part(_documentation, decision, decision.insats_id),
    }
    if decision.stay_limit is not None:
        answer["stay_limit"] = {
            "until": decision.stay_limit.until,
            "message": decision.stay_limit.message,
        }
    if eligible is not None:
        answer["eligible_from"] = eligible
    changes = decision.what_would_change
    if changes is not None:
        answer["what_would_change"] = part(_what_would_change, decision, changes)
    if decision.outcome is Outcome.ELIGIBLE:
        successors = vardkedja_of(part.version.catalog).successors_json.get(decision.insats_id)
        if successors:
            answer["successors"] = list(successors)
    answer["information"] = decision.information
    return answer


def _condition(c: ConditionResult) -> dict[str, Any]:
    return {"code": c.code, "status": c.status.value, "message": c.message, "source": c.source}


def _missing_facts(version: CatalogVersion, decision: Decision) -> list[str]:
    return version.compiled.ordered_facts(decision.missing_facts)


def _next_questions(version: CatalogVersion, decision: Decision) -> list[dict[str, Any]]:
    return _questions(version, (decision,))


def _consent(_: CatalogVersion, decision: Decision) -> dict[str, Any]:
    consent = decision.consent
    return {
        "required": consent.required,
        "given": consent.given,
        "basis": consent.basis,
        "message": consent.message,
    }


def _target_group(_: CatalogVersion, decision: Decision) -> dict[str, Any]:
    target_group = decision.target_group
    return {
        "text": target_group.text,
        "applicant_outside": target_group.applicant_outside,
        "note": target_group.note,
    }


def _documentation(version: CatalogVersion, decision: Decision) -> dict[str, Any]:
    documentation = version.insatser[decision.insats_id].documentation
    written: dict[str, Any] = {
        "mode": documentation.mode.value,
        "legal_basis": documentation.legal_basis,
        "text": documentation.text,
    }
    if documentation.decision is not None:
        written["decision"] = documentation.decision
    return written


def _what_would_change(_: CatalogVersion, decision: Decision) -> list[dict[str, Any]]:
    return [
        {"codes": list(change.codes), "message": change.message}
        for change in decision.what_would_change or ()
    ]


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
    return EligibilityResponse.model_validate(_answer(decision, eligible, _Built(version)))


def summarize(version: CatalogVersion, decisions: Sequence[Decision]) -> Summary:
    """A screening's summary as the response model, for callers in the same process."""
    return Summary.model_validate(_summary(version, decisions))
