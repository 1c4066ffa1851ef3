"""What a request says about a person on the prövningsdag, as typed objects.

Every attribute is one fact of `facts.FactKey`, at the same path as in the request body; None is
a fact the request did not state (unknown, and asked for when a villkor needs it). The request
boundary (eligibility/) has already checked the types: an age is an int, a yes/no fact a bool.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from insatser_api.rules.facts import FactKey


@dataclass(frozen=True, slots=True)
class Applicant:
    """The person the question is about (`applicant` in the request)."""

    age: int | None = None  # completed years on the prövningsdag
    # A kommunkod, or facts.NOT_FOLKBOKFORD for a samordningsnummer holder.
    folkbokford_kommunkod: str | None = None
    # No villkor reads it (they read the age, and decisions are remembered by it); it gives the
    # day a refused person reaches an age bound (changes.eligible_from).
    birth_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Child:
    """The child an insats for parents is about (`child` in the request)."""

    age: int | None = None
    folkbokford_kommunkod: str | None = None
    participates: bool | None = None  # takes part in the talks (Samarbetssamtal)


@dataclass(frozen=True, slots=True)
class StatedFacts:
    """What the person states about themselves (`facts` in the request); no assessment."""

    has_cra_behandlare: bool | None = None
    had_bostad_forst: bool | None = None
    has_hyreskontrakt_in_kommun: bool | None = None
    completed_12_step_primary: bool | None = None
    placed_outside_home_by_kommunkod: str | None = None
    placed_outside_home_in_kommunkod: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """An insats the person has taken part in, and the day it ended."""

    insats_id: str | None
    enhet: str | None
    ended_on: dt.date


@dataclass(frozen=True, slots=True)
class Situation:
    """The person's situation on the prövningsdag (`as_of`).

    `history` is None when the request said nothing about earlier insatser, and an empty tuple
    when it said there were none.
    """

    as_of: dt.date
    applicant: Applicant = field(default_factory=Applicant)
    child: Child = field(default_factory=Child)
    facts: StatedFacts = field(default_factory=StatedFacts)
    guardian_consent: bool | None = None
    history: tuple[HistoryItem, ...] | None = None
    stay_until: dt.date | None = None

    @classmethod
    def from_facts(
        cls, as_of: dt.date, facts: Mapping[str, object] | None = None, **others: object
    ) -> Situation:
        """A situation from facts named by their key (`{"applicant.age": 30}`), as a form or a
        test states them; `others` are further facts by attribute (`guardian_consent=True`)."""
        situation = replace(cls(as_of=as_of), **others)  # type: ignore[arg-type]
        for key, value in (facts or {}).items():
            situation = situation.with_fact(key, value)
        return situation

    def with_fact(self, key: str, value: object) -> Situation:
        """This situation with one fact (a `FactKey`, by its path) set to `value`. An unknown
        key is a ValueError."""
        group, _, name = FactKey(key).value.partition(".")
        if not name:
            return replace(self, **{group: value})  # type: ignore[arg-type]
        return replace(self, **{group: replace(getattr(self, group), **{name: value})})
