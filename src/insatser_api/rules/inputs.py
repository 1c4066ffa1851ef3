"""What a situation says about the inputs an insats reads, as a hashable key.

An insats' decision depends only on the prövningsdag, the guardian's consent and the few facts
its conditions, consent rule and målgrupp read (`fact_keys`, `reads`). The engine keys a small
memo of decisions on exactly those inputs (docs/performance.md): people who agree on them get
the same answer, so it is computed once.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from operator import itemgetter
from typing import Any

from insatser_api.rules.situation import Situation

AS_OF = "as_of"
GUARDIAN_CONSENT = "guardian_consent"
HISTORY = "history"
STAY_UNTIL = "stay_until"

# Values that hash and compare by value without surprises; any other type (bool above all,
# since True == 1) is tagged with its type, so an age 1 and a stated `true` never share a key.
_PLAIN = frozenset({str, int, type(None)})


def read(situation: Situation, key: str) -> Hashable:
    """The situation's value for one input key, made safe to use in a memo key."""
    if key == AS_OF:
        return situation.as_of
    if key == GUARDIAN_CONSENT:
        value: Any = situation.guardian_consent
    elif key == HISTORY:
        return situation.history
    elif key == STAY_UNTIL:
        return situation.stay_until
    else:
        value = situation.facts.get(key)
    return value if type(value) in _PLAIN else (type(value), value)


def read_all(situation: Situation, keys: Iterable[str]) -> tuple[Hashable, ...]:
    return tuple([read(situation, key) for key in keys])


def input_keys(*groups: Iterable[str]) -> tuple[str, ...]:
    """The prövningsdag and the consent first, then every other key once, in a stable order."""
    return tuple(dict.fromkeys((AS_OF, GUARDIAN_CONSENT, *(k for g in groups for k in g))))


def picker(keys: tuple[str, ...], universe: tuple[str, ...]) -> Any:
    """A function from `read_all(situation, universe)` to the key of `keys` (as a tuple)."""
    index = {key: i for i, key in enumerate(universe)}
    positions = [index[key] for key in keys]
    # itemgetter returns a bare value for one position; input_keys always gives at least two.
    assert len(positions) >= 2
    return itemgetter(*positions)
