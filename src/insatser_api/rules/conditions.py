"""The closed set of condition kinds. Each is a small class: parameters from the catalogue,
an `evaluate` that answers met / not met / unknown with a Swedish message citing the bilaga."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping

from insatser_api.rules.age import add_years
from insatser_api.rules.calendar import next_vardag
from insatser_api.rules.decision import ConditionResult, Status
from insatser_api.rules.situation import NOT_FOLKBOKFORD, FactValue, Situation

APPLICANT_AGE = "applicant.age"
APPLICANT_FOLKBOKFORD = "applicant.folkbokford_kommunkod"
HISTORY = "history"
STAY_UNTIL = "stay_until"


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

    __slots__ = ("max_age", "min_age")

    def __init__(
        self, code: str, description: str, source: str, min_age: int | None, max_age: int | None
    ) -> None:
        super().__init__(code, description, source)
        self.min_age = min_age
        self.max_age = max_age

    @property
    def fact_keys(self) -> tuple[str, ...]:
        return (APPLICANT_AGE,)

    def evaluate(self, situation: Situation) -> ConditionResult:
        age = situation.age()
        if age is None:
            return self._result(Status.UNKNOWN, "okänt, personens ålder saknas", (APPLICANT_AGE,))
        too_young = self.min_age is not None and age < self.min_age
        too_old = self.max_age is not None and age > self.max_age
        if too_young or too_old:
            return self._result(Status.NOT_MET, f"inte uppfyllt, personen är {age} år")
        return self._result(Status.MET, f"uppfyllt, personen är {age} år")


class _OneFact(Condition):
    """A condition on one stated fact; an absent fact is unknown and is asked for."""

    __slots__ = ("fact",)

    def __init__(self, code: str, description: str, source: str, fact: str) -> None:
        super().__init__(code, description, source)
        self.fact = fact

    @property
    def fact_keys(self) -> tuple[str, ...]:
        return (self.fact,)

    def evaluate(self, situation: Situation) -> ConditionResult:
        value = situation.fact(self.fact)
        if value is None:
            return self._result(Status.UNKNOWN, "okänt, uppgiften saknas", (self.fact,))
        return self._judge(value)

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
            return self._result(Status.MET, "uppfyllt")
        if value == NOT_FOLKBOKFORD:
            return self._result(
                Status.NOT_MET,
                "inte uppfyllt, personen har samordningsnummer och är inte folkbokförd",
            )
        return self._result(Status.NOT_MET, f"inte uppfyllt, angiven kommunkod är {value}")


class YesNoFact(_OneFact):
    """A fact the person states, yes or no; no assessment is made (bilagan avsnitt 1)."""

    __slots__ = ("expected",)

    def __init__(self, code: str, description: str, source: str, fact: str, expected: bool) -> None:
        super().__init__(code, description, source, fact)
        self.expected = expected

    def _judge(self, value: FactValue) -> ConditionResult:
        if value is self.expected:
            return self._result(Status.MET, "uppfyllt")
        return self._result(Status.NOT_MET, "inte uppfyllt")


class EarlierInsats(Condition):
    """An earlier insats, named by id or by enhet, that ended at most `within_years` before the
    prövningsdag: `ended_on` ≤ as_of ≤ `ended_on` + years, both ends inclusive."""

    __slots__ = ("enheter", "insats_ids", "within_years")

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
        # An insats named by id counts if it is listed, or if it belongs to a listed enhet.
        self.insats_ids = frozenset(insats_ids) | frozenset(
            insats_id
            for insats_id, enhet in enhet_of_insats.items()
            if enhet.casefold() in self.enheter
        )
        self.within_years = within_years

    @property
    def fact_keys(self) -> tuple[str, ...]:
        return (HISTORY,)

    def evaluate(self, situation: Situation) -> ConditionResult:
        if situation.history is None:
            return self._result(
                Status.UNKNOWN, "okänt, uppgift om tidigare insatser saknas", (HISTORY,)
            )
        as_of = situation.as_of
        for item in situation.history:
            named = item.insats_id in self.insats_ids or (
                item.enhet is not None and item.enhet.casefold() in self.enheter
            )
            if named and item.ended_on <= as_of <= add_years(item.ended_on, self.within_years):
                return self._result(
                    Status.MET, f"uppfyllt, insatsen avslutades {item.ended_on.isoformat()}"
                )
        period = "ett år" if self.within_years == 1 else f"{self.within_years} år"
        return self._result(
            Status.NOT_MET,
            f"inte uppfyllt, ingen sådan insats avslutad inom {period} före {as_of.isoformat()}",
        )


class StayLimit(Condition):
    """Akutboendet (4.1.1): without folkbokföring in the kommun, or when it is unknown, a stay
    lasts at most until the next vardag; a longer `stay_until` is not met."""

    __slots__ = ("kommunkod",)

    def __init__(self, code: str, description: str, source: str, kommunkod: str) -> None:
        super().__init__(code, description, source)
        self.kommunkod = kommunkod

    @property
    def fact_keys(self) -> tuple[str, ...]:
        return (APPLICANT_FOLKBOKFORD, STAY_UNTIL)

    def evaluate(self, situation: Situation) -> ConditionResult:
        if situation.fact(APPLICANT_FOLKBOKFORD) == self.kommunkod:
            return self._result(
                Status.MET,
                "uppfyllt, folkbokförd i kommunen: vistelsen begränsas inte till nästa vardag",
            )
        limit = next_vardag(situation.as_of)
        wanted = situation.stay_until
        if wanted is not None and wanted > limit:
            return self._result(
                Status.NOT_MET,
                f"inte uppfyllt, utan folkbokföring i kommunen kan vistelsen vara längst till och "
                f"med {limit.isoformat()} (nästa vardag)",
                stay_limit=limit,
            )
        return self._result(
            Status.MET,
            f"uppfyllt för en vistelse till och med {limit.isoformat()} (nästa vardag); "
            "för längre tid krävs folkbokföring i kommunen",
            stay_limit=limit,
        )


class AnyOf(Condition):
    """Met when any part is met; not met when every part is not met; otherwise unknown."""

    __slots__ = ("parts",)

    def __init__(
        self, code: str, description: str, source: str, parts: Iterable[Condition]
    ) -> None:
        super().__init__(code, description, source)
        self.parts = tuple(parts)

    @property
    def fact_keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(key for part in self.parts for key in part.fact_keys))

    def evaluate(self, situation: Situation) -> ConditionResult:
        results = [part.evaluate(situation) for part in self.parts]
        met = [r for r in results if r.status is Status.MET]
        if met:
            return self._result(Status.MET, f"uppfyllt ({_lowercase_first(met[0].message)})")
        if all(r.status is Status.NOT_MET for r in results):
            return self._result(Status.NOT_MET, "inte uppfyllt, inget av alternativen gäller")
        missing = tuple(dict.fromkeys(k for r in results for k in r.missing))
        return self._result(Status.UNKNOWN, "okänt, uppgift saknas för att avgöra", missing)


def _lowercase_first(text: str) -> str:
    return text[:1].lower() + text[1:].rstrip(".")
