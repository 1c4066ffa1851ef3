"""How `CompiledInsats.decide` works a decision out quickly, without a memo keyed on the situation.

A decision follows from the results of the insats' parts (its consent rule, its målgrupp and its
conditions) and the prövningsdag. Each part returns shared results, built once per value it reads
(conditions.py, consent.py, target_group.py), so a decision is a function of *which* results came
back. Two memos use that (docs/performance.md):

- `by_age`: the parts that read nothing but the applicant's age (besides the consent): the consent
  rule and the målgrupp of almost every insats, and age conditions. Their results are looked up
  together, as one tuple, by (age, consent); ages with the same results share one tuple. Stored
  tuples are never dropped (the memo stops growing at `MEMO_LIMIT`), so a tuple's id() names
  it for as long as the insats lives.
- `combinations`: the decision, keyed on the prövningsdag and the id()s of the results (and of
  the `by_age` tuple). The outcome logic and the Decision (`Heading.decision`) are worked out once
  per combination. A stored decision holds every result whose id is in its key, so no such id
  can be taken by another object while the entry exists. When an age is of an odd type or
  `by_age` is full, every part is asked and the key is the ids of all the results (`every_part`).

Building that key is the hot path, so it is spelt out for up to two further parts (almost every
insats); any other number takes the general form. The combination memos are bounded like the
decision memo (emptied when full).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from insatser_api.rules import conditions
from insatser_api.rules.conditions import APPLICANT_AGE, AgeRange
from insatser_api.rules.decision import (
    ConditionResult,
    ConsentResult,
    Decision,
    Outcome,
    Status,
    StayLimitResult,
    TargetGroupResult,
)
from insatser_api.rules.memo import kept
from insatser_api.rules.situation import Situation

if TYPE_CHECKING:
    from insatser_api.rules.engine import CompiledInsats

# What a part returns: a consent answer, a målgrupp note or a condition result.
Result = Any
Part = Callable[[Situation], Result]

_NOT_MET, _UNKNOWN, _NOT_ELIGIBLE = Status.NOT_MET, Status.UNKNOWN, Outcome.NOT_ELIGIBLE

# Combinations remembered per insats; when full the memo is emptied and fills again.
COMBINATION_LIMIT = 4096


@dataclass(frozen=True, slots=True)
class Heading:
    """What every decision of one insats carries whatever the situation, and the outcome logic
    (rules.md) that turns results into a decision."""

    insats_id: str
    catalog_version: str
    stay_limit_index: int | None
    information: str

    def decision(self, as_of: dt.date, parts: tuple[Result, ...]) -> Decision:
        """The decision from the parts' results: consent, målgrupp, then the conditions'."""
        consent: ConsentResult = parts[0]
        target_group: TargetGroupResult = parts[1]
        results: tuple[ConditionResult, ...] = parts[2:]
        not_met = unknown = False
        for result in results:
            if result.status is _NOT_MET:
                not_met = True
            elif result.status is _UNKNOWN:
                unknown = True
        missing: tuple[str, ...] = ()
        if not_met or (consent.required is True and consent.given is False):
            outcome = _NOT_ELIGIBLE
        else:
            if unknown:
                missing = tuple(dict.fromkeys(k for r in results for k in r.missing))
            # Unknown age decides whether consent is needed (rules.md, Edge decisions).
            if (
                consent.required is None
                and consent.given is not True
                and APPLICANT_AGE not in missing
            ):
                missing = (*missing, APPLICANT_AGE)
            if missing:
                outcome = Outcome.NEEDS_INFORMATION
            elif consent.required and consent.given is not True:
                outcome = Outcome.REQUIRES_GUARDIAN_CONSENT
            else:
                outcome = Outcome.ELIGIBLE
        stay_limit = None
        if self.stay_limit_index is not None:
            limiting = results[self.stay_limit_index]
            stay_limit = StayLimitResult(limiting.stay_limit, limiting.message)
        # The fields in Decision's order, through tuple.__new__: the named tuple's own __new__
        # is a Python function around that same call.
        return tuple.__new__(
            Decision,
            (
                self.insats_id,
                self.catalog_version,
                as_of,
                outcome,
                results,
                missing,
                consent,
                target_group,
                stay_limit,
                self.information if outcome is _NOT_ELIGIBLE else None,
            ),
        )


def _no_part(situation: Situation) -> Result:
    raise AssertionError("no such part")  # `decide` never picks a method that asks for it


class Decider:
    """`decide` for one insats, with its memos. One object per insats, its methods shared: a
    catalogue of thousands of insatser compiles without thousands of closures each.

    It holds the parts it asks and the fields a decision carries, never the insats itself: no
    reference cycle, so a replaced catalogue is freed at once, memos and all.
    """

    __slots__ = (
        "_age_parts",
        "_first",
        "_heading",
        "_in_part_order",
        "_other_parts",
        "_parts",
        "_second",
        "by_age",
        "canonical",
        "combinations",
        "every_part",
    )

    def __init__(self, insats: CompiledInsats) -> None:
        parts: tuple[Part, ...] = (
            insats.consent.evaluate,
            insats.target_group.evaluate,
            *(condition.evaluate for condition in insats.conditions),
        )
        reads = (
            insats.consent.reads,
            insats.target_group.reads,
            *(condition.fact_keys for condition in insats.conditions),
        )
        # The by_age key holds no prövningsdag, so only kinds known not to read it may join:
        # the consent rule, the målgrupp and age conditions (a new kind must be added here
        # knowingly, not by its fact keys alone).
        kinds_by_age = (True, True, *(isinstance(c, AgeRange) for c in insats.conditions))
        age_only = tuple(
            i for i, keys in enumerate(reads) if kinds_by_age[i] and set(keys) <= {APPLICANT_AGE}
        )
        others = tuple(i for i in range(len(parts)) if i not in age_only)
        self._parts = parts
        self._age_parts = tuple(parts[i] for i in age_only)
        self._other_parts = tuple(parts[i] for i in others)
        # The first two other parts, for `decide_one` and `decide_two`.
        self._first, self._second = (*self._other_parts, _no_part, _no_part)[:2]
        # (*by_age tuple, *other results) put back in part order (consent, målgrupp, conditions);
        # None when it is that order already (as it is for most insatser).
        order = sorted(range(len(parts)), key=lambda n: (age_only + others)[n])
        self._in_part_order = None if order == sorted(order) else itemgetter(*order)
        self._heading = Heading(
            insats.id, insats.catalog_version, insats.stay_limit_index, insats.information
        )
        self.by_age: dict[tuple[int | None, bool | None], tuple[Result, ...]] = {}
        # The tuples of `by_age`, by their results' ids (no larger than `by_age`).
        self.canonical: dict[tuple[int, ...], tuple[Result, ...]] = {}
        self.combinations: dict[tuple[object, ...], Decision] = {}
        self.every_part: dict[tuple[object, ...], Decision] = {}

    @property
    def decide(self) -> Callable[[Situation], Decision]:
        """The method for this insats' number of other parts (spelt out up to two)."""
        count = len(self._other_parts)
        if count <= 2:
            return (self.decide_none, self.decide_one, self.decide_two)[count]
        return self.decide_any

    # `get(key) or ...`: a decision is a non-empty tuple, so only a missing entry is built.

    def decide_none(self, situation: Situation) -> Decision:
        common = self.shared(situation)
        if common is None:
            return self.decide_by_every_part(situation)
        key = (situation.as_of, id(common))
        return self.combinations.get(key) or self.from_shared(situation, key, common, ())

    def decide_one(self, situation: Situation) -> Decision:
        common = self.shared(situation)
        if common is None:
            return self.decide_by_every_part(situation)
        one = self._first(situation)
        key = (situation.as_of, id(common), id(one))
        return self.combinations.get(key) or self.from_shared(situation, key, common, (one,))

    def decide_two(self, situation: Situation) -> Decision:
        common = self.shared(situation)
        if common is None:
            return self.decide_by_every_part(situation)
        one, two = self._first(situation), self._second(situation)
        key = (situation.as_of, id(common), id(one), id(two))
        return self.combinations.get(key) or self.from_shared(situation, key, common, (one, two))

    def decide_any(self, situation: Situation) -> Decision:
        common = self.shared(situation)
        if common is None:
            return self.decide_by_every_part(situation)
        other = tuple([part(situation) for part in self._other_parts])
        key = (situation.as_of, id(common), *map(id, other))
        return self.combinations.get(key) or self.from_shared(situation, key, common, other)

    def shared(self, situation: Situation) -> tuple[Result, ...] | None:
        """The results of the age-only parts, from `by_age` (None: ask every part)."""
        age = situation.facts.get(APPLICANT_AGE)
        if age is not None and type(age) is not int:  # so True and 1 never meet in a key
            return None
        key = (age, situation.guardian_consent)
        results = self.by_age.get(key)
        if results is None:
            if len(self.by_age) >= conditions.MEMO_LIMIT:
                return None
            results = tuple([part(situation) for part in self._age_parts])
            # One tuple per distinct set of results: every adult age may give the same consent
            # answer and målgrupp note, and then they share their combinations too.
            results = self.canonical.setdefault(tuple(map(id, results)), results)
            self.by_age[key] = results
        return results

    def from_shared(
        self,
        situation: Situation,
        key: tuple[object, ...],
        common: tuple[Result, ...],
        other: tuple[Result, ...],
    ) -> Decision:
        """A combination not yet remembered: `common` is the by_age tuple."""
        results = (*common, *other)
        if self._in_part_order is not None:
            results = self._in_part_order(results)
        decision = self._heading.decision(situation.as_of, results)
        return kept(self.combinations, key, decision, COMBINATION_LIMIT)

    def decide_by_every_part(self, situation: Situation) -> Decision:
        results = tuple([part(situation) for part in self._parts])
        key = (situation.as_of, *map(id, results))
        return self.every_part.get(key) or kept(
            self.every_part,
            key,
            self._heading.decision(situation.as_of, results),
            COMBINATION_LIMIT,
        )
