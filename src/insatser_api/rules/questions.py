"""Which question to ask next (api.md, Answers that drive a form).

Derived from the decisions alone: an insats whose outcome is `needs_information` names the facts
it lacks, so a fact "decides" the undecided insatser that lack it. The first question is the one
that decides the most; ties follow the catalogue's question order. No rule is repeated here:
what is undecided, and for want of which fact, is what `outcome.decide` said.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from insatser_api.rules.facts import FactKey
from insatser_api.rules.results import Decision, Outcome


@dataclass(frozen=True, slots=True)
class Question:
    fact: FactKey
    decides: tuple[str, ...]  # the undecided insatser that lack this fact, in the given order


def next_questions(decisions: Iterable[Decision], order: Mapping[str, int]) -> tuple[Question, ...]:
    """The facts the undecided insatser lack, the one deciding the most first; `order` is the
    catalogue's question order (a fact's position), which breaks ties."""
    decides: dict[FactKey, list[str]] = {}
    for decision in decisions:
        if decision.outcome is Outcome.NEEDS_INFORMATION:
            for key in decision.missing_facts:
                decides.setdefault(key, []).append(decision.insats_id)
    last = len(order)
    ranked = sorted(decides, key=lambda key: (-len(decides[key]), order.get(key, last), key))
    return tuple(Question(key, tuple(decides[key])) for key in ranked)
