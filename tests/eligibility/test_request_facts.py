"""Each fact key has one definition (rules/facts.py): the request schema and the typed situation
hold every fact at the key's path, and every fact the request states has a key."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import BaseModel

from insatser_api.eligibility.schemas import EligibilityRequest
from insatser_api.rules import FactKey, Situation
from insatser_api.rules.facts import read_fact

# Request fields that are not facts a villkor reads: the prövningsdag, what an age is worked
# out from, and `child.exists`, from which "no child" is worked out (situation_from_request.py).
NOT_FACTS = {
    "as_of",
    "applicant.personnummer",
    "applicant.birth_date",
    "child.birth_date",
    "child.exists",
}


def _leaves(model: type[BaseModel], prefix: str = "") -> set[str]:
    found = set()
    for name, field in model.model_fields.items():
        nested = [arg for arg in getattr(field.annotation, "__args__", ()) if isinstance(arg, type)]
        models = [arg for arg in nested if issubclass(arg, BaseModel)]
        if models and name != "history":
            found |= _leaves(models[0], f"{prefix}{name}.")
        else:
            found.add(f"{prefix}{name}")
    return found


def test_the_request_states_exactly_the_fact_keys() -> None:
    assert _leaves(EligibilityRequest) - NOT_FACTS == {key.value for key in FactKey}


@pytest.mark.parametrize("key", list(FactKey))
def test_the_situation_holds_each_fact_at_its_key(key: FactKey) -> None:
    empty = Situation(as_of=dt.date(2026, 3, 16))
    assert read_fact(empty, key) is None
    value: object = {"history": (), "stay_until": dt.date(2026, 3, 17)}.get(key.value, "x")
    assert read_fact(empty.with_fact(key, value), key) == value
