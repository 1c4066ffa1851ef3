"""Remembered decisions are exactly the decisions worked out afresh (rules/engine.py, inputs.py).

Each insats keys its memo on the inputs it reads; if a condition read something its key left
out, two people would share an answer they should not. These tests screen many situations one
after another (so the memos fill) and compare every answer with `decide`, which bypasses them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from insatser_api.catalog.compile import compile_catalog
from insatser_api.catalog.loader import load_catalog
from insatser_api.rules import engine
from insatser_api.rules.engine import CompiledCatalog
from insatser_api.rules.facts import NOT_FOLKBOKFORD, FactKey
from insatser_api.rules.memo import shared
from insatser_api.rules.situation import HistoryItem, Situation

CATALOG_FILE = Path(__file__).resolve().parents[2] / "catalog" / "ostersund" / "2025-07-01.yaml"
D = dt.date


def _situations() -> list[Situation]:
    histories: list[tuple[HistoryItem, ...] | None] = [
        None,
        (),
        (HistoryItem("cra", None, D(2025, 12, 1)),),
        (HistoryItem(None, "Familjestöd Bryggan", D(2026, 1, 31)),),
    ]
    situations = []
    for age, folkbokford, consent, child, history, as_of in itertools.product(
        (None, 6, 12, 15, 17, 18, 30, 66),
        (None, "2380", "0180", NOT_FOLKBOKFORD),
        (None, True, False),
        (
            {},
            {"child.age": 5, "child.folkbokford_kommunkod": "2380", "child.participates": True},
            {"child.age": 19, "child.participates": False},
        ),
        histories,
        (D(2026, 3, 16), D(2026, 12, 23)),
    ):
        facts: dict[str, object] = dict(child)
        if age is not None:
            facts["applicant.age"] = age
        if folkbokford is not None:
            facts["applicant.folkbokford_kommunkod"] = folkbokford
        if age == 30:
            facts |= {
                "facts.had_bostad_forst": True,
                "facts.has_hyreskontrakt_in_kommun": folkbokford == "2380",
                "facts.placed_outside_home_by_kommunkod": "0180",
                "facts.placed_outside_home_in_kommunkod": "2380",
            }
        situations.append(
            Situation.from_facts(
                as_of=as_of,
                facts=facts,
                history=history,
                stay_until=as_of + dt.timedelta(days=4) if consent is False else None,
                guardian_consent=consent,
            )
        )
    return situations


SITUATIONS = _situations()


@pytest.fixture
def catalog() -> CompiledCatalog:
    return compile_catalog(load_catalog(CATALOG_FILE).catalog)  # fresh memos for each test


def test_remembered_decisions_equal_fresh_ones(catalog: CompiledCatalog) -> None:
    for situation in SITUATIONS:
        fresh = [insats.decide(situation) for insats in catalog.insatser.values()]
        assert catalog.judge_all(situation) == fresh
        assert catalog.judge_all(situation) == fresh  # the second time from the memo
        for insats in catalog.insatser.values():
            assert insats.judge(situation) == insats.decide(situation)


def test_people_who_agree_on_what_an_insats_reads_share_its_decision(
    catalog: CompiledCatalog,
) -> None:
    cra = catalog.insatser["cra"]
    adult = {"applicant.age": 30, "applicant.folkbokford_kommunkod": "2380"}
    first = cra.judge(Situation.from_facts(as_of=D(2026, 3, 16), facts=adult))
    other_facts = {**adult, "facts.had_bostad_forst": True, "child.age": 4}
    assert cra.judge(Situation.from_facts(as_of=D(2026, 3, 16), facts=other_facts)) is first
    assert cra.judge(Situation.from_facts(as_of=D(2026, 3, 17), facts=adult)) is not first


def test_a_decision_depends_on_the_facts_its_parts_read(catalog: CompiledCatalog) -> None:
    # The memo key is the values of `fact_keys`: it must hold every fact a part reads.
    for insats in catalog.insatser.values():
        assert FactKey.GUARDIAN_CONSENT in insats.fact_keys
        for part in (insats.consent, insats.target_group, *insats.conditions):
            assert set(part.fact_keys) <= set(insats.fact_keys)
    assert FactKey.APPLICANT_AGE in catalog.insatser["radgivande-samtal"].fact_keys  # consent
    assert FactKey.CHILD_PARTICIPATES in catalog.insatser["samarbetssamtal"].fact_keys
    assert {FactKey.HISTORY, FactKey.STAY_UNTIL} <= set(catalog.fact_keys)


def test_the_memo_is_bounded(catalog: CompiledCatalog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "DECISION_MEMO_LIMIT", 5)
    insats = catalog.insatser["cra"]
    for age in range(20):
        situation = Situation.from_facts(as_of=D(2026, 3, 16), facts={"applicant.age": age})
        assert insats.judge(situation) == insats.decide(situation)
    assert len(insats._memo) <= 5


def test_a_screening_answers_in_catalogue_order_and_shares_the_single_path_decisions(
    catalog: CompiledCatalog,
) -> None:
    # Screening looks decisions up per group of insatser that read the same inputs; the answer
    # must still come in the catalogue's order, for a chosen subset in the order asked.
    ids = list(catalog.insatser)
    for situation in SITUATIONS[::7]:
        screened = catalog.judge_all(situation)
        assert [d.insats_id for d in screened] == ids
        chosen = ids[::-3]
        assert catalog.judge_all(situation, chosen) == [
            d for i in chosen for d in screened if d.insats_id == i
        ]


@pytest.mark.parametrize("size", [1, 2, 3])
def test_small_catalogues_screen_in_order(size: int) -> None:
    loaded = load_catalog(CATALOG_FILE).catalog
    small = compile_catalog(loaded.model_copy(update={"insatser": loaded.insatser[:size]}))
    for situation in SITUATIONS[::11]:
        expected = [insats.decide(situation) for insats in small.insatser.values()]
        assert small.judge_all(situation) == expected


def test_the_group_memos_are_bounded(
    catalog: CompiledCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "DECISION_MEMO_LIMIT", 5)
    for age in range(40):
        situation = Situation.from_facts(as_of=D(2026, 3, 16), facts={"applicant.age": age})
        assert catalog.judge_all(situation) == [
            insats.decide(situation) for insats in catalog.insatser.values()
        ]
    assert all(len(group.memo) <= 5 for group in catalog._groups)


def test_decisions_on_a_stated_history_are_worked_out_not_remembered(
    catalog: CompiledCatalog,
) -> None:
    # A history names days, so nearly every person's is their own: remembering decisions on
    # it would fill the memos with entries never hit (docs/performance.md, worker RSS).
    booster = catalog.insatser["booster-bryggan"]
    assert FactKey.HISTORY in booster.fact_keys
    stated = Situation.from_facts(
        as_of=D(2026, 3, 16),
        facts={"applicant.age": 30},
        history=(HistoryItem("cra", None, D(2025, 12, 1)),),
    )
    assert booster.judge(stated) == booster.decide(stated)
    assert catalog.judge_all(stated) == [i.decide(stated) for i in catalog.insatser.values()]
    assert not booster._memo
    assert not next(g for g in catalog._groups if booster in g.members).memo
    # Without one (unstated, or stated as none), the decision is remembered as any other.
    for history in (None, ()):
        plain = Situation.from_facts(D(2026, 3, 16), {"applicant.age": 30}, history=history)
        assert booster.judge(plain) is booster.judge(plain)
    assert len(booster._memo) == 2
    # Insatser that do not read the history remember their decisions whatever it says.
    cra = catalog.insatser["cra"]
    assert FactKey.HISTORY not in cra.fact_keys
    assert cra.judge(stated) is cra.judge(stated)


def test_equal_parts_of_decisions_are_one_object(catalog: CompiledCatalog) -> None:
    # People who differ only in what the villkor do not read (here the consent, for an adult)
    # get two decisions, whose equal villkor results and changes are shared, not copied.
    cra = catalog.insatser["cra"]
    facts = {"applicant.age": 30, "applicant.folkbokford_kommunkod": "0180"}
    given = cra.judge(Situation.from_facts(D(2026, 3, 16), facts, guardian_consent=True))
    unstated = cra.judge(Situation.from_facts(D(2026, 3, 16), facts))
    assert given is not unstated
    assert given.conditions == unstated.conditions
    assert given.conditions is unstated.conditions
    assert given.what_would_change
    assert given.what_would_change is unstated.what_would_change


def test_shared_parts_are_bounded(
    catalog: CompiledCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "SHARED_LIMIT", 4)
    insats = catalog.insatser["cra"]
    for age in range(30):
        situation = Situation.from_facts(as_of=D(2026, 3, 16), facts={"applicant.age": age})
        assert insats.judge(situation) == insats.decide(situation)
    assert 0 < len(insats._shared) <= 4


def test_shared_returns_an_equal_value_already_held() -> None:
    memo: dict[tuple[str, ...], tuple[str, ...]] = {}
    first = tuple("ab")
    assert shared(memo, first, 10) is first
    second = tuple("ab")
    assert second is not first
    assert shared(memo, second, 10) is first
    other = tuple("c")
    assert shared(memo, other, 10) is other


def test_shared_empties_a_full_memo() -> None:
    memo: dict[int, int] = {}
    for value in range(1000, 1010):
        assert shared(memo, value, 3) == value
        assert len(memo) <= 3
