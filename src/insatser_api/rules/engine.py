"""Compiled insatser: conditions built once at catalogue load, judged per request.

Speed (docs/performance.md): the app screens every insats on each change of a form. Each
condition, consent rule and målgrupp returns answers built once; on top of that each insats
keeps a small memo of whole decisions keyed on the inputs it reads (`inputs.py`), so a screening
is mostly one tuple lookup per insats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from insatser_api.catalog.schemas import DocumentationMode
from insatser_api.rules import inputs
from insatser_api.rules.conditions import APPLICANT_AGE, Condition, StayLimit
from insatser_api.rules.consent import ConsentRule
from insatser_api.rules.decision import (
    ConditionResult,
    ConsentResult,
    Decision,
    Outcome,
    Status,
    StayLimitResult,
    TargetGroupResult,
)
from insatser_api.rules.situation import Situation
from insatser_api.rules.target_group import TargetGroup

# Decisions remembered per insats. A day's traffic repeats far fewer distinct inputs than this
# (the key holds the prövningsdag, so yesterday's entries stop being hit); when the memo is
# full it is emptied and fills again, which bounds memory whatever callers send.
DECISION_MEMO_LIMIT = 4096

_NOT_MET, _UNKNOWN, _NOT_ELIGIBLE = Status.NOT_MET, Status.UNKNOWN, Outcome.NOT_ELIGIBLE


def information_11_kap_6(kommun_namn: str) -> str:
    """What every refusal must tell the person (SoL 2025:400 11 kap. 6 §)."""
    return (
        "Du kan alltid ansöka om insatser och få ditt behov prövat enligt 11 kap. 1 § "
        f"socialtjänstlagen (2025:400). Kontakta socialtjänsten i {kommun_namn} för att ansöka. "
        "(Information enligt 11 kap. 6 § socialtjänstlagen (2025:400).)"
    )


@dataclass(frozen=True, slots=True)
class DocumentationRule:
    mode: DocumentationMode
    legal_basis: str
    text: str
    decision: str | None


class CompiledInsats:
    """One insats, ready to judge: its conditions, consent rule, målgrupp and documentation.

    `decide(situation)` works the decision out without the decision memo (`judge` uses the
    memo). It is an attribute rather than a method: a function made for this insats by
    `_decider`, which saves a call on the hot path.
    """

    decide: Callable[[Situation], Decision]

    __slots__ = (
        "_combinations",
        "_memo",
        "catalog_version",
        "conditions",
        "consent",
        "decide",
        "documentation",
        "id",
        "information",
        "input_keys",
        "section",
        "stay_limit_index",
        "target_group",
    )

    def __init__(
        self,
        *,
        insats_id: str,
        section: str,
        catalog_version: str,
        conditions: Iterable[Condition],
        consent: ConsentRule,
        target_group: TargetGroup,
        documentation: DocumentationRule,
        information: str,
    ) -> None:
        self.id = insats_id
        self.section = section
        self.catalog_version = catalog_version
        self.conditions = tuple(conditions)
        self.consent = consent
        self.target_group = target_group
        self.documentation = documentation
        self.information = information
        # Which condition, if any, limits a stay (Akutboendet): found once, not per request.
        self.stay_limit_index = next(
            (i for i, c in enumerate(self.conditions) if isinstance(c, StayLimit)), None
        )
        # Everything a decision can depend on; the memo key is the situation's values for these.
        self.input_keys = inputs.input_keys(
            *(c.fact_keys for c in self.conditions), consent.reads, target_group.reads
        )
        self._memo: dict[tuple[Hashable, ...], Decision] = {}
        # Decisions by the identities of the results they were built from (`_decider`).
        self._combinations: dict[tuple[object, ...], Decision] = {}
        self.decide = _decider(self, self._combinations)

    def judge(self, situation: Situation) -> Decision:
        return self.judge_keyed(situation, inputs.read_all(situation, self.input_keys))

    def judge_keyed(self, situation: Situation, key: tuple[Hashable, ...]) -> Decision:
        """`judge`, with the situation's values for `input_keys` already read."""
        decision = self._memo.get(key)
        if decision is None:
            decision = self.decide(situation)
            if len(self._memo) >= DECISION_MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = decision
        return decision

    def _combine(
        self,
        as_of: dt.date,
        results: tuple[ConditionResult, ...],
        consent: ConsentResult,
        target_group: TargetGroupResult,
    ) -> Decision:
        """The decision for these component results: the outcome logic of rules.md."""
        statuses = {r.status for r in results}
        missing: tuple[str, ...] = ()
        if _NOT_MET in statuses or (consent.required is True and consent.given is False):
            outcome = _NOT_ELIGIBLE
        else:
            if _UNKNOWN in statuses:
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
        # Positional, in the order of Decision's fields.
        return Decision(
            self.id,
            self.catalog_version,
            as_of,
            outcome,
            results,
            missing,
            consent,
            target_group,
            None if self.stay_limit_index is None else self._stay_limit(results),
            self.information if outcome is _NOT_ELIGIBLE else None,
        )

    def _stay_limit(self, results: tuple[ConditionResult, ...]) -> StayLimitResult | None:
        if self.stay_limit_index is None:
            return None
        result = results[self.stay_limit_index]
        return StayLimitResult(result.stay_limit, result.message)


def _decider(
    insats: CompiledInsats, combinations: dict[tuple[object, ...], Decision]
) -> Callable[[Situation], Decision]:
    """`insats.decide`, made fast without a memo keyed on the situation.

    Every condition, the consent rule and the målgrupp return shared results built once (per
    value they read), so a decision is a function of *which* results came back and of the
    prövningsdag. The outcome logic and the Decision are therefore worked out once per
    combination (`CompiledInsats._combine`) and remembered here, keyed on the prövningsdag and
    the results' `id()`s: a stored decision holds every object whose id is in its key, so no
    such id can be taken by another object while the entry exists.

    Building that key is the hot path, so it is spelt out for one and two conditions (all but
    a few insatser); any other number takes the general form.
    """
    remembered = combinations.get
    consent_of = insats.consent.evaluate
    target_group_of = insats.target_group.evaluate
    evaluators = tuple(condition.evaluate for condition in insats.conditions)

    def remember(
        key: tuple[object, ...],
        as_of: dt.date,
        results: tuple[ConditionResult, ...],
        consent: ConsentResult,
        target_group: TargetGroupResult,
    ) -> Decision:
        decision = insats._combine(as_of, results, consent, target_group)
        if len(combinations) >= DECISION_MEMO_LIMIT:
            combinations.clear()
        combinations[key] = decision
        return decision

    # A decision is a non-empty tuple, so `remembered(key) or remember(...)` only builds when
    # the memo has no entry.
    if len(evaluators) == 1:
        (first,) = evaluators

        def decide_one(situation: Situation) -> Decision:
            one = first(situation)
            consent, target_group = consent_of(situation), target_group_of(situation)
            key = (situation.as_of, id(consent), id(target_group), id(one))
            return remembered(key) or remember(key, situation.as_of, (one,), consent, target_group)

        return decide_one
    if len(evaluators) == 2:
        first, second = evaluators

        def decide_two(situation: Situation) -> Decision:
            one, two = first(situation), second(situation)
            consent, target_group = consent_of(situation), target_group_of(situation)
            key = (situation.as_of, id(consent), id(target_group), id(one), id(two))
            return remembered(key) or remember(
                key, situation.as_of, (one, two), consent, target_group
            )

        return decide_two

    def decide(situation: Situation) -> Decision:
        results = tuple([evaluate(situation) for evaluate in evaluators])
        consent, target_group = consent_of(situation), target_group_of(situation)
        key = (situation.as_of, id(consent), id(target_group), *map(id, results))
        return remembered(key) or remember(key, situation.as_of, results, consent, target_group)

    return decide


@dataclass(frozen=True, slots=True)
class CompiledCatalog:
    version: str
    valid_from: dt.date
    kommun_kod: str
    kommun_namn: str
    insatser: Mapping[str, CompiledInsats]
    fact_order: Mapping[str, int]
    # Every input any insats reads, and per insats a function picking its key from them: a
    # screening reads the situation once, not once per insats.
    input_keys: tuple[str, ...] = field(init=False)
    _pickers: Mapping[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        universe = inputs.input_keys(*(i.input_keys for i in self.insatser.values()))
        pickers = {
            insats_id: inputs.picker(insats.input_keys, universe)
            for insats_id, insats in self.insatser.items()
        }
        object.__setattr__(self, "input_keys", universe)
        object.__setattr__(self, "_pickers", pickers)

    def judge_all(
        self, situation: Situation, insats_ids: Iterable[str] | None = None
    ) -> list[Decision]:
        values = inputs.read_all(situation, self.input_keys)
        pickers = self._pickers
        if insats_ids is None:
            return [
                insats.judge_keyed(situation, pickers[insats_id](values))
                for insats_id, insats in self.insatser.items()
            ]
        insatser = self.insatser
        return [
            insatser[insats_id].judge_keyed(situation, pickers[insats_id](values))
            for insats_id in insats_ids
        ]

    def ordered_facts(self, keys: Iterable[str]) -> list[str]:
        """Fact keys in the catalogue's question order, each once."""
        last = len(self.fact_order)
        return sorted(set(keys), key=lambda key: (self.fact_order.get(key, last), key))
