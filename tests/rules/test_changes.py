"""what_would_change and eligible_from, read off the villkor's results (rules/changes.py)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

import pytest

from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.rules import Outcome, Situation, Status
from insatser_api.rules.changes import eligible_from

AS_OF = dt.date(2026, 11, 20)


def situations() -> list[Situation]:
    found = []
    for age, folkbokford, history, consent in itertools.product(
        (None, 5, 10, 16, 17, 19, 30, 70),
        (None, "2380", "0180", "none"),
        (None, ()),
        (None, True, False),
    ):
        facts: dict[str, object] = {}
        if age is not None:
            facts["applicant.age"] = age
        if folkbokford is not None:
            facts["applicant.folkbokford_kommunkod"] = folkbokford
        found.append(Situation.from_facts(AS_OF, facts, history=history, guardian_consent=consent))
    return found


@pytest.mark.parametrize("situation", situations())
def test_changes_appear_exactly_where_api_md_says(
    registry: CatalogRegistry, situation: Situation
) -> None:
    for decision in registry.versions[0].compiled.judge_all(situation):
        asks = decision.outcome in (Outcome.NOT_ELIGIBLE, Outcome.NEEDS_INFORMATION)
        assert (decision.what_would_change is not None) is asks
        for change in decision.what_would_change or ():
            assert change.message.startswith("Om ")
            assert "yngre" not in change.message
            unmet = {c.code for c in decision.conditions if c.status is not Status.MET}
            # Every villkor not met is in every change (only an any_of names its part).
            assert len(unmet - set(change.codes)) <= 1


@pytest.mark.parametrize("situation", situations())
def test_eligible_at_age_meets_every_villkor(
    registry: CatalogRegistry, situation: Situation
) -> None:
    compiled = registry.versions[0].compiled
    for decision in compiled.judge_all(situation):
        if decision.eligible_at_age is None:
            continue
        assert decision.outcome is Outcome.NOT_ELIGIBLE
        older = replace(
            situation, applicant=replace(situation.applicant, age=decision.eligible_at_age)
        )
        later = compiled.insatser[decision.insats_id].decide(older)
        assert all(c.status is Status.MET for c in later.conditions)


def test_too_old_has_nothing_to_change(registry: CatalogRegistry) -> None:
    situation = Situation.from_facts(
        AS_OF, {"applicant.age": 70, "applicant.folkbokford_kommunkod": "2380"}
    )
    decision = registry.versions[0].compiled.insatser["arbetsmarknadsinsatser"].judge(situation)
    assert decision.what_would_change == ()
    assert decision.eligible_at_age is None


@pytest.mark.parametrize(
    ("birth_date", "age", "expected"),
    [
        (dt.date(2010, 5, 17), 18, dt.date(2028, 5, 17)),
        (dt.date(2008, 2, 29), 18, dt.date(2026, 2, 28)),
        (dt.date(2008, 2, 29), 20, dt.date(2028, 2, 29)),
        (None, 18, None),
        (dt.date(2010, 5, 17), None, None),
    ],
)
def test_eligible_from_is_the_birthday(
    birth_date: dt.date | None, age: int | None, expected: dt.date | None
) -> None:
    assert eligible_from(age, birth_date) == expected
