"""Which question to ask next (api.md, Answers that drive a form).

Derived from the decisions alone: an insats whose outcome is `needs_information` names the facts
it lacks, so a fact "decides" the undecided insatser that lack it. The consent part of an answer
not refused names what could still change it (`ConsentResult.asks`): the vårdnadshavare's
consent where it is needed and not stated (a yes makes the answer eligible, a no refuses it),
and whether the child takes part in Samarbetssamtal's talks. The missing facts come first (they
decide the insatser still `needs_information`), the one deciding the most first; then what
could change a consent part; ties follow the catalogue's question order. No rule is repeated here: what is
undecided, and for want of which fact, is what `outcome.decide` said.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from insatser_api.rules.facts import FactKey
from insatser_api.rules.results import Decision, Outcome


@dataclass(frozen=True, slots=True)
class Question:
    fact: FactKey
    decides: tuple[str, ...]  # the insatser this fact could still settle, in the given order


def next_questions(decisions: Iterable[Decision], order: Mapping[str, int]) -> tuple[Question, ...]:
    """The facts the undecided insatser lack, the one deciding the most first; `order` is the
    catalogue's question order (a fact's position), which breaks ties."""
    decides: dict[FactKey, list[str]] = {}
    missing: set[FactKey] = set()
    for decision in decisions:
        keys: tuple[FactKey, ...] = ()
        if decision.outcome is Outcome.NEEDS_INFORMATION:
            keys = decision.missing_facts
            missing.update(keys)
        if decision.outcome is not Outcome.NOT_ELIGIBLE:
            keys = (*keys, *(k for k in decision.consent.asks if k not in keys))
        for key in keys:
            decides.setdefault(key, []).append(decision.insats_id)
    last = len(order)
    ranked = sorted(
        decides,
        key=lambda key: (key not in missing, -len(decides[key]), order.get(key, last), key),
    )
    return tuple(Question(key, tuple(decides[key])) for key in ranked)
