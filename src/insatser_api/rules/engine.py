"""Compiled insatser: conditions built once at catalogue load, judged per request.

A decision depends on the prövningsdag and on the few facts an insats' parts read (their
`fact_keys`), nothing else; so each insats remembers its decisions by those values, and people
who agree on them share one answer, worked out once by `outcome.decide`. A screening reads the
situation once and looks the decisions up per group of insatser that read the same facts
(docs/performance.md). Every memo is keyed on values and bounded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from insatser_api.rules.conditions import Condition, StayLimit
from insatser_api.rules.consent import ConsentRule
from insatser_api.rules.facts import FactKey
from insatser_api.rules.memo import kept, shared
from insatser_api.rules.outcome import decide
from insatser_api.rules.questions import Question, next_questions
from insatser_api.rules.results import Decision
from insatser_api.rules.situation import Situation
from insatser_api.rules.target_group import TargetGroup

# Decisions remembered per insats (and per group of insatser). The key holds the prövningsdag,
# so yesterday's entries stop being hit; when a memo is full it is emptied and fills again,
# which bounds memory whatever callers send.
DECISION_MEMO_LIMIT = 4096


# A stated history names the days earlier insatser ended, so nearly every person's is their own
# (on bench/people.py's stream: 27,400 of the 28,500 keys of 100,000 people for the insatser
# that read it). Decisions on one are worked out per call and not remembered: they would fill
# the memo, empty it for everybody else, and never be hit (docs/performance.md, worker RSS).
def _remembers(keys: Iterable[FactKey]) -> Callable[[Situation], bool]:
    """Whether a decision on `keys` for a situation is worth remembering."""
    if FactKey.HISTORY in keys:
        return lambda situation: not situation.history
    return lambda situation: True


# Distinct parts of decisions (villkor results, changes, stay limits) shared per insats.
SHARED_LIMIT = 4096

T = TypeVar("T", bound=Hashable)

# A memo key: the prövningsdag, then the values of the facts read, in `fact_keys` order.
Key = tuple[dt.date, tuple[Hashable, ...]]


def information_11_kap_6(kommun_namn: str) -> str:
    """What every refusal must tell the person (SoL 2025:400 11 kap. 6 §)."""
    return (
        "Du kan alltid ansöka om insatser och få ditt behov prövat enligt 11 kap. 1 § "
        f"socialtjänstlagen (2025:400). Kontakta socialtjänsten i {kommun_namn} för att ansöka. "
        "(Information enligt 11 kap. 6 § socialtjänstlagen (2025:400).)"
    )


def _reader(keys: tuple[FactKey, ...]) -> Callable[[Situation], tuple[Hashable, ...]]:
    """The values of `keys` in a situation, as one tuple (the paths are attribute paths)."""
    read = attrgetter(*keys)
    if len(keys) == 1:  # attrgetter of one path returns the bare value
        return lambda situation: (read(situation),)
    return read


def _picker(keys: tuple[FactKey, ...], universe: tuple[FactKey, ...]) -> Any:
    """From the values of `universe` (a tuple) to the values of `keys` (a tuple)."""
    positions = [universe.index(key) for key in keys]
    if len(positions) == 1:
        return lambda values: (values[positions[0]],)
    return itemgetter(*positions)


class CompiledInsats:
    """One insats, ready to judge: its conditions, consent rule and målgrupp."""

    __slots__ = (
        "_memo",
        "_read",
        "_remembers",
        "_shared",
        "catalog_version",
        "conditions",
        "consent",
        "fact_keys",
        "id",
        "information",
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
        information: str,
    ) -> None:
        self.id = insats_id
        self.section = section
        self.catalog_version = catalog_version
        self.conditions = tuple(conditions)
        self.consent = consent
        self.target_group = target_group
        self.information = information
        # Which condition, if any, limits a stay (Akutboendet).
        self.stay_limit_index = next(
            (i for i, c in enumerate(self.conditions) if isinstance(c, StayLimit)), None
        )
        # Every fact a decision can depend on, once each (besides the prövningsdag).
        self.fact_keys: tuple[FactKey, ...] = tuple(
            dict.fromkeys(
                (
                    *consent.fact_keys,
                    *target_group.fact_keys,
                    *(key for condition in self.conditions for key in condition.fact_keys),
                )
            )
        )
        self._read = _reader(self.fact_keys)
        self._memo: dict[Key, Decision] = {}
        self._remembers = _remembers(self.fact_keys)
        self._shared: dict[Hashable, Any] = {}

    def decide(self, situation: Situation) -> Decision:
        """The decision worked out afresh (`outcome.decide`)."""
        return decide(self, situation)

    def share(self, value: T) -> T:
        """An equal part of an earlier decision on this insats, else `value` (rules/memo.py)."""
        found: T = shared(self._shared, value, SHARED_LIMIT)
        return found

    def judge(self, situation: Situation) -> Decision:
        """The decision, remembered by the values of `fact_keys` on the prövningsdag."""
        return self.judge_keyed(situation, (situation.as_of, self._read(situation)))

    def judge_keyed(self, situation: Situation, key: Key) -> Decision:
        """`judge`, with the memo key already read."""
        if not self._remembers(situation):
            return decide(self, situation)
        found = self._memo.get(key)
        if found is None:
            found = kept(self._memo, key, decide(self, situation), DECISION_MEMO_LIMIT)
        return found


class _Group:
    """Insatser that read the same facts, and one memo of their decisions by those facts: a
    screening makes one lookup per group instead of one per insats."""

    __slots__ = ("members", "memo", "pick", "remembers")

    def __init__(self, pick: Any, members: tuple[CompiledInsats, ...]) -> None:
        self.pick = pick
        self.members = members
        self.memo: dict[Key, tuple[Decision, ...]] = {}
        self.remembers = _remembers(members[0].fact_keys)

    def judge(self, situation: Situation, values: tuple[Hashable, ...]) -> tuple[Decision, ...]:
        if not self.remembers(situation):
            return tuple([member.decide(situation) for member in self.members])
        key = (situation.as_of, self.pick(values))
        found = self.memo.get(key)
        if found is None:
            decisions = tuple([member.decide(situation) for member in self.members])
            found = kept(self.memo, key, decisions, DECISION_MEMO_LIMIT)
        return found


@dataclass(frozen=True, slots=True)
class CompiledCatalog:
    version: str
    valid_from: dt.date
    kommun_kod: str
    kommun_namn: str
    insatser: Mapping[str, CompiledInsats]
    fact_order: Mapping[str, int]
    # Every fact any insats reads; a screening reads them from the situation once.
    fact_keys: tuple[FactKey, ...] = field(init=False)
    _read: Callable[[Situation], tuple[Hashable, ...]] = field(init=False, repr=False)
    _pickers: Mapping[str, Any] = field(init=False, repr=False, compare=False)
    _groups: tuple[_Group, ...] = field(init=False, repr=False, compare=False)
    # From the groups' decisions, concatenated, to the decisions in catalogue order.
    _order: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        universe = tuple(dict.fromkeys(k for i in self.insatser.values() for k in i.fact_keys))
        members: dict[frozenset[FactKey], list[CompiledInsats]] = {}
        for insats in self.insatser.values():
            members.setdefault(frozenset(insats.fact_keys), []).append(insats)
        groups = tuple(
            # The group's key: its facts in the order of the universe (a stable order).
            _Group(_picker(tuple(k for k in universe if k in keys), universe), tuple(insatser))
            for keys, insatser in members.items()
        )
        grouped = [insats.id for insatser in members.values() for insats in insatser]
        position = {insats_id: i for i, insats_id in enumerate(grouped)}
        object.__setattr__(self, "fact_keys", universe)
        object.__setattr__(self, "_read", _reader(universe))
        object.__setattr__(
            self,
            "_pickers",
            {i: _picker(insats.fact_keys, universe) for i, insats in self.insatser.items()},
        )
        object.__setattr__(self, "_groups", groups)
        object.__setattr__(self, "_order", tuple(position[i] for i in self.insatser))

    def judge_all(
        self, situation: Situation, insats_ids: Iterable[str] | None = None
    ) -> list[Decision]:
        """The decisions for `insats_ids` (default: every insats), in that order."""
        values = self._read(situation)
        if insats_ids is None:
            every = [d for group in self._groups for d in group.judge(situation, values)]
            return [every[i] for i in self._order]
        return [
            self.insatser[i].judge_keyed(situation, (situation.as_of, self._pickers[i](values)))
            for i in insats_ids
        ]

    def next_questions(self, decisions: Iterable[Decision]) -> tuple[Question, ...]:
        """What to ask next about the person these decisions are for (rules/questions.py)."""
        return next_questions(decisions, self.fact_order)

    def ordered_facts(self, keys: Iterable[str]) -> list[str]:
        """Fact keys in the catalogue's question order, each once."""
        last = len(self.fact_order)
        return sorted(set(keys), key=lambda key: (self.fact_order.get(key, last), key))
