"""The fast paths of the rules layer answer exactly as the straightforward way does.

`CompiledInsats.decide` remembers the outcome and the Decision per combination of component
results (keyed on their ids), the consent rule and the målgrupp look answers up by the value
they read, `AnyOf` remembers its answer by its parts' results, and one-fact conditions look
plain values up directly (rules/engine.py, consent.py, target_group.py, conditions.py). Here
every decision is compared with one worked out by `reference_decide`, which follows the rules
case by case with none of those shortcuts, over many situations (odd value types included),
one after another so the memos fill, and again with memos so small they are cleared or full
all the time (the path where an id could be reused if an entry did not keep its objects alive).
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insatser_api.catalog.loader import load_catalog
from insatser_api.rules import compile_catalog, conditions, consent, deciding, target_group
from insatser_api.rules.conditions import (
    APPLICANT_AGE,
    AgeRange,
    AnyOf,
    Condition,
    EarlierInsats,
    InKommun,
    _OneFact,
)
from insatser_api.rules.decision import (
    ConditionResult,
    Decision,
    Outcome,
    Status,
    StayLimitResult,
)
from insatser_api.rules.engine import CompiledCatalog, CompiledInsats
from insatser_api.rules.situation import NOT_FOLKBOKFORD, FactValue, HistoryItem, Situation

CATALOG_FILE = Path(__file__).resolve().parents[2] / "catalog" / "ostersund" / "2025-07-01.yaml"
D = dt.date


def reference_condition(condition: Condition, situation: Situation) -> ConditionResult:
    """A condition's result built afresh, without its memos."""
    if isinstance(condition, AgeRange):
        age = situation.facts.get(APPLICANT_AGE)
        if not isinstance(age, int) or isinstance(age, bool):
            return condition._unknown
        return condition._judge(age)
    if isinstance(condition, _OneFact):
        value = situation.facts.get(condition.fact)
        return condition._unknown if value is None else condition._judge(value)
    if isinstance(condition, AnyOf):
        return condition._combine(
            tuple(reference_condition(part, situation) for part in condition.parts)
        )
    return condition.evaluate(situation)  # EarlierInsats, StayLimit: no fast path


def reference_decide(insats: CompiledInsats, situation: Situation) -> Decision:
    """The decision as the rules state it (rules.md), every part worked out afresh."""
    results = tuple(reference_condition(c, situation) for c in insats.conditions)
    consent_result = insats.consent._evaluate_afresh(situation)
    statuses = {r.status for r in results}
    missing: tuple[str, ...] = ()
    if Status.NOT_MET in statuses or (
        consent_result.required is True and consent_result.given is False
    ):
        outcome = Outcome.NOT_ELIGIBLE
    else:
        if Status.UNKNOWN in statuses:
            missing = tuple(dict.fromkeys(k for r in results for k in r.missing))
        if (
            consent_result.required is None
            and consent_result.given is not True
            and APPLICANT_AGE not in missing
        ):
            missing = (*missing, APPLICANT_AGE)
        if missing:
            outcome = Outcome.NEEDS_INFORMATION
        elif consent_result.required and consent_result.given is not True:
            outcome = Outcome.REQUIRES_GUARDIAN_CONSENT
        else:
            outcome = Outcome.ELIGIBLE
    stay_limit = None
    if insats.stay_limit_index is not None:
        limiting = results[insats.stay_limit_index]
        stay_limit = StayLimitResult(limiting.stay_limit, limiting.message)
    return Decision(
        insats_id=insats.id,
        catalog_version=insats.catalog_version,
        as_of=situation.as_of,
        outcome=outcome,
        conditions=results,
        missing_facts=missing,
        consent=consent_result,
        target_group=insats.target_group._evaluate_afresh(situation),
        stay_limit=stay_limit,
        information=insats.information if outcome is Outcome.NOT_ELIGIBLE else None,
    )


# Values a request may carry for each fact, the odd ones too (a bool where an age belongs, an
# int where a kommunkod belongs, a number where a yes/no belongs), so that every fast path's
# type check is crossed both ways.
AGES: tuple[FactValue | None, ...] = (None, 0, 1, 6, 14, 15, 17, 18, 20, 66, 99, True, False, "5")
KOMMUNER: tuple[FactValue | None, ...] = (None, "2380", "0180", NOT_FOLKBOKFORD, 2380)
YES_NO: tuple[FactValue | None, ...] = (None, True, False, 1, 0)
CHILDREN: tuple[dict[str, FactValue], ...] = (
    {},
    {"child.age": 5, "child.folkbokford_kommunkod": "2380", "child.participates": True},
    {"child.age": 19, "child.folkbokford_kommunkod": "0180", "child.participates": False},
    {"child.age": True, "child.participates": 1},
)


def _situations() -> list[Situation]:
    situations = []
    for age, kommun, yes_no, child, consent_given, as_of in itertools.product(
        AGES, KOMMUNER, YES_NO, CHILDREN, (None, True, False), (D(2026, 3, 13), D(2026, 12, 23))
    ):
        facts: dict[str, FactValue] = dict(child)
        if age is not None:
            facts["applicant.age"] = age
        if kommun is not None:
            facts["applicant.folkbokford_kommunkod"] = kommun
            facts["facts.placed_outside_home_in_kommunkod"] = kommun
        if yes_no is not None:
            facts["facts.had_bostad_forst"] = yes_no
            facts["facts.has_cra_behandlare"] = yes_no
            facts["facts.completed_12_step_primary"] = yes_no
        history = None
        if consent_given is False:
            history = (HistoryItem("cra", None, as_of - dt.timedelta(days=200)),)
        situations.append(
            Situation(
                as_of=as_of,
                facts=facts,
                history=history,
                stay_until=as_of + dt.timedelta(days=4) if consent_given is True else None,
                guardian_consent=consent_given,
            )
        )
    return situations


SITUATIONS = _situations()


def _catalog() -> CompiledCatalog:
    return compile_catalog(load_catalog(CATALOG_FILE).catalog)  # fresh memos


def _check_every_insats(catalog: CompiledCatalog, situations: list[Situation]) -> None:
    for situation in situations:
        for insats in catalog.insatser.values():
            assert insats.decide(situation) == reference_decide(insats, situation), (
                insats.id,
                situation,
            )


def test_decide_equals_the_reference() -> None:
    catalog = _catalog()
    _check_every_insats(catalog, SITUATIONS)
    _check_every_insats(catalog, SITUATIONS)  # the second time from the memos


def test_decide_equals_the_reference_with_tiny_memos(monkeypatch: pytest.MonkeyPatch) -> None:
    # Memos of one or two entries: cleared or full on almost every call, so most results are
    # built per call and freed soon after, and ids are reused all the time.
    monkeypatch.setattr(deciding, "COMBINATION_LIMIT", 2)
    for module in (conditions, consent, target_group):
        monkeypatch.setattr(module, "MEMO_LIMIT", 1)
    catalog = _catalog()
    _check_every_insats(catalog, SITUATIONS[::3])
    gc.collect()
    _check_every_insats(catalog, SITUATIONS[1::3])
    for insats in catalog.insatser.values():
        memos = insats._decider
        assert len(memos.combinations) <= 2
        assert len(memos.every_part) <= 2
        assert len(memos.by_age) <= 1
        assert len(insats.consent._by_value) <= 1
        assert len(insats.target_group._by_age) <= 1
        for condition in insats.conditions:
            if isinstance(condition, AnyOf):
                assert len(condition._by_parts) <= 1


def test_a_remembered_combination_is_shared_and_a_new_day_is_not() -> None:
    cra = _catalog().insatser["cra"]
    facts: dict[str, FactValue] = {"applicant.age": 30, "applicant.folkbokford_kommunkod": "2380"}
    first = cra.decide(Situation(as_of=D(2026, 3, 16), facts=facts))
    assert cra.decide(Situation(as_of=D(2026, 3, 16), facts=dict(facts))) is first
    other_day = cra.decide(Situation(as_of=D(2026, 3, 17), facts=facts))
    assert other_day is not first
    assert other_day.as_of == D(2026, 3, 17)


def test_the_combination_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deciding, "COMBINATION_LIMIT", 5)
    cra = _catalog().insatser["cra"]
    for age in range(40):
        situation = Situation(as_of=D(2026, 3, 16), facts={"applicant.age": age})
        assert cra.decide(situation) == reference_decide(cra, situation)
    assert len(cra._decider.combinations) <= 5


CATALOG = _catalog()
FACT_KEYS = sorted(
    {
        key
        for insats in CATALOG.insatser.values()
        for condition in insats.conditions
        for key in condition.fact_keys
        if key not in ("history", "stay_until")
    }
    | {"applicant.age", "child.age", "child.participates"}
)
odd_values = (
    st.booleans()
    | st.integers(min_value=-1, max_value=130)
    | st.sampled_from(["2380", "0180", NOT_FOLKBOKFORD, "ja", "17"])
)


@st.composite
def situations(draw: st.DrawFn) -> Situation:
    as_of = draw(st.dates(min_value=D(2025, 7, 1), max_value=D(2027, 12, 31)))
    known = draw(st.lists(st.sampled_from(FACT_KEYS), unique=True))
    history = draw(
        st.none()
        | st.lists(
            st.builds(
                HistoryItem,
                insats_id=st.none() | st.sampled_from(sorted(CATALOG.insatser)),
                enhet=st.none() | st.sampled_from(["Nexus", "Familjestöd Bryggan"]),
                ended_on=st.dates(min_value=as_of - dt.timedelta(days=800), max_value=as_of),
            ),
            max_size=2,
        ).map(tuple)
    )
    return Situation(
        as_of=as_of,
        facts={key: draw(odd_values) for key in known},
        history=history,
        stay_until=draw(st.none() | st.dates(min_value=as_of, max_value=as_of + dt.timedelta(10))),
        guardian_consent=draw(st.none() | st.booleans()),
    )


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(situations(), min_size=1, max_size=5))
def test_decide_equals_the_reference_for_generated_situations(people: list[Situation]) -> None:
    # CATALOG is shared between examples, so its memos fill as they run.
    for situation in people:
        for insats in CATALOG.insatser.values():
            assert insats.decide(situation) == reference_decide(insats, situation)


def test_any_of_keeps_the_parts_results_its_memo_is_keyed_on() -> None:
    # EarlierInsats builds a new result on every call, naming the day the insats ended; were
    # those results not kept alive by the memo entry, a later one could take a freed one's id
    # and be answered with the earlier day.
    earlier = EarlierInsats("tidigare", "Tidigare CRA", "4.2", ["cra"], [], 1, {"cra": "Nexus"})
    kommun = InKommun("kommun", "Folkbokförd", "4.2", "applicant.folkbokford_kommunkod", "2380")
    any_of = AnyOf("endera", "Något av villkoren", "4.2", [earlier, kommun])
    as_of = D(2026, 3, 16)
    for days in range(1, 300):
        situation = Situation(
            as_of=as_of,
            facts={"applicant.folkbokford_kommunkod": "0180"},
            history=(HistoryItem("cra", None, as_of - dt.timedelta(days=days)),),
        )
        expected = any_of._combine((earlier.evaluate(situation), kommun.evaluate(situation)))
        assert any_of.evaluate(situation) == expected


def test_a_compiled_catalogue_is_freed_without_the_cycle_collector() -> None:
    # `decide` holds the parts it needs, not its insats: were there a reference cycle, every
    # replaced catalogue would wait, memos and all, for a full collection (slow, and it would
    # land in whatever request happens to trigger it).
    catalog_spec = load_catalog(CATALOG_FILE).catalog
    gc.collect()
    gc.disable()
    try:
        catalog = compile_catalog(catalog_spec)
        for situation in SITUATIONS[:300]:
            catalog.judge_all(situation)
        del catalog
        assert gc.collect() == 0
    finally:
        gc.enable()
