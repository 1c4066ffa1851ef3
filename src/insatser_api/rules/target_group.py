"""The målgrupp note: whom the nämnd wants to reach. Never a ground to refuse (bilagan avsnitt 1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from insatser_api.rules.conditions import MEMO_LIMIT
from insatser_api.rules.decision import TargetGroupResult
from insatser_api.rules.memo import remembered
from insatser_api.rules.situation import Situation

_NEVER_REFUSED = (
    "Målgruppen beskriver vilka nämnden vill nå; ingen nekas för att hen står utanför "
    "målgruppen, bara villkoren avgör (bilagan avsnitt 1)."
)


@dataclass(frozen=True, slots=True)
class AgeBand:
    subject: Literal["applicant", "child"]
    min_age: int | None
    max_age: int | None

    def contains(self, age: int) -> bool:
        return (self.min_age is None or age >= self.min_age) and (
            self.max_age is None or age <= self.max_age
        )

    def describe(self) -> str:
        who = "barn" if self.subject == "child" else "personer"
        if self.max_age is None:
            return f"{who} som är {self.min_age} år eller äldre"
        return f"{who} {self.min_age or 0}–{self.max_age} år"


class TargetGroup:
    """Judges only the age bands stated in the målgrupp text; other words are shown, not judged.

    There are only four answers (no bands, inside, unknown, outside), all built here once.
    """

    __slots__ = (
        "_age_keys",
        "_by_age",
        "_inside",
        "_no_bands",
        "_only_key",
        "_outside",
        "_unknown",
        "bands",
        "text",
    )

    def __init__(self, text: str, bands: tuple[AgeBand, ...]) -> None:
        self.text = text
        self.bands = bands
        self._age_keys = tuple((band, f"{band.subject}.age") for band in bands)
        # When every band reads the same age, answers are remembered by that age (bounded).
        keys = {key for _, key in self._age_keys}
        self._only_key = keys.pop() if len(keys) == 1 else None
        self._by_age: dict[int, TargetGroupResult] = {}
        self._no_bands = TargetGroupResult(text, False, _NEVER_REFUSED)
        self._inside = TargetGroupResult(
            text, False, "Personen hör till målgruppens åldersgrupp. " + _NEVER_REFUSED
        )
        self._unknown = TargetGroupResult(
            text,
            None,
            "Åldern som målgruppen anger är okänd, så det går inte att säga om personen hör "
            "till målgruppen. " + _NEVER_REFUSED,
        )
        wanted = " eller ".join(band.describe() for band in bands)
        self._outside = TargetGroupResult(
            text,
            True,
            f"Insatsen riktar sig till {wanted}; personen står utanför målgruppen men kan ändå "
            "ta del av insatsen om villkoren är uppfyllda. " + _NEVER_REFUSED,
        )

    @property
    def reads(self) -> tuple[str, ...]:
        """The ages the note depends on."""
        return tuple(dict.fromkeys(key for _, key in self._age_keys))

    def evaluate(self, situation: Situation) -> TargetGroupResult:
        if self._only_key is not None:
            # Every band reads the same age (the common case): the answer is one lookup by age.
            age = situation.facts.get(self._only_key)
            if type(age) is int:
                return self._by_age.get(age) or remembered(
                    self._by_age, age, lambda _: self._evaluate_afresh(situation), MEMO_LIMIT
                )
            if age is None:
                return self._unknown
        return self._evaluate_afresh(situation)

    def _evaluate_afresh(self, situation: Situation) -> TargetGroupResult:
        """The answer found band by band (the reference for `evaluate`)."""
        if not self.bands:
            return self._no_bands
        some_unknown = False
        facts = situation.facts
        for band, age_key in self._age_keys:
            age = facts.get(age_key)
            if type(age) is not int:  # absent, or not a plain int: let `age()` judge it
                age = situation.age(band.subject)
            if age is None:
                some_unknown = True
            elif band.contains(age):
                return self._inside
        return self._unknown if some_unknown else self._outside
