"""Compiled insatser: conditions built once at catalogue load, judged per request.

Speed (docs/performance.md): the app screens every insats on each change of a form. Each
condition, consent rule and målgrupp returns answers built once; on top of that each insats
keeps a small memo of whole decisions keyed on the inputs it reads (`inputs.py`), so a screening
is mostly one tuple lookup per insats. Without that memo (`decide`, for inputs not seen before)
the decision is looked up by which answers the parts gave (`deciding.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from typing import Any

from insatser_api.catalog.schemas import DocumentationMode
from insatser_api.rules import inputs
from insatser_api.rules.conditions import Condition, StayLimit
from insatser_api.rules.consent import ConsentRule
from insatser_api.rules.deciding import Decider
from insatser_api.rules.decision import Decision
from insatser_api.rules.memo import kept
from insatser_api.rules.situation import Situation
from insatser_api.rules.target_group import TargetGroup

# Decisions remembered per insats. A day's traffic repeats far fewer distinct inputs than this
# (the key holds the prövningsdag, so yesterday's entries stop being hit); when the memo is
# full it is emptied and fills again, which bounds memory whatever callers send.
DECISION_MEMO_LIMIT = 4096


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
    `Decider` (rules/deciding.py), which saves a call on the hot path.
    """

    decide: Callable[[Situation], Decision]

    __slots__ = (
        "_decider",
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
        # `decide` remembers results and decisions by identity (rules/deciding.py).
        self._decider = Decider(self)
        self.decide = self._decider.decide
        # (`decide` holds the parts and the fields it needs, not this object: no reference
        # cycle, so a replaced catalogue is freed at once, memos and all.)

    def judge(self, situation: Situation) -> Decision:
        return self.judge_keyed(situation, inputs.read_all(situation, self.input_keys))

    def judge_keyed(self, situation: Situation, key: tuple[Hashable, ...]) -> Decision:
        """`judge`, with the situation's values for `input_keys` already read."""
        return self._memo.get(key) or kept(
            self._memo, key, self.decide(situation), DECISION_MEMO_LIMIT
        )


def _reordering(indices: list[int]) -> Callable[[tuple[Decision, ...]], list[Decision]]:
    """A function from a tuple to the list of its items at `indices`, in C for two or more
    (itemgetter of one index returns the bare item, of none cannot be made)."""
    if len(indices) < 2:
        return lambda items: [items[i] for i in indices]
    pick = itemgetter(*indices)
    return lambda items: list(pick(items))


class _Group:
    """Insatser that read the same inputs, and a memo of their decisions by those inputs."""

    __slots__ = ("members", "memo", "pick", "remembered")

    def __init__(self, pick: Any, members: tuple[Callable[[Situation], Decision], ...]) -> None:
        self.pick = pick
        # Per member its `decide`: the group's memo stands in for the members' own memos here
        # (which serve the single-insats path), so a new situation is stored once, not twice.
        self.members = members
        self.memo: dict[Hashable, tuple[Decision, ...]] = {}
        self.remembered = self.memo.get

    def judge(self, situation: Situation, key: Hashable) -> tuple[Decision, ...]:
        decisions = tuple([decide(situation) for decide in self.members])
        return kept(self.memo, key, decisions, DECISION_MEMO_LIMIT)


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
    # For screening every insats: the insatser grouped by the inputs they read (16 of the 28
    # read exactly the prövningsdag, the consent, the age and the folkbokföring), each group
    # with a memo of its members' decisions, so a screening makes one lookup per group instead
    # of one per insats; `_order` puts the groups' decisions back in catalogue order.
    _groups: tuple[_Group, ...] = field(init=False, repr=False, compare=False)
    _order: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        universe = inputs.input_keys(*(i.input_keys for i in self.insatser.values()))
        pickers = {
            insats_id: inputs.picker(insats.input_keys, universe)
            for insats_id, insats in self.insatser.items()
        }
        members: dict[frozenset[str], list[str]] = {}
        for insats_id, insats in self.insatser.items():
            members.setdefault(frozenset(insats.input_keys), []).append(insats_id)
        groups = tuple(
            _Group(
                # The group's key: its inputs in the order of the universe (a stable order).
                inputs.picker(tuple(k for k in universe if k in keys), universe),
                tuple(self.insatser[i].decide for i in ids),
            )
            for keys, ids in members.items()
        )
        position = {insats_id: i for i, insats_id in enumerate(self.insatser)}
        grouped = [position[i] for ids in members.values() for i in ids]
        # `_order(concatenated)`: decision of the insats at position p is concatenated[index[p]].
        index = {p: i for i, p in enumerate(grouped)}
        object.__setattr__(self, "input_keys", universe)
        object.__setattr__(self, "_pickers", pickers)
        object.__setattr__(self, "_groups", groups)
        object.__setattr__(self, "_order", _reordering([index[p] for p in range(len(grouped))]))

    def judge_all(
        self, situation: Situation, insats_ids: Iterable[str] | None = None
    ) -> list[Decision]:
        values = inputs.read_all(situation, self.input_keys)
        if insats_ids is None:
            # `remembered(key) or ...`: a tuple of decisions is never empty, so never false.
            every = [
                group.remembered(key := group.pick(values)) or group.judge(situation, key)
                for group in self._groups
            ]
            reorder: Callable[[tuple[Decision, ...]], list[Decision]] = self._order
            return reorder(tuple(chain.from_iterable(every)))
        pickers = self._pickers
        insatser = self.insatser
        return [
            insatser[insats_id].judge_keyed(situation, pickers[insats_id](values))
            for insats_id in insats_ids
        ]

    def ordered_facts(self, keys: Iterable[str]) -> list[str]:
        """Fact keys in the catalogue's question order, each once."""
        last = len(self.fact_order)
        return sorted(set(keys), key=lambda key: (self.fact_order.get(key, last), key))
