"""Each condition kind, three-valued: met, not met, unknown (rules.md, Outcomes)."""

from __future__ import annotations

import datetime as dt

import pytest

from insatser_api.rules.conditions import (
    AgeRange,
    AnyOf,
    Condition,
    EarlierInsats,
    InKommun,
    StayLimit,
    YesNoFact,
)
from insatser_api.rules.facts import NOT_FOLKBOKFORD
from insatser_api.rules.results import ConditionResult, Status
from insatser_api.rules.situation import HistoryItem, Situation

D = dt.date
AS_OF = D(2026, 3, 16)
OSTERSUND = "2380"
STOCKHOLM = "0180"
APPLICANT_AGE = "applicant.age"
APPLICANT_FOLKBOKFORD = "applicant.folkbokford_kommunkod"
CHILD_FOLKBOKFORD = "child.folkbokford_kommunkod"
PLACED_BY = "facts.placed_outside_home_by_kommunkod"
PLACED_IN = "facts.placed_outside_home_in_kommunkod"
HAS_CRA = "facts.has_cra_behandlare"
HAD_BOSTAD_FORST = "facts.had_bostad_forst"

ENHET_OF_INSATS = {
    "biffsamtal": "Familjestöd Bryggan",
    "booster-bryggan": "Familjestöd Bryggan",
    "cra": "Nexus",
    "hap-cpu": "Nexus",
    "anhorigstod": "Nexus",
}


def situation(
    facts: dict[str, object] | None = None,
    *,
    as_of: dt.date = AS_OF,
    history: tuple[HistoryItem, ...] | None = None,
    stay_until: dt.date | None = None,
) -> Situation:
    return Situation.from_facts(
        as_of=as_of, facts=facts or {}, history=history, stay_until=stay_until
    )


def assert_result(
    result: ConditionResult,
    condition: Condition,
    status: Status,
    missing: tuple[str, ...] = (),
) -> None:
    assert result.status is status
    assert result.missing == missing
    assert result.code == condition.code
    assert result.source == condition.source
    assert f"avsnitt {condition.source}" in result.message
    assert result.message.startswith(condition.description)


# AgeRange ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("min_age", "max_age", "age", "status"),
    [
        (18, 65, 17, Status.NOT_MET),
        (18, 65, 18, Status.MET),
        (18, 65, 40, Status.MET),
        (18, 65, 65, Status.MET),
        (18, 65, 66, Status.NOT_MET),
        (7, 18, 6, Status.NOT_MET),
        (7, 18, 7, Status.MET),
        (7, 18, 18, Status.MET),
        (7, 18, 19, Status.NOT_MET),
        (18, None, 17, Status.NOT_MET),
        (18, None, 18, Status.MET),
        (18, None, 130, Status.MET),
        (21, None, 20, Status.NOT_MET),
        (21, None, 21, Status.MET),
        (None, 12, 0, Status.MET),
        (None, 12, 12, Status.MET),
        (None, 12, 13, Status.NOT_MET),
        (None, None, 0, Status.MET),
    ],
)
def test_age_range(min_age: int | None, max_age: int | None, age: int, status: Status) -> None:
    condition = AgeRange("age", "18–65 år", "2.1.1", min_age, max_age)
    result = condition.evaluate(situation({APPLICANT_AGE: age}))
    assert_result(result, condition, status)
    assert f"{age} år" in result.message
    assert result.stay_limit is None


@pytest.mark.parametrize(
    "facts",
    [
        {},
        {APPLICANT_FOLKBOKFORD: OSTERSUND},
        {"child.age": 10},
    ],
)
def test_age_range_unknown(facts: dict[str, object]) -> None:
    condition = AgeRange("age", "fyllt 18 år", "4.1.1", 18, None)
    result = condition.evaluate(situation(facts))
    assert_result(result, condition, Status.UNKNOWN, (APPLICANT_AGE,))
    assert condition.fact_keys == (APPLICANT_AGE,)


# InKommun ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact", "value", "status"),
    [
        (APPLICANT_FOLKBOKFORD, OSTERSUND, Status.MET),
        (APPLICANT_FOLKBOKFORD, STOCKHOLM, Status.NOT_MET),
        (APPLICANT_FOLKBOKFORD, NOT_FOLKBOKFORD, Status.NOT_MET),
        (CHILD_FOLKBOKFORD, OSTERSUND, Status.MET),
        (CHILD_FOLKBOKFORD, STOCKHOLM, Status.NOT_MET),
        (CHILD_FOLKBOKFORD, NOT_FOLKBOKFORD, Status.NOT_MET),
        (PLACED_BY, OSTERSUND, Status.MET),
        (PLACED_IN, "2361", Status.NOT_MET),
    ],
)
def test_in_kommun(fact: str, value: str, status: Status) -> None:
    condition = InKommun("folkbokford", "Folkbokförd i Östersunds kommun", "1", fact, OSTERSUND)
    result = condition.evaluate(situation({fact: value}))
    assert_result(result, condition, status)
    assert condition.fact_keys == (fact,)


def test_in_kommun_not_folkbokford_says_samordningsnummer() -> None:
    condition = InKommun("folkbokford", "Folkbokförd", "1", APPLICANT_FOLKBOKFORD, OSTERSUND)
    result = condition.evaluate(situation({APPLICANT_FOLKBOKFORD: NOT_FOLKBOKFORD}))
    assert result.status is Status.NOT_MET
    assert "samordningsnummer" in result.message


@pytest.mark.parametrize(
    ("fact", "facts"),
    [
        (APPLICANT_FOLKBOKFORD, {}),
        (APPLICANT_FOLKBOKFORD, {CHILD_FOLKBOKFORD: OSTERSUND}),
        (CHILD_FOLKBOKFORD, {APPLICANT_FOLKBOKFORD: OSTERSUND}),
    ],
)
def test_in_kommun_unknown(fact: str, facts: dict[str, object]) -> None:
    condition = InKommun("child_folkbokford", "Barnet folkbokfört", "3.2.1", fact, OSTERSUND)
    result = condition.evaluate(situation(facts))
    assert_result(result, condition, Status.UNKNOWN, (fact,))


# YesNoFact -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "value", "status"),
    [
        (True, True, Status.MET),
        (True, False, Status.NOT_MET),
        (False, False, Status.MET),
        (False, True, Status.NOT_MET),
    ],
)
def test_yes_no_fact(expected: bool, value: bool, status: Status) -> None:
    condition = YesNoFact("has_cra_behandlare", "Har CRA-behandlare", "4.5.4", HAS_CRA, expected)
    result = condition.evaluate(situation({HAS_CRA: value}))
    assert_result(result, condition, status)
    assert condition.fact_keys == (HAS_CRA,)


@pytest.mark.parametrize("expected", [True, False])
@pytest.mark.parametrize("facts", [{}, {HAD_BOSTAD_FORST: True}, {APPLICANT_AGE: 30}])
def test_yes_no_fact_unknown(expected: bool, facts: dict[str, object]) -> None:
    condition = YesNoFact("has_cra_behandlare", "Har CRA-behandlare", "4.5.4", HAS_CRA, expected)
    result = condition.evaluate(situation(facts))
    assert_result(result, condition, Status.UNKNOWN, (HAS_CRA,))


# EarlierInsats -------------------------------------------------------------------------------


def bryggan_booster(within_years: int = 1) -> EarlierInsats:
    return EarlierInsats(
        "earlier_insats",
        "Avslutad insats vid Familjestöd Bryggan inom ett år",
        "4.3.2",
        insats_ids=(),
        enheter=("Familjestöd Bryggan",),
        within_years=within_years,
        enhet_of_insats=ENHET_OF_INSATS,
    )


def nexus_booster() -> EarlierInsats:
    return EarlierInsats(
        "earlier_insats",
        "Avslutad CRA, ÅP, spelbehandling eller anhörigstöd inom ett år",
        "4.5.12",
        insats_ids=("cra", "aterfallsprevention", "spelbehandling", "anhorigstod"),
        enheter=(),
        within_years=1,
        enhet_of_insats=ENHET_OF_INSATS,
    )


@pytest.mark.parametrize(
    ("ended_on", "as_of", "status"),
    [
        (AS_OF, AS_OF, Status.MET),  # ended on as_of
        (AS_OF - dt.timedelta(days=1), AS_OF, Status.MET),
        (D(2025, 9, 1), AS_OF, Status.MET),
        (D(2025, 3, 17), AS_OF, Status.MET),
        (D(2025, 3, 16), AS_OF, Status.MET),  # exactly one year before
        (D(2025, 3, 15), AS_OF, Status.NOT_MET),  # one year and one day
        (D(2024, 3, 16), AS_OF, Status.NOT_MET),
        (D(2026, 3, 17), AS_OF, Status.NOT_MET),  # ends after as_of
        (D(2026, 12, 31), AS_OF, Status.NOT_MET),
        # Ended 29 February: the year runs to 28 February of a common year.
        (D(2024, 2, 29), D(2025, 2, 28), Status.MET),
        (D(2024, 2, 29), D(2025, 3, 1), Status.NOT_MET),
        (D(2025, 2, 28), D(2026, 2, 28), Status.MET),
        (D(2025, 2, 28), D(2026, 3, 1), Status.NOT_MET),
        (D(2027, 2, 28), D(2028, 2, 28), Status.MET),
        (D(2027, 2, 28), D(2028, 2, 29), Status.NOT_MET),
    ],
)
def test_earlier_insats_window(ended_on: dt.date, as_of: dt.date, status: Status) -> None:
    condition = nexus_booster()
    history = (HistoryItem("cra", "Nexus", ended_on),)
    result = condition.evaluate(situation(as_of=as_of, history=history))
    assert_result(result, condition, status)
    if status is Status.MET:
        assert ended_on.isoformat() in result.message


@pytest.mark.parametrize(
    ("ended_on", "status"),
    [
        (D(2024, 3, 16), Status.MET),
        (D(2024, 3, 15), Status.NOT_MET),
        (D(2026, 3, 16), Status.MET),
        (D(2026, 3, 17), Status.NOT_MET),
    ],
)
def test_earlier_insats_window_of_several_years(ended_on: dt.date, status: Status) -> None:
    condition = bryggan_booster(within_years=2)
    history = (HistoryItem("biffsamtal", None, ended_on),)
    assert_result(condition.evaluate(situation(history=history)), condition, status)


def test_earlier_insats_without_history_is_unknown() -> None:
    condition = bryggan_booster()
    result = condition.evaluate(situation({APPLICANT_AGE: 30}, history=None))
    assert_result(result, condition, Status.UNKNOWN, ("history",))
    assert condition.fact_keys == ("history",)


def test_earlier_insats_with_empty_history_is_not_met() -> None:
    condition = bryggan_booster()
    result = condition.evaluate(situation(history=()))
    assert_result(result, condition, Status.NOT_MET)


ENDED = D(2025, 11, 1)


@pytest.mark.parametrize(
    ("item", "status"),
    [
        # By enhet, case-insensitively.
        (HistoryItem(None, "Familjestöd Bryggan", ENDED), Status.MET),
        (HistoryItem(None, "familjestöd bryggan", ENDED), Status.MET),
        (HistoryItem(None, "FAMILJESTÖD BRYGGAN", ENDED), Status.MET),
        (HistoryItem(None, "Nexus", ENDED), Status.NOT_MET),
        (HistoryItem(None, "Familjestöd", ENDED), Status.NOT_MET),
        # By an insats id whose enhet is listed.
        (HistoryItem("biffsamtal", None, ENDED), Status.MET),
        (HistoryItem("booster-bryggan", None, ENDED), Status.MET),
        (HistoryItem("cra", None, ENDED), Status.NOT_MET),
        (HistoryItem("okand-insats", None, ENDED), Status.NOT_MET),
        (HistoryItem(None, None, ENDED), Status.NOT_MET),
    ],
)
def test_earlier_insats_by_enhet(item: HistoryItem, status: Status) -> None:
    condition = bryggan_booster()
    assert_result(condition.evaluate(situation(history=(item,))), condition, status)


@pytest.mark.parametrize(
    ("item", "status"),
    [
        (HistoryItem("cra", None, ENDED), Status.MET),
        (HistoryItem("anhorigstod", "Nexus", ENDED), Status.MET),
        (HistoryItem("hap-cpu", None, ENDED), Status.NOT_MET),
        (HistoryItem("hap-cpu", "Nexus", ENDED), Status.NOT_MET),  # Nexus is not listed
        (HistoryItem(None, "Nexus", ENDED), Status.NOT_MET),
        (HistoryItem("biffsamtal", None, ENDED), Status.NOT_MET),
    ],
)
def test_earlier_insats_by_insats_id(item: HistoryItem, status: Status) -> None:
    condition = nexus_booster()
    assert_result(condition.evaluate(situation(history=(item,))), condition, status)


@pytest.mark.parametrize(
    ("history", "status"),
    [
        (
            (
                HistoryItem("cra", None, D(2020, 1, 1)),
                HistoryItem("hap-cpu", None, ENDED),
                HistoryItem("spelbehandling", None, ENDED),
            ),
            Status.MET,
        ),
        (
            (HistoryItem("cra", None, D(2020, 1, 1)), HistoryItem("hap-cpu", None, ENDED)),
            Status.NOT_MET,
        ),
        (
            (HistoryItem("cra", None, D(2027, 1, 1)), HistoryItem("cra", None, D(2025, 3, 15))),
            Status.NOT_MET,
        ),
    ],
)
def test_earlier_insats_with_several_items(
    history: tuple[HistoryItem, ...], status: Status
) -> None:
    condition = nexus_booster()
    assert_result(condition.evaluate(situation(history=history)), condition, status)


# StayLimit -----------------------------------------------------------------------------------

# Thursday before midsommarafton: the next vardag is Monday 2026-06-22.
STAY_AS_OF = D(2026, 6, 18)
NEXT_VARDAG = D(2026, 6, 22)


def stay_limit() -> StayLimit:
    return StayLimit(
        "stay_limit", "Vistelse till nästa vardag", "4.1.1", OSTERSUND, "Östersunds kommun"
    )


def test_stay_limit_dates_are_what_the_tests_assume() -> None:
    assert STAY_AS_OF.weekday() == 3
    assert NEXT_VARDAG.weekday() == 0


@pytest.mark.parametrize(
    "stay_until", [None, STAY_AS_OF, NEXT_VARDAG, D(2026, 6, 23), D(2027, 6, 18)]
)
def test_stay_limit_folkbokford_has_no_limit(stay_until: dt.date | None) -> None:
    condition = stay_limit()
    result = condition.evaluate(
        situation({APPLICANT_FOLKBOKFORD: OSTERSUND}, as_of=STAY_AS_OF, stay_until=stay_until)
    )
    assert_result(result, condition, Status.MET)
    assert result.stay_limit is None


@pytest.mark.parametrize(
    "facts",
    [
        {},
        {APPLICANT_FOLKBOKFORD: STOCKHOLM},
        {APPLICANT_FOLKBOKFORD: NOT_FOLKBOKFORD},
        {APPLICANT_AGE: 30},
    ],
)
@pytest.mark.parametrize(
    ("stay_until", "status"),
    [
        (None, Status.MET),
        (STAY_AS_OF, Status.MET),
        (D(2026, 6, 19), Status.MET),
        (NEXT_VARDAG, Status.MET),
        (NEXT_VARDAG + dt.timedelta(days=1), Status.NOT_MET),
        (D(2026, 12, 31), Status.NOT_MET),
    ],
)
def test_stay_limit_not_or_unknown_folkbokford(
    facts: dict[str, object], stay_until: dt.date | None, status: Status
) -> None:
    condition = stay_limit()
    result = condition.evaluate(situation(facts, as_of=STAY_AS_OF, stay_until=stay_until))
    assert_result(result, condition, status)
    assert result.stay_limit == NEXT_VARDAG
    assert NEXT_VARDAG.isoformat() in result.message


@pytest.mark.parametrize(
    ("as_of", "limit"),
    [
        (D(2026, 1, 9), D(2026, 1, 12)),
        (D(2026, 4, 2), D(2026, 4, 7)),
        (D(2026, 12, 23), D(2026, 12, 28)),
        (D(2026, 12, 30), D(2027, 1, 4)),
        (D(2026, 1, 13), D(2026, 1, 14)),
    ],
)
def test_stay_limit_is_the_next_vardag(as_of: dt.date, limit: dt.date) -> None:
    result = stay_limit().evaluate(situation(as_of=as_of))
    assert result.status is Status.MET
    assert result.stay_limit == limit
    assert stay_limit().fact_keys == (APPLICANT_FOLKBOKFORD, "stay_until")


# AnyOf ---------------------------------------------------------------------------------------


def placement() -> AnyOf:
    return AnyOf(
        "placement",
        "Placerat av eller i Östersunds kommun",
        "4.4.6",
        [
            InKommun("placed_by", "Placerat av kommunen", "4.4.6", PLACED_BY, OSTERSUND),
            InKommun("placed_in", "Placerat i kommunen", "4.4.6", PLACED_IN, OSTERSUND),
        ],
    )


@pytest.mark.parametrize(
    ("by", "in_", "status", "missing"),
    [
        (OSTERSUND, OSTERSUND, Status.MET, ()),
        (OSTERSUND, STOCKHOLM, Status.MET, ()),
        (STOCKHOLM, OSTERSUND, Status.MET, ()),
        (OSTERSUND, None, Status.MET, ()),
        (None, OSTERSUND, Status.MET, ()),
        (STOCKHOLM, STOCKHOLM, Status.NOT_MET, ()),
        (STOCKHOLM, NOT_FOLKBOKFORD, Status.NOT_MET, ()),
        (STOCKHOLM, None, Status.UNKNOWN, (PLACED_IN,)),
        (None, STOCKHOLM, Status.UNKNOWN, (PLACED_BY,)),
        (None, None, Status.UNKNOWN, (PLACED_BY, PLACED_IN)),
    ],
)
def test_any_of(by: str | None, in_: str | None, status: Status, missing: tuple[str, ...]) -> None:
    facts: dict[str, object] = {}
    if by is not None:
        facts[PLACED_BY] = by
    if in_ is not None:
        facts[PLACED_IN] = in_
    condition = placement()
    assert_result(condition.evaluate(situation(facts)), condition, status, missing)


def test_any_of_fact_keys_are_the_parts_keys_once() -> None:
    assert placement().fact_keys == (PLACED_BY, PLACED_IN)
    twice = AnyOf(
        "x",
        "Två villkor på samma uppgift",
        "9.9",
        [
            InKommun("a", "A", "9.9", APPLICANT_FOLKBOKFORD, OSTERSUND),
            InKommun("b", "B", "9.9", APPLICANT_FOLKBOKFORD, "2361"),
        ],
    )
    assert twice.fact_keys == (APPLICANT_FOLKBOKFORD,)
    result = twice.evaluate(situation())
    assert_result(result, twice, Status.UNKNOWN, (APPLICANT_FOLKBOKFORD,))


@pytest.mark.parametrize(
    ("facts", "history", "status", "missing"),
    [
        ({}, None, Status.UNKNOWN, (APPLICANT_AGE, HAS_CRA, "history")),
        ({APPLICANT_AGE: 30}, None, Status.MET, ()),
        ({APPLICANT_AGE: 10}, None, Status.UNKNOWN, (HAS_CRA, "history")),
        ({APPLICANT_AGE: 10, HAS_CRA: False}, None, Status.UNKNOWN, ("history",)),
        ({APPLICANT_AGE: 10, HAS_CRA: False}, (), Status.NOT_MET, ()),
        ({HAS_CRA: True}, None, Status.MET, ()),
        ({HAS_CRA: False}, (), Status.UNKNOWN, (APPLICANT_AGE,)),
        ({}, (HistoryItem("cra", None, ENDED),), Status.MET, ()),
    ],
)
def test_any_of_mixed_kinds(
    facts: dict[str, object],
    history: tuple[HistoryItem, ...] | None,
    status: Status,
    missing: tuple[str, ...],
) -> None:
    condition = AnyOf(
        "mixed",
        "Vuxen, CRA-behandlare eller tidigare insats",
        "7.7",
        [
            AgeRange("age", "Fyllt 18 år", "7.1", 18, None),
            YesNoFact("cra", "Har CRA-behandlare", "7.2", HAS_CRA, True),
            nexus_booster(),
        ],
    )
    result = condition.evaluate(situation(facts, history=history))
    assert_result(result, condition, status, missing)
    assert condition.fact_keys == (APPLICANT_AGE, HAS_CRA, "history")


# Common to all kinds -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "condition",
    [
        AgeRange("age", "18–65 år", "2.1.1", 18, 65),
        InKommun("folkbokford", "Folkbokförd", "1", APPLICANT_FOLKBOKFORD, OSTERSUND),
        YesNoFact("has_cra_behandlare", "Har CRA-behandlare", "4.5.4", HAS_CRA, True),
        bryggan_booster(),
        stay_limit(),
        placement(),
    ],
    ids=lambda condition: type(condition).__name__,
)
def test_evaluation_is_deterministic_and_pure(condition: Condition) -> None:
    facts: dict[str, object] = {APPLICANT_AGE: 30, PLACED_BY: STOCKHOLM}
    history = (HistoryItem("biffsamtal", None, ENDED),)
    given = situation(facts, history=history, stay_until=D(2026, 3, 20))
    first = condition.evaluate(given)
    second = condition.evaluate(given)
    assert first == second
    assert given == situation(facts, history=history, stay_until=D(2026, 3, 20))
    assert f"avsnitt {condition.source}" in first.message
