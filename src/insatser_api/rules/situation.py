"""What a request says about a person, reduced to the facts the conditions read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

FactValue = bool | str | int

# The folkbokföring fact of someone known not to be folkbokförd anywhere (a samordningsnummer
# holder, rules.md Folkbokföring): never equal to a kommunkod, so a folkbokföring villkor is
# not met rather than unknown.
NOT_FOLKBOKFORD = "ej folkbokförd"

# The fact keys of the ages the rules read, spelt once rather than formatted on every call.
_AGE_KEY = {"applicant": "applicant.age", "child": "child.age"}


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """An insats the person has taken part in, and the day it ended."""

    insats_id: str | None
    enhet: str | None
    ended_on: dt.date


@dataclass(frozen=True, slots=True)
class Situation:
    """The person's situation on the prövningsdag.

    `facts` is keyed by the request's JSON path (`applicant.age`, `facts.had_bostad_forst`, ...);
    an absent key is an unknown fact. `history` is None when the request said nothing about
    earlier insatser, and an empty tuple when it said there were none.
    """

    as_of: dt.date
    facts: Mapping[str, FactValue] = field(default_factory=dict)
    history: tuple[HistoryItem, ...] | None = None
    stay_until: dt.date | None = None
    guardian_consent: bool | None = None

    def fact(self, key: str) -> FactValue | None:
        return self.facts.get(key)

    def age(self, subject: str = "applicant") -> int | None:
        value = self.facts.get(_AGE_KEY.get(subject) or f"{subject}.age")
        # `type(...) is int` is the common case, checked first; a bool is never an age.
        if type(value) is int or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        return None
