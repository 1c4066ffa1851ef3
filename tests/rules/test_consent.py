"""Vårdnadshavarens samtycke (SoL 2025:400 21 kap. 2 §; rules.md, Consent for children)."""

from __future__ import annotations

import datetime as dt

import pytest

from insatser_api.rules.consent import CONSENT_BASIS, ConsentRule
from insatser_api.rules.situation import Situation

AS_OF = dt.date(2026, 3, 16)


def situation(facts: dict[str, object], guardian_consent: bool | None = None) -> Situation:
    return Situation.from_facts(as_of=AS_OF, facts=facts, guardian_consent=guardian_consent)


def applicant(age: int | None, guardian_consent: bool | None = None) -> Situation:
    facts: dict[str, object] = {} if age is None else {"applicant.age": age}
    return situation(facts, guardian_consent)


@pytest.mark.parametrize(
    ("age", "required"),
    [
        (0, True),
        (7, True),
        (12, True),
        (14, True),
        (15, True),
        (16, True),
        (17, True),
        (18, False),
        (40, False),
        (130, False),
        (None, None),
    ],
)
def test_consent_without_lamplighetsprovning(age: int | None, required: bool | None) -> None:
    result = ConsentRule("applicant", False, "4.4.4").evaluate(applicant(age))
    assert result.required is required
    assert result.basis == CONSENT_BASIS == "21 kap. 2 § SoL (2025:400)"
    if required:
        assert "avsnitt 4.4.4" in result.message
        assert "under 18 år" in result.message


@pytest.mark.parametrize(
    ("age", "required"),
    [
        (0, True),
        (7, True),
        (14, True),
        (15, False),
        (16, False),
        (17, False),
        (18, False),
        (65, False),
        (None, None),
    ],
)
def test_consent_with_lamplighetsprovning_from_15(age: int | None, required: bool | None) -> None:
    result = ConsentRule("applicant", True, "4.4.5").evaluate(applicant(age))
    assert result.required is required
    assert result.basis == CONSENT_BASIS
    if age is not None and 15 <= age < 18:
        assert "avsnitt 4.4.5" in result.message
    if required:
        assert "under 15 år" in result.message


@pytest.mark.parametrize("without_consent_from_15", [True, False])
def test_unknown_age_says_consent_may_be_needed(without_consent_from_15: bool) -> None:
    result = ConsentRule("applicant", without_consent_from_15, "4.3.1").evaluate(
        situation({"child.age": 10, "applicant.folkbokford_kommunkod": "2380"})
    )
    assert result.required is None
    assert "under 18 år" in result.message


@pytest.mark.parametrize("given", [True, False, None])
@pytest.mark.parametrize("age", [None, 5, 14, 15, 17, 18, 40])
@pytest.mark.parametrize("without_consent_from_15", [True, False])
def test_given_is_passed_through(
    given: bool | None, age: int | None, without_consent_from_15: bool
) -> None:
    rule = ConsentRule("applicant", without_consent_from_15, "4.3.1")
    assert rule.evaluate(applicant(age, given)).given is given


@pytest.mark.parametrize("given", [True, False, None])
def test_given_does_not_change_whether_consent_is_required(given: bool | None) -> None:
    rule = ConsentRule("applicant", False, "4.3.1")
    assert rule.evaluate(applicant(10, given)).required is True
    assert rule.evaluate(applicant(30, given)).required is False


@pytest.mark.parametrize(
    ("facts", "required"),
    [
        ({"child.participates": True}, True),
        ({"child.participates": True, "applicant.age": 40}, True),
        ({"child.participates": True, "child.age": 16}, True),
        ({"child.participates": False}, False),
        # Changed: a parent under 18 needs their own vårdnadshavare's consent (rules.md, Consent
        # for children, as settled in issue 15); it used to be ignored.
        ({"child.participates": False, "applicant.age": 16}, True),
        ({"applicant.age": 17}, True),
        ({"applicant.age": 18}, False),
        ({}, False),
        ({"applicant.age": 40}, False),
        ({"child.folkbokford_kommunkod": "2380"}, False),
    ],
)
@pytest.mark.parametrize("given", [True, False, None])
def test_participating_child(facts: dict[str, object], required: bool, given: bool | None) -> None:
    result = ConsentRule("participating_child", False, "3.2.1").evaluate(situation(facts, given))
    assert result.required is required
    assert result.given is given
    assert result.basis == CONSENT_BASIS
    assert "avsnitt 3.2.1" in result.message


def test_participating_child_absent_says_consent_is_needed_if_the_child_takes_part() -> None:
    result = ConsentRule("participating_child", False, "3.2.1").evaluate(situation({}))
    assert result.required is False
    assert "inte angivet att barnet deltar" in result.message
    assert "deltar barnet krävs vårdnadshavarens samtycke" in result.message


@pytest.mark.parametrize(
    ("rule", "given_situation"),
    [
        (ConsentRule("applicant", False, "4.4.4"), applicant(10, None)),
        (ConsentRule("applicant", True, "4.4.5"), applicant(16, False)),
        (ConsentRule("applicant", True, "4.4.5"), applicant(None, True)),
        (ConsentRule("participating_child", False, "3.2.1"), situation({}, None)),
    ],
)
def test_consent_is_deterministic(rule: ConsentRule, given_situation: Situation) -> None:
    assert rule.evaluate(given_situation) == rule.evaluate(given_situation)
