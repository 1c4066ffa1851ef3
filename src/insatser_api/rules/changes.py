"""What would change an answer: `what_would_change` and `eligible_from` (api.md, Answers that
drive a form).

Both are read off the villkor's results, never a second copy of the outcome rule: the person is
eligible when every villkor is met and any consent needed is given (outcome.decide), so a change
is one way of meeting each villkor that is not met or unknown (`Condition.ways`), with the
vårdnadshavare's consent where it would then be needed. A villkor no change can meet (an upper
age bound passed: nobody becomes younger) leaves nothing to say.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from typing import TYPE_CHECKING

from insatser_api.rules.age import add_years
from insatser_api.rules.conditions import AgeRange, Way
from insatser_api.rules.results import Change, ConditionResult, Status
from insatser_api.rules.situation import Situation

if TYPE_CHECKING:
    from insatser_api.rules.engine import CompiledInsats

CONSENT_CODE = "guardian_consent"


def what_would_change(
    insats: CompiledInsats, situation: Situation, results: tuple[ConditionResult, ...]
) -> tuple[Change, ...]:
    """The smallest sets of villkor that, met, would make the person eligible; empty when
    none exists."""
    choices: list[tuple[Way, ...]] = []
    for condition, result in zip(insats.conditions, results, strict=True):
        if result.status is Status.MET:
            continue
        ways = condition.ways(result, situation)
        if not ways:
            return ()
        choices.append(ways)
    changes: dict[tuple[str, ...], Change] = {}
    for combination in itertools.product(*choices):
        change = _change(insats, situation, combination)
        changes.setdefault(change.codes, change)
    # Smallest: no set that holds another one.
    sets = {codes: set(codes) for codes in changes}
    return tuple(
        change
        for codes, change in changes.items()
        if not any(other < sets[codes] for other in sets.values())
    )


def _change(insats: CompiledInsats, situation: Situation, ways: tuple[Way, ...]) -> Change:
    codes = list(dict.fromkeys(code for way in ways for code in way.codes))
    phrases = [way.phrase for way in ways]
    ages = [way.at_age for way in ways if way.at_age is not None]
    after = situation
    if ages:
        after = replace(situation, applicant=replace(situation.applicant, age=max(ages)))
    consent = insats.consent.evaluate(after)
    if consent.given is not True:
        if consent.required is True:
            codes.append(CONSENT_CODE)
            phrases.append("vårdnadshavaren samtycker")
        elif consent.required is None:
            phrases.append("vårdnadshavaren samtycker, om personen är under 18 år")
    return Change(tuple(codes), _sentence(phrases))


def _sentence(phrases: list[str]) -> str:
    if not phrases:
        return "Inget villkor behöver ändras."
    # "personen har fyllt 18 år och är folkbokförd …": a subject said once, not repeated.
    for i in range(len(phrases) - 1, 0, -1):
        subject = phrases[i].split(" ", 1)[0]
        if subject in ("personen", "barnet") and phrases[i - 1].startswith(subject + " "):
            phrases[i] = phrases[i].removeprefix(subject + " ")
    said = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " och " + phrases[-1]
    return f"Om {said}."


def eligible_at_age(
    insats: CompiledInsats, situation: Situation, results: tuple[ConditionResult, ...]
) -> int | None:
    """For a refusal whose only villkor not met are lower age bounds (and none unknown): the
    age from which they are met."""
    age = situation.applicant.age
    ages = []
    for condition, result in zip(insats.conditions, results, strict=True):
        if result.status is Status.MET:
            continue
        if result.status is Status.UNKNOWN or not isinstance(condition, AgeRange):
            return None
        if age is None or condition.min_age is None or age >= condition.min_age:
            return None  # too old, not too young
        ages.append(condition.min_age)
    return max(ages) if ages else None


def eligible_from(age: int | None, birth_date: dt.date | None) -> dt.date | None:
    """The day a person born on `birth_date` turns `age` (29 February: 28 February in common
    years, as for age, rules.md); None without both."""
    if age is None or birth_date is None:
        return None
    return add_years(birth_date, age)
