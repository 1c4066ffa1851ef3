"""The målgrupp note: an age band in the målgrupp text is reported, never refused."""

from __future__ import annotations

import datetime as dt

import pytest

from insatser_api.rules.situation import Situation
from insatser_api.rules.target_group import AgeBand, TargetGroup

AS_OF = dt.date(2026, 3, 16)
TEXT = "Målgruppen enligt bilagan"
NEVER_REFUSED = "ingen nekas"


def situation(facts: dict[str, object]) -> Situation:
    return Situation.from_facts(as_of=AS_OF, facts=facts)


@pytest.mark.parametrize(
    "facts",
    [{}, {"applicant.age": 3}, {"applicant.age": 40}, {"child.age": 5}, {"applicant.age": 130}],
)
def test_no_bands_is_never_outside(facts: dict[str, object]) -> None:
    result = TargetGroup(TEXT, ()).evaluate(situation(facts))
    assert result.applicant_outside is False
    assert result.text == TEXT
    assert NEVER_REFUSED in result.note
    assert "avsnitt 1" in result.note


@pytest.mark.parametrize(
    ("band", "age", "outside"),
    [
        (AgeBand("applicant", 7, 12), 6, True),
        (AgeBand("applicant", 7, 12), 7, False),
        (AgeBand("applicant", 7, 12), 12, False),
        (AgeBand("applicant", 7, 12), 13, True),
        (AgeBand("applicant", 18, None), 17, True),
        (AgeBand("applicant", 18, None), 18, False),
        (AgeBand("applicant", 18, None), 90, False),
        (AgeBand("applicant", 21, None), 20, True),
        (AgeBand("applicant", None, 12), 0, False),
        (AgeBand("applicant", None, 12), 13, True),
        (AgeBand("applicant", 0, 17), 18, True),
    ],
)
def test_applicant_band(band: AgeBand, age: int, outside: bool) -> None:
    result = TargetGroup(TEXT, (band,)).evaluate(situation({"applicant.age": age}))
    assert result.applicant_outside is outside
    assert result.text == TEXT
    assert NEVER_REFUSED in result.note


@pytest.mark.parametrize(
    ("facts", "outside"),
    [
        ({"child.age": 0}, False),
        ({"child.age": 5}, False),
        ({"child.age": 17}, False),
        ({"child.age": 18}, True),
        ({"child.age": 5, "applicant.age": 40}, False),
        ({"child.age": 18, "applicant.age": 10}, True),
        ({"applicant.age": 5}, None),  # the child's age is what counts
        ({}, None),
    ],
)
def test_child_band_is_judged_on_the_childs_age(
    facts: dict[str, object], outside: bool | None
) -> None:
    result = TargetGroup(TEXT, (AgeBand("child", 0, 17),)).evaluate(situation(facts))
    assert result.applicant_outside is outside


@pytest.mark.parametrize(
    ("facts", "outside"),
    [
        ({"applicant.age": 6}, True),
        ({"applicant.age": 7}, False),
        ({"applicant.age": 10}, False),
        ({"applicant.age": 17}, False),
        ({"applicant.age": 18}, False),
        ({"applicant.age": 30}, False),
        ({}, None),
    ],
)
def test_several_bands_any_is_enough(facts: dict[str, object], outside: bool | None) -> None:
    group = TargetGroup(TEXT, (AgeBand("applicant", 7, 17), AgeBand("applicant", 18, None)))
    assert group.evaluate(situation(facts)).applicant_outside is outside


@pytest.mark.parametrize(
    ("facts", "outside"),
    [
        ({"applicant.age": 10}, False),
        ({"applicant.age": 10, "child.age": 30}, False),
        ({"child.age": 10}, False),
        ({"applicant.age": 40, "child.age": 10}, False),
        ({"applicant.age": 40, "child.age": 30}, True),
        ({"applicant.age": 40}, None),
        ({"child.age": 30}, None),
        ({}, None),
    ],
)
def test_applicant_and_child_bands(facts: dict[str, object], outside: bool | None) -> None:
    group = TargetGroup(TEXT, (AgeBand("applicant", 7, 12), AgeBand("child", 0, 17)))
    assert group.evaluate(situation(facts)).applicant_outside is outside


@pytest.mark.parametrize(
    ("band", "facts"),
    [
        (AgeBand("applicant", 7, 12), {}),
        (AgeBand("applicant", 18, None), {"child.age": 5}),
        (AgeBand("child", 0, 12), {"applicant.age": 35}),
    ],
)
def test_unknown_age_is_none(band: AgeBand, facts: dict[str, object]) -> None:
    result = TargetGroup(TEXT, (band,)).evaluate(situation(facts))
    assert result.applicant_outside is None
    assert NEVER_REFUSED in result.note


def test_outside_note_names_the_band_and_is_not_a_refusal() -> None:
    group = TargetGroup(TEXT, (AgeBand("applicant", 7, 12),))
    result = group.evaluate(situation({"applicant.age": 30}))
    assert result.applicant_outside is True
    assert "7–12 år" in result.note
    assert "kan ändå ta del av insatsen" in result.note
    assert NEVER_REFUSED in result.note
