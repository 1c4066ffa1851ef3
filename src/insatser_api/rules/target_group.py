"""The målgrupp note: whom the nämnd wants to reach. Never a ground to refuse (bilagan avsnitt 1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from insatser_api.rules.facts import AGE_OF, NO_CHILD, FactKey
from insatser_api.rules.results import TargetGroupResult
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
        who = "föräldrar till barn" if self.subject == "child" else "personer"
        if self.max_age is None:
            return f"{who} som är {self.min_age} år eller äldre"
        return f"{who} {self.min_age or 0}–{self.max_age} år"


class TargetGroup:
    """Judges only the age bands stated in the målgrupp text; other words are shown, not judged.

    There are only five answers (no bands, inside, unknown, outside, no child), all built here
    once. A band of the child's age (the parent insatser) speaks of the child: it is the child
    who is outside the band, or the person who has no child.
    """

    __slots__ = ("_inside", "_no_bands", "_no_child", "_outside", "_unknown", "bands", "text")

    def __init__(self, text: str, bands: tuple[AgeBand, ...]) -> None:
        self.text = text
        self.bands = bands
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
        of_child = bool(bands) and all(band.subject == "child" for band in bands)
        who = (
            "barnet är inte i målgruppens ålder" if of_child else "personen står utanför målgruppen"
        )
        self._outside = TargetGroupResult(
            text,
            True,
            f"Insatsen riktar sig till {wanted}; {who}, men personen kan ändå ta del av "
            "insatsen om villkoren är uppfyllda. " + _NEVER_REFUSED,
        )
        self._no_child = TargetGroupResult(
            text,
            True,
            f"Insatsen riktar sig till {wanted}; personen har inget barn, men kan ändå ta del av "
            "insatsen om villkoren är uppfyllda. " + _NEVER_REFUSED,
        )

    @property
    def fact_keys(self) -> tuple[FactKey, ...]:
        """The ages the note depends on; for a band of the child's age also the child's
        folkbokföring, which says when there is no child (facts.NO_CHILD)."""
        keys = [AGE_OF[band.subject] for band in self.bands]
        if any(band.subject == "child" for band in self.bands):
            keys.append(FactKey.CHILD_FOLKBOKFORD)
        return tuple(dict.fromkeys(keys))

    def evaluate(self, situation: Situation) -> TargetGroupResult:
        """Inside when some band holds the age it names; unknown when no band does and some
        age is not known; otherwise outside."""
        if not self.bands:
            return self._no_bands
        some_unknown = False
        no_child = situation.child.folkbokford_kommunkod == NO_CHILD
        for band in self.bands:
            if band.subject == "child" and no_child:
                continue
            age = situation.applicant.age if band.subject == "applicant" else situation.child.age
            if age is None:
                some_unknown = True
            elif band.contains(age):
                return self._inside
        if some_unknown:
            return self._unknown
        return self._no_child if no_child and self.bands[0].subject == "child" else self._outside
