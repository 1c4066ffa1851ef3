"""The closed set of condition kinds. Each is a small class: parameters from the catalogue,
`fact_keys` (what it reads), and an `evaluate` that answers met / not met / unknown with a
Swedish message citing the bilaga. Adding a kind: docs/architecture.md.

Results are frozen and shared: what depends only on the catalogue is built in `__init__`, what
also depends on one stated value (an age, a kommunkod, the prövningsdag) the first time that
value is seen, kept in a small bounded memo keyed on the value (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from insatser_api.rules.age import add_years
from insatser_api.rules.calendar import next_vardag
from insatser_api.rules.facts import NEGATIVE_MEANS, NOT_FOLKBOKFORD, FactKey, read_fact
from insatser_api.rules.memo import remembered
from insatser_api.rules.results import ConditionResult, Status
from insatser_api.rules.situation import HistoryItem, Situation

MET, NOT_MET, UNKNOWN = Status.MET, Status.NOT_MET, Status.UNKNOWN

# Enough for every age (0–130) and every kommunkod or day a busy server meets; past it a memo
# stops growing and further results are built per call, so odd input cannot fill the memory.
MEMO_LIMIT = 512


@dataclass(frozen=True, slots=True)
class Way:
    """One way a villkor that is not met (or unknown) could become met: the codes of the
    villkor it meets, what would be true, said after "om" ("personen har fyllt 18 år"), and
    the age it takes when it is an age bound (consent is judged at that age)."""

    codes: tuple[str, ...]
    phrase: str
    at_age: int | None = None


class Condition(ABC):
    """One villkor. Subclasses set their parameters and implement `evaluate`, and, where the
    default does not say it, `ways` (what would make it met; rules/changes.py)."""

    __slots__ = ("code", "description", "source")

    def __init__(self, code: str, description: str, source: str) -> None:
        self.code = code
        self.description = description
        self.source = source

    @property
    @abstractmethod
    def fact_keys(self) -> tuple[FactKey, ...]:
        """Every fact `evaluate` reads (besides the prövningsdag): decisions are remembered by
        these, forms ask for them, and an unknown one is named in `missing`."""

    @abstractmethod
    def evaluate(self, situation: Situation) -> ConditionResult: ...

    def ways(self, result: ConditionResult, situation: Situation) -> tuple[Way, ...]:
        """The ways this villkor, not met or unknown as `result` says, could become met; none
        when no change of the person's situation can meet it. By default the description says
        what is needed ("Har en CRA-behandlare" → "personen har en CRA-behandlare")."""
        return (Way((self.code,), _subject_first(self.description, "personen ")),)

    def _result(
        self,
        status: Status,
        verdict: str,
        missing: tuple[FactKey, ...] = (),
        stay_limit: dt.date | None = None,
    ) -> ConditionResult:
        message = f"{self.description}: {verdict} (bilagan avsnitt {self.source})."
        return ConditionResult(self.code, status, message, self.source, missing, stay_limit)


class AgeRange(Condition):
    """Age in completed years within [min_age, max_age], both ends inclusive (rules.md, Age)."""

    __slots__ = ("_by_age", "_unknown", "max_age", "min_age")

    def __init__(
        self, code: str, description: str, source: str, min_age: int | None, max_age: int | None
    ) -> None:
        super().__init__(code, description, source)
        self.min_age = min_age
        self.max_age = max_age
        self._unknown = self._result(
            UNKNOWN, "okänt, personens ålder saknas", (FactKey.APPLICANT_AGE,)
        )
        self._by_age: dict[int, ConditionResult] = {}

    @property
    def fact_keys(self) -> tuple[FactKey, ...]:
        return (FactKey.APPLICANT_AGE,)

    def evaluate(self, situation: Situation) -> ConditionResult:
        age = situation.applicant.age
        if age is None:
            return self._unknown
        return remembered(self._by_age, age, self._judge, MEMO_LIMIT)

    def ways(self, result: ConditionResult, situation: Situation) -> tuple[Way, ...]:
        age = situation.applicant.age
        if age is None:
            return (Way((self.code,), f"personen är {self._band()}", self.min_age),)
        if self.max_age is not None and age > self.max_age:
            return ()  # nobody becomes younger
        if self.min_age is None:
            return ()
        return (Way((self.code,), f"personen har fyllt {self.min_age} år", self.min_age),)

    def _band(self) -> str:
        if self.max_age is None:
            return f"{self.min_age} år eller äldre"
        if self.min_age is None:
            return f"högst {self.max_age} år"
        return f"{self.min_age}–{self.max_age} år"

    def _judge(self, age: int) -> ConditionResult:
        too_young = self.min_age is not None and age < self.min_age
        too_old = self.max_age is not None and age > self.max_age
        if too_young or too_old:
            return self._result(NOT_MET, f"inte uppfyllt, personen är {age} år")
        return self._result(MET, f"uppfyllt, personen är {age} år")


class _OneFact(Condition):
    """A condition on one stated fact; an absent fact is unknown and is asked for."""

    __slots__ = ("_by_value", "_unknown", "fact")

    def __init__(self, code: str, description: str, source: str, fact: FactKey) -> None:
        super().__init__(code, description, source)
        self.fact = fact
        self._unknown = self._result(UNKNOWN, "okänt, uppgiften saknas", (fact,))
        # One fact has one type (a kommunkod is a str, a yes/no fact a bool), so its values
        # key the memo as they are.
        self._by_value: dict[object, ConditionResult] = {}

    @property
    def fact_keys(self) -> tuple[FactKey, ...]:
        return (self.fact,)

    def evaluate(self, situation: Situation) -> ConditionResult:
        value = read_fact(situation, self.fact)
        if value is None:
            return self._unknown
        return remembered(self._by_value, value, self._judge, MEMO_LIMIT)

    @abstractmethod
    def _judge(self, value: object) -> ConditionResult: ...


class InKommun(_OneFact):
    """A kommunkod fact (folkbokföring of applicant or child, a placement) equals `kommunkod`."""

    __slots__ = ("kommunkod",)

    def __init__(
        self, code: str, description: str, source: str, fact: FactKey, kommunkod: str
    ) -> None:
        super().__init__(code, description, source, fact)
        self.kommunkod = kommunkod

    def ways(self, result: ConditionResult, situation: Situation) -> tuple[Way, ...]:
        # "Folkbokförd i …" is the applicant's; "Placerat …" the child's; "Barnet är …" says it.
        subject = "personen är " if self.fact is FactKey.APPLICANT_FOLKBOKFORD else "barnet är "
        return (Way((self.code,), _subject_first(self.description, subject)),)

    def _judge(self, value: object) -> ConditionResult:
        if value == self.kommunkod:
            return self._result(MET, "uppfyllt")
        if value == NOT_FOLKBOKFORD:
            return self._result(
                NOT_MET, "inte uppfyllt, personen har samordningsnummer och är inte folkbokförd"
            )
        negative = NEGATIVE_MEANS.get((self.fact, str(value)))
        if negative is not None:
            return self._result(NOT_MET, f"inte uppfyllt, {negative}")
        return self._result(NOT_MET, f"inte uppfyllt, angiven kommunkod är {value}")


class YesNoFact(_OneFact):
    """A fact the person states, yes or no; no assessment is made (bilagan avsnitt 1)."""

    __slots__ = ("expected",)

    def __init__(
        self, code: str, description: str, source: str, fact: FactKey, expected: bool
    ) -> None:
        super().__init__(code, description, source, fact)
        self.expected = expected

    def ways(self, result: ConditionResult, situation: Situation) -> tuple[Way, ...]:
        clause = _subject_first(self.description, "personen ")
        return (Way((self.code,), clause if self.expected else f"det inte gäller att {clause}"),)

    def _judge(self, value: object) -> ConditionResult:
        if value is self.expected:
            return self._result(MET, "uppfyllt")
        return self._result(NOT_MET, "inte uppfyllt")


class EarlierInsats(Condition):
    """An earlier insats, named by id or by enhet, that ended at most `within_years` before the
    prövningsdag: `ended_on` ≤ as_of ≤ `ended_on` + years, both ends inclusive. An insats of
    `excluded` never counts, whatever enhet it is given with."""

    __slots__ = (
        "_enhet_of_insats",
        "_unknown",
        "enheter",
        "excluded",
        "insats_ids",
        "within_years",
    )

    def __init__(
        self,
        code: str,
        description: str,
        source: str,
        insats_ids: Iterable[str],
        enheter: Iterable[str],
        within_years: int,
        enhet_of_insats: Mapping[str, str],
        excluded: Iterable[str] = (),
    ) -> None:
        super().__init__(code, description, source)
        # Never counted, even at a listed enhet: the booster itself does not open another.
        self.excluded = frozenset(excluded)
        self.enheter = frozenset(e.casefold() for e in enheter)
        self.insats_ids = frozenset(insats_ids)
        # An insats named by id counts if it is listed, or if it belongs to a listed enhet. The
        # catalogue's mapping is kept, not copied into a set per condition, so compiling stays
        # linear in the number of insatser; the lookup is done when a history is judged.
        self._enhet_of_insats = enhet_of_insats
        self.within_years = within_years
        self._unknown = self._result(
            UNKNOWN, "okänt, uppgift om tidigare insatser saknas", (FactKey.HISTORY,)
        )

    def _names(self, item: HistoryItem) -> bool:
        if item.insats_id in self.excluded:
            return False
        if item.insats_id is not None:
            if item.insats_id in self.insats_ids:
                return True
            enhet_of_insats = self._enhet_of_insats.get(item.insats_id)
            if enhet_of_insats is not None and enhet_of_insats.casefold() in self.enheter:
                return True
        return item.enhet is not None and item.enhet.casefold() in self.enheter

    @property
    def fact_keys(self) -> tuple[FactKey, ...]:
        return (FactKey.HISTORY,)

    def evaluate(self, situation: Situation) -> ConditionResult:
        # Built per call: the answer names dates from the history, which few requests carry.
        if situation.history is None:
            return self._unknown
        as_of = situation.as_of
        for item in situation.history:
            if self._names(item) and item.ended_on <= as_of <= add_years(
                item.ended_on, self.within_years
            ):
                return self._result(
                    MET, f"uppfyllt, insatsen avslutades {item.ended_on.isoformat()}"
                )
        period = "ett år" if self.within_years == 1 else f"{self.within_years} år"
        return self._result(
            NOT_MET,
            f"inte uppfyllt, ingen sådan insats avslutad inom {period} före {as_of.isoformat()}",
        )


class StayLimit(Condition):
    """Akutboendet (4.1.1): without folkbokföring in the kommun, or when it is unknown, a stay
    lasts at most until the next vardag; a longer `stay_until` is not met."""

    __slots__ = ("_by_day", "_folkbokford", "kommunkod", "place")

    def __init__(
        self, code: str, description: str, source: str, kommunkod: str, place: str
    ) -> None:
        super().__init__(code, description, source)
        self.kommunkod = kommunkod
        self.place = place  # the kommun's name, for what would change the answer
        self._folkbokford = self._result(
            MET, "uppfyllt, folkbokförd i kommunen: vistelsen begränsas inte till nästa vardag"
        )
        self._by_day: dict[tuple[dt.date, bool], ConditionResult] = {}

    @property
    def fact_keys(self) -> tuple[FactKey, ...]:
        return (FactKey.APPLICANT_FOLKBOKFORD, FactKey.STAY_UNTIL)

    def evaluate(self, situation: Situation) -> ConditionResult:
        if situation.applicant.folkbokford_kommunkod == self.kommunkod:
            return self._folkbokford
        as_of = situation.as_of
        result = remembered(self._by_day, (as_of, False), self._judge, MEMO_LIMIT)
        wanted = situation.stay_until
        if wanted is not None and result.stay_limit is not None and wanted > result.stay_limit:
            return remembered(self._by_day, (as_of, True), self._judge, MEMO_LIMIT)
        return result

    def ways(self, result: ConditionResult, situation: Situation) -> tuple[Way, ...]:
        until = result.stay_limit.isoformat() if result.stay_limit else "nästa vardag"
        return (
            Way(
                (self.code,),
                f"personen är folkbokförd i {self.place} eller vistelsen slutar senast {until}",
            ),
        )

    def _judge(self, key: tuple[dt.date, bool]) -> ConditionResult:
        as_of, too_long = key
        limit = next_vardag(as_of)
        if too_long:
            return self._result(
                NOT_MET,
                f"inte uppfyllt, utan folkbokföring i kommunen slutar vistelsen senast "
                f"{limit.isoformat()}, nästa vardag (personen lämnar sovplatsen den morgonen)",
                stay_limit=limit,
            )
        return self._result(
            MET,
            f"uppfyllt för en vistelse som slutar senast {limit.isoformat()}, nästa vardag "
            "(personen lämnar sovplatsen den morgonen); för längre tid krävs folkbokföring i "
            "kommunen",
            stay_limit=limit,
        )


class AnyOf(Condition):
    """Met when any part is met; not met when every part is not met; otherwise unknown."""

    __slots__ = ("_met_by", "_none", "_unknown_for", "parts")

    def __init__(
        self, code: str, description: str, source: str, parts: Iterable[Condition]
    ) -> None:
        super().__init__(code, description, source)
        self.parts = tuple(parts)
        self._none = self._result(NOT_MET, "inte uppfyllt, inget av alternativen gäller")
        # Keyed by the first met part's message, and by what is missing: few distinct values.
        self._met_by: dict[str, ConditionResult] = {}
        self._unknown_for: dict[tuple[FactKey, ...], ConditionResult] = {}

    @property
    def fact_keys(self) -> tuple[FactKey, ...]:
        return tuple(dict.fromkeys(key for part in self.parts for key in part.fact_keys))

    def evaluate(self, situation: Situation) -> ConditionResult:
        results = [part.evaluate(situation) for part in self.parts]
        for result in results:
            if result.status is MET:
                return remembered(self._met_by, result.message, self._met, MEMO_LIMIT)
        if all(r.status is NOT_MET for r in results):
            return self._none
        missing = tuple(dict.fromkeys(k for r in results for k in r.missing))
        return remembered(self._unknown_for, missing, self._unknown, MEMO_LIMIT)

    def ways(self, result: ConditionResult, situation: Situation) -> tuple[Way, ...]:
        """Any part met meets it: each part's ways are ways of this villkor."""
        return tuple(
            way for part in self.parts for way in part.ways(part.evaluate(situation), situation)
        )

    def _met(self, part_message: str) -> ConditionResult:
        return self._result(MET, f"uppfyllt ({_lowercase_first(part_message)})")

    def _unknown(self, missing: tuple[FactKey, ...]) -> ConditionResult:
        return self._result(UNKNOWN, "okänt, uppgift saknas för att avgöra", missing)


def _lowercase_first(text: str) -> str:
    return text[:1].lower() + text[1:].rstrip(".")


def _subject_first(description: str, subject: str) -> str:
    """A description as a clause after "om": its own subject when it names one ("Barnet är
    folkbokfört …"), else `subject` before it ("Har en CRA-behandlare" → "personen har …")."""
    clause = _lowercase_first(" ".join(description.split()))
    if clause.startswith(("barnet ", "personen ")):
        return clause
    return subject + clause
