"""Properties of the rules layer over generated situations, for all 28 insatser of the bundled
catalogue (issue 4): answers are deterministic; giving the guardian's consent never turns an
eligible answer into a refusal; adding a missing fact never leaves that fact missing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insatser_api.catalog.compile import compile_catalog
from insatser_api.catalog.loader import load_catalog
from insatser_api.rules import CompiledCatalog, HistoryItem, Outcome, Situation
from insatser_api.rules.facts import NOT_FOLKBOKFORD

CATALOG_FILE = Path(__file__).resolve().parents[2] / "catalog" / "ostersund" / "2025-07-01.yaml"
CATALOG: CompiledCatalog = compile_catalog(load_catalog(CATALOG_FILE).catalog)
INSATS_IDS = sorted(CATALOG.insatser)
ENHETER = sorted({"Nexus", "Familjestöd Bryggan", "Familjelotsen", "Bostad Först"})
HISTORY = "history"
STAY_UNTIL = "stay_until"

# Every fact a condition or a consent rule reads, from the catalogue itself.
FACT_KEYS = sorted(
    {
        key
        for insats in CATALOG.insatser.values()
        for condition in insats.conditions
        for key in condition.fact_keys
        if key not in (HISTORY, STAY_UNTIL)
    }
    | {"applicant.age", "child.participates"}
)

PROPERTY_SETTINGS = settings(
    max_examples=400,
    deadline=None,
    database=None,  # no .hypothesis folder in the work tree; failures print their example
    suppress_health_check=[HealthCheck.too_slow],
)

dates = st.dates(min_value=dt.date(2025, 7, 1), max_value=dt.date(2027, 12, 31))
kommunkoder = st.sampled_from(["2380", "0180", "2361", "1480"])


def fact_values(key: str) -> st.SearchStrategy[object]:
    if key.endswith(".age"):
        return st.integers(min_value=0, max_value=130)
    if key == "applicant.folkbokford_kommunkod":
        return kommunkoder | st.just(NOT_FOLKBOKFORD)
    if key.endswith("kommunkod"):
        return kommunkoder
    return st.booleans()


def history_items(as_of: dt.date) -> st.SearchStrategy[tuple[HistoryItem, ...]]:
    item = st.builds(
        HistoryItem,
        insats_id=st.none() | st.sampled_from(INSATS_IDS),
        enhet=st.none() | st.sampled_from(ENHETER),
        ended_on=st.dates(min_value=as_of - dt.timedelta(days=800), max_value=as_of),
    ).filter(lambda h: h.insats_id is not None or h.enhet is not None)
    return st.lists(item, max_size=3).map(tuple)


@st.composite
def situations(draw: st.DrawFn) -> Situation:
    as_of = draw(dates)
    known = draw(st.lists(st.sampled_from(FACT_KEYS), unique=True))
    facts = {key: draw(fact_values(key)) for key in known}
    return Situation.from_facts(
        as_of=as_of,
        facts=facts,
        history=draw(st.none() | history_items(as_of)),
        stay_until=draw(st.none() | st.dates(min_value=as_of, max_value=as_of + dt.timedelta(10))),
        guardian_consent=draw(st.none() | st.booleans()),
    )


insats_ids = st.sampled_from(INSATS_IDS)


@PROPERTY_SETTINGS
@given(insats_ids, situations())
def test_answers_are_deterministic(insats_id: str, situation: Situation) -> None:
    insats = CATALOG.insatser[insats_id]
    first = insats.judge(situation)
    assert insats.judge(situation) == first
    assert insats.judge(dataclasses.replace(situation)) == first  # an equal situation
    (from_all,) = CATALOG.judge_all(situation, [insats_id])
    assert from_all == first


@PROPERTY_SETTINGS
@given(insats_ids, situations())
def test_consent_never_turns_an_eligible_answer_into_a_refusal(
    insats_id: str, situation: Situation
) -> None:
    insats = CATALOG.insatser[insats_id]
    before = insats.judge(situation).outcome
    after = insats.judge(dataclasses.replace(situation, guardian_consent=True)).outcome
    if before is Outcome.ELIGIBLE:
        assert after is Outcome.ELIGIBLE
    if before is not Outcome.NOT_ELIGIBLE:
        assert after is not Outcome.NOT_ELIGIBLE


@PROPERTY_SETTINGS
@given(insats_ids, situations(), st.data())
def test_adding_a_missing_fact_answers_it(
    insats_id: str, situation: Situation, data: st.DataObject
) -> None:
    insats = CATALOG.insatser[insats_id]
    decision = insats.judge(situation)
    for key in decision.missing_facts:
        if key == HISTORY:
            completed = dataclasses.replace(
                situation, history=data.draw(history_items(situation.as_of))
            )
        else:
            completed = situation.with_fact(key, data.draw(fact_values(key)))
        assert key not in insats.judge(completed).missing_facts, (insats_id, key)
