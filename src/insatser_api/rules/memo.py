"""The ways the rules layer bounds a memo, so that odd input can never fill the memory.

Every memo is keyed on values the request states (an age, a kommunkod, a day), never on the
identity of an object, and holds frozen results only, so a remembered answer is the answer.

- `remembered`: the memo stops growing when full, and further answers are built per call. For
  memos keyed by one value (an age, a kommunkod, a day), whose few entries are hit all day.
- `kept`: the memo is emptied when full and fills again. For memos keyed on the prövningsdag
  and the facts an insats reads (decisions), whose old entries stop being hit when the day
  changes.
- `shared`: an equal value already held, so that equal parts of many remembered decisions are
  one object, not a copy each; emptied when full, as `kept`.

The limit is passed by the caller, read from its own module at call time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def remembered(memo: dict[K, V], key: K, build: Callable[[K], V], limit: int) -> V:
    """`memo[key]`, built by `build(key)` the first time (while the memo has room)."""
    value = memo.get(key)
    if value is None:
        value = build(key)
        if len(memo) < limit:
            memo[key] = value
    return value


def kept(memo: dict[K, V], key: K, value: V, limit: int) -> V:
    """`value`, stored under `key`; a full memo is emptied first."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value


def shared(memo: dict[V, V], value: V, limit: int) -> V:
    """A value equal to `value` already in `memo`, else `value` itself, stored; a full memo is
    emptied first. Keyed on the value, so only an equal value is ever returned."""
    found = memo.get(value)
    if found is None:
        found = kept(memo, value, value, limit)
    return found
