"""From a request body to the rules layer's typed `Situation`, refusing bad or contradictory
input.

Nothing here repeats a personnummer or a birth date in an error: the caller knows what it sent,
and error bodies end up in logs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from insatser_api import rules
from insatser_api.catalog.registry import CatalogVersion
from insatser_api.eligibility.schemas import Applicant, Child, EligibilityRequest
from insatser_api.facts import NO_CHILD, NO_KOMMUN
from insatser_api.kit.errors import FieldError, InvalidRequest
from insatser_api.rules import (
    NOT_FOLKBOKFORD,
    HistoryItem,
    IdentityNumberError,
    Situation,
    StatedFacts,
    completed_years,
    parse_identity_number,
)

MAX_AGE = 130


@dataclass(slots=True)
class _Errors:
    items: list[FieldError]

    def add(self, field: str, message: str, code: str) -> None:
        self.items.append(FieldError(field=field, message=message, code=code))


def build_situation(
    request: EligibilityRequest, as_of: dt.date, version: CatalogVersion
) -> Situation:
    errors = _Errors([])
    applicant = rules.Applicant()
    if request.applicant is not None:
        applicant = _applicant(request.applicant, as_of, errors)
    child = rules.Child()
    if request.child is not None:
        child = _child(request.child, as_of, errors)
    # The request's facts and the situation's are the same fields (rules/facts.py).
    facts = (
        StatedFacts(**request.facts.model_dump()) if request.facts is not None else StatedFacts()
    )
    _placement_agrees(facts, errors)
    history = None
    if request.history is not None:
        for index, entry in enumerate(request.history):
            if entry.insats_id is not None and entry.insats_id not in version.insatser:
                errors.add(
                    f"history[{index}].insats_id",
                    f"Okänd insats i katalogversion {version.version}.",
                    "unknown_insats",
                )
        history = tuple(HistoryItem(e.insats_id, e.enhet, e.ended_on) for e in request.history)
    if request.stay_until is not None and request.stay_until < as_of:
        errors.add("stay_until", "Får inte ligga före prövningsdagen (as_of).", "before_as_of")
    if errors.items:
        raise InvalidRequest("Begäran innehåller ogiltiga uppgifter; se errors.", errors.items)
    return Situation(
        as_of=as_of,
        applicant=applicant,
        child=child,
        facts=facts,
        guardian_consent=request.guardian_consent,
        history=history,
        stay_until=request.stay_until,
    )


def _applicant(applicant: Applicant, as_of: dt.date, errors: _Errors) -> rules.Applicant:
    birth_from_number: dt.date | None = None
    folkbokford: str | None = applicant.folkbokford_kommunkod
    if applicant.personnummer is not None:
        try:
            identity = parse_identity_number(applicant.personnummer, as_of)
        except IdentityNumberError as exc:
            errors.add("applicant.personnummer", exc.message, exc.code)
        else:
            birth_from_number = identity.birth_date
            if identity.is_samordningsnummer and folkbokford not in (None, NO_KOMMUN):
                # A samordningsnummer is given to people who are not folkbokförda (rules.md).
                errors.add(
                    "applicant.folkbokford_kommunkod",
                    "Den som har samordningsnummer är inte folkbokförd; ange inte "
                    "folkbokföringskommun tillsammans med ett samordningsnummer.",
                    "contradicts_samordningsnummer",
                )
            elif identity.is_samordningsnummer:
                folkbokford = NOT_FOLKBOKFORD
    age = _age(
        "applicant",
        as_of,
        applicant.birth_date,
        applicant.age,
        errors,
        birth_from_number=birth_from_number,
    )
    birth_date = birth_from_number or applicant.birth_date
    return rules.Applicant(
        age=age,
        folkbokford_kommunkod=folkbokford,
        birth_date=birth_date if age is not None else None,
    )


def _child(child: Child, as_of: dt.date, errors: _Errors) -> rules.Child:
    if child.exists is False:
        # No child: the child's folkbokföring is known (there is none) and no child takes part
        # in any talks; anything else said about a child contradicts it.
        for name in sorted(child.model_fields_set - {"exists"}):
            if getattr(child, name) is not None:
                errors.add(
                    f"child.{name}",
                    "Uppgifter om ett barn kan inte anges när child.exists är false (inget barn).",
                    "contradicts_no_child",
                )
        return rules.Child(folkbokford_kommunkod=NO_CHILD, participates=False)
    return rules.Child(
        age=_age("child", as_of, child.birth_date, child.age, errors),
        folkbokford_kommunkod=child.folkbokford_kommunkod,
        participates=child.participates,
    )


def _placement_agrees(facts: StatedFacts, errors: _Errors) -> None:
    """`none` (not placed) for one placement field and a kommun for the other contradict."""
    by, in_ = facts.placed_outside_home_by_kommunkod, facts.placed_outside_home_in_kommunkod
    if by is not None and in_ is not None and (by == NO_KOMMUN) != (in_ == NO_KOMMUN):
        for name in ("placed_outside_home_by_kommunkod", "placed_outside_home_in_kommunkod"):
            errors.add(
                f"facts.{name}",
                "Barnet kan inte både vara placerat och inte placerat utanför det egna hemmet.",
                "contradictory",
            )


def _age(
    subject: str,
    as_of: dt.date,
    birth_date: dt.date | None,
    stated_age: int | None,
    errors: _Errors,
    *,
    birth_from_number: dt.date | None = None,
) -> int | None:
    """One age from personnummer, birth date and stated age; 422 when they disagree."""
    count_before = len(errors.items)
    if birth_date is not None and birth_date > as_of:
        errors.add(f"{subject}.birth_date", "Ligger efter prövningsdagen (as_of).", "in_future")
    ages: dict[str, int] = {}
    if birth_from_number is not None:
        ages[f"{subject}.personnummer"] = completed_years(birth_from_number, as_of)
    if birth_date is not None and birth_date <= as_of:
        ages[f"{subject}.birth_date"] = completed_years(birth_date, as_of)
    if stated_age is not None:
        ages[f"{subject}.age"] = stated_age
    for field, age in ages.items():
        if age > MAX_AGE:
            errors.add(field, f"Ger en ålder över {MAX_AGE} år.", "age_too_high")
    if birth_from_number is not None and birth_date is not None and birth_from_number != birth_date:
        for field in (f"{subject}.personnummer", f"{subject}.birth_date"):
            errors.add(
                field, "Personnummer och födelsedatum stämmer inte överens.", "contradictory"
            )
    elif len(set(ages.values())) > 1:
        for field in ages:
            errors.add(field, "Uppgifterna om ålder stämmer inte överens.", "contradictory")
    if len(errors.items) > count_before or not ages:
        return None
    return next(iter(ages.values()))
