"""The closed set of condition kinds. Each is a small class: parameters from the catalogue,
an `evaluate` that answers met / not met / unknown with a Swedish message citing the bilaga.

Speed (docs/performance.md): a form screens every insats on each change, so `evaluate` returns
results built once. What depends only on the catalogue is built in `__init__`; what also depends
on one value of the request (an age, a kommunkod, the prövningsdag) is built the first time that
value is seen and kept in a small per-condition memo. Results are frozen, so sharing them between
requests is safe.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping

from insatser_api.rules.age import add_years
from insatser_api.rules.calendar import next_vardag
from insatser_api.rules.decision import ConditionResult, Status
from insatser_api.rules.memo import remembered
from insatser_api.rules.situation import NOT_FOLKBOKFORD, FactValue, HistoryItem, Situation

APPLICANT_AGE = "applicant.age"
APPLICANT_FOLKBOKFORD = "applicant.folkbokford_kommunkod"
HISTORY = "history"
STAY_UNTIL = "stay_until"

MET, NOT_MET, UNKNOWN = Status.MET, Status.NOT_MET, Status.UNKNOWN

# Enough for every age (0–130) and every kommunkod or day a busy server meets; past it a memo
# stops growing and further results are built per call, so odd input cannot fill the memory.
MEMO_LIMIT = 512


class Condition(ABC):
    """One villkor. Subclasses set their parameters and implement `evaluate`."""

    __slots__ = ("code", "description", "source")

    def __init__(self, code: str, description: str, source: str) -> None:
        self.code = code
        self.description = description
        self.source = source

    @property
    @abstractmethod
    def fact_keys(self) -> tuple[str, ...]:
        """The request facts this condition reads (for forms and `missing_facts`)."""

    @abstractmethod
    def evaluate(self, situation: Situation) -> ConditionResult: ...

    def _result(
        self,
        status: Status,
        verdict: str,
        missing: tuple[str, ...] = (),
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
        self._unknown = self._result(UNKNOWN, "okänt, personens ålder saknas", (APPLICANT_AGE,))
        self._by_age: dict[int, ConditionResult] = {}

    @property
    def fact_keys(self) -> tuple[str, ...]:
        return (APPLICANT_AGE,)

    def evaluate(self, situation: Situation) -> ConditionResult:
        age = situation.facts.get(APPLICANT_AGE)
        # `type(...) is int` is the common case, checked first; a bool is never an age.
        if type(age) is not int and (not isinstance(age, int) or isinstance(age, bool)):
            return self._unknown
        # `remembered`, with its call saved on the common path (a hit).
        return self._by_age.get(age) or remembered(self._by_age, age, self._judge, MEMO_LIMIT)

    def _judge(self, age: int) -> ConditionResult:
        too_young = self.min_age is not None and age < self.min_age
        too_old = self.max_age is not None and age > self.max_age
        if too_young or too_old:
            return self._result(NOT_MET, f"inte uppfyllt, personen är {age} år")
        return self._result(MET, f"uppfyllt, personen är {age} år")


class _OneFact(Condition):
    """A condition on one stated fact; an absent fact is unknown and is asked for."""

    __slots__ = ("_by_plain", "_by_value", "_unknown", "fact")

    # The type the fact's values have when the request is well formed (str for a kommunkod,
    # bool for a yes/no fact): such values are looked up directly, in `_by_plain`.
    plain_type: type[FactValue] = str

    def __init__(self, code: str, description: str, source: str, fact: str) -> None:
        super().__init__(code, description, source)
        self.fact = fact
        self._unknown = self._result(UNKNOWN, "okänt, uppgiften saknas", (fact,))
        # Keyed by (type, value) so that True and 1 never share a result.
        self._by_value: dict[tuple[type, FactValue], ConditionResult] = {}
        # The same results for values of `plain_type` only, keyed by the value alone: one type
        # per memo, so True and 1 cannot meet here either.
        self._by_plain: dict[FactValue, ConditionResult] = {}

    @property
    def fact_keys(self) -> tuple[str, ...]:
        return (self.fact,)

    def evaluate(self, situation: Situation) -> ConditionResult:
        value = situation.facts.get(self.fact)
        if value is None:
            return self._unknown
        if type(value) is self.plain_type:
            return self._by_plain.get(value) or remembered(
                self._by_plain, value, self._judge, MEMO_LIMIT
            )
        return remembered(self._by_value, (type(value), value), self._judge_key, MEMO_LIMIT)

    def _judge_key(self, key: tuple[type, FactValue]) -> ConditionResult:
        return self._judge(key[1])

    @abstractmethod
    def _judge(self, value: FactValue) -> ConditionResult: ...


class InKommun(_OneFact):
    """A kommunkod fact (folkbokföring of applicant or child, a placement) equals `kommunkod`."""

    __slots__ = ("kommunkod",)

    def __init__(self, code: str, description: str, source: str, fact: str, kommunkod: str) -> None:
        super().__init__(code, description, source, fact)
        self.kommunkod = kommunkod

    def _judge(self, value: FactValue) -> ConditionResult:
        if value == self.kommunkod:
            return self._result(MET, "uppfyllt")
        if value == NOT_FOLKBOKFORD:
            return self._result(
                NOT_MET, "inte uppfyllt, personen har samordningsnummer och är inte folkbokförd"
            )
        return self._result(NOT_MET, f"inte uppfyllt, angiven kommunkod är {value}")


class YesNoFact(_OneFact):
    """A fact the person states, yes or no; no assessment is made (bilagan avsnitt 1)."""

    __slots__ = ("expected",)

    plain_type = bool

    def __init__(self, code: str, description: str, source: str, fact: str, expected: bool) -> None:
        super().__init__(code, description, source, fact)
        self.expected = expected

    def _judge(self, value: FactValue) -> ConditionResult:
        if value is self.expected:
            return self._result(MET, "uppfyllt")
        return self._result(NOT_MET, "inte uppfyllt")


class EarlierInsats(Condition):
    """An earlier insats, named by id or by enhet, that ended at most `within_years` before the
    prövningsdag: `ended_on` ≤ as_of ≤ `ended_on` + years, both ends inclusive."""

    __slots__ = ("_enhet_of_insats", "_unknown", "enheter", "insats_ids", "within_years")

    def __init__(
        self,
        code: str,
        description: str,
        source: str,
        insats_ids: Iterable[str],
        enheter: Iterable[str],
        within_years: int,
        enhet_of_insats: Mapping[str, str],
    ) -> None:
        super().__init__(code, description, source)
        self.enheter = frozenset(e.casefold() for e in enheter)
        self.insats_ids = frozenset(insats_ids)
        # An insats named by id counts if it is listed, or if it belongs to a listed enhet. The
        # catalogue's mapping is kept, not copied into a set per condition, so compiling stays
        # linear in the number of insatser; the lookup is done when a history is judged.
        self._enhet_of_insats = enhet_of_insats
        self.within_years = within_years
        self._unknown = self._result(
            UNKNOWN, "okänt, uppgift om tidigare insatser saknas", (HISTORY,)
        )

    def _names(self, item: HistoryItem) -> bool:
        if item.insats_id is not None:
            if item.insats_id in self.insats_ids:
                return True
            enhet_of_insats = self._enhet_of_insats.get(item.insats_id)
            if enhet_of_insats is not None and enhet_of_insats.casefold() in self.enheter:
                return True
        return item.enhet is not None and item.enhet.casefold() in self.enheter

    @property
    def fact_keys(self) -> tuple[str, ...]:
        return (HISTORY,)

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

    __slots__ = ("_by_day", "_folkbokford", "kommunkod")

    def __init__(self, code: str, description: str, source: str, kommunkod: str) -> None:
        super().__init__(code, description, source)
        self.kommunkod = kommunkod
        self._folkbokford = self._result(
            MET, "uppfyllt, folkbokförd i kommunen: vistelsen begränsas inte till nästa vardag"
        )
        self._by_day: dict[tuple[dt.date, bool], ConditionResult] = {}

    @property
    def fact_keys(self) -> tuple[str, ...]:
        return (APPLICANT_FOLKBOKFORD, STAY_UNTIL)

    def evaluate(self, situation: Situation) -> ConditionResult:
        if situation.facts.get(APPLICANT_FOLKBOKFORD) == self.kommunkod:
            return self._folkbokford
        as_of = situation.as_of
        result = remembered(self._by_day, (as_of, False), self._judge, MEMO_LIMIT)
        wanted = situation.stay_until
        if wanted is not None and result.stay_limit is not None and wanted > result.stay_limit:
            return remembered(self._by_day, (as_of, True), self._judge, MEMO_LIMIT)
        return result

    def _judge(self, key: tuple[dt.date, bool]) -> ConditionResult:
        as_of, too_long = key
        limit = next_vardag(as_of)
        if too_long:
            return self._result(
                NOT_MET,
                f"inte uppfyllt, utan folkbokföring i kommunen kan vistelsen vara längst till och "
                f"med {limit.isoformat()} (nästa vardag)",
                stay_limit=limit,
            )
        return self._result(
            MET,
            f"uppfyllt för en vistelse till och med {limit.isoformat()} (nästa vardag); "
            "för längre tid krävs folkbokföring i kommunen",
            stay_limit=limit,
        )


class AnyOf(Condition):
    """Met when any part is met; not met when every part is not met; otherwise unknown."""

    __slots__ = ("_by_parts", "_met_by", "_none", "_unknown_for", "parts")

    def __init__(
        self, code: str, description: str, source: str, parts: Iterable[Condition]
    ) -> None:
        super().__init__(code, description, source)
        self.parts = tuple(parts)
        self._none = self._result(NOT_MET, "inte uppfyllt, inget av alternativen gäller")
        # Keyed by the first met part's message, and by what is missing: both come from the
        # parts' own (remembered) results, so these memos stay small.
        self._met_by: dict[str, ConditionResult] = {}
        self._unknown_for: dict[tuple[str, ...], ConditionResult] = {}
        self._by_parts: dict[
            tuple[int, ...], tuple[tuple[ConditionResult, ...], ConditionResult]
        ] = {}

    @property
    def fact_keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(key for part in self.parts for key in part.fact_keys))

    def evaluate(self, situation: Situation) -> ConditionResult:
        # The parts return shared results, so the answer is remembered by which results came
        # back: keyed on their id()s, the entry holding the results themselves so that no id
        # in a stored key can be taken by another object (bounded like `remembered`).
        results = tuple([part.evaluate(situation) for part in self.parts])
        key = tuple(map(id, results))
        entry = self._by_parts.get(key) or remembered(
            self._by_parts, key, lambda _: (results, self._combine(results)), MEMO_LIMIT
        )
        return entry[1]

    def _combine(self, results: tuple[ConditionResult, ...]) -> ConditionResult:
        """The answer for the parts' results (the reference for `evaluate`)."""
        for result in results:
            if result.status is MET:
                return remembered(self._met_by, result.message, self._met, MEMO_LIMIT)
        if all(r.status is NOT_MET for r in results):
            return self._none
        missing = tuple(dict.fromkeys(k for r in results for k in r.missing))
        return remembered(self._unknown_for, missing, self._unknown, MEMO_LIMIT)

    def _met(self, part_message: str) -> ConditionResult:
        return self._result(MET, f"uppfyllt ({_lowercase_first(part_message)})")

    def _unknown(self, missing: tuple[str, ...]) -> ConditionResult:
        return self._result(UNKNOWN, "okänt, uppgift saknas för att avgöra", missing)


def _lowercase_first(text: str) -> str:
    return text[:1].lower() + text[1:].rstrip(".")
